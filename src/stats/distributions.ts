import gammainc from '@stdlib/math-base-special-gammainc';
import stdlibNormalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/**
 * Upper tail P(X >= x) of the chi-square distribution with df degrees of freedom,
 * computed directly as the regularised upper incomplete gamma Q(df/2, x/2)
 * (never as 1 - cdf), so that p-values down to 1e-300 keep full precision.
 * Matches R's pchisq(x, df, lower.tail = FALSE).
 */
export function chiSquareUpperTail(x: number, df: number): number {
  if (!(df > 0) || Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 1;
  return gammainc(x / 2, df / 2, true, true);
}

/** Two-sided normal p-value 2 * P(Z >= |z|), as R's 2 * pnorm(-abs(z)). */
export function normalTwoSidedP(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  return gammainc((z * z) / 2, 0.5, true, true);
}

/** Standard normal quantile, as R's qnorm(p). */
export function normalQuantile(p: number): number {
  return stdlibNormalQuantile(p, 0, 1);
}
