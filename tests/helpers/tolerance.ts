import { expect } from 'vitest';

/**
 * Asserts |actual - expected| <= relTol * |expected| (so expected 0 needs actual exactly 0).
 * null / undefined must match exactly. On failure the message shows the value, the expected
 * value, the difference, the relative difference and the tolerance.
 */
export function expectClose(actual: number | null | undefined, expected: number | null | undefined, relTol: number, label = ''): void {
  const where = label ? `${label}: ` : '';
  if (expected === null || expected === undefined || actual === null || actual === undefined) {
    expect(actual ?? null, `${where}expected ${String(expected)}, got ${String(actual)}`).toBe(expected ?? null);
    return;
  }
  const diff = Math.abs(actual - expected);
  const ok = diff <= relTol * Math.abs(expected);
  if (!ok) {
    const rel = expected === 0 ? Infinity : diff / Math.abs(expected);
    expect.fail(
      `${where}actual ${actual} expected ${expected} difference ${diff} (relative ${rel}) tolerance ${relTol} relative`,
    );
  }
}

/**
 * Relative closeness to an R reference: |actual − expected| ≤ tol·|expected|, and
 * |actual| < 1e-300 when the reference is 0. The failure names value, reference,
 * difference and tolerance.
 */
export function expectRelativelyClose(actual: number | null, expected: number, tol = 1e-6): void {
  expect(actual).not.toBeNull();
  const a = actual as number;
  if (expected === 0) {
    expect(Math.abs(a)).toBeLessThan(1e-300);
    return;
  }
  const diff = Math.abs(a - expected);
  const bound = tol * Math.abs(expected);
  if (!(diff <= bound)) throw new Error(`value ${a}, expected ${expected}, difference ${diff}, tolerance ${bound}`);
}
