/**
 * Bootstrap percentile interval, checked against R boot 1.3-28.1
 * `boot.ci(type = "perc")` on fixed replicate vectors (tests/fixtures/r/bootPercentile.R):
 * 999 replicates, sizes where (R + 1)α is not an integer (normal-quantile
 * interpolation), tiny sizes (extreme order statistics), conf 0.9, ties, and missing
 * replicates, which boot.ci leaves out.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentileInterval } from '../../src/stats/percentileInterval.js';
import { expectClose } from '../helpers/tolerance.js';

interface Case {
  name: string;
  t: (number | null)[];
  conf: number;
  low: number;
  high: number;
  extreme: boolean;
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/r/bootPercentile.json', import.meta.url), 'utf8')) as { cases: Case[] };

let worst = 0;
describe('percentileInterval against boot::boot.ci(type = "perc")', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const t = Float64Array.from(c.t, (x) => (x === null ? Number.NaN : x));
    const got = percentileInterval(t, c.conf)!;
    expect(got.replicates).toBe(c.t.filter((x) => x !== null).length);
    expect(got.extreme).toBe(c.extreme);
    // Interpolation goes through qnorm three times: a few ulps.
    expectClose(got.low, c.low, { relative: 1e-14 });
    expectClose(got.high, c.high, { relative: 1e-14 });
    for (const [a, r] of [
      [got.low, c.low],
      [got.high, c.high],
    ])
      if (r !== 0) worst = Math.max(worst, Math.abs(a - r) / Math.abs(r));
  });

  it('with 999 replicates is the 975th order statistic above and, all but exactly, the 25th below', () => {
    const t = Float64Array.from({ length: 999 }, (_, i) => (i * 7919) % 999);
    const got = percentileInterval(t)!;
    expect(got.high).toBe(974);
    expectClose(got.low, 24, { absolute: 1e-12 });
  });

  it('(largest relative difference to R)', () => {
    console.log('percentileInterval: largest relative difference to R', worst);
  });
});

describe('percentileInterval identities', () => {
  it('lies within the replicates’ range, low ≤ high, and does not depend on their order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 300 }),
        fc.double({ min: 0.5, max: 0.99, noNaN: true }),
        (values, conf) => {
          const got = percentileInterval(values, conf)!;
          const min = Math.min(...values);
          const max = Math.max(...values);
          expect(got.low).toBeGreaterThanOrEqual(min);
          expect(got.high).toBeLessThanOrEqual(max);
          expect(got.low).toBeLessThanOrEqual(got.high);
          const reversed = percentileInterval([...values].reverse(), conf)!;
          expect(reversed).toEqual(got);
        },
      ),
      { seed: 20250117, numRuns: 300 },
    );
  });

  it('gives null without finite replicates', () => {
    expect(percentileInterval([Number.NaN])).toBeNull();
    expect(percentileInterval([])).toBeNull();
  });
});
