import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { InputError } from '../errors.js';
import type { EncodingWatch } from './encodingWatch.js';

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
  /** Read forward only, once its start has been looked at (a pipe): no going back to skim. */
  readonly forwardOnly?: boolean;
  /** A pipe's encoding, decided as its bytes are read (no encoding was given). */
  readonly watch?: EncodingWatch | null;
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

  /** Its descriptor, handed over (a pipe is read through a PipeSource: opening a FIFO again would wait for a writer). */
  detach(): number {
    const fd = this.fd;
    this.fd = -1;
    return fd;
  }
}

/** The first `length` bytes of a source (fewer when it is shorter). */
export function headOf(source: ByteSource, length: number): Uint8Array {
  const head = new Uint8Array(Math.min(length, source.size));
  const n = source.read(0, head, 0, head.length);
  return head.subarray(0, n);
}

/**
 * A pipe (standard input, a FIFO) read forward once, in pieces: it keeps every byte
 * from the start until a read asks for a later position (the readers look at the
 * start several times to find its kind and layout), and from then on only the
 * bytes from the latest read on. A read before those is a bug of the caller
 * (`forwardOnly` tells the streaming reader not to skim ahead and come back).
 */
export class PipeSource implements ByteSource {
  readonly forwardOnly = true;
  private buffer = new Uint8Array(1 << 16);
  /** The buffer holds bytes [base, end) of the input. */
  private base = 0;
  private end = 0;
  private ended = false;
  /** Most bytes held at once (tests check that it stays bounded). */
  peakHeld = 0;

  constructor(
    readonly name: string,
    private readonly fd: number,
    private readonly closeFd: boolean,
    /** Sees every byte as it is read, when the encoding is to be decided on the way. */
    readonly watch: EncodingWatch | null = null,
  ) {}

  get size(): number {
    return this.ended ? this.end : Number.POSITIVE_INFINITY;
  }

  read(position: number, target: Uint8Array, offset: number, length: number): number {
    if (position < this.base) throw new Error(`${this.name}: read at ${position} after the bytes before ${this.base} were let go`);
    if (position > 0) this.letGoBefore(position);
    while (this.end < position + length && !this.ended) this.fill(position + length - this.end);
    const n = Math.max(0, Math.min(length, this.end - position));
    target.set(this.buffer.subarray(position - this.base, position - this.base + n), offset);
    return n;
  }

  readAll(): Uint8Array {
    if (this.base > 0) throw new Error(`${this.name}: the whole input was asked for after its start was let go`);
    while (!this.ended) this.fill(1 << 20);
    return this.buffer.subarray(0, this.end);
  }

  fraction(_position: number): number {
    return 0;
  }

  close(): void {
    if (this.closeFd) closeSync(this.fd);
  }

  private letGoBefore(position: number): void {
    const keep = Math.min(position, this.end) - this.base;
    if (keep <= 0) return;
    this.buffer.copyWithin(0, keep, this.end - this.base);
    this.base += keep;
  }

  /** Reads at least one more piece (up to `wanted` bytes and more), or sees the end. */
  private fill(wanted: number): void {
    const held = this.end - this.base;
    if (held + wanted > this.buffer.length) {
      const grown = new Uint8Array(Math.max(this.buffer.length * 2, held + wanted));
      grown.set(this.buffer.subarray(0, held));
      this.buffer = grown;
    }
    for (;;) {
      let n: number;
      try {
        n = readSync(this.fd, this.buffer, held, this.buffer.length - held, null);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // A pipe left non-blocking by whoever wrote to it: wait a little for more.
        if (code === 'EAGAIN') {
          Atomics.wait(PAUSE, 0, 0, 5);
          continue;
        }
        if (code === 'EOF') n = 0;
        else throw new InputError(`${this.name}: cannot be read (${code ?? 'unknown error'})`, 'INPUT_UNREADABLE');
      }
      if (n === 0) this.ended = true;
      this.watch?.push(this.buffer, held, held + n, n === 0);
      this.end += n;
      this.peakHeld = Math.max(this.peakHeld, this.end - this.base);
      return;
    }
  }
}

const PAUSE = new Int32Array(new SharedArrayBuffer(4));
