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
export const REJECTION_CODES = ['FIELD_COUNT', 'REQUIRED_EMPTY', 'TOTAL_ROW', 'UNKNOWN_GROUP', 'UNKNOWN_OUTCOME', 'CONFLICTING_ID', 'MALFORMED_CSV'] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

/** Why csv-parse (or the fast reader, which agrees with it) could not read a line. */
export const MALFORMED_REASONS = ['quoteNotClosed', 'invalidClosingQuote', 'invalidOpeningQuote', 'unreadable'] as const;
export interface MalformedLine {
  reason: (typeof MALFORMED_REASONS)[number];
  /** csv-parse's error code, for 'unreadable' (null when it had none). */
  parserCode: string | null;
}

/**
 * A column named in a rejection: its header as written (masked, safeEcho), or, when
 * the header cannot be shown (empty, or it looks like personal data), its position.
 */
export interface ColumnRef {
  /** Masked header, or null when only the position is shown. */
  header: string | null;
  /** 1-based position in the row. */
  position: number;
  /** The position lies beyond the header's columns. */
  beyondHeader: boolean;
}

/**
 * The values each rejection's message names, so that the report can write it in
 * its language. Never a cell value that the English message does not show masked.
 */
export interface RejectionParams {
  FIELD_COUNT: { fields: number; columns: number };
  /** `value`: the masked cell text ('' when the cell is empty), e.g. a "no value" word such as NA. */
  REQUIRED_EMPTY: { column: ColumnRef; field: 'person_id' | 'office' | 'group'; value: string };
  TOTAL_ROW: Record<string, never>;
  /** `label`: the masked cell text. */
  UNKNOWN_GROUP: { column: ColumnRef; label: string };
  UNKNOWN_OUTCOME: { column: ColumnRef; label: string };
  /** `rows` with one person_id; `places`: the first five of them; `more`: how many further rows. */
  CONFLICTING_ID: { rows: number; places: Place[]; more: number; scope: IdScope };
  MALFORMED_CSV: MalformedLine;
}

/** A rejection's code with its params, paired so that each code carries its own. */
export type RejectionReason = { [C in RejectionCode]: { code: C; params: RejectionParams[C] } }[RejectionCode];

export type Rejection = RejectionReason & {
  file: string;
  /** Physical line where the record starts; the header is line 1. */
  line: number;
  field: string | null;
  /** English, written from code and params (src/ingest/messages.ts). */
  message: string;
};

/**
 * A rejection together with the row's cells of the mapped canonical columns, for
 * --rejects (never printed). Unmapped columns (free text) are never kept.
 */
export type RejectedRecord = Rejection & {
  /** Cells in CANONICAL_COLUMNS order, as read; null where the column is not mapped or unknown. */
  cells: (string | null)[];
  /** The row's group when it could be read (for the rejected share per group), else null. */
  group: Group | null;
};

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
/** The values each skip's message names. */
export interface SkipParams {
  HIDDEN: { kind: 'file' | 'folder' };
  LOCK_FILE: Record<string, never>;
  /** The name's extension, lower case with its dot, or null when it has none. */
  NOT_A_DATA_FILE: { extension: string | null };
  /** thisRun: named by --out or --rejects; earlierRun: begins like a report or rejects file. */
  OWN_OUTPUT: { writtenBy: 'thisRun' | 'earlierRun' };
  /** How many lines were searched for the header. */
  NO_HEADER: { lines: number };
}
export type SkipReason = { [C in SkipCode]: { code: C; params: SkipParams[C] } }[SkipCode];
export type SkippedFile = SkipReason & {
  path: string;
  /** English, written from code and params (src/ingest/messages.ts). */
  message: string;
};

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

/**
 * The values a notice's message names beyond its code, column, count and places.
 * Every value from the input is masked (safeEcho).
 */
export interface NoticeParams {
  INVALID_AGE: Record<string, never>;
  INVALID_DATE: Record<string, never>;
  UNKNOWN_GENDER: Record<string, never>;
  UNKNOWN_PRIOR_WORK: Record<string, never>;
  /** The other spellings of `office` (the one printed), with their rows. */
  OFFICE_SPELLINGS_MERGED: { office: string; spellings: { spelling: string; rows: number }[] };
  /**
   * damage: U+FFFD in the name, or UTF-8 read as Windows-1252; resolution: mojibake repaired,
   * taken as the one office it fits (`into`), or kept apart (`into` '').
   */
  OFFICE_NAME_ENCODING: { spelling: string; damage: 'replacement' | 'mojibake'; resolution: 'repaired' | 'merged' | 'keptApart'; into: string };
  ID_IN_SEVERAL_OFFICES: Record<string, never>;
  /** The sheet read and the ones ignored. */
  SHEETS_IGNORED: { file: string; sheet: string; ignored: string[] };
  /** The header's line; whether line 1 is a `sep=` line. */
  LINES_BEFORE_HEADER: { file: string; headerLine: number; sepLine: boolean };
}
export type NoticeReason = { [C in NoticeCode]: { code: C; params: NoticeParams[C] } }[NoticeCode];

export type IngestNotice = NoticeReason & {
  /** The canonical column concerned, if any. */
  column: CanonicalColumn | null;
  /** Rows (or ids, for ID_IN_SEVERAL_OFFICES; sheets, for SHEETS_IGNORED) concerned. */
  count: number;
  /** The first few places, at most MAX_EXAMPLES. */
  examples: Place[];
  /** English message, written from the rest (src/ingest/messages.ts), with any value from the input masked (safeEcho). */
  message: string;
};

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
  /**
   * False for a sink that never reads record.personId (the analysis table): the
   * streaming reader then leaves it '' rather than make a string per row.
   */
  readonly readsPersonId?: boolean;
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
export const CANONICAL_COLUMNS = ['person_id', 'office', 'counsellor_id', 'group', 'outcome', 'age', 'gender', 'prior_work', 'start_date', 'end_date'] as const;
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
   * Internal: the record reader. 'stream' (default) reads bytes in pieces
   * (byteReader.ts); 'fast' (fastReader.ts) and 'csv-parse' (records.ts) read the
   * whole decoded text and are the references it is tested against. The
   * environment variable HYBRID_EVAL_READER selects one too.
   */
  reader?: 'stream' | 'fast' | 'csv-parse';
  /** Internal: bytes the streaming reader reads at a time (tests cut records with a few bytes). */
  chunkSize?: number;
}
