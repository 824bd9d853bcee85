/** person_id → slot, in typed arrays beyond the first 65 536 persons. */

import { PageArena } from './pages.js';

/** Slots per block of PersonIndex's keys. */
const PAGE_BITS = 16;
const PAGE = 1 << PAGE_BITS;

/** Persons kept in PersonIndex's Map before it moves them to its typed-array table. */
const PERSON_MAP_LIMIT = 1 << 16;
/** The table grows when it is this full (linear probing). */
const MAX_LOAD = 0.7;
/** Marks a key stored as UTF-16 code units (it has a character above U+007F); ASCII keys never hold it. */
const WIDE = 0xff;

/**
 * person_id → slot (0, 1, 2 … in order of first appearance), from a string or
 * from the ASCII bytes of a cell (the streaming reader hashes ids without making
 * strings). The first PERSON_MAP_LIMIT persons are kept in a Map<string, number>:
 * V8 hashes strings natively, which is fast before the JIT has warmed up. Beyond that, all keys move to an open-addressing
 * hash table (linear probing, FNV-1a) in typed arrays: on a million fresh keys it
 * measured about twice as fast as a Map, and it holds no JS strings. Keys are
 * stored as bytes: an ASCII key as its bytes (so a string and a cell give the
 * same key), any other as WIDE and its UTF-16 code units. Per person: 4 bytes of
 * key end, the key's bytes, and 4 bytes per table position (at most 70 % full).
 * Slot numbers do not change in the move.
 */
export class PersonIndex {
  /** The first persons, until PERSON_MAP_LIMIT; null once they moved to the table. */
  private map: Map<string, number> | null = new Map();

  /**
   * Per table position p (p = hash & mask): 0 when free (so a new array is an
   * empty table), else the slot + 1 in the bits of mask, and above them the
   * hash's own bits, compared before the key. The slot fits, as the table is
   * never full: 4 bytes a position instead of 8 for slot and hash side by side
   * (80 MB less at ten million persons); growing hashes the stored keys again.
   */
  private entries = new Int32Array(1 << 14);
  private mask = (1 << 14) - 1;
  /** Per block of PAGE slots: the keys end to end, and where each ends. */
  private keyBytes: Uint8Array[] = [];
  private keyEnds: Int32Array[] = [];
  private count = 0;
  /** A string key as stored bytes (see WIDE). */
  private scratch = new Uint8Array(256);

  constructor(private readonly arena: PageArena = new PageArena()) {}

  /** Number of keys. */
  get size(): number {
    return this.map !== null ? this.map.size : this.count;
  }

  /** The slot of `key`, or -1 after giving it the next slot. */
  slotOrAdd(key: string): number {
    const map = this.map;
    if (map !== null) {
      const slot = map.get(key);
      if (slot !== undefined) return slot;
      if (map.size < PERSON_MAP_LIMIT) {
        // Detached: a long id sliced from a file's text would keep that text alive.
        map.set(detached(key), map.size);
        return -1;
      }
      this.moveToTable();
    }
    const length = this.encode(key);
    return this.slotOrAddBytes(this.scratch, 0, length);
  }

  /**
   * The slot of the key held in bytes[start, end) as stored bytes (an ASCII id:
   * its bytes), or -1 after giving it the next slot.
   */
  slotOrAddBytes(bytes: Uint8Array, start: number, end: number): number {
    // Bytes go to the table at once: the Map is for string keys while the JIT warms up.
    if (this.map !== null) this.moveToTable();
    const hash = hashOf(bytes, start, end);
    const entries = this.entries;
    const mask = this.mask;
    const high = hash & ~mask;
    let p = hash & mask;
    for (;;) {
      const entry = entries[p];
      if (entry === 0) break;
      if ((entry & ~mask) === high && this.holds((entry & mask) - 1, bytes, start, end)) return (entry & mask) - 1;
      p = (p + 1) & mask;
    }
    entries[p] = high | (this.store(bytes, start, end) + 1);
    if (this.count > MAX_LOAD * (mask + 1)) this.grow();
    return -1;
  }

  /** Moves the Map's keys, in their order, to the table. */
  private moveToTable(): void {
    const map = this.map!;
    this.map = null;
    for (const known of map.keys()) this.slotOrAddBytes(this.scratch, 0, this.encode(known));
  }

  /** Writes `key` to this.scratch as stored bytes; returns their length. */
  private encode(key: string): number {
    const n = key.length;
    if (this.scratch.length < 2 * n + 1) this.scratch = new Uint8Array(2 * n + 1);
    const out = this.scratch;
    let i = 0;
    while (i < n) {
      const c = key.charCodeAt(i);
      if (c > 0x7f) break;
      out[i++] = c;
    }
    if (i === n) return n;
    out[0] = WIDE;
    for (let k = 0; k < n; k++) {
      const c = key.charCodeAt(k);
      out[1 + 2 * k] = c & 0xff;
      out[2 + 2 * k] = c >>> 8;
    }
    return 2 * n + 1;
  }

  private holds(slot: number, bytes: Uint8Array, start: number, end: number): boolean {
    const block = slot >>> PAGE_BITS;
    const k = slot & (PAGE - 1);
    const ends = this.keyEnds[block];
    const at = k === 0 ? 0 : ends[k - 1];
    if (ends[k] - at !== end - start) return false;
    const keys = this.keyBytes[block];
    for (let i = start, j = at; i < end; i++, j++) if (keys[j] !== bytes[i]) return false;
    return true;
  }

  private store(bytes: Uint8Array, start: number, end: number): number {
    const slot = this.count;
    const block = slot >>> PAGE_BITS;
    const k = slot & (PAGE - 1);
    if (k === 0) {
      this.keyBytes.push(new Uint8Array(Math.max(1 << 12, end - start)));
      this.keyEnds.push(this.arena.int32(PAGE));
    }
    const ends = this.keyEnds[block];
    const at = k === 0 ? 0 : ends[k - 1];
    let keys = this.keyBytes[block];
    if (at + end - start > keys.length) {
      const grown = new Uint8Array(Math.max(keys.length * 2, at + end - start));
      grown.set(keys.subarray(0, at));
      this.keyBytes[block] = keys = grown;
    }
    for (let i = start, j = at; i < end; i++, j++) keys[j] = bytes[i];
    ends[k] = at + end - start;
    this.count++;
    return slot;
  }

  /** Doubles the table, placing every stored key again from its hash (the entries keep only part of it). */
  private grow(): void {
    const mask = (this.mask << 1) | 1;
    const entries = new Int32Array(mask + 1);
    for (let block = 0; block < this.keyEnds.length; block++) {
      const keys = this.keyBytes[block];
      const ends = this.keyEnds[block];
      const first = block << PAGE_BITS;
      const n = Math.min(PAGE, this.count - first);
      let at = 0;
      for (let k = 0; k < n; k++) {
        const hash = hashOf(keys, at, ends[k]);
        at = ends[k];
        let p = hash & mask;
        while (entries[p] !== 0) p = (p + 1) & mask;
        entries[p] = (hash & ~mask) | (first + k + 1);
      }
    }
    this.entries = entries;
    this.mask = mask;
  }
}

/** FNV-1a of bytes[start, end), its high bits folded into the low ones (which pick the position). */
function hashOf(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], 16777619);
  return h ^ (h >>> 15);
}

/** A copy of `text` that does not share the memory of a larger string it was sliced from. */
export function detached(text: string): string {
  return text.length < 13 ? text : (JSON.parse(JSON.stringify(text)) as string);
}
