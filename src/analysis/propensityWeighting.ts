import { adjustedDesigns, attData } from './adjusted.js';
import { dropColumns, weightedGram } from '../stats/logistic.js';
import { attEstimate } from '../stats/augmentedWeightingAtt.js';
import { binarySmd, continuousSmd } from '../stats/standardisedDifference.js';
import { aliasedColumns } from '../stats/linalg.js';
import { fitLogistic } from '../stats/logistic.js';
import type { Estimate, StatWarning } from '../stats/types.js';
import { isWorkOrEducation } from './workOrEducation.js';
import type { PersonColumns } from '../table/types.js';

export interface PropensityWeightingResult {
  /** Persons used: the adjusted model's sample (outcome registered, covariates complete). */
  n: number;
  /** Weighted risk difference of work or education, hybrid − usual, with robust 95% CI. */
  riskDifference: Estimate;
  /** Standardised differences after weighting (hybrid − usual). */
  smdAfter: { variable: 'age' | 'gender' | 'prior_work'; level?: 'F' | '1'; smd: number | null }[];
  /** Range of the usual group's weights (hybrid weights are all 1) and its Kish effective sample size. */
  weights: { min: number | null; max: number | null; effectiveSampleSizeUsual: number | null };
  warnings: StatWarning[];
}

/**
 * Weighted mean and variance with Σw/((Σw)² − Σw²) · Σw(x − x̄_w)² (the unbiased
 * "reliability weights" variance; with all w = 1 it is the ordinary n − 1 variance).
 */
export function weightedMeanVariance(x: ArrayLike<number>, w: ArrayLike<number>): { mean: number | null; variance: number | null } {
  let sw = 0;
  let sw2 = 0;
  let swx = 0;
  for (let i = 0; i < x.length; i++) {
    sw += w[i];
    sw2 += w[i] * w[i];
    swx += w[i] * x[i];
  }
  if (!(sw > 0)) return { mean: null, variance: null };
  const mean = swx / sw;
  let ss = 0;
  for (let i = 0; i < x.length; i++) ss += w[i] * (x[i] - mean) * (x[i] - mean);
  const denom = sw * sw - sw2;
  return { mean, variance: denom > 0 ? (sw * ss) / denom : null };
}

/**
 * Propensity-score weighting for the average effect on the treated (ATT).
 * The propensity model is a logistic regression of group (hybrid) on office
 * fixed effects and the covariates present (same sample and terms as
 * adjustedEstimate); hybrid users get weight 1 and usual users ps/(1 − ps).
 *
 * The risk difference is the coefficient of `lm(y ~ group, weights = w)`; its Wald
 * 95% interval uses the sandwich of the stacked estimating equations (propensity
 * score and the two weighted means), clustered by counsellor with G/(G − 1) as the
 * adjusted model, so it counts the estimated propensity scores
 * (stats/augmentedWeightingAtt.ts without the outcome model).
 *
 * SMDs after weighting: continuous (m1 − m0)/√((s1² + s0²)/2) with weighted means
 * and the weighted variance of weightedMeanVariance; binary (p1 − p0)/√((p1(1−p1)
 * + p0(1−p0))/2) with weighted proportions. Reference: tests/fixtures/r/adjusted.R.
 *
 * Warnings: `ps-office-one-group` (an office in the sample has only one group:
 * its propensity scores go to 0 or 1 and it cannot contribute comparable usual
 * users), `ps-separation` (fitted 0/1 or diverging coefficients),
 * `ps-not-converged` (no estimate), `ps-one-group`.
 */
export function propensityWeighting(cols: PersonColumns): PropensityWeightingResult {
  const designs = adjustedDesigns(cols);
  const { sample, outcome, propensity } = designs;
  const { rows } = sample;
  const n = rows.length;
  const warnings: StatWarning[] = [];
  const empty = (): PropensityWeightingResult => ({
    n,
    riskDifference: { estimate: null, ciLow: null, ciHigh: null },
    smdAfter: [],
    weights: { min: null, max: null, effectiveSampleSizeUsual: null },
    warnings,
  });
  let nHybrid = 0;
  // Persons per office (in order of first appearance in the sample) and group.
  const perOffice = new Float64Array(cols.offices.length * 2);
  const officeOrder: number[] = [];
  for (let s = 0; s < n; s++) {
    const i = rows[s];
    const o = cols.office[i];
    nHybrid += cols.hybrid[i];
    if (perOffice[o * 2] + perOffice[o * 2 + 1] === 0) officeOrder.push(o);
    perOffice[o * 2 + cols.hybrid[i]] += 1;
  }
  if (nHybrid === 0 || nHybrid === n) {
    warnings.push({ code: 'PS_ONE_GROUP', message: 'The analysis sample lacks hybrid or usual users, so propensity weighting is undefined.' });
    return empty();
  }
  const oneGroup = officeOrder.filter((o) => perOffice[o * 2] === 0 || perOffice[o * 2 + 1] === 0).map((o) => cols.offices[o]);
  if (oneGroup.length > 0) {
    warnings.push({
      code: 'PS_OFFICE_ONE_GROUP',
      params: { offices: oneGroup },
      message: `Office(s) with only one group in the sample: ${oneGroup.join(', ')}. Their propensity scores are 0 or 1, so they add no comparable usual users.`,
    });
  }

  let design = propensity.design;
  const aliased = aliasedColumns(weightedGram(design), design.p);
  if (aliased.length > 0) design = dropColumns(design, aliased);
  const fit = fitLogistic(design);
  if (!fit.converged || fit.vcov === null) {
    warnings.push(...fit.warnings);
    warnings.push({ code: 'PS_NOT_CONVERGED', message: 'The propensity model did not converge, so no weighted estimate is reported.' });
    return empty();
  }
  if (fit.fittedZeroOrOne || fit.divergingColumns.length > 0) {
    warnings.push({
      code: 'PS_SEPARATION',
      message:
        'The propensity model separates some persons (propensity scores numerically 0 or 1); weights of those usual users are near 0 and the estimate rests on the remaining offices.',
    });
  }

  // Weight of each outcome pattern's usual users: ps/(1 − ps) of its propensity pattern.
  const patternWeight = new Float64Array(outcome.design.nRows);
  for (let r = 0; r < patternWeight.length; r++) {
    const ps = fit.fitted[propensity.patternOfOutcomePattern[r]];
    patternWeight[r] = ps / (1 - ps);
  }
  // Person by person in sample order, so every sum adds the same terms in the same
  // order as a straightforward person-level computation.
  const { age: useAge, gender: useGender, priorWork: usePrior } = sample.covariates;
  const hybrid = new GroupSums();
  const usual = new GroupSums();
  for (let s = 0; s < n; s++) {
    const i = rows[s];
    const y = isWorkOrEducation(cols.outcome[i]) ? 1 : 0;
    if (cols.hybrid[i] === 1) hybrid.add(1, y, useAge ? cols.age[i] : 0, useGender ? cols.female[i] : 0, usePrior ? cols.priorWork[i] : 0);
    else usual.add(patternWeight[outcome.patternOfPerson[s]], y, useAge ? cols.age[i] : 0, useGender ? cols.female[i] : 0, usePrior ? cols.priorWork[i] : 0);
  }
  const mh = hybrid.swy / hybrid.sw;
  const mu = usual.swy / usual.sw;
  // Second pass: squared deviations of age from the weighted means.
  let hybridAgeSs = 0;
  let usualAgeSs = 0;
  const hybridAgeMean = hybrid.swAge / hybrid.sw;
  const usualAgeMean = usual.swAge / usual.sw;
  for (let s = 0; s < n && useAge; s++) {
    const i = rows[s];
    if (cols.hybrid[i] === 1) {
      hybridAgeSs += (cols.age[i] - hybridAgeMean) * (cols.age[i] - hybridAgeMean);
    } else {
      const w = patternWeight[outcome.patternOfPerson[s]];
      if (useAge) usualAgeSs += w * (cols.age[i] - usualAgeMean) * (cols.age[i] - usualAgeMean);
    }
  }
  const rd = mh - mu;
  // The interval: the stacked estimating-equation sandwich (propensity model and
  // both means), clustered as the adjusted model; its point estimate is the same.
  const stacked = attEstimate(attData(cols, designs), { augmented: false });
  const { ciLow, ciHigh } = stacked.difference;
  const riskDifference: Estimate = ciLow !== null && ciHigh !== null ? { estimate: rd, ciLow, ciHigh } : { estimate: rd, ciLow: null, ciHigh: null };
  if (stacked.clusters < 2) {
    warnings.push({ code: 'PS_FEW_CLUSTERS', message: 'Fewer than two clusters, so no cluster-robust interval can be given.' });
  } else if (ciLow === null) {
    warnings.push({ code: 'PS_ZERO_VARIANCE', message: 'The weighted outcome has no variation, so no interval is given.' });
  }

  const smdAfter: PropensityWeightingResult['smdAfter'] = [];
  if (useAge) {
    const h = hybrid.ageMeanVariance(hybridAgeSs);
    const u = usual.ageMeanVariance(usualAgeSs);
    smdAfter.push({ variable: 'age', smd: continuousSmd(h.mean, sqrtOrNull(h.variance), u.mean, sqrtOrNull(u.variance)) });
  }
  if (useGender) {
    smdAfter.push({ variable: 'gender', level: 'F', smd: binarySmd(hybrid.swFemale / hybrid.sw, usual.swFemale / usual.sw) });
  }
  if (usePrior) {
    smdAfter.push({ variable: 'prior_work', level: '1', smd: binarySmd(hybrid.swPrior / hybrid.sw, usual.swPrior / usual.sw) });
  }
  return {
    n,
    riskDifference,
    smdAfter,
    weights: { min: usual.wMin, max: usual.wMax, effectiveSampleSizeUsual: (usual.sw * usual.sw) / usual.sw2 },
    warnings,
  };
}

/**
 * Running sums of one group, each added in person order: Σw, Σw², Σwy, Σw·age,
 * Σw·female, Σw·prior work, and the range of w.
 */
class GroupSums {
  sw = 0;
  sw2 = 0;
  swy = 0;
  swAge = 0;
  swFemale = 0;
  swPrior = 0;
  wMin = Number.POSITIVE_INFINITY;
  wMax = 0;

  add(w: number, y: number, age: number, female: number, prior: number): void {
    this.sw += w;
    this.sw2 += w * w;
    this.swy += w * y;
    this.swAge += w * age;
    this.swFemale += w * female;
    this.swPrior += w * prior;
    this.wMin = Math.min(this.wMin, w);
    this.wMax = Math.max(this.wMax, w);
  }

  /** Weighted mean and variance of age as weightedMeanVariance, given Σw(age − mean)². */
  ageMeanVariance(ss: number): { mean: number | null; variance: number | null } {
    if (!(this.sw > 0)) return { mean: null, variance: null };
    const denom = this.sw * this.sw - this.sw2;
    return { mean: this.swAge / this.sw, variance: denom > 0 ? (this.sw * ss) / denom : null };
  }
}

function sqrtOrNull(v: number | null): number | null {
  return v === null ? null : Math.sqrt(v);
}
