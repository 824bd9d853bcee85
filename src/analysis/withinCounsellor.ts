import { cochranMantelHaenszel, isInformativeStratum, type Stratum2x2 } from '../stats/cmh.js';
import { mantelHaenszelOddsRatio } from '../stats/mantelHaenszelOddsRatio.js';
import type { Estimate, StatWarning, TestResult } from '../stats/types.js';
import type { PersonColumns } from '../table/types.js';
import { isWorkOrEducation } from './workOrEducation.js';

export interface WithinCounsellor {
  /** False when the input has no counsellor column. */
  available: boolean;
  mantelHaenszelOddsRatio: Estimate;
  cmh: TestResult;
  /** Counsellors with both groups and both outcomes (n ≥ 2, no zero margin), of all counsellors. */
  strataUsed: number;
  strataTotal: number;
  /** Registered persons without a counsellor, left out. */
  personsWithoutCounsellor: number;
  warnings: StatWarning[];
}

/**
 * Work or education by group within each counsellor's caseload (the unit that chose
 * whom to follow up in the hybrid model): one 2 × 2 stratum per counsellor, of the
 * registered persons with a counsellor, and the Mantel–Haenszel odds ratio and CMH
 * test over them, as R's mantelhaen.test with counsellor_id as strata. No Breslow–Day:
 * with two or three hybrid users per counsellor the strata are too sparse.
 */
export function withinCounsellor(p: PersonColumns): WithinCounsellor {
  const strata: Stratum2x2[] = p.counsellors.map(() => ({ a: 0, b: 0, c: 0, d: 0 }));
  let without = 0;
  for (let i = 0; i < p.n; i++) {
    if (p.outcome[i] < 0) continue;
    const k = p.counsellor[i];
    if (k < 0) {
      without++;
      continue;
    }
    const positive = isWorkOrEducation(p.outcome[i]);
    const s = strata[k];
    if (p.hybrid[i] === 1) positive ? s.a++ : s.b++;
    else positive ? s.c++ : s.d++;
  }
  const used = strata.filter((s) => s.a + s.b + s.c + s.d >= 2);
  const warnings: StatWarning[] = [];
  const mh = mantelHaenszelOddsRatio(used);
  const cmh = cochranMantelHaenszel(used);
  warnings.push(...(mh.warnings ?? []), ...(cmh.warnings ?? []));
  return {
    available: p.has.counsellor,
    mantelHaenszelOddsRatio: { estimate: mh.estimate, ciLow: mh.ciLow, ciHigh: mh.ciHigh },
    cmh: { statistic: cmh.statistic, df: cmh.df, pValue: cmh.pValue },
    strataUsed: strata.filter(isInformativeStratum).length,
    strataTotal: strata.length,
    personsWithoutCounsellor: without,
    warnings,
  };
}
