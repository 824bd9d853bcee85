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
  message: string;
}
