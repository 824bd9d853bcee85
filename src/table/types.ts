import type { Outcome } from '../ingest/types.js';

/** Index of "outcome not yet registered" in the outcome axis of OutcomeCounts. */
export const MISSING_OUTCOME = 4;
/** Group axis: 0 = hybrid, 1 = usual (the order of GROUPS). */
export const HYBRID = 0;
export const USUAL = 1;

/**
 * Sufficient statistics for the crude and stratified analyses:
 * counts[office][group][outcome], outcome 0..3 as OUTCOMES and 4 = missing,
 * stored flat as counts[(office * 2 + group) * 5 + outcome].
 */
export interface OutcomeCounts {
  offices: string[];
  counts: Float64Array;
}

/**
 * Person-level columns for the adjusted analyses, in typed arrays.
 * Missing values: -1 for codes, NaN for age.
 */
export interface PersonColumns {
  n: number;
  /** Office names; office[i] indexes this array. Sorted by code point. */
  offices: string[];
  /** Counsellor keys (office + counsellor id); counsellor[i] indexes this array or is -1. */
  counsellors: string[];
  office: Int32Array;
  counsellor: Int32Array;
  /** 1 = hybrid, 0 = usual. */
  hybrid: Uint8Array;
  /** Index into OUTCOMES, or -1 when not registered. */
  outcome: Int8Array;
  age: Float64Array;
  /** 1 = F, 0 = M, -1 missing. */
  female: Int8Array;
  /** 1 = prior work, 0 = none, -1 missing. */
  priorWork: Int8Array;
  /** Which optional columns were present in the input at all. */
  has: { counsellor: boolean; age: boolean; gender: boolean; priorWork: boolean };
}

/** Columns for n persons, every cell 0, to be filled in. */
export function emptyPersonColumns(n: number, offices: string[], counsellors: string[], has: PersonColumns['has']): PersonColumns {
  return {
    n,
    offices,
    counsellors,
    office: new Int32Array(n),
    counsellor: new Int32Array(n),
    hybrid: new Uint8Array(n),
    outcome: new Int8Array(n),
    age: new Float64Array(n),
    female: new Int8Array(n),
    priorWork: new Int8Array(n),
    has,
  };
}
