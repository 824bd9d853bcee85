/**
 * survival's `aeqSurv` (survfit's `timefix = TRUE`): distinct times closer than √ε,
 * absolutely or relative to the mean distinct time, are one time, the first of them.
 * Floating-point differences of what should be tied times then cannot split a tie.
 *
 * Input: distinct times, ascending. Returns, per input time, the index of the merged
 * time it belongs to, and the merged times (each the first of its run).
 *
 * @example
 * mergeNearTimes(Float64Array.of(1, 1 + 1e-10, 2)); // { groupOf: [0, 0, 1], times: [1, 2] }
 */
export function mergeNearTimes(distinct: Float64Array): { groupOf: Int32Array; times: Float64Array } {
  const m = distinct.length;
  const tol = Math.sqrt(Number.EPSILON);
  // The mean with one correction pass, as R's mean().
  let sum = 0;
  for (let i = 0; i < m; i++) sum += distinct[i];
  let mean = sum / m;
  let correction = 0;
  for (let i = 0; i < m; i++) correction += distinct[i] - mean;
  mean += correction / m;
  const groupOf = new Int32Array(m);
  const times = new Float64Array(m);
  let cuts = 0;
  for (let i = 0; i < m; i++) {
    const gap = distinct[i] - distinct[i - 1];
    if (i > 0 && (gap <= tol || gap / mean <= tol)) {
      groupOf[i] = cuts - 1;
    } else {
      times[cuts] = distinct[i];
      groupOf[i] = cuts++;
    }
  }
  return { groupOf, times: times.slice(0, cuts) };
}
