import gammaln from '@stdlib/math-base-special-gammaln';
import log1p from '@stdlib/math-base-special-log1p';
import { normalQuantile } from './distributions.js';

// Student's t distribution: the two-sided tail probability and the two-sided
// critical value, as R's pt and qt (checked in tests/stats/clusterRobustCr2.test.ts
// against tests/fixtures/r/cr2.json).

const EPS = 2.220446049250313e-16;
const MAX_FRACTION_TERMS = 20000;
const TINY = 1e-300;

/**
 * Regularised incomplete beta I_x(a, b) from ln x and ln(1 − x), by the
 * continued fraction of Numerical Recipes §6.4 (modified Lentz) on the side
 * where it converges fast; the other side is 1 − I_{1−x}(b, a), used only where
 * the result is at least about ½ (so no tail is lost to cancellation).
 */
function incompleteBeta(logX: number, logY: number, a: number, b: number): number {
  const x = Math.exp(logX);
  const y = Math.exp(logY);
  if (x === 0) return 0;
  if (y === 0) return 1;
  const logFront = a * logX + b * logY - logBeta(a, b);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * betaFraction(x, a, b)) / a;
  return 1 - (Math.exp(logFront) * betaFraction(y, b, a)) / b;
}

const LN_SQRT_2PI = 0.9189385332046728; // ln √(2π), the double nearest it

/**
 * ln B(a, b) as R's lbeta: for large arguments from Stirling's series, so that
 * ln Γ(a) − ln Γ(a + b) keeps its digits when a is large (df of 1e5 and more).
 */
function logBeta(a: number, b: number): number {
  const p = Math.min(a, b);
  const q = Math.max(a, b);
  if (p >= 10) {
    const corr = stirlingCorrection(p) + stirlingCorrection(q) - stirlingCorrection(p + q);
    return -0.5 * Math.log(q) + LN_SQRT_2PI + corr + (p - 0.5) * Math.log(p / (p + q)) + q * log1p(-p / (p + q));
  }
  if (q >= 10) {
    const corr = stirlingCorrection(q) - stirlingCorrection(p + q);
    return gammaln(p) + corr + p - p * Math.log(p + q) + (q - 0.5) * log1p(-p / (p + q));
  }
  return gammaln(p) + gammaln(q) - gammaln(p + q);
}

/** ln Γ(x) − [(x − ½) ln x − x + ln √(2π)] for x ≥ 10, by Stirling's series (error below 1e-17). */
function stirlingCorrection(x: number): number {
  const r = 1 / (x * x);
  return (1 / x) * (1 / 12 + r * (-1 / 360 + r * (1 / 1260 + r * (-1 / 1680 + r * (1 / 1188 + r * (-691 / 360360 + r / 156))))));
}

function betaFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_FRACTION_TERMS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
}

/**
 * Two-sided Student t p-value 2·P(T ≥ |t|) with df (real, > 0) degrees of
 * freedom, as R's 2 * pt(abs(t), df, lower.tail = FALSE). Computed as the
 * regularised incomplete beta I_{df/(df+t²)}(df/2, ½) directly, never as 1 − cdf,
 * so tails down to 1e-300 keep their precision.
 *
 * @example studentTTwoSidedP(2.2281388519649385, 10) // 0.05
 */
export function studentTTwoSidedP(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  const at = Math.abs(t);
  if (at === 0) return 1;
  if (at === Infinity) return 0;
  const ratio = (at / df) * at;
  // ln x = −ln(1 + t²/df), ln(1 − x) = −ln(1 + df/t²).
  const logX = Number.isFinite(ratio) ? -log1p(ratio) : Math.log(df) - 2 * Math.log(at);
  const logY = -log1p(1 / ratio);
  return incompleteBeta(logX, logY, df / 2, 0.5);
}

/** Student t density, for Newton steps. */
function studentTDensity(t: number, df: number): number {
  return Math.exp(-logBeta(df / 2, 0.5) - 0.5 * Math.log(df) - ((df + 1) / 2) * log1p((t / df) * t));
}

/**
 * The critical value of a two-sided `level` interval, qt(1 − (1 − level)/2, df),
 * by Newton's method on studentTTwoSidedP. The tail is convex for t > 0 and the
 * start (the normal quantile) lies below the root, so the steps rise
 * monotonically to it.
 *
 * @example studentTCritical(0.95, 10) // 2.2281388519649385
 */
export function studentTCritical(level: number, df: number): number {
  if (!(level > 0 && level < 1) || !(df > 0)) return Number.NaN;
  const alpha = 1 - level;
  let t = normalQuantile(1 - alpha / 2);
  for (let iter = 0; iter < 1000; iter++) {
    const step = (studentTTwoSidedP(t, df) - alpha) / (2 * studentTDensity(t, df));
    if (!Number.isFinite(step)) break;
    t += step;
    if (Math.abs(step) <= 4 * EPS * t) break;
  }
  return t;
}
