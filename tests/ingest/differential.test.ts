import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingestSources, readRecords, readRecordsFast, type ByteSource, type IngestOptions, type RecordSink } from '../../src/ingest/index.js';
import type { MalformedLine } from '../../src/ingest/types.js';
import { CORPUS, HEADER } from './corpus.js';
import { FIXTURES, bytes, identityNumber } from './helpers.js';
import { textPieces } from './readerEvents.js';

/**
 * The fast reader (fastReader.ts) against the reference reader (csv-parse,
 * records.ts): the same records, line numbers, malformed lines, rejections,
 * accounting and refusals on every input.
 */
const SEED = 20240611;

type Outcome = { result: unknown } | { error: { name: string; code: unknown; message: string } };

async function ingestWith(reader: 'fast' | 'csv-parse', sources: ByteSource[], options: IngestOptions = {}): Promise<Outcome> {
  try {
    return { result: await ingestSources(sources, { ...options, reader }) };
  } catch (error) {
    const e = error as Error & { code?: unknown };
    if (e.name !== 'InputError' && e.name !== 'UsageError') throw error;
    return { error: { name: e.name, code: e.code, message: e.message } };
  }
}

async function expectSameIngest(sources: ByteSource[], options: IngestOptions = {}): Promise<Outcome> {
  const reference = await ingestWith('csv-parse', sources, options);
  expect(await ingestWith('fast', sources, options)).toEqual(reference);
  return reference;
}

type Event = ['record', number, string[], number?, number?] | ['malformed', number, string, MalformedLine];

/**
 * Reader events. Empty lines are left out: csv-parse itself passes them on as
 * [''] in a well-formed chunk and skips them in a malformed one (skip_empty_lines
 * there), and ingest ignores blank records either way.
 */
function events(read: typeof readRecords, text: string, delimiter: string, chunkSize?: number): Event[] {
  const out: Event[] = [];
  const sink: RecordSink = {
    record: (fields, line) => {
      if (!(fields.length === 1 && fields[0] === '')) out.push(['record', line, [...fields]]);
    },
    malformed: (line, raw, reason) => out.push(['malformed', line, raw, reason]),
  };
  read(text, delimiter, sink, chunkSize);
  return out;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return /\.(csv|tsv|txt)$/i.test(name) ? [path] : [];
  });
}

const fnr = identityNumber('150385');

describe('fast reader = csv-parse reader (differential)', () => {
  for (const [name, content] of Object.entries(CORPUS)) {
    it(name, async () => {
      const data = typeof content === 'string' ? bytes(content) : content;
      await expectSameIngest([{ name: 'kontor.csv', bytes: data }]);
    });
  }

  it('every ingest fixture, alone and all together', async () => {
    const sources = filesUnder(FIXTURES).map((path) => ({ name: path.slice(FIXTURES.length + 1), bytes: readFileSync(path) }));
    expect(sources.length).toBeGreaterThan(5);
    for (const source of sources) await expectSameIngest([source]);
    await expectSameIngest(sources.filter((s) => !s.name.includes('mapping')));
  });

  it('past the first 8 192 rows, where repeated cells come from the per-column cache (seeded)', async () => {
    // Values of equal length that differ only inside (the cache's key samples a few
    // characters), quoted lines among plain ones, and more rows than PLAIN_SLICE_ROWS.
    let state = 20221110;
    const next = (n: number) => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return (state >>> 8) % n;
    };
    const pick = (values: string[]) => values[next(values.length)];
    const offices = ['NAV Aaaa', 'NAV Abaa', 'NAV Aaba', 'NAV Aaab', '"NAV ""Q"""', 'NAV Ø'];
    const lines = [HEADER];
    for (let i = 0; i < 12_000; i++) {
      lines.push(
        [
          `P${next(11_000)}`,
          pick(offices),
          pick(['V10', 'V01', 'V11', '']),
          pick(['hybrid', 'usual', 'Hybridmodell']),
          pick(['job', 'none', '', 'jobb']),
          pick(['30', '03', '33', '']),
          pick(['F', 'M']),
          pick(['1', '0']),
          pick(['2022-03-01', '2022-01-03', '1.3.2022', '']),
          pick(['2022-12-31', '2022-13-21', '']),
          pick(['x', 'y', '"a;b"']),
        ].join(';'),
      );
    }
    const text = `${lines.join('\n')}\n`;
    expect(events(readRecordsFast, text, ';')).toEqual(events(readRecords, text, ';'));
    await expectSameIngest([{ name: 'large.csv', bytes: bytes(text) }]);
  });

  it('--allow-column and a forced encoding', async () => {
    const text = `${HEADER}\n${fnr};NAV A;V1;hybrid;job;30;F;1;;;\n`;
    const outcome = await expectSameIngest([{ name: 'a.csv', bytes: bytes(text) }], { allowColumns: ['person_id'], encoding: 'windows-1252' });
    expect('result' in outcome).toBe(true);
  });

  it('conflicts across files', async () => {
    await expectSameIngest([
      { name: 'a.csv', bytes: bytes(`${HEADER}\nA1;NAV A;V1;hybrid;job;30;F;1;;;\nA2;NAV A;V1;hybrid;job;30;F;1;;;\n`) },
      { name: 'b.csv', bytes: bytes(`${HEADER}\nA1;NAV A;V1;hybrid;job;30;F;1;;;\nA2;NAV B;V1;hybrid;job;30;F;1;;;\n`) },
      { name: 'c.csv', bytes: bytes(`${HEADER}\nA2;NAV A;V1;hybrid;job;30;F;1;;;\nA1;NAV A;V1;hybrid;job;30;F;1;;;\n`) },
    ]);
  });

  const piece = fc.constantFrom(...textPieces(fnr));

  it('generated text: the same reader events for any chunk size (seeded)', async () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 80 }), fc.integer({ min: 1, max: 64 }), fc.constantFrom(';', ',', '\t'), (pieces, size, delimiter) => {
        const text = pieces.join('').replace(/\r\n?/g, '\n');
        expect(events(readRecordsFast, text, delimiter, size)).toEqual(events(readRecords, text, delimiter, size));
        expect(events(readRecordsFast, text, delimiter)).toEqual(events(readRecords, text, delimiter));
      }),
      { seed: SEED, numRuns: 1500 },
    );
  });

  const row = fc.tuple(
    fc.constantFrom('A1', 'A2', 'A3', '', ' A1', 'Å1'),
    fc.constantFrom('NAV A', '"NAV ""B"""', 'NAV A ', '', '"NAV\nC"'),
    fc.constantFrom('V1', '', 'V2'),
    fc.constantFrom('hybrid', 'usual', 'Hybridmodell', 'x', ''),
    fc.constantFrom('job', 'none', '', 'jobb', 'y'),
    fc.constantFrom('30', '', '9', ' 45', '1e2'),
    fc.constantFrom('F', 'M', 'K', '', '?'),
    fc.constantFrom('1', '0', 'ja', '', '2'),
    fc.constantFrom('2022-03-01', '1.3.2022', '', '2022-02-30'),
    fc.array(piece, { maxLength: 3 }).map((p) => p.join('')),
  );

  it('generated CSV files: the same IngestResult (seeded)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 25 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), async (rows, eol, bom) => {
        const header = 'person_id;office;counsellor_id;group;outcome;age;gender;prior_work;start_date;note';
        const text = (bom ? '\uFEFF' : '') + [header, ...rows.map((r) => r.join(';'))].join(eol) + eol;
        await expectSameIngest([{ name: 'gen.csv', bytes: bytes(text) }]);
      }),
      { seed: SEED, numRuns: 600 },
    );
  });
});
