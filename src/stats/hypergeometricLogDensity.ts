import log1p from '@stdlib/math-base-special-log1p';

const LN_2PI = Math.log(2 * Math.PI);

/**
 * log(n!) − log(√(2π n) (n/e)^n) at n = 0, 1, …, 15: R's nmath/stirlerr.c table (its whole
 * numbers), here recomputed with mpmath at 40 digits. lgamma(n + 1) − (n + ½) log n + n − log √(2π)
 * would lose 1e-14 to cancellation.
 */
const STIRLING_ERROR_SMALL = [
  0, 0.08106146679532726, 0.0413406959554093, 0.02767792568499834, 0.020790672103765093, 0.016644691189821193, 0.013876128823070748, 0.01189670994589177,
  0.010411265261972096, 0.009255462182712733, 0.00833056343336287, 0.007573675487951841, 0.00694284010720953, 0.006408994188004207, 0.0059513701127588475,
  0.005554733551962801,
];

/** log(n!) − log(√(2π n) (n/e)^n), the error of Stirling's formula, for whole n (Loader 2000; R's nmath/stirlerr.c). */
function stirlingError(n: number): number {
  if (n <= 15) return STIRLING_ERROR_SMALL[n];
  const nn = n * n;
  const s0 = 1 / 12;
  const s1 = 1 / 360;
  const s2 = 1 / 1260;
  const s3 = 1 / 1680;
  const s4 = 1 / 1188;
  if (n > 500) return (s0 - s1 / nn) / n;
  if (n > 80) return (s0 - (s1 - s2 / nn) / nn) / n;
  if (n > 35) return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n;
  return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n;
}

/** x log(x / np) + np − x, without cancellation when x ≈ np (Loader 2000; R's nmath/bd0.c). */
function binomialDeviance(x: number, np: number): number {
  if (Math.abs(x - np) < 0.1 * (x + np)) {
    let v = (x - np) / (x + np);
    let s = (x - np) * v;
    if (Math.abs(s) < Number.MIN_VALUE) return s;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const s1 = s + ej / (2 * j + 1);
      if (s1 === s) return s1;
      s = s1;
    }
  }
  return x * Math.log(x / np) + np - x;
}

/** log of the binomial probability of x in n trials with success probability p = 1 − q (R's dbinom_raw, log = TRUE). */
function logBinomialDensity(x: number, n: number, p: number, q: number): number {
  if (p === 0) return x === 0 ? 0 : -Infinity;
  if (q === 0) return x === n ? 0 : -Infinity;
  if (x === 0) return n === 0 ? 0 : p < 0.1 ? -binomialDeviance(n, n * q) - n * p : n * Math.log(q);
  if (x === n) return q < 0.1 ? -binomialDeviance(n, n * p) - n * q : n * Math.log(p);
  if (x < 0 || x > n) return -Infinity;
  const lc = stirlingError(n) - stirlingError(x) - stirlingError(n - x) - binomialDeviance(x, n * p) - binomialDeviance(n - x, n * q);
  return lc - 0.5 * (LN_2PI + Math.log(x) + log1p(-x / n));
}

/**
 * log P(X = x) for X hypergeometric: x white balls among `draws` drawn without
 * replacement from `white` white and `black` black, as R's dhyper(x, white, black, draws,
 * log = TRUE): a ratio of three binomial densities, each by Loader's saddle-point method,
 * so the result keeps its precision where log-factorial differences lose theirs
 * (at n = 10⁷, log n! ≈ 1.5·10⁸ carries an absolute error of about 3·10⁻⁸).
 *
 * @example logHypergeometricDensity(1, 4, 4, 4) // log(16/70)
 */
export function logHypergeometricDensity(x: number, white: number, black: number, draws: number): number {
  if (x < 0 || x > white || draws - x < 0 || draws - x > black) return -Infinity;
  if (draws === 0) return 0;
  const total = white + black;
  const p = draws / total;
  const q = (total - draws) / total;
  return logBinomialDensity(x, white, p, q) + logBinomialDensity(draws - x, black, p, q) - logBinomialDensity(draws, total, p, q);
}
