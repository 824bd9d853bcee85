import { cholesky, choleskySolve, inverseSpd } from './linalg.js';
import { nonzeroColumns, type LogisticDesign, type LogisticFit, type NonzeroColumns } from './logistic.js';
import { symmetricEigen } from './symmetricEigen.js';
import { studentTCritical, studentTTwoSidedP } from './studentT.js';

/*
 * The bias-reduced CR2 sandwich of Bell & McCaffrey (2002) in the form of
 * Pustejovsky & Tipton (2018, JBES 36:672), exactly as R's clubSandwich 0.5.8
 * computes it for a person-level binomial glm: vcovCR(fit, cluster, "CR2") and
 * coef_test(fit, vcov, test = "Satterthwaite").
 *
 * clubSandwich for a glm, per person i (prior weight 1): the model matrix is
 * X = μ'(η)·x, the weight W = 1/V(μ), the residual e = y − μ and the target
 * Θ = W⁻¹ = V(μ) (inverse_var = TRUE), all at the final fitted values. With
 * M_U = (XᵀWX)⁻¹ from these, Z = W^½X and H̃ = Z M_U Zᵀ, the adjustment of
 * cluster g is
 *   A_g = Θ^½ B^{+½} Θ^½,  B = Θ^½(Θ − X M_U Xᵀ)Θ^½ = Θ(I − H̃_gg)Θ,
 * where B^{+½} drops eigenvalues ≤ 1e-12 (matrix_power), E_g = X_gᵀW_gA_g and
 * V = M (Σ_g E_g e_g e_gᵀ E_gᵀ) M, with M = glm's cov.unscaled (sandwich's bread
 * over n), which comes from the last IRLS solve and so differs from M_U at the
 * level of the convergence tolerance. Both are used where clubSandwich uses them.
 *
 * Θ is not constant within a cluster, so A_g is not a low-rank update of the
 * identity (the symmetric root of Θ(I − H̃)Θ does not factor). The Stieltjes
 * integral B^{+½} = (2/π)∫₀^∞ [(B + s²)⁻¹ − P_null/s²] ds is, though, for each s
 * a diagonal-plus-rank-p inverse (Woodbury). It is evaluated by the trapezoidal
 * rule in u = ln s, exponentially convergent because each eigenvalue contributes
 * λ^{-½}·sech(u − ½ln λ)/2 (step 0.25: relative error about 4·exp(−π²/0.25) ≈ 1e-17).
 * Every term is a sum over persons of weight × x xᵀ, so frequency-weighted
 * covariate patterns give the person-level result; nothing n_g × n_g is formed.
 * (Not matched: R also drops eigenvalues θ² ≤ 1e-12 of persons whose fitted
 * probability is within about 1e-6 of 0 or 1; here they are kept.)
 *
 * In Q coordinates (L Lᵀ = M, LᵀC_gL = QΛQᵀ, C_g = Z_gᵀZ_g, Z_Q = Z_g L Q,
 * Δ = Θ² + s²) with A = Z_QᵀΔ⁻¹Z_Q, P = Z_QᵀΔ⁻¹ΘZ_Q, N = (I − Λ) + s²A:
 *   Z_Qᵀ(B + s²)⁻¹ΘZ_Q = P N⁻¹,  Z_Qᵀ(B + s²)⁻¹Θ^½e = Z_QᵀΔ⁻¹Θ^½e + P N⁻¹ Z_QᵀΘΔ⁻¹Θ^½e.
 * Directions with λ = 1 (a parameter that only cluster g informs, such as its
 * fixed effect) make B singular; their pole P_null/s² is removed in closed form.
 */

/** CR2 covariance of the coefficients. */
export interface Cr2Covariance {
  /** p × p row-major. */
  vcov: Float64Array;
  /** Number of distinct clusters G. */
  clusters: number;
}

/** One coefficient's Satterthwaite t test and confidence interval under CR2. */
export interface SatterthwaiteTest {
  estimate: number;
  standardError: number;
  t: number;
  /** Satterthwaite degrees of freedom (Bell–McCaffrey, Pustejovsky–Tipton). */
  df: number;
  /** Two-sided, from Student t with df degrees of freedom. */
  pValue: number;
  ciLow: number;
  ciHigh: number;
}

/**
 * CR2 cluster-robust covariance of logistic-regression coefficients, matching R
 * `clubSandwich::vcovCR(glm(..., binomial), cluster, type = "CR2")` for the
 * person-level fit. Design rows may be covariate patterns with frequency weights
 * (the fit must come from fitLogistic on this design); each row lies within one
 * cluster, `cluster[r]`. Null when the fit has no covariance or G < 2.
 *
 * @example clusterRobustCr2(design, fitLogistic(design), clusterOfRow)?.vcov
 */
export function clusterRobustCr2(design: LogisticDesign, fit: LogisticFit, cluster: Int32Array): Cr2Covariance | null {
  const parts = cr2Parts(design, fit, cluster);
  return parts === null ? null : { vcov: parts.vcov, clusters: parts.clusters };
}

/**
 * t test of coefficient `column` with the CR2 standard error and Satterthwaite
 * degrees of freedom, and its `level` confidence interval β ± SE·t_{df}, as
 * clubSandwich's coef_test(..., test = "Satterthwaite") and conf_int. The CR2
 * pieces are computed once per fit and reused for other columns.
 *
 * @example satterthwaiteCoefTest(design, fit, clusterOfRow, 1) // { estimate, standardError, t, df, pValue, ciLow, ciHigh }
 */
export function satterthwaiteCoefTest(design: LogisticDesign, fit: LogisticFit, cluster: Int32Array, column: number, level = 0.95): SatterthwaiteTest | null {
  const parts = cr2Parts(design, fit, cluster);
  if (parts === null || !(column >= 0 && column < design.p)) return null;
  const estimate = fit.coefficients[column];
  const standardError = Math.sqrt(parts.vcov[column * design.p + column]);
  const df = satterthwaiteDf(parts, column);
  const t = estimate / standardError;
  if (!Number.isFinite(t) || !(df > 0)) return null;
  const crit = studentTCritical(level, df);
  return {
    estimate,
    standardError,
    t,
    df,
    pValue: studentTTwoSidedP(t, df),
    ciLow: estimate - standardError * crit,
    ciHigh: estimate + standardError * crit,
  };
}

/** What the covariance and the degrees of freedom need, per cluster g (all p × p). */
interface Cr2Parts {
  vcov: Float64Array;
  clusters: number;
  p: number;
  /** glm's cov.unscaled from its last solve (clubSandwich's bread / v_scale). */
  bread: Float64Array;
  /** (XᵀWX)⁻¹ at the final fitted values (clubSandwich's M_U). */
  inverseGram: Float64Array;
  /** M_bread · F_g with F_g = E_g X_g, E_g = X_gᵀ W_g A_g. */
  breadF: Float64Array[];
  /** M_bread (Z_gᵀ P⊥ Z_g) M_bread, P⊥ the projection off B's null space. */
  projectedGram: Float64Array[];
}

const cache = new WeakMap<LogisticFit, { design: LogisticDesign; cluster: Int32Array; parts: Cr2Parts | null }>();

/** cr2Parts once per (fit, design, cluster); none of them may change afterwards. */
function cr2Parts(design: LogisticDesign, fit: LogisticFit, cluster: Int32Array): Cr2Parts | null {
  const hit = cache.get(fit);
  if (hit !== undefined && hit.design === design && hit.cluster === cluster) return hit.parts;
  const parts = computeCr2Parts(design, fit, cluster);
  cache.set(fit, { design, cluster, parts });
  return parts;
}

const EPS = 2.220446049250313e-16;
const THRESH = 30;
const MTHRESH = -30;
/** clubSandwich's matrix_power drops eigenvalues at or below 10^-12. */
const EIGEN_TOLERANCE = 1e-12;
/** Trapezoidal step in u = ln s, and how far past the bounds of the spectrum the nodes run. */
const STEP = 0.25;
const TAIL = 12;

/** dμ/dη exactly as R's binomial()$mu.eta. */
function logitMuEta(eta: number): number {
  const opexp = 1 + Math.exp(eta);
  return eta > THRESH || eta < MTHRESH ? EPS : Math.exp(eta) / (opexp * opexp);
}

/**
 * One cluster's design rows with the per-person values clubSandwich uses for a
 * person of that pattern, pre-multiplied by the frequency weight m: Θ = V(μ),
 * Z = ζx with ζ = μ'(η)/√V, e = y − μ (the pattern's mean residual when y is a
 * proportion: the deviations within a pattern are orthogonal to every Z).
 */
interface ClusterRows {
  /** Design row indices. */
  r: Int32Array;
  theta: Float64Array;
  /** m ζ²: Σ this·x xᵀ = Z_gᵀZ_g. */
  zz: Float64Array;
  /** m ζ √Θ e: Σ this·x = Z_gᵀΘ^½e. */
  ze: Float64Array;
}

function clusterRows(design: LogisticDesign, fit: LogisticFit, rows: number[]): ClusterRows | null {
  const n = rows.length;
  const out: ClusterRows = { r: Int32Array.from(rows), theta: new Float64Array(n), zz: new Float64Array(n), ze: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    const m = design.weights[r];
    const mu = fit.fitted[r];
    const theta = mu * (1 - mu);
    const zeta = logitMuEta(fit.linearPredictor[r]) / Math.sqrt(theta);
    if (!(theta > 0) || !Number.isFinite(zeta)) return null;
    out.theta[i] = theta;
    out.zz[i] = m * zeta * zeta;
    out.ze[i] = m * zeta * Math.sqrt(theta) * (design.y[r] - mu);
  }
  return out;
}

function computeCr2Parts(design: LogisticDesign, fit: LogisticFit, cluster: Int32Array): Cr2Parts | null {
  const { p, nRows } = design;
  if (fit.vcov === null) return null;
  const byId = new Map<number, number[]>();
  for (let r = 0; r < nRows; r++) {
    if (!(design.weights[r] > 0)) continue;
    const list = byId.get(cluster[r]);
    if (list === undefined) byId.set(cluster[r], [r]);
    else list.push(r);
  }
  const G = byId.size;
  if (G < 2) return null;
  const rowsOf: ClusterRows[] = [];
  for (const id of [...byId.keys()].sort((a, b) => a - b)) {
    const rows = clusterRows(design, fit, byId.get(id)!);
    if (rows === null) return null;
    rowsOf.push(rows);
  }
  const sparse = nonzeroColumns(design);
  const clusterGram = rowsOf.map((rows) => weightedGram(sparse, rows.r, rows.zz, p));
  const totalGram = new Float64Array(p * p);
  for (const c of clusterGram) for (let i = 0; i < p * p; i++) totalGram[i] += c[i];
  const inverseGram = inverseSpd(totalGram, p, 1e-14);
  const factor = inverseGram === null ? null : cholesky(inverseGram, p, 0);
  if (inverseGram === null || factor === null) return null;

  const bread = fit.vcov;
  // J = M_bread L⁻ᵀ, with L⁻ᵀ = (XᵀWX) L.
  const lInvT = multiply(totalGram, factor, p, p, p);
  const j = multiply(bread, lInvT, p, p, p);
  const vcov = new Float64Array(p * p);
  const breadF: Float64Array[] = [];
  const projectedGram: Float64Array[] = [];
  for (let g = 0; g < G; g++) {
    const c = clusterAdjustment(sparse, rowsOf[g], factor, clusterGram[g], p);
    const jq = multiply(j, c.q, p, p, p);
    const kappa = multiply(jq, c.residualTerm, p, p, 1);
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) vcov[a * p + b] += kappa[a] * kappa[b];
    // Φ_g = J Q T Qᵀ L⁻¹, L⁻¹ = (L⁻ᵀ)ᵀ.
    const jqt = multiply(jq, c.designTerm, p, p, p);
    breadF.push(multiply(multiply(jqt, transpose(c.q, p, p), p, p, p), transpose(lInvT, p, p), p, p, p));
    const mcm = multiply(multiply(bread, clusterGram[g], p, p, p), bread, p, p, p);
    const jqPi = multiply(multiply(jq, c.nullGram, p, p, p), transpose(jq, p, p), p, p, p);
    projectedGram.push(mcm.map((v, i) => v - jqPi[i]));
  }
  for (let a = 0; a < p; a++) {
    for (let b = a + 1; b < p; b++) vcov[a * p + b] = vcov[b * p + a];
  }
  return { vcov, clusters: G, p, bread, inverseGram, breadF, projectedGram };
}

/**
 * Satterthwaite df of coefficient `column` (clubSandwich's get_P_array and
 * Satterthwaite): with G_g = M E_g Θ_g^½ and H_g = M E_g X_g L (L Lᵀ = M),
 *   P[g,h] = δ_gh ‖G_g[i,]‖² − ⟨H_g[i,], H_h[i,]⟩,  df = (tr P)² / Σ P².
 * ‖G_g[i,]‖² = (M (Z_gᵀP⊥Z_g + F_g M_U F_gᵀ) M)_ii, because Θ² = B + ΘZ M_U ZᵀΘ.
 */
function satterthwaiteDf(parts: Cr2Parts, column: number): number {
  const { p, clusters: G, bread, inverseGram, breadF, projectedGram } = parts;
  // φ_g = row `column` of M F_g.
  const phi = breadF.map((f) => f.subarray(column * p, column * p + p));
  const breadPhi = phi.map((v) => multiply(bread, v, p, p, 1));
  const pm = new Float64Array(G * G);
  for (let g = 0; g < G; g++) {
    for (let h = 0; h < G; h++) pm[g * G + h] = -dot(phi[g], breadPhi[h]);
    pm[g * G + g] += projectedGram[g][column * p + column] + dot(phi[g], multiply(inverseGram, phi[g], p, p, 1));
  }
  let trace = 0;
  let squares = 0;
  for (let g = 0; g < G; g++) trace += pm[g * G + g];
  for (const v of pm) squares += v * v;
  return (trace * trace) / squares;
}

interface ClusterAdjustment {
  /** Eigenvectors of LᵀC_gL (columns). */
  q: Float64Array;
  /** T = Z_Qᵀ B^{+½} Θ Z_Q. */
  designTerm: Float64Array;
  /** t = Z_Qᵀ B^{+½} Θ^½ e. */
  residualTerm: Float64Array;
  /** Z_Qᵀ P_null Z_Q. */
  nullGram: Float64Array;
}

/** The integrals T and t of one cluster by the trapezoidal rule in u = ln s. */
function clusterAdjustment(sparse: NonzeroColumns, rows: ClusterRows, factor: Float64Array, clusterGram: Float64Array, p: number): ClusterAdjustment {
  const { values: lambda, vectors: q } = symmetricEigen(congruence(factor, transpose(factor, p, p), clusterGram, p), p);
  const toQ = multiply(factor, q, p, p, p);
  const toQt = transpose(toQ, p, p);
  const n = rows.r.length;
  const { theta, zz, ze } = rows;
  let thetaMin = Infinity;
  let thetaMax = 0;
  for (const t of theta) {
    thetaMin = Math.min(thetaMin, t);
    thetaMax = Math.max(thetaMax, t);
  }
  // s = 0 values: A₀ = Z_QᵀΘ⁻²Z_Q, P₀ = Z_QᵀΘ⁻¹Z_Q, b₀ = Z_QᵀΘ⁻½e.
  const a0 = congruence(
    toQ,
    toQt,
    weightedGram(
      sparse,
      rows.r,
      zz.map((w, i) => w / (theta[i] * theta[i])),
      p,
    ),
    p,
  );
  const p0 = congruence(
    toQ,
    toQt,
    weightedGram(
      sparse,
      rows.r,
      zz.map((w, i) => w / theta[i]),
      p,
    ),
    p,
  );
  const b0 = multiply(
    toQt,
    weightedSum(
      sparse,
      rows.r,
      ze.map((w, i) => w / theta[i]),
      p,
    ),
    p,
    p,
    1,
  );
  // B's eigenvalue along a direction with λ near 1 is about (1 − λ)·λ / A₀[k,k].
  const nul: number[] = [];
  const kept: number[] = [];
  for (let k = 0; k < p; k++) {
    if (lambda[k] > 0.5 && (1 - lambda[k]) * lambda[k] <= EIGEN_TOLERANCE * a0[k * p + k]) nul.push(k);
    else kept.push(k);
  }
  const gap = Float64Array.from(lambda, (l, k) => (nul.includes(k) ? 0 : 1 - l));
  let minGap = 1;
  for (const k of kept) minGap = Math.min(minGap, gap[k]);

  // Pole P_null/s² in Q coordinates: Z_QᵀP_nullΘZ_Q = P₀[:,N] A₀[N,N]⁻¹ in the N columns.
  const nk = nul.length;
  const pole = nk === 0 ? new Float64Array(0) : solveRight(submatrix(p0, p, range(p), nul), submatrix(a0, p, nul, nul), p, nk);
  const poleB = multiply(
    pole,
    Float64Array.from(nul, (k) => b0[k]),
    p,
    nk,
    1,
  );
  const nullGram = nk === 0 ? new Float64Array(p * p) : multiply(pole, submatrix(p0, p, nul, range(p)), p, nk, p);
  const nullTerms: NullTerms | null = nk === 0 ? null : { sparse, nul, kept, pole, nu: nullCoordinates(sparse, rows.r, submatrix(toQ, p, range(p), nul), nk) };

  // Spectrum of B on its range: λ ≤ θmax², λ ≥ d·θmin² (no null space) or d·θmin²/(1+κ²)².
  // Past it the terms fall geometrically (by e^-STEP: w·T ∝ s at small s, ∝ 1/s at
  // large s), so the sum stops TAIL beyond and adds both geometric tails.
  const kappa = thetaMax / thetaMin;
  const lo = Math.log(thetaMin) + 0.5 * Math.log(minGap) - (nk > 0 ? Math.log1p(kappa * kappa) : 0) - TAIL;
  const hi = Math.log(thetaMax) + TAIL;
  const switchAt = Math.sqrt(thetaMin * thetaMax);
  const designTerm = new Float64Array(p * p);
  const residualTerm = new Float64Array(p);
  const delta = new Float64Array(n);
  const thetaDelta = new Float64Array(n);
  const nodes = Math.ceil((hi - lo) / STEP);
  const tailFactor = Math.exp(-STEP) / -Math.expm1(-STEP);
  for (let node = 0; node <= nodes; node++) {
    const s = Math.exp(lo + node * STEP);
    const s2 = s * s;
    for (let i = 0; i < n; i++) {
      const d = 1 / (theta[i] * theta[i] + s2);
      delta[i] = d;
      thetaDelta[i] = theta[i] * d;
    }
    // A = Z_QᵀΔ⁻¹Z_Q, P = Z_QᵀΔ⁻¹ΘZ_Q, a = Z_QᵀΔ⁻¹Θ^½e, b = Z_QᵀΘΔ⁻¹Θ^½e.
    const { ax, px, av, bv } = nodeSums(sparse, rows, delta, thetaDelta, p);
    const a = congruence(toQ, toQt, ax, p);
    const pp = congruence(toQ, toQt, px, p);
    const aq = multiply(toQt, av, p, p, 1);
    const bq = multiply(toQt, bv, p, p, 1);
    const { tm, tv } =
      nullTerms === null || s >= switchAt
        ? directTerms(a, pp, aq, bq, gap, s2, p, nul, pole, poleB)
        : regularTerms(nullTerms, rows, toQt, a, pp, aq, bq, gap, s2, delta, p);
    const weight = (2 / Math.PI) * STEP * s * (node === 0 || node === nodes ? 1 + tailFactor : 1);
    for (let i = 0; i < p * p; i++) designTerm[i] += weight * tm[i];
    for (let i = 0; i < p; i++) residualTerm[i] += weight * tv[i];
  }
  return { q, designTerm, residualTerm, nullGram };
}

/**
 * T = P N⁻¹ and t = a + P N⁻¹ b at one node, minus the pole P_null/s² (which here,
 * at s above the spectrum's middle, costs no precision). P N⁻¹ = (N⁻¹P)ᵀ as P
 * and N are symmetric.
 */
function directTerms(
  a: Float64Array,
  pp: Float64Array,
  av: Float64Array,
  bv: Float64Array,
  gap: Float64Array,
  s2: number,
  p: number,
  nul: number[],
  pole: Float64Array,
  poleB: Float64Array,
): { tm: Float64Array; tv: Float64Array } {
  const nMat = new Float64Array(p * p);
  for (let i = 0; i < p * p; i++) nMat[i] = s2 * a[i];
  for (let k = 0; k < p; k++) nMat[k * p + k] += gap[k];
  const tm = transpose(solveSymmetric(nMat, pp, p, p), p, p);
  const tv = new Float64Array(p);
  const nk = nul.length;
  for (let i = 0; i < p; i++) {
    let sum = av[i];
    for (let j = 0; j < p; j++) sum += tm[i * p + j] * bv[j];
    tv[i] = sum - poleB[i] / s2;
    for (let c = 0; c < nk; c++) tm[i * p + nul[c]] -= pole[i * nk + c] / s2;
  }
  return { tm, tv };
}

/** What the small-s terms need when B has a null space. */
interface NullTerms {
  sparse: NonzeroColumns;
  nul: number[];
  kept: number[];
  /** P₀[:,N] A₀[N,N]⁻¹ (p × k). */
  pole: Float64Array;
  /** Each row's coordinates x·(L Q)[:,N] along the null directions (rows × k). */
  nu: Float64Array;
}

/**
 * [(B + s²)⁻¹ − P_null/s²] terms for small s, without the 1/s² cancellation. N⁻¹ is
 * split by the Schur complement S = D₁ + s²(A₁₁ − A₁N A_NN⁻¹ A_N1) into a regular
 * part V S⁻¹ Vᵀ (V = [I; −A_NN⁻¹A_N1]) and A_NN⁻¹/s²; with A = A₀ − s²Ã,
 * P = P₀ − s²P̃ and b = b₀ − s²b̃ (exact: Δ⁻¹ = Θ⁻² − s²Θ⁻²Δ⁻¹), the pole's
 * remainder is (P₀[:,N]A₀NN⁻¹Ã_NN − P̃[:,N]) A_NN⁻¹.
 */
function regularTerms(
  { sparse, nul, kept, pole, nu }: NullTerms,
  rows: ClusterRows,
  toQt: Float64Array,
  a: Float64Array,
  pp: Float64Array,
  av: Float64Array,
  bv: Float64Array,
  gap: Float64Array,
  s2: number,
  delta: Float64Array,
  p: number,
): { tm: Float64Array; tv: Float64Array } {
  const nk = nul.length;
  const r = kept.length;
  // P̃[:,N] = Z_QᵀΘ⁻¹Δ⁻¹Z_N, Ã_NN = Z_NᵀΘ⁻²Δ⁻¹Z_N, b̃_N = Z_NᵀΘ⁻¹Δ⁻¹Θ^½e.
  const ptx = new Float64Array(p * nk);
  const atNN = new Float64Array(nk * nk);
  const btN = new Float64Array(nk);
  const { theta, zz, ze } = rows;
  for (let i = 0; i < theta.length; i++) {
    const wp = (zz[i] * delta[i]) / theta[i];
    const wa = wp / theta[i];
    const wbt = (ze[i] * delta[i]) / theta[i];
    const off = i * nk;
    for (let c = 0; c < nk; c++) {
      const nc = nu[off + c];
      btN[c] += wbt * nc;
      for (let c2 = 0; c2 < nk; c2++) atNN[c * nk + c2] += wa * nc * nu[off + c2];
    }
    // ptx += wp · x ν_iᵀ over the nonzero cells of the row.
    const row = rows.r[i];
    for (let t = sparse.start[row]; t < sparse.start[row + 1]; t++) {
      const wx = wp * sparse.value[t];
      const out = sparse.col[t] * nk;
      for (let c = 0; c < nk; c++) ptx[out + c] += wx * nu[off + c];
    }
  }
  const ptN = multiply(toQt, ptx, p, p, nk);
  const aNN = submatrix(a, p, nul, nul);
  const wN = solveSymmetric(aNN, submatrix(a, p, nul, kept), nk, r);
  const sMat = submatrix(a, p, kept, kept);
  const cross = multiply(submatrix(a, p, kept, nul), wN, r, nk, r);
  for (let i = 0; i < r * r; i++) sMat[i] = s2 * (sMat[i] - cross[i]);
  for (let i = 0; i < r; i++) sMat[i * r + i] += gap[kept[i]];
  const v = new Float64Array(p * r);
  for (let i = 0; i < r; i++) {
    v[kept[i] * r + i] = 1;
    for (let c = 0; c < nk; c++) v[nul[c] * r + i] = -wN[c * r + i];
  }
  // P R = (P V) S⁻¹ Vᵀ.
  const tm = multiply(multiply(pp, v, p, p, r), solveSymmetric(sMat, transpose(v, p, r), r, p), p, r, p);
  const tv = av.map((x, i) => x + dot(tm.subarray(i * p, i * p + p), bv));
  // K_N = P₀[:,N] A₀NN⁻¹ Ã_NN − P̃[:,N], then K_N A_NN⁻¹.
  const kn = multiply(pole, atNN, p, nk, nk).map((x, i) => x - ptN[i]);
  const knAinv = solveRight(kn, aNN, p, nk);
  const knB = multiply(
    knAinv,
    Float64Array.from(nul, (k) => bv[k]),
    p,
    nk,
    1,
  );
  const poleBt = multiply(pole, btN, p, nk, 1);
  for (let i = 0; i < p; i++) {
    for (let c = 0; c < nk; c++) tm[i * p + nul[c]] += knAinv[i * nk + c];
    tv[i] += knB[i] - poleBt[i];
  }
  return { tm, tv };
}

/**
 * One node's sums over the cluster's rows, in x coordinates: Σ zz·δ x xᵀ,
 * Σ zz·θδ x xᵀ, Σ ze·δ x and Σ ze·θδ x (δ = 1/(Θ² + s²)). Zero cells are skipped.
 */
function nodeSums(
  sparse: NonzeroColumns,
  rows: ClusterRows,
  delta: Float64Array,
  thetaDelta: Float64Array,
  p: number,
): { ax: Float64Array; px: Float64Array; av: Float64Array; bv: Float64Array } {
  const { start, col, value } = sparse;
  const { r: rowIndex, zz, ze } = rows;
  const ax = new Float64Array(p * p);
  const px = new Float64Array(p * p);
  const av = new Float64Array(p);
  const bv = new Float64Array(p);
  for (let i = 0; i < rowIndex.length; i++) {
    const row = rowIndex[i];
    const wa = zz[i] * delta[i];
    const wp = zz[i] * thetaDelta[i];
    const va = ze[i] * delta[i];
    const vb = ze[i] * thetaDelta[i];
    const first = start[row];
    const end = start[row + 1];
    for (let t = first; t < end; t++) {
      const j = col[t];
      const x = value[t];
      av[j] += va * x;
      bv[j] += vb * x;
      const ja = wa * x;
      const jp = wp * x;
      const rowJ = j * p;
      for (let u = first; u <= t; u++) {
        const xu = value[u];
        ax[rowJ + col[u]] += ja * xu;
        px[rowJ + col[u]] += jp * xu;
      }
    }
  }
  symmetriseLower(ax, p);
  symmetriseLower(px, p);
  return { ax, px, av, bv };
}

/** Σ_i w_i x xᵀ over the given design rows (p × p, symmetric). */
function weightedGram(sparse: NonzeroColumns, rowIndex: Int32Array, w: Float64Array, p: number): Float64Array {
  const { start, col, value } = sparse;
  const out = new Float64Array(p * p);
  for (let i = 0; i < rowIndex.length; i++) {
    const row = rowIndex[i];
    const first = start[row];
    const end = start[row + 1];
    for (let t = first; t < end; t++) {
      const wx = w[i] * value[t];
      const rowJ = col[t] * p;
      for (let u = first; u <= t; u++) out[rowJ + col[u]] += wx * value[u];
    }
  }
  symmetriseLower(out, p);
  return out;
}

/** Σ_i w_i x over the given design rows. */
function weightedSum(sparse: NonzeroColumns, rowIndex: Int32Array, w: Float64Array, p: number): Float64Array {
  const { start, col, value } = sparse;
  const out = new Float64Array(p);
  for (let i = 0; i < rowIndex.length; i++) {
    const row = rowIndex[i];
    for (let t = start[row]; t < start[row + 1]; t++) out[col[t]] += w[i] * value[t];
  }
  return out;
}

/** Each row's x·basis for a p × k basis (rows × k). */
function nullCoordinates(sparse: NonzeroColumns, rowIndex: Int32Array, basis: Float64Array, k: number): Float64Array {
  const { start, col, value } = sparse;
  const out = new Float64Array(rowIndex.length * k);
  for (let i = 0; i < rowIndex.length; i++) {
    const row = rowIndex[i];
    for (let t = start[row]; t < start[row + 1]; t++) for (let c = 0; c < k; c++) out[i * k + c] += value[t] * basis[col[t] * k + c];
  }
  return out;
}

function symmetriseLower(a: Float64Array, p: number): void {
  for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) a[j * p + i] = a[i * p + j];
}

/** Tᵀ A T for p × p matrices, given T and Tᵀ. */
function congruence(t: Float64Array, tt: Float64Array, a: Float64Array, p: number): Float64Array {
  return multiply(tt, multiply(a, t, p, p, p), p, p, p);
}
/** (n × k) · (k × m), row-major. */
function multiply(a: Float64Array, b: Float64Array, n: number, k: number, m: number): Float64Array {
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let l = 0; l < k; l++) {
      const ail = a[i * k + l];
      if (ail === 0) continue;
      for (let j = 0; j < m; j++) out[i * m + j] += ail * b[l * m + j];
    }
  }
  return out;
}

function transpose(a: Float64Array, n: number, m: number): Float64Array {
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) out[j * n + i] = a[i * m + j];
  return out;
}

function submatrix(a: Float64Array, p: number, rowsIdx: number[], colsIdx: number[]): Float64Array {
  const out = new Float64Array(rowsIdx.length * colsIdx.length);
  rowsIdx.forEach((i, a2) => {
    colsIdx.forEach((j, b2) => {
      out[a2 * colsIdx.length + b2] = a[i * p + j];
    });
  });
  return out;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** X = A⁻¹B for symmetric positive definite A (n × n) and B (n × m), by Cholesky. */
function solveSymmetric(a: Float64Array, b: Float64Array, n: number, m: number): Float64Array {
  const l = cholesky(a, n, 0);
  if (l === null) return new Float64Array(n * m).fill(Number.NaN);
  const out = new Float64Array(n * m);
  const column = new Float64Array(n);
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < n; i++) column[i] = b[i * m + j];
    const x = choleskySolve(l, n, column);
    for (let i = 0; i < n; i++) out[i * m + j] = x[i];
  }
  return out;
}

/** X = B A⁻¹ for symmetric positive definite A (k × k) and B (n × k). */
function solveRight(b: Float64Array, a: Float64Array, n: number, k: number): Float64Array {
  return transpose(solveSymmetric(a, transpose(b, n, k), k, n), k, n);
}
