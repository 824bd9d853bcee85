import { isUtf8 } from 'node:buffer';
import { InputError, UsageError } from '../errors.js';
import { headOf, MemorySource, type ByteSource } from './byteSource.js';
import type { EncodingWatch } from './encodingWatch.js';
import { decodeWindows1252 } from './windows1252.js';

export interface DecodedText {
  text: string;
  /** 'utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1252' or the forced label. */
  encoding: string;
}

/** Checks an --encoding label early; TextDecoder knows the WHATWG labels. */
export function checkEncodingLabel(label: string): string {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    throw new UsageError(`unknown encoding "${label}" (try utf-8 or windows-1252)`);
  }
}

/**
 * Bytes to text. A BOM decides (UTF-8, or UTF-16 from Excel's "Unicode text");
 * otherwise strict UTF-8, falling back to Windows-1252 (not Node's latin1, which
 * differs for €, – and ’). A file that is valid UTF-8 in part and not in another
 * part (a UTF-8 export with rows appended in Windows-1252) is refused with both
 * lines named: either reading would garble one part. A forced encoding is used as
 * given, replacing bad bytes with U+FFFD. `name` prefixes the refusal.
 */
export function decodeBytes(bytes: Uint8Array, forced?: string, name = 'input'): DecodedText {
  if (forced !== undefined) {
    const encoding = checkEncodingLabel(forced);
    return { text: encoding === 'windows-1252' ? decodeWindows1252(bytes) : new TextDecoder(encoding).decode(bytes), encoding };
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return checkedUtf8(bytes, 'utf-8-bom', name);
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  }
  return checkedUtf8(bytes, 'utf-8', name);
}

function checkedUtf8(bytes: Uint8Array, encoding: string, name: string): DecodedText {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding };
  } catch {
    const mixed = encodingChange(bytes);
    if (mixed !== null) throw mixedEncodingError(name, mixed);
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

/**
 * Where a file changes from UTF-8 to another encoding: the last line holding a
 * well-formed multi-byte UTF-8 sequence and the first line holding a byte that
 * cannot be UTF-8, when every such sequence comes before every such byte (a UTF-8
 * export with rows appended by a Windows-1252 program); else null. Windows-1252
 * Norwegian text (ø = F8, å = E5) almost never forms a valid sequence (a lead byte
 * C2–F4 followed by the right number of 80–BF bytes), except where it holds
 * mojibake (Ã¸ = C3 B8): interleaved with its own letters, such a file is read as
 * Windows-1252, and the mojibake is repaired and flagged in office names.
 */
function encodingChange(bytes: Uint8Array): { utf8Line: number; otherLine: number } | null {
  const scan = new EncodingChangeScan();
  scan.push(bytes, 0, bytes.length, true);
  return scan.result();
}

/**
 * encodingChange over a file in pieces: push() each piece; it returns where it
 * stopped, short of a sequence that may continue in the next piece (carry the
 * bytes from there). The same loop serves the whole-bytes function above.
 */
class EncodingChangeScan {
  private line = 1;
  private utf8Line = 0;
  private otherLine = 0;
  /** Settled as "no clean change" (null) before the end. */
  private none = false;

  /** Scans bytes[from, to); `atEnd`: nothing follows. Returns the index it stopped at (to, or a sequence's lead byte). */
  push(bytes: Uint8Array, from: number, to: number, atEnd: boolean): number {
    if (this.none) return to;
    // A lead byte this close to `to` may have its continuation bytes in the next piece.
    const safe = atEnd ? to : to - 3;
    for (let i = from; i < to; i++) {
      const b = bytes[i];
      if (b < 0x80) {
        if (b === 10) this.line++;
        continue;
      }
      if (i >= safe) return i;
      const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
      let ok = need > 0;
      for (let k = 1; ok && k <= need; k++) ok = i + k < to && (bytes[i + k] & 0xc0) === 0x80;
      if (ok) {
        // UTF-8 after a byte that is not: the encodings interleave, so this is no clean change.
        if (this.otherLine !== 0 && this.line >= this.otherLine) {
          this.none = true;
          return to;
        }
        this.utf8Line = this.line;
        i += need;
      } else if (this.otherLine === 0) {
        // Nothing was UTF-8 before the first byte that cannot be: not a UTF-8 file at all.
        if (this.utf8Line === 0) {
          this.none = true;
          return to;
        }
        this.otherLine = this.line;
      }
    }
    return to;
  }

  /** Settled before the end: further bytes cannot change the result (null). */
  get settled(): boolean {
    return this.none;
  }

  result(): { utf8Line: number; otherLine: number } | null {
    if (this.none) return null;
    return this.otherLine !== 0 && this.utf8Line !== 0 && this.utf8Line < this.otherLine ? { utf8Line: this.utf8Line, otherLine: this.otherLine } : null;
  }
}

function mixedEncodingError(name: string, mixed: { utf8Line: number; otherLine: number }): InputError {
  return new InputError(
    `${name}: the encoding changes inside the file: line ${mixed.utf8Line} is UTF-8, but line ${mixed.otherLine} ` +
      'and on are not (Windows-1252?). Save the whole file in one encoding, or choose one with --encoding ' +
      '(the other part will then be garbled, and the report warns where)',
    'MIXED_ENCODING',
  );
}

/** How the streaming reader decodes an input's cells: UTF-8 (checked valid, or forced) or Windows-1252. */
export interface ByteEncoding {
  /** As FileSummary.encoding: 'utf-8', 'utf-8-bom', 'windows-1252' or the forced label. */
  label: string;
  decoder: 'utf-8' | 'windows-1252';
  /** Every byte is valid UTF-8 (cells may be decoded without replacement). */
  valid: boolean;
  /** Bytes of a byte-order mark the decoder drops at the start (TextDecoder does for UTF-8). */
  bomLength: number;
  /** A pipe's encoding, decided as it is read (then `decoder` and `label` are only where it starts). */
  watch?: EncodingWatch;
}

/** Bytes checked per piece when a file is checked for UTF-8 piece by piece. */
const CHECK_PIECE = 1 << 22;

/**
 * The encoding decodeBytes would choose, found without decoding the whole input:
 * a native UTF-8 check piece by piece, and encodingChange's scan only when that
 * fails. Null for what the streaming reader leaves to decodeBytes (UTF-16, a
 * forced encoding other than UTF-8 and Windows-1252). Throws MIXED_ENCODING as
 * decodeBytes does.
 */
export function chooseByteEncoding(source: ByteSource, forced: string | undefined, name: string, piece = CHECK_PIECE): ByteEncoding | null {
  const head = headOf(source, 3);
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  if (forced !== undefined) {
    const label = checkEncodingLabel(forced);
    if (label === 'utf-8') return { label, decoder: 'utf-8', valid: false, bomLength: bom ? 3 : 0 };
    if (label === 'windows-1252') return { label, decoder: 'windows-1252', valid: false, bomLength: 0 };
    return null;
  }
  if (head[0] === 0xff && head[1] === 0xfe) return null;
  if (head[0] === 0xfe && head[1] === 0xff) return null;
  // A pipe: decided as it is read (EncodingWatch), never checked in a pass of its own.
  const watch = source.watch;
  if (watch !== undefined && watch !== null) {
    watch.bom = bom;
    return { label: 'utf-8', decoder: 'utf-8', valid: false, bomLength: bom ? 3 : 0, watch };
  }
  if (isUtf8Source(source, piece)) return { label: bom ? 'utf-8-bom' : 'utf-8', decoder: 'utf-8', valid: true, bomLength: bom ? 3 : 0 };
  const mixed = encodingChangeOf(source, piece);
  if (mixed !== null) throw mixedEncodingError(name, mixed);
  return { label: 'windows-1252', decoder: 'windows-1252', valid: true, bomLength: 0 };
}

/** Is the whole source valid UTF-8? Pieces are cut before a byte that starts a character, so none is split. */
function isUtf8Source(source: ByteSource, piece: number): boolean {
  if (source instanceof MemorySource) return isUtf8(source.readAll());
  const buffer = new Uint8Array(piece + 8);
  let carried = 0;
  for (let position = 0; ; ) {
    const n = source.read(position, buffer, carried, piece);
    position += n;
    const length = carried + n;
    if (n === 0) return length === 0 || isUtf8(buffer.subarray(0, length));
    // The last byte that is not a continuation byte starts a character that may go on in the next piece.
    let cut = length - 1;
    while (cut > 0 && length - cut <= 4 && (buffer[cut] & 0xc0) === 0x80) cut--;
    if ((buffer[cut] & 0xc0) === 0x80) return false; // five continuation bytes in a row are never UTF-8
    if (!isUtf8(buffer.subarray(0, cut))) return false;
    buffer.copyWithin(0, cut, length);
    carried = length - cut;
  }
}

function encodingChangeOf(source: ByteSource, piece: number): { utf8Line: number; otherLine: number } | null {
  if (source instanceof MemorySource) return encodingChange(source.readAll());
  const scan = new EncodingChangeScan();
  const buffer = new Uint8Array(piece + 8);
  let carried = 0;
  for (let position = 0; !scan.settled; ) {
    const n = source.read(position, buffer, carried, piece);
    position += n;
    const length = carried + n;
    const atEnd = n === 0;
    const stopped = scan.push(buffer, 0, length, atEnd);
    if (atEnd) break;
    buffer.copyWithin(0, stopped, length);
    carried = length - stopped;
  }
  return scan.result();
}
