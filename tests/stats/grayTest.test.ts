/**
 * Gray's K-sample test, checked against R cmprsk 2.2.11
 * `cuminc(time, cause, group, cencode = 0)$Tests` (tests/fixtures/r/competingRisks.R;
 * p against pchisq(stat, df, lower.tail = FALSE), as cuminc's 1 − pchisq underflows to 0),
 * and for invariances: row order, group codes, p in [0, 1].
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { grayTest } from '../../src/stats/grayTest.js';
import { seededUniform } from '../../src/stats/random.js';
import { expectClose } from '../helpers/tolerance.js';

interface GrayReference {
  cause: number;
  statistic: number | null;
  pValue: number | null;
  pValueUpper: number | null;
  df: number | null;
  /** cuminc(..., rho = 1)$Tests. */
  statisticRho1: number | null;
}
interface Dataset {
  name: string;
  time: number[];
  cause: number[];
  group: number[];
  grayTests: GrayReference[];
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/r/competingRisks.json', import.meta.url), 'utf8')) as { datasets: Dataset[] };

const cases = fixture.datasets.flatMap((ds) => ds.grayTests.map((ref) => ({ name: `${ds.name.slice(0, 2)} cause ${ref.cause}`, ds, ref })));
const columns = (ds: Dataset) => [Float64Array.from(ds.time), Int8Array.from(ds.cause), Int32Array.from(ds.group)] as const;

describe('grayTest', () => {
  it.each(cases)('matches cuminc $Tests: $name', ({ ds, ref }) => {
    const result = grayTest(...columns(ds), ref.cause);
    expect(result.df).toBe(ref.df);
    if (ref.statistic === -1) {
      // cuminc's mark for a singular score variance (it prints p = 1).
      expect(result.statistic).toBeNull();
      expect(result.pValue).toBeNull();
      expect(result.warnings.map((w) => w.code)).toEqual(['GRAY_SINGULAR_VARIANCE']);
      return;
    }
    expectClose(result.statistic, ref.statistic as number, { relative: 1e-9 });
    expectClose(result.pValue, ref.pValueUpper as number, { relative: 1e-6 });
    expect(result.warnings).toEqual([]);
    expectClose(grayTest(...columns(ds), ref.cause, { rho: 1 }).statistic, ref.statisticRho1 as number, { relative: 1e-9 });
  });

  it('gives the documented example (cuminc on 8 persons: stat 2.2323081825463116, p 0.13515181272506016)', () => {
    const r = grayTest(Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8), Int8Array.of(1, 2, 1, 0, 1, 2, 1, 1), Int32Array.of(0, 0, 0, 0, 1, 1, 1, 1), 1);
    expectClose(r.statistic, 2.2323081825463116, { relative: 1e-12 });
    expectClose(r.pValue, 0.13515181272506016, { relative: 1e-9 });
  });

  it('is unchanged by reordering rows and by recoding groups in the same order', () => {
    const ds = fixture.datasets[2];
    const [time, cause, group] = columns(ds);
    const u = seededUniform(7);
    const order = Array.from(time, (_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(u() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const base = grayTest(time, cause, group, 1);
    const shuffled = grayTest(
      Float64Array.from(order, (i) => time[i]),
      Int8Array.from(order, (i) => cause[i]),
      Int32Array.from(order, (i) => group[i]),
      1,
    );
    expect(shuffled).toEqual(base);
    // Codes 0, 1, 2 → 3, 5, 9 (4, 6–8 empty and left out, as cuminc drops empty levels).
    const recoded = grayTest(
      time,
      cause,
      group.map((g) => [3, 5, 9][g]),
      1,
    );
    expect(recoded.statistic).toBe(base.statistic);
    expect(Array.from(recoded.groups)).toEqual([3, 5, 9]);
    expect(recoded.df).toBe(2);
  });

  it('gives the same statistic whichever group is left out of the scores, and p in [0, 1] (property)', () => {
    const rowsArb = fc.array(
      fc.record({ day: fc.integer({ min: 1, max: 30 }), cause: fc.integer({ min: 0, max: 2 }), group: fc.integer({ min: 0, max: 2 }) }),
      { minLength: 6, maxLength: 80 },
    );
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const time = Float64Array.from(rows, (r) => r.day);
        const cause = Int8Array.from(rows, (r) => r.cause);
        const r = grayTest(
          time,
          cause,
          Int32Array.from(rows, (x) => x.group),
          1,
        );
        const reversed = grayTest(
          time,
          cause,
          Int32Array.from(rows, (x) => 2 - x.group),
          1,
        );
        if (r.statistic === null || reversed.statistic === null) return r.pValue === null || reversed.pValue === null;
        const p = r.pValue as number;
        expect(p >= 0 && p <= 1, `p = ${p}`).toBe(true);
        // 1e-6 relative, and 1e-6 absolute for statistics below 1.
        expectClose(reversed.statistic, r.statistic, { relative: 1e-6, absolute: 1e-6 }, 'statistic with the other group left out');
      }),
      { seed: 20250214, numRuns: 200 },
    );
  });

  it('returns null with a warning for one group or a cause that never occurs', () => {
    const time = Float64Array.of(1, 2, 3, 4);
    const cause = Int8Array.of(1, 0, 1, 2);
    const one = grayTest(time, cause, Int32Array.of(0, 0, 0, 0), 1);
    expect(one).toMatchObject({ statistic: null, pValue: null, df: 0 });
    expect(one.warnings[0].code).toBe('GRAY_FEWER_THAN_TWO_GROUPS');
    const never = grayTest(time, cause, Int32Array.of(0, 1, 0, 1), 3);
    expect(never).toMatchObject({ statistic: null, pValue: null, df: 1 });
    expect(never.warnings[0].code).toBe('GRAY_SINGULAR_VARIANCE');
  });

  it('rejects invalid input', () => {
    expect(() => grayTest(Float64Array.of(1), Int8Array.of(1), Int32Array.of(0, 1), 1)).toThrow(RangeError);
    expect(() => grayTest(Float64Array.of(-1), Int8Array.of(1), Int32Array.of(0), 1)).toThrow(RangeError);
    expect(() => grayTest(Float64Array.of(1), Int8Array.of(1), Int32Array.of(-1), 1)).toThrow(RangeError);
    expect(() => grayTest(Float64Array.of(1), Int8Array.of(1), Int32Array.of(0), 0)).toThrow(RangeError);
  });
});
