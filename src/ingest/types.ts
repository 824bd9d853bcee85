/** Canonical values shared by every stage of the pipeline. */
export const GROUPS = ['hybrid', 'usual'] as const;
export type Group = (typeof GROUPS)[number];

export const OUTCOMES = ['job', 'apprenticeship', 'education', 'none'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type Gender = 'F' | 'M';

/** One accepted person, with every value in canonical form. */
export interface CanonicalRecord {
  personId: string;
  office: string;
  counsellorId: string | null;
  group: Group;
  /** null: outcome not yet registered. */
  outcome: Outcome | null;
  age: number | null;
  gender: Gender | null;
  priorWork: 0 | 1 | null;
  /** ISO yyyy-mm-dd. */
  startDate: string | null;
  endDate: string | null;
}

/** Closed set of rejection codes. */
export const REJECTION_CODES = [
  'FIELD_COUNT',
  'REQUIRED_EMPTY',
  'UNKNOWN_GROUP',
  'UNKNOWN_OUTCOME',
  'UNKNOWN_GENDER',
  'UNKNOWN_PRIOR_WORK',
  'INVALID_AGE',
  'INVALID_DATE',
  'CONFLICTING_ID',
  'MALFORMED_CSV',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

export interface Rejection {
  file: string;
  /** Physical line where the record starts; the header is line 1. */
  line: number;
  field: string | null;
  code: RejectionCode;
  message: string;
}

/** A rejection together with the raw fields, for --rejects; never printed. */
export interface RejectedRecord extends Rejection {
  raw: string[];
}

export interface FileSummary {
  path: string;
  encoding: string;
  delimiter: string;
  /** 'en' | 'nb' | 'nn' | 'mixed' | 'canonical' — best guess from the header names. */
  headerLanguage: string;
  /** header as written → canonical column (or null when ignored). */
  columns: { header: string; canonical: string | null }[];
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  duplicateRows: number;
}

export interface IngestResult {
  records: CanonicalRecord[];
  files: FileSummary[];
  rejections: RejectedRecord[];
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  duplicateRows: number;
  /** Canonical optional columns present in at least one file. */
  columnsPresent: { counsellorId: boolean; age: boolean; gender: boolean; priorWork: boolean };
  /** Columns exempted from the personal-data scan by --allow-column. */
  allowedColumns: string[];
}
