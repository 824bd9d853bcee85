import type { IngestSummary } from '../ingest/types.js';

/** The `input` block shared by `validate --format json` and the report model. */
export function inputBlock(result: IngestSummary) {
  return {
    rowsRead: result.rowsRead,
    rowsAccepted: result.rowsAccepted,
    rowsRejected: result.rowsRejected,
    duplicateRows: result.duplicateRows,
    files: result.files.map((f) => ({
      path: f.path,
      encoding: f.encoding,
      delimiter: f.delimiter,
      headerLanguage: f.headerLanguage,
      columns: f.columns.map((c) => ({ header: c.header, canonical: c.canonical })),
      rowsRead: f.rowsRead,
      rowsAccepted: f.rowsAccepted,
      rowsRejected: f.rowsRejected,
      duplicateRows: f.duplicateRows,
    })),
    rejections: result.rejections.map(({ file, line, field, code, message }) => ({ file, line, field, code, message })),
    allowedColumns: [...result.allowedColumns],
  };
}

export type InputBlock = ReturnType<typeof inputBlock>;
