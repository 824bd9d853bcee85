import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { GzipSource } from '../../src/ingest/gzipSource.js';
import { ingest, ingestSources } from '../../src/ingest/index.js';
import { openInputSource } from '../../src/ingest/sources.js';

/**
 * GzipSource inflates in a worker thread into a ring of 1 MiB slots, keeps the
 * first 2 MiB, and starts again from the first byte when a read goes back before
 * the slot it holds. The reference for its bytes is gzip(1), run on the same file.
 */
const dir = mkdtempSync(join(tmpdir(), 'gzip-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function fileOf(bytes: Uint8Array): string {
  const path = join(dir, `f${files++}.gz`);
  writeFileSync(path, bytes);
  return path;
}

/** What gzip(1) makes of the file: its bytes, or null when it refuses it. */
function gunzipped(path: string): Buffer | null {
  const run = spawnSync('gzip', ['-dc', path], { maxBuffer: 1 << 28 });
  return run.status === 0 ? run.stdout : null;
}

/** Text and random bytes mixed, so that slots fill from both long and short deflate blocks. */
function sample(seed: number, size: number): Uint8Array {
  const out = new Uint8Array(size);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < size; ) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const run = 1 + (s % 5000);
    const random = (s & 0x10000) !== 0;
    for (let k = 0; k < run && i < size; k++, i++) {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      out[i] = random ? s >>> 24 : 97 + ((i >> 3) % 26);
    }
  }
  return out;
}

const sources: GzipSource[] = [];
function source(name: string, input: { path: string } | { bytes: Uint8Array }, compressed: number): GzipSource {
  const s = new GzipSource(name, input, compressed);
  sources.push(s);
  return s;
}
afterAll(() => {
  for (const s of sources) s.close();
});

describe('GzipSource', () => {
  const size = 5_300_000;
  const plain = sample(11, size);
  const packed = gzipSync(plain, { level: 6 });
  const path = fileOf(packed);

  it('the test file is read by gzip(1) as the bytes it was made from', () => {
    expect(Buffer.compare(gunzipped(path) as Buffer, Buffer.from(plain))).toBe(0);
  });

  it('any sequence of reads (forward, back into the kept start, back before the slot held, past the end) gives gzip(1)’s bytes (seeded)', () => {
    const reference = gunzipped(path) as Buffer;
    const read = fc.record({
      jump: fc.constantFrom('next', 'next', 'next', 'head', 'back', 'ahead', 'end'),
      length: fc.integer({ min: 1, max: 3_000_000 }),
      offset: fc.integer({ min: 0, max: 3_000_000 }),
    });
    fc.assert(
      fc.property(fc.array(read, { minLength: 1, maxLength: 12 }), fc.boolean(), (reads, fromMemory) => {
        const s = fromMemory ? source('x.gz', { bytes: packed }, packed.length) : source(path, { path }, packed.length);
        let position = 0;
        for (const r of reads) {
          if (r.jump === 'head') position = r.offset % (1 << 21);
          else if (r.jump === 'back') position = Math.max(0, position - r.offset);
          else if (r.jump === 'ahead') position += r.offset;
          else if (r.jump === 'end') position = size - (r.offset % 1000);
          const target = new Uint8Array(r.length + 3);
          const n = s.read(position, target, 3, r.length);
          const expected = reference.subarray(Math.min(position, size), Math.min(position + r.length, size));
          expect(n).toBe(expected.length);
          expect(Buffer.compare(Buffer.from(target.subarray(3, 3 + n)), expected)).toBe(0);
          position += n;
        }
        s.close();
      }),
      { seed: 20261130, numRuns: 25 },
    );
  });

  it('knows its size once a pass has reached the end, and its progress follows the compressed file', () => {
    const s = source(path, { path }, packed.length);
    expect(s.size).toBe(Number.POSITIVE_INFINITY);
    const target = new Uint8Array(1 << 20);
    let position = 0;
    let fraction = 0;
    for (let n = s.read(0, target, 0, target.length); n > 0; n = s.read(position, target, 0, target.length)) {
      position += n;
      expect(s.fraction(position)).toBeGreaterThanOrEqual(fraction);
      fraction = s.fraction(position);
    }
    expect(position).toBe(size);
    expect(s.size).toBe(size);
    expect(fraction).toBe(1);
    expect(Buffer.compare(Buffer.from(s.readAll()), Buffer.from(plain))).toBe(0);
  });

  it('reads gzip members written one after another as one input, as gzip(1) does', () => {
    const parts = [sample(1, 700_000), new Uint8Array(0), sample(2, 1_900_000), sample(3, 10)];
    const joined = Buffer.concat(parts.map((p) => gzipSync(p, { level: 1 })));
    const file = fileOf(joined);
    const s = source(file, { path: file }, joined.length);
    expect(Buffer.compare(Buffer.from(s.readAll()), gunzipped(file) as Buffer)).toBe(0);
    expect(s.size).toBe(2_600_010);
  });

  it('an empty input is read as no bytes', () => {
    const empty = gzipSync(new Uint8Array(0));
    const s = source('empty.gz', { bytes: empty }, empty.length);
    expect(s.read(0, new Uint8Array(10), 0, 10)).toBe(0);
    expect(s.size).toBe(0);
  });

  it('a file cut short, or damaged, is refused with a reason where gzip(1) refuses it', () => {
    const cut = packed.subarray(0, packed.length - 5000);
    const damaged = Buffer.from(packed);
    for (let i = 400_000; i < 400_064; i++) damaged[i] ^= 0x5a;
    for (const [bytes, reason] of [
      [cut, 'cannot be decompressed as gzip (the file is cut short)'],
      [damaged, 'cannot be decompressed as gzip (the data is damaged)'],
    ] as const) {
      const file = fileOf(bytes);
      expect(gunzipped(file)).toBeNull();
      for (const s of [source(file, { path: file }, bytes.length), source('mem.gz', { bytes }, bytes.length)]) {
        expect(() => s.readAll()).toThrow(expect.objectContaining({ code: 'INPUT_UNREADABLE', message: `${s.name}: ${reason}` }));
      }
    }
  });

  it('a file that disappears before it is inflated is named with the system’s reason', () => {
    const s = source(join(dir, 'gone.gz'), { path: join(dir, 'gone.gz') }, 100);
    expect(() => s.read(0, new Uint8Array(4), 0, 4)).toThrow(
      expect.objectContaining({ code: 'INPUT_UNREADABLE', message: expect.stringContaining('cannot be read (ENOENT)') }),
    );
  });
});

describe('a gzip export is read in pieces', () => {
  /** An export longer than the kept start, so that reading its records goes back to its first byte. */
  function exportText(rows: number, name: string): string {
    const lines = ['person_id;office;counsellor_id;group;outcome;end_date;age;note'];
    for (let i = 1; i <= rows; i++) {
      const note = i % 7 === 0 ? `"«${name}» sa ""ja""; ${i}"` : 'x'.repeat(i % 40);
      lines.push(
        `${i};${name};c${i % 97};${i % 3 === 0 ? 'hybrid' : 'vanlig'};${['jobb', 'utdanning', 'ingen', 'læreplass'][i % 4]};2024-0${1 + (i % 9)}-1${i % 10};${18 + (i % 40)};${note}`,
      );
    }
    return `${lines.join('\r\n')}\r\n`;
  }

  it('a UTF-8 and a Windows-1252 file give the same records and accounting gzipped as plain, through the file reader', async () => {
    const text = exportText(60_000, 'NAV Tromsø');
    const utf8 = Buffer.from(text, 'utf8');
    const latin = Buffer.from(text, 'latin1');
    expect(latin.length).toBeGreaterThan(3 << 20);
    for (const plain of [utf8, latin]) {
      const plainPath = join(dir, `plain${files++}.csv`);
      writeFileSync(plainPath, plain);
      const gzPath = fileOf(gzipSync(plain));
      const a = await ingest([plainPath]);
      const b = await ingest([gzPath]);
      expect(b.records).toEqual(a.records);
      expect(b.rowsAccepted).toBe(60_000);
      const strip = (r: typeof a) => r.files.map(({ path: _p, compression: _c, ...rest }) => rest);
      expect(strip(b)).toEqual(strip(a));
      expect(b.files[0].compression).toBe('gzip');
    }
  });

  it('standard input’s and a buffer’s gzip bytes are inflated as they are read, and name what they are', async () => {
    const text = exportText(500, 'NAV Bodø');
    const packed = gzipSync(Buffer.from(text));
    const viaBuffer = await ingestSources([{ name: 'b.csv.gz', bytes: packed }]);
    expect(viaBuffer.rowsAccepted).toBe(500);
    expect(viaBuffer.files[0].compression).toBe('gzip');
    const file = fileOf(packed);
    const opened = await openInputSource(file);
    expect(opened.compression).toBe('gzip');
    expect(opened.source).toBeInstanceOf(GzipSource);
    opened.source.close();
  });
});
