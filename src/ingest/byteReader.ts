import type { ByteSource } from './byteSource.js';
import { CellDecoder } from './cellDecoder.js';
import type { ByteEncoding } from './decode.js';
import type { MalformedLine } from './types.js';

/**
 * One record as byte ranges in the reader's window: valid only during the call
 * that receives it (the window and the arrays are reused).
 */
export interface ByteRecord {
  bytes: Buffer;
  /** Number of fields. */
  count: number;
  /** Per field: where its content starts and ends (inside the quotes of a quoted field). */
  starts: Int32Array;
  ends: Int32Array;
  /** Per field: QUOTED, ESCAPED and HAS_CR bits. */
  kinds: Uint8Array;
  /** Physical line where the record starts, 1-based. */
  line: number;
  /** Bytes of the source read up to the record's end (for progress). */
  offset: number;
  /**
   * Some cell may hold personal data: the record holds an `@`, eight digits in a
   * row, a digit, a space and a digit, or six digits followed by a dash or a
   * non-ASCII byte. Every identity number, phone number and e-mail address that
   * findPersonalData finds has one of these, so a record without is not scanned.
   */
  suspect: boolean;
}

/** Field kinds (bits). */
const QUOTED = 1;
/** A quoted field holding doubled quotes. */
export const ESCAPED = 2;
/** A quoted field holding a CR (CRLF or a lone CR, read as LF). */
export const HAS_CR = 4;

export interface ByteRecordSink {
  byteRecord(record: ByteRecord, decoder: CellDecoder): void;
  /** A line that is not valid CSV; reading resumes on the next line. */
  malformed(line: number, text: string, reason: MalformedLine): void;
}

export interface ByteReaderOptions {
  /** ';', ',' or tab. */
  delimiter: string;
  encoding: ByteEncoding;
  /** Bytes read at a time (tests use a few bytes, so that every boundary falls inside something). */
  chunkSize?: number;
  /** Bytes of one record held before its end is looked for without holding it (see skim). */
  recordLimit?: number;
}

const DEFAULT_CHUNK_SIZE = 1 << 21;
const DEFAULT_RECORD_LIMIT = 1 << 26;

const LF = 10;
const CR = 13;
const QUOTE = 34;

/*
 * Personal-data prefilter: a small automaton per byte, NEXT[state << 8 | byte].
 * States 0–7: length of the current run of ASCII digits (7: seven or more);
 * SPACED: a digit then a space or U+00A0; C2: a digit then 0xC2 (U+00A0's first
 * UTF-8 byte); SUSPECT: seen something personal data needs (sticky). Structural
 * bytes (delimiter, quote, CR, LF) give STRUCTURAL, plus 1 when the state was SUSPECT.
 */
const SPACED = 8;
const C2 = 9;
const SUSPECT = 10;
const STATES = 11;
const STRUCTURAL = 16;

const automata = new Map<number, Uint8Array>();

function automaton(delimiter: number): Uint8Array {
  let next = automata.get(delimiter);
  if (next !== undefined) return next;
  next = new Uint8Array(STATES * 256);
  for (let s = 0; s < STATES; s++) {
    for (let b = 0; b < 256; b++) {
      let t: number;
      const digit = b >= 48 && b <= 57;
      if (b === delimiter || b === QUOTE || b === CR || b === LF) t = STRUCTURAL + (s === SUSPECT ? 1 : 0);
      else if (s === SUSPECT || b === 64 /* @ */) t = SUSPECT;
      else if (digit) t = s === SPACED || s === 7 ? SUSPECT : s >= 1 && s <= 6 ? s + 1 : 1;
      else if (b === 0x20 || (b === 0xa0 && s !== C2)) t = s >= 1 && s <= 7 ? SPACED : 0;
      else if (b === 0xa0)
        t = SPACED; // C2 A0: U+00A0 in UTF-8
      else if (s === 6 || s === 7)
        t = b === 0x2d || b >= 0x80 ? SUSPECT : 0; // six digits, then a dash (any kind) or U+00A0
      else if (b === 0xc2) t = s >= 1 && s <= 5 ? C2 : 0;
      else t = 0;
      next[(s << 8) | b] = t;
    }
  }
  automata.set(delimiter, next);
  return next;
}

/** skim's states. */
const FIELD_START = 0;
const UNQUOTED = 1;
const IN_QUOTES = 2;
const AFTER_QUOTE = 3;

/** What parseRecord found. */
const NEED_MORE = -1;
const NOT_CLOSED = -2;
const BAD_CLOSING = -3;
const BAD_OPENING = -4;
/** skim: the record ends without an error. */
const ENDS_WELL = -5;

const REASONS: Record<number, MalformedLine> = {
  [NOT_CLOSED]: { reason: 'quoteNotClosed', parserCode: null },
  [BAD_CLOSING]: { reason: 'invalidClosingQuote', parserCode: null },
  [BAD_OPENING]: { reason: 'invalidOpeningQuote', parserCode: null },
};

/**
 * The streaming record reader: bytes in, records as byte ranges out, with the
 * physical line each starts on. It gives exactly what the csv-parse reader
 * (records.ts) gives on the decoded text read as one piece: CRLF and lone CR are
 * line breaks, also inside quoted fields; strict quotes; a byte-order mark
 * dropped at the start of the input and where reading resumes after a malformed
 * line; a malformed line reported with the text of its first physical line, and
 * reading resumed on the line after it (csv-parse's position after an error).
 * Empty lines give no record. Only the window of the record being read is held:
 * a record longer than a chunk grows the window.
 */
export class ByteRecordReader {
  private window: Buffer;
  /** Source position of window[0]. */
  private windowPosition: number;
  private length = 0;
  /** Nothing follows the window's bytes. */
  private atEnd = false;
  private readonly chunkSize: number;
  private readonly delimiter: number;
  private readonly next: Uint8Array;
  private readonly decoder: CellDecoder;
  private readonly record: ByteRecord;
  /** Lines the record being parsed spans beyond its first (line breaks inside it, its end included). */
  private recordBreaks = 0;
  /** The record being parsed ended with a CR: an LF right after it is the rest of that line break. */
  private endsWithCr = false;
  private readonly recordLimit: number;
  /** The record being read is longer than recordLimit and known to end well: the window may grow to hold it. */
  private longRecord = false;
  /** Largest window used (tests check that it stays bounded). */
  peakWindow = 0;

  constructor(
    private readonly source: ByteSource,
    private readonly options: ByteReaderOptions,
    private readonly sink: ByteRecordSink,
  ) {
    this.chunkSize = Math.max(1, options.chunkSize ?? DEFAULT_CHUNK_SIZE);
    this.recordLimit = Math.max(1, options.recordLimit ?? DEFAULT_RECORD_LIMIT);
    this.window = Buffer.allocUnsafe(Math.max(this.chunkSize * 2, 64));
    this.peakWindow = this.window.length;
    this.windowPosition = options.encoding.bomLength;
    this.delimiter = options.delimiter.charCodeAt(0);
    this.next = automaton(this.delimiter);
    this.decoder = new CellDecoder(options.encoding);
    this.record = {
      bytes: this.window,
      count: 0,
      starts: new Int32Array(64),
      ends: new Int32Array(64),
      kinds: new Uint8Array(64),
      line: 1,
      offset: 0,
      suspect: false,
    };
  }

  /**
   * Keeps window[keep, length), moves it to the start and reads one more chunk
   * after it, growing the window when it is full. Returns how far bytes moved
   * (subtract it from positions in the window). Sets atEnd at the end of the source.
   */
  private refill(keep: number): number {
    const kept = this.length - keep;
    if (keep > 0) {
      this.window.copyWithin(0, keep, this.length);
      this.windowPosition += keep;
      this.length = kept;
    }
    if (this.length + this.chunkSize > this.window.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.window.length * 2, this.length + this.chunkSize));
      this.window.copy(grown, 0, 0, this.length);
      this.window = grown;
      this.record.bytes = grown;
      this.peakWindow = Math.max(this.peakWindow, grown.length);
    }
    const n = this.source.read(this.windowPosition + this.length, this.window, this.length, this.chunkSize);
    this.length += n;
    if (n === 0) this.atEnd = true;
    return keep;
  }

  /** Makes `count` bytes from `at` available if the source has them; returns the shift (see refill). */
  private ensure(at: number, count: number, keep: number): number {
    let shift = 0;
    while (at - shift + count > this.length && !this.atEnd) shift += this.refill(keep - shift);
    return shift;
  }

  /** Reads every record and malformed line to the sink. */
  read(): void {
    let line = 1;
    let at = 0;
    /** Bytes of a BOM dropped at the start of the current line (they belong to its text). */
    let bom = 0;
    let bomAllowed = this.decoder.decodesUtf8;
    this.refill(0);
    for (;;) {
      // Where a BOM is dropped: the start of the input, and where reading resumes after an error.
      if (bomAllowed) {
        at -= this.ensure(at, 3, at);
        const w = this.window;
        bom = at + 3 <= this.length && w[at] === 0xef && w[at + 1] === 0xbb && w[at + 2] === 0xbf ? 3 : 0;
        at += bom;
        bomAllowed = false;
      }
      if (at >= this.length) {
        if (this.atEnd) {
          // A pipe whose encoding one pass could not decide as a file's would be (EncodingWatch).
          const watch = this.options.encoding.watch;
          if (watch?.refusal) throw watch.refusalError(this.source.name);
          return;
        }
        at -= this.refill(at - bom);
        continue;
      }
      // Empty lines, and the LF of a CRLF that ended the last record.
      const first = this.window[at];
      if (first === LF || first === CR) {
        if (!(first === LF && this.endsWithCr)) line++;
        this.endsWithCr = first === CR;
        at++;
        bom = 0;
        continue;
      }
      this.endsWithCr = false;
      let end = this.parseRecord(at);
      if (end === NEED_MORE && !this.longRecord && this.length - at >= this.recordLimit) {
        // A record this long is mostly a quote never closed: find out without holding the rest.
        // A pipe cannot be read twice: its window grows to hold the record, whatever its fate.
        const fate = this.source.forwardOnly === true ? ENDS_WELL : this.skim(this.windowPosition + at);
        if (fate === ENDS_WELL) this.longRecord = true;
        else end = fate;
      }
      if (end === NEED_MORE) {
        at -= this.refill(at - bom);
        continue;
      }
      this.longRecord = false;
      if (end < 0) {
        at = this.malformedLine(at, bom, line, REASONS[end]);
        line++;
        bom = 0;
        bomAllowed = this.decoder.decodesUtf8;
        continue;
      }
      const record = this.record;
      record.line = line;
      record.offset = this.windowPosition + end;
      this.sink.byteRecord(record, this.decoder);
      line += this.recordBreaks;
      at = end;
      bom = 0;
    }
  }

  /**
   * How the record starting at source position `from` ends, read in chunks
   * without holding it: an error (NOT_CLOSED, BAD_CLOSING, BAD_OPENING, as
   * parseRecord would find it), or ENDS_WELL (then parseRecord must read it whole).
   * The grammar is parseRecord's, as states: at a field's start, in an unquoted
   * field, in a quoted field, and just after a quote inside a quoted field.
   */
  private skim(from: number): number {
    const buffer = new Uint8Array(this.chunkSize);
    const delimiter = this.delimiter;
    let state = FIELD_START;
    for (let position = from; ; ) {
      const n = this.source.read(position, buffer, 0, buffer.length);
      if (n === 0) return state === IN_QUOTES ? NOT_CLOSED : ENDS_WELL;
      position += n;
      for (let i = 0; i < n; i++) {
        const b = buffer[i];
        if (state === IN_QUOTES) {
          if (b === QUOTE) state = AFTER_QUOTE;
        } else if (state === AFTER_QUOTE && b === QUOTE) {
          state = IN_QUOTES;
        } else if (b === delimiter) {
          state = FIELD_START;
        } else if (b === LF || b === CR) {
          return ENDS_WELL;
        } else if (state === AFTER_QUOTE) {
          return BAD_CLOSING;
        } else if (b === QUOTE) {
          if (state === UNQUOTED) return BAD_OPENING;
          state = IN_QUOTES;
        } else {
          state = UNQUOTED;
        }
      }
    }
  }

  /**
   * Reports the malformed record at `at` (its line's text from the BOM before it,
   * if any, to the first line break) and returns where the next line starts.
   */
  private malformedLine(at: number, bom: number, line: number, reason: MalformedLine): number {
    let lineEnd = at;
    for (;;) {
      const w = this.window;
      while (lineEnd < this.length && w[lineEnd] !== LF && w[lineEnd] !== CR) lineEnd++;
      if (lineEnd < this.length || this.atEnd) break;
      const shift = this.refill(at - bom);
      lineEnd -= shift;
      at -= shift;
    }
    this.sink.malformed(line, this.decoder.text(this.window, at - bom, lineEnd, 0), reason);
    this.endsWithCr = false;
    if (lineEnd >= this.length) return lineEnd;
    if (this.window[lineEnd] === LF) return lineEnd + 1;
    // A CR, and the LF of a CRLF after it.
    lineEnd -= this.ensure(lineEnd, 2, lineEnd);
    return lineEnd + 1 < this.length && this.window[lineEnd + 1] === LF ? lineEnd + 2 : lineEnd + 1;
  }

  /**
   * Parses one record from `at` (not an empty line) into this.record. Returns
   * where the next record starts, NEED_MORE when the window ends first, or an
   * error (NOT_CLOSED, BAD_CLOSING, BAD_OPENING).
   */
  private parseRecord(at: number): number {
    const w = this.window;
    const length = this.length;
    const atEnd = this.atEnd;
    const next = this.next;
    const delimiter = this.delimiter;
    const record = this.record;
    let starts = record.starts;
    let ends = record.ends;
    let kinds = record.kinds;
    let count = 0;
    let breaks = 0;
    let suspect = false;
    let i = at;
    for (;;) {
      // One field from i.
      if (count === starts.length) {
        this.growFields();
        starts = record.starts;
        ends = record.ends;
        kinds = record.kinds;
      }
      if (i < length && w[i] === QUOTE) {
        let state = 0;
        let kind = QUOTED;
        const from = i + 1;
        let j = from;
        for (;;) {
          if (j >= length) return atEnd ? NOT_CLOSED : NEED_MORE;
          const b = w[j];
          if (b === QUOTE) {
            if (j + 1 >= length && !atEnd) return NEED_MORE;
            if (j + 1 < length && w[j + 1] === QUOTE) {
              kind |= ESCAPED;
              if (state === SUSPECT) suspect = true;
              state = 0;
              j += 2;
              continue;
            }
            break;
          }
          if (b === LF) {
            if (j === from || w[j - 1] !== CR) breaks++;
            if (state === SUSPECT) suspect = true;
            state = 0;
          } else if (b === CR) {
            breaks++;
            kind |= HAS_CR;
            if (state === SUSPECT) suspect = true;
            state = 0;
          } else {
            // The delimiter is text here: it only ends a digit run.
            const t = next[(state << 8) | b];
            state = t >= STRUCTURAL ? (t === STRUCTURAL + 1 ? SUSPECT : 0) : t;
          }
          j++;
        }
        if (state === SUSPECT) suspect = true;
        starts[count] = from;
        ends[count] = j;
        kinds[count] = kind;
        count++;
        i = j + 1;
        // (A closing quote is only taken with the byte after it in the window, or at the end.)
        if (i >= length) return this.finish(count, breaks, suspect, i, false);
        const b = w[i];
        if (b === delimiter) {
          i++;
          continue;
        }
        if (b === LF) return this.finish(count, breaks + 1, suspect, i + 1, false);
        if (b === CR) return this.finish(count, breaks + 1, suspect, i + 1, true);
        return BAD_CLOSING;
      }
      // An unquoted field.
      const from = i;
      let state = 0;
      while (i < length) {
        state = next[(state << 8) | w[i]];
        if (state >= STRUCTURAL) break;
        i++;
      }
      if (state === SUSPECT || state === STRUCTURAL + 1) suspect = true;
      if (i >= length) {
        if (!atEnd) return NEED_MORE;
        starts[count] = from;
        ends[count] = i;
        kinds[count] = 0;
        return this.finish(count + 1, breaks, suspect, i, false);
      }
      const b = w[i];
      if (b === QUOTE) {
        // A quote opens a field only at its start; inside one it is an error (csv-parse's INVALID_OPENING_QUOTE).
        return BAD_OPENING;
      }
      starts[count] = from;
      ends[count] = i;
      kinds[count] = 0;
      count++;
      i++;
      if (b === delimiter) continue;
      return this.finish(count, breaks + 1, suspect, i, b === CR);
    }
  }

  private finish(count: number, breaks: number, suspect: boolean, end: number, endsWithCr: boolean): number {
    this.record.count = count;
    this.record.suspect = suspect;
    this.recordBreaks = breaks;
    this.endsWithCr = endsWithCr;
    return end;
  }

  private growFields(): void {
    const record = this.record;
    const size = record.starts.length * 2;
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    const kinds = new Uint8Array(size);
    starts.set(record.starts);
    ends.set(record.ends);
    kinds.set(record.kinds);
    record.starts = starts;
    record.ends = ends;
    record.kinds = kinds;
  }
}
