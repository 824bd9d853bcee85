// LDLᵀ factorisation, solve and inverse of a symmetric non-negative definite
// p × p matrix (row-major, in place), as survival's cholesky2, chsolve2 and chinv2:
// a pivot below tol × the largest diagonal is set to 0 and its column is dropped.

/** Factor in place (D on the diagonal, unit-lower factor below it); returns the rank. */
export function factorLdl(a: Float64Array, p: number, tol: number): number {
  let eps = 0;
  for (let i = 0; i < p; i++) if (a[i * p + i] > eps) eps = a[i * p + i];
  if (eps === 0) {
    for (let i = 0; i < p; i++) a[i * p + i] = 0;
    return 0;
  }
  eps *= tol;
  let rank = 0;
  for (let i = 0; i < p; i++) {
    const pivot = a[i * p + i];
    if (!Number.isFinite(pivot) || pivot < eps) {
      a[i * p + i] = 0;
      continue;
    }
    rank++;
    for (let j = i + 1; j < p; j++) {
      const temp = a[j * p + i] / pivot;
      a[j * p + i] = temp;
      a[j * p + j] -= temp * temp * pivot;
      for (let k = j + 1; k < p; k++) a[k * p + j] -= temp * a[k * p + i];
    }
  }
  return rank;
}

/** Overwrites y with A⁻y from the factor (0 for dropped columns). */
export function solveLdl(f: Float64Array, p: number, y: Float64Array): void {
  for (let i = 0; i < p; i++) {
    let temp = y[i];
    for (let j = 0; j < i; j++) temp -= y[j] * f[i * p + j];
    y[i] = temp;
  }
  for (let i = p - 1; i >= 0; i--) {
    if (f[i * p + i] === 0) {
      y[i] = 0;
      continue;
    }
    let temp = y[i] / f[i * p + i];
    for (let j = i + 1; j < p; j++) temp -= y[j] * f[j * p + i];
    y[i] = temp;
  }
}

/** Generalised inverse from the factor (zero rows and columns for dropped columns), as a new symmetric matrix. */
export function invertLdl(factor: Float64Array, p: number): Float64Array {
  const a = factor.slice();
  for (let i = 0; i < p; i++) {
    if (a[i * p + i] > 0) {
      a[i * p + i] = 1 / a[i * p + i];
      for (let j = i + 1; j < p; j++) {
        a[j * p + i] = -a[j * p + i];
        for (let k = 0; k < i; k++) a[j * p + k] += a[j * p + i] * a[i * p + k];
      }
    }
  }
  for (let i = 0; i < p; i++) {
    if (a[i * p + i] === 0) {
      for (let j = 0; j < i; j++) a[j * p + i] = 0;
      for (let j = i; j < p; j++) a[i * p + j] = 0;
    } else {
      for (let j = i + 1; j < p; j++) {
        const temp = a[j * p + i] * a[j * p + j];
        a[i * p + j] = temp;
        for (let k = i; k < j; k++) a[i * p + k] += temp * a[j * p + k];
      }
    }
  }
  for (let i = 1; i < p; i++) for (let j = 0; j < i; j++) a[i * p + j] = a[j * p + i];
  return a;
}
