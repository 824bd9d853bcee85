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

/**
 * Closed set of rejection codes. Only the required fields (person_id, office,
 * group) and the outcome reject a row; an unreadable optional value becomes
 * missing with a notice (NOTICE_CODES).
 */
export const REJECTION_CODES = [
  'FIELD_COUNT',
  'REQUIRED_EMPTY',
  'TOTAL_ROW',
  'UNKNOWN_GROUP',
  'UNKNOWN_OUTCOME',
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

/**
 * A rejection together with the row's cells of the mapped canonical columns, for
 * --rejects (never printed). Unmapped columns (free text) are never kept.
 */
export interface RejectedRecord extends Rejection {
  /** Cells in CANONICAL_COLUMNS order, as read; null where the column is not mapped or unknown. */
  cells: (string | null)[];
  /** The row's group when it could be read (for the rejected share per group), else null. */
  group: Group | null;
}

export interface FileSummary {
  path: string;
  /** 'csv' (also TSV and text), or 'xlsx'. */
  format: 'csv' | 'xlsx';
  /** 'gzip' when the file was gzip-compressed, else null. */
  compression: 'gzip' | null;
  /** The worksheet read (xlsx only), else null. */
  sheet: string | null;
  encoding: string;
  /** The field delimiter; an .xlsx workbook has none and reports ''. */
  delimiter: string;
  /** Line (row in a workbook) of the header; lines before it are not rows (title rows, a `sep=` line). */
  headerLine: number;
  /** A leading `sep=X` line named the delimiter. */
  sepLine: boolean;
  /** 'en' | 'nb' | 'nn' | 'mixed' | 'canonical' — best guess from the header names. */
  headerLanguage: string;
  /** header as written → canonical column (or null when ignored). */
  columns: { header: string; canonical: string | null }[];
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  duplicateRows: number;
}

/** A file in a folder that was not read, and why. */
export const SKIP_CODES = ['HIDDEN', 'LOCK_FILE', 'NOT_A_DATA_FILE', 'OWN_OUTPUT', 'NO_HEADER'] as const;
export type SkipCode = (typeof SKIP_CODES)[number];
export interface SkippedFile {
  path: string;
  code: SkipCode;
  message: string;
}

/**
 * Closed set of notice codes: something read and kept, but changed or merged,
 * that a reader must be told of. Unreadable optional values become missing.
 */
export const NOTICE_CODES = [
  'INVALID_AGE',
  'INVALID_DATE',
  'UNKNOWN_GENDER',
  'UNKNOWN_PRIOR_WORK',
  'OFFICE_SPELLINGS_MERGED',
  'OFFICE_NAME_ENCODING',
  'ID_IN_SEVERAL_OFFICES',
  'SHEETS_IGNORED',
  'LINES_BEFORE_HEADER',
] as const;
export type NoticeCode = (typeof NOTICE_CODES)[number];

/** Where a notice was seen: file and physical line (row in a workbook). */
export interface Place {
  file: string;
  line: number;
}

export interface IngestNotice {
  code: NoticeCode;
  /** The canonical column concerned, if any. */
  column: CanonicalColumn | null;
  /** Rows (or ids, for ID_IN_SEVERAL_OFFICES; sheets, for SHEETS_IGNORED) concerned. */
  count: number;
  /** The first few places, at most MAX_EXAMPLES. */
  examples: Place[];
  /** English message, with any value from the input masked (safeEcho). */
  message: string;
}

/** An office written in more than one way, merged under its most frequent spelling. */
export interface OfficeSpellings {
  name: string;
  spellings: { spelling: string; rows: number }[];
}

/** One distinct label that no synonym maps, per column. */
export interface UnknownLabel {
  column: LabelledColumn;
  /** As written, masked (safeEcho). */
  label: string;
  count: number;
  first: Place;
  /** group and outcome labels reject the row; gender and prior_work labels become missing. */
  effect: 'rejected' | 'missing';
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
  /**
   * At the end of a run: records carried the first spelling seen of their office;
   * `names` maps it to the spelling printed (the most frequent one).
   */
  nameOffices?(names: Map<string, string>): void;
}

/** Accounting of one ingest run, without the records (they went to a CanonicalSink). */
export interface IngestSummary {
  files: FileSummary[];
  /** Files in the folders named that were not read, with the reason. */
  skippedFiles: SkippedFile[];
  rejections: RejectedRecord[];
  notices: IngestNotice[];
  unknownLabels: UnknownLabel[];
  officeSpellings: OfficeSpellings[];
  /** How a person is identified: (office, person_id), or person_id alone. */
  idScope: IdScope;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  duplicateRows: number;
  /**
   * Rows per group (read, and rejected), and rejected rows whose group could not be
   * read (total rows not counted): what --max-rejected is checked against.
   */
  rowsByGroup: { hybrid: { read: number; rejected: number }; usual: { read: number; rejected: number }; unknown: number };
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

export type IdScope = 'office' | 'global';

export interface IngestOptions {
  /** 'office' (default): a person is (office, person_id). 'global': person_id alone. */
  idScope?: IdScope;
  /** Worksheet to read from .xlsx inputs (default: the first). */
  sheet?: string;
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
