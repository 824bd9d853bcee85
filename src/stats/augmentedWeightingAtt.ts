import { aliasedColumns, inverseSpd } from './linalg.js';
import { normalQuantile, normalTwoSidedP } from './distributions.js';
import { dropColumns, fitLogistic, weightedGram, type LogisticDesign, type LogisticFit } from './logistic.js';
import type { StatWarning } from './types.js';

/**
 * Rows of a binary-treatment, binary-response comparison, aggregated into
 * patterns: `frequency[r]` persons with covariates x[r, ] (intercept included),
 * treatment a[r] (0/1) and response y[r] (0/1). Each person's pattern and
 * cluster are given separately, since a pattern may span clusters.
 */
export interface AttData {
  x: Float64Array;
  p: number;
  nRows: number;
  columnNames: string[];
  treatment: Uint8Array;
  response: Uint8Array;
  frequency: Float64Array;
  /** Pattern (row) of each person. */
  patternOfPerson: Int32Array;
  /** Dense cluster id of each person (0 ≤ id < number of persons). */
  clusterOfPerson: Int32Array;
}

export interface AttOptions {
  /** true: augmented (doubly robust) with an outcome model fitted on the untreated; false: weighting alone. */
  augmented: boolean;
}

export interface AttResult {
  /** Mean response of the treated. */
  meanTreated: number | null;
  /** Estimated mean response of the treated had they not been treated. */
  meanUntreated: number | null;
  /** meanTreated − meanUntreated with a Wald 95 % interval and p. */
  difference: { estimate: number | null; ciLow: number | null; ciHigh: number | null; pValue: number | null; standardError: number | null };
  /** meanTreated / meanUntreated; interval by the delta method on the log scale. */
  ratio: { estimate: number | null; ciLow: number | null; ciHigh: number | null; standardErrorLog: number | null };
  /** Covariance of (meanTreated, meanUntreated), 2 × 2 row-major; null when not computed. */
  vcov: Float64Array | null;
  /** Clusters in the variance. */
  clusters: number;
  /** Weights e/(1 − e) of the untreated: Kish effective sample size, the largest and the smallest. */
  weights: { effectiveSampleSize: number | null; max: number | null; min: number | null };
  /** Columns dropped as aliased from the treatment and the outcome model. */
  aliased: { treatmentModel: string[]; outcomeModel: string[] };
  converged: boolean;
  warnings: StatWarning[];
}

/**
 * The average effect of treatment on the treated (ATT) by inverse-probability
 * weighting, optionally augmented with an outcome model (doubly robust), in the
 * normalised (Hájek) form:
 *
 *   μ1 = Σ a y / Σ a
 *   μ0 = Σ a m(x) / Σ a + Σ (1 − a) w (y − m(x)) / Σ (1 − a) w,   w = e(x)/(1 − e(x))
 *
 * with e(x) a logistic model of treatment on x (all rows) and m(x) a logistic
 * model of the response on x among the untreated (m ≡ 0 without augmentation,
 * which gives the plain weighted difference).
 *
 * The variance is the sandwich of the stacked estimating equations, so it counts
 * the estimated models:
 *   ψ_α = (a − e) x,  ψ_γ = (1 − a)(y − m) x,  ψ_μ1 = a (y − μ1),
 *   ψ_η1 = a (m − η1),  ψ_η2 = (1 − a) w (y − m − η2),   μ0 = η1 + η2,
 * V = J⁻¹ (G/(G−1) Σ_g U_g U_gᵀ) J⁻ᵀ with J = Σ ∂ψ/∂θ and U_g the sum of ψ over
 * cluster g (HC0 with the small-sample factor, as sandwich::vcovCL). Only the
 * rows of J⁻¹ for (μ1, η1, η2) are needed; J is block lower triangular, so they
 * are solved directly. Reference: tests/fixtures/pipeline/pipeline.R (`aipw`),
 * which forms the whole stacked J and meat person by person in R and checks J
 * against a numerical derivative.
 *
 * The ratio's interval is exp(log(μ1/μ0) ± z·se), se² = ∇ᵀ V ∇ with
 * ∇ = (1/μ1, −1/μ0). Warnings: `ATT_TREATMENT_MODEL_FAILED`,
 * `ATT_OUTCOME_MODEL_FAILED`, `ATT_ONE_GROUP`, `ATT_SINGULAR`, `ATT_FEW_CLUSTERS` (fewer than 2).
 */
export function attEstimate(data: AttData, options: AttOptions): AttResult {
  const { nRows, treatment: a, response: y, frequency: f } = data;
  const warnings: StatWarning[] = [];
  const result: AttResult = {
    meanTreated: null,
    meanUntreated: null,
    difference: { estimate: null, ciLow: null, ciHigh: null, pValue: null, standardError: null },
    ratio: { estimate: null, ciLow: null, ciHigh: null, standardErrorLog: null },
    vcov: null,
    clusters: 0,
    weights: { effectiveSampleSize: null, max: null, min: null },
    aliased: { treatmentModel: [], outcomeModel: [] },
    converged: false,
    warnings,
  };
  let nTreated = 0;
  let nUntreated = 0;
  for (let r = 0; r < nRows; r++) {
    if (a[r] === 1) nTreated += f[r];
    else nUntreated += f[r];
  }
  if (nTreated === 0 || nUntreated === 0) {
    warnings.push({ code: 'ATT_ONE_GROUP', message: 'The data lack treated or untreated rows, so the effect on the treated is undefined.' });
    return result;
  }

  // Treatment model on every row.
  const allRows = Float64Array.from(f);
  const treatmentDesign = withoutAliased({ x: data.x, y: Float64Array.from(a), weights: allRows, nRows, p: data.p, columnNames: data.columnNames });
  result.aliased.treatmentModel = treatmentDesign.dropped;
  const ps = fitLogistic(treatmentDesign.design);
  if (!ps.converged || ps.vcov === null) {
    warnings.push(...ps.warnings);
    warnings.push({ code: 'ATT_TREATMENT_MODEL_FAILED', message: 'The treatment (propensity) model did not converge, so no estimate is given.' });
    return result;
  }
  // Outcome model on the untreated rows (frequency 0 for the treated).
  let om: LogisticFit | null = null;
  let outcomeDesign: LogisticDesign | null = null;
  if (options.augmented) {
    const untreated = Float64Array.from({ length: nRows }, (_, r) => (a[r] === 0 ? f[r] : 0));
    const built = withoutAliased({ x: data.x, y: Float64Array.from(y), weights: untreated, nRows, p: data.p, columnNames: data.columnNames });
    result.aliased.outcomeModel = built.dropped;
    outcomeDesign = built.design;
    om = fitLogistic(outcomeDesign);
    if (!om.converged || om.vcov === null) {
      warnings.push(...om.warnings);
      warnings.push({ code: 'ATT_OUTCOME_MODEL_FAILED', message: 'The outcome model did not converge, so no estimate is given.' });
      return result;
    }
  }

  const pa = treatmentDesign.design.p;
  const xa = treatmentDesign.design.x;
  const pg = outcomeDesign?.p ?? 0;
  const xg = outcomeDesign?.x ?? new Float64Array(0);
  // Per-pattern fitted values: e, w and m (m on every row, treated included).
  const e = ps.fitted;
  const w = new Float64Array(nRows);
  const m = new Float64Array(nRows);
  for (let r = 0; r < nRows; r++) {
    w[r] = e[r] / (1 - e[r]);
    if (om !== null) m[r] = om.fitted[r];
  }

  // Point estimates.
  let sumTreatedY = 0;
  let sumTreatedM = 0;
  let sw = 0;
  let sw2 = 0;
  let swr = 0;
  let wMax = 0;
  let wMin = Number.POSITIVE_INFINITY;
  for (let r = 0; r < nRows; r++) {
    if (f[r] === 0) continue;
    if (a[r] === 1) {
      sumTreatedY += f[r] * y[r];
      sumTreatedM += f[r] * m[r];
    } else {
      sw += f[r] * w[r];
      sw2 += f[r] * w[r] * w[r];
      swr += f[r] * w[r] * (y[r] - m[r]);
      wMax = Math.max(wMax, w[r]);
      wMin = Math.min(wMin, w[r]);
    }
  }
  const mu1 = sumTreatedY / nTreated;
  const eta1 = sumTreatedM / nTreated;
  const eta2 = swr / sw;
  const mu0 = eta1 + eta2;
  result.meanTreated = mu1;
  result.meanUntreated = mu0;
  result.weights = { effectiveSampleSize: (sw * sw) / sw2, max: wMax, min: wMin };
  result.converged = true;

  // Off-diagonal blocks of J in the rows of η1 and η2.
  const jEta1Gamma = new Float64Array(pg);
  const jEta2Alpha = new Float64Array(pa);
  const jEta2Gamma = new Float64Array(pg);
  for (let r = 0; r < nRows; r++) {
    if (f[r] === 0) continue;
    const dm = m[r] * (1 - m[r]);
    if (a[r] === 1) {
      for (let j = 0; j < pg; j++) jEta1Gamma[j] += f[r] * dm * xg[r * pg + j];
    } else {
      const c = f[r] * w[r] * (y[r] - m[r] - eta2);
      for (let j = 0; j < pa; j++) jEta2Alpha[j] += c * xa[r * pa + j];
      for (let j = 0; j < pg; j++) jEta2Gamma[j] -= f[r] * w[r] * dm * xg[r * pg + j];
    }
  }
  // J_αα = −XᵀW_eX and J_γγ = −XᵀW_mX at the estimates (not the last IRLS step's
  // weights, which are one step behind).
  const infoAlpha = inverseSpd(information(xa, pa, f, e, null), pa);
  const infoGamma = om === null ? null : inverseSpd(information(xg, pg, f, m, a), pg);
  if (infoAlpha === null || (om !== null && infoGamma === null)) {
    warnings.push({ code: 'ATT_SINGULAR', message: 'A fitted model has a singular information matrix, so no variance is given.' });
    return result;
  }
  const aAlpha2 = multiplyVector(infoAlpha, pa, jEta2Alpha, -1);
  const aGamma1 = infoGamma === null ? new Float64Array(0) : multiplyVector(infoGamma, pg, jEta1Gamma, -1);
  const aGamma2 = infoGamma === null ? new Float64Array(0) : multiplyVector(infoGamma, pg, jEta2Gamma, -1);

  // Influence of one person of each pattern on (μ1, η1, η2): rows of −J⁻¹ψ.
  const influence = new Float64Array(nRows * 3);
  for (let r = 0; r < nRows; r++) {
    if (f[r] === 0) continue;
    let dotAlpha2 = 0;
    const psiAlpha = a[r] - e[r];
    for (let j = 0; j < pa; j++) dotAlpha2 += aAlpha2[j] * psiAlpha * xa[r * pa + j];
    let dotGamma1 = 0;
    let dotGamma2 = 0;
    if (a[r] === 0 && om !== null) {
      const psiGamma = y[r] - m[r];
      for (let j = 0; j < pg; j++) {
        dotGamma1 += aGamma1[j] * psiGamma * xg[r * pg + j];
        dotGamma2 += aGamma2[j] * psiGamma * xg[r * pg + j];
      }
    }
    const psiMu1 = a[r] === 1 ? y[r] - mu1 : 0;
    const psiEta1 = a[r] === 1 ? m[r] - eta1 : 0;
    const psiEta2 = a[r] === 0 ? w[r] * (y[r] - m[r] - eta2) : 0;
    influence[r * 3] = psiMu1 / nTreated;
    influence[r * 3 + 1] = (psiEta1 - dotGamma1) / nTreated;
    influence[r * 3 + 2] = (psiEta2 - dotAlpha2 - dotGamma2) / sw;
  }

  // Cluster sums of the influence, then the meat.
  let maxCluster = -1;
  for (const g of data.clusterOfPerson) if (g > maxCluster) maxCluster = g;
  const sums = new Float64Array((maxCluster + 1) * 3);
  const used = new Uint8Array(maxCluster + 1);
  const { patternOfPerson, clusterOfPerson } = data;
  for (let s = 0; s < patternOfPerson.length; s++) {
    const r = patternOfPerson[s];
    const g = clusterOfPerson[s];
    used[g] = 1;
    sums[g * 3] += influence[r * 3];
    sums[g * 3 + 1] += influence[r * 3 + 1];
    sums[g * 3 + 2] += influence[r * 3 + 2];
  }
  let clusters = 0;
  const v3 = new Float64Array(9);
  for (let g = 0; g <= maxCluster; g++) {
    if (used[g] === 0) continue;
    clusters += 1;
    for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) v3[j * 3 + k] += sums[g * 3 + j] * sums[g * 3 + k];
  }
  result.clusters = clusters;
  if (clusters < 2) {
    warnings.push({ code: 'ATT_FEW_CLUSTERS', message: 'Fewer than two clusters, so no variance is given.' });
    return result;
  }
  const adjust = clusters / (clusters - 1);
  for (let i = 0; i < 9; i++) v3[i] *= adjust;
  // (μ1, μ0 = η1 + η2).
  const v11 = v3[0];
  const v10 = v3[1] + v3[2];
  const v00 = v3[4] + 2 * v3[5] + v3[8];
  result.vcov = Float64Array.of(v11, v10, v10, v00);

  const z = normalQuantile(0.975);
  const rd = mu1 - mu0;
  const varRd = v11 - 2 * v10 + v00;
  const seRd = varRd > 0 ? Math.sqrt(varRd) : null;
  result.difference =
    seRd === null
      ? { estimate: rd, ciLow: null, ciHigh: null, pValue: null, standardError: null }
      : { estimate: rd, ciLow: rd - z * seRd, ciHigh: rd + z * seRd, pValue: normalTwoSidedP(rd / seRd), standardError: seRd };
  if (mu1 > 0 && mu0 > 0) {
    const rr = mu1 / mu0;
    const varLog = v11 / (mu1 * mu1) - (2 * v10) / (mu1 * mu0) + v00 / (mu0 * mu0);
    const seLog = varLog > 0 ? Math.sqrt(varLog) : null;
    result.ratio =
      seLog === null
        ? { estimate: rr, ciLow: null, ciHigh: null, standardErrorLog: null }
        : { estimate: rr, ciLow: Math.exp(Math.log(rr) - z * seLog), ciHigh: Math.exp(Math.log(rr) + z * seLog), standardErrorLog: seLog };
  }
  return result;
}

/** The design without its aliased columns (by the frequency-weighted Gram matrix), and their names. */
function withoutAliased(design: LogisticDesign): { design: LogisticDesign; dropped: string[] } {
  const drop = aliasedColumns(weightedGram(design), design.p);
  return { design: dropColumns(design, drop), dropped: drop.map((j) => design.columnNames[j]) };
}

/** Xᵀ diag(f·π(1 − π)) X over the rows (only the untreated ones when `treatment` is given). */
function information(x: Float64Array, p: number, f: Float64Array, fitted: Float64Array, treatment: Uint8Array | null): Float64Array {
  const out = new Float64Array(p * p);
  for (let r = 0; r < f.length; r++) {
    if (f[r] === 0 || (treatment !== null && treatment[r] === 1)) continue;
    const v = f[r] * fitted[r] * (1 - fitted[r]);
    for (let j = 0; j < p; j++) {
      const vx = v * x[r * p + j];
      if (vx === 0) continue;
      for (let k = 0; k <= j; k++) out[j * p + k] += vx * x[r * p + k];
    }
  }
  for (let j = 0; j < p; j++) for (let k = 0; k < j; k++) out[k * p + j] = out[j * p + k];
  return out;
}

/** sign · M v for a p × p row-major M. */
function multiplyVector(mat: Float64Array, p: number, v: Float64Array, sign: number): Float64Array {
  const out = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let k = 0; k < p; k++) s += mat[j * p + k] * v[k];
    out[j] = sign * s;
  }
  return out;
}
