/**
 * Mantel–Haenszel risk difference with Sato's variance, checked against epiR
 * 2.0.57 `epiR:::zMHRD.Sato` and `epi.2by2(...)$massoc.detail$ARisk.mh.sato`
 * (tests/fixtures/r/stratified.R).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Stratum2x2 } from '../../src/stats/cmh.js';
import { mantelHaenszelRiskDifference } from '../../src/stats/mantelHaenszelRiskDifference.js';
import { expectClose } from '../helpers/tolerance.js';

interface Interval {
  estimate: number;
  ciLow: number;
  ciHigh: number;
}
interface Fixture {
  cases2x2: { name: string; strata: Stratum2x2[]; rdSato: Interval }[];
  epi2by2Realistic: { sato: { est: number; lower: number; upper: number }; greenland: { est: number; lower: number; upper: number } };
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/r/stratified.json', import.meta.url), 'utf8')) as Fixture;

describe('mantelHaenszelRiskDifference (epiR Sato variance)', () => {
  it.each(fixture.cases2x2.map((c) => [c.name, c] as const))('matches epiR:::zMHRD.Sato: %s', (_name, c) => {
    const result = mantelHaenszelRiskDifference(c.strata);
    expectClose(result.estimate, c.rdSato.estimate, { relative: 1e-6 });
    expectClose(result.ciLow, c.rdSato.ciLow, { relative: 1e-6 });
    expectClose(result.ciHigh, c.rdSato.ciHigh, { relative: 1e-6 });
  });

  it('matches epi.2by2 massoc.detail$ARisk.mh.sato on the realistic offices', () => {
    const realistic = fixture.cases2x2.find((c) => c.name === 'realistic')!;
    const result = mantelHaenszelRiskDifference(realistic.strata);
    const ref = fixture.epi2by2Realistic.sato;
    expectClose(result.estimate, ref.est, { relative: 1e-6 });
    expectClose(result.ciLow, ref.lower, { relative: 1e-6 });
    expectClose(result.ciHigh, ref.upper, { relative: 1e-6 });
  });

  it('equals the crude difference for one stratum and is null without both groups', () => {
    const one = mantelHaenszelRiskDifference([{ a: 6, b: 4, c: 30, d: 60 }]);
    expectClose(one.estimate, 0.6 - 30 / 90, { absolute: 5e-15 });
    const none = mantelHaenszelRiskDifference([{ a: 0, b: 0, c: 3, d: 4 }]);
    expect(none).toMatchObject({ estimate: null, ciLow: null, ciHigh: null, warnings: [{ code: 'MH_RD_UNDEFINED' }] });
  });
});
