import type { StatWarning } from './types.js';
import { factorLdl, invertLdl, solveLdl } from './ldl.js';

/** Rows grouped in strata, each row a case (y = 1) or a non-case (y = 0). */
export interface ConditionalLogisticData {
  /** Row-major n × p covariates, no intercept (it is conditioned away with the strata); a Float32Array as in CoxData.x. */
  x: Float64Array | Float32Array;
  /** 1 for a case, 0 for a non-case. */
  y: Uint8Array;
  /** Stratum id per row: any integers; rows need not be sorted by stratum. */
  stratum: Int32Array;
  n: number;
  p: number;
  columnNames: string[];
}

export interface ConditionalLogisticOptions {
  /** Maximum Newton–Raphson iterations, as coxph.control(iter.max): 20. */
  maxIterations?: number;
  /** Convergence when |1 − ℓ_old/ℓ| ≤ epsilon, as coxph.control(eps): 1e-9. */
  epsilon?: number;
  /**
   * Evaluate a stratum with more cases than non-cases on its complement (cases and
   * non-cases swapped, covariates negated), which is the same likelihood with the
   * shorter recursion. Default true; false only to test that equivalence.
   */
  complement?: boolean;
}

export interface ConditionalLogisticFit {
  /** Log odds ratios per covariate; NaN for a column without information (see aliasedColumns). */
  coefficients: Float64Array;
  /** Row-major p × p inverse information at the estimate (NaN rows and columns for aliased columns); null if nothing could be fitted. */
  vcov: Float64Array | null;
  standardErrors: Float64Array | null;
  /** Conditional log-likelihood at the estimate, as fit$loglik[2]. */
  logLik: number;
  /** Conditional log-likelihood at β = 0, as fit$loglik[1]: −Σ log C(n_s, d_s) over informative strata. */
  logLikNull: number;
  /** Newton–Raphson iterations, as fit$iter. */
  iterations: number;
  converged: boolean;
  strataTotal: number;
  /** Strata with at least one case and one non-case; the others contribute nothing. */
  strataInformative: number;
  /** Columns whose information is singular (coxph's NA coefficients). */
  aliasedColumns: number[];
  /** Columns whose estimate is heading for ±∞ (coxph's "beta may be infinite"). */
  divergingColumns: number[];
  warnings: StatWarning[];
}

const EPS = 2.220446049250313e-16;
/** coxph.control(toler.chol): pivots below this times the largest diagonal count as zero. */
const CHOLESKY_TOLERANCE = EPS ** 0.75;

/**
 * Exact conditional logistic regression: for each stratum with d cases among n rows
 * the likelihood exp(Σ_cases xβ) / Σ_{|S| = d} exp(Σ_S xβ), the sum over all subsets
 * of size d. Matches R `survival::clogit(y ~ x1 + … + strata(stratum))` with its
 * default `method = "exact"` (coxph's exact partial likelihood, `coxexact.fit`,
 * survival 3.5-3): Newton–Raphson from β = 0, done when |1 − ℓ_old/ℓ| ≤ 1e-9, at
 * most 20 iterations, step halving when ℓ falls; variance = inverse information at
 * the estimate. Covariates are scaled as coxph scales them (columns other than
 * {−1, 0, 1} by their SD) so that the iterations, the singularity tolerance and the
 * infinite-β check follow R's. R's estimates are reproduced to rounding (1e-14
 * relative in tests/fixtures/r/clogit.R; 1e-8 for a coefficient heading for ∞).
 * Two deliberate differences: out of iterations, R's fit$var is not the inverse
 * information at its estimate (it inverts an unfactored matrix), here it is; and a
 * column with singular information is reported (NaN) whether or not the fit converged.
 *
 * The denominator and its first and second derivatives come from the
 * Gail–Lubin–Rubinstein (1981) recursion B(k, m) = B(k, m−1) + r_m·B(k−1, m−1),
 * O(n·d·p²) per stratum. A stratum with d > n − d is evaluated on its complement
 * (swapping cases and non-cases and negating x leaves its likelihood unchanged).
 * Covariates are centred per stratum and level k of the recursion is divided by
 * C(n, k)·(product of the k largest scores), so that B stays in [0, 1]: no overflow
 * for strata of any size (R's recursion overflows once C(n, d) passes 1e308, e.g.
 * 1000 cases among 2000 rows). Strata with no case or no non-case contribute nothing.
 * maxIterations 0 returns β = 0 with its inverse information (converged false, no warning).
 *
 * Warnings: CLOGIT_NOT_CONVERGED (R: "Ran out of iterations"), CLOGIT_SINGULAR
 * (information singular: the column has no within-stratum variation or is
 * collinear; its coefficient is NaN, R's NA), CLOGIT_DIVERGING (R's "Loglik
 * converged before variable …; beta may be infinite": separation within strata),
 * CLOGIT_NO_INFORMATIVE_STRATA.
 *
 * @example
 * // Three 1:1 matched pairs; the case has x = 1 in two of them.
 * fitConditionalLogistic({ x: Float64Array.of(1, 0, 0, 1, 1, 0), y: Uint8Array.of(1, 0, 1, 0, 1, 0),
 *   stratum: Int32Array.of(7, 7, 8, 8, 9, 9), n: 6, p: 1, columnNames: ['x'] }).coefficients // [log 2]
 */
export function fitConditionalLogistic(data: ConditionalLogisticData, options: ConditionalLogisticOptions = {}): ConditionalLogisticFit {
  const maxIterations = options.maxIterations ?? 20;
  const epsilon = options.epsilon ?? 1e-9;
  if (!Number.isInteger(maxIterations) || maxIterations < 0)
    throw new RangeError(`fitConditionalLogistic: maxIterations must be a non-negative integer, got ${maxIterations}`);
  if (!(epsilon > 0)) throw new RangeError(`fitConditionalLogistic: epsilon must be positive, got ${epsilon}`);
  validate(data);
  const { p, columnNames } = data;
  const strata = prepareStrata(data, options.complement ?? true);
  const warnings: StatWarning[] = [];
  if (strata.count === 0) {
    warnings.push({
      code: 'CLOGIT_NO_INFORMATIVE_STRATA',
      message: 'No stratum has both a case and a non-case, so the conditional likelihood is constant and nothing can be estimated.',
    });
    return {
      coefficients: new Float64Array(p).fill(Number.NaN),
      vcov: null,
      standardErrors: null,
      logLik: 0,
      logLikNull: 0,
      iterations: 0,
      converged: false,
      strataTotal: strata.total,
      strataInformative: 0,
      aliasedColumns: [],
      divergingColumns: [],
      warnings,
    };
  }

  const work = new LikelihoodWorkspace(strata);
  const { beta, logLik, logLikNull, rank, iterations, converged } = newtonRaphson(work, p, maxIterations, epsilon);
  const scaledVcov = invertLdl(work.information, p);
  // A dropped pivot leaves a zero diagonal (coxexact.fit reads this off for converged fits only).
  const aliasedColumns: number[] = [];
  if (rank < p) for (let j = 0; j < p; j++) if (scaledVcov[j * p + j] === 0) aliasedColumns.push(j);
  const isAliased = new Uint8Array(p);
  for (const j of aliasedColumns) isAliased[j] = 1;

  const divergingColumns: number[] = [];
  if (converged && maxIterations > 1) {
    // coxexact.fit: |u·V| > eps and > sqrt(eps)·|β|, in the scaled parametrisation.
    const tolerInf = Math.sqrt(epsilon);
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += work.score[k] * scaledVcov[k * p + j];
      const inf = Math.abs(s);
      if (inf > epsilon && inf > tolerInf * Math.abs(beta[j])) divergingColumns.push(j);
    }
  }

  const { rescale } = strata;
  const coefficients = new Float64Array(p);
  const vcov = new Float64Array(p * p);
  const standardErrors = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    coefficients[j] = isAliased[j] ? Number.NaN : beta[j] / rescale[j];
    for (let k = 0; k < p; k++) vcov[j * p + k] = isAliased[j] || isAliased[k] ? Number.NaN : scaledVcov[j * p + k] / (rescale[j] * rescale[k]);
    standardErrors[j] = Math.sqrt(vcov[j * p + j]);
  }

  const list = (cols: number[]) => cols.map((j) => columnNames[j] ?? `x${j + 1}`);
  const names = (cols: number[]) => list(cols).join(', ');
  if (!converged && maxIterations > 0) {
    warnings.push({
      code: 'CLOGIT_NOT_CONVERGED',
      params: { iterations: maxIterations },
      message: `The conditional logistic regression did not converge in ${maxIterations} iterations; its estimates are not reliable.`,
    });
  }
  if (aliasedColumns.length > 0) {
    warnings.push({
      code: 'CLOGIT_SINGULAR',
      params: { columns: list(aliasedColumns) },
      message: `The information matrix is singular: no within-stratum information for ${names(aliasedColumns)} (constant within strata or collinear), so its coefficient is not estimable.`,
    });
  }
  if (divergingColumns.length > 0) {
    warnings.push({
      code: 'CLOGIT_DIVERGING',
      params: { columns: list(divergingColumns) },
      message: `The log-likelihood converged before ${names(divergingColumns)}: the estimate may be infinite (separation within strata).`,
    });
  }
  return {
    coefficients,
    vcov,
    standardErrors,
    logLik,
    logLikNull,
    iterations,
    converged,
    strataTotal: strata.total,
    strataInformative: strata.count,
    aliasedColumns,
    divergingColumns,
    warnings,
  };
}

interface NewtonResult {
  /** Estimate in the scaled parametrisation; work.score and work.information (factored) are at it. */
  beta: Float64Array;
  logLik: number;
  logLikNull: number;
  /** Rank of the last factorisation. */
  rank: number;
  iterations: number;
  converged: boolean;
}

/**
 * Newton–Raphson step for step as survival's coxexact (C, survival 3.5-3): from β = 0,
 * done when |1 − ℓ_best/ℓ| ≤ epsilon and not halving; a step that lowers ℓ (or makes
 * anything non-finite) is halved; out of iterations (more than one allowed), back to
 * the last accepted β. The estimate is the β at which ℓ was last evaluated, not one
 * step further.
 */
function newtonRaphson(work: LikelihoodWorkspace, p: number, maxIterations: number, epsilon: number): NewtonResult {
  const beta = new Float64Array(p);
  const oldBeta = new Float64Array(p);
  const step = new Float64Array(p);
  const takeStep = () => {
    step.set(work.score);
    solveLdl(work.information, p, step);
    for (let j = 0; j < p; j++) {
      oldBeta[j] = beta[j];
      beta[j] += step[j];
    }
  };
  let logLik = work.evaluateAtZero();
  const logLikNull = logLik;
  let rank = factorLdl(work.information, p, CHOLESKY_TOLERANCE);
  if (maxIterations === 0) return { beta, logLik, logLikNull, rank, iterations: 0, converged: false };
  let best = logLik;
  let halving = false;
  let iterations = 0;
  takeStep();
  for (let iter = 1; iter <= maxIterations; iter++) {
    iterations = iter;
    logLik = work.evaluate(beta);
    rank = factorLdl(work.information, p, CHOLESKY_TOLERANCE);
    const finite = Number.isFinite(logLik) && work.score.every(Number.isFinite) && work.information.every(Number.isFinite);
    if (finite && !halving && Math.abs(1 - best / logLik) <= epsilon) return { beta, logLik, logLikNull, rank, iterations, converged: true };
    if (iter === maxIterations) break;
    if (!finite || logLik < best) {
      halving = true;
      for (let j = 0; j < p; j++) beta[j] = (oldBeta[j] + beta[j]) / 2;
    } else {
      halving = false;
      best = logLik;
      takeStep();
    }
  }
  if (maxIterations > 1) {
    beta.set(oldBeta);
    logLik = work.evaluate(beta);
    rank = factorLdl(work.information, p, CHOLESKY_TOLERANCE);
  }
  return { beta, logLik, logLikNull, rank, iterations, converged: false };
}

function validate(data: ConditionalLogisticData): void {
  const { x, y, stratum, n, p, columnNames } = data;
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(p) || p < 1)
    throw new RangeError(`fitConditionalLogistic: need n ≥ 0 rows and p ≥ 1 covariates, got n=${n}, p=${p}`);
  if (x.length !== n * p || y.length !== n || stratum.length !== n) {
    throw new RangeError(`fitConditionalLogistic: x must have n·p = ${n * p} cells and y, stratum n = ${n}; got ${x.length}, ${y.length}, ${stratum.length}`);
  }
  if (columnNames.length !== p) throw new RangeError(`fitConditionalLogistic: ${columnNames.length} column names for p = ${p} columns`);
  for (let i = 0; i < n; i++) if (y[i] > 1) throw new RangeError(`fitConditionalLogistic: y must be 0 or 1, row ${i} has ${y[i]}`);
  for (let t = 0; t < n * p; t++)
    if (!Number.isFinite(x[t])) throw new RangeError(`fitConditionalLogistic: covariate not finite at row ${Math.floor(t / p)}, column ${columnNames[t % p]}`);
}

/** Informative strata, rows contiguous, ready for the recursion. */
interface PreparedStrata {
  p: number;
  total: number;
  count: number;
  /** Rows of stratum s are start[s] … start[s + 1] − 1. */
  start: Int32Array;
  /** d' per stratum: cases, or non-cases when the complement is used. */
  cases: Int32Array;
  /** log C(n_s, d'_s). */
  logBinomial: Float64Array;
  /** Row-major covariates, `width` per row (p, or 4 with zero columns when p < 4): scaled, centred per stratum, negated in complement strata. */
  x: Float64Array;
  width: number;
  /** Σ of x over the (complement) cases of all strata. */
  caseTotal: Float64Array;
  maxRows: number;
  maxCases: number;
  /** coxph's column scale: the SD, or 1 for columns within {−1, 0, 1}. */
  rescale: Float64Array;
}

function prepareStrata(data: ConditionalLogisticData, complement: boolean): PreparedStrata {
  const { x, y, stratum, n, p } = data;
  const rescale = columnScales(x, n, p);

  // Dense stratum index per row, then the rows of each stratum in their original order.
  const { dense, total } = denseStrata(stratum);
  const size = new Int32Array(total);
  const caseCount = new Int32Array(total);
  for (let i = 0; i < n; i++) {
    size[dense[i]]++;
    caseCount[dense[i]] += y[i];
  }
  const position = new Int32Array(total + 1);
  for (let s = 0; s < total; s++) position[s + 1] = position[s] + size[s];
  const order = new Int32Array(n);
  const next = position.slice(0, total);
  for (let i = 0; i < n; i++) order[next[dense[i]]++] = i;

  let count = 0;
  let informativeRows = 0;
  for (let s = 0; s < total; s++) {
    if (caseCount[s] > 0 && caseCount[s] < size[s]) {
      count++;
      informativeRows += size[s];
    }
  }
  const start = new Int32Array(count + 1);
  const cases = new Int32Array(count);
  const logBinomial = new Float64Array(count);
  const width = Math.max(p, UNROLLED_WIDTH);
  const xs = new Float64Array(informativeRows * width);
  const caseTotal = new Float64Array(p);
  const mean = new Float64Array(p);
  let maxRows = 0;
  let maxCases = 0;
  let c = 0;
  let row = 0;
  for (let s = 0; s < total; s++) {
    const ns = size[s];
    const ds = caseCount[s];
    if (ds === 0 || ds === ns) continue;
    const swap = complement && ds > ns - ds;
    const d = swap ? ns - ds : ds;
    const sign = swap ? -1 : 1;
    start[c] = row;
    cases[c] = d;
    let lb = 0;
    for (let k = 1; k <= d; k++) lb += Math.log((ns - k + 1) / k);
    logBinomial[c] = lb;
    mean.fill(0);
    for (let t = position[s]; t < position[s + 1]; t++) {
      const off = order[t] * p;
      for (let j = 0; j < p; j++) mean[j] += x[off + j] / rescale[j];
    }
    for (let j = 0; j < p; j++) mean[j] /= ns;
    for (let t = position[s]; t < position[s + 1]; t++, row++) {
      const i = order[t];
      const isCase = swap ? 1 - y[i] : y[i];
      for (let j = 0; j < p; j++) {
        const v = sign * (x[i * p + j] / rescale[j] - mean[j]);
        xs[row * width + j] = v;
        if (isCase) caseTotal[j] += v;
      }
    }
    if (ns > maxRows) maxRows = ns;
    if (d > maxCases) maxCases = d;
    c++;
  }
  start[count] = row;
  return { p, total, count, start, cases, logBinomial, x: xs, width, caseTotal, maxRows, maxCases, rescale };
}

/** Stratum ids numbered 0, 1, … in order of first appearance. */
function denseStrata(stratum: Int32Array): { dense: Int32Array; total: number } {
  const n = stratum.length;
  const dense = new Int32Array(n);
  let low = 0;
  let high = -1;
  if (n > 0) {
    low = stratum[0];
    high = stratum[0];
    for (let i = 1; i < n; i++) {
      if (stratum[i] < low) low = stratum[i];
      if (stratum[i] > high) high = stratum[i];
    }
  }
  let total = 0;
  if (high - low < 4 * n + 1024) {
    // Ids in a compact range: a lookup table, faster than a Map.
    const table = new Int32Array(high - low + 1).fill(-1);
    for (let i = 0; i < n; i++) {
      const v = stratum[i] - low;
      if (table[v] < 0) table[v] = total++;
      dense[i] = table[v];
    }
    return { dense, total };
  }
  const index = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    let s = index.get(stratum[i]);
    if (s === undefined) {
      s = total++;
      index.set(stratum[i], s);
    }
    dense[i] = s;
  }
  return { dense, total };
}

/** coxph's scaling (coxexact.fit, nocenter = c(−1, 0, 1)): SD of each column, 1 for columns within {−1, 0, 1}. */
function columnScales(x: Float64Array | Float32Array, n: number, p: number): Float64Array {
  const rescale = new Float64Array(p).fill(1);
  for (let j = 0; j < p; j++) {
    let indicator = true;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const v = x[i * p + j];
      if (v !== 0 && v !== 1 && v !== -1) indicator = false;
      sum += v;
    }
    if (indicator || n < 2) continue;
    const m = sum / n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (x[i * p + j] - m) ** 2;
    const sd = Math.sqrt(ss / (n - 1));
    if (sd > 0 && Number.isFinite(sd)) rescale[j] = sd;
  }
  return rescale;
}

/**
 * Scratch space and results of one evaluation of the conditional log-likelihood,
 * its score and its information (full p × p), allocated once per fit.
 */
class LikelihoodWorkspace {
  readonly score: Float64Array;
  readonly information: Float64Array;
  private readonly eta: Float64Array;
  private readonly sorted: Float64Array;
  private readonly ratio: Float64Array;
  private readonly levelFactor: Float64Array;
  /** Per recursion level k, a block of stride values: B, G_1…G_p, H packed lower triangle. */
  private readonly levels: Float64Array;
  private readonly t: Float64Array;
  private readonly packed: Float64Array;
  private readonly stride: number;

  constructor(private readonly strata: PreparedStrata) {
    const { p, width, maxRows, maxCases } = strata;
    this.score = new Float64Array(p);
    this.information = new Float64Array(p * p);
    this.eta = new Float64Array(maxRows);
    this.sorted = new Float64Array(maxRows);
    this.ratio = new Float64Array(maxRows);
    this.levelFactor = new Float64Array(maxCases + 1);
    this.stride = 1 + width + (width * (width + 1)) / 2;
    this.levels = new Float64Array((maxCases + 1) * this.stride);
    this.t = new Float64Array(width);
    this.packed = new Float64Array((p * (p + 1)) / 2);
  }

  /**
   * Log-likelihood, score and information at β = 0, in closed form: every subset of size d is equally likely, so
   * Σ_S x is a sample without replacement, E = d·x̄ (0, x being centred) and
   * Cov = d(n − d)/(n(n − 1))·Σ xxᵀ; ℓ = −log C(n, d). Saves one recursion per fit.
   */
  evaluateAtZero(): number {
    const { p, width, count, start, cases, logBinomial, x, caseTotal } = this.strata;
    const { score, information, packed } = this;
    packed.fill(0);
    let logLik = 0;
    score.set(caseTotal);
    for (let s = 0; s < count; s++) {
      const first = start[s];
      const n = start[s + 1] - first;
      const d = cases[s];
      logLik -= logBinomial[s];
      const factor = (d * (n - d)) / (n * (n - 1));
      for (let m = first; m < first + n; m++) {
        const o = m * width;
        let q = 0;
        for (let j = 0; j < p; j++) {
          const fx = factor * x[o + j];
          for (let l = 0; l <= j; l++, q++) packed[q] += fx * x[o + l];
        }
      }
    }
    unpack(packed, information, p);
    return logLik;
  }

  /** Log-likelihood at beta; fills score and information (symmetric). */
  evaluate(beta: Float64Array): number {
    const { p, width, count, start, cases, logBinomial, x, caseTotal } = this.strata;
    const { score, information, eta, ratio, levelFactor, levels, stride, packed } = this;
    packed.fill(0);
    let logLik = 0;
    for (let j = 0; j < p; j++) logLik += beta[j] * caseTotal[j];
    score.set(caseTotal);
    for (let s = 0; s < count; s++) {
      const first = start[s];
      const n = start[s + 1] - first;
      const d = cases[s];
      for (let m = 0; m < n; m++) {
        let e = 0;
        const off = (first + m) * width;
        for (let j = 0; j < p; j++) e += x[off + j] * beta[j];
        eta[m] = e;
      }
      // Level k is scaled by C(n, k)·exp(η_(1) + … + η_(k)), η_(k) the k-th largest.
      const sorted = this.sorted.subarray(0, n);
      sorted.set(eta.subarray(0, n));
      sorted.sort();
      const top = sorted[n - 1];
      let logScale = logBinomial[s];
      for (let k = 1; k <= d; k++) {
        const e = sorted[n - k];
        logScale += e;
        levelFactor[k] = (k / (n - k + 1)) * Math.exp(top - e);
      }
      for (let m = 0; m < n; m++) ratio[m] = Math.exp(eta[m] - top);
      if (width === UNROLLED_WIDTH) recurseFour(x, first * width, n, d, ratio, levelFactor, levels);
      else recurse(x, first * width, n, d, width, ratio, levelFactor, levels, stride, this.t);
      const base = d * stride;
      const b = levels[base];
      logLik -= Math.log(b) + logScale;
      // Score −E[Σ_S x]; information Cov(Σ_S x) = H/B − (G/B)(G/B)ᵀ.
      let q = 0;
      for (let j = 0; j < p; j++) {
        const gj = levels[base + 1 + j] / b;
        score[j] -= gj;
        const h = base + 1 + width + (j * (j + 1)) / 2;
        for (let l = 0; l <= j; l++, q++) packed[q] += levels[h + l] / b - gj * (levels[base + 1 + l] / b);
      }
    }
    unpack(packed, information, p);
    return logLik;
  }
}

/** Lower triangle packed row by row → full symmetric p × p. */
function unpack(packed: Float64Array, full: Float64Array, p: number): void {
  for (let j = 0, q = 0; j < p; j++) {
    for (let l = 0; l <= j; l++, q++) {
      full[j * p + l] = packed[q];
      full[l * p + j] = packed[q];
    }
  }
}

/**
 * Gail–Lubin–Rubinstein recursion over the rows of one stratum, levels k ≤ d, with
 * its first (G) and second (H) derivatives:
 *   B(k, m) = B(k, m−1) + r_m B(k−1, m−1)
 *   G(k, m) = G(k, m−1) + r_m (x_m B(k−1, m−1) + G(k−1, m−1))
 *   H(k, m) = H(k, m−1) + r_m (x_m x_mᵀ B + x_m Gᵀ + G x_mᵀ + H)(k−1, m−1)
 * in place, k descending; levels that can no longer reach d are skipped. Here r_m
 * also carries level k's scale factor (levelFactor[k]).
 */
function recurse(
  x: Float64Array,
  offset: number,
  n: number,
  d: number,
  p: number,
  ratio: Float64Array,
  levelFactor: Float64Array,
  w: Float64Array,
  stride: number,
  t: Float64Array,
): void {
  w.fill(0, 0, (d + 1) * stride);
  w[0] = 1;
  const hStart = 1 + p;
  for (let m = 1; m <= n; m++) {
    const o = offset + (m - 1) * p;
    const r = ratio[m - 1];
    const kHigh = Math.min(m, d);
    const kLow = Math.max(d - (n - m), 1);
    for (let k = kHigh; k >= kLow; k--) {
      const rf = r * levelFactor[k];
      const cur = k * stride;
      const prev = cur - stride;
      const b = w[prev];
      w[cur] += rf * b;
      for (let j = 0; j < p; j++) {
        const tj = x[o + j] * b + w[prev + 1 + j];
        t[j] = tj;
        w[cur + 1 + j] += rf * tj;
      }
      let h = hStart;
      for (let j = 0; j < p; j++) {
        const xj = x[o + j];
        const gj = w[prev + 1 + j];
        for (let l = 0; l <= j; l++, h++) w[cur + h] += rf * (xj * t[l] + x[o + l] * gj + w[prev + h]);
      }
    }
  }
}

/** Width of the unrolled recursion; designs with fewer columns are padded with zero columns. */
const UNROLLED_WIDTH = 4;

/**
 * `recurse` for four columns written out (stride 15: B, G₀…G₃, H₀₀, H₁₀, H₁₁, H₂₀, …, H₃₃),
 * because V8 does not unroll the loops over columns, which dominate the fit.
 */
function recurseFour(x: Float64Array, offset: number, n: number, d: number, ratio: Float64Array, levelFactor: Float64Array, w: Float64Array): void {
  w.fill(0, 0, (d + 1) * 15);
  w[0] = 1;
  for (let m = 1; m <= n; m++) {
    const o = offset + (m - 1) * 4;
    const r = ratio[m - 1];
    const x0 = x[o];
    const x1 = x[o + 1];
    const x2 = x[o + 2];
    const x3 = x[o + 3];
    const kHigh = Math.min(m, d);
    const kLow = Math.max(d - (n - m), 1);
    for (let k = kHigh, cur = kHigh * 15; k >= kLow; k--, cur -= 15) {
      const rf = r * levelFactor[k];
      const prev = cur - 15;
      const b = w[prev];
      const g0 = w[prev + 1];
      const g1 = w[prev + 2];
      const g2 = w[prev + 3];
      const g3 = w[prev + 4];
      const t0 = x0 * b + g0;
      const t1 = x1 * b + g1;
      const t2 = x2 * b + g2;
      const t3 = x3 * b + g3;
      w[cur] += rf * b;
      w[cur + 1] += rf * t0;
      w[cur + 2] += rf * t1;
      w[cur + 3] += rf * t2;
      w[cur + 4] += rf * t3;
      w[cur + 5] += rf * (x0 * t0 + x0 * g0 + w[prev + 5]);
      w[cur + 6] += rf * (x1 * t0 + x0 * g1 + w[prev + 6]);
      w[cur + 7] += rf * (x1 * t1 + x1 * g1 + w[prev + 7]);
      w[cur + 8] += rf * (x2 * t0 + x0 * g2 + w[prev + 8]);
      w[cur + 9] += rf * (x2 * t1 + x1 * g2 + w[prev + 9]);
      w[cur + 10] += rf * (x2 * t2 + x2 * g2 + w[prev + 10]);
      w[cur + 11] += rf * (x3 * t0 + x0 * g3 + w[prev + 11]);
      w[cur + 12] += rf * (x3 * t1 + x1 * g3 + w[prev + 12]);
      w[cur + 13] += rf * (x3 * t2 + x2 * g3 + w[prev + 13]);
      w[cur + 14] += rf * (x3 * t3 + x3 * g3 + w[prev + 14]);
    }
  }
}
