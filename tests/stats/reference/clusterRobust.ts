// Frozen copy of the pre-optimisation code (src/stats, Nov 2026), the reference for tests/stats/optimisedEqualsReference.test.ts.
import type { LogisticDesign, LogisticFit } from './logistic.js';

export interface ClusterRobustVcov {
  /** p × p row-major covariance matrix. */
  vcov: Float64Array;
  /** Number of distinct clusters G. */
  clusters: number;
}

/**
 * Cluster-robust (sandwich) covariance of logistic-regression coefficients,
 * HC0 with the small-sample factor G/(G − 1):
 *   V = G/(G−1) · B (Σ_g U_g U_gᵀ) B,  B = (XᵀWX)⁻¹,  U_g = Σ_{i∈g} r_i w_i x_i
 * with working residuals r and working weights w (the glm score contributions).
 *
 * Matches R `sandwich::vcovCL(fit, cluster = ~cl, type = "HC0", cadjust = TRUE)`
 * for a person-level `glm(..., binomial)`. Design rows may be aggregated covariate
 * patterns, but each must lie within one cluster: `cluster[r]` is its cluster id.
 * Returns null when the model covariance is unavailable or G < 2.
 */
export function clusterRobustVcov(design: LogisticDesign, fit: LogisticFit, cluster: Int32Array): ClusterRobustVcov | null {
  const { p, nRows, x } = design;
  if (fit.vcov === null) return null;
  const scores = new Map<number, Float64Array>();
  for (let r = 0; r < nRows; r++) {
    if (design.weights[r] === 0) continue;
    const g = cluster[r];
    let u = scores.get(g);
    if (u === undefined) {
      u = new Float64Array(p);
      scores.set(g, u);
    }
    const s = fit.workingResiduals[r] * fit.workingWeights[r];
    const off = r * p;
    for (let j = 0; j < p; j++) u[j] += s * x[off + j];
  }
  const G = scores.size;
  if (G < 2) return null;
  const meat = new Float64Array(p * p);
  for (const u of scores.values()) {
    for (let j = 0; j < p; j++) for (let k = 0; k < p; k++) meat[j * p + k] += u[j] * u[k];
  }
  const adj = G / (G - 1);
  const b = fit.vcov;
  const bm = multiply(b, meat, p);
  const v = multiply(bm, b, p);
  for (let i = 0; i < p * p; i++) v[i] *= adj;
  return { vcov: v, clusters: G };
}

/**
 * The same covariance when the design rows are covariate patterns that span
 * clusters: each person's score (y − μ) x of their pattern is added to their own
 * cluster. `patternOfPerson[s]` is the design row of person s and
 * `clusterOfPerson[s]` a dense cluster id (0 ≤ id < persons). Equals
 * clusterRobustVcov on the person-level design.
 */
export function clusterRobustVcovByPerson(
  design: LogisticDesign,
  fit: LogisticFit,
  patternOfPerson: Int32Array,
  clusterOfPerson: Int32Array,
): ClusterRobustVcov | null {
  const { p, x } = design;
  if (fit.vcov === null) return null;
  let maxCluster = -1;
  for (const g of clusterOfPerson) if (g > maxCluster) maxCluster = g;
  const scores = new Float64Array((maxCluster + 1) * p);
  const used = new Uint8Array(maxCluster + 1);
  // Per-person score of pattern r: working residual × working weight ÷ frequency weight = y − μ.
  const perPerson = new Float64Array(design.nRows);
  for (let r = 0; r < design.nRows; r++) {
    perPerson[r] = design.weights[r] === 0 ? 0 : (fit.workingResiduals[r] * fit.workingWeights[r]) / design.weights[r];
  }
  for (let s = 0; s < patternOfPerson.length; s++) {
    const r = patternOfPerson[s];
    const g = clusterOfPerson[s];
    used[g] = 1;
    const e = perPerson[r];
    const off = r * p;
    const out = g * p;
    for (let j = 0; j < p; j++) scores[out + j] += e * x[off + j];
  }
  let G = 0;
  const meat = new Float64Array(p * p);
  for (let g = 0; g <= maxCluster; g++) {
    if (used[g] === 0) continue;
    G += 1;
    const off = g * p;
    for (let j = 0; j < p; j++) {
      const uj = scores[off + j];
      if (uj === 0) continue;
      for (let k = 0; k < p; k++) meat[j * p + k] += uj * scores[off + k];
    }
  }
  if (G < 2) return null;
  const adj = G / (G - 1);
  const b = fit.vcov;
  const v = multiply(multiply(b, meat, p), b, p);
  for (let i = 0; i < p * p; i++) v[i] *= adj;
  return { vcov: v, clusters: G };
}

function multiply(a: Float64Array, b: Float64Array, p: number): Float64Array {
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let k = 0; k < p; k++) {
      const aik = a[i * p + k];
      if (aik === 0) continue;
      for (let j = 0; j < p; j++) out[i * p + j] += aik * b[k * p + j];
    }
  }
  return out;
}
