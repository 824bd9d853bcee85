/**
 * Fisher's exact test of an r × c table by brute force: every table with the observed
 * margins is listed, its probability under the multivariate hypergeometric taken from
 * log-factorials summed by a loop,
 *   P(t) = Π r_i! Π c_j! / (n! Π t_ij!),
 * and p = min(1, Σ P(t) over tables with P(t) ≤ P(observed) · tolerance), as R's
 * fisher.test: tolerance 1 + 1e-7 for a 2 × 2 table (its relErr), exp(3.45254e-7) for
 * larger ones (FEXACT's TOL). Empty rows and columns are dropped first, as they allow
 * one value only. Only for small tables: the work is the number of tables.
 */
export function fisherByEnumeration(table: number[][]): { pValue: number; tables: number } {
  const full = table.filter((row) => row.some((v) => v > 0));
  const keep = table[0].map((_, j) => j).filter((j) => full.some((row) => row[j] > 0));
  const t = full.map((row) => keep.map((j) => row[j]));
  const rows = t.map((row) => row.reduce((s, v) => s + v, 0));
  const cols = keep.map((_, j) => t.reduce((s, row) => s + row[j], 0));
  const n = rows.reduce((s, v) => s + v, 0);
  const logFactorial = [0];
  for (let i = 1; i <= n; i++) logFactorial.push(logFactorial[i - 1] + Math.log(i));
  const margins = [...rows, ...cols].reduce((s, v) => s + logFactorial[v], 0) - logFactorial[n];
  const logP = (cells: number[][]) => cells.flat().reduce((s, v) => s - logFactorial[v], margins);

  const r = rows.length;
  const c = cols.length;
  if (r < 2 || c < 2) return { pValue: 1, tables: 1 };
  const tolerance = r === 2 && c === 2 ? 1 + 1e-7 : Math.exp(3.45254e-7);
  const observed = Math.exp(logP(t));
  let pValue = 0;
  let tables = 0;
  // Cells are filled row by row; the last cell of a row and the whole last row follow from the margins.
  const cells = rows.map(() => new Array<number>(c).fill(0));
  const fill = (i: number, j: number, rowLeft: number, colLeft: number[]): void => {
    if (i === r - 1) {
      cells[i] = colLeft.slice();
      tables += 1;
      const probability = Math.exp(logP(cells));
      if (probability <= observed * tolerance) pValue += probability;
      return;
    }
    if (j === c - 1) {
      if (rowLeft > colLeft[j]) return;
      cells[i][j] = rowLeft;
      const next = colLeft.slice();
      next[j] -= rowLeft;
      fill(i + 1, 0, rows[i + 1], next);
      return;
    }
    for (let v = 0; v <= Math.min(rowLeft, colLeft[j]); v++) {
      cells[i][j] = v;
      const next = colLeft.slice();
      next[j] -= v;
      fill(i, j + 1, rowLeft - v, next);
    }
  };
  fill(0, 0, rows[0], cols);
  return { pValue: Math.min(1, pValue), tables };
}
