import { InputError, UsageError } from '../errors.js';

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
    return { text: new TextDecoder(encoding).decode(bytes), encoding };
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
    if (mixed !== null) {
      throw new InputError(
        `${name}: the encoding changes inside the file: line ${mixed.utf8Line} is UTF-8, but line ${mixed.otherLine} ` +
          'and on are not (Windows-1252?). Save the whole file in one encoding, or choose one with --encoding ' +
          '(the other part will then be garbled, and the report warns where)',
        'MIXED_ENCODING',
      );
    }
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
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
  let line = 1;
  let utf8Line = 0;
  let otherLine = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x80) {
      if (b === 10) line++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    let ok = need > 0;
    for (let k = 1; ok && k <= need; k++) ok = i + k < bytes.length && (bytes[i + k] & 0xc0) === 0x80;
    if (ok) {
      // UTF-8 after a byte that is not: the encodings interleave, so this is no clean change.
      if (otherLine !== 0 && line >= otherLine) return null;
      utf8Line = line;
      i += need;
    } else if (otherLine === 0) {
      // Nothing was UTF-8 before the first byte that cannot be: not a UTF-8 file at all.
      if (utf8Line === 0) return null;
      otherLine = line;
    }
  }
  return otherLine !== 0 && utf8Line !== 0 && utf8Line < otherLine ? { utf8Line, otherLine } : null;
}
