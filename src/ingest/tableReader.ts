import { InputError } from '../errors.js';
import { decodeBytes } from './decode.js';
import { readRecordsFast } from './fastReader.js';
import { findHeader, HEADER_SEARCH_LINES, noHeaderError, type PeekedRecord } from './header.js';
import type { Vocabulary } from './mapping.js';
import { safeEcho } from './normalise.js';
import { personalDataOffsets } from './personal-data.js';
import { DELIMITERS, normaliseLineEndings, readRecords, sniffDelimiter, type RecordSink } from './records.js';
import { sniffContent } from './sources.js';
import type { FileSummary } from './types.js';

/**
 * A table reader turns the bytes of one input into rows of cells. Adding a format
 * means adding one opener below; everything after (header, rows, accounting) is shared.
 */
export interface OpenedTable {
  format: FileSummary['format'];
  encoding: string;
  delimiter: string;
  sheet: string | null;
  /** Worksheets not read (xlsx). */
  otherSheets: string[];
  sepLine: boolean;
  /** The header record: the first of the first lines that names every required column. */
  header: PeekedRecord;
  /**
   * Offsets of personal data in the text (personalDataOffsets), so that only the
   * records holding one are scanned cell by cell; null when every cell is scanned.
   */
  hits: number[] | null;
  /** Size of what is read, for progress (characters of text, or rows). */
  size: number;
  /** Every record, the lines above the header included, in order. */
  read(sink: RecordSink): void;
}

export interface OpenOptions {
  encoding?: string;
  sheet?: string;
  reader: 'fast' | 'csv-parse';
}

/** Why a file found in a folder is skipped instead of refused (a .txt without a header). */
export class NotAnExport extends Error {
  constructor(
    /** Lines searched for the header. */
    readonly lines: number,
  ) {
    super(`no header naming the required columns in its first ${lines} lines`);
  }
}

/**
 * Opens one input's (already gunzipped) bytes, or decoded text, as a table:
 * recognises the format from the content, decodes, finds the delimiter and the
 * header. Refuses binary and unknown content, naming what it looks like.
 * `lenient`: a text file without a header is NotAnExport rather than refused.
 */
export async function openTable(
  name: string,
  content: Uint8Array | string,
  options: OpenOptions,
  vocabulary: Vocabulary,
  lenient = false,
): Promise<OpenedTable> {
  if (typeof content !== 'string') {
    const kind = sniffContent(content);
    if (kind === 'xlsx') return openWorkbook(name, content, options, vocabulary);
    if (kind === 'gzip') throw new InputError(`${name}: gzip inside gzip is not read`, 'UNREADABLE_FORMAT');
    if (kind !== 'text') throw new InputError(`${name}: this is ${kind.refused}`, 'UNREADABLE_FORMAT');
  }
  const { text: raw, encoding } = typeof content === 'string' ? { text: content, encoding: 'text' } : decodeBytes(content, options.encoding, name);
  return openText(name, normaliseLineEndings(raw), encoding, options, vocabulary, lenient);
}

/** `sep=;` (Excel's delimiter hint), possibly quoted or followed by empty fields, on the first line. */
const SEP_LINE = /^\uFEFF?"?sep=([;,\t|])"?[;,\t]*$/i;

function openText(name: string, text: string, encoding: string, options: OpenOptions, vocabulary: Vocabulary, lenient: boolean): OpenedTable {
  const firstLineEnd = text.indexOf('\n');
  const sep = SEP_LINE.exec(text.slice(0, firstLineEnd === -1 ? text.length : firstLineEnd).trim());
  if (sep !== null && sep[1] === '|') {
    throw new InputError(`${name}: the first line names "|" as the delimiter; only semicolon, comma and tab are read`, 'UNREADABLE_FORMAT');
  }
  const candidates: string[] = sep !== null ? [sep[1]] : [...DELIMITERS];
  // The header is the first of the first lines that names every required column; the
  // delimiter is the one under which it does, earliest, ties going to the usual sniffing.
  const found: { delimiter: string; header: PeekedRecord }[] = [];
  let firstPeek: PeekedRecord[] = [];
  for (const delimiter of candidates) {
    const peeked = peekRecords(text, delimiter);
    if (firstPeek.length === 0) firstPeek = peeked;
    const header = findHeader(sep !== null ? peeked.filter((r) => r.line > 1) : peeked, vocabulary);
    if (header !== undefined) found.push({ delimiter, header });
  }
  if (found.length === 0) {
    if (lenient) throw new NotAnExport(HEADER_SEARCH_LINES);
    const sniffed = sniffDelimiter(text);
    throw noHeaderError(name, peekRecords(text, sniffed), vocabulary);
  }
  const earliest = Math.min(...found.map((f) => f.header.line));
  const tied = found.filter((f) => f.header.line === earliest);
  let chosen = tied[0];
  if (tied.length > 1) {
    const fromHeader = text.slice(offsetOfLine(text, earliest));
    const sniffed = sniffDelimiter(fromHeader);
    chosen = tied.find((f) => f.delimiter === sniffed) ?? chosen;
  }
  const delimiter = chosen.delimiter;
  const header = { fields: chosen.header.fields.slice(), line: chosen.header.line };
  return {
    format: 'csv',
    encoding,
    delimiter,
    sheet: null,
    otherSheets: [],
    sepLine: sep !== null,
    header,
    hits: options.reader === 'fast' ? personalDataOffsets(text) : null,
    size: text.length,
    read: (sink) => (options.reader === 'fast' ? readRecordsFast(text, delimiter, sink) : readRecords(text, delimiter, sink)),
  };
}

/** Offset where physical line `line` (1-based) starts. */
function offsetOfLine(text: string, line: number): number {
  let offset = 0;
  for (let l = 1; l < line && offset !== -1; l++) {
    const next = text.indexOf('\n', offset);
    offset = next === -1 ? text.length : next + 1;
  }
  return offset;
}

/**
 * The first non-blank records under `delimiter`, read from the start of the text
 * only (a few lines past the header search). A malformed line counts as one record.
 */
function peekRecords(text: string, delimiter: string): PeekedRecord[] {
  let end = 0;
  for (let lines = 0; lines < HEADER_SEARCH_LINES * 3 && end < text.length && end < 1 << 16; lines++) {
    const next = text.indexOf('\n', end);
    end = next === -1 ? text.length : next + 1;
  }
  const records: PeekedRecord[] = [];
  const sink: RecordSink = {
    record(fields, line) {
      if (records.length < HEADER_SEARCH_LINES && fields.some((f) => f.trim() !== '')) records.push({ fields: fields.slice(), line });
    },
    malformed(line, lineText) {
      if (records.length < HEADER_SEARCH_LINES) records.push({ fields: [lineText], line });
    },
  };
  readRecordsFast(text.slice(0, end), delimiter, sink);
  return records;
}

async function openWorkbook(name: string, bytes: Uint8Array, options: OpenOptions, vocabulary: Vocabulary): Promise<OpenedTable> {
  // The Excel library is loaded only when a workbook is read.
  const { readXlsx } = await import('./xlsx.js');
  let sheet: Awaited<ReturnType<typeof readXlsx>>;
  try {
    sheet = await readXlsx(bytes, options.sheet);
  } catch (error) {
    if (error instanceof InputError) throw new InputError(`${name}: ${error.message}`, error.code);
    throw error;
  }
  const records: PeekedRecord[] = [];
  sheet.rows.forEach((fields, i) => {
    if (records.length < HEADER_SEARCH_LINES && fields.some((f) => f.trim() !== '')) records.push({ fields, line: i + 1 });
  });
  const header = findHeader(records, vocabulary);
  if (header === undefined) {
    const error = noHeaderError(`${name} (sheet "${sheet.sheet}")`, records, vocabulary, 'rows');
    if (sheet.otherSheets.length === 0) throw error;
    const others = sheet.otherSheets.map((s) => `"${safeEcho(s)}"`).join(', ');
    throw new InputError(`${error.message}. The workbook also has the sheets ${others}: choose one with --sheet`, error.code);
  }
  return {
    format: 'xlsx',
    encoding: 'xlsx',
    delimiter: '',
    sheet: sheet.sheet,
    otherSheets: sheet.otherSheets,
    sepLine: false,
    header,
    hits: null,
    size: sheet.rows.length,
    read: (sink) =>
      sheet.rows.forEach((fields, i) => {
        sink.record(fields, i + 1);
      }),
  };
}
