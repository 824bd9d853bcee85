import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { minimumDetectableDifference } from '../../src/stats/minimumDetectableDifference.js';
import { expectClose } from '../helpers/tolerance.js';

// Reference: the normal-approximation formula in R with qnorm (tests/fixtures/r/mdd.R), 17 digits;
// R's pnorm confirms each difference gives 80 % power.
const fixture = (
  JSON.parse(readFileSync(new URL('../fixtures/r/mdd.json', import.meta.url), 'utf8')) as {
    cases: { p0: string; n1: number; n0: number; difference: string; power: string }[];
  }
).cases;

describe('minimumDetectableDifference', () => {
  it.each(fixture)('matches R for p0 $p0, n $n1 vs $n0', (c) => {
    const got = minimumDetectableDifference(Number(c.p0), c.n1, c.n0)!;
    expectClose(got, Number(c.difference), { relative: 1e-12 });
    expectClose(Number(c.power), 0.8, { absolute: 5e-13 });
  });

  it('is null with an empty group or no variance, and shrinks as the groups grow', () => {
    expect(minimumDetectableDifference(0.3, 0, 10)).toBeNull();
    expect(minimumDetectableDifference(0, 10, 10)).toBeNull();
    expect(minimumDetectableDifference(null, 10, 10)).toBeNull();
    expect(minimumDetectableDifference(0.3, 40, 400)!).toBeLessThan(minimumDetectableDifference(0.3, 20, 400)!);
  });
});
