/**
 * Small dense linear algebra for symmetric positive (semi-)definite matrices,
 * stored row-major in Float64Array (p × p). Enough for IRLS normal equations
 * and CMH covariance matrices of a few dozen rows; no external dependency.
 */

/** Relative pivot tolerance below which a column counts as linearly dependent. */
const DEFAULT_PIVOT_TOLERANCE = 1e-10;

/**
 * Cholesky factor L (lower, row-major) of a symmetric positive definite matrix,
 * or null when a pivot falls below `tol` times the original diagonal (singular or
 * not positive definite).
 */
export function cholesky(a: Float64Array, p: number, tol = DEFAULT_PIVOT_TOLERANCE): Float64Array | null {
  const l = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    let d = a[j * p + j];
    for (let k = 0; k < j; k++) d -= l[j * p + k] * l[j * p + k];
    const scale = Math.abs(a[j * p + j]);
    if (!(d > tol * scale) || !Number.isFinite(d)) return null;
    const ljj = Math.sqrt(d);
    l[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let s = a[i * p + j];
      for (let k = 0; k < j; k++) s -= l[i * p + k] * l[j * p + k];
      l[i * p + j] = s / ljj;
    }
  }
  return l;
}

/** Solves L Lᵀ x = b for x given the Cholesky factor L. */
export function choleskySolve(l: Float64Array, p: number, b: ArrayLike<number>): Float64Array {
  const y = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * p + k] * y[k];
    y[i] = s / l[i * p + i];
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < p; k++) s -= l[k * p + i] * x[k];
    x[i] = s / l[i * p + i];
  }
  return x;
}

/** Inverse of a symmetric positive definite matrix from its Cholesky factor. */
export function choleskyInverse(l: Float64Array, p: number): Float64Array {
  const inv = new Float64Array(p * p);
  const e = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    e.fill(0);
    e[j] = 1;
    const col = choleskySolve(l, p, e);
    for (let i = 0; i < p; i++) inv[i * p + j] = col[i];
  }
  // Symmetrise away rounding asymmetry.
  for (let i = 0; i < p; i++) {
    for (let j = i + 1; j < p; j++) {
      const m = (inv[i * p + j] + inv[j * p + i]) / 2;
      inv[i * p + j] = m;
      inv[j * p + i] = m;
    }
  }
  return inv;
}

/** Solves A x = b for symmetric positive definite A; null when A is singular. */
export function solveSpd(a: Float64Array, p: number, b: ArrayLike<number>, tol = DEFAULT_PIVOT_TOLERANCE): Float64Array | null {
  const l = cholesky(a, p, tol);
  return l === null ? null : choleskySolve(l, p, b);
}

/** Inverse of a symmetric positive definite A; null when A is singular. */
export function inverseSpd(a: Float64Array, p: number, tol = DEFAULT_PIVOT_TOLERANCE): Float64Array | null {
  const l = cholesky(a, p, tol);
  return l === null ? null : choleskyInverse(l, p);
}

/**
 * Columns of a Gram matrix XᵀX (p × p) that are linear combinations of earlier
 * columns, found by a left-to-right Cholesky that skips deficient pivots. Like
 * R's lm/glm (LINPACK dqrdc2 with limited pivoting), the later of two collinear
 * columns is the one reported as aliased.
 */
export function aliasedColumns(gram: Float64Array, p: number, tol = 1e-7): number[] {
  const l = new Float64Array(p * p);
  const kept: number[] = [];
  const aliased: number[] = [];
  for (let j = 0; j < p; j++) {
    let d = gram[j * p + j];
    for (const k of kept) d -= l[j * p + k] * l[j * p + k];
    // Squared-norm tolerance: residual norm below tol × original norm.
    if (!(d > tol * tol * gram[j * p + j]) || gram[j * p + j] === 0) {
      aliased.push(j);
      continue;
    }
    const ljj = Math.sqrt(d);
    l[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let s = gram[i * p + j];
      for (const k of kept) s -= l[i * p + k] * l[j * p + k];
      l[i * p + j] = s / ljj;
    }
    kept.push(j);
  }
  return aliased;
}
