/**
 * Jacobi eigen-decomposition, checked by identities rather than R values:
 * A V = V Λ, VᵀV = I, the trace and descending order; closed forms for 2 × 2.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { symmetricEigen } from '../../src/stats/symmetricEigen.js';
import { expectClose } from '../helpers/tolerance.js';

const symmetricMatrix = fc.integer({ min: 1, max: 9 }).chain((p) =>
  fc.tuple(fc.constant(p), fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: p * p, maxLength: p * p })).map(([n, cells]) => {
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) a[i * n + j] = a[j * n + i] = cells[i * n + j];
    return { p: n, a };
  }),
);

describe('symmetricEigen', () => {
  it('satisfies A V = V Λ and VᵀV = I, keeps the trace and sorts descending', () => {
    fc.assert(
      fc.property(symmetricMatrix, ({ p, a }) => {
        const { values, vectors: v } = symmetricEigen(a, p);
        const norm = Math.sqrt(a.reduce((s, x) => s + x * x, 0)) || 1;
        let trace = 0;
        for (let i = 0; i < p; i++) trace += a[i * p + i];
        expectClose(
          values.reduce((s, x) => s + x, 0),
          trace,
          { absolute: 1e-13 * norm * p },
        );
        for (let k = 1; k < p; k++) expect(values[k]).toBeLessThanOrEqual(values[k - 1]);
        let residual = 0;
        let orthogonality = 0;
        for (let i = 0; i < p; i++) {
          for (let k = 0; k < p; k++) {
            let av = 0;
            let vv = 0;
            for (let j = 0; j < p; j++) {
              av += a[i * p + j] * v[j * p + k];
              vv += v[j * p + i] * v[j * p + k];
            }
            residual = Math.max(residual, Math.abs(av - values[k] * v[i * p + k]));
            orthogonality = Math.max(orthogonality, Math.abs(vv - (i === k ? 1 : 0)));
          }
        }
        expect(residual).toBeLessThanOrEqual(1e-13 * norm * p);
        expect(orthogonality).toBeLessThanOrEqual(1e-14 * p);
      }),
      { seed: 20240611, numRuns: 300 },
    );
  });

  it('matches the closed form of a 2 × 2 matrix', () => {
    const [a, b, d] = [3, 1.5, -2];
    const mid = (a + d) / 2;
    const rad = Math.hypot((a - d) / 2, b);
    const { values, vectors } = symmetricEigen(Float64Array.of(a, b, b, d), 2);
    expectClose(values[0], mid + rad, { absolute: 5e-15 });
    expectClose(values[1], mid - rad, { absolute: 5e-15 });
    // First eigenvector ∝ (b, λ₁ − a).
    expectClose(vectors[0] * (values[0] - a) - vectors[2] * b, 0, { absolute: 5e-15 });
  });

  it('returns a diagonal matrix as it is, with repeated eigenvalues and a zero', () => {
    const { values, vectors } = symmetricEigen(Float64Array.of(0, 0, 0, 0, 2, 0, 0, 0, 2), 3);
    expect([...values]).toEqual([2, 2, 0]);
    expect(Math.abs(vectors[0 * 3 + 2])).toBe(1);
  });
});
