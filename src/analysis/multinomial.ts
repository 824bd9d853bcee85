import { analysisSample, buildPatternDesign, covariateTerms, sampleClusters } from './adjusted.js';
import { dropColumns, weightedGram } from '../stats/logistic.js';
import { normalQuantile, normalTwoSidedP } from '../stats/distributions.js';
import { aliasedColumns } from '../stats/linalg.js';
import {
  coefficientIndex,
  equalAcrossCategoriesTest,
  fitMultinomial,
  multinomialClusterRobustVcov,
  type MultinomialDesign,
} from '../stats/multinomialLogistic.js';
import type { StatWarning, TestResult } from '../stats/types.js';
import { NONE } from './workOrEducation.js';
import type { PersonColumns } from '../table/types.js';
import { OUTCOMES, type Outcome } from '../ingest/types.js';

/** The outcomes compared with none, in the model's category order (none is category 0). */
const MULTINOMIAL_OUTCOMES = OUTCOMES.filter((o) => o !== 'none') as Exclude<Outcome, 'none'>[];

export interface MultinomialEstimate {
  n: number;
  formula: string;
  clusterBy: 'counsellor' | 'office';
  clusters: number;
  /** Relative-risk ratio hybrid vs usual of each outcome against none, with cluster-robust Wald 95 % CI and p. */
  relativeRiskRatios: { outcome: Exclude<Outcome, 'none'>; estimate: number | null; ciLow: number | null; ciHigh: number | null; pValue: number | null }[];
  /** Wald test (cluster-robust) that the group effect is the same for job, apprenticeship and education. */
  equalEffects: TestResult;
  converged: boolean;
  warnings: StatWarning[];
}

/**
 * All four outcomes at once: a multinomial logistic model of the outcome (none as
 * reference) on group, office and the covariates present, fitted on the adjusted
 * model's sample, as R's
 *   nnet::multinom(outcome ~ group + factor(office) + age + gender + prior_work)
 * run to the maximum-likelihood estimate. Intervals, p and the Wald test of equal
 * group effects (2 df) use the cluster-robust sandwich (score-based, clustered by
 * counsellor — office without a counsellor column — with G/(G − 1)).
 *
 * A group coefficient that diverges (an outcome no hybrid or no as-usual user
 * reached) gives a null ratio for that outcome and no equality test
 * (`MULTINOMIAL_SEPARATION`).
 */
export function multinomialEstimate(cols: PersonColumns): MultinomialEstimate {
  const sample = analysisSample(cols);
  const terms = covariateTerms(sample);
  const formula = ['outcome ~ group', ...terms].join(' + ');
  const clusterBy = cols.has.counsellor ? 'counsellor' : 'office';
  const warnings: StatWarning[] = [];
  const empty: MultinomialEstimate = {
    n: sample.rows.length,
    formula,
    clusterBy,
    clusters: 0,
    relativeRiskRatios: MULTINOMIAL_OUTCOMES.map((outcome) => ({ outcome, estimate: null, ciLow: null, ciHigh: null, pValue: null })),
    equalEffects: { statistic: null, df: MULTINOMIAL_OUTCOMES.length - 1, pValue: null },
    converged: false,
    warnings,
  };
  let hybrid = 0;
  for (const i of sample.rows) hybrid += cols.hybrid[i];
  if (hybrid === 0 || hybrid === sample.rows.length) {
    warnings.push({ code: 'MULTINOMIAL_ONE_GROUP', message: 'The analysis sample lacks hybrid or usual users, so the multinomial model is undefined.' });
    return empty;
  }
  // Patterns of (office, group, age, gender, prior work), whatever the outcome.
  const built = buildPatternDesign(cols, sample, { includeGroup: true, response: () => 0 });
  let logistic = built.design;
  const aliased = aliasedColumns(weightedGram(logistic), logistic.p);
  if (aliased.includes(1)) {
    warnings.push({ code: 'MULTINOMIAL_GROUP_ALIASED', message: 'Group is collinear with the other terms, so the multinomial model is undefined.' });
    return empty;
  }
  logistic = dropColumns(logistic, aliased);
  // Categories: none, then the outcomes someone in the sample reached (an outcome no one
  // reached has no likelihood to fit and is left out, with a warning).
  const reached = new Float64Array(OUTCOMES.length);
  for (const i of sample.rows) reached[cols.outcome[i]] += 1;
  const modelled = MULTINOMIAL_OUTCOMES.filter((o) => reached[OUTCOMES.indexOf(o)] > 0);
  const absent = MULTINOMIAL_OUTCOMES.filter((o) => !modelled.includes(o));
  if (reached[NONE] === 0 || modelled.length === 0) {
    warnings.push({
      code: 'MULTINOMIAL_ONE_OUTCOME',
      message: 'The analysis sample has no one in none, or no one in any other outcome, so the multinomial model is undefined.',
    });
    return empty;
  }
  if (absent.length > 0) {
    warnings.push({
      code: 'MULTINOMIAL_OUTCOME_ABSENT',
      params: { outcomes: absent },
      message: `No one in the analysis sample ended in ${absent.join(', ')}; the model compares the other outcomes with none.`,
    });
  }
  const K = modelled.length + 1;
  const categoryOfOutcome = new Int8Array(OUTCOMES.length);
  OUTCOMES.forEach((o, k) => {
    categoryOfOutcome[k] = k === NONE ? 0 : modelled.indexOf(o as Exclude<Outcome, 'none'>) + 1;
  });
  const counts = new Float64Array(logistic.nRows * K);
  const categoryOfPerson = new Int8Array(sample.rows.length);
  for (let s = 0; s < sample.rows.length; s++) {
    const k = categoryOfOutcome[cols.outcome[sample.rows[s]]];
    categoryOfPerson[s] = k;
    counts[built.patternOfPerson[s] * K + k] += 1;
  }
  const design: MultinomialDesign = {
    x: logistic.x,
    counts,
    nRows: logistic.nRows,
    p: logistic.p,
    categories: K,
    columnNames: logistic.columnNames,
    categoryNames: [OUTCOMES[NONE], ...modelled],
  };
  const fit = fitMultinomial(design);
  warnings.push(...fit.warnings);
  if (!fit.converged || fit.vcov === null) {
    warnings.push({ code: 'MULTINOMIAL_NOT_CONVERGED', message: 'The multinomial model did not converge, so no relative-risk ratios are given.' });
    return empty;
  }
  const robust = multinomialClusterRobustVcov(design, fit, built.patternOfPerson, categoryOfPerson, sampleClusters(cols, sample));
  const clusters = robust?.clusters ?? 0;
  if (robust === null) {
    warnings.push({ code: 'MULTINOMIAL_FEW_CLUSTERS', message: 'Fewer than two clusters, so no cluster-robust intervals can be given.' });
    return { ...empty, clusters, converged: true };
  }
  const q = design.p * (K - 1);
  const z = normalQuantile(0.975);
  const separated: string[] = [];
  const relativeRiskRatios = MULTINOMIAL_OUTCOMES.map((outcome) => {
    const c = modelled.indexOf(outcome);
    if (c < 0) return { outcome, estimate: null, ciLow: null, ciHigh: null, pValue: null };
    const j = coefficientIndex(design.p, c + 1, 1);
    const b = fit.coefficients[j];
    const se = Math.sqrt(robust.vcov[j * q + j]);
    if (fit.divergingCoefficients.includes(j) || !(se > 0)) {
      separated.push(outcome);
      return { outcome, estimate: null, ciLow: null, ciHigh: null, pValue: null };
    }
    return { outcome, estimate: Math.exp(b), ciLow: Math.exp(b - z * se), ciHigh: Math.exp(b + z * se), pValue: normalTwoSidedP(b / se) };
  });
  if (separated.length > 0) {
    warnings.push({
      code: 'MULTINOMIAL_SEPARATION',
      params: { outcomes: separated },
      message: `The group effect on ${separated.join(', ')} diverges (no one in a group reached it), so its ratio and the test of equal effects are not given.`,
    });
  }
  return {
    ...empty,
    clusters,
    converged: true,
    relativeRiskRatios,
    equalEffects: separated.length > 0 || K < 3 ? empty.equalEffects : { ...equalAcrossCategoriesTest(fit.coefficients, robust.vcov, design.p, 1) },
  };
}
