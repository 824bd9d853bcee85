/**
 * Cochran–Mantel–Haenszel test without continuity correction (2×2×K), checked
 * against R `mantelhaen.test(x, correct = FALSE)` (tests/fixtures/r/stratified.R)
 * and against the identity CMH = Pearson × (n − 1)/n for a single stratum.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cochranMantelHaenszel, type Stratum2x2 } from '../../src/stats/cmh.js';
import { expectClose } from '../helpers/tolerance.js';

interface Case {
  name: string;
  strata: Stratum2x2[];
  cmh: { statistic: number; df: number; pValue: number };
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/r/stratified.json', import.meta.url), 'utf8')) as { cases2x2: Case[] };

const stratum = fc.record({
  a: fc.integer({ min: 0, max: 40 }),
  b: fc.integer({ min: 0, max: 40 }),
  c: fc.integer({ min: 0, max: 40 }),
  d: fc.integer({ min: 0, max: 40 }),
});

describe('cochranMantelHaenszel (R mantelhaen.test, correct = FALSE)', () => {
  it.each(fixture.cases2x2.map((c) => [c.name, c] as const))('matches R: %s', (_name, c) => {
    const result = cochranMantelHaenszel(c.strata);
    expectClose(result.statistic, c.cmh.statistic, { relative: 1e-6 });
    expectClose(result.pValue, c.cmh.pValue, { relative: 1e-6 });
    expect(result.df).toBe(1);
    expect(result.warnings).toEqual([]);
  });

  it('one stratum: CMH = Pearson chi-square × (n − 1)/n', () => {
    fc.assert(
      fc.property(stratum, (s) => {
        const n = s.a + s.b + s.c + s.d;
        const r1 = s.a + s.b,
          r0 = s.c + s.d,
          c1 = s.a + s.c,
          c0 = s.b + s.d;
        fc.pre(n >= 2 && r1 > 0 && r0 > 0 && c1 > 0 && c0 > 0);
        const pearson = (n * (s.a * s.d - s.b * s.c) ** 2) / (r1 * r0 * c1 * c0);
        const cmh = cochranMantelHaenszel([s]).statistic as number;
        expectClose(cmh, (pearson * (n - 1)) / n, { absolute: 1e-10 * Math.max(1, pearson) });
      }),
      { seed: 20240611, numRuns: 300 },
    );
  });

  it('is invariant to stratum order and gives p in [0, 1]', () => {
    fc.assert(
      fc.property(fc.array(stratum, { minLength: 1, maxLength: 8 }), (strata) => {
        const forward = cochranMantelHaenszel(strata);
        const backward = cochranMantelHaenszel([...strata].reverse());
        if (forward.statistic === null) {
          expect(backward.statistic).toBeNull();
          expect(forward.warnings[0].code).toBe('CMH_NO_INFORMATIVE_STRATA');
          return;
        }
        expectClose(forward.statistic, backward.statistic, { absolute: 1e-9 * Math.max(1, forward.statistic) });
        expect(forward.pValue).toBeGreaterThanOrEqual(0);
        expect(forward.pValue).toBeLessThanOrEqual(1);
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('leaves out strata with n < 2 or a zero margin, and is null when none is informative', () => {
    const result = cochranMantelHaenszel([
      { a: 0, b: 0, c: 5, d: 7 },
      { a: 1, b: 0, c: 0, d: 0 },
      { a: 3, b: 0, c: 4, d: 0 },
    ]);
    expect(result.statistic).toBeNull();
    expect(result.pValue).toBeNull();
    expect(result.strataUsed).toBe(0);
    expect(result.warnings.map((w) => w.code)).toEqual(['CMH_NO_INFORMATIVE_STRATA']);
  });
});
