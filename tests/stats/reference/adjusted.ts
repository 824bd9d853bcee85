// Frozen copy of the pre-optimisation code (src/stats, Nov 2026), the reference for tests/stats/optimisedEqualsReference.test.ts.
import { normalQuantile, normalTwoSidedP } from '../../../src/stats/distributions.js';
import { clusterRobustVcovByPerson } from './clusterRobust.js';
import { aliasedColumns } from '../../../src/stats/linalg.js';
import { fitLogistic, type LogisticDesign, type LogisticFit } from './logistic.js';
import type { StatWarning } from '../../../src/stats/types.js';
import { isWorkOrEducation } from '../../../src/analysis/workOrEducation.js';
import type { PersonColumns } from '../../../src/table/types.js';

/** Which covariates enter the adjusted models (those present in the input). */
export interface CovariateSet {
  age: boolean;
  gender: boolean;
  priorWork: boolean;
}

/**
 * The analysis sample shared by the adjusted model and propensity weighting:
 * persons with a registered outcome and complete values on every covariate that
 * is present in the input.
 */
export interface AnalysisSample {
  rows: Int32Array;
  covariates: CovariateSet;
  /** Offices (indices into cols.offices) present in the sample, ascending. */
  offices: number[];
}

export function analysisSample(cols: PersonColumns): AnalysisSample {
  const covariates: CovariateSet = { age: cols.has.age, gender: cols.has.gender, priorWork: cols.has.priorWork };
  const rows: number[] = [];
  const officeSeen = new Set<number>();
  for (let i = 0; i < cols.n; i++) {
    if (cols.outcome[i] < 0) continue;
    if (covariates.age && Number.isNaN(cols.age[i])) continue;
    if (covariates.gender && cols.female[i] < 0) continue;
    if (covariates.priorWork && cols.priorWork[i] < 0) continue;
    rows.push(i);
    officeSeen.add(cols.office[i]);
  }
  return { rows: Int32Array.from(rows), covariates, offices: [...officeSeen].sort((a, b) => a - b) };
}

/** Right-hand side terms in R formula notation, e.g. "office + age + gender + prior_work". */
export function covariateTerms(sample: AnalysisSample): string[] {
  const terms: string[] = [];
  if (sample.offices.length > 1) terms.push('office');
  if (sample.covariates.age) terms.push('age');
  if (sample.covariates.gender) terms.push('gender');
  if (sample.covariates.priorWork) terms.push('prior_work');
  return terms;
}

/**
 * Builds an aggregated logistic design: one row per distinct combination of
 * (response, office, group, age, gender, prior work), with the number of persons
 * as frequency weight (the same estimates as the person-level fit, far fewer rows).
 * Columns: intercept, [group], office dummies (treatment contrasts, first office as
 * reference), age, gender (F = 1), prior_work. `patternOfPerson[s]` is the design
 * row of the s-th person of the sample.
 */
export function buildPatternDesign(
  cols: PersonColumns,
  sample: AnalysisSample,
  opts: { includeGroup: boolean; response: (i: number) => number },
): { design: LogisticDesign; patternOfPerson: Int32Array } {
  const names = ['(Intercept)'];
  if (opts.includeGroup) names.push('grouphybrid');
  const officeColumn = new Map<number, number>();
  for (const o of sample.offices.slice(1)) {
    officeColumn.set(o, names.length);
    names.push(`office${cols.offices[o]}`);
  }
  const ageCol = sample.covariates.age ? names.push('age') - 1 : -1;
  const genderCol = sample.covariates.gender ? names.push('genderF') - 1 : -1;
  const priorCol = sample.covariates.priorWork ? names.push('prior_work') - 1 : -1;
  const p = names.length;

  // Whole ages 0–1023 (all that ingest accepts) share one integer key with the rest
  // of the pattern; other ages fall back to a map per pattern.
  const byKey = new Map<number, number>();
  const byAge = new Map<number, Map<number, number>>();
  const x: number[] = [];
  const y: number[] = [];
  const w: number[] = [];
  const patternOfPerson = new Int32Array(sample.rows.length);
  for (let s = 0; s < sample.rows.length; s++) {
    const i = sample.rows[s];
    const resp = opts.response(i);
    const f = sample.covariates.gender ? cols.female[i] : 0;
    const pw = sample.covariates.priorWork ? cols.priorWork[i] : 0;
    const age = sample.covariates.age ? cols.age[i] : 0;
    const hybrid = opts.includeGroup ? cols.hybrid[i] : 0;
    const code = (((cols.office[i] * 2 + hybrid) * 2 + resp) * 2 + f) * 2 + pw;
    let r: number | undefined;
    let slow: Map<number, number> | undefined;
    const wholeAge = Number.isInteger(age) && age >= 0 && age < 1024;
    if (wholeAge) {
      r = byKey.get(code * 1024 + age);
    } else {
      slow = byAge.get(code);
      if (slow === undefined) byAge.set(code, (slow = new Map()));
      r = slow.get(age);
    }
    if (r === undefined) {
      r = w.length;
      if (wholeAge) byKey.set(code * 1024 + age, r);
      else slow!.set(age, r);
      const row = new Array<number>(p).fill(0);
      row[0] = 1;
      if (opts.includeGroup) row[1] = hybrid;
      const oc = officeColumn.get(cols.office[i]);
      if (oc !== undefined) row[oc] = 1;
      if (ageCol >= 0) row[ageCol] = age;
      if (genderCol >= 0) row[genderCol] = f;
      if (priorCol >= 0) row[priorCol] = pw;
      for (const v of row) x.push(v);
      y.push(resp);
      w.push(0);
    }
    w[r] += 1;
    patternOfPerson[s] = r;
  }
  return {
    design: { x: Float64Array.from(x), y: Float64Array.from(y), weights: Float64Array.from(w), nRows: w.length, p, columnNames: names },
    patternOfPerson,
  };
}

/** Removes columns from a design (e.g. aliased ones). */
export function dropColumns(design: LogisticDesign, drop: number[]): LogisticDesign {
  if (drop.length === 0) return design;
  const keep = Array.from({ length: design.p }, (_, j) => j).filter((j) => !drop.includes(j));
  const p = keep.length;
  const x = new Float64Array(design.nRows * p);
  for (let r = 0; r < design.nRows; r++) for (let k = 0; k < p; k++) x[r * p + k] = design.x[r * design.p + keep[k]];
  return { ...design, x, p, columnNames: keep.map((j) => design.columnNames[j]) };
}

/** Weighted Gram matrix XᵀWX with the frequency weights. */
export function weightedGram(design: LogisticDesign): Float64Array {
  const { p } = design;
  const g = new Float64Array(p * p);
  for (let r = 0; r < design.nRows; r++) {
    const wr = design.weights[r];
    for (let j = 0; j < p; j++) {
      const v = wr * design.x[r * p + j];
      if (v === 0) continue;
      for (let k = 0; k < p; k++) g[j * p + k] += v * design.x[r * p + k];
    }
  }
  return g;
}

export interface AdjustedEstimate {
  /** Persons used (outcome registered, used covariates complete). */
  n: number;
  formula: string;
  /** Number of clusters G in the robust variance (0 when not computed). */
  clusters: number;
  clusterBy: 'counsellor' | 'office';
  /** Odds ratio for hybrid vs usual with Wald 95% CI and p from the cluster-robust SE. */
  oddsRatio: { estimate: number | null; ciLow: number | null; ciHigh: number | null; pValue: number | null };
  /** Standard errors of the log odds ratio. */
  standardError: { modelBased: number | null; clusterRobust: number | null };
  converged: boolean;
  warnings: StatWarning[];
}

/** Fewer clusters than this and cluster-robust SEs are known to be too small (Cameron & Miller 2015). */
export const FEW_CLUSTERS = 20;

/**
 * Covariate-adjusted odds ratio of work or education for hybrid vs usual:
 * logistic regression on group, office fixed effects and whichever of age
 * (linear), gender and prior work are present, with a cluster-robust (HC0,
 * G/(G−1)) standard error clustered by counsellor (by office when the input has
 * no counsellor column).
 *
 * Matches R:
 *   fit <- glm(y ~ group + factor(office) + age + gender + prior_work, binomial)
 *   V <- sandwich::vcovCL(fit, cluster = ~counsellor, type = "HC0", cadjust = TRUE)
 *   exp(coef(fit)["group"] + c(0, -1, 1) * qnorm(0.975) * sqrt(V["group", "group"]))
 *   2 * pnorm(-abs(coef / se))
 * The model is fitted on aggregated covariate patterns with frequency weights
 * (identical estimates, far fewer rows). Persons whose counsellor is missing form
 * their own clusters (`adjusted-counsellor-missing`). Non-convergence or a
 * diverging group coefficient (separation) gives null estimates with warnings;
 * separation in other terms (e.g. an office where everyone ended in none) is
 * reported but the group estimate is kept, as it is then still finite.
 */
export function adjustedEstimate(cols: PersonColumns): AdjustedEstimate {
  const sample = analysisSample(cols);
  const terms = covariateTerms(sample);
  const formula = ['work_or_education ~ group', ...terms].join(' + ');
  const clusterBy: 'counsellor' | 'office' = cols.has.counsellor ? 'counsellor' : 'office';
  const warnings: StatWarning[] = [];
  const result = (extra: Partial<AdjustedEstimate>): AdjustedEstimate => ({
    n: sample.rows.length,
    formula,
    clusters: 0,
    clusterBy,
    oddsRatio: { estimate: null, ciLow: null, ciHigh: null, pValue: null },
    standardError: { modelBased: null, clusterRobust: null },
    converged: false,
    warnings,
    ...extra,
  });

  let hybrid = 0;
  let missingCounsellor = 0;
  for (const i of sample.rows) {
    hybrid += cols.hybrid[i];
    if (clusterBy === 'counsellor' && cols.counsellor[i] < 0) missingCounsellor += 1;
  }
  if (hybrid === 0 || hybrid === sample.rows.length) {
    warnings.push({ code: 'ADJUSTED_ONE_GROUP', message: 'The analysis sample lacks hybrid or usual users, so the adjusted odds ratio is undefined.' });
    return result({});
  }
  if (missingCounsellor > 0) {
    warnings.push({
      code: 'ADJUSTED_COUNSELLOR_MISSING',
      message: `${missingCounsellor} person(s) have no counsellor; each is treated as a cluster of its own.`,
    });
  }
  // Dense cluster ids per person of the sample: counsellor (or office); a person
  // without a counsellor is a cluster of their own.
  const nCounsellors = cols.counsellors.length;
  const clusterOfPerson = new Int32Array(sample.rows.length);
  let ownClusters = 0;
  for (let s = 0; s < sample.rows.length; s++) {
    const i = sample.rows[s];
    clusterOfPerson[s] = clusterBy === 'office' ? cols.office[i] : cols.counsellor[i] >= 0 ? cols.counsellor[i] : nCounsellors + ownClusters++;
  }
  const built = buildPatternDesign(cols, sample, {
    includeGroup: true,
    response: (i) => (isWorkOrEducation(cols.outcome[i]) ? 1 : 0),
  });
  let design = built.design;
  const aliased = aliasedColumns(weightedGram(design), design.p);
  if (aliased.includes(1)) {
    warnings.push({ code: 'ADJUSTED_GROUP_ALIASED', message: 'Group is collinear with the other terms (e.g. hybrid users only in offices without usual users), so the adjusted odds ratio is undefined.' });
    return result({});
  }
  if (aliased.length > 0) {
    warnings.push({
      code: 'ADJUSTED_ALIASED_COLUMNS',
      message: `Dropped collinear term(s) ${aliased.map((j) => design.columnNames[j]).join(', ')} (R reports them as NA).`,
    });
    design = dropColumns(design, aliased);
  }
  const fit: LogisticFit = fitLogistic(design);
  warnings.push(...fit.warnings);
  const beta = fit.coefficients[1];
  const seModel = fit.standardErrors === null ? null : fit.standardErrors[1];
  const robust = clusterRobustVcovByPerson(design, fit, built.patternOfPerson, clusterOfPerson);
  const seRobust = robust === null ? null : Math.sqrt(robust.vcov[1 * design.p + 1]);
  const clusters = robust?.clusters ?? 0;
  if (!fit.converged || fit.divergingColumns.includes(1) || seModel === null) {
    warnings.push({
      code: 'ADJUSTED_UNRELIABLE',
      message: 'The adjusted model did not converge or the group coefficient diverges (separation), so no adjusted odds ratio is reported.',
    });
    return result({ clusters });
  }
  if (seRobust === null || !(seRobust > 0)) {
    warnings.push({ code: 'ADJUSTED_NO_ROBUST_SE', message: 'Fewer than two clusters, so no cluster-robust standard error can be computed.' });
    return result({ clusters, converged: true, oddsRatio: { estimate: Math.exp(beta), ciLow: null, ciHigh: null, pValue: null }, standardError: { modelBased: seModel, clusterRobust: null } });
  }
  if (clusters < FEW_CLUSTERS) {
    warnings.push({
      code: 'ADJUSTED_FEW_CLUSTERS',
      message: `Only ${clusters} ${clusterBy === 'office' ? 'offices' : 'counsellors'} as clusters; cluster-robust standard errors are likely too small.`,
    });
  }
  const z = normalQuantile(0.975);
  return result({
    clusters,
    converged: true,
    oddsRatio: {
      estimate: Math.exp(beta),
      ciLow: Math.exp(beta - z * seRobust),
      ciHigh: Math.exp(beta + z * seRobust),
      pValue: normalTwoSidedP(beta / seRobust),
    },
    standardError: { modelBased: seModel, clusterRobust: seRobust },
  });
}
