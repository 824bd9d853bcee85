import { cholesky, choleskyInverse, choleskySolve } from './linalg.js';
import { oncePerObject } from './oncePerObject.js';
import type { StatWarning } from './types.js';

/**
 * Design for a binomial-logit model. Each row is a covariate pattern carrying a
 * frequency weight: `weights[r]` persons with covariates `x[r, ]` and response
 * `y[r]` (0/1, or a proportion of successes among the `weights[r]` persons).
 * Aggregating identical persons this way gives exactly the person-level fit.
 */
export interface LogisticDesign {
  /** Row-major nRows × p model matrix (include the intercept column yourself). */
  x: Float64Array;
  y: Float64Array;
  weights: Float64Array;
  nRows: number;
  p: number;
  columnNames: string[];
}

export interface LogisticOptions {
  /** Relative deviance change for convergence, as glm.control(epsilon). */
  epsilon?: number;
  /** Maximum IRLS iterations, as glm.control(maxit). */
  maxIterations?: number;
  /**
   * Starting coefficients, as glm(start =): the first step starts from η = Xβ instead of
   * μ = (y + 0.5)/2. The estimate is the same; the path, and so the last digits, differ.
   */
  start?: Float64Array;
}

export interface LogisticFit {
  coefficients: Float64Array;
  /** Model-based covariance (XᵀWX)⁻¹ from the final IRLS solve, as summary.glm's cov.unscaled. */
  vcov: Float64Array | null;
  standardErrors: Float64Array | null;
  /** Fitted probabilities per design row. */
  fitted: Float64Array;
  linearPredictor: Float64Array;
  /** Working residuals (y − μ)/μ'(η) at the final estimate, as residuals(fit, "working"). */
  workingResiduals: Float64Array;
  /** Working weights (frequency weight × μ'²/V) of the final IRLS solve, as weights(fit, "working"). */
  workingWeights: Float64Array;
  deviance: number;
  iterations: number;
  converged: boolean;
  /** Some fitted probability within 10·ε of 0 or 1 (R's glm warning). */
  fittedZeroOrOne: boolean;
  /** Columns whose estimate diverges: |β| > 10 or SE > 100 (typical of (quasi-)separation). */
  divergingColumns: number[];
  warnings: StatWarning[];
}

/**
 * The non-zero cells of each design row (compressed sparse rows): row r's are
 * columns col[start[r]] … col[start[r + 1] − 1], ascending. Dummies of a factor make
 * most cells zero; sums that skip them add the same terms in the same order, so
 * they are bit for bit the dense sums.
 */
export interface NonzeroColumns {
  start: Int32Array;
  col: Int32Array;
  /** The cell values: value[t] = x[r, col[t]]. */
  value: Float64Array;
}

/** A row-major model matrix: what nonzeroColumns reads of a design. */
export interface RowMajorMatrix {
  x: Float64Array;
  nRows: number;
  p: number;
}

/** The nonzero cells of a design's x, computed once per design: the aliasing check, the fit and the robust variance all read them. */
export const nonzeroColumns: (design: RowMajorMatrix) => NonzeroColumns = oncePerObject(computeNonzeroColumns);

function computeNonzeroColumns(design: RowMajorMatrix): NonzeroColumns {
  const { x, nRows, p } = design;
  let nnz = 0;
  for (let i = 0; i < nRows * p; i++) if (x[i] !== 0) nnz++;
  const start = new Int32Array(nRows + 1);
  const col = new Int32Array(nnz);
  const value = new Float64Array(nnz);
  let t = 0;
  for (let r = 0; r < nRows; r++) {
    start[r] = t;
    for (let j = 0; j < p; j++) {
      if (x[r * p + j] === 0) continue;
      col[t] = j;
      value[t++] = x[r * p + j];
    }
  }
  start[nRows] = t;
  return { start, col, value };
}

const EPS = 2.220446049250313e-16;
const THRESH = 30;
const MTHRESH = -30;
const INVEPS = 1 / EPS;

/** Inverse logit exactly as R's binomial()$linkinv (C code, with its ±30 clamp). */
function logitInverse(eta: number): number {
  const t = eta < MTHRESH ? EPS : eta > THRESH ? INVEPS : Math.exp(eta);
  return t / (1 + t);
}

/** dμ/dη exactly as R's binomial()$mu.eta. */
function logitMuEta(eta: number): number {
  const opexp = 1 + Math.exp(eta);
  return eta > THRESH || eta < MTHRESH ? EPS : Math.exp(eta) / (opexp * opexp);
}

function binomialDeviance(y: Float64Array, mu: Float64Array, w: Float64Array): number {
  let dev = 0;
  for (let r = 0; r < y.length; r++) {
    if (w[r] === 0) continue;
    const yr = y[r];
    const m = mu[r];
    const t1 = yr > 0 ? yr * Math.log(yr / m) : 0;
    const t0 = yr < 1 ? (1 - yr) * Math.log((1 - yr) / (1 - m)) : 0;
    dev += 2 * w[r] * (t1 + t0);
  }
  return dev;
}

/** Coefficient |β| or SE above these marks a diverging (separated) column. */
export const DIVERGING_COEFFICIENT = 10;
export const DIVERGING_STANDARD_ERROR = 100;

/**
 * Logistic regression by iteratively reweighted least squares, step for step as
 * R's `glm.fit` with `binomial()`: start μ = (y + 0.5)/2 per person, stop when
 * |dev − dev_old| / (|dev| + 0.1) < epsilon (1e-8), at most 25 iterations, step
 * halving if the deviance becomes non-finite. The covariance and working weights
 * come from the last weighted least-squares solve, as in R, so that
 * `summary(glm)` and `sandwich` are matched to rounding.
 *
 * Problems are flagged, never hidden: `glm-not-converged`, `glm-fitted-0-1`
 * (R's "fitted probabilities numerically 0 or 1 occurred"),
 * `glm-diverging-coefficient` (|β| > 10 or SE > 100, the signature of complete or
 * quasi-complete separation) and `glm-singular` (XᵀWX not positive definite;
 * remove aliased columns first, see linalg.aliasedColumns).
 */
export function fitLogistic(design: LogisticDesign, options: LogisticOptions = {}): LogisticFit {
  const epsilon = options.epsilon ?? 1e-8;
  const maxIterations = options.maxIterations ?? 25;
  const { x, y, weights, nRows, p } = design;
  const sparse = nonzeroColumns(design);
  const eta = new Float64Array(nRows);
  const mu = new Float64Array(nRows);
  const start = options.start;
  if (start !== undefined) {
    if (start.length !== p) throw new RangeError(`fitLogistic: start has ${start.length} coefficients, the design ${p} columns`);
    updatePredictor(x, sparse, start, eta, mu, nRows, p);
  } else {
    for (let r = 0; r < nRows; r++) {
      const m = (y[r] + 0.5) / 2;
      eta[r] = Math.log(m / (1 - m));
      mu[r] = logitInverse(eta[r]);
    }
  }
  let devold = binomialDeviance(y, mu, weights);
  let coef: Float64Array = start === undefined ? new Float64Array(p) : start.slice();
  // glm.fit: coefold <- start, the point step halving returns towards.
  let coefold: Float64Array | null = start === undefined ? null : start.slice();
  let converged = false;
  let iterations = 0;
  let lastL: Float64Array | null = null;
  const workingWeights = new Float64Array(nRows);
  const warnings: StatWarning[] = [];
  const xtwx = new Float64Array(p * p);
  const xtwz = new Float64Array(p);
  let dev = devold;

  for (let iter = 1; iter <= maxIterations; iter++) {
    iterations = iter;
    xtwx.fill(0);
    xtwz.fill(0);
    accumulateNormalEquations(sparse, y, weights, eta, mu, workingWeights, xtwx, xtwz, p);
    for (let j = 0; j < p; j++) for (let k = 0; k < j; k++) xtwx[k * p + j] = xtwx[j * p + k];
    const l = cholesky(xtwx, p, 1e-12);
    if (l === null) {
      warnings.push({
        code: 'GLM_SINGULAR',
        message: 'The weighted normal equations are singular (aliased columns or total separation), so the model cannot be fitted.',
      });
      return failedFit(design, coef, mu, eta, workingWeights, dev, iterations, warnings);
    }
    lastL = l;
    let beta: Float64Array = choleskySolve(l, p, xtwz);
    updatePredictor(x, sparse, beta, eta, mu, nRows, p);
    dev = binomialDeviance(y, mu, weights);
    // Step halving towards the previous coefficients if the deviance is not finite.
    let halvings = 0;
    while (!Number.isFinite(dev) && coefold !== null && halvings < maxIterations) {
      const old: Float64Array = coefold;
      beta = beta.map((v, j) => (v + old[j]) / 2);
      updatePredictor(x, sparse, beta, eta, mu, nRows, p);
      dev = binomialDeviance(y, mu, weights);
      halvings += 1;
    }
    coef = beta;
    if (Math.abs(dev - devold) / (Math.abs(dev) + 0.1) < epsilon) {
      converged = true;
      break;
    }
    devold = dev;
    coefold = beta;
  }

  const workingResiduals = new Float64Array(nRows);
  let fittedZeroOrOne = false;
  for (let r = 0; r < nRows; r++) {
    workingResiduals[r] = (y[r] - mu[r]) / logitMuEta(eta[r]);
    if (weights[r] > 0 && (mu[r] < 10 * EPS || mu[r] > 1 - 10 * EPS)) fittedZeroOrOne = true;
  }
  const vcov = lastL === null ? null : choleskyInverse(lastL, p);
  const standardErrors = vcov === null ? null : Float64Array.from({ length: p }, (_, j) => Math.sqrt(vcov[j * p + j]));
  const divergingColumns: number[] = [];
  for (let j = 0; j < p; j++) {
    const se = standardErrors === null ? Number.POSITIVE_INFINITY : standardErrors[j];
    if (!(Math.abs(coef[j]) <= DIVERGING_COEFFICIENT) || !(se <= DIVERGING_STANDARD_ERROR)) divergingColumns.push(j);
  }
  if (!converged) {
    warnings.push({
      code: 'GLM_NOT_CONVERGED',
      params: { iterations: maxIterations },
      message: `The logistic regression did not converge in ${maxIterations} iterations; its estimates are not reliable.`,
    });
  }
  if (fittedZeroOrOne) {
    warnings.push({ code: 'GLM_FITTED_0_1', message: 'Fitted probabilities numerically 0 or 1 occurred: some groups are perfectly predicted (separation).' });
  }
  if (divergingColumns.length > 0) {
    warnings.push({
      code: 'GLM_DIVERGING_COEFFICIENT',
      params: {
        columns: divergingColumns.map((j) => design.columnNames[j] ?? `x${j}`),
        maxEstimate: DIVERGING_COEFFICIENT,
        maxStandardError: DIVERGING_STANDARD_ERROR,
      },
      message: `Coefficients diverge (|estimate| > ${DIVERGING_COEFFICIENT} or SE > ${DIVERGING_STANDARD_ERROR}), a sign of separation: ${divergingColumns.map((j) => design.columnNames[j] ?? `x${j}`).join(', ')}.`,
    });
  }
  return {
    coefficients: coef,
    vcov,
    standardErrors,
    fitted: mu,
    linearPredictor: eta,
    workingResiduals,
    workingWeights,
    deviance: dev,
    iterations,
    converged,
    fittedZeroOrOne,
    divergingColumns,
    warnings,
  };
}

/**
 * One IRLS step's weighted normal equations, lower triangle of XᵀWX and XᵀWz, with
 * working weights w = f·μ'²/V and working response z = η + (y − μ)/μ'. A small
 * function of its own, so that the JIT compiles it quickly (it runs on every row).
 */
function accumulateNormalEquations(
  sparse: NonzeroColumns,
  y: Float64Array,
  weights: Float64Array,
  eta: Float64Array,
  mu: Float64Array,
  workingWeights: Float64Array,
  xtwx: Float64Array,
  xtwz: Float64Array,
  p: number,
): void {
  const { start, col, value } = sparse;
  for (let r = 0; r < eta.length; r++) {
    // logitMuEta inlined.
    const e = eta[r];
    const expEta = Math.exp(e);
    const opexp = 1 + expEta;
    const me = e > THRESH || e < MTHRESH ? EPS : expEta / (opexp * opexp);
    const variance = mu[r] * (1 - mu[r]);
    const good = weights[r] > 0 && me !== 0;
    const ww = good ? (weights[r] * me * me) / variance : 0;
    workingWeights[r] = ww;
    if (!good) continue;
    const z = e + (y[r] - mu[r]) / me;
    const first = start[r];
    const end = start[r + 1];
    for (let t = first; t < end; t++) {
      const j = col[t];
      const wxj = ww * value[t];
      if (wxj === 0) continue;
      xtwz[j] += wxj * z;
      const rowJ = j * p;
      for (let u = first; u <= t; u++) xtwx[rowJ + col[u]] += wxj * value[u];
    }
  }
}

function updatePredictor(x: Float64Array, sparse: NonzeroColumns, beta: Float64Array, eta: Float64Array, mu: Float64Array, nRows: number, p: number): void {
  // Zero cells add ±0 to η unless a coefficient is not finite; then use every cell, as R does.
  const dense = !beta.every(Number.isFinite);
  const { start, col, value } = sparse;
  for (let r = 0; r < nRows; r++) {
    let e = 0;
    const off = r * p;
    if (dense) for (let j = 0; j < p; j++) e += x[off + j] * beta[j];
    else for (let t = start[r]; t < start[r + 1]; t++) e += value[t] * beta[col[t]];
    eta[r] = e;
    // logitInverse inlined.
    const t = e < MTHRESH ? EPS : e > THRESH ? INVEPS : Math.exp(e);
    mu[r] = t / (1 + t);
  }
}

function failedFit(
  design: LogisticDesign,
  coef: Float64Array,
  mu: Float64Array,
  eta: Float64Array,
  workingWeights: Float64Array,
  deviance: number,
  iterations: number,
  warnings: StatWarning[],
): LogisticFit {
  return {
    coefficients: coef,
    vcov: null,
    standardErrors: null,
    fitted: mu,
    linearPredictor: eta,
    workingResiduals: new Float64Array(design.nRows),
    workingWeights,
    deviance,
    iterations,
    converged: false,
    fittedZeroOrOne: false,
    divergingColumns: Array.from({ length: design.p }, (_, j) => j),
    warnings,
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

/** Weighted Gram matrix XᵀWX with the frequency weights (zero cells skipped: the same sums). */
export function weightedGram(design: LogisticDesign): Float64Array {
  const { p } = design;
  const { start, col, value } = nonzeroColumns(design);
  const g = new Float64Array(p * p);
  for (let r = 0; r < design.nRows; r++) {
    const wr = design.weights[r];
    for (let t = start[r]; t < start[r + 1]; t++) {
      const v = wr * value[t];
      if (v === 0) continue;
      const rowJ = col[t] * p;
      for (let u = start[r]; u < start[r + 1]; u++) g[rowJ + col[u]] += v * value[u];
    }
  }
  return g;
}
