/**
 * Windows-1252 as the WHATWG Encoding Standard defines it (index-windows-1252): bytes
 * below 0x80 and from 0xA0 are the code points of the same value, and 0x80–0x9F are the
 * table below (five unassigned bytes stay C1 controls, as the standard maps them).
 * Node's TextDecoder('windows-1252') is not used: Node 20, built without full ICU,
 * decodes 0x80–0x9F as C1 controls (0x96 as U+0096, not '–'), where Node 22 and 24
 * follow the standard, so a report would depend on the Node version.
 */
const HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** The character of each byte 0x80–0x9F, by byte − 0x80. */
export const WINDOWS_1252_HIGH: readonly string[] = [...HIGH];

const C1 = /[\u0080-\u009f]/g;
const fromC1 = (c: string) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80];

/** The text of Windows-1252 bytes. */
export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(C1, fromC1);
}
