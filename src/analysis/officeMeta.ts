import { randomEffectsMeta, type RandomEffectsMeta } from '../stats/randomEffectsMeta.js';
import type { Stratum2x2 } from '../stats/cmh.js';

/**
 * The offices' log odds ratios of work or education (hybrid vs usual) as
 * metafor::escalc(measure = "OR") makes them: 1/2 added to every cell of a table
 * with a zero cell; an office without users in a group has none and is left out.
 * Then the REML random-effects meta-analysis of them.
 */
export function officeLogOddsRatios(strata: readonly Stratum2x2[]): { yi: number[]; vi: number[] } {
  const yi: number[] = [];
  const vi: number[] = [];
  for (const { a, b, c, d } of strata) {
    if (a + b === 0 || c + d === 0) continue;
    const add = a === 0 || b === 0 || c === 0 || d === 0 ? 0.5 : 0;
    const [A, B, C, D] = [a + add, b + add, c + add, d + add];
    yi.push(Math.log((A * D) / (B * C)));
    vi.push(1 / A + 1 / B + 1 / C + 1 / D);
  }
  return { yi, vi };
}

export function officeMetaAnalysis(strata: readonly Stratum2x2[]): RandomEffectsMeta {
  const { yi, vi } = officeLogOddsRatios(strata);
  return randomEffectsMeta(yi, vi);
}
