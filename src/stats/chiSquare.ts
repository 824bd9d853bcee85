import { chiSquareUpperTail } from './distributions.js';
import type { StatWarning, TestResult } from './types.js';

export interface ChiSquareResult extends TestResult {
  /** Smallest expected count among the cells actually tested (null when no test). */
  expectedMin: number | null;
  /** Number of tested cells with expected count below 5. */
  sparseCells: number;
  warnings: StatWarning[];
}

/**
 * Pearson chi-square test of independence for an r x c table of counts, as R's
 * `chisq.test(x, correct = FALSE)`: X^2 = sum (O - E)^2 / E with E = rowSum * colSum / n,
 * df = (r - 1)(c - 1), p = pchisq(X^2, df, lower.tail = FALSE) computed as a direct upper tail.
 *
 * Where R returns NaN (a row or column with total 0), empty rows and columns are dropped,
 * df is reduced accordingly and an `EMPTY_CATEGORY_DROPPED` warning is added. If fewer than
 * two rows or two columns remain, statistic and pValue are null (`TOO_FEW_CATEGORIES`).
 * `EXPECTED_BELOW_5` is added when any tested cell has expected count below 5.
 */
export function pearsonChiSquare(table: number[][]): ChiSquareResult {
  const nRow = table.length;
  const nCol = nRow > 0 ? table[0].length : 0;
  for (const row of table) {
    if (row.length !== nCol) throw new RangeError('pearsonChiSquare: rows of unequal length');
    for (const v of row) {
      if (!Number.isFinite(v) || v < 0) throw new RangeError(`pearsonChiSquare: invalid count ${v}`);
    }
  }
  const warnings: StatWarning[] = [];
  const rowSums = table.map((row) => row.reduce((s, v) => s + v, 0));
  const colSums = Array.from({ length: nCol }, (_, j) => table.reduce((s, row) => s + row[j], 0));
  const keepRows = rowSums.flatMap((s, i) => (s > 0 ? [i] : []));
  const keepCols = colSums.flatMap((s, j) => (s > 0 ? [j] : []));
  const droppedRows = nRow - keepRows.length;
  const droppedCols = nCol - keepCols.length;
  if (droppedRows > 0 || droppedCols > 0) {
    warnings.push({
      code: 'EMPTY_CATEGORY_DROPPED',
      params: { rows: droppedRows, columns: droppedCols },
      message: `dropped ${droppedRows} empty row(s) and ${droppedCols} empty column(s) before the chi-square test`,
    });
  }
  if (keepRows.length < 2 || keepCols.length < 2) {
    warnings.push({
      code: 'TOO_FEW_CATEGORIES',
      message: 'chi-square test needs at least two non-empty rows and two non-empty columns',
    });
    return { statistic: null, df: 0, pValue: null, expectedMin: null, sparseCells: 0, warnings };
  }
  const n = keepRows.reduce((s, i) => s + rowSums[i], 0);
  let statistic = 0;
  let expectedMin = Infinity;
  let sparseCells = 0;
  for (const i of keepRows) {
    for (const j of keepCols) {
      const expected = (rowSums[i] * colSums[j]) / n;
      const diff = table[i][j] - expected;
      statistic += (diff * diff) / expected;
      if (expected < expectedMin) expectedMin = expected;
      if (expected < 5) sparseCells += 1;
    }
  }
  if (sparseCells > 0) {
    warnings.push({
      code: 'EXPECTED_BELOW_5',
      params: { cells: sparseCells, smallestExpected: expectedMin },
      message: `${sparseCells} cell(s) have expected count below 5 (minimum ${expectedMin.toPrecision(3)}); the chi-square approximation may be poor`,
    });
  }
  const df = (keepRows.length - 1) * (keepCols.length - 1);
  return { statistic, df, pValue: chiSquareUpperTail(statistic, df), expectedMin, sparseCells, warnings };
}
