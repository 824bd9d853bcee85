import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pearsonChiSquare } from '../../src/stats/chiSquare.js';
import { expectClose } from '../helpers/tolerance.js';

interface ChiCase {
  name: string;
  table: number[][];
  reduced: boolean;
  statistic: number | null;
  df: number;
  pValue: number | null;
  expectedMin: number | null;
  sparseCells: number;
}
// Reference: chisq.test(x, correct = FALSE) in R 4.2.2 on the table with empty rows/columns
// removed (tests/fixtures/r/crude.R).
const fixture = JSON.parse(readFileSync(new URL('../fixtures/r/crude.json', import.meta.url), 'utf8')) as { chiSquare: ChiCase[] };

const codes = (r: { warnings: { code: string }[] }): string[] => r.warnings.map((w) => w.code);

describe('pearsonChiSquare', () => {
  it.each(fixture.chiSquare)('matches chisq.test: $name', (c) => {
    const r = pearsonChiSquare(c.table);
    expectClose(r.statistic, c.statistic, { relative: 1e-11 }, 'statistic');
    expect(r.df).toBe(c.df);
    // p below 1e-300 inherits the statistic's rounding times X^2/2 (~700): allow 1e-9.
    expectClose(r.pValue, c.pValue, { relative: 1e-9 }, 'pValue');
    expectClose(r.expectedMin, c.expectedMin, { relative: 1e-12 }, 'expectedMin');
    expect(r.sparseCells).toBe(c.sparseCells);
    expect(codes(r).includes('EMPTY_CATEGORY_DROPPED')).toBe(c.reduced);
    expect(codes(r).includes('EXPECTED_BELOW_5')).toBe(c.sparseCells > 0);
    expect(codes(r).includes('TOO_FEW_CATEGORIES')).toBe(c.statistic === null);
  });

  it('never returns NaN for an all-zero table', () => {
    const r = pearsonChiSquare([
      [0, 0],
      [0, 0],
    ]);
    expect(r).toMatchObject({ statistic: null, pValue: null, df: 0 });
    expect(codes(r)).toEqual(['EMPTY_CATEGORY_DROPPED', 'TOO_FEW_CATEGORIES']);
  });

  const tableArb = fc
    .tuple(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 2, max: 5 }))
    .chain(([r, c]) => fc.array(fc.array(fc.integer({ min: 0, max: 400 }), { minLength: c, maxLength: c }), { minLength: r, maxLength: r }));

  it('is unchanged by permuting rows and columns, and p lies in [0, 1] (property)', () => {
    fc.assert(
      fc.property(tableArb, (t) => {
        const r = pearsonChiSquare(t);
        const swappedRows = pearsonChiSquare([...t].reverse());
        const swappedCols = pearsonChiSquare(t.map((row) => [...row].reverse()));
        const transposed = pearsonChiSquare(t[0].map((_, j) => t.map((row) => row[j])));
        if (r.statistic === null) return swappedRows.statistic === null && r.pValue === null;
        const p = r.pValue as number;
        expect(p >= 0 && p <= 1, `p = ${p}`).toBe(true);
        // 1e-10 relative, and 1e-10 absolute for statistics below 1.
        const tolerance = { relative: 1e-10, absolute: 1e-10 };
        expectClose(swappedRows.statistic, r.statistic, tolerance, 'rows swapped');
        expectClose(swappedCols.statistic, r.statistic, tolerance, 'columns swapped');
        expectClose(transposed.statistic, r.statistic, tolerance, 'transposed');
        return swappedRows.df === r.df && transposed.df === r.df;
      }),
      { seed: 20221110, numRuns: 300 },
    );
  });
});
