import { jacobiEigen, multiply, transpose, zeros, type Matrix } from './denseMatrix.js';
import type { PersonLogisticFit } from './logisticNewton.js';

/** Persons grouped by cluster label, in order of first appearance. */
function byCluster(cluster: string[]): number[][] {
  const groups = new Map<string, number[]>();
  cluster.forEach((g, i) => {
    (groups.get(g) ?? groups.set(g, []).get(g)!).push(i);
  });
  return [...groups.values()];
}

/**
 * Cluster-robust covariance of a logistic fit, HC0 with the small-sample factor
 * G/(G − 1) (sandwich::vcovCL(fit, cluster, type = "HC0", cadjust = TRUE)):
 *   V = G/(G − 1) · M (Σ_g U_g U_gᵀ) M,  M = (Σ μ(1 − μ) x xᵀ)⁻¹,  U_g = Σ_{i∈g} (y_i − μ_i) x_i.
 * Null with fewer than two clusters.
 */
export function hc0ClusterCovariance(x: Matrix, y: number[], fit: PersonLogisticFit, cluster: string[]): { covariance: Matrix; clusters: number } | null {
  const groups = byCluster(cluster);
  const G = groups.length;
  if (G < 2) return null;
  const p = x[0].length;
  const meat = zeros(p, p);
  for (const members of groups) {
    const u = new Array<number>(p).fill(0);
    for (const i of members) for (let j = 0; j < p; j++) u[j] += (y[i] - fit.fitted[i]) * x[i][j];
    for (let j = 0; j < p; j++) for (let k = 0; k < p; k++) meat[j][k] += u[j] * u[k];
  }
  const m = fit.covariance;
  const covariance = multiply(multiply(m, meat), m).map((row) => row.map((v) => (v * G) / (G - 1)));
  return { covariance, clusters: G };
}

/**
 * The bias-reduced CR2 covariance (Bell & McCaffrey 2002) and the Satterthwaite
 * degrees of freedom of coefficient `column` (Pustejovsky & Tipton 2018), as
 * clubSandwich defines them for a binomial glm (tests/fixtures/r/cr2.R), formed
 * cluster by cluster with n_g × n_g matrices. Per person: Θ = μ(1 − μ) (the working
 * variance), X̃ = μ'(η) x = Θ x, W = 1/Θ, e = y − μ; M = (X̃ᵀWX̃)⁻¹. Per cluster:
 *   B_g = Θ^½ (Θ − X̃ M X̃ᵀ)_gg Θ^½,  A_g = Θ^½ B_g^{+½} Θ^½ (eigenvalues ≤ 1e-12 dropped),
 *   E_g = X̃_gᵀ W_g A_g = x_gᵀ A_g,  V = M (Σ_g E_g e_g e_gᵀ E_gᵀ) M.
 * Satterthwaite: p_g = E_gᵀ M c, S_gh = δ_gh p_gᵀ Θ_g p_g − p_gᵀ X̃_g M X̃_hᵀ p_h,
 * df = (Σ_g S_gg)² / Σ_gh S_gh².
 */
export function cr2ClusterCovariance(
  x: Matrix,
  y: number[],
  fit: PersonLogisticFit,
  cluster: string[],
  column: number,
): { covariance: Matrix; clusters: number; df: number } | null {
  const groups = byCluster(cluster);
  const G = groups.length;
  if (G < 2) return null;
  const p = x[0].length;
  const m = fit.covariance;
  const theta = fit.fitted.map((mu) => mu * (1 - mu));
  const meat = zeros(p, p);
  const pVectors: number[][] = [];
  const xTildeP: number[][] = [];
  for (const members of groups) {
    const xg = members.map((i) => x[i]);
    const hat = multiply(multiply(xg, m), transpose(xg));
    const b = members.map((i, a) =>
      members.map((j, c) => Math.sqrt(theta[i]) * ((a === c ? theta[i] : 0) - theta[i] * theta[j] * hat[a][c]) * Math.sqrt(theta[j])),
    );
    // B^{+½} = Q diag(λ^{−½}, or 0 where λ ≤ 1e-12) Qᵀ.
    const { values, vectors: q } = jacobiEigen(b);
    const inverseRoot = values.map((l) => (l > 1e-12 ? 1 / Math.sqrt(l) : 0));
    const bInverseRoot = q.map((qa) => q.map((qc) => qa.reduce((sum, v, k) => sum + v * inverseRoot[k] * qc[k], 0)));
    const adjustment = bInverseRoot.map((row, a) => row.map((v, c) => Math.sqrt(theta[members[a]]) * v * Math.sqrt(theta[members[c]])));
    const eg = multiply(transpose(xg), adjustment);
    const u = eg.map((row) => row.reduce((sum, v, c) => sum + v * (y[members[c]] - fit.fitted[members[c]]), 0));
    for (let j = 0; j < p; j++) for (let k = 0; k < p; k++) meat[j][k] += u[j] * u[k];
    const pg = members.map((_, c) => eg.reduce((sum, row, j) => sum + row[c] * m[column][j], 0));
    pVectors.push(pg);
    xTildeP.push(Array.from({ length: p }, (_, j) => members.reduce((sum, i, c) => sum + theta[i] * x[i][j] * pg[c], 0)));
  }
  const sgh = zeros(G, G);
  for (let g = 0; g < G; g++) {
    for (let h = 0; h < G; h++) {
      let cross = 0;
      for (let j = 0; j < p; j++) for (let k = 0; k < p; k++) cross += xTildeP[g][j] * m[j][k] * xTildeP[h][k];
      sgh[g][h] = -cross;
    }
    sgh[g][g] += groups[g].reduce((sum, i, c) => sum + pVectors[g][c] * pVectors[g][c] * theta[i], 0);
  }
  let trace = 0;
  let squares = 0;
  for (let g = 0; g < G; g++) {
    trace += sgh[g][g];
    for (let h = 0; h < G; h++) squares += sgh[g][h] * sgh[g][h];
  }
  return { covariance: multiply(multiply(m, meat), m), clusters: G, df: (trace * trace) / squares };
}
