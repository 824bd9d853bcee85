import { seededUniform } from './random.js';

/**
 * Number of B simulated tables, with the margins of `rowTotals` and `colTotals`, whose
 * sum of log(x_ij!) is at least `minLogFactorialSum` (that is, whose probability is at most
 * the observed one's times the tolerance: P(table) is proportional to 1 / prod x_ij!).
 * As R's fisher.test(simulate.p.value = TRUE), the p-value is then (1 + hits) / (B + 1).
 *
 * Tables are drawn row by row (the last row is what is left), each row cell by cell by
 * sequential hypergeometric inversion: x_ij is the number of the row's remaining persons
 * that fall in column j among the persons left in columns j, j + 1, ... . The uniforms come
 * from a seeded xoshiro128** stream, so the result is deterministic. For a 2 x k table with
 * the free row first this is the sampler of the earlier 2 x k code, draw for draw.
 */
export function monteCarloHits(
  rowTotals: number[],
  colTotals: number[],
  minLogFactorialSum: number,
  replicates: number,
  seed: number,
  lf: (i: number) => number,
): number {
  const rand = seededUniform(seed);
  const r = rowTotals.length;
  const c = colTotals.length;
  const left = new Array<number>(c);
  // One chop-down sequence per (good, bad, draws), reused by every replicate that needs it.
  const firstRow = Array.from({ length: c }, () => new Map<number, ChopDown>());
  const laterRows = new Map<string, ChopDown>();
  let hits = 0;
  for (let rep = 0; rep < replicates; rep++) {
    for (let j = 0; j < c; j++) left[j] = colTotals[j];
    let sum = 0;
    for (let i = 0; i < r - 1; i++) {
      let rowLeft = rowTotals[i];
      let pool = 0;
      for (let j = 0; j < c; j++) pool += left[j];
      for (let j = 0; j < c - 1; j++) {
        pool -= left[j];
        let sequence: ChopDown | undefined;
        if (i === 0) {
          sequence = firstRow[j].get(rowLeft);
          if (sequence === undefined) {
            sequence = new ChopDown(rowLeft, left[j], pool, lf);
            firstRow[j].set(rowLeft, sequence);
          }
        } else {
          const key = `${left[j]},${pool},${rowLeft}`;
          sequence = laterRows.get(key);
          if (sequence === undefined) {
            sequence = new ChopDown(rowLeft, left[j], pool, lf);
            laterRows.set(key, sequence);
          }
        }
        const v = sequence.draw(rand);
        sum += lf(v);
        left[j] -= v;
        rowLeft -= v;
      }
      sum += lf(rowLeft);
      left[c - 1] -= rowLeft;
    }
    for (let j = 0; j < c; j++) sum += lf(left[j]);
    if (sum >= minLogFactorialSum) hits += 1;
  }
  return hits;
}

/**
 * Draws of the number of "good" items among `draws` taken without replacement from
 * `good` good and `bad` bad items: inversion over the support ordered from the mode outward
 * by decreasing probability (chop-down search), O(sd) work per draw. The search order and
 * its probabilities (by the term ratio) are computed once, as far as some draw has needed
 * them, and reused: every draw subtracts the same numbers in the same order.
 */
class ChopDown {
  private readonly lo: number;
  private readonly hi: number;
  private readonly mode: number;
  private readonly pMode: number;
  private readonly values: number[] = [];
  private readonly probabilities: number[] = [];
  private down: number;
  private up: number;
  private nextDown: number;
  private nextUp: number;

  constructor(
    private readonly draws: number,
    private readonly good: number,
    private readonly bad: number,
    lf: (i: number) => number,
  ) {
    this.lo = Math.max(0, draws - bad);
    this.hi = Math.min(draws, good);
    this.mode = Math.min(this.hi, Math.max(this.lo, Math.floor(((draws + 1) * (good + 1)) / (good + bad + 2))));
    const lchoose = (a: number, b: number): number => lf(a) - lf(b) - lf(a - b);
    const mode = this.mode;
    this.pMode = this.lo === this.hi ? 1 : Math.exp(lchoose(good, mode) + lchoose(bad, draws - mode) - lchoose(good + bad, draws));
    this.down = mode;
    this.up = mode;
    const p = this.pMode;
    this.nextDown = mode > this.lo ? (p * mode * (bad - draws + mode)) / ((good - mode + 1) * (draws - mode + 1)) : 0;
    this.nextUp = mode < this.hi ? (p * (good - mode) * (draws - mode)) / ((mode + 1) * (bad - draws + mode + 1)) : 0;
  }

  /** One draw; no uniform is taken when the support is a single value. */
  draw(rand: () => number): number {
    if (this.lo === this.hi) return this.lo;
    let u = rand() - this.pMode;
    if (u <= 0) return this.mode;
    const { values, probabilities } = this;
    for (let t = 0; ; t++) {
      if (t === values.length && !this.extend()) return this.mode; // only reached through rounding in the last ulp of u
      u -= probabilities[t];
      if (u <= 0) return values[t];
    }
  }

  /** Appends the next candidate of the search (below or above, whichever is more probable); false when none is left. */
  private extend(): boolean {
    const { good, bad, draws } = this;
    if (!(this.nextDown > 0 || this.nextUp > 0)) return false;
    if (this.nextUp >= this.nextDown) {
      const up = ++this.up;
      const pUp = this.nextUp;
      this.values.push(up);
      this.probabilities.push(pUp);
      this.nextUp = up < this.hi ? (pUp * (good - up) * (draws - up)) / ((up + 1) * (bad - draws + up + 1)) : 0;
    } else {
      const down = --this.down;
      const pDown = this.nextDown;
      this.values.push(down);
      this.probabilities.push(pDown);
      this.nextDown = down > this.lo ? (pDown * down * (bad - draws + down)) / ((good - down + 1) * (draws - down + 1)) : 0;
    }
    return true;
  }
}
