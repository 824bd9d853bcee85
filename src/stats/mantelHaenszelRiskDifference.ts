import { normalQuantile } from './distributions.js';
import type { Stratum2x2 } from './cmh.js';
import type { Estimate, StatWarning } from './types.js';

export interface MantelHaenszelRiskDifferenceResult extends Estimate {
  /** Sato's variance of the MH risk difference (null when undefined). */
  variance: number | null;
  warnings: StatWarning[];
}

/**
 * Mantel–Haenszel risk difference (first − second group's proportion positive) with
 * Sato's (1989) variance and a Wald interval:
 *   RD = Σ (a n0 − c n1)/N / Σ n1 n0/N,
 *   Var = (RD Σ P_k + Σ Q_k) / (Σ n1 n0/N)²,
 *   P_k = (n1² c − n0² a + n1 n0 (n0 − n1)/2) / N²,
 *   Q_k = (a (n0 − c) + c (n1 − a)) / (2N).
 * Sato's variance is consistent both for many sparse strata and for few large
 * ones (Greenland–Robins' 1985 variance is not under sparse data), which suits
 * strata with only a handful in one group.
 *
 * Matches epiR 2.0.57 `epi.2by2(x, method = "cohort.count", units = 1)`
 * `$massoc.detail$ARisk.mh.sato` (internally `epiR:::zMHRD.Sato`). Strata
 * without one of the groups contribute exactly zero and are skipped. Null with
 * warning `mh-rd-undefined` when no stratum has both groups.
 */
export function mantelHaenszelRiskDifference(strata: readonly Stratum2x2[], confLevel = 0.95): MantelHaenszelRiskDifferenceResult {
  let num = 0;
  let w = 0;
  let sumP = 0;
  let sumQ = 0;
  for (const { a, b, c, d } of strata) {
    const n1 = a + b;
    const n0 = c + d;
    if (n1 === 0 || n0 === 0) continue;
    const N = n1 + n0;
    num += (a * n0 - c * n1) / N;
    w += (n1 * n0) / N;
    sumP += (n1 * n1 * c - n0 * n0 * a + (n1 * n0 * (n0 - n1)) / 2) / (N * N);
    sumQ += (a * (n0 - c) + c * (n1 - a)) / (2 * N);
  }
  if (!(w > 0)) {
    return {
      estimate: null,
      ciLow: null,
      ciHigh: null,
      variance: null,
      warnings: [{ code: 'MH_RD_UNDEFINED', message: 'No stratum has both groups, so the Mantel–Haenszel risk difference is undefined.' }],
    };
  }
  const rd = num / w;
  const variance = (rd * sumP + sumQ) / (w * w);
  if (!(variance >= 0) || !Number.isFinite(variance)) {
    return {
      estimate: rd,
      ciLow: null,
      ciHigh: null,
      variance: null,
      warnings: [
        {
          code: 'MH_RD_VARIANCE_UNDEFINED',
          message: "Sato's variance of the Mantel–Haenszel risk difference is negative or undefined, so no interval is given.",
        },
      ],
    };
  }
  const warnings: StatWarning[] =
    variance === 0
      ? [
          {
            code: 'MH_RD_ZERO_VARIANCE',
            message: "Sato's variance is zero (no events in either group, or all events), so the interval has zero width and means nothing.",
          },
        ]
      : [];
  const half = normalQuantile(1 - (1 - confLevel) / 2) * Math.sqrt(variance);
  return { estimate: rd, ciLow: rd - half, ciHigh: rd + half, variance, warnings };
}
