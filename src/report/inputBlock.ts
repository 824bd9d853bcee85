import type { IngestSummary } from '../ingest/types.js';

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
    skippedFiles: result.skippedFiles.map(({ path, code, message }) => ({ path, code, message })),
    rejections: result.rejections.map(({ file, line, field, code, message }) => ({ file, line, field, code, message })),
    notices: result.notices.map((n) => ({
      code: n.code,
      column: n.column,
      count: n.count,
      examples: n.examples.map(({ file, line }) => ({ file, line })),
      message: n.message,
    })),
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
