import { describe, expect, it } from 'vitest';
import { meanSd } from '../../src/stats/meanSd.js';
import { expectClose } from '../helpers/tolerance.js';

describe('meanSd (R: mean, sd)', () => {
  it('equals R on values where naive summation loses digits', () => {
    // R 4.2.2: x <- c(1e8 + 0.1, 1e8 + 0.2, 1e8 + 0.3, 1e8 + 0.4); sprintf("%.17g", c(mean(x), sd(x)))
    const { mean, sd } = meanSd(Float64Array.of(1e8 + 0.1, 1e8 + 0.2, 1e8 + 0.3, 1e8 + 0.4));
    expectClose(mean, 100000000.25, { relative: 1e-15 }, 'mean');
    expectClose(sd, 0.1290994487210439, { relative: 1e-12 }, 'sd');
  });

  it('gives null where R gives NA or NaN: no values, or one value for sd', () => {
    expect(meanSd(new Float64Array(0))).toEqual({ mean: null, sd: null });
    expect(meanSd(Float64Array.of(41))).toEqual({ mean: 41, sd: null });
  });

  it('is unchanged by order and shifts with the values', () => {
    const x = Float64Array.of(19, 23, 31, 47, 52, 64);
    const reversed = meanSd(x.slice().reverse());
    const shifted = meanSd(x.map((v) => v + 10));
    expectClose(reversed.mean, meanSd(x).mean, { relative: 1e-15 });
    expectClose(shifted.mean, meanSd(x).mean! + 10, { relative: 1e-15 });
    expectClose(shifted.sd, meanSd(x).sd, { relative: 1e-13 });
  });
});
