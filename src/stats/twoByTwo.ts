import { normalQuantile } from './distributions.js';
import type { Estimate, StatWarning } from './types.js';

export interface RatioEstimate extends Estimate {
  warnings: StatWarning[];
}

function nullRatio(code: string, message: string): RatioEstimate {
  return { estimate: null, ciLow: null, ciHigh: null, warnings: [{ code, message }] };
}

function checkCounts(name: string, values: number[]): void {
  for (const v of values) {
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`${name}: invalid count ${v}`);
  }
}

/**
 * Risk ratio (a/n1) / (c/n2) with the Katz log interval:
 * exp(log RR ± z sqrt(1/a - 1/n1 + 1/c - 1/n2)) (Katz et al., Biometrics 1978;34:469-474),
 * the Wald interval of `epiR::epi.2by2(...)$massoc.detail$RR.strata.wald`.
 * A zero event count makes log RR undefined: null with `ZERO_CELL` (no continuity correction);
 * an empty group gives `EMPTY_GROUP`.
 */
export function riskRatioKatz(a: number, n1: number, c: number, n2: number, conf = 0.95): RatioEstimate {
  checkCounts('riskRatioKatz', [a, n1, c, n2]);
  if (a > n1 || c > n2) throw new RangeError('riskRatioKatz: events exceed group size');
  if (n1 === 0 || n2 === 0) return nullRatio('RATIO_EMPTY_GROUP', 'risk ratio undefined: a group has no persons');
  if (a === 0 || c === 0) {
    return nullRatio('RISK_RATIO_NO_EVENTS', 'risk ratio interval undefined: a group has no events (no continuity correction applied)');
  }
  const rr = (a * n2) / (n1 * c);
  const se = Math.sqrt(1 / a - 1 / n1 + 1 / c - 1 / n2);
  const z = normalQuantile((1 + conf) / 2);
  const logRr = Math.log(rr);
  return { estimate: rr, ciLow: Math.exp(logRr - z * se), ciHigh: Math.exp(logRr + z * se), warnings: [] };
}

/**
 * Odds ratio ad / bc for the 2x2 table [[a, b], [c, d]] with the Woolf log interval:
 * exp(log OR ± z sqrt(1/a + 1/b + 1/c + 1/d)) (Woolf, Ann Hum Genet 1955;19:251-253),
 * the Wald interval of `epiR::epi.2by2(...)$massoc.detail$OR.strata.wald`.
 * Any zero cell gives null with `ZERO_CELL` (no continuity correction).
 */
export function oddsRatioWoolf(a: number, b: number, c: number, d: number, conf = 0.95): RatioEstimate {
  checkCounts('oddsRatioWoolf', [a, b, c, d]);
  if (a === 0 || b === 0 || c === 0 || d === 0) {
    return nullRatio('ODDS_RATIO_ZERO_CELL', 'odds ratio undefined: a cell of the 2x2 table is zero (no continuity correction applied)');
  }
  const or = (a * d) / (b * c);
  const se = Math.sqrt(1 / a + 1 / b + 1 / c + 1 / d);
  const z = normalQuantile((1 + conf) / 2);
  const logOr = Math.log(or);
  return { estimate: or, ciLow: Math.exp(logOr - z * se), ciHigh: Math.exp(logOr + z * se), warnings: [] };
}
