/**
 * Generalised Cochran–Mantel–Haenszel test (general association, I×J×K),
 * checked against R `mantelhaen.test(x)` on 2×4×K arrays
 * (tests/fixtures/r/stratified.R), and against the 2×2 CMH test.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cochranMantelHaenszel } from '../../src/stats/cmh.js';
import { generalizedCmh } from '../../src/stats/generalizedCmh.js';
import { expectClose } from '../helpers/tolerance.js';

interface Case {
  name: string;
  strata: number[][][];
  statistic: number;
  df: number;
  pValue: number;
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/r/stratified.json', import.meta.url), 'utf8')) as { generalized: Case[] };

describe('generalizedCmh (R mantelhaen.test on I×J×K)', () => {
  it.each(fixture.generalized.map((c) => [c.name, c] as const))('matches R: %s', (name, c) => {
    const result = generalizedCmh(c.strata);
    expectClose(result.statistic, c.statistic, { relative: 1e-6 });
    expectClose(result.pValue, c.pValue, { relative: 1e-6 });
    expect(result.df).toBe(c.df);
    if (name === 'noApprenticeship') {
      expect(result.columnsKept).toEqual([0, 2, 3]);
      expect(result.warnings.map((w) => w.code)).toEqual(['GCMH_EMPTY_CATEGORY']);
    }
  });

  it('reduces to the 2×2 CMH test for 2×2 strata', () => {
    const cell = fc.integer({ min: 0, max: 30 });
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell, cell, cell), { minLength: 1, maxLength: 6 }), (cells) => {
        const cmh = cochranMantelHaenszel(cells.map(([a, b, c, d]) => ({ a, b, c, d })));
        fc.pre(cmh.statistic !== null);
        const g = generalizedCmh(
          cells.map(([a, b, c, d]) => [
            [a, b],
            [c, d],
          ]),
        );
        fc.pre(g.columnsKept.length === 2 && g.rowsKept.length === 2);
        expectClose(g.statistic, cmh.statistic, { relative: 1e-9, absolute: 1e-9 });
      }),
      { seed: 11, numRuns: 200 },
    );
  });

  it('is null with a warning when the covariance is singular', () => {
    // Every stratum has only hybrid or only usual users: V = 0.
    const result = generalizedCmh([
      [
        [3, 1, 2, 4],
        [0, 0, 0, 0],
      ],
      [
        [0, 0, 0, 0],
        [5, 2, 1, 3],
      ],
    ]);
    expect(result.statistic).toBeNull();
    expect(result.warnings.map((w) => w.code)).toContain('GCMH_SINGULAR_COVARIANCE');
  });
});
