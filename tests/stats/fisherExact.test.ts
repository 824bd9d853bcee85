import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fisherExact } from '../../src/stats/fisherExact.js';
import { expectClose } from '../helpers/tolerance.js';
import { fisherByEnumeration } from './independent/fisherByEnumeration.js';

interface FisherCase {
  name: string;
  table: number[][];
  pValue: number;
}
// Reference: fisher.test(x, workspace = 2e8)$p.value in R 4.2.2 (tests/fixtures/r/crude.R).
const fixture = JSON.parse(readFileSync(new URL('../fixtures/r/crude.json', import.meta.url), 'utf8')) as { fisher: FisherCase[] };
// Reference: fisher.test(x, workspace = 2e9)$p.value in R (tests/fixtures/r/fisher.R), to the
// agreement R's own arithmetic allows there (relTol, see the script).
const fisherR = JSON.parse(readFileSync(new URL('../fixtures/r/fisher.json', import.meta.url), 'utf8')) as {
  fisher: (FisherCase & { relTol: number })[];
};
// Reference: the exact sum over every table in integer arithmetic (tests/fixtures/exact/fisherEnumeration.mjs).
const enumerated = JSON.parse(readFileSync(new URL('../fixtures/exact/fisherEnumeration.json', import.meta.url), 'utf8')) as {
  fisher: (FisherCase & { log10PValue: number })[];
};
/** The smallest positive normal double: below it a double keeps fewer digits. */
const MIN_NORMAL = 2.2250738585072014e-308;

/** The simulated pilot's outcome proportions (bench/fisher.mjs) scaled to n persons. */
const pilotAt = (n: number): number[][] => {
  const pilot = [
    [12592, 5057, 7599, 27933],
    [132446, 52760, 79726, 643320],
  ];
  const total = pilot.flat().reduce((s, v) => s + v, 0);
  return pilot.map((row) => row.map((v) => Math.round((v * n) / total)));
};

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

  it.each(fisherR.fisher)('matches fisher.test: $name', (c) => {
    const r = fisherExact(c.table);
    expect(r.method).toBe('exact');
    expectClose(r.pValue, c.pValue, { relative: c.relTol }, 'pValue');
  });

  it.each(enumerated.fisher)('matches the exact sum over every table: $name', (c) => {
    const r = fisherExact(c.table);
    expect(r.method).toBe('exact');
    if (c.pValue >= MIN_NORMAL) expectClose(r.pValue, c.pValue, { relative: 1e-12 }, 'pValue');
    else expectClose(r.pValue, c.pValue, { absolute: 1e-322 }, 'pValue below the normal doubles');
    if (r.log10PValue === undefined) expect(r.log10PValueAtMost).toBeGreaterThanOrEqual(c.log10PValue);
    else expectClose(r.log10PValue, c.log10PValue, { absolute: 1e-11 }, 'log10PValue');
  });

  it('gives a p near 1e-240 as such, not a Monte Carlo floor', () => {
    const r = fisherExact([
      [177, 0, 0, 1],
      [1, 500, 500, 500],
    ]);
    expect(r.method).toBe('exact');
    expect(r.pValue).toBeGreaterThan(1e-241);
    expect(r.pValue).toBeLessThan(1e-239);
  });

  it('is exact for the 2 x 4 outcome table at every size up to 10 million persons', () => {
    for (const n of [2_500, 100_000, 173_000, 180_000, 1_000_000, 10_000_000]) {
      const r = fisherExact(pilotAt(n));
      expect(r.method, `n = ${n}`).toBe('exact');
      expect(r.warnings).toEqual([]);
      // Near 1e-290 at 173 000 persons; from 1 000 000 below the smallest double.
      if (n >= 173_000) expect(r.pValue as number).toBeLessThan(1e-280);
      if (n >= 1_000_000) {
        expect(r.pValue).toBe(0);
        expect(r.log10PValueAtMost as number).toBeLessThan(-1000);
      } else {
        expect(r.log10PValue).toBeCloseTo(Math.log10(r.pValue as number), 9);
      }
    }
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

  it('tests r x c tables with both dimensions above 2 exactly', () => {
    const table = [
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ];
    const r = fisherExact(table);
    expect(r.method).toBe('exact');
    expectClose(r.pValue, fisherByEnumeration(table).pValue, { relative: 1e-12 }, 'pValue');
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
    expect(mc.pValue).toBe((1 + (mc.hits as number)) / 20001);
    expect(mc.warnings.map((w) => w.code)).toEqual(['FISHER_MONTE_CARLO']);
    expect(fisherExact(table, { maxTables: 10, replicates: 20000, seed: 7 }).pValue).toBe(mc.pValue);
    const p = exact.pValue as number;
    const se = Math.sqrt((p * (1 - p)) / 20000);
    expectClose(mc.pValue, p, { absolute: 4.5 * se + 1 / 20001 }, 'Monte Carlo p');
  });

  it('Monte Carlo of an r x c table agrees with the exact p', () => {
    const table = [
      [3, 1, 4],
      [1, 5, 9],
      [2, 6, 5],
    ];
    const exact = fisherExact(table).pValue as number;
    const mc = fisherExact(table, { maxTables: 0, replicates: 20000, seed: 3 });
    expect(mc.method).toBe('monte-carlo');
    const se = Math.sqrt((exact * (1 - exact)) / 20000);
    expectClose(mc.pValue, exact, { absolute: 4.5 * se + 1 / 20001 }, 'Monte Carlo p');
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
  it('equals the sum over every table on random small 2 x k and r x c tables (property)', () => {
    const tableArb = fc
      .tuple(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 2, max: 4 }))
      .chain(([r, c]) =>
        fc.array(fc.array(fc.integer({ min: 0, max: r === 2 || c === 2 ? 14 : 4 }), { minLength: c, maxLength: c }), { minLength: r, maxLength: r }),
      );
    fc.assert(
      fc.property(tableArb, (table) => {
        const r = fisherExact(table);
        expect(r.method).toBe('exact');
        expectClose(r.pValue, fisherByEnumeration(table).pValue, { relative: 1e-10 }, `p of ${JSON.stringify(table)}`);
      }),
      { seed: 20221110, numRuns: 150 },
    );
  });

  it('is unchanged by permuting the columns at large n and tiny p (property)', () => {
    // A 2 x 4 table of 10 000 to 260 000 persons, and an order of its columns.
    const arb = fc.tuple(
      fc.array(fc.integer({ min: 50, max: 5_000 }), { minLength: 4, maxLength: 4 }),
      fc.array(fc.integer({ min: 2_000, max: 60_000 }), { minLength: 4, maxLength: 4 }),
      fc.shuffledSubarray([0, 1, 2, 3], { minLength: 4, maxLength: 4 }),
    );
    fc.assert(
      fc.property(arb, ([top, bottom, order]) => {
        const r = fisherExact([top, bottom]);
        const permuted = fisherExact([order.map((j) => top[j]), order.map((j) => bottom[j])]);
        expect(r.method).toBe('exact');
        if (r.log10PValue === undefined) expect(permuted.log10PValueAtMost).toBeCloseTo(r.log10PValueAtMost as number, 9);
        else expectClose(permuted.log10PValue, r.log10PValue, { absolute: 1e-9 }, 'log10 p');
      }),
      { seed: 20221110, numRuns: 20 },
    );
  });

  it('r x c: a probability, unchanged by permuting rows and columns and by transposition (property)', () => {
    const tableArb = fc.array(fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 3, maxLength: 3 }), { minLength: 3, maxLength: 3 });
    fc.assert(
      fc.property(tableArb, (table) => {
        const p = fisherExact(table).pValue as number;
        expect(p >= 0 && p <= 1, `p = ${p}`).toBe(true);
        const permuted = [table[2], table[0], table[1]].map((row) => [row[1], row[2], row[0]]);
        const transposed = table[0].map((_, j) => table.map((row) => row[j]));
        expectClose(fisherExact(permuted).pValue, p, { relative: 1e-9 }, 'permuted');
        expectClose(fisherExact(transposed).pValue, p, { relative: 1e-9 }, 'transposed');
      }),
      { seed: 20221110, numRuns: 60 },
    );
  });
});
