/**
 * Mantel–Haenszel odds ratio with the Robins–Breslow–Greenland interval, checked
 * against R `mantelhaen.test(x, correct = FALSE)$estimate/$conf.int` and, for
 * counts near 1e6 (where R's integer products overflow), against the same
 * formula evaluated in doubles in R (tests/fixtures/r/stratified.R).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Stratum2x2 } from '../../src/stats/cmh.js';
import { mantelHaenszelOddsRatio } from '../../src/stats/mantelHaenszelOddsRatio.js';
import { expectClose } from '../helpers/tolerance.js';

interface Interval {
  estimate: number;
  ciLow: number;
  ciHigh: number;
}
interface Case {
  name: string;
  strata: Stratum2x2[];
  orFormula: Interval;
  orMantelhaen?: Interval;
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/r/stratified.json', import.meta.url), 'utf8')) as { cases2x2: Case[] };

describe('mantelHaenszelOddsRatio (R mantelhaen.test estimate and conf.int)', () => {
  it.each(fixture.cases2x2.map((c) => [c.name, c] as const))('matches R: %s', (_name, c) => {
    const result = mantelHaenszelOddsRatio(c.strata);
    for (const ref of [c.orFormula, c.orMantelhaen]) {
      if (ref === undefined) continue;
      expectClose(result.estimate, ref.estimate, { relative: 1e-6 });
      expectClose(result.ciLow, ref.ciLow, { relative: 1e-6 });
      expectClose(result.ciHigh, ref.ciHigh, { relative: 1e-6 });
    }
  });

  it('stays finite for counts near 1e6 (R integer overflow case)', () => {
    const huge = fixture.cases2x2.find((c) => c.name === 'huge')!;
    expect(huge.strata[0].a).toBeGreaterThan(1e6);
    const result = mantelHaenszelOddsRatio(huge.strata);
    expect(Number.isFinite(result.estimate)).toBe(true);
    expectClose(result.ciHigh, huge.orFormula.ciHigh, { relative: 1e-6 });
  });

  it('estimate lies inside its interval and is invariant to stratum order', () => {
    const stratum = fc.record({
      a: fc.integer({ min: 1, max: 50 }),
      b: fc.integer({ min: 1, max: 50 }),
      c: fc.integer({ min: 1, max: 50 }),
      d: fc.integer({ min: 1, max: 50 }),
    });
    fc.assert(
      fc.property(fc.array(stratum, { minLength: 1, maxLength: 8 }), (strata) => {
        const r = mantelHaenszelOddsRatio(strata);
        const rev = mantelHaenszelOddsRatio([...strata].reverse());
        expect(r.ciLow as number).toBeLessThanOrEqual(r.estimate as number);
        expect(r.estimate as number).toBeLessThanOrEqual(r.ciHigh as number);
        expectClose(rev.estimate, r.estimate, { relative: 1e-12 });
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('flags zero, infinite and undefined odds ratios', () => {
    expect(mantelHaenszelOddsRatio([{ a: 0, b: 3, c: 4, d: 5 }])).toMatchObject({ estimate: 0, ciLow: null, ciHigh: null, warnings: [{ code: 'MH_OR_ZERO' }] });
    expect(mantelHaenszelOddsRatio([{ a: 3, b: 0, c: 4, d: 5 }])).toMatchObject({ estimate: null, warnings: [{ code: 'MH_OR_INFINITE' }] });
    expect(mantelHaenszelOddsRatio([{ a: 0, b: 0, c: 4, d: 5 }])).toMatchObject({ estimate: null, warnings: [{ code: 'MH_OR_UNDEFINED' }] });
  });
});
