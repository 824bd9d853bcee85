import gammaln from '@stdlib/math-base-special-gammaln';
import { logHypergeometricDensity } from './hypergeometricLogDensity.js';

/**
 * The exact two-sided Fisher p-value of a 2 x k table, from its column totals and the
 * counts of one row: the total probability, under the multivariate hypergeometric law with
 * these margins, of the tables whose log-probability is at most the observed one's plus
 * `logTol`.
 *
 * Method. With the free row's cells x_1..x_k (sum m) and column totals c_1..c_k, P(table) =
 * prod C(c_j, x_j) / C(n, m): a product of one log-concave factor per column. The columns are
 * sorted by size and the last four are taken as two pairs A and B (narrower tables get empty
 * columns; wider ones enumerate the first k - 4 cells, "prefixes", around them). For each
 * total s of pair A (and so r - s of pair B), the tables are the pairs (x_A, x_B) with weights
 * a(x_A) and b(x_B), each log-concave, and the tables counted are those with a + b at most the
 * threshold. Taking the a on one side of A's mode in decreasing order, the b at most the
 * threshold less a are B's two tails, whose boundaries only move inwards, so one pass per
 * side sums a slice: each tail is kept as a running sum that grows by one term per step.
 * Where even the largest a + b of a slice is below the threshold, the whole slice counts, in
 * closed form (Vandermonde: the sum of C(c1, x) C(c2, s - x) is C(c1 + c2, s)); so do the
 * a whose every b counts. The work is thus about the area of the region where tables are more
 * probable than the observed one, in the (s, x_A) and (s, x_B) planes, not the number of
 * tables: about 12 million steps at 180 000 persons with p near 1e-300 (the tables there
 * number about 10^11), growing as n log(1/p).
 *
 * Precision. Everything is summed relative to the observed table, whose log-probability is
 * taken from hypergeometric densities by Loader's method (hypergeometricLogDensity.ts); the
 * per-column log-weights are ratio sums from the observed cell (compensated), so a p of
 * 1e-300 keeps its digits and log p is right where p itself underflows. Cells whose marginal
 * probability is below P_obs e^-60 are left out (with every table through them: less than
 * 1e-20 of P_obs, hence of p). Tails stop where the rest is provably below 1e-17 of their sum
 * (log-concavity: the rest is at most t r / (1 - r) for the last term t and ratio r).
 * Where the p-value is large (Pearson's X^2 <= 9, and p >= 0.05 in the end) the tables more
 * probable than the observed are fewer, and p = 1 - their total is cheaper and precise enough.
 *
 * Returns null when more than `maxSteps` slice elements would be needed (fisherExact sets no
 * budget up to k = 4).
 */
export function twoByKLogPValue(columnTotals: number[], counts: number[], logTol: number, maxSteps: number): TwoByKResult | null {
  const order = columnTotals.map((_, j) => j).sort((i, j) => columnTotals[i] - columnTotals[j] || counts[i] - counts[j]);
  const c = order.map((j) => columnTotals[j]);
  const x = order.map((j) => counts[j]);
  const k = c.length;
  const n = c.reduce((s, v) => s + v, 0);
  const m = x.reduce((s, v) => s + v, 0);

  // log P_obs as sequential hypergeometric densities, cell by cell.
  let logObs = 0;
  let restTotal = n;
  let restCount = m;
  for (let j = 0; j < k - 1; j++) {
    restTotal -= c[j];
    logObs += logHypergeometricDensity(x[j], c[j], restTotal, restCount);
    restCount -= x[j];
  }
  // p <= (number of tables) * P_obs e^logTol; below half the smallest subnormal it rounds to 0.
  let logTables = 0;
  for (let j = 0; j < k - 1; j++) logTables += Math.log(Math.min(c[j], m) + 1);
  const logUpper = logObs + logTol + logTables;
  if (logUpper < LOG_HALF_MIN_SUBNORMAL) return { logP: null, logUpper, logObs, steps: 0, complement: false };

  const columns = c.map((cj, j) => column(cj, x[j], n, m, logObs - PRUNE_LOG));
  while (columns.length < 4) columns.unshift(EMPTY_COLUMN);
  const prefix = columns.slice(0, columns.length - 4);
  const [c1, c2, c3, c4] = columns.slice(-4);
  const sweep = new Sweep(new ColumnPair(c1, c2, n, m, logObs - PRUNE_LOG), new ColumnPair(c3, c4, n, m, logObs - PRUNE_LOG), logTol, maxSteps);

  const run = (inside: boolean): number | null => {
    sweep.steps = 0;
    let total = 0;
    const visit = (j: number, r: number, base: number): boolean => {
      if (j === prefix.length) {
        const part = sweep.slices(r, base, inside);
        if (part === null) return false;
        total += part;
        return true;
      }
      const col = prefix[j];
      let rest = 0;
      for (let l = j + 1; l < columns.length; l++) rest += columns[l].c;
      const lo = Math.max(col.lo, r - rest);
      const hi = Math.min(col.hi, r);
      for (let v = lo; v <= hi; v++) if (!visit(j + 1, r - v, base + col.h[v - col.lo])) return false;
      return true;
    };
    return visit(0, m, 0) ? total : null;
  };

  if (pearsonStatistic(c, x, n, m) <= COMPLEMENT_MAX_X2) {
    const inside = run(true);
    if (inside === null) return null;
    const pInside = Math.exp(logObs + Math.log(inside));
    const p = 1 - pInside;
    if (p >= COMPLEMENT_MIN_P) return { logP: Math.log(p), logUpper, logObs, steps: sweep.steps, complement: true };
  }
  const tail = run(false);
  if (tail === null) return null;
  return { logP: logObs + Math.log(tail), logUpper, logObs, steps: sweep.steps, complement: false };
}

export interface TwoByKResult {
  /** log p; null when p was shown to be below half the smallest subnormal double (so p rounds to 0) without summing. */
  logP: number | null;
  /** log of (number of tables) * P_obs * e^logTol, an upper bound on log p. */
  logUpper: number;
  /** log P_obs. */
  logObs: number;
  /** Slice elements visited. */
  steps: number;
  /** Whether p was computed as 1 - (total of the more probable tables). */
  complement: boolean;
}

/** log(2^-1075): a positive double below this rounds to 0. */
const LOG_HALF_MIN_SUBNORMAL = -1075 * Math.LN2;
/** Cells whose marginal probability is below P_obs e^-PRUNE_LOG are left out. */
const PRUNE_LOG = 60;
/** Tails stop when the rest is provably below this share of their sum. */
const REL_EPS = 1e-17;
/** p = 1 - inside is tried when Pearson's X^2 is at most this (p then about 0.003 or more for df <= 3) ... */
const COMPLEMENT_MAX_X2 = 9;
/**
 * ... and kept when it is at least this: 1 - inside has the absolute error of the inside (its
 * relative error, about 1e-13 after walks of some thousand products, and P_obs's, a few
 * 1e-15), so p's relative error stays near 1e-13 or below; a smaller p is summed directly.
 */
const COMPLEMENT_MIN_P = 0.05;

/** Pearson's X^2 of the 2 x k table (chooses between the direct sum and its complement). */
function pearsonStatistic(c: number[], x: number[], n: number, m: number): number {
  let x2 = 0;
  for (let j = 0; j < c.length; j++) {
    const e1 = (c[j] * m) / n;
    const e2 = c[j] - e1;
    const d = x[j] - e1;
    x2 += (d * d) / e1 + (d * d) / e2;
  }
  return x2;
}

const lchoose = (a: number, b: number): number => gammaln(a + 1) - gammaln(b + 1) - gammaln(a - b + 1);

/**
 * One column of the free row: total c, observed count xObs, the window [lo, hi] of counts
 * whose marginal probability is at least e^cut, and h[x - lo] = log C(c, x) - log C(c, xObs).
 */
interface Column {
  c: number;
  xObs: number;
  lo: number;
  hi: number;
  h: Float64Array;
}

const EMPTY_COLUMN: Column = { c: 0, xObs: 0, lo: 0, hi: 0, h: new Float64Array(1) };

/**
 * The window of x (a hypergeometric count: `size` of the n columns' persons, m drawn) whose
 * log-probability is at least `cut`, by bisection on each side of the mode; always
 * contains `keep`. Rough log-probabilities (gammaln) are enough to place a cut.
 */
function window(size: number, n: number, m: number, cut: number, keep: number): [number, number] {
  const lo = Math.max(0, m - (n - size));
  const hi = Math.min(size, m);
  const logNorm = lchoose(n, m);
  const lp = (v: number): number => lchoose(size, v) + lchoose(n - size, m - v) - logNorm;
  const mode = Math.min(hi, Math.max(lo, Math.floor(((m + 1) * (size + 1)) / (n + 2))));
  let left = mode;
  if (lp(lo) >= cut) left = lo;
  else {
    let bad = lo;
    while (left - bad > 1) {
      const mid = (left + bad) >>> 1;
      if (lp(mid) >= cut) left = mid;
      else bad = mid;
    }
  }
  let right = mode;
  if (lp(hi) >= cut) right = hi;
  else {
    let bad = hi;
    while (bad - right > 1) {
      const mid = (right + bad) >>> 1;
      if (lp(mid) >= cut) right = mid;
      else bad = mid;
    }
  }
  return [Math.min(left, keep), Math.max(right, keep)];
}

/** A column with its window and its log-weights relative to the observed count (compensated sums of log ratios). */
function column(c: number, xObs: number, n: number, m: number, cut: number): Column {
  const [lo, hi] = window(c, n, m, cut, xObs);
  const h = new Float64Array(hi - lo + 1);
  let sum = 0;
  let carry = 0;
  const add = (term: number): void => {
    const t = sum + term;
    carry += Math.abs(sum) >= Math.abs(term) ? sum - t + term : term - t + sum;
    sum = t;
  };
  for (let v = xObs; v < hi; v++) {
    add(Math.log((c - v) / (v + 1)));
    h[v + 1 - lo] = sum + carry;
  }
  sum = 0;
  carry = 0;
  for (let v = xObs; v > lo; v--) {
    add(Math.log(v / (c - v + 1)));
    h[v - 1 - lo] = sum + carry;
  }
  return { c, xObs, lo, hi, h };
}

/**
 * Two columns a, b taken together: for a total s = x_a + x_b, the weights
 * w(s, x) = h_a(x) + h_b(s - x) over x = x_a (log-concave in x), and H(s) = log of their
 * sum over all x (Vandermonde: log C(c_a + c_b, s) less the observed cells', relative to
 * the observed s plus the sum there).
 */
class ColumnPair {
  readonly sLo: number;
  readonly sHi: number;
  private readonly logTotal: Float64Array;
  readonly ca: number;
  readonly cb: number;

  constructor(
    readonly a: Column,
    readonly b: Column,
    n: number,
    m: number,
    cut: number,
  ) {
    this.ca = a.c;
    this.cb = b.c;
    const cs = a.c + b.c;
    const sObs = a.xObs + b.xObs;
    const [wLo, wHi] = cs === 0 ? [0, 0] : window(cs, n, m, cut, sObs);
    this.sLo = Math.max(wLo, a.lo + b.lo);
    this.sHi = Math.min(wHi, a.hi + b.hi);
    // log of the sum of the weights at the observed s, by log-sum-exp over its window.
    const [lo, hi] = this.range(sObs);
    let max = -Infinity;
    for (let v = lo; v <= hi; v++) max = Math.max(max, this.w(sObs, v));
    let sum = 0;
    for (let v = lo; v <= hi; v++) sum += Math.exp(this.w(sObs, v) - max);
    const atObs = max + Math.log(sum);
    const logTotal = new Float64Array(this.sHi - this.sLo + 1);
    let acc = 0;
    let carry = 0;
    const add = (term: number): void => {
      const t = acc + term;
      carry += Math.abs(acc) >= Math.abs(term) ? acc - t + term : term - t + acc;
      acc = t;
    };
    logTotal[sObs - this.sLo] = atObs;
    for (let s = sObs; s < this.sHi; s++) {
      add(Math.log((cs - s) / (s + 1)));
      logTotal[s + 1 - this.sLo] = atObs + (acc + carry);
    }
    acc = 0;
    carry = 0;
    for (let s = sObs; s > this.sLo; s--) {
      add(Math.log(s / (cs - s + 1)));
      logTotal[s - 1 - this.sLo] = atObs + (acc + carry);
    }
    this.logTotal = logTotal;
  }

  /** log of the total weight at s, relative to the observed table's. */
  total(s: number): number {
    return this.logTotal[s - this.sLo];
  }

  /** The x = x_a inside both windows at total s (lo > hi when none). */
  range(s: number): [number, number] {
    return [Math.max(this.a.lo, s - this.b.hi), Math.min(this.a.hi, s - this.b.lo)];
  }

  w(s: number, v: number): number {
    return this.a.h[v - this.a.lo] + this.b.h[s - v - this.b.lo];
  }

  /** The x of the largest weight in [lo, hi] at total s. */
  mode(s: number, lo: number, hi: number): number {
    const { ca, cb } = this;
    let v = Math.min(hi, Math.max(lo, Math.floor(((s + 1) * (ca + 1)) / (ca + cb + 2))));
    while (v < hi && this.w(s, v + 1) > this.w(s, v)) v++;
    while (v > lo && this.w(s, v - 1) > this.w(s, v)) v--;
    return v;
  }

  /** w(s, v - 1) / w(s, v) in linear scale. */
  down(s: number, v: number): number {
    return (v * (this.cb - s + v)) / ((this.ca - v + 1) * (s - v + 1));
  }

  /** w(s, v + 1) / w(s, v) in linear scale. */
  up(s: number, v: number): number {
    return ((this.ca - v) * (s - v)) / ((v + 1) * (this.cb - s + v + 1));
  }

  /**
   * Sum of exp(w(s, y) - w(s, v)) over y = v, v + step, ... to the end of [lo, hi],
   * stopped where the rest is provably below REL_EPS of the sum (v on the far side of the mode).
   */
  tail(s: number, v: number, step: 1 | -1, lo: number, hi: number): number {
    let term = 1;
    let sum = 1;
    let y = v;
    for (;;) {
      if (step < 0 ? y <= lo : y >= hi) return sum;
      const ratio = step < 0 ? this.down(s, y) : this.up(s, y);
      term *= ratio;
      y += step;
      sum += term;
      if (ratio < 1 && (term * ratio) / (1 - ratio) < REL_EPS * sum) return sum;
    }
  }

  /** The first v in [lo, mode] with w(s, v) > level (mode + 1 if none): w increases on [lo, mode]. */
  firstAbove(s: number, lo: number, mode: number, level: number): number {
    if (this.w(s, mode) <= level) return mode + 1;
    if (this.w(s, lo) > level) return lo;
    let below = lo;
    let above = mode;
    while (above - below > 1) {
      const mid = (below + above) >>> 1;
      if (this.w(s, mid) > level) above = mid;
      else below = mid;
    }
    return above;
  }

  /** The last v in [mode, hi] with w(s, v) > level (mode - 1 if none): w decreases on [mode, hi]. */
  lastAbove(s: number, mode: number, hi: number, level: number): number {
    if (this.w(s, mode) <= level) return mode - 1;
    if (this.w(s, hi) > level) return hi;
    let above = mode;
    let below = hi;
    while (below - above > 1) {
      const mid = (below + above) >>> 1;
      if (this.w(s, mid) > level) above = mid;
      else below = mid;
    }
    return above;
  }
}

/** The slices s of pair A (pair B takes r - s), summed in one sweep each (see twoByKLogPValue). */
class Sweep {
  steps = 0;
  constructor(
    private readonly pa: ColumnPair,
    private readonly pb: ColumnPair,
    private readonly threshold: number,
    private readonly maxSteps: number,
  ) {}

  /**
   * Sum over all slices, relative to P_obs, of the tables counted (inside = false: those at
   * most the threshold; inside = true: those above it), for pair totals r and prefix weight base.
   */
  slices(r: number, base: number, inside: boolean): number | null {
    const { pa, pb } = this;
    const sLo = Math.max(pa.sLo, r - pb.sHi);
    const sHi = Math.min(pa.sHi, r - pb.sLo);
    let sum = 0;
    for (let s = sLo; s <= sHi; s++) {
      sum += inside ? this.insideSlice(s, r - s, base) : this.tailSlice(s, r - s, base);
      if (this.steps > this.maxSteps) return null;
    }
    return sum;
  }

  /**
   * Tables of the slice with a + b <= threshold - base. The a and b of the tables summed are
   * kept in linear scale relative to A0 and B0 = level - A0, A0 halfway down A's inside, so
   * that a table at the threshold weighs alpha * beta * e^threshold with alpha and beta
   * within e^(depth / 2) of 1. depth = aMax + bMax - level is at most -log P_obs, which is
   * below 745 + log(number of tables) wherever p is summed at all (else the bound in
   * twoByKLogPValue has shown p < 2^-1075), so both stay far inside the doubles' e^709.
   * Each step then takes a product, not an exp.
   */
  private tailSlice(s: number, t: number, base: number): number {
    const { pa, pb } = this;
    const level = this.threshold - base;
    const [aLo, aHi] = pa.range(s);
    const [bLo, bHi] = pb.range(t);
    if (aLo > aHi || bLo > bHi) return 0;
    this.steps += 1;
    const ma = pa.mode(s, aLo, aHi);
    const mb = pb.mode(t, bLo, bHi);
    const aMax = pa.w(s, ma);
    const bMax = pb.w(t, mb);
    if (aMax + bMax <= level) return Math.exp(base + pa.total(s) + pb.total(t));
    // A's inside: a + bMax > level. Outside it every b counts.
    const iL = pa.firstAbove(s, aLo, ma, level - bMax);
    const iR = pa.lastAbove(s, ma, aHi, level - bMax);
    let sum = 0;
    const bTotal = pb.total(t);
    if (iL > aLo) sum += Math.exp(base + pa.w(s, iL - 1) + bTotal) * pa.tail(s, iL - 1, -1, aLo, aHi);
    if (iR < aHi) sum += Math.exp(base + pa.w(s, iR + 1) + bTotal) * pa.tail(s, iR + 1, 1, aLo, aHi);
    const depth = aMax + bMax - level;
    const a0 = aMax - depth / 2;
    const b0 = level - a0;
    // Local copies for the inner loops: a(v) = ha1[v - oa1] + ha2[oa2 - v], b likewise.
    const ha1 = pa.a.h;
    const oa1 = pa.a.lo;
    const ha2 = pa.b.h;
    const oa2 = s - pa.b.lo;
    const hb1 = pb.a.h;
    const ob1 = pb.a.lo;
    const hb2 = pb.b.h;
    const ob2 = t - pb.b.lo;
    const bca = pb.ca;
    const bcb = pb.cb - t;
    // B's tails for the largest a; they shrink as a decreases. jL: last x_B left of the mode with
    // b <= level - a (bLo - 1 if none), tl = sum of e^(b(y) - b0) over y <= jL, betaL = e^(b(jL) - b0);
    // jR, tr, betaR likewise on the right.
    const jL0 = pb.firstAbove(t, bLo, mb, level - aMax) - 1;
    const jR0 = pb.lastAbove(t, mb, bHi, level - aMax) + 1;
    const betaL0 = jL0 >= bLo ? Math.exp(pb.w(t, jL0) - b0) : 0;
    const betaR0 = jR0 <= bHi ? Math.exp(pb.w(t, jR0) - b0) : 0;
    const tl0 = jL0 >= bLo ? betaL0 * pb.tail(t, jL0, -1, bLo, bHi) : 0;
    const tr0 = jR0 <= bHi ? betaR0 * pb.tail(t, jR0, 1, bLo, bHi) : 0;
    // A's inside, one side of its mode at a time (a decreasing away from the mode), each side
    // from B's tails for aMax; alpha = e^(a - a0). Two passes over B cost less than merging the
    // two sides into one order, whose every step is an unpredictable branch.
    let acc = 0;
    let moves = 0;
    for (let side = 1; side >= -1; side -= 2) {
      let v = side > 0 ? ma : ma - 1;
      if (v < iL) break;
      let alpha = Math.exp(ha1[v - oa1] + ha2[oa2 - v] - a0);
      let jL = jL0;
      let jR = jR0;
      let betaL = betaL0;
      let betaR = betaR0;
      let tl = tl0;
      let tr = tr0;
      for (;;) {
        const bLevel = level - (ha1[v - oa1] + ha2[oa2 - v]);
        while (hb1[jL + 1 - ob1] + hb2[ob2 - jL - 1] <= bLevel) {
          // b(jL + 1) / b(jL), or the first term of the left tail.
          betaL = jL < bLo ? Math.exp(pb.w(t, jL + 1) - b0) : betaL * (((bca - jL) * (t - jL)) / ((jL + 1) * (bcb + jL + 1)));
          jL += 1;
          tl += betaL;
        }
        while (hb1[jR - 1 - ob1] + hb2[ob2 - jR + 1] <= bLevel) {
          // b(jR - 1) / b(jR), or the first term of the right tail.
          betaR = jR > bHi ? Math.exp(pb.w(t, jR - 1) - b0) : betaR * ((jR * (bcb + jR)) / ((bca - jR + 1) * (t - jR + 1)));
          jR -= 1;
          tr += betaR;
        }
        acc += alpha * (tl + tr);
        if (side > 0 ? v >= iR : v <= iL) break;
        alpha *= side > 0 ? pa.up(s, v) : pa.down(s, v);
        v += side;
      }
      moves += Math.abs(v - ma) + 1 + jL - jL0 + jR0 - jR;
    }
    this.steps += moves;
    return sum + Math.exp(this.threshold) * acc;
  }

  /** Tables of the slice with a + b > threshold - base (alpha = e^(a - aMax), B's sum relative to bMax). */
  private insideSlice(s: number, t: number, base: number): number {
    const { pa, pb } = this;
    const level = this.threshold - base;
    const [aLo, aHi] = pa.range(s);
    const [bLo, bHi] = pb.range(t);
    if (aLo > aHi || bLo > bHi) return 0;
    this.steps += 1;
    const ma = pa.mode(s, aLo, aHi);
    const mb = pb.mode(t, bLo, bHi);
    const aMax = pa.w(s, ma);
    const bMax = pb.w(t, mb);
    if (aMax + bMax <= level) return 0;
    const iL = pa.firstAbove(s, aLo, ma, level - bMax);
    const iR = pa.lastAbove(s, ma, aHi, level - bMax);
    // A's inside in increasing order of a (inwards from both ends), so that B's inside,
    // [jL, jR] with b > level - a, only grows: its sum only adds.
    let jL = mb;
    let jR = mb;
    let bSum = 1;
    let termL = 1;
    let termR = 1;
    let left = iL;
    let right = iR;
    let alphaLeft = Math.exp(pa.w(s, iL) - aMax);
    let alphaRight = Math.exp(pa.w(s, iR) - aMax);
    let acc = 0;
    while (left <= right) {
      let v: number;
      let alpha: number;
      if (pa.w(s, left) <= pa.w(s, right)) {
        v = left++;
        alpha = alphaLeft;
        alphaLeft *= pa.up(s, v);
      } else {
        v = right--;
        alpha = alphaRight;
        alphaRight *= pa.down(s, v);
      }
      const bLevel = level - pa.w(s, v);
      while (jL > bLo && pb.w(t, jL - 1) > bLevel) {
        termL *= pb.down(t, jL);
        jL -= 1;
        bSum += termL;
      }
      while (jR < bHi && pb.w(t, jR + 1) > bLevel) {
        termR *= pb.up(t, jR);
        jR += 1;
        bSum += termR;
      }
      acc += alpha * bSum;
      this.steps += 1;
    }
    this.steps += jR - jL;
    return Math.exp(base + aMax + bMax) * acc;
  }
}
