import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newcombeDifference } from '../../src/stats/newcombe.js';
import { expectClose } from '../helpers/tolerance.js';

interface NewcombeCase {
  x1: number;
  n1: number;
  x2: number;
  n2: number;
  conf: number;
  estimate: number;
  ciLow: number;
  ciHigh: number;
}
// Reference: Newcombe (1998) method 10 applied in R 4.2.2 to prop.test(correct = FALSE) limits
// (tests/fixtures/r/crude.R).
const fixture = JSON.parse(readFileSync(new URL('../fixtures/r/crude.json', import.meta.url), 'utf8')) as { newcombe: NewcombeCase[] };

describe('newcombeDifference', () => {
  it.each(fixture.newcombe)('matches R for $x1/$n1 vs $x2/$n2 conf=$conf', (c) => {
    const d = newcombeDifference(c.x1, c.n1, c.x2, c.n2, c.conf);
    expectClose(d.estimate, c.estimate, { relative: 1e-12 }, 'estimate');
    expectClose(d.ciLow, c.ciLow, { relative: 1e-9 }, 'ciLow');
    expectClose(d.ciHigh, c.ciHigh, { relative: 1e-9 }, 'ciHigh');
  });

  it('is null when a group is empty', () => {
    expect(newcombeDifference(0, 0, 3, 10)).toEqual({ estimate: null, ciLow: null, ciHigh: null });
    expect(newcombeDifference(3, 10, 0, 0)).toEqual({ estimate: null, ciLow: null, ciHigh: null });
  });

  it('contains the difference, lies in [-1, 1] and flips sign when groups swap (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n1, n2, f1, f2) => {
          const x1 = Math.floor(f1 * n1);
          const x2 = Math.floor(f2 * n2);
          const d = newcombeDifference(x1, n1, x2, n2);
          const e = newcombeDifference(x2, n2, x1, n1);
          const est = d.estimate as number;
          expectClose(e.ciLow, -(d.ciHigh as number), { absolute: 1e-12 }, 'swapped ciLow');
          expectClose(e.ciHigh, -(d.ciLow as number), { absolute: 1e-12 }, 'swapped ciHigh');
          return (d.ciLow as number) <= est && est <= (d.ciHigh as number) && (d.ciLow as number) >= -1 - 1e-12 && (d.ciHigh as number) <= 1 + 1e-12;
        },
      ),
      { seed: 20221110, numRuns: 300 },
    );
  });
});
