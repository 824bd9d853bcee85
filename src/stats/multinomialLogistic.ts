import type { ClusterRobustVcov } from './clusterRobust.js';
import { chiSquareUpperTail, normalQuantile } from './distributions.js';
import { cholesky, choleskyInverse, choleskySolve } from './linalg.js';
import { DIVERGING_COEFFICIENT, DIVERGING_STANDARD_ERROR, nonzeroColumns, type NonzeroColumns } from './logistic.js';
import type { Estimate, StatWarning, TestResult } from './types.js';

/**
 * Design for a multinomial-logit model with K categories, category 0 the
 * reference. Each row is a covariate pattern: `counts[r·K + k]` persons with
 * covariates x[r, ] fell in category k. Aggregating identical persons this way
 * gives exactly the person-level fit.
 */
export interface MultinomialDesign {
  /** Row-major nRows × p model matrix (include the intercept column yourself). */
  x: Float64Array;
  /** Row-major nRows × categories frequency counts. */
  counts: Float64Array;
  nRows: number;
  p: number;
  /** K ≥ 2. */
  categories: number;
  columnNames: string[];
  /** Names for messages; `category k` when absent. */
  categoryNames?: string[];
}

export interface MultinomialOptions {
  /** Stop when a step changes the log-likelihood by less than tolerance × (|ℓ| + 0.1). */
  tolerance?: number;
  maxIterations?: number;
}

export type MultinomialWarningCode = 'MULTINOM_NOT_CONVERGED' | 'MULTINOM_SINGULAR' | 'MULTINOM_DIVERGING';

export interface MultinomialWarning extends StatWarning {
  code: MultinomialWarningCode;
}

export interface MultinomialFit {
  /**
   * (K−1) × p row-major, as coef(multinom): row k − 1 holds category k against
   * the reference, so coefficient (k, j) is at (k − 1)·p + j (see coefficientIndex).
   */
  coefficients: Float64Array;
  /** Model-based covariance, the inverse information at the estimate, (K−1)p square in the order of `coefficients`; as vcov(multinom). */
  vcov: Float64Array | null;
  standardErrors: Float64Array | null;
  /** Fitted probabilities, row-major nRows × K. */
  fitted: Float64Array;
  /** Σ counts × log fitted probability, as logLik(multinom). */
  logLik: number;
  /** −2 logLik, as deviance(multinom). */
  deviance: number;
  iterations: number;
  converged: boolean;
  /** Indices into `coefficients` with |β| > 10 or SE > 100 (typical of separation). */
  divergingCoefficients: number[];
  warnings: MultinomialWarning[];
}

/** Index of category k's (1 ≤ k < K) coefficient of column j in `coefficients` and `vcov`. */
export function coefficientIndex(p: number, category: number, column: number): number {
  return (category - 1) * p + column;
}

function validateDesign(design: MultinomialDesign): void {
  const { x, counts, nRows, p, categories } = design;
  if (!(Number.isInteger(categories) && categories >= 2)) throw new RangeError(`fitMultinomial: need at least 2 categories, got ${categories}`);
  if (x.length !== nRows * p) throw new RangeError(`fitMultinomial: x has ${x.length} cells, expected nRows × p = ${nRows * p}`);
  if (counts.length !== nRows * categories)
    throw new RangeError(`fitMultinomial: counts has ${counts.length} cells, expected nRows × categories = ${nRows * categories}`);
  for (let i = 0; i < counts.length; i++) {
    if (!(counts[i] >= 0 && Number.isFinite(counts[i])))
      throw new RangeError(`fitMultinomial: invalid count ${counts[i]} in row ${Math.floor(i / categories)}`);
  }
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) throw new RangeError(`fitMultinomial: non-finite x in row ${Math.floor(i / p)}, column ${i % p}`);
  }
}

/**
 * Multinomial logistic regression (baseline-category logits against category 0)
 * by Newton–Raphson on the full (K−1)p information matrix, solved by Cholesky.
 * Starts at β = 0; each step β + I⁻¹U is halved (up to 30 times) while it lowers
 * the log-likelihood. Converged when a step changes ℓ by less than
 * tolerance × (|ℓ| + 0.1) (default 1e-12); Newton's quadratic convergence leaves
 * the estimate far closer to the MLE than that step. The covariance is the
 * inverse information at the final estimate.
 *
 * Matches R `nnet::multinom` fitted to convergence (multinom's default BFGS
 * stops at reltol = 1e-8, about 1e-3 standard errors short of the MLE; see
 * tests/fixtures/r/multinom.R).
 *
 * Problems are flagged, never hidden: `MULTINOM_NOT_CONVERGED`,
 * `MULTINOM_SINGULAR` (information not positive definite: aliased or all-zero
 * columns) and `MULTINOM_DIVERGING` (|β| > 10 or SE > 100, e.g. a category with
 * zero count in one group, or at all: separation, no finite MLE).
 *
 * @example
 * // 2 patterns (x = 0, 1), 3 categories: counts 5/3/2 and 4/4/2.
 * fitMultinomial({ x: Float64Array.of(1, 0, 1, 1), counts: Float64Array.of(5, 3, 2, 4, 4, 2),
 *   nRows: 2, p: 2, categories: 3, columnNames: ['(Intercept)', 'x'] }).coefficients
 * // ≈ [log(3/5), log(4/4) − log(3/5), log(2/5), log(2/4) − log(2/5)]
 */
export function fitMultinomial(design: MultinomialDesign, options: MultinomialOptions = {}): MultinomialFit {
  validateDesign(design);
  const tolerance = options.tolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 100;
  const { nRows, p, categories: K } = design;
  const q = (K - 1) * p;
  const sparse = nonzeroColumns(design);
  const work = new RowWork(K, p);
  let beta = new Float64Array(q);
  let probs = new Float64Array(nRows * K);
  let probsTry = new Float64Array(nRows * K);
  let logLik = evaluateProbabilities(sparse, design.counts, beta, K, p, probs, work);
  const score = new Float64Array(q);
  const information = new Float64Array(q * q);
  const warnings: MultinomialWarning[] = [];
  let converged = false;
  let iterations = 0;
  let factor: Float64Array | null = null;

  for (let iter = 1; iter <= maxIterations; iter++) {
    iterations = iter;
    accumulateScoreAndInformation(sparse, design.counts, probs, K, p, score, information, work);
    factor = cholesky(information, q, 1e-12);
    if (factor === null) break;
    const step = choleskySolve(factor, q, score);
    let predictedGain = 0;
    for (let i = 0; i < q; i++) predictedGain += score[i] * step[i];
    const slack = tolerance * (Math.abs(logLik) + 0.1);
    const betaTry = new Float64Array(q);
    let logLikTry = Number.NaN;
    let accepted = false;
    for (let halvings = 0; halvings <= 30; halvings++) {
      for (let i = 0; i < q; i++) betaTry[i] = beta[i] + step[i];
      logLikTry = evaluateProbabilities(sparse, design.counts, betaTry, K, p, probsTry, work);
      // A fall within the tolerance is rounding, not a worse fit.
      if (Number.isFinite(logLikTry) && logLikTry >= logLik - slack) {
        accepted = true;
        break;
      }
      for (let i = 0; i < q; i++) step[i] /= 2;
    }
    if (!accepted) {
      // No step improves ℓ: at the MLE to rounding if Newton predicted a negligible gain.
      converged = predictedGain / 2 < slack;
      break;
    }
    const change = logLikTry - logLik;
    beta = betaTry;
    logLik = logLikTry;
    [probs, probsTry] = [probsTry, probs];
    if (Math.abs(change) < tolerance * (Math.abs(logLik) + 0.1)) {
      converged = true;
      break;
    }
  }

  if (factor !== null) {
    // The information (and so the covariance) at the final estimate.
    accumulateScoreAndInformation(sparse, design.counts, probs, K, p, score, information, work);
    factor = cholesky(information, q, 1e-12);
  }
  const vcov = factor === null ? null : choleskyInverse(factor, q);
  const standardErrors = vcov === null ? null : Float64Array.from({ length: q }, (_, i) => Math.sqrt(vcov[i * q + i]));
  if (factor === null) {
    converged = false;
    warnings.push({
      code: 'MULTINOM_SINGULAR',
      message: 'The information matrix is singular (aliased or all-zero columns), so the model cannot be fitted.',
    });
  } else if (!converged) {
    warnings.push({
      code: 'MULTINOM_NOT_CONVERGED',
      params: { iterations },
      message: `The multinomial regression did not converge in ${iterations} iterations; its estimates are not reliable.`,
    });
  }
  const divergingCoefficients: number[] = [];
  for (let i = 0; i < q; i++) {
    const se = standardErrors === null ? Number.POSITIVE_INFINITY : standardErrors[i];
    if (!(Math.abs(beta[i]) <= DIVERGING_COEFFICIENT) || !(se <= DIVERGING_STANDARD_ERROR)) divergingCoefficients.push(i);
  }
  if (divergingCoefficients.length > 0 && factor !== null) {
    warnings.push({
      code: 'MULTINOM_DIVERGING',
      params: {
        coefficients: divergingCoefficients.map((i) => coefficientName(design, i)),
        maxEstimate: DIVERGING_COEFFICIENT,
        maxStandardError: DIVERGING_STANDARD_ERROR,
      },
      message: `Coefficients diverge (|estimate| > ${DIVERGING_COEFFICIENT} or SE > ${DIVERGING_STANDARD_ERROR}), a sign of separation (a category with no counts in some group): ${divergingCoefficients.map((i) => coefficientName(design, i)).join(', ')}.`,
    });
  }
  return { coefficients: beta, vcov, standardErrors, fitted: probs, logLik, deviance: -2 * logLik, iterations, converged, divergingCoefficients, warnings };
}

/** `category:column`, as the names of vcov(multinom). */
function coefficientName(design: MultinomialDesign, index: number): string {
  const k = Math.floor(index / design.p) + 1;
  const j = index % design.p;
  return `${design.categoryNames?.[k] ?? `category ${k}`}:${design.columnNames[j] ?? `x${j}`}`;
}

/** Scratch space for one row, allocated once per call rather than once per row. */
class RowWork {
  readonly eta: Float64Array;
  /** exp(η_k − max η). */
  readonly shifted: Float64Array;
  readonly residual: Float64Array;
  readonly pairWeight: Float64Array;
  /** Lower triangles of the p × p blocks Σ w_kl x xᵀ, category pairs l ≤ k innermost: cell (j, i) of pair a at (j·p + i)·pairs + a. */
  readonly blocks: Float64Array;
  constructor(K: number, p: number) {
    this.eta = new Float64Array(K);
    this.shifted = new Float64Array(K);
    this.residual = new Float64Array(K - 1);
    const pairs = ((K - 1) * K) / 2;
    this.pairWeight = new Float64Array(pairs);
    this.blocks = new Float64Array(pairs * p * p);
  }
}

/**
 * Softmax probabilities of every row at β (η₀ = 0, shifted by the largest η so
 * that exp cannot overflow) into `probs`; returns the log-likelihood
 * Σ_r Σ_k n_rk log p_rk (cells with n_rk = 0 add nothing).
 */
function evaluateProbabilities(
  sparse: NonzeroColumns,
  counts: Float64Array,
  beta: Float64Array,
  K: number,
  p: number,
  probs: Float64Array,
  work: RowWork,
): number {
  const { start, col, value } = sparse;
  const { eta, shifted } = work;
  const nRows = start.length - 1;
  let logLik = 0;
  for (let r = 0; r < nRows; r++) {
    let max = 0;
    eta[0] = 0;
    for (let k = 1; k < K; k++) {
      let e = 0;
      const off = (k - 1) * p;
      for (let t = start[r]; t < start[r + 1]; t++) e += value[t] * beta[off + col[t]];
      eta[k] = e;
      if (e > max) max = e;
    }
    let denominator = 0;
    for (let k = 0; k < K; k++) {
      shifted[k] = Math.exp(eta[k] - max);
      denominator += shifted[k];
    }
    const logDenominator = max + Math.log(denominator);
    const rowOff = r * K;
    for (let k = 0; k < K; k++) {
      probs[rowOff + k] = shifted[k] / denominator;
      const n = counts[rowOff + k];
      if (n > 0) logLik += n * (eta[k] - logDenominator);
    }
  }
  return logLik;
}

/**
 * Score U (block k: Σ_r (n_rk − n_r p_rk) x_r) and information
 * I (block k,l: Σ_r n_r p_rk (δ_kl − p_rl) x_r x_rᵀ) over the non-reference
 * categories, into `score` and the full q × q `information`.
 */
function accumulateScoreAndInformation(
  sparse: NonzeroColumns,
  counts: Float64Array,
  probs: Float64Array,
  K: number,
  p: number,
  score: Float64Array,
  information: Float64Array,
  work: RowWork,
): void {
  const { start, col, value } = sparse;
  const { residual, pairWeight, blocks } = work;
  const nRows = start.length - 1;
  const pairs = pairWeight.length;
  score.fill(0);
  blocks.fill(0);
  for (let r = 0; r < nRows; r++) {
    const rowOff = r * K;
    let n = 0;
    for (let k = 0; k < K; k++) n += counts[rowOff + k];
    if (n === 0) continue;
    let m = 0;
    for (let k = 1; k < K; k++) {
      const pk = probs[rowOff + k];
      residual[k - 1] = counts[rowOff + k] - n * pk;
      for (let l = 1; l < k; l++) pairWeight[m++] = -n * pk * probs[rowOff + l];
      pairWeight[m++] = n * pk * (1 - pk);
    }
    const first = start[r];
    const end = start[r + 1];
    for (let t = first; t < end; t++) {
      const j = col[t];
      const v = value[t];
      for (let k = 1; k < K; k++) score[(k - 1) * p + j] += residual[k - 1] * v;
      const rowJ = j * p;
      for (let u = first; u <= t; u++) {
        const xx = v * value[u];
        const cell = (rowJ + col[u]) * pairs;
        for (let a = 0; a < pairs; a++) blocks[cell + a] += pairWeight[a] * xx;
      }
    }
  }
  // Spread the lower-triangular blocks (pair index a ↔ categories l ≤ k) over the full symmetric matrix.
  const q = (K - 1) * p;
  let a = 0;
  for (let k = 1; k < K; k++) {
    for (let l = 1; l <= k; l++, a++) {
      for (let j = 0; j < p; j++) {
        for (let i = 0; i <= j; i++) {
          const v = blocks[(j * p + i) * pairs + a];
          const rk = (k - 1) * p;
          const rl = (l - 1) * p;
          information[(rk + j) * q + rl + i] = v;
          information[(rl + i) * q + rk + j] = v;
          information[(rk + i) * q + rl + j] = v;
          information[(rl + j) * q + rk + i] = v;
        }
      }
    }
  }
}

/**
 * Cluster-robust (sandwich) covariance of multinomial coefficients, HC0 with the
 * small-sample factor G/(G − 1):
 *   V = G/(G−1) · B (Σ_g U_g U_gᵀ) B,  B = inverse information (fit.vcov),
 *   U_g = Σ_{persons i in g} (y_ik − p_ik) x_i,  k = 1 … K−1.
 * Design rows are covariate patterns that may span clusters, so the scores are
 * summed person by person: person s has pattern `patternOfPerson[s]`, category
 * `categoryOfPerson[s]` and dense cluster id `clusterOfPerson[s]` (0 ≤ id). The
 * persons must add up to the design's counts exactly (else RangeError); each
 * person counts once. The multinomial analogue of clusterRobustVcovByPerson, and
 * what sandwich::vcovCL(type = "HC0", cadjust = TRUE) would give (it has no
 * multinom method; tests/fixtures/r/multinom.R writes the formula out in R).
 * Returns null when the model covariance is unavailable or G < 2.
 */
export function multinomialClusterRobustVcov(
  design: MultinomialDesign,
  fit: MultinomialFit,
  patternOfPerson: Int32Array,
  categoryOfPerson: Int32Array | Int8Array | Uint8Array,
  clusterOfPerson: Int32Array,
): ClusterRobustVcov | null {
  const { nRows, p, categories: K, counts } = design;
  const q = (K - 1) * p;
  const persons = patternOfPerson.length;
  if (categoryOfPerson.length !== persons || clusterOfPerson.length !== persons) {
    throw new RangeError('multinomialClusterRobustVcov: patternOfPerson, categoryOfPerson and clusterOfPerson differ in length');
  }
  const tally = new Float64Array(nRows * K);
  let maxCluster = -1;
  for (let s = 0; s < persons; s++) {
    const r = patternOfPerson[s];
    const c = categoryOfPerson[s];
    const g = clusterOfPerson[s];
    if (!(r >= 0 && r < nRows && c >= 0 && c < K && g >= 0)) {
      throw new RangeError(`multinomialClusterRobustVcov: person ${s} has pattern ${r}, category ${c}, cluster ${g} outside the design`);
    }
    tally[r * K + c] += 1;
    if (g > maxCluster) maxCluster = g;
  }
  for (let i = 0; i < tally.length; i++) {
    if (tally[i] !== counts[i]) {
      throw new RangeError(
        `multinomialClusterRobustVcov: ${tally[i]} persons in pattern ${Math.floor(i / K)}, category ${i % K}, but the design counts ${counts[i]}`,
      );
    }
  }
  if (fit.vcov === null) return null;

  // Each person's pattern and category in cluster order (counting sort), read
  // sequentially below while one cluster's score vector is built at a time.
  const clusterStart = new Int32Array(maxCluster + 2);
  for (let s = 0; s < persons; s++) clusterStart[clusterOfPerson[s] + 1] += 1;
  for (let g = 0; g <= maxCluster; g++) clusterStart[g + 1] += clusterStart[g];
  const sortedPattern = new Int32Array(persons);
  const sortedCategory = new Int32Array(persons);
  const next = clusterStart.slice(0, maxCluster + 1);
  for (let s = 0; s < persons; s++) {
    const i = next[clusterOfPerson[s]]++;
    sortedPattern[i] = patternOfPerson[s];
    sortedCategory[i] = categoryOfPerson[s];
  }

  const sparse = nonzeroColumns(design);
  const meat = new Float64Array(q * q);
  const u = new Float64Array(q);
  let G = 0;
  for (let g = 0; g <= maxCluster; g++) {
    if (clusterStart[g] === clusterStart[g + 1]) continue;
    G += 1;
    u.fill(0);
    addClusterScore(sparse, fit.fitted, sortedPattern, sortedCategory, clusterStart[g], clusterStart[g + 1], K, p, u);
    for (let i = 0; i < q; i++) {
      const ui = u[i];
      if (ui === 0) continue;
      for (let j = 0; j <= i; j++) meat[i * q + j] += ui * u[j];
    }
  }
  if (G < 2) return null;
  for (let i = 0; i < q; i++) for (let j = 0; j < i; j++) meat[j * q + i] = meat[i * q + j];
  const b = fit.vcov;
  const v = multiply(multiply(b, meat, q), b, q);
  const adjustment = G / (G - 1);
  for (let i = 0; i < q * q; i++) v[i] *= adjustment;
  return { vcov: v, clusters: G };
}

/** Σ over the persons from … to − 1 (in cluster order) of (y_ik − p_ik) x_i into u; zero cells of x are skipped (they add ±0). */
function addClusterScore(
  sparse: NonzeroColumns,
  fitted: Float64Array,
  sortedPattern: Int32Array,
  sortedCategory: Int32Array,
  from: number,
  to: number,
  K: number,
  p: number,
  u: Float64Array,
): void {
  const { start, col, value } = sparse;
  for (let i = from; i < to; i++) {
    const r = sortedPattern[i];
    const c = sortedCategory[i];
    const first = start[r];
    const end = start[r + 1];
    for (let k = 1; k < K; k++) {
      const e = (c === k ? 1 : 0) - fitted[r * K + k];
      const off = (k - 1) * p;
      for (let t = first; t < end; t++) u[off + col[t]] += e * value[t];
    }
  }
}

function multiply(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k];
      if (aik === 0) continue;
      for (let j = 0; j < n; j++) out[i * n + j] += aik * b[k * n + j];
    }
  }
  return out;
}

/**
 * Wald test of H0: Lβ = 0. Statistic (Lβ)ᵀ (L V Lᵀ)⁻¹ (Lβ) on df = rows of L,
 * p-value from the chi-square upper tail computed directly (R:
 * pchisq(stat, df, lower.tail = FALSE)). `contrast` holds the rows of L, each as
 * long as `estimates`; `vcov` is row-major. L must have full row rank: when
 * L V Lᵀ is not positive definite, statistic and p-value are null.
 *
 * @example
 * // One row picking coefficient i gives (β_i / SE_i)².
 * waldTest(Float64Array.of(0.5, 2), Float64Array.of(0.04, 0, 0, 1), [[1, 0]]) // statistic 6.25, df 1
 */
export function waldTest(estimates: ArrayLike<number>, vcov: ArrayLike<number>, contrast: readonly ArrayLike<number>[]): TestResult {
  const q = estimates.length;
  const m = contrast.length;
  if (vcov.length !== q * q) throw new RangeError(`waldTest: vcov has ${vcov.length} cells, expected ${q * q}`);
  for (const row of contrast) if (row.length !== q) throw new RangeError(`waldTest: a contrast row has ${row.length} entries, expected ${q}`);
  if (m === 0) return { statistic: null, df: 0, pValue: null };
  const lb = new Float64Array(m);
  const lv = new Float64Array(m * q);
  for (let a = 0; a < m; a++) {
    const row = contrast[a];
    for (let i = 0; i < q; i++) {
      const l = row[i];
      if (l === 0) continue;
      lb[a] += l * estimates[i];
      for (let j = 0; j < q; j++) lv[a * q + j] += l * vcov[i * q + j];
    }
  }
  const lvl = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    for (let b = 0; b < m; b++) {
      let s = 0;
      for (let j = 0; j < q; j++) s += lv[a * q + j] * contrast[b][j];
      lvl[a * m + b] = s;
    }
  }
  for (let a = 0; a < m; a++) for (let b = 0; b < a; b++) lvl[a * m + b] = lvl[b * m + a] = (lvl[a * m + b] + lvl[b * m + a]) / 2;
  const factor = cholesky(lvl, m);
  if (factor === null || !lb.every(Number.isFinite)) return { statistic: null, df: m, pValue: null };
  const solved = choleskySolve(factor, m, lb);
  let statistic = 0;
  for (let a = 0; a < m; a++) statistic += lb[a] * solved[a];
  return { statistic, df: m, pValue: chiSquareUpperTail(statistic, m) };
}

/**
 * Wald test that column `column`'s coefficient is the same in all K − 1
 * non-reference categories: rows β_1j − β_kj, k = 2 … K−1, df = K − 2 (null
 * statistic with df 0 when K = 2). `coefficients` and `vcov` as in
 * MultinomialFit, or a cluster-robust vcov.
 */
export function equalAcrossCategoriesTest(coefficients: Float64Array, vcov: ArrayLike<number>, p: number, column: number): TestResult {
  const q = coefficients.length;
  const nonReference = q / p;
  if (!Number.isInteger(nonReference) || column < 0 || column >= p)
    throw new RangeError(`equalAcrossCategoriesTest: column ${column} of p = ${p} with ${q} coefficients`);
  const contrast: Float64Array[] = [];
  for (let k = 2; k <= nonReference; k++) {
    const row = new Float64Array(q);
    row[coefficientIndex(p, 1, column)] = 1;
    row[coefficientIndex(p, k, column)] = -1;
    contrast.push(row);
  }
  return waldTest(coefficients, vcov, contrast);
}

/**
 * Relative-risk ratios exp(β) (risk of category k relative to the reference,
 * per unit of the column) with Wald intervals exp(β ± z·SE) from the given
 * covariance (model-based or cluster-robust), one per coefficient in the order
 * of `coefficients`. Intervals are null when vcov is null.
 */
export function relativeRiskRatios(coefficients: Float64Array, vcov: ArrayLike<number> | null, level = 0.95): Estimate[] {
  if (!(level > 0 && level < 1)) throw new RangeError(`relativeRiskRatios: level must be in (0, 1), got ${level}`);
  const q = coefficients.length;
  const z = normalQuantile(1 - (1 - level) / 2);
  return Array.from(coefficients, (b, i) => {
    const se = vcov === null ? Number.NaN : Math.sqrt(vcov[i * q + i]);
    const ok = Number.isFinite(se);
    return { estimate: Math.exp(b), ciLow: ok ? Math.exp(b - z * se) : null, ciHigh: ok ? Math.exp(b + z * se) : null };
  });
}
