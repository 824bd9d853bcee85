/** Plain dense matrices as arrays of rows, for the independent implementations: nothing clever. */
export type Matrix = number[][];

export function zeros(rows: number, cols: number): Matrix {
  return Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
}

export function transpose(a: Matrix): Matrix {
  return a[0].map((_, j) => a.map((row) => row[j]));
}

export function multiply(a: Matrix, b: Matrix): Matrix {
  const out = zeros(a.length, b[0].length);
  for (let i = 0; i < a.length; i++) {
    for (let k = 0; k < b.length; k++) {
      for (let j = 0; j < b[0].length; j++) out[i][j] += a[i][k] * b[k][j];
    }
  }
  return out;
}

/** A·v for a vector v. */
export function timesVector(a: Matrix, v: number[]): number[] {
  return a.map((row) => row.reduce((s, aij, j) => s + aij * v[j], 0));
}

/** A⁻¹ by Gauss–Jordan elimination with partial pivoting; throws when A is singular. */
export function inverse(a: Matrix): Matrix {
  const n = a.length;
  const m = a.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    if (m[pivot][col] === 0) throw new Error('inverse: singular matrix');
    [m[col], m[pivot]] = [m[pivot], m[col]];
    const d = m[col][col];
    for (let j = 0; j < 2 * n; j++) m[col][j] /= d;
    for (let r = 0; r < n; r++) {
      const f = m[r][col];
      if (r === col || f === 0) continue;
      for (let j = 0; j < 2 * n; j++) m[r][j] -= f * m[col][j];
    }
  }
  return m.map((row) => row.slice(n));
}

/**
 * Eigenvalues and eigenvectors (the columns of `vectors`) of a symmetric matrix by
 * cyclic Jacobi rotations (Numerical Recipes §11.1), swept until the off-diagonal
 * part is below 1e-15 of the whole (Frobenius norms).
 */
export function jacobiEigen(a: Matrix): { values: number[]; vectors: Matrix } {
  const n = a.length;
  const m = a.map((row) => row.slice());
  const v: Matrix = zeros(n, n).map((row, i) => row.map((_, j) => (i === j ? 1 : 0)));
  let total = 0;
  for (const row of m) for (const x of row) total += x * x;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += m[p][q] * m[p][q];
    if (off <= 1e-30 * total) return { values: m.map((row, i) => row[i]), vectors: v };
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (m[p][q] === 0) continue;
        const theta = (m[q][q] - m[p][p]) / (2 * m[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k][p];
          m[k][p] = c * mkp - s * m[k][q];
          m[k][q] = s * mkp + c * m[k][q];
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p][k];
          m[p][k] = c * mpk - s * m[q][k];
          m[q][k] = s * mpk + c * m[q][k];
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k][p];
          v[k][p] = c * vkp - s * v[k][q];
          v[k][q] = s * vkp + c * v[k][q];
        }
      }
    }
  }
  throw new Error('jacobiEigen: no convergence');
}
