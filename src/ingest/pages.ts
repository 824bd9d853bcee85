/**
 * Growable typed-array columns in pages of 65 536 values, for per-person state:
 * they never copy what they hold and waste at most one page, so ten million
 * persons cost 4 bytes each per Int32 column, not up to 8 with a peak of 12
 * while a doubled array is filled. One class per element type keeps each
 * monomorphic for V8.
 */
const PAGE_BITS = 16;
const PAGE = 1 << PAGE_BITS;
const MASK = PAGE - 1;

/** The first slab of an arena: small, for the many small inputs. */
const FIRST_SLAB = 1 << 20;
/**
 * Later slabs: at least glibc's largest mmap threshold (32 MiB), so each is its
 * own mapping, returned to the system when let go. Pages allocated one by one
 * (256 KiB) would come from malloc's heap once freeing a few large arrays has
 * raised that threshold, and stay in the process after the run lets them go.
 * Pages of a slab not yet written are not resident.
 */
const SLAB = 1 << 26;

/** Hands out zeroed pages carved from large slabs (see SLAB); its memory goes when it does. */
export class PageArena {
  private slab = new ArrayBuffer(0);
  private used = 0;

  private take(bytes: number): number {
    if (this.used + bytes > this.slab.byteLength) {
      this.slab = new ArrayBuffer(this.slab.byteLength === 0 ? Math.max(FIRST_SLAB, bytes) : Math.max(SLAB, bytes));
      this.used = 0;
    }
    const offset = this.used;
    this.used += bytes;
    return offset;
  }

  int32(length: number): Int32Array {
    const offset = this.take(length * 4);
    return new Int32Array(this.slab, offset, length);
  }

  uint16(length: number): Uint16Array {
    const offset = this.take(length * 2);
    return new Uint16Array(this.slab, offset, length);
  }

  int8(length: number): Int8Array {
    const offset = this.take(length);
    return new Int8Array(this.slab, offset, length);
  }
}

export class Int32Pages {
  private pages: Int32Array[] = [];
  length = 0;

  constructor(private readonly arena: PageArena) {}

  push(value: number): void {
    const page = this.length >>> PAGE_BITS;
    if (page === this.pages.length) this.pages.push(this.arena.int32(PAGE));
    this.pages[page][this.length & MASK] = value;
    this.length++;
  }

  get(index: number): number {
    return this.pages[index >>> PAGE_BITS][index & MASK];
  }

  set(index: number, value: number): void {
    this.pages[index >>> PAGE_BITS][index & MASK] = value;
  }

  /** Lets go of the pages wholly before `index` (a reader done with them); get() below it fails after. */
  releaseBefore(index: number): void {
    for (let page = (index >>> PAGE_BITS) - 1; page >= 0 && this.pages[page].length > 0; page--) this.pages[page] = EMPTY_INT32;
  }
}

const EMPTY_INT32 = new Int32Array(0);
const EMPTY_INT8 = new Int8Array(0);

export class Uint16Pages {
  private pages: Uint16Array[] = [];
  length = 0;

  constructor(private readonly arena: PageArena) {}

  push(value: number): void {
    const page = this.length >>> PAGE_BITS;
    if (page === this.pages.length) this.pages.push(this.arena.uint16(PAGE));
    this.pages[page][this.length & MASK] = value;
    this.length++;
  }

  get(index: number): number {
    return this.pages[index >>> PAGE_BITS][index & MASK];
  }
}

export class Int8Pages {
  private pages: Int8Array[] = [];
  length = 0;

  constructor(private readonly arena: PageArena) {}

  push(value: number): void {
    const page = this.length >>> PAGE_BITS;
    if (page === this.pages.length) this.pages.push(this.arena.int8(PAGE));
    this.pages[page][this.length & MASK] = value;
    this.length++;
  }

  get(index: number): number {
    return this.pages[index >>> PAGE_BITS][index & MASK];
  }

  /** As Int32Pages.releaseBefore. */
  releaseBefore(index: number): void {
    for (let page = (index >>> PAGE_BITS) - 1; page >= 0 && this.pages[page].length > 0; page--) this.pages[page] = EMPTY_INT8;
  }
}
