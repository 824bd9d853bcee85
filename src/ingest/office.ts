/**
 * Office names as offices write them: `NAV Bodø`, `Nav Bodø`, `NAV BODØ` and
 * `Bodø` are one office. Names compare case-insensitively, with white space
 * normalised and a leading "NAV" optional; the report prints the spelling used
 * most often. Text read with the wrong encoding is flagged.
 */
import { WINDOWS_1252_HIGH } from './windows1252.js';

/** Typical mojibake of Norwegian letters: UTF-8 read as Windows-1252 or Latin-1 (Ã¸ Ã¥ Ã¦ Ã˜ Ã… Ã†). */
const MOJIBAKE = /Ã[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]/;

/** Why a name may be garbled: U+FFFD (bytes that were not valid in the encoding used), or mojibake. */
export function encodingDamage(name: string): 'replacement' | 'mojibake' | null {
  if (name.includes('\uFFFD')) return 'replacement';
  if (MOJIBAKE.test(name)) return 'mojibake';
  return null;
}

/**
 * The text that mojibake came from: the name encoded back to Windows-1252 bytes and
 * read as UTF-8. Null when that does not give valid UTF-8 (then it was not mojibake).
 */
export function repairMojibake(name: string): string | null {
  const bytes: number[] = [];
  for (const ch of name) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) bytes.push(code);
    else {
      const byte = cp1252High().get(code);
      if (byte === undefined) return null;
      bytes.push(byte);
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes));
  } catch {
    return null;
  }
}

/**
 * The bytes 0x80–0x9F by the character a misreading made of them (made on first use):
 * Windows-1252's characters (Excel, Node 22 and later) and the C1 controls of a Latin-1
 * reading (Node 20's TextDecoder('windows-1252') among others).
 */
let cp1252Bytes: Map<number, number> | undefined;
function cp1252High(): Map<number, number> {
  cp1252Bytes ??= new Map(WINDOWS_1252_HIGH.flatMap((ch, i) => [[0x80 + i, 0x80 + i] as [number, number], [ch.codePointAt(0)!, 0x80 + i] as [number, number]]));
  return cp1252Bytes;
}

/**
 * The key under which spellings of one office are merged: NFC, mojibake repaired,
 * lower case, runs of white space as one space, a leading "NAV" (with a space,
 * dash or nothing before a capital in the original) removed.
 */
export function officeKey(name: string): string {
  const repaired = encodingDamage(name) === 'mojibake' ? (repairMojibake(name) ?? name) : name;
  const key = repaired.normalize('NFC').toLocaleLowerCase('nb').replace(/\s+/g, ' ').trim();
  const withoutNav = key.replace(/^nav(?:[\s\-–:]+|(?=[^a-zæøå]))/u, '').trim();
  return withoutNav === '' ? key : withoutNav;
}

/**
 * Spellings of the offices seen, counted, to name each office by its most frequent
 * spelling (ties: the first in code-point order, so the result does not depend on
 * file order).
 */
export class OfficeNames {
  private readonly byKey = new Map<string, Map<string, number>>();

  /** Counts rows read with a spelling (valid rows, whether accepted or not later). */
  add(key: string, spelling: string, rows = 1): void {
    let spellings = this.byKey.get(key);
    if (spellings === undefined) {
      spellings = new Map();
      this.byKey.set(key, spellings);
    }
    spellings.set(spelling, (spellings.get(spelling) ?? 0) + rows);
  }

  /** Counts the spellings of `from` as spellings of `into` (a damaged name resolved to its office). */
  absorb(from: string, into: string): void {
    const spellings = this.byKey.get(from);
    if (spellings === undefined) return;
    for (const [spelling, rows] of spellings) this.add(into, spelling, rows);
    this.byKey.delete(from);
  }

  /** The name printed for the office with this key. */
  display(key: string): string {
    const spellings = [...(this.byKey.get(key) ?? new Map<string, number>()).entries()];
    spellings.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return spellings[0]?.[0] ?? key;
  }

  /** Offices written in more than one way, by display name, each spelling with its rows. */
  merged(): { key: string; name: string; spellings: { spelling: string; rows: number }[] }[] {
    const result: { key: string; name: string; spellings: { spelling: string; rows: number }[] }[] = [];
    for (const [key, spellings] of this.byKey) {
      const live = [...spellings.entries()].filter(([, rows]) => rows > 0);
      if (live.length < 2) continue;
      live.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      result.push({ key, name: live[0][0], spellings: live.map(([spelling, rows]) => ({ spelling, rows })) });
    }
    return result.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}

/**
 * The one other office key that a key holding U+FFFD fits, letter for letter with
 * one letter per U+FFFD (`nav bod\uFFFD` fits `bodø`: a byte of Windows-1252 text
 * read as UTF-8 gives one U+FFFD), or null when none or several fit.
 */
export function resolveDamagedKey(key: string, keys: Iterable<string>): string | null {
  if (!key.includes('\uFFFD')) return null;
  const pattern = new RegExp(`^${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\uFFFD/g, '.')}$`, 'u');
  let found: string | null = null;
  for (const other of keys) {
    if (other === key || other.includes('\uFFFD') || !pattern.test(other)) continue;
    if (found !== null) return null;
    found = other;
  }
  return found;
}
