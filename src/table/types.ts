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

/** Day number standing for a missing or unreadable date in startDay / endDay (Int32 minimum). */
export const MISSING_DAY = -2147483648;

/**
 * Person-level columns for the adjusted analyses, in typed arrays.
 * Missing values: -1 for codes, NaN for age, MISSING_DAY for dates.
 */
export interface PersonColumns {
  n: number;
  /** Office names; office[i] indexes this array. Sorted by code point. */
  offices: string[];
  /** Counsellor ids, one per id whatever the office (as R's cluster = ~counsellor_id), sorted; counsellor[i] indexes this array or is -1. */
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
  /** start_date as days since 1970-01-01 (UTC), or MISSING_DAY. */
  startDay: Int32Array;
  /** end_date as days since 1970-01-01 (UTC), or MISSING_DAY. */
  endDay: Int32Array;
  /** Which optional columns were present in the input at all. */
  has: { counsellor: boolean; age: boolean; gender: boolean; priorWork: boolean };
}

/** Columns for n persons, every cell 0 and every date MISSING_DAY, to be filled in. */
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
    startDay: new Int32Array(n).fill(MISSING_DAY),
    endDay: new Int32Array(n).fill(MISSING_DAY),
    has,
  };
}

/**
 * An ISO yyyy-mm-dd date as days since 1970-01-01 (proleptic Gregorian, UTC), read
 * from its digits without a Date object; MISSING_DAY for null. The string must be
 * canonical (as ingest writes CanonicalRecord dates).
 */
export function isoDay(date: string | null): number {
  if (date === null || date.length !== 10) return MISSING_DAY;
  const digit = (k: number) => date.charCodeAt(k) - 48;
  let year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
  const month = digit(5) * 10 + digit(6);
  const day = digit(8) * 10 + digit(9);
  // Howard Hinnant's days_from_civil: years start in March, so leap days fall last.
  if (month <= 2) year -= 1;
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Days since 1970-01-01 back to ISO yyyy-mm-dd (for reporting a date, not per row). */
export function dayIso(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
