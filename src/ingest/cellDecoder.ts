import type { ByteEncoding } from './decode.js';
import type { EncodingWatch } from './encodingWatch.js';
import { decodeWindows1252 } from './windows1252.js';

/** Field kind bits, as byteReader.ts sets them. */
const ESCAPED = 2;
const HAS_CR = 4;

/**
 * Bytes of one cell to its text, as the whole file's decoding would give it:
 * doubled quotes of a quoted field undone, CRLF and lone CR as LF. A cell's
 * bounds are ASCII bytes (a delimiter, a quote, a line break), which end any
 * UTF-8 sequence, so decoding cell by cell gives the same characters as decoding
 * the whole file, replacement characters included.
 */
export class CellDecoder {
  private readonly utf8: boolean;
  /** Checked valid UTF-8: Buffer's native decoding is the same as TextDecoder's. */
  private readonly valid: boolean;
  private readonly textDecoder: { decode(bytes: Uint8Array): string };
  /** A pipe's encoding, decided as it is read: consulted at each cell that is not ASCII. */
  private readonly watch: EncodingWatch | undefined;
  private readonly windows1252 = { decode: decodeWindows1252 };

  constructor(encoding: ByteEncoding) {
    this.utf8 = encoding.decoder === 'utf-8';
    this.valid = encoding.valid && this.utf8;
    this.textDecoder = textDecoder(encoding);
    this.watch = encoding.watch;
  }

  /** Decodes UTF-8 now (a BOM after the input's start is then dropped where reading resumes, as for a UTF-8 file). */
  get decodesUtf8(): boolean {
    return this.watch === undefined ? this.utf8 : this.watch.decoder === 'utf-8';
  }

  /** The text of bytes[start, end); `kind` as in ByteRecord.kinds. */
  text(bytes: Buffer, start: number, end: number, kind: number): string {
    let text: string;
    if (end - start === 0) return '';
    if (isAscii(bytes, start, end)) text = bytes.latin1Slice(start, end);
    else if (this.valid) text = bytes.utf8Slice(start, end);
    else if (this.watch !== undefined && this.watch.decoder === 'windows-1252') text = this.windows1252.decode(bytes.subarray(start, end));
    else text = this.textDecoder.decode(bytes.subarray(start, end));
    if ((kind & ESCAPED) !== 0) text = text.replaceAll('""', '"');
    if ((kind & HAS_CR) !== 0) text = text.replace(/\r\n?/g, '\n');
    return text;
  }
}

/**
 * A decoder that keeps a U+FEFF at the start of what it decodes: a BOM inside the file
 * is text (the file's first is dropped by the reader). Windows-1252 by the standard's
 * table (windows1252.ts), the same on every Node version.
 */
export function textDecoder(encoding: ByteEncoding): { decode(bytes: Uint8Array): string } {
  return encoding.decoder === 'utf-8' ? new TextDecoder('utf-8', { ignoreBOM: true }) : { decode: decodeWindows1252 };
}

/** No byte of bytes[start, end) is above 0x7F. */
export function isAscii(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (bytes[i] > 0x7f) return false;
  return true;
}

declare global {
  interface Buffer {
    /** Node's native slices (undocumented, used by toString): no argument checks. */
    latin1Slice(start: number, end: number): string;
    utf8Slice(start: number, end: number): string;
  }
}
