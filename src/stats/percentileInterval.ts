import { normalQuantile } from './distributions.js';

export interface PercentileInterval {
  low: number;
  high: number;
  /** Finite replicates used (non-finite ones are left out, as boot.ci does). */
  replicates: number;
  /** (R + 1)·α lies outside (1, R) at either end: boot's "extreme order statistics used as endpoints". */
  extreme: boolean;
}

/**
 * The bootstrap percentile interval as R's `boot::boot.ci(type = "perc")` computes it
 * (boot's `norm.inter`): with R finite replicates and α = (1 ∓ conf)/2, the
 * (R + 1)·α-th order statistic; when (R + 1)·α is not an integer k, interpolated
 * between the k-th and (k + 1)-th on the normal-quantile scale, and beyond the
 * ends the smallest or largest replicate. α is computed as R does, so with 999
 * replicates the lower end is the 25th order statistic moved by about 1e-14 of the
 * gap to the 26th ((1 − 0.95)/2 is a hair above 0.025 in binary), the upper the 975th.
 *
 * Returns null when no replicate is finite.
 *
 * @example
 * percentileInterval(Float64Array.from({ length: 999 }, (_, i) => i + 1)); // { low: ≈25, high: 975, replicates: 999, extreme: false }
 * percentileInterval([3, 1, 2]); // { low: 1, high: 3, replicates: 3, extreme: true }
 */
export function percentileInterval(replicates: ArrayLike<number>, confLevel = 0.95): PercentileInterval | null {
  if (!(confLevel > 0 && confLevel < 1)) throw new RangeError(`percentileInterval: confLevel must be in (0,1), got ${confLevel}`);
  const finite: number[] = [];
  for (let i = 0; i < replicates.length; i++) if (Number.isFinite(replicates[i])) finite.push(replicates[i]);
  const r = finite.length;
  if (r === 0) return null;
  const sorted = Float64Array.from(finite).sort();
  const at = (alpha: number): { value: number; extreme: boolean } => {
    const rk = (r + 1) * alpha;
    const k = Math.trunc(rk);
    const extreme = !(rk > 1 && rk < r);
    // Order statistics are 1-based, as in R.
    if (k === 0) return { value: sorted[0], extreme };
    if (k === r) return { value: sorted[r - 1], extreme };
    if (k === rk) return { value: sorted[k - 1], extreme };
    const qAlpha = normalQuantile(alpha);
    const qk = normalQuantile(k / (r + 1));
    const qk1 = normalQuantile((k + 1) / (r + 1));
    const tk = sorted[k - 1];
    return { value: tk + ((qAlpha - qk) / (qk1 - qk)) * (sorted[k] - tk), extreme };
  };
  const lower = at((1 + -confLevel) / 2);
  const upper = at((1 + confLevel) / 2);
  return { low: lower.value, high: upper.value, replicates: r, extreme: lower.extreme || upper.extreme };
}
