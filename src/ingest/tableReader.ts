import { InputError } from '../errors.js';
import { ByteRecordReader, type ByteRecordSink } from './byteReader.js';
import { headOf, type ByteSource } from './byteSource.js';
import { textDecoder } from './cellDecoder.js';
import { chooseByteEncoding, decodeBytes, type ByteEncoding } from './decode.js';
import { readRecordsFast } from './fastReader.js';
import { findHeader, HEADER_SEARCH_LINES, noHeaderError, type PeekedRecord } from './header.js';
import type { Vocabulary } from './mapping.js';
import { safeEcho } from './normalise.js';
import { personalDataOffsets } from './personal-data.js';
import { DELIMITERS, normaliseLineEndings, readRecords, sniffDelimiterIn, type RecordSink } from './records.js';
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
  /** How far into the input an offset (a byte, a character of text, or a row) is, from 0 to 1: for progress. */
  fraction(offset: number): number;
  /** Every record, the lines above the header included, in order. */
  read(sink: RecordSink & ByteRecordSink): void;
}

export interface OpenOptions {
  encoding?: string;
  sheet?: string;
  /** 'stream' (bytes in pieces, see byteReader.ts), or a reader of the whole decoded text. */
  reader: 'stream' | 'fast' | 'csv-parse';
  /** Bytes the streaming reader reads at a time (tests). */
  chunkSize?: number;
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
 * recognises the format from the content, finds the encoding, the delimiter and
 * the header. Refuses binary and unknown content, naming what it looks like.
 * `lenient`: a text file without a header is NotAnExport rather than refused.
 * The streaming reader decodes only the file's first lines here; the reference
 * readers, UTF-16 and other forced encodings decode the whole text.
 */
export async function openTable(
  name: string,
  content: ByteSource | string,
  options: OpenOptions,
  vocabulary: Vocabulary,
  lenient = false,
): Promise<OpenedTable> {
  if (typeof content === 'string') return openText(name, normaliseLineEndings(content), 'text', options, vocabulary, lenient);
  const kind = sniffContent(headOf(content, 1 << 20));
  if (kind === 'xlsx') return openWorkbook(name, content.readAll(), options, vocabulary);
  if (kind === 'gzip') throw new InputError(`${name}: gzip inside gzip is not read`, 'UNREADABLE_FORMAT');
  if (kind !== 'text') throw new InputError(`${name}: this is ${kind.refused}`, 'UNREADABLE_FORMAT');
  if (options.reader === 'stream') {
    const encoding = chooseByteEncoding(content, options.encoding, name);
    if (encoding !== null) return openStream(name, content, encoding, options, vocabulary, lenient);
  }
  const { text, encoding } = decodeBytes(content.readAll(), options.encoding, name);
  return openText(name, normaliseLineEndings(text), encoding, options, vocabulary, lenient);
}

/** `sep=;` (Excel's delimiter hint), possibly quoted or followed by empty fields, on the first line. */
const SEP_LINE = /^\uFEFF?"?sep=([;,\t|])"?[;,\t]*$/i;

/** Where the records are: the delimiter, the header and whether a `sep=` line names the delimiter. */
interface Layout {
  delimiter: string;
  header: PeekedRecord;
  sepLine: boolean;
}

/** Thrown by layoutOf on the first lines of a file when they are not enough to decide. */
class HeadTooShort extends Error {}

function openText(name: string, text: string, encoding: string, options: OpenOptions, vocabulary: Vocabulary, lenient: boolean): OpenedTable {
  const { delimiter, header, sepLine } = layoutOf(name, text, vocabulary, lenient, true);
  const reference = options.reader === 'csv-parse';
  return {
    format: 'csv',
    encoding,
    delimiter,
    sheet: null,
    otherSheets: [],
    sepLine,
    header,
    hits: reference ? null : personalDataOffsets(text),
    fraction: (offset) => offset / text.length,
    read: (sink) => (reference ? readRecords(text, delimiter, sink) : readRecordsFast(text, delimiter, sink)),
  };
}

/** Bytes of a file's first lines decoded to find its layout; doubled until they are enough. */
const HEAD_BYTES = 1 << 16;

/**
 * Opens a file for the streaming reader: its layout is found on its first lines
 * (decoded, as layoutOf would read the whole text, and more lines are taken
 * until the answer cannot change), and its records are read from its bytes.
 */
function openStream(name: string, source: ByteSource, encoding: ByteEncoding, options: OpenOptions, vocabulary: Vocabulary, lenient: boolean): OpenedTable {
  let layout: Layout | undefined;
  for (let size = HEAD_BYTES; layout === undefined; size *= 2) {
    const head = headOf(source, size);
    // Shorter than asked for: the whole input (its size may not be known before).
    const whole = head.length < size || head.length === source.size;
    const cut = whole ? head.length : afterLastLineBreak(head);
    if (!whole && cut <= encoding.bomLength) continue;
    // A pipe's head is decoded as decided so far (its bytes have been looked at: EncodingWatch).
    const decoder = encoding.watch === undefined ? encoding : { ...encoding, decoder: encoding.watch.decoder };
    const text = textDecoder(decoder).decode(head.subarray(Math.min(encoding.bomLength, cut), cut));
    try {
      layout = layoutOf(name, normaliseLineEndings(text), vocabulary, lenient, whole);
    } catch (error) {
      if (!(error instanceof HeadTooShort)) throw error;
    }
  }
  const { delimiter, header, sepLine } = layout;
  const { watch } = encoding;
  return {
    format: 'csv',
    // A pipe's encoding is known once it has been read (run.ts reads this again then).
    get encoding() {
      return watch === undefined ? encoding.label : watch.label;
    },
    delimiter,
    sheet: null,
    otherSheets: [],
    sepLine,
    header,
    hits: null,
    fraction: (offset) => source.fraction(offset),
    read: (sink) => new ByteRecordReader(source, { delimiter, encoding, chunkSize: options.chunkSize }, sink).read(),
  };
}

/** Just after the last line break of `bytes` whose end is certain (an LF, or a CR not followed by LF); 0 when none. */
function afterLastLineBreak(bytes: Uint8Array): number {
  for (let i = bytes.length - 1; i >= 0; i--) {
    if (bytes[i] === 10) return i + 1;
    if (bytes[i] === 13 && i + 1 < bytes.length) return i + 1;
  }
  return 0;
}

/**
 * The layout of a text (LF line endings): a `sep=` line, then the header is the
 * first of the first lines that names every required column; the delimiter is
 * the one under which it does, earliest, ties going to the usual sniffing.
 * `complete`: the text is the whole input; otherwise it is a file's first lines,
 * and HeadTooShort is thrown where more lines could change the answer.
 */
function layoutOf(name: string, text: string, vocabulary: Vocabulary, lenient: boolean, complete: boolean): Layout {
  const enough = (sure: boolean) => {
    if (!sure && !complete) throw new HeadTooShort();
  };
  const firstLineEnd = text.indexOf('\n');
  enough(firstLineEnd !== -1);
  const sep = SEP_LINE.exec(text.slice(0, firstLineEnd === -1 ? text.length : firstLineEnd).trim());
  if (sep !== null && sep[1] === '|') {
    throw new InputError(`${name}: the first line names "|" as the delimiter; only semicolon, comma and tab are read`, 'UNREADABLE_FORMAT');
  }
  const candidates: string[] = sep !== null ? [sep[1]] : [...DELIMITERS];
  const found: { delimiter: string; header: PeekedRecord }[] = [];
  let firstPeek: PeekedRecord[] = [];
  for (const delimiter of candidates) {
    const peeked = peekRecords(text, delimiter, enough);
    if (firstPeek.length === 0) firstPeek = peeked;
    const header = findHeader(sep !== null ? peeked.filter((r) => r.line > 1) : peeked, vocabulary);
    if (header !== undefined) found.push({ delimiter, header });
  }
  if (found.length === 0) {
    if (lenient) throw new NotAnExport(HEADER_SEARCH_LINES);
    const sniffed = sniffDelimiterIn(text);
    enough(sniffed.complete);
    throw noHeaderError(name, peekRecords(text, sniffed.delimiter, enough), vocabulary);
  }
  const earliest = Math.min(...found.map((f) => f.header.line));
  const tied = found.filter((f) => f.header.line === earliest);
  let chosen = tied[0];
  if (tied.length > 1) {
    const sniffed = sniffDelimiterIn(text.slice(offsetOfLine(text, earliest)));
    enough(sniffed.complete);
    chosen = tied.find((f) => f.delimiter === sniffed.delimiter) ?? chosen;
  }
  return { delimiter: chosen.delimiter, header: { fields: chosen.header.fields.slice(), line: chosen.header.line }, sepLine: sep !== null };
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
 * `enough` is told whether the text held all the lines looked at.
 */
function peekRecords(text: string, delimiter: string, enough: (sure: boolean) => void): PeekedRecord[] {
  let end = 0;
  for (let lines = 0; lines < HEADER_SEARCH_LINES * 3 && end < text.length && end < 1 << 16; lines++) {
    const next = text.indexOf('\n', end);
    end = next === -1 ? text.length : next + 1;
  }
  enough(end < text.length);
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
    fraction: (offset) => offset / sheet.rows.length,
    read: (sink) =>
      sheet.rows.forEach((fields, i) => {
        sink.record(fields, i + 1);
      }),
  };
}
