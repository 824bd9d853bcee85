import { chiSquareUpperTail } from './distributions.js';
import { isInformativeStratum, type Stratum2x2 } from './cmh.js';
import { mantelHaenszelOddsRatio } from './mantelHaenszelOddsRatio.js';
import type { StatWarning, TestResult } from './types.js';

export interface BreslowDayResult extends TestResult {
  /** Strata left out because n < 2 or a row or column margin is zero. */
  strataExcluded: number;
  warnings: StatWarning[];
}

/**
 * Expected first-row positive count A in a stratum with the given margins when its
 * odds ratio equals psi: the root in [max(0, m1 − n0), min(n1, m1)] of
 * (1 − psi) A² + (n0 − m1 + psi (n1 + m1)) A − psi n1 m1 = 0,
 * with n1, n0 the row totals and m1 the positive total.
 */
function expectedCell(n1: number, n0: number, m1: number, psi: number): number {
  const lo = Math.max(0, m1 - n0);
  const hi = Math.min(n1, m1);
  const qa = 1 - psi;
  const qb = n0 - m1 + psi * (n1 + m1);
  const qc = -psi * n1 * m1;
  let root: number;
  if (Math.abs(qa) < 1e-14 * Math.max(1, psi)) {
    root = -qc / qb;
  } else {
    // Numerically stable pair of roots.
    const disc = Math.sqrt(Math.max(0, qb * qb - 4 * qa * qc));
    const q = -0.5 * (qb + (qb >= 0 ? disc : -disc));
    const r1 = q / qa;
    const r2 = qc / q;
    const inside = (r: number) => r >= lo - 1e-9 * (1 + hi) && r <= hi + 1e-9 * (1 + hi);
    root = inside(r1) && !inside(r2) ? r1 : inside(r2) && !inside(r1) ? r2 : Math.abs(r1 - (lo + hi) / 2) < Math.abs(r2 - (lo + hi) / 2) ? r1 : r2;
  }
  return Math.min(hi, Math.max(lo, root));
}

/**
 * Breslow–Day test of homogeneity of the odds ratio across strata, evaluated at
 * the Mantel–Haenszel odds ratio, WITHOUT Tarone's correction:
 * X² = Σ_k (a_k − A_k)² / Var_k, Var_k = 1 / (1/A + 1/B + 1/C + 1/D) with A…D the
 * expected cells under the common OR. df = informative strata − 1.
 *
 * Strata with n < 2 or a zero margin are left out (`strataExcluded`); they carry
 * no information about the odds ratio. Matches the textbook definition (Breslow
 * & Day 1980, §4.4) implemented independently in tests/fixtures/r/stratified.R
 * (base R has no Breslow–Day function; DescTools::BreslowDayTest with
 * correct = FALSE computes the same statistic). Null with a warning when fewer
 * than two strata are informative or the MH odds ratio is 0, infinite or undefined.
 */
export function breslowDay(strata: readonly Stratum2x2[]): BreslowDayResult {
  const informative = strata.filter(isInformativeStratum);
  const strataExcluded = strata.length - informative.length;
  const df = informative.length - 1;
  const undefinedResult = (code: string, message: string): BreslowDayResult => ({
    statistic: null,
    df: Math.max(df, 0),
    pValue: null,
    strataExcluded,
    warnings: [{ code, message }],
  });
  if (informative.length < 2) {
    return undefinedResult(
      'BRESLOW_DAY_TOO_FEW_STRATA',
      'Fewer than two strata have both groups and both outcomes, so homogeneity of the odds ratio cannot be tested.',
    );
  }
  const or = mantelHaenszelOddsRatio(informative);
  const psi = or.estimate;
  if (psi === null || !(psi > 0) || !Number.isFinite(psi)) {
    return undefinedResult('BRESLOW_DAY_OR_UNDEFINED', 'The Mantel–Haenszel odds ratio is 0, infinite or undefined, so the Breslow–Day test is undefined.');
  }
  let statistic = 0;
  for (const s of informative) {
    const n1 = s.a + s.b;
    const n0 = s.c + s.d;
    const m1 = s.a + s.c;
    const A = expectedCell(n1, n0, m1, psi);
    const B = n1 - A;
    const C = m1 - A;
    const D = n0 - m1 + A;
    const variance = 1 / (1 / A + 1 / B + 1 / C + 1 / D);
    const diff = s.a - A;
    statistic += (diff * diff) / variance;
  }
  if (!Number.isFinite(statistic)) {
    return undefinedResult('BRESLOW_DAY_UNDEFINED', 'An expected cell is zero, so the Breslow–Day statistic is undefined.');
  }
  return { statistic, df, pValue: chiSquareUpperTail(statistic, df), strataExcluded, warnings: [] };
}
