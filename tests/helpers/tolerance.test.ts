import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectClose } from './tolerance.js';

const passes = (...args: Parameters<typeof expectClose>) => expect(() => expectClose(...args)).not.toThrow();
const fails = (...args: Parameters<typeof expectClose>) => expect(() => expectClose(...args)).toThrow();

describe('expectClose', () => {
  it('passes inside max(absolute, relative·|expected|) and fails just outside', () => {
    passes(1 + 0.9e-9, 1, { relative: 1e-9 });
    passes(1 - 0.9e-9, 1, { relative: 1e-9 });
    fails(1 + 1.1e-9, 1, { relative: 1e-9 });
    fails(1 - 1.1e-9, 1, { relative: 1e-9 });
    // The tolerance scales with |expected|, also when it is negative.
    passes(-2e6 - 1.9e-3, -2e6, { relative: 1e-9 });
    fails(-2e6 - 2.1e-3, -2e6, { relative: 1e-9 });
    // Absolute only.
    passes(0.5 + 0.9e-12, 0.5, { absolute: 1e-12 });
    fails(0.5 + 1.1e-12, 0.5, { absolute: 1e-12 });
    // The larger of the two wins: absolute for small values, relative for large ones.
    passes(1e-9 + 0.9e-12, 1e-9, { relative: 1e-6, absolute: 1e-12 });
    fails(1e-9 + 1.1e-12, 1e-9, { relative: 1e-6, absolute: 1e-12 });
    passes(1e6 + 0.9, 1e6, { relative: 1e-6, absolute: 1e-12 });
    fails(1e6 + 1.1, 1e6, { relative: 1e-6, absolute: 1e-12 });
    // Equal values pass with no tolerance at all.
    passes(0.1 + 0.2, 0.1 + 0.2, {});
    fails(0.1 + 0.2, 0.3, {});
  });

  it('needs exactly 0 for an expected 0 unless an absolute tolerance is given', () => {
    passes(0, 0, { relative: 1e-6 });
    passes(-0, 0, { relative: 1e-6 });
    fails(1e-300, 0, { relative: 1e-6 });
    fails(Number.MIN_VALUE, 0, { relative: 1 });
    passes(1e-300, 0, { relative: 1e-6, absolute: 1e-300 });
    passes(-0.9e-12, 0, { absolute: 1e-12 });
    fails(1.1e-12, 0, { absolute: 1e-12 });
  });

  it('matches a missing value (null or undefined) only with a missing value', () => {
    passes(null, null, { relative: 1e-6 });
    passes(undefined, null, { relative: 1e-6 });
    passes(null, undefined, { relative: 1e-6 });
    fails(0, null, { relative: 1e-6, absolute: 1 });
    fails(null, 0, { relative: 1e-6, absolute: 1 });
    fails(undefined, 1, { relative: 1 });
  });

  it('matches NaN only with NaN, and an infinity only with itself', () => {
    passes(Number.NaN, Number.NaN, { relative: 1e-6 });
    fails(Number.NaN, 1, { relative: 1, absolute: 1e300 });
    fails(1, Number.NaN, { relative: 1, absolute: 1e300 });
    fails(Number.NaN, null, { relative: 1 });
    passes(Infinity, Infinity, { relative: 1e-6 });
    passes(-Infinity, -Infinity, { relative: 1e-6 });
    fails(-Infinity, Infinity, { relative: 1 });
    fails(Number.MAX_VALUE, Infinity, { relative: 1, absolute: Infinity });
    fails(Infinity, 1, { absolute: 1e300 });
  });

  it('names the value, the expected value, the difference and the tolerance on failure', () => {
    expect(() => expectClose(1.25, 1, { relative: 1e-3, absolute: 1e-12 }, 'estimate')).toThrow(
      'estimate: value 1.25, expected 1, difference 0.25 (relative 0.25), tolerance 0.001 (max of absolute 1e-12 and relative 0.001 × |expected|)',
    );
    expect(() => expectClose(1e-12, 0, { relative: 1e-6 })).toThrow(
      'value 1e-12, expected 0, difference 1e-12, tolerance 0 (max of absolute 0 and relative 0.000001 × |expected|)',
    );
    expect(() => expectClose(null, 0.5, { relative: 1e-6 }, 'pValue')).toThrow('pValue: value null, expected 0.5');
    expect(() => expectClose(Number.NaN, 0.5, { relative: 1e-6 }, 'pValue')).toThrow('pValue: value NaN, expected 0.5');
  });

  it('passes at half the relative tolerance and fails at twice it, for any value and tolerance (property)', () => {
    const value = fc.double({ min: 1e-6, max: 1e6, noNaN: true }).chain((m) => fc.constantFrom(m, -m));
    fc.assert(
      fc.property(value, fc.integer({ min: 2, max: 12 }), fc.constantFrom(1, -1), (expected, digits, side) => {
        const relative = 10 ** -digits;
        passes(expected * (1 + (side * relative) / 2), expected, { relative });
        fails(expected * (1 + side * 2 * relative), expected, { relative });
      }),
      { seed: 20250601, numRuns: 300 },
    );
  });
});
