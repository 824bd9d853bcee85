import { mean, sampleStandardDeviation } from 'simple-statistics';

/**
 * Mean and sample standard deviation (n − 1), as R's mean() and sd(): simple-statistics'
 * mean (a compensated sum, like R's long-double accumulation) and its two-pass sd.
 * Empty: both null; one value: sd null (R gives NA).
 *
 * @example meanSd(Float64Array.of(20, 30, 40)) // { mean: 30, sd: 10 }
 */
export function meanSd(values: Float64Array): { mean: number | null; sd: number | null } {
  if (values.length === 0) return { mean: null, sd: null };
  // simple-statistics reads only length and indices, which a typed array has.
  const x = values as unknown as number[];
  return { mean: mean(x), sd: values.length < 2 ? null : sampleStandardDeviation(x) };
}
