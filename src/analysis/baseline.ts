import { binarySmd, continuousSmd } from '../stats/standardisedDifference.js';
import { meanSd } from '../stats/meanSd.js';
import type { PersonColumns } from '../table/types.js';

export interface ContinuousSummary {
  /** Persons with a value. */
  n: number;
  mean: number | null;
  /** Sample standard deviation (n − 1); null for n < 2. */
  sd: number | null;
  missing: number;
}

export interface BinarySummary {
  /** Persons with a value. */
  n: number;
  count: number;
  proportion: number | null;
  missing: number;
}

export type BaselineRow =
  | { variable: 'age'; hybrid: ContinuousSummary; usual: ContinuousSummary; smd: number | null }
  | { variable: 'gender'; level: 'F'; hybrid: BinarySummary; usual: BinarySummary; smd: number | null }
  | { variable: 'prior_work'; level: '1'; hybrid: BinarySummary; usual: BinarySummary; smd: number | null };

/**
 * Baseline characteristics by group for the covariates present in the input
 * (all persons, including those whose outcome is not yet registered), with
 * standardised mean differences (hybrid − usual) as defined by R's tableone
 * (Yang & Dalton 2012): continuous (m1 − m0)/√((s1² + s0²)/2) with n − 1 variances;
 * binary (p1 − p0)/√((p1(1 − p1) + p0(1 − p0))/2). tableone prints |smd|; here the
 * sign is kept (positive = higher in the hybrid group). smd is null when the
 * denominator is zero or a group has no values (tableone gives NaN).
 * Reference values: tests/fixtures/r/adjusted.R, by these formulas in R.
 */
export function baselineTable(cols: PersonColumns): BaselineRow[] {
  const rows: BaselineRow[] = [];
  if (cols.has.age) {
    const hybrid = continuousSummary(cols, 1);
    const usual = continuousSummary(cols, 0);
    rows.push({ variable: 'age', hybrid, usual, smd: continuousSmd(hybrid.mean, hybrid.sd, usual.mean, usual.sd) });
  }
  if (cols.has.gender) {
    const hybrid = binarySummary(cols, cols.female, 1);
    const usual = binarySummary(cols, cols.female, 0);
    rows.push({ variable: 'gender', level: 'F', hybrid, usual, smd: binarySmd(hybrid.proportion, usual.proportion) });
  }
  if (cols.has.priorWork) {
    const hybrid = binarySummary(cols, cols.priorWork, 1);
    const usual = binarySummary(cols, cols.priorWork, 0);
    rows.push({ variable: 'prior_work', level: '1', hybrid, usual, smd: binarySmd(hybrid.proportion, usual.proportion) });
  }
  return rows;
}

function continuousSummary(cols: PersonColumns, group: number): ContinuousSummary {
  let n = 0;
  let missing = 0;
  for (let i = 0; i < cols.n; i++) {
    if (cols.hybrid[i] !== group) continue;
    if (Number.isNaN(cols.age[i])) missing += 1;
    else n += 1;
  }
  const ages = new Float64Array(n);
  for (let i = 0, k = 0; i < cols.n; i++) {
    if (cols.hybrid[i] === group && !Number.isNaN(cols.age[i])) ages[k++] = cols.age[i];
  }
  return { n, ...meanSd(ages), missing };
}

function binarySummary(cols: PersonColumns, values: Int8Array, group: number): BinarySummary {
  let n = 0;
  let count = 0;
  let missing = 0;
  for (let i = 0; i < cols.n; i++) {
    if (cols.hybrid[i] !== group) continue;
    if (values[i] < 0) missing += 1;
    else {
      n += 1;
      count += values[i];
    }
  }
  return { n, count, proportion: n === 0 ? null : count / n, missing };
}
