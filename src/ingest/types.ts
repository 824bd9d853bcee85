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

/** Where accepted records go as they are read (see ingestInto). */
export interface CanonicalSink {
  /** An accepted record, in reading order; returns the index remove() takes. The sink may keep the object. */
  add(record: CanonicalRecord): number;
  /**
   * Takes back a record added earlier: a later row with the same person_id and
   * different content makes every row of that person CONFLICTING_ID.
   */
  remove(index: number): void;
}

/** Accounting of one ingest run, without the records (they went to a CanonicalSink). */
export interface IngestSummary {
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

export interface IngestResult extends IngestSummary {
  records: CanonicalRecord[];
}

/** Canonical column names, in the order used for output. */
export const CANONICAL_COLUMNS = [
  'person_id',
  'office',
  'counsellor_id',
  'group',
  'outcome',
  'age',
  'gender',
  'prior_work',
  'start_date',
  'end_date',
] as const;
export type CanonicalColumn = (typeof CANONICAL_COLUMNS)[number];

/** Columns whose values are labels from a closed set, and that set. */
export const LABELLED_VALUES = {
  group: GROUPS,
  outcome: OUTCOMES,
  gender: ['F', 'M'],
  prior_work: ['1', '0'],
} as const;
export type LabelledColumn = keyof typeof LABELLED_VALUES;

/**
 * A --mapping file: extra header and value synonyms. Mapped labels are added to
 * the built-in ones and win over them within the same column.
 * Example: { "columns": { "person_id": ["Løpenr"] }, "values": { "group": { "hybrid": ["P"], "usual": ["K"] } } }
 */
export interface MappingFile {
  columns?: Partial<Record<CanonicalColumn, string[]>>;
  values?: {
    group?: Partial<Record<Group, string[]>>;
    outcome?: Partial<Record<Outcome, string[]>>;
    gender?: Partial<Record<Gender, string[]>>;
    prior_work?: Partial<Record<'1' | '0', string[]>>;
  };
}

export interface IngestOptions {
  /** Forces the encoding of every file (a WHATWG label such as utf-8 or windows-1252). */
  encoding?: string;
  mapping?: MappingFile;
  /** Columns declared checked and safe: skipped by the personal-data cell scan. */
  allowColumns?: string[];
  /** Called as reading advances: file index, and the share of that file's text read so far (0–1). */
  onProgress?: (fileIndex: number, fraction: number) => void;
  /**
   * Internal: the record reader. 'fast' (default) is the hand-written reader,
   * 'csv-parse' the reference one it is tested against; the environment variable
   * HYBRID_EVAL_READER=csv-parse selects it too.
   */
  reader?: 'fast' | 'csv-parse';
}
