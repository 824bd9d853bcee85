/**
 * Dense Cholesky solve/inverse and aliased-column detection. Identities rather
 * than R values: A·A⁻¹ = I, A·x = b, and the later of two collinear columns is
 * aliased, as R's lm/glm report it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aliasedColumns, inverseSpd, solveSpd } from '../../src/stats/linalg.js';
import { expectClose } from '../helpers/tolerance.js';

function gram(rows: number[][]): Float64Array {
  const p = rows[0].length;
  const g = new Float64Array(p * p);
  for (const r of rows) for (let j = 0; j < p; j++) for (let k = 0; k < p; k++) g[j * p + k] += r[j] * r[k];
  return g;
}

describe('linalg (Cholesky)', () => {
  it('solves and inverts random positive definite matrices', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 6 })
          .chain((p) =>
            fc.tuple(
              fc.constant(p),
              fc.array(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: p, maxLength: p }), { minLength: p + 3, maxLength: p + 10 }),
            ),
          ),
        ([p, rows]) => {
          const a = gram(rows);
          for (let j = 0; j < p; j++) a[j * p + j] += 1; // well conditioned
          const inv = inverseSpd(a, p)!;
          for (let i = 0; i < p; i++) {
            for (let j = 0; j < p; j++) {
              let s = 0;
              for (let k = 0; k < p; k++) s += a[i * p + k] * inv[k * p + j];
              expectClose(s, i === j ? 1 : 0, { absolute: 1e-9 });
            }
          }
          const b = Array.from({ length: p }, (_, i) => i + 1);
          const x = solveSpd(a, p, b)!;
          for (let i = 0; i < p; i++) {
            let s = 0;
            for (let k = 0; k < p; k++) s += a[i * p + k] * x[k];
            expectClose(s, b[i], { absolute: 1e-8 * (1 + Math.abs(b[i])) });
          }
        },
      ),
      { seed: 3, numRuns: 100 },
    );
  });

  it('reports singular matrices as null and the later collinear column as aliased', () => {
    const rows = [
      [1, 0, 1, 2],
      [1, 1, 0, 3],
      [1, 0, 1, 5],
      [1, 1, 0, 1],
    ];
    const g = gram(rows);
    expect(inverseSpd(g, 4)).toBeNull();
    expect(aliasedColumns(g, 4)).toEqual([2]);
  });
});
