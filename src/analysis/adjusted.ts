import { normalQuantile, normalTwoSidedP } from '../stats/distributions.js';
import { clusterRobustVcovByPerson } from '../stats/clusterRobust.js';
import { satterthwaiteCoefTest } from '../stats/clusterRobustCr2.js';
import { aliasedColumns } from '../stats/linalg.js';
import { oncePerObject } from '../stats/oncePerObject.js';
import { dropColumns, fitLogistic, weightedGram, type LogisticDesign, type LogisticFit } from '../stats/logistic.js';
import type { StatWarning } from '../stats/types.js';
import type { AttData } from '../stats/augmentedWeightingAtt.js';
import { isWorkOrEducation } from './workOrEducation.js';
import type { PersonColumns } from '../table/types.js';

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

/** The analysis sample of `cols` (computed once per columns object; callers must not mutate it). */
export const analysisSample: (cols: PersonColumns) => AnalysisSample = oncePerObject(computeAnalysisSample);

function computeAnalysisSample(cols: PersonColumns): AnalysisSample {
  const covariates: CovariateSet = { age: cols.has.age, gender: cols.has.gender, priorWork: cols.has.priorWork };
  const { outcome, age, female, priorWork, office } = cols;
  const complete = (i: number): boolean =>
    outcome[i] >= 0 && !(covariates.age && Number.isNaN(age[i])) && !(covariates.gender && female[i] < 0) && !(covariates.priorWork && priorWork[i] < 0);
  let n = 0;
  for (let i = 0; i < cols.n; i++) if (complete(i)) n++;
  const rows = new Int32Array(n);
  const officeSeen = new Uint8Array(cols.offices.length);
  for (let i = 0, s = 0; i < cols.n; i++) {
    if (!complete(i)) continue;
    rows[s++] = i;
    officeSeen[office[i]] = 1;
  }
  const offices: number[] = [];
  for (let o = 0; o < officeSeen.length; o++) if (officeSeen[o] === 1) offices.push(o);
  return { rows, covariates, offices };
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

/** Persons grouped into covariate patterns, in order of each pattern's first person. */
export interface PatternGrouping {
  /** Number of patterns. */
  count: number;
  /** `patternOf[s]` is the pattern of item s. */
  patternOf: Int32Array;
  /** The first item of each pattern (its attributes are the pattern's). */
  firstItem: Int32Array;
  /** Sum of the items' frequencies per pattern. */
  frequency: Float64Array;
}

/** Dense lookup tables up to this many cells (16 MB); beyond, a map. */
const DENSE_PATTERN_CELLS = 1 << 22;

/**
 * Groups items by (code[s], age[s]), where 0 ≤ code < codeCount is a small
 * integer key of the discrete attributes. Whole ages index a dense table of
 * codeCount × (age range) cells, so the usual case needs no hashing or strings;
 * other ages (or a table that would be too large) fall back to maps.
 */
function groupPatterns(code: Int32Array, codeCount: number, age: Float64Array, frequencyOf?: Float64Array): PatternGrouping {
  const n = code.length;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let s = 0; s < n; s++) {
    const a = age[s];
    if (a === Math.floor(a)) {
      if (a < lo) lo = a;
      if (a > hi) hi = a;
    }
  }
  const span = hi >= lo ? hi - lo + 1 : 0;
  const dense = span > 0 && codeCount * span <= DENSE_PATTERN_CELLS ? new Int32Array(codeCount * span).fill(-1) : null;
  const byCode = new Map<number, Map<number, number>>();
  const patternOf = new Int32Array(n);
  const firstItem = new Int32Array(n);
  const frequency = new Float64Array(n);
  let count = 0;
  for (let s = 0; s < n; s++) {
    const a = age[s];
    let r: number;
    if (dense !== null && a === Math.floor(a)) {
      const cell = code[s] * span + (a - lo);
      r = dense[cell];
      if (r < 0) {
        dense[cell] = r = count++;
        firstItem[r] = s;
      }
    } else {
      let byAge = byCode.get(code[s]);
      if (byAge === undefined) {
        byAge = new Map();
        byCode.set(code[s], byAge);
      }
      const found = byAge.get(a);
      if (found === undefined) {
        r = count++;
        byAge.set(a, r);
        firstItem[r] = s;
      } else r = found;
    }
    frequency[r] += frequencyOf === undefined ? 1 : frequencyOf[s];
    patternOf[s] = r;
  }
  return { count, patternOf, firstItem: firstItem.slice(0, count), frequency: frequency.slice(0, count) };
}

/** Design column layout: intercept, [group], office dummies, age, gender, prior_work. */
interface DesignLayout {
  names: string[];
  groupCol: number;
  officeColumn: Int32Array;
  ageCol: number;
  genderCol: number;
  priorCol: number;
}

function designLayout(cols: PersonColumns, sample: AnalysisSample, includeGroup: boolean): DesignLayout {
  const names = ['(Intercept)'];
  const groupCol = includeGroup ? names.push('grouphybrid') - 1 : -1;
  // Treatment contrasts: the first office of the sample is the reference (column -1).
  const officeColumn = new Int32Array(cols.offices.length).fill(-1);
  for (const o of sample.offices.slice(1)) {
    officeColumn[o] = names.length;
    names.push(`office${cols.offices[o]}`);
  }
  const ageCol = sample.covariates.age ? names.push('age') - 1 : -1;
  const genderCol = sample.covariates.gender ? names.push('genderF') - 1 : -1;
  const priorCol = sample.covariates.priorWork ? names.push('prior_work') - 1 : -1;
  return { names, groupCol, officeColumn, ageCol, genderCol, priorCol };
}

/** Design rows for patterns whose first persons are `cols` rows `person(r)`. */
function patternDesignRows(
  cols: PersonColumns,
  layout: DesignLayout,
  count: number,
  person: (r: number) => number,
  response: (r: number) => number,
  frequency: Float64Array,
): LogisticDesign {
  const p = layout.names.length;
  const x = new Float64Array(count * p);
  const y = new Float64Array(count);
  for (let r = 0; r < count; r++) {
    const i = person(r);
    const off = r * p;
    x[off] = 1;
    if (layout.groupCol >= 0) x[off + layout.groupCol] = cols.hybrid[i];
    const oc = layout.officeColumn[cols.office[i]];
    if (oc >= 0) x[off + oc] = 1;
    if (layout.ageCol >= 0) x[off + layout.ageCol] = cols.age[i];
    if (layout.genderCol >= 0) x[off + layout.genderCol] = cols.female[i];
    if (layout.priorCol >= 0) x[off + layout.priorCol] = cols.priorWork[i];
    y[r] = response(r);
  }
  return { x, y, weights: frequency, nRows: count, p, columnNames: layout.names };
}

/** Integer key of (office, group, response, gender, prior work) for groupPatterns (codeCount = offices × 16). */
function patternCode(office: number, hybrid: number, response: number, female: number, priorWork: number): number {
  return (((office * 2 + hybrid) * 2 + response) * 2 + female) * 2 + priorWork;
}

/**
 * Builds an aggregated logistic design: one row per distinct combination of
 * (response, office, group, age, gender, prior work), with the number of persons
 * as frequency weight (the same estimates as the person-level fit, far fewer rows).
 * Columns: intercept, [group], office dummies (treatment contrasts, first office as
 * reference), age, gender (F = 1), prior_work. Rows are in order of their first
 * person. `patternOfPerson[s]` is the design row of the s-th person of the sample.
 */
export function buildPatternDesign(
  cols: PersonColumns,
  sample: AnalysisSample,
  opts: { includeGroup: boolean; response: (i: number) => number },
): { design: LogisticDesign; patternOfPerson: Int32Array } {
  const { design, patternOfPerson } = personPatternDesign(cols, sample, opts);
  return { design, patternOfPerson };
}

function personPatternDesign(
  cols: PersonColumns,
  sample: AnalysisSample,
  opts: { includeGroup: boolean; response: (i: number) => number },
): { design: LogisticDesign; patternOfPerson: Int32Array; firstPerson: Int32Array } {
  const { rows } = sample;
  const { age: useAge, gender: useGender, priorWork: usePrior } = sample.covariates;
  const code = new Int32Array(rows.length);
  const age = new Float64Array(rows.length);
  for (let s = 0; s < rows.length; s++) {
    const i = rows[s];
    const hybrid = opts.includeGroup ? cols.hybrid[i] : 0;
    code[s] = patternCode(cols.office[i], hybrid, opts.response(i), useGender ? cols.female[i] : 0, usePrior ? cols.priorWork[i] : 0);
    if (useAge) age[s] = cols.age[i];
  }
  const grouping = groupPatterns(code, cols.offices.length * 16, age);
  const firstPerson = grouping.firstItem.map((s) => rows[s]);
  const layout = designLayout(cols, sample, opts.includeGroup);
  const design = patternDesignRows(
    cols,
    layout,
    grouping.count,
    (r) => firstPerson[r],
    (r) => opts.response(firstPerson[r]),
    grouping.frequency,
  );
  return { design, patternOfPerson: grouping.patternOf, firstPerson };
}

/**
 * The two designs of the adjusted analyses, built from one pass over the sample:
 * the outcome model (work or education on group + covariates) and the propensity
 * model (group on covariates), whose patterns merge the outcome model's over the
 * response. Both equal buildPatternDesign's, row for row (a merged pattern's first
 * person is the first person of its first outcome pattern).
 */
export interface AdjustedDesigns {
  sample: AnalysisSample;
  outcome: { design: LogisticDesign; patternOfPerson: Int32Array };
  propensity: { design: LogisticDesign; patternOfOutcomePattern: Int32Array };
}

/** The designs of `cols` (computed once per columns object). */
export const adjustedDesigns: (cols: PersonColumns) => AdjustedDesigns = oncePerObject(computeAdjustedDesigns);

function computeAdjustedDesigns(cols: PersonColumns): AdjustedDesigns {
  const sample = analysisSample(cols);
  const outcome = personPatternDesign(cols, sample, { includeGroup: true, response: (i) => (isWorkOrEducation(cols.outcome[i]) ? 1 : 0) });
  const first = outcome.firstPerson;
  const { age: useAge, gender: useGender, priorWork: usePrior } = sample.covariates;
  const nOutcome = outcome.design.nRows;
  const code = new Int32Array(nOutcome);
  const age = new Float64Array(nOutcome);
  for (let r = 0; r < nOutcome; r++) {
    const i = first[r];
    code[r] = patternCode(cols.office[i], 0, cols.hybrid[i], useGender ? cols.female[i] : 0, usePrior ? cols.priorWork[i] : 0);
    if (useAge) age[r] = cols.age[i];
  }
  const merged = groupPatterns(code, cols.offices.length * 16, age, outcome.design.weights);
  const person = (r: number) => first[merged.firstItem[r]];
  const layout = designLayout(cols, sample, false);
  const design = patternDesignRows(cols, layout, merged.count, person, (r) => cols.hybrid[person(r)], merged.frequency);
  return {
    sample,
    outcome: { design: outcome.design, patternOfPerson: outcome.patternOfPerson },
    propensity: { design, patternOfOutcomePattern: merged.patternOf },
  };
}

/**
 * The analysis sample as an AttData (stats/augmentedWeightingAtt.ts): the outcome
 * model's patterns without the group column (group is the treatment), each
 * person's pattern, and clusters by counsellor (office without a counsellor column).
 */
export function attData(cols: PersonColumns, designs: AdjustedDesigns): AttData {
  const { sample, outcome } = designs;
  const d = outcome.design;
  const p = d.p - 1;
  const x = new Float64Array(d.nRows * p);
  const treatment = new Uint8Array(d.nRows);
  const response = new Uint8Array(d.nRows);
  for (let r = 0; r < d.nRows; r++) {
    const off = r * d.p;
    x[r * p] = d.x[off];
    for (let j = 2; j < d.p; j++) x[r * p + j - 1] = d.x[off + j];
    treatment[r] = d.x[off + 1];
    response[r] = d.y[r];
  }
  return {
    x,
    p,
    nRows: d.nRows,
    columnNames: d.columnNames.filter((_, j) => j !== 1),
    treatment,
    response,
    frequency: d.weights,
    patternOfPerson: outcome.patternOfPerson,
    clusterOfPerson: sampleClusters(cols, sample),
  };
}

/**
 * Dense cluster ids per person of the sample: counsellor (office when the input
 * has no counsellor column); a person without a counsellor is a cluster of their own.
 */
export function sampleClusters(cols: PersonColumns, sample: AnalysisSample): Int32Array {
  const byOffice = !cols.has.counsellor;
  const nCounsellors = cols.counsellors.length;
  const clusterOfPerson = new Int32Array(sample.rows.length);
  let ownClusters = 0;
  for (let s = 0; s < sample.rows.length; s++) {
    const i = sample.rows[s];
    clusterOfPerson[s] = byOffice ? cols.office[i] : cols.counsellor[i] >= 0 ? cols.counsellor[i] : nCounsellors + ownClusters++;
  }
  return clusterOfPerson;
}

export interface AdjustedEstimate {
  /** Persons used (outcome registered, used covariates complete). */
  n: number;
  formula: string;
  /** Number of clusters G in the robust variance (0 when not computed). */
  clusters: number;
  clusterBy: 'counsellor' | 'office';
  /** Cluster-robust variance: HC0 with G/(G − 1), or CR2 with fewer than FEW_CLUSTERS clusters. */
  variance: 'HC0' | 'CR2';
  /** Satterthwaite degrees of freedom of the t interval and test with CR2; null with HC0 (normal). */
  df: number | null;
  /** Odds ratio for hybrid vs usual with a 95 % interval and p from the cluster-robust SE: normal (Wald) with HC0, t on `df` with CR2. */
  oddsRatio: { estimate: number | null; ciLow: number | null; ciHigh: number | null; pValue: number | null };
  /** Standard errors of the log odds ratio. */
  standardError: { modelBased: number | null; clusterRobust: number | null };
  converged: boolean;
  warnings: StatWarning[];
}

/**
 * Fewer clusters than this and HC0 cluster-robust SEs are known to be too small
 * (Cameron & Miller 2015): the adjusted model then uses CR2 with Satterthwaite df
 * (Pustejovsky & Tipton 2018), as clubSandwich.
 */
export const FEW_CLUSTERS = 30;

/**
 * The design with each pattern split by cluster (one row per pattern and cluster,
 * the same likelihood), for variances that need every row within one cluster.
 */
function splitByCluster(
  design: LogisticDesign,
  patternOfPerson: Int32Array,
  clusterOfPerson: Int32Array,
): { design: LogisticDesign; clusterOfRow: Int32Array } {
  const rowOf = new Map<number, number>();
  const source: number[] = [];
  const clusterOfRow: number[] = [];
  const weights: number[] = [];
  let maxCluster = 0;
  for (const g of clusterOfPerson) maxCluster = Math.max(maxCluster, g);
  const span = maxCluster + 1;
  for (let s = 0; s < patternOfPerson.length; s++) {
    const key = patternOfPerson[s] * span + clusterOfPerson[s];
    let r = rowOf.get(key);
    if (r === undefined) {
      r = source.push(patternOfPerson[s]) - 1;
      rowOf.set(key, r);
      clusterOfRow.push(clusterOfPerson[s]);
      weights.push(0);
    }
    weights[r] += 1;
  }
  const { p } = design;
  const x = new Float64Array(source.length * p);
  const y = new Float64Array(source.length);
  source.forEach((src, r) => {
    x.set(design.x.subarray(src * p, src * p + p), r * p);
    y[r] = design.y[src];
  });
  return {
    design: { x, y, weights: Float64Array.from(weights), nRows: source.length, p, columnNames: design.columnNames },
    clusterOfRow: Int32Array.from(clusterOfRow),
  };
}

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
  const { sample, outcome: built } = adjustedDesigns(cols);
  const terms = covariateTerms(sample);
  const formula = ['work_or_education ~ group', ...terms].join(' + ');
  const clusterBy: 'counsellor' | 'office' = cols.has.counsellor ? 'counsellor' : 'office';
  const warnings: StatWarning[] = [];
  const result = (extra: Partial<AdjustedEstimate>): AdjustedEstimate => ({
    n: sample.rows.length,
    formula,
    clusters: 0,
    clusterBy,
    variance: 'HC0',
    df: null,
    oddsRatio: { estimate: null, ciLow: null, ciHigh: null, pValue: null },
    standardError: { modelBased: null, clusterRobust: null },
    converged: false,
    warnings,
    ...extra,
  });

  let hybrid = 0;
  let missingCounsellor = 0;
  const { rows } = sample;
  for (let s = 0; s < rows.length; s++) {
    const i = rows[s];
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
      params: { persons: missingCounsellor },
      message: `${missingCounsellor} person(s) have no counsellor; each is treated as a cluster of its own.`,
    });
  }
  const clusterOfPerson = sampleClusters(cols, sample);
  let design = built.design;
  const aliased = aliasedColumns(weightedGram(design), design.p);
  if (aliased.includes(1)) {
    warnings.push({
      code: 'ADJUSTED_GROUP_ALIASED',
      message: 'Group is collinear with the other terms (e.g. hybrid users only in offices without usual users), so the adjusted odds ratio is undefined.',
    });
    return result({});
  }
  if (aliased.length > 0) {
    warnings.push({
      code: 'ADJUSTED_ALIASED_COLUMNS',
      params: { columns: aliased.map((j) => design.columnNames[j]) },
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
    return result({
      clusters,
      converged: true,
      oddsRatio: { estimate: Math.exp(beta), ciLow: null, ciHigh: null, pValue: null },
      standardError: { modelBased: seModel, clusterRobust: null },
    });
  }
  if (clusters < FEW_CLUSTERS) {
    // Few clusters: the bias-reduced CR2 variance with Satterthwaite df and a t interval.
    const split = splitByCluster(design, built.patternOfPerson, clusterOfPerson);
    const splitFit = fitLogistic(split.design);
    const test = splitFit.converged ? satterthwaiteCoefTest(split.design, splitFit, split.clusterOfRow, 1) : null;
    if (test !== null) {
      const b = splitFit.coefficients[1];
      return result({
        clusters,
        converged: true,
        variance: 'CR2',
        df: test.df,
        oddsRatio: { estimate: Math.exp(b), ciLow: Math.exp(test.ciLow), ciHigh: Math.exp(test.ciHigh), pValue: test.pValue },
        standardError: { modelBased: seModel, clusterRobust: test.standardError },
      });
    }
    warnings.push({
      code: 'ADJUSTED_FEW_CLUSTERS',
      params: { clusters, clusterBy },
      message: `Only ${clusters} ${clusterBy === 'office' ? 'offices' : 'counsellors'} as clusters, and the CR2 variance could not be computed; the HC0 standard errors shown are likely too small.`,
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
