import { orderByStratumAndTime } from './coxRegression.js';
import { cholesky, choleskyInverse, choleskySolve } from './linalg.js';
import { normalQuantile, normalTwoSidedP } from './distributions.js';
import type { StatWarning, Times } from './types.js';

/** Competing-risks data, one row per person. */
export interface FineGrayData {
  /** Event or censoring time per row (any finite numbers; equal values are ties). */
  time: Times;
  /** Outcome per row: the event of interest (failCode), censored (censorCode) or any other code, a competing event. */
  status: Int32Array | Int8Array | Uint8Array;
  /** Row-major n × p numeric covariates, no intercept (a Float32Array as in CoxData.x). */
  x: Float64Array | Float32Array;
  n: number;
  /** Numeric columns of x. */
  p: number;
  /**
   * A factor with treatment contrasts, as R's model.matrix(~ f): level 0 the
   * reference, levels 1 … levels − 1 each a 0/1 column after x's p columns. The same
   * model as those dummy columns written into x, but held as one code a row, so the
   * design needs p + 1 numbers a row instead of p + levels − 1, and a row adds
   * O(p²) to the sums instead of O((p + levels)²).
   */
  factor?: { level: Int32Array; levels: number };
  /** p + levels − 1 names: x's columns, then the factor's levels 1 … levels − 1. */
  columnNames: string[];
}

export interface FineGrayOptions {
  /** Status code of the event of interest, as crr(failcode): 1. */
  failCode?: number;
  /** Status code of censoring, as crr(cencode): 0. */
  censorCode?: number;
  /** Newton steps, as crr(maxiter): 10. */
  maxIterations?: number;
  /** Done when max_j |U_j|·max(|β_j|, 1) < gradientTolerance·max(|ℓ|, 1), as crr(gtol): 1e-6. */
  gradientTolerance?: number;
  /** Level of the confidence intervals: 0.95. */
  confidenceLevel?: number;
}

export type FineGrayWarningCode = 'FINE_GRAY_NOT_CONVERGED' | 'FINE_GRAY_SINGULAR' | 'FINE_GRAY_NO_EVENTS';

export interface FineGrayWarning extends StatWarning {
  code: FineGrayWarningCode;
}

/** One row of summary(crr). */
export interface FineGrayCoefficient {
  name: string;
  /** log subdistribution hazard ratio β. */
  estimate: number;
  /** From crr's sandwich variance. */
  standardError: number;
  z: number;
  /** Two-sided normal p-value (summary.crr's 2(1 − Φ(|z|)), computed without cancellation). */
  pValue: number;
  subdistributionHazardRatio: number;
  ciLow: number;
  ciHigh: number;
}

export interface FineGrayFit {
  coefficients: Float64Array;
  /** Row-major p × p sandwich variance H⁻¹ (Σ_i (η_i + ψ_i)(η_i + ψ_i)ᵀ) H⁻¹, crr's fit$var. */
  vcov: Float64Array;
  standardErrors: Float64Array;
  /** H, the information of the log pseudo-likelihood at the estimate, fit$inf. */
  information: Float64Array;
  /** H⁻¹, the model-based variance that ignores the estimated weights, fit$invinf. */
  modelVcov: Float64Array;
  table: FineGrayCoefficient[];
  /** Log pseudo-likelihood at the estimate and at β = 0, fit$loglik and fit$loglik.null. */
  logPseudoLik: number;
  logPseudoLikNull: number;
  /** Newton steps taken. */
  iterations: number;
  converged: boolean;
  n: number;
  nEvents: number;
  nCompeting: number;
  nCensored: number;
  warnings: FineGrayWarning[];
}

/**
 * Fine–Gray proportional subdistribution hazards regression for one cause with
 * competing events, matching R `cmprsk::crr(time, status, cov1, failcode = 1,
 * cencode = 0)` (cmprsk 2.2-11): coefficients, fit$var and p-values.
 *
 * The risk set at an event time t of the cause of interest holds everyone with
 * time ≥ t, plus everyone with an earlier competing event, weighted G(t−)/G(s−)
 * (s their event time), where G is the Kaplan–Meier estimate of the censoring
 * distribution (censorings as events, every other outcome as censored) and G(t−)
 * its left limit: a censoring at t does not lower the weight at t. These are
 * crr's weights (its approx(…, ftime·(1 − 100ε)) lookup; at time 0 that lookup
 * gives G(0), after the censorings at 0, and so does this). survival::finegray +
 * coxph(weights = fgwt) fits the same model, but its weights step at different
 * points when censorings tie with events, so on whole-day data its estimates
 * differ from crr's (here ~1e-3 relative); this function matches crr, not finegray.
 * Tied events use Breslow's form (each of the d_t events at t counts 1/S₀(t)).
 *
 * Newton–Raphson as crr: from β = 0; before each step stop when
 * max_j |U_j|·max(|β_j|, 1) < 1e-6·max(|ℓ|, 1); the step −H⁻¹U is halved (up to 20
 * times) until ℓ gains at least 1e-4 of its predicted change; at most 10 steps.
 * The estimate is the iterate at which the test passed, as crr's, so the
 * coefficients match crr's to rounding, not the exact maximiser.
 *
 * Variance: crr's sandwich H⁻¹ V H⁻¹ (crrvv), V = Σ_i (η_i + ψ_i)(η_i + ψ_i)ᵀ, with
 * η_i the weighted score residual of row i and ψ_i the correction for the
 * estimated censoring distribution, ψ_i = ∫ q(u)/Y(u) dM_i^c(u),
 * q(u) = Σ_{events t ≥ u} Σ_{competing s < u} w_s(t) e_s (x_s − x̄(t)) / S₀(t).
 *
 * crr evaluates the risk sets in O(n²); here the rows are sorted once by time
 * (counting sorts over the time ranks) and every sum over a risk set is a
 * cumulative sum: Σ_{time ≥ t} e x by a backward pass, and the competing part as
 * G(t−) × Σ_{competing s < t} e x / G(s−) by a forward pass. One evaluation of ℓ,
 * U and H is O(n p²), the variance O(n p²), q(u) and ψ O(n p) by cumulative sums.
 * Covariates are centred internally (ℓ, U, H and the variance are unchanged).
 *
 * Warnings: FINE_GRAY_NOT_CONVERGED (crr's converged = FALSE), FINE_GRAY_SINGULAR
 * (H singular: a constant or collinear column; crr stops with an error),
 * FINE_GRAY_NO_EVENTS.
 *
 * @example
 * // Cause 1 of interest, cause 2 competing, 0 censored (R: crr(1:8, status, x)).
 * const fit = fitFineGray({ time: Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8), status: Int32Array.of(1, 2, 1, 0, 1, 2, 1, 0),
 *   x: Float64Array.of(1, 0, 1, 1, 0, 0, 0, 1), n: 8, p: 1, columnNames: ['exposed'] });
 * fit.coefficients[0];   // 0.66290940409957, R 0.662909404099575
 * fit.standardErrors[0]; // 0.90180188401385, R 0.901801884013852
 */
export function fitFineGray(data: FineGrayData, options: FineGrayOptions = {}): FineGrayFit {
  const failCode = options.failCode ?? 1;
  const censorCode = options.censorCode ?? 0;
  const maxIterations = options.maxIterations ?? 10;
  const gradientTolerance = options.gradientTolerance ?? 1e-6;
  const level = options.confidenceLevel ?? 0.95;
  if (failCode === censorCode) throw new RangeError(`fitFineGray: failCode and censorCode must differ, both are ${failCode}`);
  if (!Number.isInteger(maxIterations) || maxIterations < 0)
    throw new RangeError(`fitFineGray: maxIterations must be a non-negative integer, got ${maxIterations}`);
  if (!(gradientTolerance > 0)) throw new RangeError(`fitFineGray: gradientTolerance must be positive, got ${gradientTolerance}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`fitFineGray: confidenceLevel must lie in (0, 1), got ${level}`);
  validate(data);
  const { n, columnNames } = data;
  const prepared = prepare(data, failCode, censorCode);
  const { p } = prepared;
  const warnings: FineGrayWarning[] = [];
  const nan = (k: number) => new Float64Array(k).fill(Number.NaN);
  const empty = (logPseudoLik: number, iterations: number): FineGrayFit => ({
    coefficients: nan(p),
    vcov: nan(p * p),
    standardErrors: nan(p),
    information: nan(p * p),
    modelVcov: nan(p * p),
    table: columnNames.map((name) => ({
      name,
      estimate: NaN,
      standardError: NaN,
      z: NaN,
      pValue: NaN,
      subdistributionHazardRatio: NaN,
      ciLow: NaN,
      ciHigh: NaN,
    })),
    logPseudoLik,
    logPseudoLikNull: logPseudoLik,
    iterations,
    converged: false,
    n,
    nEvents: prepared.nEvents,
    nCompeting: prepared.nCompeting,
    nCensored: prepared.nCensored,
    warnings,
  });
  if (prepared.nEvents === 0) {
    warnings.push({ code: 'FINE_GRAY_NO_EVENTS', message: 'No row has the event of interest, so nothing can be estimated.' });
    return empty(0, 0);
  }

  const work = new PseudoLikelihood(prepared);
  const logPseudoLikNull = -work.negativeLogLik(new Float64Array(p));
  const { beta, minusLogLik, iterations, converged } = newtonAsCrr(work, p, maxIterations, gradientTolerance);
  const factor = cholesky(work.information, p);
  if (factor === null) {
    warnings.push({
      code: 'FINE_GRAY_SINGULAR',
      message: 'The information matrix is singular: a covariate is constant or collinear with others, so the model cannot be fitted.',
    });
    return empty(-minusLogLik, iterations);
  }
  const information = work.information.slice();
  const modelVcov = choleskyInverse(factor, p);
  const meat = work.scoreVariance(beta);
  const vcov = multiply(multiply(modelVcov, meat, p), modelVcov, p);
  const standardErrors = new Float64Array(p);
  for (let j = 0; j < p; j++) standardErrors[j] = Math.sqrt(vcov[j * p + j]);
  const q = normalQuantile((1 + level) / 2);
  const table = columnNames.map((name, j) => {
    const b = beta[j];
    const se = standardErrors[j];
    const z = b / se;
    return {
      name,
      estimate: b,
      standardError: se,
      z,
      pValue: normalTwoSidedP(z),
      subdistributionHazardRatio: Math.exp(b),
      ciLow: Math.exp(b - q * se),
      ciHigh: Math.exp(b + q * se),
    };
  });
  if (!converged)
    warnings.push({
      code: 'FINE_GRAY_NOT_CONVERGED',
      params: { iterations: maxIterations },
      message: `The Fine–Gray regression did not converge in ${maxIterations} iterations; its estimates are not reliable.`,
    });
  return {
    coefficients: beta,
    vcov,
    standardErrors,
    information,
    modelVcov,
    table,
    logPseudoLik: -minusLogLik,
    logPseudoLikNull,
    iterations,
    converged,
    n,
    nEvents: prepared.nEvents,
    nCompeting: prepared.nCompeting,
    nCensored: prepared.nCensored,
    warnings,
  };
}

/**
 * crr's Newton iteration: from β = 0; before each step stop if the scaled gradient
 * is small; step −H⁻¹U, halved while −ℓ does not fall by 1e-4 of the predicted
 * change (more than 20 halvings: give up, not converged). On return work's
 * gradient and information are at beta; a singular H stops the iteration.
 */
function newtonAsCrr(
  work: PseudoLikelihood,
  p: number,
  maxIterations: number,
  gradientTolerance: number,
): { beta: Float64Array; minusLogLik: number; iterations: number; converged: boolean } {
  let beta = new Float64Array(p);
  let iterations = 0;
  for (let step = 0; ; step++) {
    const minusLogLik = work.evaluate(beta);
    const { gradient, information } = work;
    let largest = 0;
    for (let j = 0; j < p; j++) largest = Math.max(largest, Math.abs(gradient[j]) * Math.max(Math.abs(beta[j]), 1));
    if (largest < Math.max(Math.abs(minusLogLik), 1) * gradientTolerance) return { beta, minusLogLik, iterations, converged: true };
    const factor = step === maxIterations ? null : cholesky(information, p);
    if (factor === null) return { beta, minusLogLik, iterations, converged: false };
    const change = choleskySolve(factor, p, gradient).map((v) => -v);
    let slope = 0;
    for (let j = 0; j < p; j++) slope += change[j] * gradient[j];
    const trial = beta.map((b, j) => b + change[j]);
    let value = work.negativeLogLik(trial);
    let halvings = 0;
    while (Number.isNaN(value) || value > minusLogLik + 1e-4 * slope) {
      if (++halvings > 20) return { beta, minusLogLik, iterations, converged: false };
      for (let j = 0; j < p; j++) {
        change[j] *= 0.5;
        trial[j] = beta[j] + change[j];
      }
      slope *= 0.5;
      value = work.negativeLogLik(trial);
    }
    beta = trial;
    iterations = step + 1;
  }
}

function validate(data: FineGrayData): void {
  const { time, status, x, n, p, columnNames, factor } = data;
  if (!Number.isInteger(n) || n < 1 || !Number.isInteger(p) || p < 0 || (p === 0 && factor === undefined))
    throw new RangeError(`fitFineGray: need n ≥ 1 rows and p ≥ 1 covariates, got n=${n}, p=${p}`);
  if (x.length !== n * p || time.length !== n || status.length !== n)
    throw new RangeError(`fitFineGray: x must have n·p = ${n * p} cells and time, status n = ${n}; got ${x.length}, ${time.length}, ${status.length}`);
  const dummies = factor === undefined ? 0 : factor.levels - 1;
  if (factor !== undefined) {
    if (!Number.isInteger(factor.levels) || factor.levels < 2) throw new RangeError(`fitFineGray: a factor needs at least 2 levels, got ${factor.levels}`);
    if (factor.level.length !== n) throw new RangeError(`fitFineGray: the factor has ${factor.level.length} codes for n = ${n} rows`);
    for (let i = 0; i < n; i++) {
      const v = factor.level[i];
      if (!(v >= 0 && v < factor.levels)) throw new RangeError(`fitFineGray: factor code at row ${i} is ${v}, outside 0 … ${factor.levels - 1}`);
    }
  }
  if (columnNames.length !== p + dummies) throw new RangeError(`fitFineGray: ${columnNames.length} column names for p = ${p + dummies} columns`);
  for (let i = 0; i < n; i++) if (!Number.isFinite(time[i])) throw new RangeError(`fitFineGray: time not finite at row ${i}: ${time[i]}`);
  for (let t = 0; t < n * p; t++)
    if (!Number.isFinite(x[t])) throw new RangeError(`fitFineGray: covariate not finite at row ${Math.floor(t / p)}, column ${columnNames[t % p]}`);
}

const CENSORED = 0;
const EVENT = 1;
const COMPETING = 2;

/**
 * Rows sorted by time, grouped by distinct time, with the censoring weights. The
 * numeric covariates are centred where they are read, (x − mean): the same doubles
 * as a centred copy, without the copy.
 */
interface PreparedFineGray {
  n: number;
  /** Columns of the model: the numeric ones, then the factor's dummies. */
  p: number;
  /** Numeric columns. */
  numeric: number;
  /** Row-major numeric covariates in sorted order, as given (the caller's own array when it came sorted). */
  x: Float64Array | Float32Array;
  /** Column means of x. */
  mean: Float64Array;
  /** Factor level per sorted row (0 the reference), or null without a factor. */
  level: Int32Array | null;
  /** CENSORED, EVENT or COMPETING per sorted row. */
  kind: Uint8Array;
  /** Rows of distinct time k: groupStart[k] … groupStart[k + 1] − 1. */
  groupStart: Int32Array;
  /** Events of interest at time k. */
  events: Int32Array;
  /** Censorings at time k. */
  censored: Int32Array;
  /** G(t_k−), the censoring survival just before time k. */
  censoringSurvival: Float64Array;
  nEvents: number;
  nCompeting: number;
  nCensored: number;
}

function prepare(data: FineGrayData, failCode: number, censorCode: number): PreparedFineGray {
  const { time, status, x, n, p, factor } = data;
  // Rows already in time order are used as they are; otherwise sorted copies.
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) sorted = time[i] >= time[i - 1];
  const order = sorted ? null : orderByStratumAndTime(time, new Int32Array(n), 1).order;
  let xs = x;
  let level = factor?.level ?? null;
  if (order !== null) {
    xs = x instanceof Float32Array ? new Float32Array(n * p) : new Float64Array(n * p);
    for (let r = 0; r < n; r++) {
      const i = order[r];
      for (let j = 0; j < p; j++) xs[r * p + j] = x[i * p + j];
    }
    if (factor !== undefined) {
      const given = factor.level;
      level = new Int32Array(n);
      for (let r = 0; r < n; r++) level[r] = given[order[r]];
    }
  }
  // Summed in sorted order, so that it does not depend on the rows' order.
  const mean = new Float64Array(p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) mean[j] += xs[i * p + j];
  for (let j = 0; j < p; j++) mean[j] /= n;
  // Dummies stay 0/1, not centred: ℓ, U and H do not change with centring, and a
  // row's dummy part stays one column.
  const kind = new Uint8Array(n);
  const timeAt = (r: number) => time[order === null ? r : order[r]];
  let groups = 0;
  let nEvents = 0;
  let nCompeting = 0;
  let nCensored = 0;
  for (let r = 0; r < n; r++) {
    const code = status[order === null ? r : order[r]];
    const k = code === failCode ? EVENT : code === censorCode ? CENSORED : COMPETING;
    kind[r] = k;
    if (k === EVENT) nEvents++;
    else if (k === COMPETING) nCompeting++;
    else nCensored++;
    if (r === 0 || timeAt(r) !== timeAt(r - 1)) groups++;
  }
  const groupStart = new Int32Array(groups + 1);
  for (let r = 0, g = 0; r < n; r++) if (r === 0 || timeAt(r) !== timeAt(r - 1)) groupStart[g++] = r;
  groupStart[groups] = n;
  const events = new Int32Array(groups);
  const censored = new Int32Array(groups);
  const censoringSurvival = new Float64Array(groups);
  let survival = 1;
  for (let g = 0; g < groups; g++) {
    for (let r = groupStart[g]; r < groupStart[g + 1]; r++) {
      if (kind[r] === EVENT) events[g]++;
      else if (kind[r] === CENSORED) censored[g]++;
    }
    censoringSurvival[g] = survival;
    if (censored[g] > 0) survival *= 1 - censored[g] / (n - groupStart[g]);
    // crr looks G up at time·(1 − 100ε), which at time 0 is 0 itself: there it takes
    // G(0), after the censorings at 0, not G(0−). Matched, as R gives it.
    if (timeAt(groupStart[g]) === 0) censoringSurvival[g] = survival;
  }
  const columns = p + (factor === undefined ? 0 : factor.levels - 1);
  return { n, p: columns, numeric: p, x: xs, mean, level, kind, groupStart, events, censored, censoringSurvival, nEvents, nCompeting, nCensored };
}

/** The dummy column of a row's factor level (numeric + level − 1), or −1 at the reference level or without a factor. */
function dummyOf(data: PreparedFineGray, r: number): number {
  const lv = data.level === null ? 0 : data.level[r];
  return lv > 0 ? data.numeric + lv - 1 : -1;
}

/**
 * −log pseudo-likelihood Σ_t d_t (log S₀(t) − x̄_events(t)β), its gradient and its
 * Hessian (crrfsv), with S_k(t) = Σ_{time ≥ t} e x^{⊗k} + G(t−) Σ_{competing s < t} e x^{⊗k} / G(s−).
 */
class PseudoLikelihood {
  readonly gradient: Float64Array;
  /** Full p × p. */
  readonly information: Float64Array;
  private readonly risk: Float64Array;
  /** Per event time: the competing sums Σ e/G, Σ e x/G, Σ e x xᵀ/G (packed) over earlier times. */
  private readonly competingBefore: Float64Array;
  private readonly stride: number;
  private readonly scratch: Float64Array;
  /** Per distinct time k: S₀ and x̄ = S₁/S₀ at the last evaluation (event times only). */
  readonly s0: Float64Array;
  readonly meanAt: Float64Array;

  constructor(private readonly data: PreparedFineGray) {
    const { p, n, groupStart } = data;
    const groups = groupStart.length - 1;
    this.gradient = new Float64Array(p);
    this.information = new Float64Array(p * p);
    this.risk = new Float64Array(n);
    this.stride = 1 + p + (p * (p + 1)) / 2;
    this.competingBefore = new Float64Array(groups * this.stride);
    this.scratch = new Float64Array(groups);
    this.s0 = new Float64Array(groups);
    this.meanAt = new Float64Array(groups * p);
  }

  private linearPredictors(beta: Float64Array): number {
    const { n, numeric, x, mean, kind } = this.data;
    let eventSum = 0;
    for (let r = 0; r < n; r++) {
      let zb = 0;
      for (let j = 0; j < numeric; j++) zb += beta[j] * (x[r * numeric + j] - mean[j]);
      const d = dummyOf(this.data, r);
      if (d >= 0) zb += beta[d];
      this.risk[r] = Math.exp(zb);
      if (kind[r] === EVENT) eventSum += zb;
    }
    return eventSum;
  }

  /** −ℓ only (crrf), O(n p). */
  negativeLogLik(beta: Float64Array): number {
    const { kind, groupStart, events, censoringSurvival } = this.data;
    const groups = groupStart.length - 1;
    let value = -this.linearPredictors(beta);
    const { risk } = this;
    // Competing sums before each time, forward; then the risk sets, backward.
    const before = this.scratch;
    let competing = 0;
    for (let g = 0; g < groups; g++) {
      before[g] = competing;
      for (let r = groupStart[g]; r < groupStart[g + 1]; r++) if (kind[r] === COMPETING) competing += risk[r] / censoringSurvival[g];
    }
    let atRisk = 0;
    for (let g = groups - 1; g >= 0; g--) {
      for (let r = groupStart[g]; r < groupStart[g + 1]; r++) atRisk += risk[r];
      if (events[g] > 0) value += events[g] * Math.log(atRisk + censoringSurvival[g] * before[g]);
    }
    return value;
  }

  /** −ℓ with its gradient and Hessian, O(n p²); keeps S₀ and x̄ per event time. */
  evaluate(beta: Float64Array): number {
    const { p, numeric, kind, groupStart, events, censoringSurvival } = this.data;
    const z = new Float64Array(numeric);
    const groups = groupStart.length - 1;
    const { risk, competingBefore: before, stride, gradient, information, s0, meanAt } = this;
    let value = -this.linearPredictors(beta);
    const tri = (p * (p + 1)) / 2;
    const sums = new Float64Array(stride);
    for (let g = 0; g < groups; g++) {
      if (events[g] > 0) before.set(sums, g * stride);
      for (let r = groupStart[g]; r < groupStart[g + 1]; r++) {
        if (kind[r] === COMPETING) {
          centred(this.data, r, z);
          accumulate(sums, risk[r] / censoringSurvival[g], z, numeric, p, dummyOf(this.data, r));
        }
      }
    }
    gradient.fill(0);
    const packed = new Float64Array(tri);
    sums.fill(0);
    const mean = new Float64Array(p);
    for (let g = groups - 1; g >= 0; g--) {
      for (let r = groupStart[g]; r < groupStart[g + 1]; r++) {
        centred(this.data, r, z);
        const dummy = dummyOf(this.data, r);
        accumulate(sums, risk[r], z, numeric, p, dummy);
        if (kind[r] === EVENT) {
          for (let j = 0; j < numeric; j++) gradient[j] -= z[j];
          if (dummy >= 0) gradient[dummy] -= 1;
        }
      }
      const d = events[g];
      if (d === 0) continue;
      const weight = censoringSurvival[g];
      const o = g * stride;
      const total = sums[0] + weight * before[o];
      value += d * Math.log(total);
      for (let j = 0; j < p; j++) {
        mean[j] = (sums[1 + j] + weight * before[o + 1 + j]) / total;
        gradient[j] += d * mean[j];
        meanAt[g * p + j] = mean[j];
      }
      s0[g] = total;
      for (let j = 0, q = 0; j < p; j++) {
        for (let l = 0; l <= j; l++, q++) {
          const second = (sums[1 + p + q] + weight * before[o + 1 + p + q]) / total;
          packed[q] += d * (second - mean[j] * mean[l]);
        }
      }
    }
    for (let j = 0, q = 0; j < p; j++) {
      for (let l = 0; l <= j; l++, q++) {
        information[j * p + l] = packed[q];
        information[l * p + j] = packed[q];
      }
    }
    return value;
  }

  /**
   * V = Σ_i (η_i + ψ_i)(η_i + ψ_i)ᵀ at beta (crrvv), with A(t) = Σ_{events ≤ t} 1/S₀,
   * B(t) = Σ_{events ≤ t} x̄/S₀ and their G-weighted suffix sums A*(>t), B*(>t):
   *   η_i = δ_i (x_i − x̄(t_i)) − e_i (x_i A(t_i) − B(t_i)) − [competing] e_i/G(t_i−) (x_i A*(>t_i) − B*(>t_i)),
   *   q(u) = C₁(u) A*(≥u) − C₀(u) B*(≥u), C_k(u) = Σ_{competing s < u} e x^k / G(s−),
   *   ψ_i = −Σ_{u ≤ t_i} c(u) q(u)/Y(u)² + [censored] q(t_i)/Y(t_i).
   */
  scoreVariance(beta: Float64Array): Float64Array {
    this.evaluate(beta);
    const { n, p, numeric, x, mean, kind, groupStart, events, censored, censoringSurvival } = this.data;
    const { risk, s0, meanAt } = this;
    const row = new Float64Array(p);
    const groups = groupStart.length - 1;
    // Suffix sums over event times after group g: A*(>g) and B*(>g).
    const laterA = new Float64Array(groups + 1);
    const laterB = new Float64Array((groups + 1) * p);
    for (let g = groups - 1; g >= 0; g--) {
      laterA[g] = laterA[g + 1];
      for (let j = 0; j < p; j++) laterB[g * p + j] = laterB[(g + 1) * p + j];
      if (events[g] === 0) continue;
      const w = (censoringSurvival[g] * events[g]) / s0[g];
      laterA[g] += w;
      for (let j = 0; j < p; j++) laterB[g * p + j] += w * meanAt[g * p + j];
    }
    let cumA = 0;
    const cumB = new Float64Array(p);
    let c0 = 0;
    const c1 = new Float64Array(p);
    const psiBase = new Float64Array(p);
    const q = new Float64Array(p);
    const st = new Float64Array(p);
    const packed = new Float64Array((p * (p + 1)) / 2);
    for (let g = 0; g < groups; g++) {
      const d = events[g];
      if (d > 0) {
        cumA += d / s0[g];
        for (let j = 0; j < p; j++) cumB[j] += (d * meanAt[g * p + j]) / s0[g];
      }
      const atRisk = n - groupStart[g];
      if (censored[g] > 0) {
        // laterA[g] already includes time g itself: A*(≥g).
        for (let j = 0; j < p; j++) q[j] = c1[j] * laterA[g] - c0 * laterB[g * p + j];
        for (let j = 0; j < p; j++) psiBase[j] -= (censored[g] * q[j]) / (atRisk * atRisk);
      }
      const strictA = laterA[g + 1];
      const gMinus = censoringSurvival[g];
      for (let r = groupStart[g]; r < groupStart[g + 1]; r++) {
        const e = risk[r];
        const k = kind[r];
        rowOf(this.data, r, row);
        for (let j = 0; j < p; j++) {
          const xj = row[j];
          let v = psiBase[j] - e * (xj * cumA - cumB[j]);
          if (k === EVENT) v += xj - meanAt[g * p + j];
          else if (k === COMPETING) v -= (e / gMinus) * (xj * strictA - laterB[(g + 1) * p + j]);
          else v += q[j] / atRisk;
          st[j] = v;
        }
        for (let j = 0, t = 0; j < p; j++) for (let l = 0; l <= j; l++, t++) packed[t] += st[j] * st[l];
      }
      for (let r = groupStart[g]; r < groupStart[g + 1]; r++) {
        if (kind[r] !== COMPETING) continue;
        const w = risk[r] / gMinus;
        c0 += w;
        for (let j = 0; j < numeric; j++) c1[j] += w * (x[r * numeric + j] - mean[j]);
        const dummy = dummyOf(this.data, r);
        if (dummy >= 0) c1[dummy] += w;
      }
    }
    const v = new Float64Array(p * p);
    for (let j = 0, t = 0; j < p; j++) {
      for (let l = 0; l <= j; l++, t++) {
        v[j * p + l] = packed[t];
        v[l * p + j] = packed[t];
      }
    }
    return v;
  }
}

/**
 * sums += w·(1, z, z zᵀ packed lower) for the row z: its numeric part in x,
 * then 0 in every dummy column but `dummy` (1 there; −1: none). Only the nonzero
 * entries are touched: (dummy, numeric) and (dummy, dummy).
 */
function accumulate(sums: Float64Array, w: number, x: Float64Array, numeric: number, p: number, dummy: number): void {
  sums[0] += w;
  const base = 1 + p;
  for (let j = 0, q = base; j < numeric; j++) {
    const wx = w * x[j];
    sums[1 + j] += wx;
    for (let l = 0; l <= j; l++, q++) sums[q] += wx * x[l];
  }
  if (dummy < 0) return;
  sums[1 + dummy] += w;
  const q = base + (dummy * (dummy + 1)) / 2;
  for (let l = 0; l < numeric; l++) sums[q + l] += w * x[l];
  sums[q + dummy] += w;
}

/** Row r of the model's design, numeric columns then dummies, into out (length p). */
function rowOf(data: PreparedFineGray, r: number, out: Float64Array): void {
  const { numeric } = data;
  centred(data, r, out);
  out.fill(0, numeric);
  const dummy = dummyOf(data, r);
  if (dummy >= 0) out[dummy] = 1;
}

/** The numeric part of sorted row r, centred, into out[0 … numeric − 1]. */
function centred(data: PreparedFineGray, r: number, out: Float64Array): void {
  const { numeric, x, mean } = data;
  for (let j = 0; j < numeric; j++) out[j] = x[r * numeric + j] - mean[j];
}

function multiply(a: Float64Array, b: Float64Array, p: number): Float64Array {
  const c = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let k = 0; k < p; k++) {
      const aik = a[i * p + k];
      for (let j = 0; j < p; j++) c[i * p + j] += aik * b[k * p + j];
    }
  }
  return c;
}
