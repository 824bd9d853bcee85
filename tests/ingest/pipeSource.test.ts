import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ByteRecordReader, type ByteRecordSink } from '../../src/ingest/byteReader.js';
import { MemorySource, PipeSource, type ByteSource } from '../../src/ingest/byteSource.js';
import { chooseByteEncoding } from '../../src/ingest/decode.js';
import { ingest, type IngestResult } from '../../src/ingest/index.js';

/**
 * A pipe (standard input, a FIFO) is read once, forward, in pieces (PipeSource).
 * Without --encoding its encoding is decided as it is read (EncodingWatch), where a
 * file's is decided on all of it first. It must give what the same bytes give from
 * a file, or refuse them (MIXED_ENCODING) where one pass cannot. The pipes here are
 * FIFOs that `cat` writes into.
 */
const dir = mkdtempSync(join(tmpdir(), 'pipe-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let made = 0;

/** A FIFO that `cat` fills with `bytes` once a reader opens it. */
function fifoOf(bytes: Uint8Array): string {
  const file = join(dir, `data${made}`);
  const fifo = join(dir, `fifo${made++}.csv`);
  writeFileSync(file, bytes);
  expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
  spawn('sh', ['-c', 'cat "$1" > "$2"', 'sh', file, fifo], { stdio: 'ignore' });
  return fifo;
}

function fileOf(bytes: Uint8Array): string {
  const file = join(dir, `file${made++}.csv`);
  writeFileSync(file, bytes);
  return file;
}

/** An export with quoted fields, CRLF, line breaks inside quotes, æøå and a malformed line: `rows` rows. */
function exportBytes(rows: number, encoding: 'utf8' | 'latin1', longNote = 0): Uint8Array {
  const lines = ['person_id;office;counsellor_id;group;outcome;end_date;age;note'];
  for (let i = 1; i <= rows; i++) {
    const note = i % 5 === 0 ? `"på ""arbeidsplass""\r\nlinje ${i}"` : i % 11 === 0 ? 'ærlig; ikke sitert' : `notat ${i}`;
    lines.push(
      `${i};NAV Tromsø;c${i % 31};${i % 3 === 0 ? 'hybrid' : 'vanlig'};${['jobb', 'utdanning', 'ingen', 'læreplass'][i % 4]};2024-03-1${i % 10};${20 + (i % 40)};${note}`,
    );
    if (i === 77) lines.push('78x;NAV Tromsø;"c1"x;vanlig;jobb;2024-03-11;30;bad quote');
    if (i === 100 && longNote > 0) lines.push(`100b;NAV Tromsø;c1;vanlig;jobb;2024-03-11;30;"${'lang\r\nlinje '.repeat(longNote / 12)}"`);
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`, encoding);
}

async function read(path: string, encoding?: string): Promise<IngestResult | string> {
  try {
    return await ingest([path], { encoding });
  } catch (error) {
    return `${(error as { code?: string }).code}: ${(error as Error).message}`;
  }
}

/** The same result, the input's name aside. */
function withoutName(result: IngestResult | string, name: string): unknown {
  return JSON.parse(JSON.stringify(result).split(JSON.stringify(name).slice(1, -1)).join('<input>'));
}

describe('a pipe', () => {
  for (const [what, bytes] of [
    ['UTF-8', exportBytes(30_000, 'utf8')],
    ['Windows-1252', exportBytes(30_000, 'latin1')],
    ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), exportBytes(300, 'utf8')])],
  ] as const) {
    it(`${what}: gives what the file gives, read in pieces with or without --encoding`, async () => {
      const file = fileOf(bytes);
      for (const encoding of [undefined, 'utf-8', 'windows-1252']) {
        const fifo = fifoOf(bytes);
        const expected = withoutName(await read(file, encoding), file);
        expect(withoutName(await read(fifo, encoding), fifo), `--encoding ${encoding}`).toEqual(expected);
      }
    });
  }

  it('read in pieces holds its start while it is looked at, then only the record being read and about two of the reader’s chunks', () => {
    // A record of 1 MB, four of the reader's chunks: the memory source skims ahead over it and comes back; the pipe cannot.
    const bytes = exportBytes(80_000, 'utf8', 1 << 20);
    expect(bytes.length).toBeGreaterThan(4 << 20);
    const fifo = fifoOf(bytes);
    const pipe = new PipeSource('fifo', openSync(fifo, 'r'), true);
    const memory = new MemorySource('memory', bytes);
    const chunkSize = 1 << 18;
    const events = (source: ByteSource) => {
      const encoding = chooseByteEncoding(source, 'utf-8', source.name)!;
      const records: string[] = [];
      const sink: ByteRecordSink = {
        byteRecord: (r, decoder) =>
          records.push(`${r.line}:${Array.from({ length: r.count }, (_, i) => decoder.text(r.bytes, r.starts[i], r.ends[i], r.kinds[i])).join('|')}`),
        malformed: (line, raw, reason) => records.push(`${line}! ${raw} ${reason}`),
      };
      // A record limit below the longest record: the memory source skims ahead, the pipe cannot.
      new ByteRecordReader(source, { delimiter: ';', encoding, chunkSize, recordLimit: 16 }, sink).read();
      return records;
    };
    // The opening looks at the first 64 KiB again and again.
    for (let k = 0; k < 3; k++) expect(pipe.read(0, new Uint8Array(1 << 16), 0, 1 << 16)).toBe(1 << 16);
    const expected = events(memory);
    expect(expected.length).toBe(80_003);
    expect(events(pipe)).toEqual(expected);
    expect(pipe.size).toBe(bytes.length);
    expect(pipe.peakHeld).toBeLessThanOrEqual((1 << 20) + 3 * chunkSize);
    expect(() => pipe.read(0, new Uint8Array(1), 0, 1)).toThrow(/let go/);
    pipe.close();
  });

  it('standard input under --encoding gives what the file gives, from the installed command', () => {
    const bin = new URL('../../bin/hybrid-eval.cjs', import.meta.url).pathname;
    const bytes = exportBytes(3000, 'latin1');
    const file = fileOf(bytes);
    const run = (args: string[], input?: Uint8Array) =>
      spawnSync(process.execPath, [bin, 'validate', ...args, '--format', 'json', '--encoding', 'windows-1252'], { input });
    const fromFile = run([file]);
    const fromStdin = run(['-'], bytes);
    expect(fromStdin.status).toBe(fromFile.status);
    expect(fromStdin.stdout.toString()).toBe(fromFile.stdout.toString().split(file).join('<stdin>'));
    expect(JSON.parse(fromStdin.stdout.toString()).input.rowsRead).toBe(3001);
  });

  /** An export whose office names hold `pieces` (bytes), one row each, and one plain row after. */
  function officeBytes(pieces: number[][]): Uint8Array {
    const rows: number[] = [...Buffer.from('person_id;office;counsellor_id;group;outcome;end_date;age\n')];
    for (const [i, piece] of pieces.entries()) rows.push(...Buffer.from(`${i + 1};NAV `), ...piece, ...Buffer.from(`;c1;vanlig;jobb;2024-03-11;30\n`));
    rows.push(...Buffer.from(`${pieces.length + 1};NAV A;c1;hybrid;jobb;2024-03-11;30\n`));
    return Uint8Array.from(rows);
  }
  const UTF8 = [0xc3, 0xb8]; // ø
  const CP1252 = [0xf8]; // ø

  it('UTF-8 and then Windows-1252: refused as from a file (MIXED_ENCODING)', async () => {
    const bytes = officeBytes([UTF8, [65], CP1252]);
    const file = await read(fileOf(bytes));
    const pipe = await read(fifoOf(bytes));
    expect(file).toMatch(/^MIXED_ENCODING: .*line 2 is UTF-8, but line 4/);
    expect(pipe).toMatch(/^MIXED_ENCODING: .*line 2 is UTF-8, but line 4 is not/);
  });

  it('Windows-1252 first: read as Windows-1252 as from a file, UTF-8-looking bytes after it included', async () => {
    const bytes = officeBytes([CP1252, UTF8, [0xe5]]);
    const file = fileOf(bytes);
    const fifo = fifoOf(bytes);
    const expected = withoutName(await read(file), file) as IngestResult;
    expect(expected.files[0].encoding).toBe('windows-1252');
    expect(withoutName(await read(fifo), fifo)).toEqual(expected);
  });

  it('UTF-8, then not, then UTF-8 again: a file is read as Windows-1252; a pipe, read once, is refused and says why', async () => {
    const bytes = officeBytes([UTF8, CP1252, UTF8]);
    const file = (await read(fileOf(bytes))) as IngestResult;
    expect(file.files[0].encoding).toBe('windows-1252');
    expect(await read(fifoOf(bytes))).toMatch(/^MIXED_ENCODING: .* A pipe is read once, so its encoding is decided as it goes/);
  });

  it('any mix of ASCII, UTF-8, Windows-1252, overlong and cut sequences: what the file gives, or MIXED_ENCODING (seeded)', async () => {
    const piece = fc.constantFrom(
      [65],
      UTF8,
      [0xe2, 0x82, 0xac],
      [0xf0, 0x9f, 0x98, 0x80],
      CP1252,
      [0x80],
      [0xc0, 0xaf],
      [0xe0, 0x80, 0x80],
      [0xed, 0xa0, 0x80],
      [0xc3],
      [0xef, 0xbb, 0xbf],
    );
    let same = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(piece, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }), fc.boolean(), async (rows, bom) => {
        const body = officeBytes(rows.map((r) => r.flat()));
        const bytes = bom ? Uint8Array.from([0xef, 0xbb, 0xbf, ...body]) : body;
        const file = fileOf(bytes);
        const fifo = fifoOf(bytes);
        const pipe = await read(fifo);
        if (typeof pipe === 'string') {
          expect(pipe).toMatch(/^MIXED_ENCODING: /);
          refused++;
        } else {
          expect(withoutName(pipe, fifo)).toEqual(withoutName(await read(file), file));
          same++;
        }
      }),
      { seed: 20261130, numRuns: 60 },
    );
    expect(same).toBeGreaterThan(10);
    expect(refused).toBeGreaterThan(0);
  });
});
