import { describe, expect, it } from 'vitest';
import { chiSquareUpperTail, normalQuantile, normalTwoSidedP } from '../../src/stats/distributions.js';
import { expectClose } from '../helpers/tolerance.js';

describe('distributions', () => {
  it('chi-square upper tail is a probability and decreasing', () => {
    expect(chiSquareUpperTail(0, 3)).toBe(1);
    expect(chiSquareUpperTail(1, 1)).toBeGreaterThan(chiSquareUpperTail(2, 1));
  });
  it('normal quantile and two-sided p are inverse', () => {
    const z = normalQuantile(0.975);
    expectClose(normalTwoSidedP(z), 0.05, { absolute: 5e-13 });
  });
});
