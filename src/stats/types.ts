/** Plain result objects shared by the stats functions. null means undefined (with a warning). */
export interface Estimate {
  estimate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

export interface TestResult {
  statistic: number | null;
  df: number;
  pValue: number | null;
}

export interface StatWarning {
  code: string;
  /** In English, for a reader of this library; a report writes its own from code and params. */
  message: string;
  /** The values the message names (counts, iterations, column names), for a translated message. */
  params?: Record<string, number | string | readonly (number | string)[]>;
}

/** Times of a time-to-event analysis: doubles, or whole numbers (days) in half the memory. */
export type Times = Float64Array | Int32Array;
