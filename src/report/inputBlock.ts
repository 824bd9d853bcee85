import type {
  ColumnRef,
  IngestNotice,
  IngestSummary,
  NoticeCode,
  NoticeParams,
  NoticeReason,
  Rejection,
  RejectionCode,
  RejectionParams,
  RejectionReason,
  SkipCode,
  SkippedFile,
  SkipParams,
  SkipReason,
} from '../ingest/types.js';

/**
 * The `input` block shared by `validate --format json` and the report model.
 * Every object is built key by key, so the bytes do not depend on how ingest
 * built its own objects; lists keep ingest's (deterministic) order.
 * Rejected cells are never published.
 */
export function inputBlock(result: IngestSummary) {
  return {
    rowsRead: result.rowsRead,
    rowsAccepted: result.rowsAccepted,
    rowsRejected: result.rowsRejected,
    duplicateRows: result.duplicateRows,
    idScope: result.idScope,
    files: result.files.map((f) => ({
      path: f.path,
      format: f.format,
      compression: f.compression,
      sheet: f.sheet,
      encoding: f.encoding,
      delimiter: f.delimiter,
      headerLine: f.headerLine,
      sepLine: f.sepLine,
      headerLanguage: f.headerLanguage,
      columns: f.columns.map((c) => ({ header: c.header, canonical: c.canonical })),
      rowsRead: f.rowsRead,
      rowsAccepted: f.rowsAccepted,
      rowsRejected: f.rowsRejected,
      duplicateRows: f.duplicateRows,
    })),
    skippedFiles: result.skippedFiles.map((s): SkippedFile => ({ path: s.path, ...skipReason(s), message: s.message })),
    rejections: result.rejections.map((r): Rejection => ({ file: r.file, line: r.line, field: r.field, ...rejectionReason(r), message: r.message })),
    notices: result.notices.map(
      (n): IngestNotice => ({
        ...noticeReason(n),
        column: n.column,
        count: n.count,
        examples: n.examples.map(({ file, line }) => ({ file, line })),
        message: n.message,
      }),
    ),
    unknownLabels: result.unknownLabels.map((u) => ({
      column: u.column,
      label: u.label,
      count: u.count,
      first: { file: u.first.file, line: u.first.line },
      effect: u.effect,
    })),
    officeSpellings: result.officeSpellings.map((o) => ({
      name: o.name,
      spellings: o.spellings.map(({ spelling, rows }) => ({ spelling, rows })),
    })),
    allowedColumns: [...result.allowedColumns],
  };
}

export type InputBlock = ReturnType<typeof inputBlock>;

const columnRef = (c: ColumnRef): ColumnRef => ({ header: c.header, position: c.position, beyondHeader: c.beyondHeader });

/** Each code's params, copied key by key (a code without a copier is a compile error). */
const REJECTION_PARAMS: { [C in RejectionCode]: (p: RejectionParams[C]) => RejectionParams[C] } = {
  FIELD_COUNT: (p) => ({ fields: p.fields, columns: p.columns }),
  REQUIRED_EMPTY: (p) => ({ column: columnRef(p.column), field: p.field, value: p.value }),
  TOTAL_ROW: () => ({}),
  UNKNOWN_GROUP: (p) => ({ column: columnRef(p.column), label: p.label }),
  UNKNOWN_OUTCOME: (p) => ({ column: columnRef(p.column), label: p.label }),
  CONFLICTING_ID: (p) => ({ rows: p.rows, places: p.places.map(({ file, line }) => ({ file, line })), more: p.more, scope: p.scope }),
  MALFORMED_CSV: (p) => ({ reason: p.reason, parserCode: p.parserCode }),
};

const SKIP_PARAMS: { [C in SkipCode]: (p: SkipParams[C]) => SkipParams[C] } = {
  HIDDEN: (p) => ({ kind: p.kind }),
  LOCK_FILE: () => ({}),
  NOT_A_DATA_FILE: (p) => ({ extension: p.extension }),
  OWN_OUTPUT: (p) => ({ writtenBy: p.writtenBy }),
  NO_HEADER: (p) => ({ lines: p.lines }),
};

const NOTICE_PARAMS: { [C in NoticeCode]: (p: NoticeParams[C]) => NoticeParams[C] } = {
  INVALID_AGE: () => ({}),
  INVALID_DATE: () => ({}),
  UNKNOWN_GENDER: () => ({}),
  UNKNOWN_PRIOR_WORK: () => ({}),
  OFFICE_SPELLINGS_MERGED: (p) => ({ office: p.office, spellings: p.spellings.map(({ spelling, rows }) => ({ spelling, rows })) }),
  OFFICE_NAME_ENCODING: (p) => ({ spelling: p.spelling, damage: p.damage, resolution: p.resolution, into: p.into }),
  ID_IN_SEVERAL_OFFICES: () => ({}),
  SHEETS_IGNORED: (p) => ({ file: p.file, sheet: p.sheet, ignored: [...p.ignored] }),
  LINES_BEFORE_HEADER: (p) => ({ file: p.file, headerLine: p.headerLine, sepLine: p.sepLine }),
};

function rejectionReason(r: RejectionReason): RejectionReason {
  return { code: r.code, params: (REJECTION_PARAMS[r.code] as (p: RejectionReason['params']) => RejectionReason['params'])(r.params) } as RejectionReason;
}

function skipReason(s: SkipReason): SkipReason {
  return { code: s.code, params: (SKIP_PARAMS[s.code] as (p: SkipReason['params']) => SkipReason['params'])(s.params) } as SkipReason;
}

function noticeReason(n: NoticeReason): NoticeReason {
  return { code: n.code, params: (NOTICE_PARAMS[n.code] as (p: NoticeReason['params']) => NoticeReason['params'])(n.params) } as NoticeReason;
}
