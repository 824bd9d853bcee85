import { createRequire } from 'node:module';
import type { MessagePort, Worker } from 'node:worker_threads';
import { InputError } from '../errors.js';
import type { ByteSource } from './byteSource.js';

/**
 * A gzip input read as its decompressed bytes, piece by piece, never whole.
 * Node's zlib streams only asynchronously, and the readers are synchronous: a
 * worker thread inflates (createGunzip, so several gzip members in a row are one
 * input, as with gunzip(1)) into a ring of shared slots, and read() waits on it
 * with Atomics.wait. Inflating thus runs beside the parsing, on another core.
 *
 * Reading is forward. The first HEAD_CACHE bytes are kept, since a file's start is
 * read again and again (kind, encoding, layout); going back further starts the
 * inflating again from the start (a new pass over the file, as the encoding check
 * and the records each make). Memory: the head, the ring and one slot.
 *
 * `size` is unknown until a pass reaches the end (Infinity until then).
 */
export class GzipSource implements ByteSource {
  private known = Number.POSITIVE_INFINITY;
  private readonly head = new Uint8Array(HEAD_CACHE);
  /** Bytes of the head filled: the file's first headLength bytes. */
  private headLength = 0;
  /** The slot last taken from the ring: decompressed bytes [currentStart, currentStart + currentLength). */
  private readonly current = new Uint8Array(SLOT);
  private currentStart = 0;
  private currentLength = 0;
  private inflater: Inflater | null = null;

  constructor(
    readonly name: string,
    input: { path: string } | { bytes: Uint8Array },
    private readonly compressedSize: number,
  ) {
    // The compressed bytes go on shared memory once, so that every pass's worker reads them without a copy.
    this.input = 'path' in input ? input : { bytes: sharedCopy(input.bytes) };
  }

  /** A path read by the worker, or the compressed bytes (standard input, a test's buffer). */
  private readonly input: { path: string } | { bytes: Uint8Array };

  get size(): number {
    return this.known;
  }

  read(position: number, target: Uint8Array, offset: number, length: number): number {
    let done = 0;
    while (done < length) {
      const at = position + done;
      if (at < this.headLength) {
        const n = Math.min(length - done, this.headLength - at);
        target.set(this.head.subarray(at, at + n), offset + done);
        done += n;
        continue;
      }
      if (at >= this.known) break;
      if (this.inflater === null || at < this.currentStart) this.restart();
      while (at >= this.currentStart + this.currentLength) {
        if (!this.pull()) break;
      }
      if (at >= this.currentStart + this.currentLength) break;
      const from = at - this.currentStart;
      const n = Math.min(length - done, this.currentLength - from);
      target.set(this.current.subarray(from, from + n), offset + done);
      done += n;
    }
    return done;
  }

  readAll(): Uint8Array {
    let bytes = new Uint8Array(Math.max(1 << 16, Math.min(this.compressedSize * 4, 1 << 26)));
    let length = 0;
    for (;;) {
      if (length === bytes.length) {
        const grown = new Uint8Array(bytes.length * 2);
        grown.set(bytes);
        bytes = grown;
      }
      const n = this.read(length, bytes, length, bytes.length - length);
      if (n === 0) return bytes.subarray(0, length);
      length += n;
    }
  }

  /** The fraction of the compressed input the worker has read (`position` is of the decompressed bytes). */
  fraction(_position: number): number {
    if (this.inflater === null || this.compressedSize === 0) return 0;
    return Math.min(1, this.inflater.consumed() / this.compressedSize);
  }

  close(): void {
    this.inflater?.stop();
    this.inflater = null;
  }

  /** Starts inflating again from the file's first byte. */
  private restart(): void {
    this.inflater?.stop();
    this.inflater = new Inflater(this.input);
    this.currentStart = 0;
    this.currentLength = 0;
  }

  /** Takes the next slot from the ring; false at the end of the input. */
  private pull(): boolean {
    const inflater = this.inflater as Inflater;
    const next = this.currentStart + this.currentLength;
    const n = inflater.take(this.current);
    if (n < 0) throw new InputError(`${this.name}: ${inflater.failure()}`, 'INPUT_UNREADABLE');
    if (n === 0) {
      this.known = next;
      return false;
    }
    this.currentStart = next;
    this.currentLength = n;
    if (next === this.headLength && next < HEAD_CACHE) {
      const kept = Math.min(n, HEAD_CACHE - next);
      this.head.set(this.current.subarray(0, kept), next);
      this.headLength += kept;
    }
    return true;
  }
}

/** Bytes of a file's start kept (the readers look at up to 1 MiB of it to find its kind and layout). */
const HEAD_CACHE = 1 << 21;
/** One slot of the ring, and the ring's slots. */
const SLOT = 1 << 20;
const SLOTS = 4;

// The ring's control words (Int32): slots written and taken so far, the worker's
// state, the stop flag, then each slot's length.
const WRITTEN = 0;
const TAKEN = 1;
const STATE = 2;
const STOP = 3;
const LENGTHS = 4;
const RUNNING = 0;
const ENDED = 1;
const FAILED = 2;

/** The worker's code: CommonJS, run with `eval` so that it needs no file of its own (bundled or not). */
const WORKER = `
const { workerData } = require('node:worker_threads');
const { control, data, progress, input, slot, slots, port } = workerData;
const c = new Int32Array(control);
const d = new Uint8Array(data);
const consumed = new Float64Array(progress);
let gunzip;
let source;
function fail(error) {
  const code = error && error.code;
  const reason = code === 'Z_BUF_ERROR' ? 'cannot be decompressed as gzip (the file is cut short)'
    : typeof code === 'string' && !code.startsWith('Z_') && !code.startsWith('ERR_') ? 'cannot be read (' + code + ')'
    : 'cannot be decompressed as gzip (the data is damaged)';
  port.postMessage(reason);
  Atomics.store(c, ${STATE}, ${FAILED});
  Atomics.notify(c, ${WRITTEN});
  if (source) source.destroy();
  if (gunzip) gunzip.destroy();
}
function stopped() {
  if (Atomics.load(c, ${STOP}) === 0) return false;
  if (source) source.destroy();
  if (gunzip) gunzip.destroy();
  return true;
}
process.on('uncaughtException', fail);
// zlib's output pieces are freed only when this thread's heap is collected, and its heap
// is small: without a collection now and then, tens of MiB of them would wait.
let collect = null;
try {
  require('node:v8').setFlagsFromString('--expose-gc');
  collect = require('node:vm').runInNewContext('gc');
} catch {}
let published = 0;
try {
  const { createGunzip } = require('node:zlib');
  if (input.path !== undefined) {
    source = require('node:fs').createReadStream(input.path, { highWaterMark: 1 << 16 });
  } else {
    source = require('node:stream').Readable.from([Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength)]);
  }
  gunzip = createGunzip({ chunkSize: 1 << 16 });
  source.on('error', fail);
  gunzip.on('error', fail);
  // Slots are filled whole before they are handed over (fewer hand-overs than zlib's pieces).
  let fill = 0;
  let k = 0;
  const publish = () => {
    c[${LENGTHS} + k] = fill;
    fill = 0;
    consumed[0] = gunzip.bytesWritten;
    Atomics.add(c, ${WRITTEN}, 1);
    Atomics.notify(c, ${WRITTEN});
    if (++published % 2 === 0 && typeof collect === 'function') collect({ type: 'minor' });
  };
  gunzip.on('data', (chunk) => {
    for (let at = 0; at < chunk.length; ) {
      if (fill === 0) {
        for (;;) {
          if (stopped()) return;
          const taken = Atomics.load(c, ${TAKEN});
          if (Atomics.load(c, ${WRITTEN}) - taken < slots) break;
          Atomics.wait(c, ${TAKEN}, taken, 1000);
        }
        k = Atomics.load(c, ${WRITTEN}) % slots;
      }
      const n = Math.min(slot - fill, chunk.length - at);
      d.set(chunk.subarray(at, at + n), k * slot + fill);
      fill += n;
      at += n;
      if (fill === slot) publish();
    }
  });
  gunzip.on('end', () => {
    if (stopped()) return;
    if (fill > 0) publish();
    Atomics.store(c, ${STATE}, ${ENDED});
    Atomics.notify(c, ${WRITTEN});
  });
  source.pipe(gunzip);
} catch (error) {
  fail(error);
}
`;

const load = createRequire(import.meta.url);

/**
 * One pass of inflating: a worker thread and its ring. Slots are filled whole
 * (SLOT bytes, the last one less) and taken in order; an empty slot is never handed over.
 */
class Inflater {
  private readonly control = new Int32Array(new SharedArrayBuffer(4 * (LENGTHS + SLOTS)));
  private readonly data = new Uint8Array(new SharedArrayBuffer(SLOT * SLOTS));
  private readonly progress = new Float64Array(new SharedArrayBuffer(8));
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly receive: typeof import('node:worker_threads').receiveMessageOnPort;

  constructor(input: { path: string } | { bytes: Uint8Array }) {
    const threads = load('node:worker_threads') as typeof import('node:worker_threads');
    const { port1, port2 } = new threads.MessageChannel();
    this.port = port1;
    this.receive = threads.receiveMessageOnPort;
    const workerData = {
      control: this.control.buffer,
      data: this.data.buffer,
      progress: this.progress.buffer,
      input,
      slot: SLOT,
      slots: SLOTS,
      port: port2,
    };
    this.worker = new threads.Worker(WORKER, { eval: true, workerData, transferList: [port2] });
    this.worker.unref();
    // A failure is reported through the ring (see failure()); the event would come too late.
    this.worker.on('error', () => {});
    this.port.unref();
  }

  /** Copies the next slot into `target`: its length, 0 at the end, −1 on failure. Waits for the worker. */
  take(target: Uint8Array): number {
    const c = this.control;
    const taken = Atomics.load(c, TAKEN);
    for (;;) {
      if (Atomics.load(c, WRITTEN) > taken) break;
      const state = Atomics.load(c, STATE);
      // The state is set after the last slot is written: look again before ending.
      if (state !== RUNNING && Atomics.load(c, WRITTEN) === taken) return state === ENDED ? 0 : -1;
      Atomics.wait(c, WRITTEN, taken, 1000);
    }
    const k = taken % SLOTS;
    const n = c[LENGTHS + k];
    target.set(this.data.subarray(k * SLOT, k * SLOT + n));
    Atomics.store(c, TAKEN, taken + 1);
    Atomics.notify(c, TAKEN);
    return n;
  }

  /** Why the worker failed, in words for the user. */
  failure(): string {
    const message = this.receive(this.port);
    return typeof message?.message === 'string' ? message.message : 'cannot be decompressed as gzip';
  }

  consumed(): number {
    return this.progress[0];
  }

  stop(): void {
    Atomics.store(this.control, STOP, 1);
    Atomics.notify(this.control, TAKEN);
    void this.worker.terminate();
    this.port.close();
  }
}

function sharedCopy(bytes: Uint8Array): Uint8Array {
  if (bytes.buffer instanceof SharedArrayBuffer) return bytes;
  const copy = new Uint8Array(new SharedArrayBuffer(bytes.length));
  copy.set(bytes);
  return copy;
}
