// Frozen copy of the pre-optimisation code (src/stats, Nov 2026), the reference for tests/stats/optimisedEqualsReference.test.ts.
import { analysisSample, buildPatternDesign, dropColumns, weightedGram } from './adjusted.js';
import { binarySmd, continuousSmd } from '../../../src/stats/standardisedDifference.js';
import { normalQuantile } from '../../../src/stats/distributions.js';
import { aliasedColumns } from '../../../src/stats/linalg.js';
import { fitLogistic } from './logistic.js';
import type { Estimate, StatWarning } from '../../../src/stats/types.js';
import { isWorkOrEducation } from '../../../src/analysis/workOrEducation.js';
import type { PersonColumns } from '../../../src/table/types.js';

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
 * The risk difference is the coefficient of `lm(y ~ group, weights = w)` with the
 * HC0 sandwich SE of `sandwich::vcovHC(fit, type = "HC0")` (for this two-group
 * design: Σ_h w²e²/(Σ_h w)² + Σ_u w²e²/(Σ_u w)²) and a Wald 95% interval. The
 * uncertainty of the estimated propensity scores is ignored (the interval is
 * usually conservative for ATT but not guaranteed to be).
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
  const sample = analysisSample(cols);
  const n = sample.rows.length;
  const warnings: StatWarning[] = [];
  const empty = (): PropensityWeightingResult => ({
    n,
    riskDifference: { estimate: null, ciLow: null, ciHigh: null },
    smdAfter: [],
    weights: { min: null, max: null, effectiveSampleSizeUsual: null },
    warnings,
  });
  let nHybrid = 0;
  const perOffice = new Map<number, [number, number]>();
  for (const i of sample.rows) {
    nHybrid += cols.hybrid[i];
    const c = perOffice.get(cols.office[i]) ?? [0, 0];
    c[cols.hybrid[i]] += 1;
    perOffice.set(cols.office[i], c);
  }
  if (nHybrid === 0 || nHybrid === n) {
    warnings.push({ code: 'PS_ONE_GROUP', message: 'The analysis sample lacks hybrid or usual users, so propensity weighting is undefined.' });
    return empty();
  }
  const oneGroup = [...perOffice.entries()].filter(([, c]) => c[0] === 0 || c[1] === 0).map(([o]) => cols.offices[o]);
  if (oneGroup.length > 0) {
    warnings.push({
      code: 'PS_OFFICE_ONE_GROUP',
      message: `Office(s) with only one group in the sample: ${oneGroup.join(', ')}. Their propensity scores are 0 or 1, so they add no comparable usual users.`,
    });
  }

  const built = buildPatternDesign(cols, sample, { includeGroup: false, response: (i) => cols.hybrid[i] });
  let design = built.design;
  const aliased = aliasedColumns(weightedGram(design), design.p);
  if (aliased.length > 0) design = dropColumns(design, aliased);
  const fit = fitLogistic(design);
  if (!fit.converged || fit.vcov === null) {
    warnings.push(...fit.warnings.map((w) => ({ ...w, code: `ps-${w.code}` })));
    warnings.push({ code: 'PS_NOT_CONVERGED', message: 'The propensity model did not converge, so no weighted estimate is reported.' });
    return empty();
  }
  if (fit.fittedZeroOrOne || fit.divergingColumns.length > 0) {
    warnings.push({
      code: 'PS_SEPARATION',
      message: 'The propensity model separates some persons (propensity scores numerically 0 or 1); weights of those usual users are near 0 and the estimate rests on the remaining offices.',
    });
  }

  const hybridY: number[] = [];
  const usualY: number[] = [];
  const usualW: number[] = [];
  const hybridIdx: number[] = [];
  const usualIdx: number[] = [];
  for (let s = 0; s < n; s++) {
    const i = sample.rows[s];
    const y = isWorkOrEducation(cols.outcome[i]) ? 1 : 0;
    if (cols.hybrid[i] === 1) {
      hybridY.push(y);
      hybridIdx.push(i);
    } else {
      const ps = fit.fitted[built.patternOfPerson[s]];
      usualY.push(y);
      usualW.push(ps / (1 - ps));
      usualIdx.push(i);
    }
  }
  const ones = new Array<number>(hybridY.length).fill(1);
  const mh = mean(hybridY, ones);
  const mu = mean(usualY, usualW);
  const rd = mh.mean - mu.mean;
  const variance = sandwichPart(hybridY, ones, mh.mean, mh.sw) + sandwichPart(usualY, usualW, mu.mean, mu.sw);
  const half = normalQuantile(0.975) * Math.sqrt(variance);
  const riskDifference: Estimate =
    variance > 0 ? { estimate: rd, ciLow: rd - half, ciHigh: rd + half } : { estimate: rd, ciLow: null, ciHigh: null };
  if (!(variance > 0)) warnings.push({ code: 'PS_ZERO_VARIANCE', message: 'The weighted outcome has no variation, so no interval is given.' });

  const smdAfter: PropensityWeightingResult['smdAfter'] = [];
  const pick = (idx: number[], f: (i: number) => number) => idx.map(f);
  if (sample.covariates.age) {
    const h = weightedMeanVariance(pick(hybridIdx, (i) => cols.age[i]), ones);
    const u = weightedMeanVariance(pick(usualIdx, (i) => cols.age[i]), usualW);
    smdAfter.push({ variable: 'age', smd: continuousSmd(h.mean, sqrtOrNull(h.variance), u.mean, sqrtOrNull(u.variance)) });
  }
  if (sample.covariates.gender) {
    smdAfter.push({
      variable: 'gender',
      level: 'F',
      smd: binarySmd(mean(pick(hybridIdx, (i) => cols.female[i]), ones).mean, mean(pick(usualIdx, (i) => cols.female[i]), usualW).mean),
    });
  }
  if (sample.covariates.priorWork) {
    smdAfter.push({
      variable: 'prior_work',
      level: '1',
      smd: binarySmd(mean(pick(hybridIdx, (i) => cols.priorWork[i]), ones).mean, mean(pick(usualIdx, (i) => cols.priorWork[i]), usualW).mean),
    });
  }
  let wMin = Number.POSITIVE_INFINITY;
  let wMax = 0;
  let sw2 = 0;
  for (const w of usualW) {
    wMin = Math.min(wMin, w);
    wMax = Math.max(wMax, w);
    sw2 += w * w;
  }
  return {
    n,
    riskDifference,
    smdAfter,
    weights: { min: wMin, max: wMax, effectiveSampleSizeUsual: (mu.sw * mu.sw) / sw2 },
    warnings,
  };
}

function mean(x: number[], w: number[]): { mean: number; sw: number } {
  let sw = 0;
  let swx = 0;
  for (let i = 0; i < x.length; i++) {
    sw += w[i];
    swx += w[i] * x[i];
  }
  return { mean: swx / sw, sw };
}

/** HC0 variance of a weighted group mean: Σ w² (y − ȳ_w)² / (Σ w)². */
function sandwichPart(y: number[], w: number[], m: number, sw: number): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += w[i] * w[i] * (y[i] - m) * (y[i] - m);
  return s / (sw * sw);
}

function sqrtOrNull(v: number | null): number | null {
  return v === null ? null : Math.sqrt(v);
}
