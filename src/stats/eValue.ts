/**
 * E-value (VanderWeele & Ding 2017): the minimum strength of association, on the
 * risk-ratio scale, that an unmeasured confounder would need with both exposure and
 * outcome to explain away an observed risk ratio: RR + √(RR(RR − 1)) for RR ≥ 1, and
 * the same of 1/RR below 1. For the interval, the E-value of the limit closer to 1,
 * or 1 when the interval contains 1. As R's EValue::evalues.RR; an odds ratio of a
 * common outcome (over 15 %) is first taken to √OR (evalues.OR(rare = FALSE)).
 *
 * @example eValue(2) // 3.414213562373095
 * @example eValueInterval(1.2, 3) // eValue(1.2) = 1.6898979485566356
 * @example eValueInterval(0.8, 1.3) // 1
 */
export function eValue(rr: number | null): number | null {
  if (rr === null || !(rr > 0) || !Number.isFinite(rr)) return null;
  const r = rr >= 1 ? rr : 1 / rr;
  return r + Math.sqrt(r * (r - 1));
}

/** The E-value of the interval limit closer to 1; 1 when the interval contains 1. */
export function eValueInterval(low: number | null, high: number | null): number | null {
  if (low === null || high === null || !(low > 0) || !Number.isFinite(high)) return null;
  if (low <= 1 && high >= 1) return 1;
  return eValue(low > 1 ? low : high);
}

/** The risk ratio an odds ratio of a common outcome stands for: √OR (VanderWeele 2017). */
export function commonOutcomeRiskRatio(or: number | null): number | null {
  return or === null || !(or > 0) ? null : Math.sqrt(or);
}
