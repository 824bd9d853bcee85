import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../src/stats/wilson.js';
import { expectClose } from '../helpers/tolerance.js';

interface WilsonCase {
  x: number;
  n: number;
  conf: number;
  proportion: number;
  ciLow: number;
  ciHigh: number;
}
// Reference: prop.test(x, n, correct = FALSE)$conf.int in R 4.2.2 (tests/fixtures/r/crude.R).
const fixture = JSON.parse(readFileSync(new URL('../fixtures/r/crude.json', import.meta.url), 'utf8')) as { wilson: WilsonCase[] };

describe('wilsonInterval', () => {
  it.each(fixture.wilson)('matches prop.test for x=$x n=$n conf=$conf', (c) => {
    const w = wilsonInterval(c.x, c.n, c.conf);
    expectClose(w.proportion, c.proportion, { relative: 1e-12 }, 'proportion');
    expectClose(w.ciLow, c.ciLow, { relative: 1e-10 }, 'ciLow');
    expectClose(w.ciHigh, c.ciHigh, { relative: 1e-10 }, 'ciHigh');
  });

  it('gives nulls for an empty group', () => {
    expect(wilsonInterval(0, 0)).toEqual({ proportion: null, ciLow: null, ciHigh: null });
  });

  it('rejects impossible counts', () => {
    expect(() => wilsonInterval(4, 3)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 3)).toThrow(RangeError);
  });

  it('contains p-hat and lies in [0, 1] (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.5, max: 0.999, noNaN: true }),
        (n, f, conf) => {
          const x = Math.floor(f * n);
          const w = wilsonInterval(x, n, conf);
          const p = w.proportion as number;
          const lo = w.ciLow as number;
          const hi = w.ciHigh as number;
          return lo >= 0 && hi <= 1 && lo <= p && p <= hi;
        },
      ),
      { seed: 20221110, numRuns: 500 },
    );
  });
});
