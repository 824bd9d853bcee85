import { createRequire } from 'node:module';
import type { MalformedLine } from './types.js';

type Parse = (input: string, options: Record<string, unknown>) => unknown;
let csvParse: Parse | undefined;
/** csv-parse is loaded on first use: the fast reader needs it only for malformed chunks. */
function parse(input: string, options: Record<string, unknown>): unknown {
  csvParse ??= (createRequire(import.meta.url)('csv-parse/sync') as { parse: Parse }).parse;
  return csvParse(input, options);
}

/**
 * The one record reader: decoded text in, records with their physical start line
 * out. File, stdin and buffer adapters (ingest.ts) all end here, like csv-parse's
 * own core/adapter split.
 */
export interface RecordSink {
  /**
   * A record (header included) and the physical line where it starts, 1-based.
   * The fast reader also gives the record's offsets in the text (end exclusive)
   * and reuses `fields` for the next record: copy it to keep it.
   */
  record(fields: string[], line: number, start?: number, end?: number): void;
  /** A line that is not valid CSV; reading resumes on the next line. */
  malformed(line: number, text: string, reason: MalformedLine): void;
}

export const DELIMITERS = [';', ',', '\t'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** CRLF and lone CR become LF, so one line break is one character everywhere below. */
export function normaliseLineEndings(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

const SNIFF_RECORDS = 20;

/**
 * Counts `;`, `,` and tab outside quotes on the header and up to 19 further
 * non-blank records. A delimiter whose count is the same and non-zero on every
 * record wins (the largest count, then the order ; , tab); failing that, the one
 * agreeing with the header on most records; a single-column file gets ','.
 * (csv-parse 7's delimiter_auto throws on non-ASCII text, and a delimiter array
 * splits on every listed character, so neither is detection.) Also says whether
 * it saw all the records it counts before the text ended (`complete`): only then
 * does more text after it not change the answer.
 */
export function sniffDelimiterIn(text: string): { delimiter: Delimiter; complete: boolean } {
  const counts: number[][] = [];
  let current = [0, 0, 0];
  let inQuotes = false;
  let nonBlank = false;
  for (let i = 0; i < text.length && counts.length < SNIFF_RECORDS; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34 /* " */) {
      inQuotes = !inQuotes;
      nonBlank = true;
    } else if (inQuotes) {
    } else if (ch === 10 /* \n */) {
      if (nonBlank) counts.push(current);
      current = [0, 0, 0];
      nonBlank = false;
    } else if (ch === 59 /* ; */) {
      current[0]++;
    } else if (ch === 44 /* , */) {
      current[1]++;
    } else if (ch === 9 /* tab */) {
      current[2]++;
    } else if (ch !== 32) {
      nonBlank = true;
    }
  }
  const complete = counts.length === SNIFF_RECORDS;
  if (nonBlank && counts.length < SNIFF_RECORDS) counts.push(current);
  if (counts.length === 0) return { delimiter: ',', complete };

  let best = -1;
  let bestKey = [-1, -1];
  for (let d = 0; d < DELIMITERS.length; d++) {
    const header = counts[0][d];
    if (header === 0) continue;
    const agreeing = counts.filter((c) => c[d] === header).length;
    const consistent = agreeing === counts.length ? 1 : 0;
    // Rank: consistent first, then agreement, then how many columns it gives.
    const key = [consistent * 1e6 + agreeing, header];
    if (key[0] > bestKey[0] || (key[0] === bestKey[0] && key[1] > bestKey[1])) {
      best = d;
      bestKey = key;
    }
  }
  return { delimiter: best === -1 ? ',' : DELIMITERS[best], complete };
}

function describeCsvError(error: unknown): MalformedLine {
  const code = (error as { code?: unknown }).code;
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return { reason: 'quoteNotClosed', parserCode: null };
    case 'CSV_INVALID_CLOSING_QUOTE':
      return { reason: 'invalidClosingQuote', parserCode: null };
    case 'INVALID_OPENING_QUOTE':
      return { reason: 'invalidOpeningQuote', parserCode: null };
    default:
      return { reason: 'unreadable', parserCode: typeof code === 'string' ? code : null };
  }
}

function countLineBreaks(fields: string[]): number {
  let n = 0;
  for (const field of fields) {
    for (let i = field.indexOf('\n'); i !== -1; i = field.indexOf('\n', i + 1)) n++;
  }
  return n;
}

/** Text is parsed in pieces of about this many characters, cut at line ends outside quotes. */
const CHUNK_SIZE = 1 << 20;

/**
 * Quotes in text[from, to). A loop bounded by `to`: indexOf would look past it
 * for the next quote, to the end of the file when there is none, from every
 * chunk, which made reading quadratic in the file's size.
 */
function countQuotes(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 34) n++;
  return n;
}

/** End (exclusive) of the chunk starting at `start`: just after a line break with balanced quotes. */
export function chunkEnd(text: string, start: number, size: number): number {
  let pos = start + size;
  if (pos >= text.length) return text.length;
  let quotes = countQuotes(text, start, pos);
  for (;;) {
    const lineEnd = text.indexOf('\n', pos);
    if (lineEnd === -1) return text.length;
    quotes += countQuotes(text, pos, lineEnd);
    if (quotes % 2 === 0) return lineEnd + 1;
    pos = lineEnd + 1;
  }
}

const BASE_OPTIONS = {
  bom: true,
  relax_column_count: true,
  // Strict quotes: relax_quotes would silently merge the lines after a stray
  // quote into one field; strict, they become MALFORMED_CSV lines.
  relax_quotes: false,
} as const;

/**
 * Reads every record of `text` (LF line endings, see normaliseLineEndings) with
 * csv-parse, in chunks of about 1 MB so memory stays flat. A chunk is first parsed
 * whole, without per-record info (fast: each record, blank lines included, spans
 * 1 + its quoted line breaks). A chunk with a CSV error is read again record by
 * record (readChunkCarefully), which reports the failing line and resumes after it.
 */
export function readRecords(text: string, delimiter: string, sink: RecordSink, chunkSize = CHUNK_SIZE): void {
  let line = 1;
  for (let start = 0; start < text.length; ) {
    const end = chunkEnd(text, start, Math.max(1, chunkSize));
    const chunk = start === 0 && end === text.length ? text : text.slice(start, end);
    let records: string[][] | null = null;
    try {
      records = parse(chunk, { ...BASE_OPTIONS, delimiter, skip_empty_lines: false }) as string[][];
    } catch {
      records = null;
    }
    if (records === null) {
      readChunkCarefully(chunk, line, delimiter, sink);
    } else {
      for (const fields of records) {
        sink.record(fields, line);
        line += 1 + countLineBreaks(fields);
      }
    }
    line = records === null ? line + countLineBreaksIn(chunk) : line;
    start = end;
  }
}

function countLineBreaksIn(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Record by record through csv-parse's on_record, so records before an error are
 * kept. On a CSV error the line where the failing record starts is reported as
 * malformed and reading resumes on the line after it, so no row is lost
 * silently. Errors thrown by the sink pass through unchanged.
 */
export function readChunkCarefully(text: string, firstLineOfText: number, delimiter: string, sink: RecordSink): void {
  let chunkOffset = 0;
  let chunkFirstLine = firstLineOfText;
  // A cursor that only moves forward, to find where a line starts.
  let cursorLine = firstLineOfText;
  let cursorOffset = 0;
  const offsetOfLine = (line: number): number => {
    while (cursorLine < line && cursorOffset < text.length) {
      const next = text.indexOf('\n', cursorOffset);
      cursorOffset = next === -1 ? text.length : next + 1;
      cursorLine++;
    }
    return cursorOffset;
  };

  while (chunkOffset < text.length) {
    let lastEndLine = chunkFirstLine - 1;
    let sinkError: { error: unknown } | null = null;
    const firstLine = chunkFirstLine;
    try {
      parse(chunkOffset === 0 ? text : text.slice(chunkOffset), {
        ...BASE_OPTIONS,
        delimiter,
        skip_empty_lines: true,
        on_record: (fields: string[], context: { lines: number }) => {
          // context.lines is the line where the record ends; quoted line breaks
          // inside its fields give where it starts.
          const endLine = firstLine - 1 + context.lines;
          lastEndLine = endLine;
          try {
            sink.record(fields, endLine - countLineBreaks(fields));
          } catch (error) {
            sinkError = { error };
            throw error;
          }
          return null;
        },
      });
      return;
    } catch (error) {
      if (sinkError !== null) throw (sinkError as { error: unknown }).error;
      // The failing record starts on the first non-empty line after the last good one.
      let line = lastEndLine + 1;
      let start = offsetOfLine(line);
      while (start < text.length && text.charCodeAt(start) === 10) {
        line++;
        start = offsetOfLine(line);
      }
      if (start >= text.length) return;
      const end = text.indexOf('\n', start);
      sink.malformed(line, text.slice(start, end === -1 ? text.length : end), describeCsvError(error));
      chunkFirstLine = line + 1;
      chunkOffset = offsetOfLine(chunkFirstLine);
    }
  }
}
