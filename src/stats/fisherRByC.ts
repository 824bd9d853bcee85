import { logHypergeometricDensity } from './hypergeometricLogDensity.js';

/**
 * The exact two-sided Fisher p-value of an r x c table (both at least 3), as R's
 * fisher.test (FEXACT): the total probability of the tables with the observed margins whose
 * probability is at most the observed one's times e^logTol. P(table) is proportional to
 * 1 / prod x_ij!, so a table counts when its sum of log(x_ij!) ("its length") is at least
 * the observed length less logTol.
 *
 * Method: depth first over the columns (the largest last, where it is what is left), with
 * the network algorithm's two shortcuts (Mehta and Patel 1983): at a partial table, bounds on
 * the length of every completion come from each remaining column alone (the most even split
 * under the remaining row totals gives the least, filling the largest rows first the most;
 * both are bounds because they drop the row constraints), and likewise from each row alone;
 * the tighter of the two is used. If even the least completion
 * counts, the subtree's whole probability is added in closed form (the multivariate
 * Vandermonde identity: the completions sum to N! / prod R_i! over prod C_j!); if even the
 * longest does not, the subtree is skipped. (Merging partial tables by their remaining row
 * totals, as FEXACT does, was tried: with these bounds it kept too many distinct lengths per
 * node and was slower.) Returns null after `maxNodes` partial tables.
 *
 * @example rByCLogPValue([[2, 0, 0], [0, 2, 0], [0, 0, 2]], 3.45254e-7, 1e6, lf) // log(1 / 15), R's p
 */
export function rByCLogPValue(table: number[][], logTol: number, maxNodes: number, lf: (i: number) => number): number | null {
  // Fewer rows than columns: each column is then a split over fewer rows.
  let rows = table;
  if (rows.length > rows[0].length) rows = rows[0].map((_, j) => rows.map((row) => row[j]));
  const r = rows.length;
  const colTotals = rows[0].map((_, j) => rows.reduce((s, row) => s + row[j], 0));
  const order = colTotals.map((_, j) => j).sort((i, j) => colTotals[i] - colTotals[j]);
  const C = order.map((j) => colTotals[j]);
  const cells = rows.map((row) => order.map((j) => row[j]));
  const c = C.length;
  const rowTotals = cells.map((row) => row.reduce((s, v) => s + v, 0));
  const n = rowTotals.reduce((s, v) => s + v, 0);

  // log P_obs, column by column, each column cell by cell (sequential hypergeometric densities).
  let logObs = 0;
  {
    const left = [...rowTotals];
    let pool = n;
    for (let j = 0; j < c - 1; j++) {
      let need = C[j];
      let rest = pool;
      for (let i = 0; i < r - 1; i++) {
        rest -= left[i];
        logObs += logHypergeometricDensity(cells[i][j], left[i], rest, need);
        need -= cells[i][j];
      }
      for (let i = 0; i < r; i++) left[i] -= cells[i][j];
      pool -= C[j];
    }
  }
  let obsLength = 0;
  for (const row of cells) for (const v of row) obsLength += lf(v);
  const need = obsLength - logTol;
  const suffixLf = new Array<number>(c + 1).fill(0);
  const suffixTotal = new Array<number>(c + 1).fill(0);
  for (let j = c - 1; j >= 0; j--) {
    suffixLf[j] = suffixLf[j + 1] + lf(C[j]);
    suffixTotal[j] = suffixTotal[j + 1] + C[j];
  }

  let nodes = 0;
  // The tables counted, relative to P_obs.
  let sum = 0;
  const visit = (j: number, left: number[], past: number): boolean => {
    if (++nodes > maxNodes) return false;
    if (j === c - 1) {
      let length = past;
      for (let i = 0; i < r; i++) length += lf(left[i]);
      if (length >= need) sum += Math.exp(obsLength - length);
      return true;
    }
    // Each column alone (row totals as caps), and each row alone (column totals as caps).
    let least = 0;
    let most = 0;
    for (let jj = j; jj < c; jj++) {
      least += evenSplitLength(C[jj], left, lf);
      most += greedySplitLength(C[jj], left, lf);
    }
    const rest = C.slice(j);
    let leastByRow = 0;
    let mostByRow = 0;
    for (let i = 0; i < r; i++) {
      leastByRow += evenSplitLength(left[i], rest, lf);
      mostByRow += greedySplitLength(left[i], rest, lf);
    }
    least = Math.max(least, leastByRow);
    most = Math.min(most, mostByRow);
    if (past + least >= need) {
      // Every completion counts: the sum of prod C_j! / prod x_ij! over them is N! / prod R_i!.
      let logMass = obsLength - past + lf(suffixTotal[j]) - suffixLf[j];
      for (let i = 0; i < r; i++) logMass -= lf(left[i]);
      sum += Math.exp(logMass);
      return true;
    }
    if (past + most < need) return true;
    // Every split x of C[j] over the rows (within the row totals left), row by row.
    const x = new Array<number>(r).fill(0);
    const split = (i: number, remaining: number, length: number): boolean => {
      if (i === r - 1) {
        if (remaining > left[i]) return true;
        x[i] = remaining;
        return visit(
          j + 1,
          left.map((v, t) => v - x[t]),
          past + length + lf(remaining),
        );
      }
      let capAfter = 0;
      for (let t = i + 1; t < r; t++) capAfter += left[t];
      const lo = Math.max(0, remaining - capAfter);
      const hi = Math.min(left[i], remaining);
      for (let v = lo; v <= hi; v++) {
        x[i] = v;
        if (!split(i + 1, remaining - v, length + lf(v))) return false;
      }
      return true;
    };
    return split(0, C[j], 0);
  };
  if (!visit(0, rowTotals, 0)) return null;
  return logObs + Math.log(sum);
}

/** The least sum of log(x_i!) over splits of `total` with x_i <= caps[i]: the most even split (water-filling). */
function evenSplitLength(total: number, caps: number[], lf: (i: number) => number): number {
  const sorted = [...caps].sort((a, b) => a - b);
  let remaining = total;
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) {
    const parts = sorted.length - i;
    const share = Math.floor(remaining / parts);
    if (sorted[i] <= share) {
      sum += lf(sorted[i]);
      remaining -= sorted[i];
      continue;
    }
    // The rest are all above the even share: split evenly, the remainder one each.
    const extra = remaining - share * parts;
    return sum + extra * lf(share + 1) + (parts - extra) * lf(share);
  }
  return sum;
}

/** The largest sum of log(x_i!) over splits of `total` with x_i <= caps[i]: the largest rows filled first. */
function greedySplitLength(total: number, caps: number[], lf: (i: number) => number): number {
  const sorted = [...caps].sort((a, b) => b - a);
  let remaining = total;
  let sum = 0;
  for (const cap of sorted) {
    if (remaining === 0) break;
    const v = Math.min(cap, remaining);
    sum += lf(v);
    remaining -= v;
  }
  return sum;
}
