/** person_id → slot, in typed arrays beyond the first 65 536 persons; and a growable Int32 column. */

/** A growable Int32 column. */
export class Int32Column {
  data = new Int32Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
}

/** Persons kept in PersonIndex's Map before it moves them to its typed-array table. */
const PERSON_MAP_LIMIT = 1 << 16;

/**
 * person_id → slot (0, 1, 2 … in order of first appearance). The first
 * PERSON_MAP_LIMIT persons are kept in a Map<string, number>: V8 hashes strings
 * natively, which is fast before the JIT has warmed up. Beyond that, all keys move
 * to an open-addressing hash table (linear probing, FNV-1a over UTF-16 code units) in
 * typed arrays, which is faster than a Map on many fresh keys and holds no JS strings
 * (see chars).
 * Slot numbers do not change in the move.
 */
export class PersonIndex {
  /** The first persons, until PERSON_MAP_LIMIT; null once they moved to the table. */
  private map: Map<string, number> | null = new Map();

  /**
   * Per table position p: entries[2p] the slot + 1 (0 when free, so a new array
   * is an empty table) and entries[2p + 1] the key's full hash, compared before
   * the key; side by side, so a probe costs one cache miss.
   */
  private entries = new Int32Array(2 << 14);
  private mask = (1 << 14) - 1;
  /**
   * The keys' UTF-16 code units end to end; slot s spans chars[starts[s] .. starts[s + 1]).
   * Copies, not JS strings: a string sliced from a file's text can keep the whole
   * text alive, and a million small strings cost more memory and GC time.
   */
  private chars = new Uint16Array(1 << 16);
  private starts = new Int32Array(1 << 12);
  private count = 0;

  private static hash(key: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
    return h ^ (h >>> 15);
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
      this.map = null;
      for (const known of map.keys()) this.add(known);
    }
    const entries = this.entries;
    const hash = PersonIndex.hash(key);
    let p = hash & this.mask;
    for (;;) {
      const slot = entries[2 * p] - 1;
      if (slot === -1) break;
      if (entries[2 * p + 1] === hash && this.holds(slot, key)) return slot;
      p = (p + 1) & this.mask;
    }
    this.insert(key, hash, p);
    return -1;
  }

  /** Adds a key known to be absent (moving the Map's keys, in their order). */
  private add(key: string): void {
    const hash = PersonIndex.hash(key);
    let p = hash & this.mask;
    while (this.entries[2 * p] !== 0) p = (p + 1) & this.mask;
    this.insert(key, hash, p);
  }

  private insert(key: string, hash: number, p: number): void {
    this.entries[2 * p] = this.store(key) + 1;
    this.entries[2 * p + 1] = hash;
    if (this.count * 2 > this.mask + 1) this.grow();
  }

  private holds(slot: number, key: string): boolean {
    const start = this.starts[slot];
    if (this.starts[slot + 1] - start !== key.length) return false;
    for (let i = 0; i < key.length; i++) if (this.chars[start + i] !== key.charCodeAt(i)) return false;
    return true;
  }

  private store(key: string): number {
    const slot = this.count;
    if (slot + 2 > this.starts.length) {
      const starts = new Int32Array(this.starts.length * 2);
      starts.set(this.starts);
      this.starts = starts;
    }
    const start = this.starts[slot];
    if (start + key.length > this.chars.length) {
      const chars = new Uint16Array(Math.max(this.chars.length * 2, start + key.length));
      chars.set(this.chars.subarray(0, start));
      this.chars = chars;
    }
    for (let i = 0; i < key.length; i++) this.chars[start + i] = key.charCodeAt(i);
    this.starts[slot + 1] = start + key.length;
    this.count++;
    return slot;
  }

  private grow(): void {
    const old = this.entries;
    const entries = new Int32Array(old.length * 2);
    const mask = (this.mask << 1) | 1;
    for (let q = 0; q < old.length; q += 2) {
      if (old[q] === 0) continue;
      let p = old[q + 1] & mask;
      while (entries[2 * p] !== 0) p = (p + 1) & mask;
      entries[2 * p] = old[q];
      entries[2 * p + 1] = old[q + 1];
    }
    this.entries = entries;
    this.mask = mask;
  }
}

/** A copy of `text` that does not share the memory of a larger string it was sliced from. */
export function detached(text: string): string {
  return text.length < 13 ? text : (JSON.parse(JSON.stringify(text)) as string);
}
