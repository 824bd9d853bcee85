import gammaln from '@stdlib/math-base-special-gammaln';
import log1p from '@stdlib/math-base-special-log1p';
import { seededUniform } from './random.js';
import type { StatWarning } from './types.js';

export interface FisherOptions {
  /** Seed of the Monte Carlo generator (default 20221110), so output is deterministic. */
  seed?: number;
  /** Largest number of enumeration leaves (see fisherExact) before falling back to Monte Carlo. */
  maxTables?: number;
  /** Monte Carlo replicates B (default 100 000). */
  replicates?: number;
}

export interface FisherResult {
  pValue: number | null;
  method: 'exact' | 'monte-carlo';
  /** Monte Carlo only: number of simulated tables B. */
  replicates?: number;
  /** Monte Carlo only: seed used. */
  seed?: number;
  /** Exact only: number of tables with the observed margins (a count, may exceed 2^53). */
  tables?: number;
  warnings: StatWarning[];
}

import { FISHER_DEFAULT_SEED } from './defaults.js';
const FISHER_DEFAULT_REPLICATES = 100_000;
const FISHER_DEFAULT_MAX_TABLES = 2_000_000;

/** R's 2x2 tie rule: d <= d_obs * (1 + 1e-7). */
const LOG_TOL_2X2 = log1p(1e-7);
/** FEXACT's TOL (R src/library/stats/src/fexact.c), added to the observed log-probability for r x c. */
const LOG_TOL_RXC = 3.45254e-7;
/** Branches whose whole probability is below P_obs * e^-60 are skipped (bounded, see below). */
const PRUNE_LOG = 60;
/** A tail sum stops when its remaining terms are provably below 1e-25 * P_obs ... */
const TAIL_EPS = 1e-25;
/** ... or below 1e-17 of the tail's own sum. */
const REL_EPS = 1e-17;

/**
 * Two-sided Fisher exact test for a 2 x k (or k x 2) table of counts, as R's
 * `fisher.test(x)`: the p-value is the total probability, under the multivariate
 * hypergeometric distribution with the observed margins, of all tables whose probability is
 * at most that of the observed table. Ties use R's tolerances: relative 1e-7 for 2 x 2
 * (fisher.test's `relErr`), log-space 3.45254e-7 otherwise (FEXACT's TOL).
 *
 * Exact method (log space, relative to P_obs, so p-values down to ~1e-300 keep precision):
 * columns are sorted by size and the smaller row is taken as the free row. The first k-2 free
 * cells are enumerated outward from their conditional modes; for each such prefix ("leaf") the
 * last two cells form a hypergeometric whose two tails below the threshold are located by
 * bisection and summed by the term ratio recurrence (or taken whole by Vandermonde's identity).
 * Branches whose total probability is provably below P_obs * e^-60 are skipped, so the
 * neglected mass is below 1e-17 * p. Empty rows and columns do not change the p-value and are
 * dropped first.
 *
 * Feasibility: the leaves are counted first (cheaply, by bisection at the last enumerated cell).
 * If more than `maxTables` are needed (default 2e6; a 2 x 2 has one leaf
 * and a 2 x 3 at most ~22 sd of its first cell), the p-value is estimated as R's
 * `simulate.p.value = TRUE`: p = (1 + #{sim: P_sim <= P_obs * tol}) / (B + 1), with tables of
 * fixed margins drawn by sequential hypergeometric inversion from a seeded xoshiro128** stream.
 * Nothing is allocated in proportion to the number of tables, so this never runs out of space.
 */
export function fisherExact(table: number[][], opts: FisherOptions = {}): FisherResult {
  const warnings: StatWarning[] = [];
  const nRow = table.length;
  const nCol = nRow > 0 ? table[0].length : 0;
  for (const row of table) {
    if (row.length !== nCol) throw new RangeError('fisherExact: rows of unequal length');
    for (const v of row) {
      if (!Number.isInteger(v) || v < 0) throw new RangeError(`fisherExact: counts must be non-negative integers, got ${v}`);
    }
  }
  const rowSums = table.map((row) => row.reduce((s, v) => s + v, 0));
  const colSums = Array.from({ length: nCol }, (_, j) => table.reduce((s, row) => s + row[j], 0));
  const rows = rowSums.flatMap((s, i) => (s > 0 ? [i] : []));
  const cols = colSums.flatMap((s, j) => (s > 0 ? [j] : []));
  if (rows.length < 2 || cols.length < 2) {
    warnings.push({
      code: 'SINGLE_TABLE',
      message: 'fewer than two non-empty rows or columns: only one table has these margins, so p = 1',
    });
    return { pValue: 1, method: 'exact', tables: 1, warnings };
  }
  if (rows.length > 2 && cols.length > 2) {
    throw new RangeError(`fisherExact: only 2 x k and k x 2 tables are supported, got ${rows.length} x ${cols.length} non-empty`);
  }
  // Orient as 2 x k: `free` holds the cells of the smaller row, `colTotals` the column sums.
  let lines: number[][];
  if (rows.length === 2) {
    lines = cols.map((j) => [table[rows[0]][j], table[rows[1]][j]]);
  } else {
    lines = rows.map((i) => [table[i][cols[0]], table[i][cols[1]]]);
  }
  const total0 = lines.reduce((s, l) => s + l[0], 0);
  const total1 = lines.reduce((s, l) => s + l[1], 0);
  const pick = total0 <= total1 ? 0 : 1;
  const pairs = lines.map((l) => ({ x: l[pick], c: l[0] + l[1] })).sort((p, q) => p.c - q.c || p.x - q.x);
  const x = pairs.map((p) => p.x);
  const c = pairs.map((p) => p.c);
  const m = Math.min(total0, total1);
  const n = total0 + total1;
  const k = c.length;
  const lf = logFactorials(n);
  const lchoose = (a: number, b: number): number => lf(a) - lf(b) - lf(a - b);
  const logNorm = lchoose(n, m);
  let logObs = -logNorm;
  for (let j = 0; j < k; j++) logObs += lchoose(c[j], x[j]);
  const logTol = k === 2 ? LOG_TOL_2X2 : LOG_TOL_RXC;

  const maxLeaves = opts.maxTables ?? FISHER_DEFAULT_MAX_TABLES;
  const exact = exactTailSum(c, m, logNorm, logObs, logTol, maxLeaves, lf);
  if (exact !== null) {
    const pValue = Math.min(1, Math.exp(logObs + Math.log(exact.sum)));
    return { pValue, method: 'exact', tables: countTables(c, m), warnings };
  }
  const replicates = opts.replicates ?? FISHER_DEFAULT_REPLICATES;
  const seed = opts.seed ?? FISHER_DEFAULT_SEED;
  const hits = monteCarloHits(c, m, logNorm, logObs + logTol, replicates, seed, lf, lchoose);
  warnings.push({
    code: 'FISHER_MONTE_CARLO',
    params: { replicates, seed },
    message: `exact enumeration exceeds ${maxLeaves} steps; p-value simulated from ${replicates} tables (seed ${seed})`,
  });
  return { pValue: (1 + hits) / (replicates + 1), method: 'monte-carlo', replicates, seed, warnings };
}

/**
 * log(i!) = gammaln(i + 1), computed when first asked for (NaN marks "not yet") and kept in
 * a table shared by all calls: a test touches few of the n + 1 values, and one report runs
 * several tests on the same n.
 */
let logFactorialTable = new Float64Array(0);

/** log(i!) for 0 <= i <= n, from the shared table when n is moderate. */
function logFactorials(n: number): (i: number) => number {
  if (n > 5_000_000) return (i) => gammaln(i + 1);
  if (logFactorialTable.length <= n) {
    const grown = new Float64Array(Math.max(n + 1, Math.min(2 * logFactorialTable.length, 5_000_001))).fill(Number.NaN);
    grown.set(logFactorialTable);
    logFactorialTable = grown;
  }
  const cache = logFactorialTable;
  return (i) => {
    let v = cache[i];
    if (Number.isNaN(v)) {
      v = i < 2 ? 0 : gammaln(i + 1);
      cache[i] = v;
    }
    return v;
  };
}

/** Log-factorial lookup: a table for moderate n, gammaln beyond. */
type LogFactorial = (i: number) => number;

/**
 * Where the previous leaf's tails began. Consecutive leaves differ by one in `s`, and their
 * tail boundaries by about a step, so each bisection is first narrowed by probing next to
 * the previous boundary. The boundary found is the same (log-concavity leaves one), so the
 * sums are unchanged, and fewer probes are needed.
 */
interface TailHint {
  s: number;
  yL: number;
  yR: number;
}

/**
 * The tail's last point: the y nearest `bad` with termOf(y) <= threshold, given
 * termOf(good) <= threshold < termOf(bad) and termOf monotone between them (either
 * order). The bracket is first narrowed by probing `guess` and its neighbour towards
 * the answer (see TailHint), then bisected.
 */
function tailBoundary(termOf: (y: number) => number, threshold: number, good: number, bad: number, guess: number): number {
  const towardsBad = bad > good ? 1 : -1;
  if ((guess - good) * towardsBad > 0 && (bad - guess) * towardsBad > 0) {
    const probe = termOf(guess) <= threshold ? guess + towardsBad : guess - towardsBad;
    if (probe === guess + towardsBad) good = guess;
    else bad = guess;
    if (probe !== good && probe !== bad) {
      if (termOf(probe) <= threshold) good = probe;
      else bad = probe;
    }
  }
  while (Math.abs(bad - good) > 1) {
    const mid = (good + bad) >>> 1;
    if (termOf(mid) <= threshold) good = mid;
    else bad = mid;
  }
  return good;
}

/**
 * Contribution, in units of P_obs, of the leaf where the last two free cells are (y, s - y)
 * with weights C(a, y) C(b, s - y) (log-concave in y) and log prefix weight `base`.
 */
function leafSum(a: number, b: number, s: number, base: number, threshold: number, logObs: number, lf: LogFactorial, hint: TailHint): number {
  const lo = s > b ? s - b : 0;
  const hi = Math.min(a, s);
  const la = lf(a);
  const lb = lf(b);
  const termOf = (y: number): number => base + la - lf(y) - lf(a - y) + lb - lf(s - y) - lf(b - s + y);
  let mode = Math.floor(((s + 1) * (a + 1)) / (a + b + 2));
  if (mode < lo) mode = lo;
  if (mode > hi) mode = hi;
  let tMode = termOf(mode);
  if (mode > lo && termOf(mode - 1) > tMode) tMode = termOf(--mode);
  else if (mode < hi && termOf(mode + 1) > tMode) tMode = termOf(++mode);
  const logWhole = base + lf(a + b) - lf(s) - lf(a + b - s) - logObs;
  if (tMode <= threshold) return Math.exp(logWhole);
  // Inside region (terms above the threshold) is (yL, yR); tails are [lo, yL] and [yR, hi].
  const yL = mode > lo && termOf(lo) <= threshold ? tailBoundary(termOf, threshold, lo, mode, hint.yL + s - hint.s) : lo - 1;
  const yR = mode < hi && termOf(hi) <= threshold ? tailBoundary(termOf, threshold, hi, mode, hint.yR + s - hint.s) : hi + 1;
  hint.s = s;
  hint.yL = yL;
  hint.yR = yR;
  // When the inside is short and holds at most half the mass, tails = whole - inside is cheaper
  // and loses at most a factor 2 of relative precision.
  if (yR - yL - 1 <= 64) {
    let inside = 0;
    for (let y = yL + 1; y < yR; y++) inside += Math.exp(termOf(y) - logObs);
    const whole = Math.exp(logWhole);
    if (inside <= 0.5 * whole) return whole - inside;
  }
  let sum = 0;
  if (yL >= lo) {
    let y = yL;
    let t = Math.exp(termOf(y) - logObs);
    let tail = t;
    while (y > lo) {
      const r = (y * (b - s + y)) / ((a - y + 1) * (s - y + 1));
      t *= r;
      y -= 1;
      tail += t;
      if (r < 1 && (t * r) / (1 - r) < Math.max(TAIL_EPS, REL_EPS * tail)) break;
    }
    sum += tail;
  }
  if (yR <= hi) {
    let y = yR;
    let t = Math.exp(termOf(y) - logObs);
    let tail = t;
    while (y < hi) {
      const r = ((a - y) * (s - y)) / ((y + 1) * (b - s + y + 1));
      t *= r;
      y += 1;
      tail += t;
      if (r < 1 && (t * r) / (1 - r) < Math.max(TAIL_EPS, REL_EPS * tail)) break;
    }
    sum += tail;
  }
  return sum;
}

/**
 * Enumeration plan over the first k-2 free cells. For free cell j with remaining row total r
 * and prefix log weight `base`, the prefix probability for x_j = v is
 * exp(base + lchoose(c_j, v) + lchoose(suffix_{j+1}, r - v)), log-concave in v. `range` returns
 * the interval of v that must be visited: all v with weight >= cutoff, widened until the mass
 * left out on each side is provably below e^cutoff (log-concave tail bound W / (1 - ratio)).
 */
class ExactPlan {
  readonly suffix: number[];
  constructor(
    readonly c: number[],
    readonly cutoff: number,
    readonly lf: LogFactorial,
  ) {
    const k = c.length;
    this.suffix = new Array<number>(k + 1).fill(0);
    for (let j = k - 1; j >= 0; j--) this.suffix[j] = this.suffix[j + 1] + c[j];
  }

  weight(j: number, base: number, r: number, v: number): number {
    const cj = this.c[j];
    const rest = this.suffix[j + 1];
    const lf = this.lf;
    return base + lf(cj) - lf(v) - lf(cj - v) + lf(rest) - lf(r - v) - lf(rest - r + v);
  }

  range(j: number, base: number, r: number): [number, number] {
    const cj = this.c[j];
    const rest = this.suffix[j + 1];
    const lo = Math.max(0, r - rest);
    const hi = Math.min(cj, r);
    const mode = Math.min(hi, Math.max(lo, Math.floor(((r + 1) * (cj + 1)) / (cj + rest + 2))));
    const cut = this.cutoff;
    let vLow = mode;
    let vHigh = mode;
    if (this.weight(j, base, r, mode) >= cut) {
      if (this.weight(j, base, r, lo) >= cut) vLow = lo;
      else {
        let bad = lo;
        while (vLow - bad > 1) {
          const mid = (vLow + bad) >>> 1;
          if (this.weight(j, base, r, mid) >= cut) vLow = mid;
          else bad = mid;
        }
      }
      if (this.weight(j, base, r, hi) >= cut) vHigh = hi;
      else {
        let bad = hi;
        while (bad - vHigh > 1) {
          const mid = (vHigh + bad) >>> 1;
          if (this.weight(j, base, r, mid) >= cut) vHigh = mid;
          else bad = mid;
        }
      }
    }
    while (vHigh < hi && !this.negligibleFrom(j, base, r, vHigh + 1, 1, hi)) vHigh += 1;
    while (vLow > lo && !this.negligibleFrom(j, base, r, vLow - 1, -1, lo)) vLow -= 1;
    return [vLow, vHigh];
  }

  /** Is the total weight of v, v + step, ... (up to `end`) provably below e^cutoff? */
  private negligibleFrom(j: number, base: number, r: number, v: number, step: number, end: number): boolean {
    const w = this.weight(j, base, r, v);
    if (w >= this.cutoff) return false;
    if (v === end) return true;
    const ratio = Math.exp(this.weight(j, base, r, v + step) - w);
    return ratio < 1 && w - Math.log1p(-ratio) < this.cutoff;
  }
}

/**
 * Sum of P(table)/P_obs over tables with log P <= logObs + logTol, or null when more than
 * maxLeaves leaves would be needed (checked before any summing).
 */
function exactTailSum(c: number[], m: number, logNorm: number, logObs: number, logTol: number, maxLeaves: number, lf: LogFactorial): { sum: number } | null {
  const k = c.length;
  const threshold = logObs + logTol;
  const a = c[k - 2];
  const b = c[k - 1];
  const hint: TailHint = { s: 0, yL: 0, yR: 0 };
  if (k === 2) return { sum: leafSum(a, b, m, -logNorm, threshold, logObs, lf, hint) };
  const plan = new ExactPlan(c, logObs - PRUNE_LOG, lf);
  let leaves = 0;
  const count = (j: number, base: number, r: number): boolean => {
    const [vLow, vHigh] = plan.range(j, base, r);
    if (j === k - 3) {
      leaves += vHigh - vLow + 1;
      return leaves <= maxLeaves;
    }
    const lcj = lf(c[j]);
    for (let v = vLow; v <= vHigh; v++) {
      if (!count(j + 1, base + lcj - lf(v) - lf(c[j] - v), r - v)) return false;
    }
    return true;
  };
  // The count pass is needed only when the product of the enumerated cells' ranges could exceed maxLeaves.
  let bound = 1;
  for (let j = 0; j <= k - 3; j++) bound *= Math.min(c[j], m) + 1;
  if (bound > maxLeaves && !count(0, -logNorm, m)) return null;
  let sum = 0;
  const visit = (j: number, base: number, r: number): void => {
    const [vLow, vHigh] = plan.range(j, base, r);
    const lcj = lf(c[j]);
    for (let v = vLow; v <= vHigh; v++) {
      const next = base + lcj - lf(v) - lf(c[j] - v);
      if (j === k - 3) sum += leafSum(a, b, r - v, next, threshold, logObs, lf, hint);
      else visit(j + 1, next, r - v);
    }
  };
  visit(0, -logNorm, m);
  return { sum };
}

/** Number of 2 x k tables with column sums c and first-row total m (dynamic programming). */
function countTables(c: number[], m: number): number {
  let ways = new Float64Array(m + 1);
  ways[0] = 1;
  for (const cj of c) {
    const next = new Float64Array(m + 1);
    let window = 0;
    for (let s = 0; s <= m; s++) {
      window += ways[s];
      if (s - cj - 1 >= 0) window -= ways[s - cj - 1];
      next[s] = window;
    }
    ways = next;
  }
  return Math.round(ways[m]);
}

/** Number of simulated tables (sequential hypergeometric draws) with log P <= threshold. */
function monteCarloHits(
  c: number[],
  m: number,
  logNorm: number,
  threshold: number,
  replicates: number,
  seed: number,
  lf: (i: number) => number,
  lchoose: (a: number, b: number) => number,
): number {
  const rand = seededUniform(seed);
  const k = c.length;
  const suffix = new Array<number>(k + 1).fill(0);
  for (let j = k - 1; j >= 0; j--) suffix[j] = suffix[j + 1] + c[j];
  // One chop-down sequence per (cell, draws), reused by every replicate that needs it.
  const sequences = Array.from({ length: k - 1 }, () => new Map<number, ChopDown>());
  let hits = 0;
  for (let rep = 0; rep < replicates; rep++) {
    let r = m;
    let logP = -logNorm;
    for (let j = 0; j < k - 1; j++) {
      let sequence = sequences[j].get(r);
      if (sequence === undefined) {
        sequence = new ChopDown(r, c[j], suffix[j + 1], lf);
        sequences[j].set(r, sequence);
      }
      const v = sequence.draw(rand);
      logP += lchoose(c[j], v);
      r -= v;
    }
    logP += lchoose(c[k - 1], r);
    if (logP <= threshold) hits += 1;
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
