import { chiSquareUpperTail, normalQuantile, normalTwoSidedP } from './distributions.js';
import type { StatWarning, TestResult, Times } from './types.js';
import { factorLdl, invertLdl, solveLdl } from './ldl.js';

/** Right-censored survival data, one row per person (or per person-weight). */
export interface CoxData {
  /** Event or censoring time per row (any finite numbers; equal values are ties). */
  time: Times;
  /** 1 for an event at `time`, 0 for censored. */
  status: Uint8Array;
  /**
   * Row-major n × p covariates, no intercept. A Float32Array halves the memory of a large
   * design whose values are all exact in single precision (0/1 codes, whole ages): they
   * are read as the same doubles.
   */
  x: Float64Array | Float32Array;
  n: number;
  p: number;
  columnNames: string[];
  /** Stratum id per row: each stratum has its own baseline hazard. Absent: one stratum. */
  stratum?: Int32Array;
  /**
   * Case weights (positive, finite), as coxph(weights =). Absent: all 1. With Efron
   * ties a tied event of weight 2 is one event, not two (as in coxph). R switches on
   * the robust variance by itself for non-integer weights (cluster = row); here pass
   * the cluster for that.
   */
  weights?: Float64Array;
  /** Cluster id per row, as coxph(cluster =): adds the robust (sandwich) variance. */
  cluster?: Int32Array;
}

export interface CoxOptions {
  /** Handling of tied event times: 'efron' (default, as coxph) or 'breslow'. */
  ties?: 'efron' | 'breslow';
  /** Maximum Newton–Raphson iterations, as coxph.control(iter.max): 20. */
  maxIterations?: number;
  /** Convergence when |1 − ℓ_old/ℓ| ≤ epsilon, as coxph.control(eps): 1e-9. */
  epsilon?: number;
  /** Level of the hazard-ratio confidence intervals: 0.95. */
  confidenceLevel?: number;
}

export type CoxWarningCode = 'COX_NOT_CONVERGED' | 'COX_SINGULAR' | 'COX_DIVERGING' | 'COX_NO_EVENTS';

export interface CoxWarning extends StatWarning {
  code: CoxWarningCode;
}

/** One row of summary(coxph): with a cluster the robust standard error, else the model one. */
export interface CoxCoefficient {
  name: string;
  /** log hazard ratio β. */
  estimate: number;
  standardError: number;
  z: number;
  /** Two-sided normal p-value, as summary's Pr(>|z|). */
  pValue: number;
  hazardRatio: number;
  /** exp(β ± z_{(1+level)/2}·SE). */
  ciLow: number;
  ciHigh: number;
}

export interface CoxFit {
  /** log hazard ratios; NaN for an aliased column (coxph's NA). */
  coefficients: Float64Array;
  /** Row-major p × p model variance, the inverse information (fit$naive.var with a cluster, else fit$var); NaN rows and columns for aliased columns. */
  vcov: Float64Array;
  standardErrors: Float64Array;
  /** Robust variance D'D (fit$var with a cluster); null without a cluster. */
  robustVcov: Float64Array | null;
  robustStandardErrors: Float64Array | null;
  /** Distinct clusters; 0 without a cluster. */
  clusters: number;
  /** Per coefficient, as summary(coxph)$coefficients and $conf.int. */
  table: CoxCoefficient[];
  /** Partial log-likelihood at the estimate, fit$loglik[2]. */
  logLik: number;
  /** At β = 0, fit$loglik[1]. */
  logLikNull: number;
  /** 2(ℓ − ℓ₀) on the number of estimable coefficients, as summary's logtest. */
  likelihoodRatioTest: TestResult;
  /** Score (log-rank) test at β = 0, fit$score. */
  scoreTest: TestResult;
  /** β'V⁻¹β with the robust V when clustered, fit$wald.test. */
  waldTest: TestResult;
  /** As fit$iter: Newton steps, plus one when it ran out of iterations (coxfit6's loop counter). */
  iterations: number;
  converged: boolean;
  n: number;
  /** Rows with an event (unweighted), fit$nevent. */
  nEvents: number;
  strataTotal: number;
  strataWithEvents: number;
  /** Columns whose information is singular (coxph's NA coefficients). */
  aliasedColumns: number[];
  /** Columns whose estimate is heading for ±∞ (coxph's "coefficient may be infinite"). */
  divergingColumns: number[];
  warnings: CoxWarning[];
}

const EPS = 2.220446049250313e-16;
/** coxph.control(toler.chol). */
const CHOLESKY_TOLERANCE = EPS ** 0.75;

/**
 * Cox proportional hazards regression, matching R
 * `survival::coxph(Surv(time, status) ~ x1 + … + strata(stratum), ties = "efron",
 * weights = w, cluster = cl)` (survival 3.5-3, coxph.control() defaults): the
 * partial likelihood with Efron's (or Breslow's) handling of ties, a separate
 * baseline hazard per stratum, case weights. Newton–Raphson as coxph.fit's C code
 * (coxfit6): covariates other than {−1, 0, 1} centred by their weighted mean and
 * scaled by 1/(weighted mean absolute deviation); from β = 0, done when
 * |1 − ℓ_best/ℓ| ≤ 1e-9, at most 20 iterations, a step that lowers ℓ is pulled
 * back towards the last accepted β (β_new = (β_new + k·β)/(k + 1), k = 1, 2, …).
 *
 * With a cluster the robust variance is exactly coxph's fit$var =
 * D'D, D = rowsum(residuals(fit, "dfbeta", weighted = TRUE), cluster): the score
 * residuals (coxscore2, Efron-adjusted) times each row's weight, summed by
 * cluster, times the model variance V; so V (Σ_g U_g U_gᵀ) V with no G/(G − 1)
 * factor. summary's z, p and interval then use the robust SE.
 *
 * Rows are sorted once by (stratum, time) with counting sorts; each evaluation of
 * ℓ, its score and information is one backward pass over the risk sets per
 * stratum, O(n p²); the score residuals are a backward and a forward pass, O(n p).
 * Times are compared exactly (coxph's timefix merges times equal to about 1e-8
 * relative; whole days are unaffected).
 *
 * Deliberate differences: out of iterations R's fit$var inverts an unfactored
 * matrix (as clogit, see tests/fixtures/r/cox.R), here the variance is always the
 * inverse information at the returned estimate; an aliased column is NaN whether
 * or not the fit converged. maxIterations 0 gives β = 0 and its variance.
 *
 * Warnings: COX_NOT_CONVERGED (R: "Ran out of iterations and did not converge"),
 * COX_SINGULAR (NA coefficients), COX_DIVERGING ("Loglik converged before variable
 * …; coefficient may be infinite"), COX_NO_EVENTS.
 *
 * @example
 * // Six rows, one binary covariate, no ties (R: coxph(Surv(t, s) ~ x)).
 * const fit = fitCox({ time: Float64Array.of(1, 2, 3, 4, 5, 6), status: Uint8Array.of(1, 1, 0, 1, 1, 0),
 *   x: Float64Array.of(1, 0, 1, 1, 0, 0), n: 6, p: 1, columnNames: ['exposed'] });
 * fit.coefficients[0];   // 1.0730678000382, R 1.07306780003824
 * fit.standardErrors[0]; // 1.2354455524277, R 1.23544555242774
 * // With cluster: Int32Array.of(…) the table's SE, z, p and interval use the robust variance.
 */
export function fitCox(data: CoxData, options: CoxOptions = {}): CoxFit {
  const maxIterations = options.maxIterations ?? 20;
  const epsilon = options.epsilon ?? 1e-9;
  const level = options.confidenceLevel ?? 0.95;
  const efron = (options.ties ?? 'efron') === 'efron';
  if (options.ties !== undefined && options.ties !== 'efron' && options.ties !== 'breslow')
    throw new RangeError(`fitCox: ties must be 'efron' or 'breslow', got ${String(options.ties)}`);
  if (!Number.isInteger(maxIterations) || maxIterations < 0) throw new RangeError(`fitCox: maxIterations must be a non-negative integer, got ${maxIterations}`);
  if (!(epsilon > 0)) throw new RangeError(`fitCox: epsilon must be positive, got ${epsilon}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`fitCox: confidenceLevel must lie in (0, 1), got ${level}`);
  validate(data);
  const { p, n, columnNames } = data;
  const prepared = prepare(data);
  const names = (cols: number[]) => cols.map((j) => columnNames[j]).join(', ');
  const warnings: CoxWarning[] = [];
  const nan = () => new Float64Array(p).fill(Number.NaN);
  if (prepared.nEvents === 0) {
    warnings.push({ code: 'COX_NO_EVENTS', message: 'No row has an event, so the partial likelihood is constant and nothing can be estimated.' });
    const clusters = data.cluster === undefined ? 0 : denseIds(data.cluster).total;
    return {
      coefficients: nan(),
      vcov: new Float64Array(p * p).fill(Number.NaN),
      standardErrors: nan(),
      robustVcov: data.cluster === undefined ? null : new Float64Array(p * p).fill(Number.NaN),
      robustStandardErrors: data.cluster === undefined ? null : nan(),
      clusters,
      table: columnNames.map((name) => ({ name, estimate: NaN, standardError: NaN, z: NaN, pValue: NaN, hazardRatio: NaN, ciLow: NaN, ciHigh: NaN })),
      logLik: 0,
      logLikNull: 0,
      likelihoodRatioTest: { statistic: null, df: 0, pValue: null },
      scoreTest: { statistic: null, df: 0, pValue: null },
      waldTest: { statistic: null, df: 0, pValue: null },
      iterations: 0,
      converged: false,
      n,
      nEvents: 0,
      strataTotal: prepared.strataTotal,
      strataWithEvents: 0,
      aliasedColumns: [],
      divergingColumns: [],
      warnings,
    };
  }

  const work = new PartialLikelihood(prepared, efron);
  const fit = newtonRaphson(work, p, maxIterations, epsilon);
  const scaledVcov = invertLdl(work.information, p);
  const aliasedColumns: number[] = [];
  if (fit.rank < p) for (let j = 0; j < p; j++) if (scaledVcov[j * p + j] === 0) aliasedColumns.push(j);
  const isAliased = new Uint8Array(p);
  for (const j of aliasedColumns) isAliased[j] = 1;

  // Back to the original scale: x_scaled = (x − m)·s, so β = β_s·s, V = V_s·s sᵀ, u = u_s / s.
  const { scale } = prepared;
  const coefficients = new Float64Array(p);
  const vcov = new Float64Array(p * p);
  const standardErrors = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    coefficients[j] = isAliased[j] ? Number.NaN : fit.beta[j] * scale[j];
    for (let k = 0; k < p; k++) vcov[j * p + k] = isAliased[j] || isAliased[k] ? Number.NaN : scaledVcov[j * p + k] * scale[j] * scale[k];
    standardErrors[j] = Math.sqrt(vcov[j * p + j]);
  }

  const divergingColumns: number[] = [];
  if (fit.converged && maxIterations > 1) {
    // coxph.fit: |u V| > eps and > toler.inf·|β| (toler.inf = √eps), on the original scale.
    const tolerInf = Math.sqrt(epsilon);
    for (let k = 0; k < p; k++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += work.score[j] * scaledVcov[j * p + k];
      const inf = Math.abs(s * scale[k]);
      if (!Number.isFinite(work.score[k]) || (inf > epsilon && inf > tolerInf * Math.abs(fit.beta[k] * scale[k]))) divergingColumns.push(k);
    }
  }

  const robust = data.cluster === undefined ? null : robustVariance(prepared, fit.beta, scaledVcov, data.cluster, efron, isAliased);
  const robustVcov = robust?.vcov ?? null;
  const robustStandardErrors = robust?.standardErrors ?? null;
  const clusters = robust?.clusters ?? 0;

  const reportedVcov = robustVcov ?? vcov;
  const reportedSe = robustStandardErrors ?? standardErrors;
  const q = normalQuantile((1 + level) / 2);
  const table: CoxCoefficient[] = columnNames.map((name, j) => {
    const b = coefficients[j];
    const se = reportedSe[j];
    const z = b / se;
    return {
      name,
      estimate: b,
      standardError: se,
      z,
      pValue: normalTwoSidedP(z),
      hazardRatio: Math.exp(b),
      ciLow: Math.exp(b - q * se),
      ciHigh: Math.exp(b + q * se),
    };
  });

  const df = p - aliasedColumns.length;
  const chiSquare = (statistic: number): TestResult => ({ statistic, df, pValue: chiSquareUpperTail(statistic, df) });
  const estimable = [...Array(p).keys()].filter((j) => !isAliased[j]);

  if (!fit.converged && maxIterations > 0) {
    warnings.push({
      code: 'COX_NOT_CONVERGED',
      params: { iterations: maxIterations },
      message: `The Cox regression did not converge in ${maxIterations} iterations; its estimates are not reliable.`,
    });
  }
  if (aliasedColumns.length > 0) {
    warnings.push({
      code: 'COX_SINGULAR',
      params: { columns: aliasedColumns.map((j) => columnNames[j]) },
      message: `The information matrix is singular: ${names(aliasedColumns)} is constant within strata or collinear with other columns, so its coefficient is not estimable.`,
    });
  }
  if (divergingColumns.length > 0) {
    warnings.push({
      code: 'COX_DIVERGING',
      params: { columns: divergingColumns.map((j) => columnNames[j]) },
      message: `The log-likelihood converged before ${names(divergingColumns)}: the estimate may be infinite (monotone likelihood).`,
    });
  }
  return {
    coefficients,
    vcov,
    standardErrors,
    robustVcov,
    robustStandardErrors,
    clusters,
    table,
    logLik: fit.logLik,
    logLikNull: fit.logLikNull,
    likelihoodRatioTest: chiSquare(2 * (fit.logLik - fit.logLikNull)),
    scoreTest: chiSquare(fit.scoreTest),
    waldTest: chiSquare(quadraticForm(coefficients, reportedVcov, p, estimable)),
    iterations: fit.iterations,
    converged: fit.converged,
    n,
    nEvents: prepared.nEvents,
    strataTotal: prepared.strataTotal,
    strataWithEvents: prepared.strataWithEvents,
    aliasedColumns,
    divergingColumns,
    warnings,
  };
}

function validate(data: CoxData): void {
  const { time, status, x, n, p, columnNames, stratum, weights, cluster } = data;
  if (!Number.isInteger(n) || n < 1 || !Number.isInteger(p) || p < 1) throw new RangeError(`fitCox: need n ≥ 1 rows and p ≥ 1 covariates, got n=${n}, p=${p}`);
  if (x.length !== n * p || time.length !== n || status.length !== n)
    throw new RangeError(`fitCox: x must have n·p = ${n * p} cells and time, status n = ${n}; got ${x.length}, ${time.length}, ${status.length}`);
  for (const [name, v] of [
    ['stratum', stratum],
    ['weights', weights],
    ['cluster', cluster],
  ] as const) {
    if (v !== undefined && v.length !== n) throw new RangeError(`fitCox: ${name} must have n = ${n} values, got ${v.length}`);
  }
  if (columnNames.length !== p) throw new RangeError(`fitCox: ${columnNames.length} column names for p = ${p} columns`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(time[i])) throw new RangeError(`fitCox: time not finite at row ${i}: ${time[i]}`);
    if (status[i] > 1) throw new RangeError(`fitCox: status must be 0 or 1, row ${i} has ${status[i]}`);
    if (weights !== undefined && !(weights[i] > 0 && Number.isFinite(weights[i])))
      throw new RangeError(`fitCox: weights must be positive and finite, row ${i} has ${weights[i]}`);
  }
  for (let t = 0; t < n * p; t++)
    if (!Number.isFinite(x[t])) throw new RangeError(`fitCox: covariate not finite at row ${Math.floor(t / p)}, column ${columnNames[t % p]}`);
}

/**
 * Rows sorted by (stratum, time), tie groups marked, with coxfit6's centring and
 * scaling kept aside: a covariate is read as (x − mean)·scale where it is used,
 * the same doubles as a centred and scaled copy, without the copy.
 */
interface PreparedCox {
  n: number;
  p: number;
  /** Row-major covariates in sorted order, as given (the caller's own array when it came sorted). */
  x: Float64Array | Float32Array;
  status: Uint8Array;
  /** Case weights in sorted order; null: all 1. */
  weight: Float64Array | null;
  /** Original row of each sorted position; null when the rows came sorted. */
  row: Int32Array | null;
  /** Tie groups (same stratum, same time): rows groupStart[g] … groupStart[g + 1] − 1. */
  groupStart: Int32Array;
  /** Groups of stratum s: stratumGroup[s] … stratumGroup[s + 1] − 1. */
  stratumGroup: Int32Array;
  /** Per column: x_scaled = (x − mean)·scale (mean 0, scale 1 for columns within {−1, 0, 1}). */
  mean: Float64Array;
  scale: Float64Array;
  nEvents: number;
  strataTotal: number;
  strataWithEvents: number;
}

function prepare(data: CoxData): PreparedCox {
  const { time, status, x, n, p, stratum, weights } = data;

  // Rows already in (stratum, time) order are used as they are; otherwise sorted copies.
  let row: Int32Array | null = null;
  let xs: Float64Array | Float32Array = x;
  let sortedStatus = status;
  let weight = weights ?? null;
  if (!inStratumTimeOrder(time, stratum)) {
    const strata = stratum === undefined ? { dense: new Int32Array(n), total: 1 } : denseIds(stratum, true);
    const order = orderByStratumAndTime(time, strata.dense, strata.total).order;
    row = order;
    xs = x instanceof Float32Array ? new Float32Array(n * p) : new Float64Array(n * p);
    // Gathers in separate simple loops: the reads in original order are cache misses, overlapped best this way.
    for (let r = 0; r < n; r++) {
      const i = order[r];
      for (let j = 0; j < p; j++) xs[r * p + j] = x[i * p + j];
    }
    sortedStatus = new Uint8Array(n);
    for (let r = 0; r < n; r++) sortedStatus[r] = status[order[r]];
    if (weights !== undefined) {
      const w = new Float64Array(n);
      for (let r = 0; r < n; r++) w[r] = weights[order[r]];
      weight = w;
    }
  }
  // coxfit6's centring and scaling, weighted, summed in sorted order (so that it does not depend on the rows' order).
  let totalWeight = 0;
  for (let i = 0; i < n; i++) totalWeight += weight === null ? 1 : weight[i];
  const sum = new Float64Array(p);
  const indicator = new Uint8Array(p).fill(1);
  for (let i = 0, t = 0; i < n; i++) {
    const w = weight === null ? 1 : weight[i];
    for (let j = 0; j < p; j++, t++) {
      const v = xs[t];
      if (v !== 0 && v !== 1 && v !== -1) indicator[j] = 0;
      sum[j] += w * v;
    }
  }
  const mean = new Float64Array(p);
  for (let j = 0; j < p; j++) if (!indicator[j]) mean[j] = sum[j] / totalWeight;
  const absolute = new Float64Array(p);
  for (let i = 0, t = 0; i < n; i++) {
    const w = weight === null ? 1 : weight[i];
    for (let j = 0; j < p; j++, t++) absolute[j] += w * Math.abs(xs[t] - mean[j]);
  }
  const scale = new Float64Array(p).fill(1);
  for (let j = 0; j < p; j++) if (!indicator[j] && absolute[j] > 0) scale[j] = totalWeight / absolute[j];

  // A new tie group where the stratum or the time changes (strata are contiguous now).
  const stratumAt = (r: number) => (stratum === undefined ? 0 : stratum[row === null ? r : row[r]]);
  const timeAt = (r: number) => time[row === null ? r : row[r]];
  let groups = 0;
  let strataTotal = 0;
  for (let r = 0; r < n; r++) {
    const newStratum = r === 0 || stratumAt(r) !== stratumAt(r - 1);
    if (newStratum) strataTotal++;
    if (newStratum || timeAt(r) !== timeAt(r - 1)) groups++;
  }
  const groupStart = new Int32Array(groups + 1);
  const stratumGroup = new Int32Array(strataTotal + 1);
  let nEvents = 0;
  let strataWithEvents = 0;
  let stratumHasEvent = false;
  for (let r = 0, g = 0, s = 0; r < n; r++) {
    nEvents += sortedStatus[r];
    const newStratum = r === 0 || stratumAt(r) !== stratumAt(r - 1);
    if (newStratum) {
      if (stratumHasEvent) strataWithEvents++;
      stratumHasEvent = false;
      stratumGroup[s++] = g;
    }
    if (sortedStatus[r]) stratumHasEvent = true;
    if (newStratum || timeAt(r) !== timeAt(r - 1)) groupStart[g++] = r;
  }
  if (stratumHasEvent) strataWithEvents++;
  stratumGroup[strataTotal] = groups;
  groupStart[groups] = n;
  return { n, p, x: xs, status: sortedStatus, weight, row, groupStart, stratumGroup, mean, scale, nEvents, strataTotal, strataWithEvents };
}

/** Whether the rows are already in the order prepare sorts them into: strata ascending, times non-decreasing within each. */
function inStratumTimeOrder(time: Times, stratum: Int32Array | undefined): boolean {
  for (let r = 1; r < time.length; r++) {
    if (stratum !== undefined && stratum[r] !== stratum[r - 1]) {
      if (stratum[r] < stratum[r - 1]) return false;
    } else if (time[r] < time[r - 1]) return false;
  }
  return true;
}

/**
 * Rows ordered by (stratum, time), ties in their original order, by two counting
 * sorts over the time ranks, O(n + m) for m distinct times. The ranks come from the
 * times themselves when they are integers in a range below 4n (whole days), else
 * from sorting them, O(n log n). rank[i] is the index of time[i] among the distinct
 * times, so two rows tie exactly when their ranks are equal.
 */
export function orderByStratumAndTime(time: Times, stratum: Int32Array, strataTotal: number): { order: Int32Array; rank: Int32Array } {
  const n = time.length;
  const rank = new Int32Array(n);
  let low = Infinity;
  let high = -Infinity;
  let integers = true;
  for (let i = 0; i < n; i++) {
    const t = time[i];
    if (t < low) low = t;
    if (t > high) high = t;
    if (integers && !Number.isInteger(t)) integers = false;
  }
  let m = 0;
  if (n > 0 && integers && high - low < 4 * n + 1024) {
    const slot = new Int32Array(high - low + 1);
    for (let i = 0; i < n; i++) slot[time[i] - low] = 1;
    for (let v = 0; v < slot.length; v++) if (slot[v]) slot[v] = ++m;
    for (let i = 0; i < n; i++) rank[i] = slot[time[i] - low] - 1;
  } else {
    const distinct = Float64Array.from(time).sort();
    for (let i = 0; i < n; i++) if (i === 0 || distinct[i] !== distinct[m - 1]) distinct[m++] = distinct[i];
    for (let i = 0; i < n; i++) {
      const t = time[i];
      let lo = 0;
      let hi = m - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (distinct[mid] < t) lo = mid + 1;
        else hi = mid;
      }
      rank[i] = lo;
    }
  }
  const byTime = countingSort(rank, m, null);
  const order = countingSort(stratum, strataTotal, byTime);
  return { order, rank };
}

/** Stable counting sort of the rows (0 … n−1, or `within` in that order) by key ∈ [0, buckets). */
function countingSort(key: Int32Array, buckets: number, within: Int32Array | null): Int32Array {
  const n = key.length;
  const next = new Int32Array(buckets + 1);
  for (let i = 0; i < n; i++) next[key[i] + 1]++;
  for (let k = 0; k < buckets; k++) next[k + 1] += next[k];
  const out = new Int32Array(n);
  for (let t = 0; t < n; t++) {
    const i = within === null ? t : within[t];
    out[next[key[i]]++] = i;
  }
  return out;
}

/** Ids numbered 0, 1, … in order of first appearance, or with `ascending` in order of their values. */
function denseIds(ids: Int32Array, ascending = false): { dense: Int32Array; total: number } {
  const n = ids.length;
  let low = 0;
  let high = -1;
  for (let i = 0; i < n; i++) {
    if (i === 0 || ids[i] < low) low = ids[i];
    if (i === 0 || ids[i] > high) high = ids[i];
  }
  let total = 0;
  if (high - low < 4 * n + 1024) {
    const table = new Int32Array(high - low + 1).fill(-1);
    if (ascending) {
      for (let i = 0; i < n; i++) table[ids[i] - low] = 0;
      for (let v = 0; v < table.length; v++) if (table[v] === 0) table[v] = ++total;
      // Already 0 … total − 1: the ids are their own numbers, no copy.
      if (low === 0 && total === table.length) return { dense: ids, total };
      const dense = new Int32Array(n);
      for (let i = 0; i < n; i++) dense[i] = table[ids[i] - low] - 1;
      return { dense, total };
    }
    const dense = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const v = ids[i] - low;
      if (table[v] < 0) table[v] = total++;
      dense[i] = table[v];
    }
    return { dense, total };
  }
  const index = new Map<number, number>();
  if (ascending) {
    const distinct = Int32Array.from(new Set(ids)).sort();
    distinct.forEach((id, k) => {
      index.set(id, k);
    });
    total = distinct.length;
  }
  const dense = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let s = index.get(ids[i]);
    if (s === undefined) {
      s = total++;
      index.set(ids[i], s);
    }
    dense[i] = s;
  }
  return { dense, total };
}

/**
 * The partial log-likelihood with its score and information (scaled covariates),
 * coxfit6_iter: per stratum, tie groups from the latest time back, the risk-set
 * sums Σ r, Σ r x, Σ r x xᵀ (r = w·exp(xβ)) grow by each group. Efron: the d
 * deaths of a group enter the sums in d steps of 1/d each, every step weighted by
 * the mean death weight. The packed lower triangle holds Σ r x xᵀ. Four columns
 * (the common case) have their own unrolled loop.
 */
class PartialLikelihood {
  readonly score: Float64Array;
  /** Full p × p, symmetric (factored in place by the caller). */
  readonly information: Float64Array;
  /** Censored-row sums then death sums of the current group, each (Σ r, Σ r x, Σ r x xᵀ packed). */
  private readonly sums: Float64Array;
  private readonly stride: number;
  private readonly u: Float64Array;
  private readonly packed: Float64Array;
  private readonly mean: Float64Array;
  /** One row's scaled covariates. */
  private readonly z: Float64Array;

  constructor(
    private readonly data: PreparedCox,
    private readonly efron: boolean,
  ) {
    const { p } = data;
    this.stride = 1 + p + (p * (p + 1)) / 2;
    this.score = new Float64Array(p);
    this.information = new Float64Array(p * p);
    this.sums = new Float64Array(2 * this.stride);
    this.u = new Float64Array(p);
    this.packed = new Float64Array((p * (p + 1)) / 2);
    this.mean = new Float64Array(p);
    this.z = new Float64Array(p);
  }

  evaluate(beta: Float64Array): number {
    const { p, x, status, weight, groupStart, stratumGroup, strataTotal, mean: centre, scale } = this.data;
    const { sums, stride, u, packed: imat, mean, z } = this;
    const four = p === 4;
    const [b0, b1, b2, b3] = four ? beta : [0, 0, 0, 0];
    const [m0, m1, m2, m3] = four ? centre : [0, 0, 0, 0];
    const [s0, s1, s2, s3] = four ? scale : [1, 1, 1, 1];
    const dead = stride;
    u.fill(0);
    imat.fill(0);
    let logLik = 0;
    for (let s = 0; s < strataTotal; s++) {
      sums.fill(0);
      for (let g = stratumGroup[s + 1] - 1; g >= stratumGroup[s]; g--) {
        let deadWeight = 0;
        let deaths = 0;
        for (let r = groupStart[g + 1] - 1; r >= groupStart[g]; r--) {
          const off = r * p;
          const w = weight === null ? 1 : weight[r];
          const died = status[r];
          const o = died * dead;
          let zb: number;
          if (four) {
            const x0 = (x[off] - m0) * s0;
            const x1 = (x[off + 1] - m1) * s1;
            const x2 = (x[off + 2] - m2) * s2;
            const x3 = (x[off + 3] - m3) * s3;
            zb = b0 * x0 + b1 * x1 + b2 * x2 + b3 * x3;
            const risk = Math.exp(zb) * w;
            const r0 = risk * x0;
            const r1 = risk * x1;
            const r2 = risk * x2;
            const r3 = risk * x3;
            sums[o] += risk;
            sums[o + 1] += r0;
            sums[o + 2] += r1;
            sums[o + 3] += r2;
            sums[o + 4] += r3;
            sums[o + 5] += r0 * x0;
            sums[o + 6] += r1 * x0;
            sums[o + 7] += r1 * x1;
            sums[o + 8] += r2 * x0;
            sums[o + 9] += r2 * x1;
            sums[o + 10] += r2 * x2;
            sums[o + 11] += r3 * x0;
            sums[o + 12] += r3 * x1;
            sums[o + 13] += r3 * x2;
            sums[o + 14] += r3 * x3;
            if (died) {
              deaths++;
              deadWeight += w;
              logLik += w * zb;
              u[0] += w * x0;
              u[1] += w * x1;
              u[2] += w * x2;
              u[3] += w * x3;
            }
          } else {
            zb = 0;
            for (let j = 0; j < p; j++) {
              z[j] = (x[off + j] - centre[j]) * scale[j];
              zb += beta[j] * z[j];
            }
            const risk = Math.exp(zb) * w;
            sums[o] += risk;
            for (let j = 0, q = o + 1 + p; j < p; j++) {
              const rx = risk * z[j];
              sums[o + 1 + j] += rx;
              for (let l = 0; l <= j; l++, q++) sums[q] += rx * z[l];
            }
            if (died) {
              deaths++;
              deadWeight += w;
              logLik += w * zb;
              for (let j = 0; j < p; j++) u[j] += w * z[j];
            }
          }
        }
        if (deaths === 0) continue;
        const steps = this.efron ? deaths : 1;
        const stepWeight = deadWeight / steps;
        // Each step adds 1/steps of the deaths' sums (computed once: the same doubles as coxfit6's).
        for (let c = dead; c < 2 * stride; c++) sums[c] /= steps;
        for (let k = 0; k < steps; k++) {
          sums[0] += sums[dead];
          const denom = sums[0];
          logLik -= stepWeight * Math.log(denom);
          for (let j = 0; j < p; j++) {
            sums[1 + j] += sums[dead + 1 + j];
            mean[j] = sums[1 + j] / denom;
            u[j] -= stepWeight * mean[j];
          }
          // coxfit6 divides each term by denom; one division per step is within an ulp of it.
          const factor = stepWeight / denom;
          for (let j = 0, q = 0; j < p; j++) {
            for (let l = 0; l <= j; l++, q++) {
              const c = 1 + p + q;
              sums[c] += sums[dead + c];
              imat[q] += factor * (sums[c] - mean[j] * sums[1 + l]);
            }
          }
        }
        sums.fill(0, dead);
      }
    }
    for (let j = 0; j < p; j++) this.score[j] = u[j];
    for (let j = 0, q = 0; j < p; j++) {
      for (let l = 0; l <= j; l++, q++) {
        this.information[j * p + l] = imat[q];
        this.information[l * p + j] = imat[q];
      }
    }
    return logLik;
  }
}

interface NewtonResult {
  /** Estimate on the scaled covariates; work.score and work.information (factored) are at it. */
  beta: Float64Array;
  logLik: number;
  logLikNull: number;
  /** u'I⁻¹u at β = 0. */
  scoreTest: number;
  rank: number;
  iterations: number;
  converged: boolean;
}

/** coxfit6's iteration, step for step (see fitCox). */
function newtonRaphson(work: PartialLikelihood, p: number, maxIterations: number, epsilon: number): NewtonResult {
  const beta = new Float64Array(p);
  const newBeta = new Float64Array(p);
  const step = new Float64Array(p);
  const logLikNull = work.evaluate(beta);
  let rank = factorLdl(work.information, p, CHOLESKY_TOLERANCE);
  step.set(work.score);
  solveLdl(work.information, p, step);
  let scoreTest = 0;
  for (let j = 0; j < p; j++) scoreTest += work.score[j] * step[j];
  if (maxIterations === 0 || !Number.isFinite(logLikNull)) return { beta, logLik: logLikNull, logLikNull, scoreTest, rank, iterations: 0, converged: false };

  let best = logLikNull;
  for (let j = 0; j < p; j++) newBeta[j] = beta[j] + step[j];
  let halving = 0;
  for (let iter = 1; iter <= maxIterations; iter++) {
    const logLik = work.evaluate(newBeta);
    rank = factorLdl(work.information, p, CHOLESKY_TOLERANCE);
    const finite = Number.isFinite(logLik) && work.score.every(Number.isFinite) && work.information.every(Number.isFinite);
    if (finite && Math.abs(1 - best / logLik) <= epsilon) return { beta: newBeta, logLik, logLikNull, scoreTest, rank, iterations: iter, converged: true };
    if (!finite || logLik < best) {
      halving++;
      for (let j = 0; j < p; j++) newBeta[j] = (newBeta[j] + halving * beta[j]) / (halving + 1);
    } else {
      halving = 0;
      best = logLik;
      step.set(work.score);
      solveLdl(work.information, p, step);
      for (let j = 0; j < p; j++) {
        beta[j] = newBeta[j];
        newBeta[j] += step[j];
      }
    }
  }
  // Out of iterations: back to the last accepted β, its ℓ and information.
  const logLik = work.evaluate(beta);
  rank = factorLdl(work.information, p, CHOLESKY_TOLERANCE);
  return { beta, logLik, logLikNull, scoreTest, rank, iterations: maxIterations + 1, converged: false };
}

/**
 * coxph's robust variance on the original scale: D'D with D = U V, U the
 * cluster sums of the weighted score residuals, V the model variance (both on the
 * scaled covariates, then rescaled as V).
 */
function robustVariance(
  data: PreparedCox,
  beta: Float64Array,
  scaledVcov: Float64Array,
  cluster: Int32Array,
  efron: boolean,
  isAliased: Uint8Array,
): { vcov: Float64Array; standardErrors: Float64Array; clusters: number } {
  const { p, scale } = data;
  // Clusters in order of their ids, so that the order of the rows does not matter.
  const ids = denseIds(cluster, true);
  const g = ids.total;
  const u = clusterScores(data, beta, ids.dense, g, efron);
  const d = new Float64Array(g * p);
  for (let c = 0; c < g; c++) {
    for (let k = 0; k < p; k++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += u[c * p + j] * scaledVcov[j * p + k];
      d[c * p + k] = s;
    }
  }
  const vcov = new Float64Array(p * p);
  const standardErrors = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    for (let k = 0; k <= j; k++) {
      let s = 0;
      for (let c = 0; c < g; c++) s += d[c * p + j] * d[c * p + k];
      const v = isAliased[j] || isAliased[k] ? Number.NaN : s * scale[j] * scale[k];
      vcov[j * p + k] = v;
      vcov[k * p + j] = v;
    }
    standardErrors[j] = Math.sqrt(vcov[j * p + j]);
  }
  return { vcov, standardErrors, clusters: g };
}

/**
 * Σ over each cluster of w_i × score residual_i (coxscore2, on the scaled
 * covariates), G × p row-major. The residual of row i in stratum s is
 *   δ_i (x_i − x̄*_i) − e_i Σ_{tie groups t ≤ t_i} Σ_k h_tk (x_i − x̄_tk)
 * over the Efron steps k of each group (one step for Breslow), e_i = exp(x_iβ);
 * a death at t_i takes its own group's steps with weight (1 − k/d) and x̄*_i is the
 * mean of that group's step means. Cumulative sums C0 = Σ h, C1 = Σ h x̄ over the
 * groups so far give each row's sum as x_i C0 − C1: O(n p).
 */
function clusterScores(data: PreparedCox, beta: Float64Array, clusterOfRow: Int32Array, clusters: number, efron: boolean): Float64Array {
  const { p, x, status, weight, groupStart, stratumGroup, strataTotal, row, mean, scale } = data;
  const scaled = (r: number, j: number) => (x[r * p + j] - mean[j]) * scale[j];
  const groups = groupStart.length - 1;
  // Per group: c0, e0 (own deaths' weight), then c1, e1, x̄* (p each).
  const stride = 2 + 3 * p;
  const terms = new Float64Array(groups * stride);
  const risk = new Float64Array(data.n);
  for (let r = 0; r < data.n; r++) {
    let zb = 0;
    for (let j = 0; j < p; j++) zb += beta[j] * scaled(r, j);
    risk[r] = Math.exp(zb);
  }
  const a = new Float64Array(p);
  const a2 = new Float64Array(p);
  const totals = new Float64Array(clusters * p);
  const c1 = new Float64Array(p);
  for (let s = 0; s < strataTotal; s++) {
    let denom = 0;
    a.fill(0);
    for (let g = stratumGroup[s + 1] - 1; g >= stratumGroup[s]; g--) {
      let deathRisk = 0;
      let deadWeight = 0;
      let deaths = 0;
      a2.fill(0);
      for (let r = groupStart[g]; r < groupStart[g + 1]; r++) {
        const w = weight === null ? 1 : weight[r];
        const rw = risk[r] * w;
        denom += rw;
        for (let j = 0; j < p; j++) a[j] += rw * scaled(r, j);
        if (status[r] === 1) {
          deaths++;
          deadWeight += w;
          deathRisk += rw;
          for (let j = 0; j < p; j++) a2[j] += rw * scaled(r, j);
        }
      }
      if (deaths === 0) continue;
      const o = g * stride;
      if (!efron || deaths === 1) {
        const h = deadWeight / denom;
        terms[o] = h;
        terms[o + 1] = h;
        for (let j = 0; j < p; j++) {
          const m = a[j] / denom;
          terms[o + 2 + j] = h * m;
          terms[o + 2 + p + j] = h * m;
          terms[o + 2 + 2 * p + j] = m;
        }
        continue;
      }
      const meanWeight = deadWeight / deaths;
      for (let k = 0; k < deaths; k++) {
        const down = k / deaths;
        const d = denom - down * deathRisk;
        const h = meanWeight / d;
        terms[o] += h;
        terms[o + 1] += h * (1 - down);
        for (let j = 0; j < p; j++) {
          const m = (a[j] - down * a2[j]) / d;
          terms[o + 2 + j] += h * m;
          terms[o + 2 + p + j] += h * (1 - down) * m;
          terms[o + 2 + 2 * p + j] += m / deaths;
        }
      }
    }
    let c0 = 0;
    c1.fill(0);
    for (let g = stratumGroup[s]; g < stratumGroup[s + 1]; g++) {
      const o = g * stride;
      c0 += terms[o];
      for (let j = 0; j < p; j++) c1[j] += terms[o + 2 + j];
      for (let r = groupStart[g]; r < groupStart[g + 1]; r++) {
        const e = risk[r];
        const out = clusterOfRow[row === null ? r : row[r]] * p;
        const w = weight === null ? 1 : weight[r];
        if (status[r] === 1) {
          // Own group: weight (1 − k/d) instead of 1 on each Efron step.
          const c0Own = c0 - terms[o] + terms[o + 1];
          for (let j = 0; j < p; j++) {
            const xj = scaled(r, j);
            const c1Own = c1[j] - terms[o + 2 + j] + terms[o + 2 + p + j];
            totals[out + j] += w * (xj - terms[o + 2 + 2 * p + j] - e * (xj * c0Own - c1Own));
          }
        } else {
          for (let j = 0; j < p; j++) totals[out + j] -= w * e * (scaled(r, j) * c0 - c1[j]);
        }
      }
    }
  }
  return totals;
}

/** β'V⁻¹β over the estimable columns (coxph.wtest). */
function quadraticForm(beta: Float64Array, v: Float64Array, p: number, columns: number[]): number {
  const k = columns.length;
  if (k === 0) return 0;
  const sub = new Float64Array(k * k);
  const b = new Float64Array(k);
  columns.forEach((j, r) => {
    b[r] = beta[j];
    columns.forEach((l, c) => {
      sub[r * k + c] = v[j * p + l];
    });
  });
  const y = b.slice();
  factorLdl(sub, k, CHOLESKY_TOLERANCE);
  solveLdl(sub, k, y);
  let s = 0;
  for (let r = 0; r < k; r++) s += b[r] * y[r];
  return s;
}
