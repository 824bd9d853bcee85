/**
 * Breslow–Day test of odds-ratio homogeneity without Tarone's correction,
 * checked against an independent R implementation from the definition
 * (quadratic for the expected cell; tests/fixtures/r/stratified.R).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { breslowDay } from '../../src/stats/breslowDay.js';
import type { Stratum2x2 } from '../../src/stats/cmh.js';
import { expectClose } from '../helpers/tolerance.js';

interface Case {
  name: string;
  strata: Stratum2x2[];
  breslowDay: { statistic: number; df: number; pValue: number; strataExcluded: number };
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/r/stratified.json', import.meta.url), 'utf8')) as { cases2x2: Case[] };

describe('breslowDay (Breslow–Day from its definition in R, no Tarone correction)', () => {
  it.each(fixture.cases2x2.map((c) => [c.name, c] as const))('matches R: %s', (_name, c) => {
    const result = breslowDay(c.strata);
    expectClose(result.statistic, c.breslowDay.statistic, { relative: 1e-6 });
    expectClose(result.pValue, c.breslowDay.pValue, { relative: 1e-6 });
    expect(result.df).toBe(c.breslowDay.df);
    expect(result.strataExcluded).toBe(c.breslowDay.strataExcluded);
  });

  it('is zero when every stratum has the same odds ratio', () => {
    const result = breslowDay([
      { a: 10, b: 5, c: 20, d: 10 },
      { a: 4, b: 2, c: 30, d: 15 },
      { a: 6, b: 6, c: 8, d: 8 },
    ]);
    expectClose(result.statistic, 0, { absolute: 1e-20 });
    expectClose(result.pValue, 1, { absolute: 5e-13 });
  });

  it('is null with a warning when fewer than two strata are informative', () => {
    const result = breslowDay([
      { a: 3, b: 4, c: 5, d: 6 },
      { a: 0, b: 0, c: 5, d: 6 },
    ]);
    expect(result).toMatchObject({ statistic: null, pValue: null, strataExcluded: 1, warnings: [{ code: 'BRESLOW_DAY_TOO_FEW_STRATA' }] });
  });
});
