import { chiSquareUpperTail, normalQuantile, normalTwoSidedP } from './distributions.js';
import type { StatWarning } from './types.js';

export interface RandomEffectsMeta {
  k: number;
  estimate: number | null;
  se: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  pValue: number | null;
  /** Between-study variance (REML), its square root, and I² and H² as metafor defines them (I² a fraction). */
  tau2: number | null;
  i2: number | null;
  h2: number | null;
  /** Cochran's Q with k − 1 df. */
  q: number | null;
  qDf: number;
  qPValue: number | null;
  /** 95 % prediction interval for a new study's true effect: estimate ± z·√(se² + τ²). */
  piLow: number | null;
  piHigh: number | null;
  warnings: StatWarning[];
}

/**
 * Random-effects meta-analysis of estimates yi with sampling variances vi, as R's
 * `metafor::rma(yi, vi, method = "REML")` with its default z-test: τ² by Fisher
 * scoring of the restricted likelihood (truncated at 0, iterated to 1e-12 rather than
 * metafor's 1e-5, so they agree to about 1e-5), the inverse-variance weighted mean
 * with weights 1/(vi + τ²), Cochran's Q from the fixed-effect weights 1/vi, I² and H²
 * from the "typical" sampling variance (k − 1)Σw/((Σw)² − Σw²), and the prediction
 * interval estimate ± z·√(se² + τ²). Needs k ≥ 2 studies.
 */
export function randomEffectsMeta(yi: readonly number[], vi: readonly number[], conf = 0.95): RandomEffectsMeta {
  const k = yi.length;
  const empty = (code: 'META_TOO_FEW' | 'META_NO_VARIANCE', message: string): RandomEffectsMeta => ({
    k,
    estimate: null,
    se: null,
    ciLow: null,
    ciHigh: null,
    pValue: null,
    tau2: null,
    i2: null,
    h2: null,
    q: null,
    qDf: Math.max(k - 1, 0),
    qPValue: null,
    piLow: null,
    piHigh: null,
    warnings: [{ code, message }],
  });
  if (k < 2) return empty('META_TOO_FEW', 'Fewer than two studies have an estimate, so the random-effects meta-analysis is undefined.');
  if (vi.some((v) => !(v > 0)))
    return empty('META_NO_VARIANCE', 'A study has no positive sampling variance, so the random-effects meta-analysis is undefined.');

  const sums = (w: number[]) => {
    let sw = 0;
    let sw2 = 0;
    let sw3 = 0;
    let swy = 0;
    for (let i = 0; i < k; i++) {
      sw += w[i];
      sw2 += w[i] * w[i];
      sw3 += w[i] * w[i] * w[i];
      swy += w[i] * yi[i];
    }
    return { sw, sw2, sw3, mean: swy / sw };
  };
  // Fixed effect: Q, and the typical sampling variance for I² and H².
  const w0 = vi.map((v) => 1 / v);
  const fixed = sums(w0);
  let q = 0;
  for (let i = 0; i < k; i++) q += w0[i] * (yi[i] - fixed.mean) ** 2;
  const typical = ((k - 1) * fixed.sw) / (fixed.sw * fixed.sw - fixed.sw2);
  // DerSimonian–Laird start, then Fisher scoring on the REML score.
  let tau2 = Math.max(0, (q - (k - 1)) / (fixed.sw - fixed.sw2 / fixed.sw));
  for (let iteration = 0; iteration < 1000; iteration++) {
    const w = vi.map((v) => 1 / (v + tau2));
    const s = sums(w);
    let yPPy = 0;
    for (let i = 0; i < k; i++) yPPy += (w[i] * (yi[i] - s.mean)) ** 2;
    const trP = s.sw - s.sw2 / s.sw;
    const trPP = s.sw2 - (2 * s.sw3) / s.sw + (s.sw2 * s.sw2) / (s.sw * s.sw);
    const next = Math.max(0, tau2 + (yPPy - trP) / trPP);
    const done = Math.abs(next - tau2) <= 1e-12 * Math.max(1, tau2);
    tau2 = next;
    if (done) break;
  }
  const w = vi.map((v) => 1 / (v + tau2));
  const s = sums(w);
  const se = Math.sqrt(1 / s.sw);
  const z = normalQuantile(1 - (1 - conf) / 2);
  const half = z * Math.sqrt(se * se + tau2);
  return {
    k,
    estimate: s.mean,
    se,
    ciLow: s.mean - z * se,
    ciHigh: s.mean + z * se,
    pValue: normalTwoSidedP(s.mean / se),
    tau2,
    i2: tau2 / (tau2 + typical),
    h2: (tau2 + typical) / typical,
    q,
    qDf: k - 1,
    qPValue: chiSquareUpperTail(q, k - 1),
    piLow: s.mean - half,
    piHigh: s.mean + half,
    warnings: [],
  };
}
