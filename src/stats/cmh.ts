import { chiSquareUpperTail } from './distributions.js';
import type { StatWarning, TestResult } from './types.js';

/**
 * One stratum of a 2×2×K table. Rows are groups, columns outcomes:
 * a = first group positive, b = first group negative, c = second group positive,
 * d = second group negative, so an odds ratio above 1 favours the first group.
 */
export interface Stratum2x2 {
  a: number;
  b: number;
  c: number;
  d: number;
}

export interface CochranMantelHaenszelResult extends TestResult {
  /** Strata that carried information (n ≥ 2 and no zero margin). */
  strataUsed: number;
  warnings: StatWarning[];
}

/**
 * True when the stratum can contribute to a Mantel–Haenszel statistic:
 * n ≥ 2 and both row and both column margins positive. A stratum with a zero
 * margin has a − E(a) = 0 and Var(a) = 0, so leaving it out changes nothing.
 */
export function isInformativeStratum(s: Stratum2x2): boolean {
  const n = s.a + s.b + s.c + s.d;
  return n >= 2 && s.a + s.b > 0 && s.c + s.d > 0 && s.a + s.c > 0 && s.b + s.d > 0;
}

/**
 * Cochran–Mantel–Haenszel test of conditional independence in a 2×2×K table,
 * without continuity correction (df 1).
 *
 * Matches R `mantelhaen.test(x, correct = FALSE)` on the 2×2×K array
 * `x[, , k] = matrix(c(a, c, b, d), 2)`. R stops with an error when a stratum has
 * n < 2; here such strata (and strata with a zero margin, which contribute
 * nothing in R either) are left out, which equals R on the array without them.
 * When no stratum is informative the statistic is null with warning
 * `cmh-no-informative-strata`.
 */
export function cochranMantelHaenszel(strata: readonly Stratum2x2[]): CochranMantelHaenszelResult {
  let delta = 0;
  let variance = 0;
  let used = 0;
  for (const s of strata) {
    if (!isInformativeStratum(s)) continue;
    const n = s.a + s.b + s.c + s.d;
    const rowFirst = s.a + s.b;
    const colPositive = s.a + s.c;
    delta += s.a - (rowFirst * colPositive) / n;
    // Product split into ratios to stay finite for counts near 1e6 and beyond.
    variance += ((rowFirst / n) * ((n - rowFirst) / n) * colPositive * (n - colPositive)) / (n - 1);
    used += 1;
  }
  if (used === 0 || !(variance > 0)) {
    return {
      statistic: null,
      df: 1,
      pValue: null,
      strataUsed: used,
      warnings: [
        {
          code: 'CMH_NO_INFORMATIVE_STRATA',
          message: 'No stratum has both groups and both outcomes, so the Cochran–Mantel–Haenszel test is undefined.',
        },
      ],
    };
  }
  const statistic = (delta * delta) / variance;
  return { statistic, df: 1, pValue: chiSquareUpperTail(statistic, 1), strataUsed: used, warnings: [] };
}
