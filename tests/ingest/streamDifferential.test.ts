import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemorySource, type ByteSource as InputBytes } from '../../src/ingest/byteSource.js';
import { chooseByteEncoding, decodeBytes } from '../../src/ingest/decode.js';
import { ingest, ingestSources, type ByteSource, type IngestOptions } from '../../src/ingest/index.js';
import { encode, mutate, mutations, validExport, type Encoding } from '../helpers/mutatedExports.js';
import { CORPUS, HEADER } from './corpus.js';
import { FIXTURES, bytes, identityNumber } from './helpers.js';
import { referenceEvents, streamEvents, textPieces } from './readerEvents.js';

/**
 * The streaming reader (byteReader.ts, reading bytes in pieces) against the
 * reference reader (csv-parse over the whole decoded text, records.ts): the same
 * records, line numbers, malformed lines, rejections (code, file, line, field),
 * notices, accounting and refusals, whatever the size of the pieces. Chunk sizes
 * of 1 to 7 bytes put every quote, CRLF, multi-byte character and delimiter
 * across a boundary somewhere.
 */
const SEED = 20240611;
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PILOTS = join(ROOT, 'tests', 'fixtures', 'pipeline');
const SAMPLES = join(ROOT, 'data-samples');
const SMALL_CHUNKS = [1, 2, 3, 4, 5, 6, 7];

type Outcome = { result: unknown } | { error: { name: string; code: unknown; message: string } };

async function outcomeOf(read: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { result: await read() };
  } catch (error) {
    const e = error as Error & { code?: unknown };
    if (e.name !== 'InputError' && e.name !== 'UsageError') throw error;
    return { error: { name: e.name, code: e.code, message: e.message } };
  }
}

const ingestWith = (sources: ByteSource[], options: IngestOptions) => outcomeOf(() => ingestSources(sources, options));

/** The streaming reader at each chunk size gives what the reference gives; returns the reference. */
async function expectSameIngest(
  sources: ByteSource[],
  options: IngestOptions = {},
  chunkSizes: (number | undefined)[] = [undefined, ...SMALL_CHUNKS],
): Promise<Outcome> {
  const reference = await ingestWith(sources, { ...options, reader: 'csv-parse' });
  for (const chunkSize of chunkSizes) {
    expect(await ingestWith(sources, { ...options, reader: 'stream', chunkSize }), `chunk size ${chunkSize ?? 'default'}`).toEqual(reference);
  }
  return reference;
}

function filesUnder(dir: string, pattern = /\.(csv|tsv|txt)$/i): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return filesUnder(path, pattern);
      return pattern.test(name) ? [path] : [];
    });
}

const fnr = identityNumber('150385');

describe('streaming reader = csv-parse reader (differential)', () => {
  for (const [name, content] of Object.entries(CORPUS)) {
    it(`${name}, at every chunk size`, async () => {
      const data = typeof content === 'string' ? bytes(content) : content;
      await expectSameIngest([{ name: 'kontor.csv', bytes: data }]);
    });
  }

  it('every ingest fixture (every dialect), alone at every chunk size, and all together', async () => {
    const sources = filesUnder(FIXTURES).map((path) => ({ name: path.slice(FIXTURES.length + 1), bytes: readFileSync(path) }));
    expect(sources.length).toBeGreaterThan(5);
    for (const source of sources) await expectSameIngest([source]);
    await expectSameIngest(
      sources.filter((s) => !s.name.includes('mapping')),
      {},
      [undefined, 3],
    );
  });

  it('every pilot and the data samples, read from their files (the path adapter)', async () => {
    const folders = [
      ...readdirSync(PILOTS)
        .filter((name) => statSync(join(PILOTS, name)).isDirectory())
        .map((name) => join(PILOTS, name)),
      SAMPLES,
    ];
    expect(folders.length).toBeGreaterThan(8);
    for (const folder of folders) {
      const reference = await outcomeOf(() => ingest([folder], { reader: 'csv-parse' }));
      expect(await outcomeOf(() => ingest([folder], { reader: 'stream' })), folder).toEqual(reference);
      expect(await outcomeOf(() => ingest([folder], { reader: 'stream', chunkSize: 7 })), `${folder}, 7-byte chunks`).toEqual(reference);
    }
  });

  it('--allow-column, forced encodings and the global id scope', async () => {
    const latin = new Uint8Array([...bytes(`${HEADER}\nA1;NAV B`), 0xe6, ...bytes(`rum;V1;hybrid;job;30;F;1;;;\n`)]);
    const utf8 = bytes(`\uFEFF\uFEFF${HEADER}\n${fnr};NAV Bærum;V1;hybrid;job;30;F;1;;;\nA2;NAV Bærum;V1;hybrid;job;30;F;1;;;\n`);
    for (const data of [latin, utf8]) {
      for (const encoding of [undefined, 'utf-8', 'windows-1252', 'latin1', 'utf8', 'iso-8859-2']) {
        await expectSameIngest([{ name: 'a.csv', bytes: data }], { encoding, allowColumns: ['person_id'] }, [undefined, 2]);
      }
    }
    await expectSameIngest(
      [
        { name: 'a.csv', bytes: bytes(`${HEADER}\nA1;NAV A;V1;hybrid;job;30;F;1;;;\nA2;NAV A;V1;hybrid;job;30;F;1;;;\n`) },
        { name: 'b.csv', bytes: bytes(`${HEADER}\nA1;NAV B;V1;hybrid;job;30;F;1;;;\nA2;NAV A;V2;hybrid;job;30;F;1;;;\n`) },
      ],
      { idScope: 'global' },
    );
  });

  it('a file that turns from UTF-8 to Windows-1252 is refused as before, and an interleaved one read as Windows-1252', async () => {
    const mixed = new Uint8Array([
      ...bytes(`${HEADER}\nA1;NAV Bærum;V1;hybrid;job;30;F;1;;;\n`),
      ...bytes('A2;NAV B'),
      0xe6,
      ...bytes('rum;V1;usual;job;30;F;1;;;\n'),
    ]);
    const outcome = await expectSameIngest([{ name: 'm.csv', bytes: mixed }]);
    expect(outcome).toMatchObject({ error: { code: 'MIXED_ENCODING' } });
    const interleaved = new Uint8Array([...mixed, ...bytes('A3;NAV Bærum;V1;hybrid;job;30;F;1;;;\n')]);
    expect(await expectSameIngest([{ name: 'i.csv', bytes: interleaved }])).toHaveProperty('result');
  });

  it('the encoding is chosen as decodeBytes chooses it, on any bytes (seeded)', () => {
    const byte = fc.constantFrom(0x41, 0x0a, 0x3b, 0xc3, 0xb8, 0xe6, 0xf8, 0xe2, 0x80, 0x93, 0xef, 0xbb, 0xbf, 0xf0, 0x9f, 0xff, 0xfe, 0xed, 0xa0);
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 40 }), (list) => {
        const data = Uint8Array.from(list);
        let expected: string;
        try {
          expected = decodeBytes(data, undefined, 'x').encoding;
        } catch (error) {
          expected = (error as { code: string }).code;
        }
        const choose = (source: InputBytes, piece?: number) => {
          try {
            return chooseByteEncoding(source, undefined, 'x', piece)?.label ?? 'whole text';
          } catch (error) {
            return (error as { code: string }).code;
          }
        };
        const actual = choose(new MemorySource('x', data));
        if (actual !== 'whole text') expect(actual).toBe(expected);
        else expect(expected).toMatch(/^utf-16/);
        // A file is checked in pieces (4 MiB), a UTF-8 sequence cut by a piece carried to the next.
        const memory = new MemorySource('x', data);
        const file: InputBytes = {
          name: 'x',
          size: data.length,
          read: (...a) => memory.read(...a),
          readAll: () => data,
          fraction: (p) => p / data.length,
          close: () => {},
        };
        for (let piece = 1; piece <= 8; piece++) expect(choose(file, piece), `${piece}-byte pieces`).toBe(actual);
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  // Multi-byte characters, a phone number and an e-mail address besides the shared pieces.
  const piece = fc.constantFrom(...textPieces(fnr), '€', '😀', '912 34 567', 'a@b.no');

  it('generated text: the same reader events as csv-parse over the whole text, at any chunk size (seeded)', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 80 }), fc.integer({ min: 1, max: 16 }), fc.constantFrom(';', ',', '\t'), (pieces, size, delimiter) => {
        const data = bytes(pieces.join(''));
        const expected = referenceEvents(data, delimiter);
        expect(streamEvents(data, delimiter, size)).toEqual(expected);
        expect(streamEvents(data, delimiter, 1 << 20)).toEqual(expected);
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  const row = fc.tuple(
    fc.constantFrom('A1', 'A2', 'A3', '', ' A1', 'Å1', '"A1"', 'Sum', 'NA', fnr),
    fc.constantFrom('NAV A', '"NAV ""B"""', 'NAV A ', '', '"NAV\nC"', '"NAV\r\nC"', 'NAV Bærum', '#N/A'),
    fc.constantFrom('V1', '', 'V2', '"V1"'),
    fc.constantFrom('hybrid', 'usual', 'Hybridmodell', 'x', '', 'Totalt'),
    fc.constantFrom('job', 'none', '', 'jobb', 'y'),
    fc.constantFrom('30', '', '9', ' 45', '1e2', '23.0'),
    fc.constantFrom('F', 'M', 'K', '', '?'),
    fc.constantFrom('1', '0', 'ja', '', '2'),
    fc.constantFrom('2022-03-01', '1.3.2022', '', '2022-02-30', '44621', '"2022-03-01"'),
    fc.array(piece, { maxLength: 3 }).map((p) => p.join('')),
  );

  it('generated CSV files: the same IngestResult at any chunk size (seeded)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { maxLength: 25 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.boolean(),
        fc.constantFrom<Encoding>('utf-8', 'windows-1252'),
        fc.integer({ min: 1, max: 64 }),
        async (rows, eol, bom, encoding, chunkSize) => {
          const header = 'person_id;office;counsellor_id;group;outcome;age;gender;prior_work;start_date;note';
          const text = (bom ? '\uFEFF' : '') + [header, ...rows.map((r) => r.join(';'))].join(eol) + eol;
          await expectSameIngest([{ name: 'gen.csv', bytes: encode(text, encoding) }], {}, [undefined, chunkSize]);
        },
      ),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('mutated valid exports (every simulator dialect, cut, flipped and shuffled): the same IngestResult (seeded)', async () => {
    await fc.assert(
      fc.asyncProperty(validExport, mutations, fc.integer({ min: 1, max: 64 }), async (written, list, chunkSize) => {
        const mutated = mutate(written, list);
        await expectSameIngest([{ name: 'fuzz.csv', bytes: mutated }], {}, [undefined, chunkSize]);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('random bytes: the same IngestResult or refusal (seeded)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 1, max: 8 }), async (data, chunkSize) => {
        const withHeader = new Uint8Array([...bytes('person_id;office;group;outcome\n'), ...data]);
        await expectSameIngest([{ name: 'r.csv', bytes: data }], {}, [chunkSize]);
        await expectSameIngest([{ name: 'r.csv', bytes: withHeader }], {}, [chunkSize]);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
