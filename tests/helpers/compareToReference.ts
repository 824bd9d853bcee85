import { expect } from 'vitest';
import { expectClose } from './tolerance.js';

/** Keys whose values are counts and must match exactly. */
const COUNT_KEYS = new Set([
  'n',
  'count',
  'positive',
  'outcomeMissing',
  'rowsAccepted',
  'df',
  'job',
  'apprenticeship',
  'education',
  'none',
  'clusters',
  'hybrid',
  'usual',
  'atRisk',
  'events',
  'strata',
]);

/**
 * Walks an R reference object and checks every leaf in `actual` at the same path:
 * counts exactly, other numbers within `relTol` relative or 1e-12 absolute, whichever
 * is larger (R's iterative fits stop a hair from a boundary: τ² = 3e-13 for 0; for I², 1e-10), null as null. Keys present in `actual` only are ignored.
 */
export function expectMatchesReference(actual: unknown, expected: unknown, relTol: number, path = '$'): void {
  if (expected === null) {
    expect(actual, `${path} should be null`).toBeNull();
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), `${path} should be an array`).toBe(true);
    expect((actual as unknown[]).length, `${path} length`).toBe(expected.length);
    expected.forEach((e, i) => {
      expectMatchesReference((actual as unknown[])[i], e, relTol, `${path}[${i}]`);
    });
    return;
  }
  if (typeof expected === 'object') {
    expect(actual !== null && typeof actual === 'object', `${path} should be an object`).toBe(true);
    for (const [key, value] of Object.entries(expected as Record<string, unknown>)) {
      expect(key in (actual as Record<string, unknown>), `${path}.${key} is missing`).toBe(true);
      expectMatchesReference((actual as Record<string, unknown>)[key], value, relTol, `${path}.${key}`);
    }
    return;
  }
  if (typeof expected === 'number') {
    expect(typeof actual, `${path} should be a number, got ${JSON.stringify(actual)}`).toBe('number');
    const a = actual as number;
    const key = path.slice(path.lastIndexOf('.') + 1);
    if (COUNT_KEYS.has(key) && Number.isInteger(expected)) {
      expect(a, `${path}: count`).toBe(expected);
      return;
    }
    // I² = τ²/(τ² + s²) inherits τ²'s stop short of the boundary 0 (about 1e-13), magnified by 1/s².
    expectClose(a, expected, { relative: relTol, absolute: key === 'i2' ? 1e-10 : 1e-12 }, path);
    return;
  }
  expect(actual, path).toBe(expected);
}
