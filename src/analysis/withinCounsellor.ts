import { cochranMantelHaenszel, isInformativeStratum, type Stratum2x2 } from '../stats/cmh.js';
import { mantelHaenszelOddsRatio } from '../stats/mantelHaenszelOddsRatio.js';
import type { Estimate, StatWarning, TestResult } from '../stats/types.js';
import type { PersonColumns } from '../table/types.js';
import { isWorkOrEducation } from './workOrEducation.js';
import { analysisSample, covariateTerms } from './adjusted.js';
import { fitConditionalLogistic } from '../stats/conditionalLogistic.js';
import { normalQuantile, normalTwoSidedP } from '../stats/distributions.js';

/** Conditional logistic regression with counsellors as strata. */
export interface ConditionalLogisticResult {
  /** Persons used: registered, complete covariates, with a counsellor. */
  n: number;
  formula: string;
  /** Odds ratio hybrid vs usual within counsellor, Wald 95 % CI and p (model-based SE, as clogit). */
  oddsRatio: Estimate & { pValue: number | null };
  /** Counsellors with at least one person in and one not in work or education, of all in the sample. */
  strataInformative: number;
  strataTotal: number;
  converged: boolean;
}

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
  conditionalLogistic: ConditionalLogisticResult;
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
    conditionalLogistic: conditionalLogistic(p, warnings),
    warnings,
  };
}

/** Terms of the exact recursion per iteration above which the conditional model is not fitted (seconds per iteration; bench/results.md). */
export const EXACT_WORK_LIMIT = 1e8;

/** Σ over strata of n · min(d, n − d): the size of the exact recursion. */
function exactLikelihoodWork(y: Uint8Array, stratum: Int32Array): number {
  const n = new Map<number, number>();
  const d = new Map<number, number>();
  for (let r = 0; r < y.length; r++) {
    n.set(stratum[r], (n.get(stratum[r]) ?? 0) + 1);
    if (y[r] === 1) d.set(stratum[r], (d.get(stratum[r]) ?? 0) + 1);
  }
  let work = 0;
  for (const [s, size] of n) {
    const cases = d.get(s) ?? 0;
    work += size * Math.min(cases, size - cases);
  }
  return work;
}

/**
 * Conditional logistic regression of work or education on group and the covariates
 * present, with counsellors as strata, on the adjusted model's sample less persons
 * without a counsellor: R's
 *   survival::clogit(y ~ group + age + gender + prior_work + strata(counsellor_id))
 * with its default exact conditional likelihood (stats/conditionalLogistic.ts). Each
 * counsellor is compared with herself, so differences between caseloads cannot bias
 * it, whatever their size; office needs no term (a counsellor is in one office).
 */
function conditionalLogistic(p: PersonColumns, warnings: StatWarning[]): ConditionalLogisticResult {
  const sample = analysisSample(p);
  const terms = covariateTerms(sample).filter((t) => t !== 'office');
  const formula = ['work_or_education ~ group', ...terms, 'strata(counsellor)'].join(' + ');
  // Typed, not Array.from(…).filter(…): at 10M persons that was 150 MB of heap.
  let kept = 0;
  for (const i of sample.rows) if (p.counsellor[i] >= 0) kept++;
  const rows = new Int32Array(kept);
  kept = 0;
  for (const i of sample.rows) if (p.counsellor[i] >= 0) rows[kept++] = i;
  const empty: ConditionalLogisticResult = {
    n: rows.length,
    formula,
    oddsRatio: { estimate: null, ciLow: null, ciHigh: null, pValue: null },
    strataInformative: 0,
    strataTotal: 0,
    converged: false,
  };
  if (!p.has.counsellor || rows.length === 0) return empty;
  const { age: useAge, gender: useGender, priorWork: usePrior } = sample.covariates;
  const k = 1 + terms.length;
  // Single precision when every value is exact in it (0/1 codes, whole or half ages): half the memory, the same doubles read back.
  let single = true;
  if (useAge) for (let r = 0; r < rows.length && single; r++) single = Math.fround(p.age[rows[r]]) === p.age[rows[r]];
  const x = single ? new Float32Array(rows.length * k) : new Float64Array(rows.length * k);
  const y = new Uint8Array(rows.length);
  const stratum = new Int32Array(rows.length);
  rows.forEach((i, r) => {
    let j = r * k;
    x[j++] = p.hybrid[i];
    if (useAge) x[j++] = p.age[i];
    if (useGender) x[j++] = p.female[i];
    if (usePrior) x[j++] = p.priorWork[i];
    y[r] = isWorkOrEducation(p.outcome[i]) ? 1 : 0;
    stratum[r] = p.counsellor[i];
  });
  // The exact likelihood costs about n·min(d, n − d) per stratum and iteration: fine for
  // caseloads of 50–150, hours for strata of thousands (a coarse or missing counsellor id).
  const work = exactLikelihoodWork(y, stratum);
  if (work > EXACT_WORK_LIMIT) {
    warnings.push({
      code: 'CONDITIONAL_LOGISTIC_STRATA_TOO_LARGE',
      message:
        'The counsellor strata are too large for the exact conditional likelihood (thousands of users per counsellor), so no conditional odds ratio is given; the Mantel–Haenszel estimate by counsellor stands.',
    });
    return empty;
  }
  const fit = fitConditionalLogistic({ x, y, stratum, n: rows.length, p: k, columnNames: ['group', ...terms] });
  warnings.push(...fit.warnings);
  const result = { ...empty, strataInformative: fit.strataInformative, strataTotal: fit.strataTotal, converged: fit.converged };
  const beta = fit.coefficients[0];
  const se = fit.standardErrors?.[0] ?? Number.NaN;
  if (!fit.converged || fit.divergingColumns.includes(0) || fit.aliasedColumns.includes(0) || !Number.isFinite(beta) || !(se > 0)) {
    warnings.push({
      code: 'CONDITIONAL_LOGISTIC_UNRELIABLE',
      message:
        'The conditional logistic model did not converge, or the group effect has no information or diverges within counsellors, so no conditional odds ratio is given.',
    });
    return result;
  }
  const z = normalQuantile(0.975);
  return {
    ...result,
    oddsRatio: { estimate: Math.exp(beta), ciLow: Math.exp(beta - z * se), ciHigh: Math.exp(beta + z * se), pValue: normalTwoSidedP(beta / se) },
  };
}
