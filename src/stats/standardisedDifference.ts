/**
 * Standardised differences as R's tableone defines them (Yang & Dalton 2012), sign
 * kept: positive when the first group is higher.
 */

/** Standardised mean difference of a continuous variable, (m1 − m0)/√((s1² + s0²)/2); null when undefined. */
export function continuousSmd(m1: number | null, s1: number | null, m0: number | null, s0: number | null): number | null {
  if (m1 === null || m0 === null || s1 === null || s0 === null) return null;
  const pooled = Math.sqrt((s1 * s1 + s0 * s0) / 2);
  if (!(pooled > 0)) return null;
  return (m1 - m0) / pooled;
}

/** Standardised difference of proportions, (p1 − p0)/√((p1(1−p1) + p0(1−p0))/2); null when undefined. */
export function binarySmd(p1: number | null, p0: number | null): number | null {
  if (p1 === null || p0 === null) return null;
  const pooled = Math.sqrt((p1 * (1 - p1) + p0 * (1 - p0)) / 2);
  if (!(pooled > 0)) return null;
  return (p1 - p0) / pooled;
}
