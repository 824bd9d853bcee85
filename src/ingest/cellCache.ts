/** Distinct cells a column's cache keeps; beyond them cells are parsed each time. */
const MAX_ENTRIES = 1 << 16;
/** Positions of the direct-mapped front table. */
const FRONT_BITS = 12;
const FRONT = 1 << FRONT_BITS;

/**
 * A column's parsed cells keyed by their bytes: offices, counsellors, labels,
 * ages and dates repeat, so each distinct cell is decoded and parsed once per
 * file (the cache belongs to one file, read in one encoding). Open addressing
 * over FNV-1a of the bytes, keys kept in one byte array; in front of it, a
 * direct-mapped table indexed by the length and six of the bytes, so that a
 * cell seen before is mostly found by comparing its bytes once, without hashing.
 */
export class CellCache<V> {
  private mask = 255;
  /** Per table position: entry index + 1 (0: free). */
  private table = new Int32Array(256);
  private hashes: number[] = [];
  private starts: number[] = [];
  private lengths: number[] = [];
  private values: V[] = [];
  private keys = new Uint8Array(4096);
  private used = 0;
  /** Per fingerprint (see get): entry index + 1 of the last cell with it (0: none). */
  private readonly front = new Int32Array(FRONT);

  constructor(private readonly parse: (bytes: Buffer, start: number, end: number) => V) {}

  /** The value of the cell bytes[start, end). */
  get(bytes: Buffer, start: number, end: number): V {
    const length = end - start;
    // Bytes that tell cells of a column apart: the last two (a day, a counsellor's
    // number), two before them (a month), the first few (a year) and the length.
    const fingerprint =
      length === 0
        ? 0
        : (Math.imul(length, 0x9e3779b1) ^
            Math.imul(bytes[end - 1], 0x01000193) ^
            Math.imul(bytes[end - (length > 1 ? 2 : 1)], 0x2545f491) ^
            Math.imul(bytes[end - (length > 4 ? 4 : 1)], 0x5bd1e995) ^
            Math.imul(bytes[end - (length > 5 ? 5 : 1)], 0x27d4eb2f) ^
            Math.imul(bytes[start + (length > 3 ? 3 : 0)], 0x165667b1) ^
            Math.imul(bytes[start + (length >> 1)], 0x85ebca77)) >>>
          (32 - FRONT_BITS);
    const seen = this.front[fingerprint] - 1;
    if (seen !== -1 && this.lengths[seen] === length && this.holds(seen, bytes, start, length)) return this.values[seen];
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], 16777619);
    const table = this.table;
    const mask = this.mask;
    let p = h & mask;
    for (;;) {
      const entry = table[p] - 1;
      if (entry === -1) break;
      if (this.hashes[entry] === h && this.lengths[entry] === length && this.holds(entry, bytes, start, length)) {
        this.front[fingerprint] = entry + 1;
        return this.values[entry];
      }
      p = (p + 1) & mask;
    }
    const value = this.parse(bytes, start, end);
    if (this.values.length < MAX_ENTRIES) {
      const entry = this.add(h, bytes, start, length, value);
      table[p] = entry + 1;
      this.front[fingerprint] = entry + 1;
      if (this.values.length * 2 > mask) this.grow();
    }
    return value;
  }

  private holds(entry: number, bytes: Buffer, start: number, length: number): boolean {
    const keys = this.keys;
    const at = this.starts[entry];
    for (let k = 0; k < length; k++) if (keys[at + k] !== bytes[start + k]) return false;
    return true;
  }

  private add(hash: number, bytes: Buffer, start: number, length: number, value: V): number {
    if (this.used + length > this.keys.length) {
      const keys = new Uint8Array(Math.max(this.keys.length * 2, this.used + length));
      keys.set(this.keys.subarray(0, this.used));
      this.keys = keys;
    }
    for (let k = 0; k < length; k++) this.keys[this.used + k] = bytes[start + k];
    const entry = this.values.length;
    this.hashes.push(hash);
    this.starts.push(this.used);
    this.lengths.push(length);
    this.values.push(value);
    this.used += length;
    return entry;
  }

  private grow(): void {
    const mask = this.mask * 2 + 1;
    const table = new Int32Array(mask + 1);
    for (let entry = 0; entry < this.values.length; entry++) {
      let p = this.hashes[entry] & mask;
      while (table[p] !== 0) p = (p + 1) & mask;
      table[p] = entry + 1;
    }
    this.table = table;
    this.mask = mask;
  }
}
