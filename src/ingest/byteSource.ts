import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { InputError } from '../errors.js';

/**
 * An input's bytes, read piece by piece from any position: a file through its
 * descriptor, or bytes already in memory (standard input, a gunzipped file, a
 * test's buffer). Positions are absolute, so a reader can go back (the streaming
 * reader does, after a malformed line, to the line after it).
 */
export interface ByteSource {
  /** Name used in messages. */
  readonly name: string;
  /** Bytes in all (Infinity while unknown: a gzip input before a pass has reached its end). */
  readonly size: number;
  /** How far into the input `position` is, from 0 to 1 (for progress). */
  fraction(position: number): number;
  /** Copies up to `length` bytes from `position` into `target` at `offset`; returns how many (0 at the end). */
  read(position: number, target: Uint8Array, offset: number, length: number): number;
  /** Every byte at once (the reference readers decode the whole text). */
  readAll(): Uint8Array;
  close(): void;
}

export class MemorySource implements ByteSource {
  readonly size: number;
  constructor(
    readonly name: string,
    private readonly bytes: Uint8Array,
  ) {
    this.size = bytes.length;
  }

  read(position: number, target: Uint8Array, offset: number, length: number): number {
    const end = Math.min(this.size, position + length);
    if (end <= position) return 0;
    target.set(this.bytes.subarray(position, end), offset);
    return end - position;
  }

  readAll(): Uint8Array {
    return this.bytes;
  }

  fraction(position: number): number {
    return this.size === 0 ? 1 : position / this.size;
  }

  close(): void {}
}

/** A regular file read with pread(2): nothing of it is held but what the reader asks for. */
export class FileSource implements ByteSource {
  readonly size: number;
  /** A regular file (a pipe or a device has no size to read up to). */
  readonly regular: boolean;
  private fd: number;

  constructor(
    readonly name: string,
    path: string,
  ) {
    this.fd = openSync(path, 'r');
    try {
      const stat = fstatSync(this.fd);
      this.size = stat.size;
      this.regular = stat.isFile();
    } catch (error) {
      closeSync(this.fd);
      throw error;
    }
  }

  read(position: number, target: Uint8Array, offset: number, length: number): number {
    // The size seen at opening bounds every pass, so that all passes read the same bytes.
    length = Math.max(0, Math.min(length, this.size - position));
    let total = 0;
    // A short read is not the end: read until `length` bytes or the end of the file.
    while (total < length) {
      let n: number;
      try {
        n = readSync(this.fd, target, offset + total, length - total, position + total);
      } catch (error) {
        throw new InputError(`${this.name}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`, 'INPUT_UNREADABLE');
      }
      if (n === 0) break;
      total += n;
    }
    return total;
  }

  fraction(position: number): number {
    return this.size === 0 ? 1 : position / this.size;
  }

  readAll(): Uint8Array {
    const bytes = new Uint8Array(this.size);
    const n = this.read(0, bytes, 0, this.size);
    return n === this.size ? bytes : bytes.subarray(0, n);
  }

  close(): void {
    if (this.fd !== -1) closeSync(this.fd);
    this.fd = -1;
  }
}

/** The first `length` bytes of a source (fewer when it is shorter). */
export function headOf(source: ByteSource, length: number): Uint8Array {
  const head = new Uint8Array(Math.min(length, source.size));
  const n = source.read(0, head, 0, head.length);
  return head.subarray(0, n);
}
