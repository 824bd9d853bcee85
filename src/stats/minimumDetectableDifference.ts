import { normalQuantile } from './distributions.js';

/**
 * Minimum detectable difference of two proportions: the smallest |p1 − p0| a
 * two-sided z-test at level alpha detects with the given power, by the normal
 * approximation with the variance at the reference share p0 in both groups,
 * (z_{1−α/2} + z_{power}) · √(p0(1 − p0)(1/n1 + 1/n0)). Null when a group is empty
 * or p0 is 0 or 1 (no variance to power against).
 *
 * @example minimumDetectableDifference(0.3, 20, 300) // ≈ 0.3034
 */
export function minimumDetectableDifference(p0: number | null, n1: number, n0: number, alpha = 0.05, power = 0.8): number | null {
  if (p0 === null || !(n1 > 0) || !(n0 > 0) || !(p0 > 0 && p0 < 1)) return null;
  return (normalQuantile(1 - alpha / 2) + normalQuantile(power)) * Math.sqrt(p0 * (1 - p0) * (1 / n1 + 1 / n0));
}
