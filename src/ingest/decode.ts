import { UsageError } from '../errors.js';

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
 * differs for €, – and ’). A forced encoding is used as given, replacing bad bytes
 * with U+FFFD.
 */
export function decodeBytes(bytes: Uint8Array, forced?: string): DecodedText {
  if (forced !== undefined) {
    const encoding = checkEncodingLabel(forced);
    return { text: new TextDecoder(encoding).decode(bytes), encoding };
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8-bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}
