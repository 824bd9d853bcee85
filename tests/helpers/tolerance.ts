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
