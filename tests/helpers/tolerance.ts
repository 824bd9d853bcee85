import { expect } from 'vitest';

/**
 * How close a number must be: |actual − expected| ≤ max(absolute, relative·|expected|).
 * Both default to 0, so an expected 0 needs an exact 0 unless `absolute` is given.
 */
export interface Tolerance {
  relative?: number;
  absolute?: number;
}

/**
 * The one tolerance check of the tests (stdlib's style: relative, scaled to the
 * value). Passes when |actual − expected| ≤ max(absolute, relative·|expected|).
 * A missing value (null or undefined) matches only a missing value, NaN only NaN,
 * and ±Infinity only itself. The failure message gives the value, the expected
 * value, the difference (and relative difference) and the tolerance.
 */
export function expectClose(
  actual: number | null | undefined,
  expected: number | null | undefined,
  { relative = 0, absolute = 0 }: Tolerance,
  label = '',
): void {
  const where = label === '' ? '' : `${label}: `;
  if (expected === null || expected === undefined || actual === null || actual === undefined) {
    expect(actual ?? null, `${where}value ${String(actual)}, expected ${String(expected)}`).toBe(expected ?? null);
    return;
  }
  if (Number.isNaN(expected) || Number.isNaN(actual) || !Number.isFinite(expected)) {
    expect(actual, `${where}value ${actual}, expected ${expected}`).toBe(expected);
    return;
  }
  const difference = Math.abs(actual - expected);
  const tolerance = Math.max(absolute, relative * Math.abs(expected));
  if (difference <= tolerance) return;
  const ratio = expected === 0 ? '' : ` (relative ${difference / Math.abs(expected)})`;
  expect.fail(
    `${where}value ${actual}, expected ${expected}, difference ${difference}${ratio}, ` +
      `tolerance ${tolerance} (max of absolute ${absolute} and relative ${relative} × |expected|)`,
  );
}
