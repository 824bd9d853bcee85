import gammaln from '@stdlib/math-base-special-gammaln';
import log1p from '@stdlib/math-base-special-log1p';
import { monteCarloHits } from './fisherMonteCarlo.js';
import { rByCLogPValue } from './fisherRByC.js';
import { twoByKLogPValue } from './fisherTwoByK.js';
import type { StatWarning } from './types.js';

export interface FisherOptions {
  /** Seed of the Monte Carlo generator (default 20221110), so output is deterministic. */
  seed?: number;
  /**
   * Work budget of the exact computation before it gives way to Monte Carlo: slice elements
   * for 2 x k (default unlimited up to k = 4, so always exact; FISHER_DEFAULT_MAX_TABLES
   * beyond), partial tables for r x c (default FISHER_DEFAULT_MAX_PARTIAL_TABLES).
   */
  maxTables?: number;
  /** Monte Carlo replicates B (default 100 000). */
  replicates?: number;
}

export interface FisherResult {
  /** The p-value; for 'exact', the exact p rounded to a double (0 where it is below about 5e-324). */
  pValue: number | null;
  method: 'exact' | 'monte-carlo';
  /**
   * Exact only: log10 of the exact p, finite where p itself underflows to 0 (absent where p
   * was shown to be below 1e-323 from a bound alone, see log10PValueAtMost).
   */
  log10PValue?: number;
  /** Exact only, where p was not summed: an upper bound on log10 p below -323, so p rounds to 0. */
  log10PValueAtMost?: number;
  /** Monte Carlo only: number of simulated tables B. */
  replicates?: number;
  /**
   * Monte Carlo only: simulated tables at most as probable as the observed one; p = (1 + hits) / (B + 1).
   * With few the estimate is coarse, and with none it says only that p is probably below about 3 / B.
   */
  hits?: number;
  /** Monte Carlo only: seed used. */
  seed?: number;
  /** Exact 2 x k only: number of tables with the observed margins (a count, may exceed 2^53). */
  tables?: number;
  warnings: StatWarning[];
}

import { FISHER_DEFAULT_SEED } from './defaults.js';
const FISHER_DEFAULT_REPLICATES = 100_000;
/** Budget of the exact 2 x k computation beyond k = 4, in slice elements (well under a second). */
const FISHER_DEFAULT_MAX_TABLES = 20_000_000;
/** Budget of the exact r x c computation, in partial tables (about a second). */
const FISHER_DEFAULT_MAX_PARTIAL_TABLES = 1_000_000;

/** R's 2x2 tie rule: d <= d_obs * (1 + 1e-7). */
const LOG_TOL_2X2 = log1p(1e-7);
/** FEXACT's TOL (R src/library/stats/src/fexact.c), added to the observed log-probability for r x c. */
const LOG_TOL_RXC = 3.45254e-7;

/**
 * Two-sided Fisher exact test of an r x c table of counts, as R's `fisher.test(x)`: the
 * p-value is the total probability, under the (multivariate) hypergeometric distribution with
 * the observed margins, of all tables whose probability is at most that of the observed
 * table. Ties use R's tolerances: relative 1e-7 for 2 x 2 (fisher.test's `relErr`),
 * log-space 3.45254e-7 otherwise (FEXACT's TOL). Empty rows and columns do not change the
 * p-value and are dropped first.
 *
 * 2 x k (and k x 2): exact at every size, by a sweep over pair totals whose work follows the
 * region of tables more probable than the observed one rather than the number of tables
 * (fisherTwoByK.ts). It grows as n log(1/p): for the 2 x 4 outcome table at the pilot's
 * proportions a few milliseconds up to 10 000 persons, 0.05 s at 100 000, 0.15 s near
 * 180 000 where p is near 1e-300 (a weak effect with such a p at 10^7 persons would take
 * seconds), and microseconds where a bound shows p below the smallest double (then p = 0
 * and log10PValueAtMost says how far below). p keeps about ten digits down to 1e-300, and
 * log10PValue is given where p itself underflows.
 * r x c with r, c >= 3: exact by the network algorithm's bounds (fisherRByC.ts), within a
 * budget of about a second.
 *
 * Beyond the budget (`maxTables`; never for 2 x k up to k = 4 unless asked), the p-value is
 * estimated as R's `simulate.p.value = TRUE`: p = (1 + #{sim: P_sim <= P_obs * tol}) / (B + 1),
 * tables of fixed margins drawn from a seeded stream (fisherMonteCarlo.ts). That estimate
 * cannot go below 1 / (B + 1), so it is only honest for p well above that; which was used is
 * in `method`, with a FISHER_MONTE_CARLO warning.
 *
 * @example fisherExact([[3, 1], [1, 3]]).pValue // 0.4857142857142857 (R: fisher.test)
 */
export function fisherExact(table: number[][], opts: FisherOptions = {}): FisherResult {
  const warnings: StatWarning[] = [];
  const nRow = table.length;
  const nCol = nRow > 0 ? table[0].length : 0;
  for (const row of table) {
    if (row.length !== nCol) throw new RangeError('fisherExact: rows of unequal length');
    for (const v of row) {
      if (!Number.isInteger(v) || v < 0) throw new RangeError(`fisherExact: counts must be non-negative integers, got ${v}`);
    }
  }
  const rowSums = table.map((row) => row.reduce((s, v) => s + v, 0));
  const colSums = Array.from({ length: nCol }, (_, j) => table.reduce((s, row) => s + row[j], 0));
  const rows = rowSums.flatMap((s, i) => (s > 0 ? [i] : []));
  const cols = colSums.flatMap((s, j) => (s > 0 ? [j] : []));
  if (rows.length < 2 || cols.length < 2) {
    warnings.push({
      code: 'SINGLE_TABLE',
      message: 'fewer than two non-empty rows or columns: only one table has these margins, so p = 1',
    });
    return { pValue: 1, method: 'exact', log10PValue: 0, tables: 1, warnings };
  }
  const reduced = rows.map((i) => cols.map((j) => table[i][j]));
  const twoByK = rows.length === 2 || cols.length === 2;
  const logTol = rows.length === 2 && cols.length === 2 ? LOG_TOL_2X2 : LOG_TOL_RXC;
  // 2 x k as column totals and the cells of the smaller row (the free row).
  const lines = rows.length === 2 ? cols.map((_, j) => [reduced[0][j], reduced[1][j]]) : reduced;
  const free = twoByK && lines.reduce((s, l) => s + l[0], 0) > lines.reduce((s, l) => s + l[1], 0) ? 1 : 0;
  const k = twoByK ? lines.length : 0;
  const maxSteps = opts.maxTables ?? (!twoByK ? FISHER_DEFAULT_MAX_PARTIAL_TABLES : k <= 4 ? Infinity : FISHER_DEFAULT_MAX_TABLES);

  if (twoByK) {
    const c = lines.map((l) => l[0] + l[1]);
    const x = lines.map((l) => l[free]);
    const exact = twoByKLogPValue(c, x, logTol, maxSteps);
    if (exact !== null) {
      const m = x.reduce((s, v) => s + v, 0);
      const tables = countTables(c, m);
      if (exact.logP === null) {
        return { pValue: 0, method: 'exact', log10PValueAtMost: exact.logUpper / Math.LN10, tables, warnings };
      }
      const logP = Math.min(0, exact.logP);
      return { pValue: Math.exp(logP), method: 'exact', log10PValue: logP / Math.LN10, tables, warnings };
    }
  } else {
    const logP = rByCLogPValue(reduced, logTol, maxSteps, logFactorials(rowSums.reduce((s, v) => s + v, 0)));
    if (logP !== null) {
      const clamped = Math.min(0, logP);
      return { pValue: Math.exp(clamped), method: 'exact', log10PValue: clamped / Math.LN10, warnings };
    }
  }

  const replicates = opts.replicates ?? FISHER_DEFAULT_REPLICATES;
  const seed = opts.seed ?? FISHER_DEFAULT_SEED;
  // Rows to draw, the last one left over; for 2 x k the free row first and the columns by (total, free cell).
  let sampled: number[][];
  if (twoByK) {
    const pairs = lines.map((l) => ({ x: l[free], y: l[1 - free], c: l[0] + l[1] })).sort((p, q) => p.c - q.c || p.x - q.x);
    sampled = [pairs.map((p) => p.x), pairs.map((p) => p.y)];
  } else {
    sampled = reduced;
  }
  const n = rowSums.reduce((s, v) => s + v, 0);
  const lf = logFactorials(n);
  let obsSum = 0;
  for (const row of sampled) for (const v of row) obsSum += lf(v);
  const hits = monteCarloHits(
    sampled.map((row) => row.reduce((s, v) => s + v, 0)),
    sampled[0].map((_, j) => sampled.reduce((s, row) => s + row[j], 0)),
    obsSum - logTol,
    replicates,
    seed,
    lf,
  );
  warnings.push({
    code: 'FISHER_MONTE_CARLO',
    params: { replicates, seed },
    message: `exact computation exceeds ${maxSteps} steps; p-value simulated from ${replicates} tables (seed ${seed})`,
  });
  return { pValue: (1 + hits) / (replicates + 1), method: 'monte-carlo', replicates, seed, hits, warnings };
}

/**
 * log(i!) = gammaln(i + 1), computed when first asked for (NaN marks "not yet") and kept in
 * a table shared by all calls, for the r x c enumeration and Monte Carlo.
 */
let logFactorialTable = new Float64Array(0);

/** log(i!) for 0 <= i <= n, from the shared table when n is moderate. */
function logFactorials(n: number): (i: number) => number {
  if (n > 5_000_000) return (i) => gammaln(i + 1);
  if (logFactorialTable.length <= n) {
    const grown = new Float64Array(Math.max(n + 1, Math.min(2 * logFactorialTable.length, 5_000_001))).fill(Number.NaN);
    grown.set(logFactorialTable);
    logFactorialTable = grown;
  }
  const cache = logFactorialTable;
  return (i) => {
    let v = cache[i];
    if (Number.isNaN(v)) {
      v = i < 2 ? 0 : gammaln(i + 1);
      cache[i] = v;
    }
    return v;
  };
}

/**
 * Number of 2 x k tables with column totals c and first-row total m: the solutions of
 * x_1 + ... + x_k = m with 0 <= x_j <= c_j, by inclusion-exclusion over the columns whose
 * bound is broken (exact in BigInt, then rounded to a double).
 */
function countTables(c: number[], m: number): number | undefined {
  const k = c.length;
  if (k > 20) return undefined;
  let count = 0n;
  for (let subset = 0; subset < 1 << k; subset++) {
    let rest = m;
    let sign = 1n;
    for (let j = 0; j < k; j++) {
      if (subset & (1 << j)) {
        rest -= c[j] + 1;
        sign = -sign;
      }
    }
    if (rest < 0) continue;
    // C(rest + k - 1, k - 1) solutions without upper bounds.
    let ways = 1n;
    for (let i = 1; i < k; i++) ways = (ways * BigInt(rest + i)) / BigInt(i);
    count += sign * ways;
  }
  return Number(count);
}
