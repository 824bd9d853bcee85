import { chunkEnd, readChunkCarefully, type RecordSink } from './records.js';

const QUOTE = 34;
const LF = 10;
const BOM = 0xfeff;

/**
 * The fast record reader: an RFC 4180 state machine over the decoded text (LF
 * line endings, see normaliseLineEndings) that yields exactly what the csv-parse
 * reader (readRecords) yields, including its chunking: the same ~1 MB chunks, a
 * BOM stripped at the start of each chunk (csv-parse's `bom: true` per parse),
 * an empty line as one empty field, and strict quotes. On anything csv-parse
 * would reject (a quote inside an unquoted field, text after a closing quote, a
 * quote never closed) the chunk is handed to the csv-parse path, which reports
 * the line as malformed with the same position and message; records already
 * passed on from that chunk are not passed on again. A line without quotes is
 * split with indexOf; only lines with quotes go through the character loop.
 *
 * Records are passed with their start and end offsets in `text`, and the fields
 * array is reused: a sink must copy it to keep it.
 */
export function readRecordsFast(text: string, delimiter: string, sink: RecordSink, chunkSize = 1 << 20): void {
  const delim = delimiter.charCodeAt(0);
  const fields: string[] = [];
  const repeats = new RepeatedValues(text);
  // Cells are plainly sliced for the first rows: until V8 has compiled the cache's
  // code, the cache costs more than it saves on a small file (see bench/results.md).
  let plainRows = PLAIN_SLICE_ROWS;
  // Next quote, delimiter and line feed at or after the current position (text.length
  // when none): each is searched with indexOf only once it falls behind, so every
  // character is passed over once per kind, whatever the chunk or line lengths.
  let nextQuote = -1;
  let nextDelimiter = -1;
  let nextLineFeed = -1;
  const after = (search: string, from: number) => {
    const found = text.indexOf(search, from);
    return found === -1 ? text.length : found;
  };
  let line = 1;
  for (let start = 0; start < text.length; ) {
    const end = chunkEnd(text, start, Math.max(1, chunkSize));
    const chunkFirstLine = line;
    let i = start;
    if (text.charCodeAt(i) === BOM) i++;
    let failedAt = -1;
    while (i < end) {
      // One record from i.
      const recordStart = i;
      const recordLine = line;
      fields.length = 0;
      if (nextQuote < i) nextQuote = after('"', i);
      if (nextLineFeed < i) nextLineFeed = after('\n', i);
      const lineEnd = Math.min(nextLineFeed, end);
      if (nextQuote >= lineEnd) {
        // A line without quotes (nearly all of them): split it on the delimiter.
        let from = i;
        const plain = plainRows > 0;
        if (plain) plainRows--;
        for (;;) {
          if (nextDelimiter < from) nextDelimiter = after(delimiter, from);
          const to = Math.min(nextDelimiter, lineEnd);
          fields.push(plain ? text.slice(from, to) : repeats.slice(fields.length, from, to));
          if (to === lineEnd) break;
          from = to + 1;
        }
        if (lineEnd < end) {
          i = lineEnd + 1;
          line++;
        } else {
          i = end;
        }
        sink.record(fields, recordLine, recordStart, i);
        continue;
      }
      let ok = true;
      for (;;) {
        // One field from i.
        if (i < end && text.charCodeAt(i) === QUOTE) {
          let value = '';
          let from = i + 1;
          let j = from;
          let closed = false;
          while (j < end) {
            const c = text.charCodeAt(j);
            if (c === QUOTE) {
              if (j + 1 < end && text.charCodeAt(j + 1) === QUOTE) {
                value += text.slice(from, j + 1);
                j += 2;
                from = j;
                continue;
              }
              closed = true;
              break;
            }
            if (c === LF) line++;
            j++;
          }
          if (!closed) {
            ok = false;
            break;
          }
          value = value === '' ? text.slice(from, j) : value + text.slice(from, j);
          fields.push(value);
          i = j + 1;
          if (i >= end) break;
          const next = text.charCodeAt(i);
          if (next === delim) {
            i++;
            continue;
          }
          if (next === LF) {
            i++;
            line++;
            break;
          }
          ok = false; // text after a closing quote
          break;
        }
        const from = i;
        let c = 0;
        while (i < end) {
          c = text.charCodeAt(i);
          if (c === delim || c === LF || c === QUOTE) break;
          i++;
        }
        if (i < end && c === QUOTE) {
          ok = false; // a quote inside an unquoted field
          break;
        }
        fields.push(repeats.slice(fields.length, from, i));
        if (i >= end) break;
        i++;
        if (c === LF) {
          line++;
          break;
        }
        // c is the delimiter: a field follows, empty at the end of the line or text.
      }
      if (!ok) {
        failedAt = recordLine;
        line = recordLine;
        break;
      }
      sink.record(fields, recordLine, recordStart, i);
    }
    if (failedAt !== -1) {
      // Let csv-parse read the chunk; skip what was already passed on.
      const skipBefore = failedAt;
      readChunkCarefully(text.slice(start, end), chunkFirstLine, delimiter, {
        record: (f, l) => {
          if (l >= skipBefore) sink.record(f, l);
        },
        malformed: (l, raw, reason) => sink.malformed(l, raw, reason),
      });
      line = chunkFirstLine + countLineBreaks(text, start, end);
    }
    start = end;
  }
}

function countLineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Rows read before the fast reader starts taking repeated cells from RepeatedValues. */
const PLAIN_SLICE_ROWS = 8192;

const CACHE_SIZE = 256;
const MAX_CACHED_LENGTH = 40;
const TRIAL = 4096;

/**
 * Unquoted cell values that repeat (offices, labels, counsellors) are taken from
 * a small direct-mapped cache per column instead of sliced afresh: no new string,
 * and Map lookups downstream hit a string whose hash V8 already knows. A column
 * whose values rarely repeat (person_id) stops using the cache after a trial.
 */
class RepeatedValues {
  private readonly caches: (string | undefined)[][] = [];
  private readonly hits: number[] = [];
  private readonly tries: number[] = [];

  constructor(private readonly text: string) {}

  slice(column: number, from: number, to: number): string {
    const length = to - from;
    const text = this.text;
    if (length === 0) return '';
    if (length > MAX_CACHED_LENGTH || column >= 64) return text.slice(from, to);
    let cache = this.caches[column];
    if (cache === undefined) {
      cache = this.caches[column] = new Array<string | undefined>(CACHE_SIZE).fill(undefined);
      this.hits[column] = 0;
      this.tries[column] = 0;
    }
    const tries = this.tries[column];
    if (tries >= TRIAL && this.hits[column] * 2 < tries) return text.slice(from, to);
    this.tries[column] = tries + 1;
    const key =
      (length * 7 +
        text.charCodeAt(from) * 31 +
        text.charCodeAt(to - 1) * 131 +
        text.charCodeAt(Math.max(to - 2, from)) * 17 +
        text.charCodeAt(from + (length >> 1)) * 3 +
        text.charCodeAt(Math.max(to - 4, from)) * 71) &
      (CACHE_SIZE - 1);
    const cached = cache[key];
    if (cached !== undefined && cached.length === length && text.startsWith(cached, from)) {
      this.hits[column]++;
      return cached;
    }
    const value = text.slice(from, to);
    cache[key] = value;
    return value;
  }
}
