/**
 * Ordinary nonparametric bootstrap resampling with strata, as R's `boot::boot(strata =)`
 * draws its indices: within each stratum, as many draws with replacement as the
 * stratum has units, so every stratum keeps its size in every replicate. Units are
 * whole clusters when the caller resamples clusters.
 *
 * `stratumOf[u]` is unit u's stratum (any integers). The returned function adds one
 * replicate's draws to `counts` (counts[u] = times unit u is drawn; zero it first),
 * drawing strata in ascending order and units within a stratum in ascending order,
 * one uniform each: index ⌊U·size⌋. The same generator state gives the same draws.
 * R's own generator differs, so the draws are not R's; the scheme is.
 *
 * @example
 * const resample = stratifiedResampler(Int32Array.of(0, 0, 1)); // units 0, 1 in stratum 0; unit 2 alone
 * const counts = new Int32Array(3);
 * resample(seededUniform(1), counts); // e.g. counts = [2, 0, 1]: unit 2 is always drawn once
 */
export function stratifiedResampler(stratumOf: Int32Array): (uniform: () => number, counts: Int32Array) => void {
  const n = stratumOf.length;
  const units = Int32Array.from({ length: n }, (_, u) => u).sort((a, b) => stratumOf[a] - stratumOf[b] || a - b);
  // Stratum boundaries in `units`.
  const bounds: number[] = [0];
  for (let i = 1; i < n; i++) if (stratumOf[units[i]] !== stratumOf[units[i - 1]]) bounds.push(i);
  bounds.push(n);
  const starts = Int32Array.from(bounds);
  return (uniform, counts) => {
    if (counts.length !== n) throw new RangeError(`stratifiedResampler: ${n} units but ${counts.length} counts`);
    for (let s = 0; s + 1 < starts.length; s++) {
      const from = starts[s];
      const size = starts[s + 1] - from;
      for (let d = 0; d < size; d++) counts[units[from + Math.floor(uniform() * size)]]++;
    }
  };
}
