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

export class Int32Pages {
  private pages: Int32Array[] = [];
  length = 0;

  push(value: number): void {
    const page = this.length >>> PAGE_BITS;
    if (page === this.pages.length) this.pages.push(new Int32Array(PAGE));
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

  push(value: number): void {
    const page = this.length >>> PAGE_BITS;
    if (page === this.pages.length) this.pages.push(new Uint16Array(PAGE));
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

  push(value: number): void {
    const page = this.length >>> PAGE_BITS;
    if (page === this.pages.length) this.pages.push(new Int8Array(PAGE));
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
