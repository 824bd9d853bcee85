import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fisherExact } from '../../src/stats/fisherExact.js';
import { expectClose } from '../helpers/tolerance.js';

interface FisherCase {
  name: string;
  table: number[][];
  pValue: number;
}
// Reference: fisher.test(x, workspace = 2e8)$p.value in R 4.2.2 (tests/fixtures/r/crude.R).
const fixture = JSON.parse(readFileSync(new URL('../fixtures/r/crude.json', import.meta.url), 'utf8')) as { fisher: FisherCase[] };

/**
 * R's FEXACT sums log-factorials cumulatively, so for n ~ 60 000 its p carries ~1e-8 relative
 * error (we differ from it by 3.5e-8 there); every other case agrees to 1e-9.
 */
const tolerance = (c: FisherCase): number => (c.name.startsWith('large') ? 1e-6 : 1e-9);

describe('fisherExact', () => {
  it.each(fixture.fisher)('matches fisher.test: $name', (c) => {
    const r = fisherExact(c.table);
    expect(r.method).toBe('exact');
    expectClose(r.pValue, c.pValue, { relative: tolerance(c) }, 'pValue');
  });

  it('counts the tables with the observed margins', () => {
    // 2 x 2 with margins (4, 4; 4, 4): x11 in 0..4.
    expect(
      fisherExact([
        [3, 1],
        [1, 3],
      ]).tables,
    ).toBe(5);
  });

  it('returns p = 1 with a warning when only one table is possible', () => {
    const r = fisherExact([
      [0, 0, 0, 5],
      [0, 0, 0, 9],
    ]);
    expect(r).toMatchObject({ pValue: 1, method: 'exact' });
    expect(r.warnings.map((w) => w.code)).toEqual(['SINGLE_TABLE']);
  });

  it('rejects r x c tables with both dimensions above 2', () => {
    expect(() =>
      fisherExact([
        [1, 2, 3],
        [4, 5, 6],
        [7, 8, 9],
      ]),
    ).toThrow(RangeError);
  });

  it('falls back to a seeded Monte Carlo that is deterministic and agrees with the exact p', () => {
    const table = [
      [5, 9, 3, 12, 4],
      [40, 35, 30, 70, 45],
    ];
    const exact = fisherExact(table);
    expect(exact.method).toBe('exact');
    const mc = fisherExact(table, { maxTables: 10, replicates: 20000, seed: 7 });
    expect(mc).toMatchObject({ method: 'monte-carlo', replicates: 20000, seed: 7 });
    expect(mc.warnings.map((w) => w.code)).toEqual(['FISHER_MONTE_CARLO']);
    expect(fisherExact(table, { maxTables: 10, replicates: 20000, seed: 7 }).pValue).toBe(mc.pValue);
    const p = exact.pValue as number;
    const se = Math.sqrt((p * (1 - p)) / 20000);
    expectClose(mc.pValue, p, { absolute: 4.5 * se + 1 / 20001 }, 'Monte Carlo p');
  });

  it('Monte Carlo agrees with exact on random feasible 2 x 4 tables (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 4, maxLength: 4 }),
        fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 4, maxLength: 4 }),
        (top, bottom) => {
          const table = [top, bottom];
          const exact = fisherExact(table).pValue as number;
          const mc = fisherExact(table, { maxTables: 0, replicates: 4000, seed: 11 }).pValue as number;
          const se = Math.sqrt((exact * (1 - exact)) / 4000);
          expectClose(mc, exact, { absolute: 5 * se + 2 / 4001 }, 'Monte Carlo p');
        },
      ),
      { seed: 20221110, numRuns: 25 },
    );
  });

  it('is a probability, symmetric under row swap, column permutation and transposition (property)', () => {
    const tableArb = fc
      .integer({ min: 2, max: 5 })
      .chain((k) =>
        fc.tuple(
          fc.array(fc.integer({ min: 0, max: 30 }), { minLength: k, maxLength: k }),
          fc.array(fc.integer({ min: 0, max: 200 }), { minLength: k, maxLength: k }),
        ),
      );
    fc.assert(
      fc.property(tableArb, ([top, bottom]) => {
        const p = fisherExact([top, bottom]).pValue as number;
        const swapped = fisherExact([bottom, top]).pValue as number;
        const reversed = fisherExact([[...top].reverse(), [...bottom].reverse()]).pValue as number;
        const transposed = fisherExact(top.map((t, j) => [t, bottom[j]])).pValue as number;
        expect(p >= 0 && p <= 1, `p = ${p}`).toBe(true);
        expectClose(swapped, p, { relative: 1e-9 }, 'rows swapped');
        expectClose(reversed, p, { relative: 1e-9 }, 'columns reversed');
        expectClose(transposed, p, { relative: 1e-9 }, 'transposed');
      }),
      { seed: 20221110, numRuns: 200 },
    );
  });
});
