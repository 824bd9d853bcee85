import { normalQuantile } from './distributions.js';
import type { Estimate, StatWarning } from './types.js';
import type { Stratum2x2 } from './cmh.js';

export interface MantelHaenszelOddsRatioResult extends Estimate {
  warnings: StatWarning[];
}

/**
 * Mantel–Haenszel common odds ratio (first group vs second) with the
 * Robins–Breslow–Greenland (1986) variance of log OR and a Wald interval on the
 * log scale.
 *
 * Matches R `mantelhaen.test(x, correct = FALSE)$estimate` and `$conf.int`, but in
 * floating point throughout: R multiplies integer counts and overflows to NA
 * near 1e6 rows per cell, here the products are doubles (checked against the
 * same formula evaluated in doubles in R). Strata with n < 2 are left out, as for
 * the CMH test. If every stratum has ad = 0 the estimate is 0 and if every
 * stratum has bc = 0 it is infinite: both are returned as null bounds (and a null
 * estimate for infinity) with a coded warning.
 */
export function mantelHaenszelOddsRatio(strata: readonly Stratum2x2[], confLevel = 0.95): MantelHaenszelOddsRatioResult {
  let sR = 0; // Σ a d / n
  let sS = 0; // Σ b c / n
  let sPR = 0; // Σ P R, P = (a + d)/n, R = a d / n
  let sPSQR = 0; // Σ (P S + Q R)
  let sQS = 0; // Σ Q S, Q = (b + c)/n, S = b c / n
  for (const { a, b, c, d } of strata) {
    const n = a + b + c + d;
    if (n < 2) continue;
    const r = (a / n) * d;
    const s = (b / n) * c;
    const p = (a + d) / n;
    const q = (b + c) / n;
    sR += r;
    sS += s;
    sPR += p * r;
    sPSQR += p * s + q * r;
    sQS += q * s;
  }
  if (sR === 0 && sS === 0) {
    return {
      estimate: null,
      ciLow: null,
      ciHigh: null,
      warnings: [{ code: 'MH_OR_UNDEFINED', message: 'Every stratum has ad = bc = 0, so the Mantel–Haenszel odds ratio is undefined.' }],
    };
  }
  if (sS === 0) {
    return {
      estimate: null,
      ciLow: null,
      ciHigh: null,
      warnings: [{ code: 'MH_OR_INFINITE', message: 'Every stratum has bc = 0, so the Mantel–Haenszel odds ratio is infinite.' }],
    };
  }
  if (sR === 0) {
    return {
      estimate: 0,
      ciLow: null,
      ciHigh: null,
      warnings: [{ code: 'MH_OR_ZERO', message: 'Every stratum has ad = 0, so the Mantel–Haenszel odds ratio is 0 and its interval is undefined.' }],
    };
  }
  const estimate = sR / sS;
  const varLog = sPR / (2 * sR * sR) + sPSQR / (2 * sR * sS) + sQS / (2 * sS * sS);
  const z = normalQuantile(1 - (1 - confLevel) / 2);
  const half = z * Math.sqrt(varLog);
  return { estimate, ciLow: estimate * Math.exp(-half), ciHigh: estimate * Math.exp(half), warnings: [] };
}
