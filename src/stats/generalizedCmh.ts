import { chiSquareUpperTail } from './distributions.js';
import { solveSpd } from './linalg.js';
import type { StatWarning, TestResult } from './types.js';

export interface GeneralizedCmhResult extends TestResult {
  /** Strata used (n ≥ 2). */
  strataUsed: number;
  /** Row and column indices (of the input tables) kept after dropping empty ones. */
  rowsKept: number[];
  columnsKept: number[];
  warnings: StatWarning[];
}

/**
 * Generalised Cochran–Mantel–Haenszel test of general association in K strata
 * of I×J tables (e.g. 2 groups × 4 outcomes per stratum), df = (I − 1)(J − 1).
 *
 * Matches R `mantelhaen.test(x)` on the I×J×K array with `x[i, j, k] =
 * strata[k][i][j]` (for I×J > 2×2 R applies no continuity correction). The
 * statistic is nᵀ V⁻¹ n with n the observed-minus-expected counts of the first
 * (I − 1)×(J − 1) cells and V their permutation covariance summed over strata.
 *
 * Deviations from R, all with warnings: strata with n < 2 are left out (R stops);
 * rows or columns that are empty in every stratum are dropped before the test
 * (`gcmh-empty-category`; R fails with a singular matrix) and df shrinks
 * accordingly; if V is still singular the result is null (`gcmh-singular-covariance`).
 */
export function generalizedCmh(strata: readonly (readonly (readonly number[])[])[]): GeneralizedCmhResult {
  const warnings: StatWarning[] = [];
  const I0 = strata.length > 0 ? strata[0].length : 0;
  const J0 = I0 > 0 ? strata[0][0].length : 0;
  const used = strata.filter((t) => sumTable(t) >= 2);
  const rowTotals = new Array<number>(I0).fill(0);
  const colTotals = new Array<number>(J0).fill(0);
  for (const t of used) {
    for (let i = 0; i < I0; i++)
      for (let j = 0; j < J0; j++) {
        rowTotals[i] += t[i][j];
        colTotals[j] += t[i][j];
      }
  }
  const rowsKept = rowTotals.flatMap((v, i) => (v > 0 ? [i] : []));
  const columnsKept = colTotals.flatMap((v, j) => (v > 0 ? [j] : []));
  if (rowsKept.length < I0 || columnsKept.length < J0) {
    const droppedRows = I0 - rowsKept.length;
    const droppedCols = J0 - columnsKept.length;
    warnings.push({
      code: 'GCMH_EMPTY_CATEGORY',
      params: { rows: droppedRows, columns: droppedCols },
      message: `Dropped ${droppedRows} empty row(s) and ${droppedCols} empty column(s) before the generalised CMH test; df reduced accordingly.`,
    });
  }
  const I = rowsKept.length;
  const J = columnsKept.length;
  const df = Math.max(0, (I - 1) * (J - 1));
  const nullResult = (code: string, message: string): GeneralizedCmhResult => ({
    statistic: null,
    df,
    pValue: null,
    strataUsed: used.length,
    rowsKept,
    columnsKept,
    warnings: [...warnings, { code, message }],
  });
  if (df === 0 || used.length === 0) {
    return nullResult('GCMH_NO_INFORMATION', 'Fewer than two groups or two outcomes occur, so the generalised CMH test is undefined.');
  }
  // Cell (i, j) of the reduced (I−1)×(J−1) block at index i + (I−1) j, as R's c(f[-I, -J]).
  const p = df;
  const obsMinusExp = new Float64Array(p);
  const cov = new Float64Array(p * p);
  for (const t of used) {
    const f = rowsKept.map((i) => columnsKept.map((j) => t[i][j]));
    const ntot = sumTable(f);
    const rows = f.map((r) => r.reduce((s, v) => s + v, 0));
    const cols = columnsKept.map((_, j) => f.reduce((s, r) => s + r[j], 0));
    const denom = ntot * ntot * (ntot - 1);
    for (let j = 0; j < J - 1; j++) {
      for (let i = 0; i < I - 1; i++) {
        const u = i + (I - 1) * j;
        obsMinusExp[u] += f[i][j] - (rows[i] * cols[j]) / ntot;
        for (let l = 0; l < J - 1; l++) {
          const colPart = (j === l ? ntot * cols[j] : 0) - cols[j] * cols[l];
          for (let k = 0; k < I - 1; k++) {
            const rowPart = (i === k ? ntot * rows[i] : 0) - rows[i] * rows[k];
            cov[u * p + (k + (I - 1) * l)] += (colPart * rowPart) / denom;
          }
        }
      }
    }
  }
  const solved = solveSpd(cov, p, obsMinusExp, 1e-9);
  if (solved === null) {
    return nullResult(
      'GCMH_SINGULAR_COVARIANCE',
      'The covariance matrix of the generalised CMH test is singular (e.g. every stratum lacks one group), so the test is undefined.',
    );
  }
  let statistic = 0;
  for (let u = 0; u < p; u++) statistic += obsMinusExp[u] * solved[u];
  return { statistic, df, pValue: chiSquareUpperTail(statistic, df), strataUsed: used.length, rowsKept, columnsKept, warnings };
}

function sumTable(t: readonly (readonly number[])[]): number {
  let s = 0;
  for (const r of t) for (const v of r) s += v;
  return s;
}
