/** Eigenvalues (descending, as R's eigen(symmetric = TRUE)) and orthonormal eigenvectors. */
export interface SymmetricEigen {
  values: Float64Array;
  /** Row-major p × p; column k is the eigenvector of values[k]. */
  vectors: Float64Array;
}

const MAX_SWEEPS = 100;

/**
 * Eigen-decomposition A = V diag(λ) Vᵀ of a small symmetric matrix (row-major
 * p × p, only its upper triangle is read) by the cyclic Jacobi method with
 * Rutishauser's rotation formulas (Golub & Van Loan, Matrix Computations, §8.5).
 * Jacobi is slower than tridiagonal QR but simple and accurate to a few ulps of
 * ‖A‖ for every eigenvalue, which is all the p × p matrices of a regression need.
 *
 * @example symmetricEigen(Float64Array.of(2, 1, 1, 2), 2).values // [3, 1]
 */
export function symmetricEigen(matrix: ArrayLike<number>, p: number): SymmetricEigen {
  const a = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = i; j < p; j++) {
      a[i * p + j] = matrix[i * p + j];
      a[j * p + i] = matrix[i * p + j];
    }
  }
  const v = new Float64Array(p * p);
  for (let i = 0; i < p; i++) v[i * p + i] = 1;
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < p; i++) {
      diag += a[i * p + i] * a[i * p + i];
      for (let j = i + 1; j < p; j++) off += a[i * p + j] * a[i * p + j];
    }
    if (off === 0 || off <= 1e-32 * diag) break;
    for (let i = 0; i < p - 1; i++) {
      for (let j = i + 1; j < p; j++) rotate(a, v, p, i, j);
    }
  }
  const order = Array.from({ length: p }, (_, k) => k).sort((k, l) => a[l * p + l] - a[k * p + k]);
  const values = Float64Array.from(order, (k) => a[k * p + k]);
  const vectors = new Float64Array(p * p);
  for (let c = 0; c < p; c++) for (let r = 0; r < p; r++) vectors[r * p + c] = v[r * p + order[c]];
  return { values, vectors };
}

/** One Jacobi rotation in the (i, j) plane that zeroes a[i, j]; accumulates it into v. */
function rotate(a: Float64Array, v: Float64Array, p: number, i: number, j: number): void {
  const aij = a[i * p + j];
  if (aij === 0) return;
  const theta = (a[j * p + j] - a[i * p + i]) / (2 * aij);
  const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  const tau = s / (1 + c);
  a[i * p + i] -= t * aij;
  a[j * p + j] += t * aij;
  a[i * p + j] = 0;
  a[j * p + i] = 0;
  for (let k = 0; k < p; k++) {
    if (k !== i && k !== j) {
      const aki = a[k * p + i];
      const akj = a[k * p + j];
      const ki = aki - s * (akj + tau * aki);
      const kj = akj + s * (aki - tau * akj);
      a[k * p + i] = ki;
      a[i * p + k] = ki;
      a[k * p + j] = kj;
      a[j * p + k] = kj;
    }
    const vki = v[k * p + i];
    const vkj = v[k * p + j];
    v[k * p + i] = vki - s * (vkj + tau * vki);
    v[k * p + j] = vkj + s * (vki - tau * vkj);
  }
}
