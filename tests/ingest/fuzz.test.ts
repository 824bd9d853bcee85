import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../../src/errors.js';
import { ingestSources, readRecords, type IngestResult } from '../../src/ingest/index.js';
import { expectAccounting } from './helpers.js';

const SEED = 20240611;

async function run(bytes: Uint8Array): Promise<IngestResult | null> {
  try {
    return await ingestSources([{ name: 'fuzz.csv', bytes }]);
  } catch (error) {
    if (error instanceof InputError || error instanceof UsageError) return null;
    throw error;
  }
}

function lineCount(bytes: Uint8Array): number {
  const text = new TextDecoder('windows-1252').decode(bytes).replace(/\r\n?/g, '\n');
  return text.split('\n').length;
}

function checkResult(bytes: Uint8Array, result: IngestResult | null): void {
  if (result === null) return;
  expectAccounting(result);
  const lines = lineCount(bytes);
  for (const r of result.rejections) {
    expect(r.line).toBeGreaterThanOrEqual(2);
    expect(r.line).toBeLessThanOrEqual(lines);
  }
}

const BASE = [
  'person_id;kontor;gruppe;utfall;alder;kjønn;tidligere_arbeid;startdato;note',
  'A1;NAV Bærum;hybrid;jobb;30;K;ja;01.03.2022;"a ""quoted""; note"',
  'A2;NAV Bærum;vanlig;;45;M;nei;2022-03-01;"two',
  'lines"',
  'A3;NAV Bodø;Tett oppfølging;utdanning;;;;;',
  'A1;NAV Bærum;hybrid;jobb;30;K;ja;01.03.2022;"a ""quoted""; note"',
  'A4;NAV Bodø;usual;none;19;F;1;1.1.2023;x',
].join('\r\n');

const PIECES = ['"', ';', ',', '\t', '\n', '\r\n', '\r', 'æ', '\uFEFF', '""', '0', '9', ' ', '', 'x'];

/** A mutation: at a relative position, delete some characters and insert a piece. */
const mutation = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.integer({ min: 0, max: 3 }),
  insert: fc.constantFrom(...PIECES),
});

describe('fuzz (seeded)', () => {
  it('random bytes never throw anything but InputError/UsageError and keep the invariant', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (bytes) => checkResult(bytes, await run(bytes))),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('random text after a valid header keeps the invariant', async () => {
    const chars = fc.constantFrom('A', 'b', '1', '"', ';', ',', '\t', '\n', '\r', ' ', 'ø');
    await fc.assert(
      fc.asyncProperty(fc.array(chars, { maxLength: 300 }), async (body) => {
        const bytes = new TextEncoder().encode(`person_id;office;group;outcome\n${body.join('')}`);
        checkResult(bytes, await run(bytes));
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('mutated CSV never throws anything but InputError/UsageError and keeps the invariant', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { maxLength: 8 }), async (mutations) => {
        let text = BASE;
        for (const m of mutations) {
          const at = Math.floor(m.at * text.length);
          text = text.slice(0, at) + m.insert + text.slice(at + m.remove);
        }
        const bytes = new TextEncoder().encode(text);
        checkResult(bytes, await run(bytes));
      }),
      { seed: SEED, numRuns: 600 },
    );
  });

  it('unmutated base reads as expected', async () => {
    const result = (await run(new TextEncoder().encode(BASE)))!;
    expect(result).toMatchObject({ rowsRead: 5, rowsAccepted: 4, rowsRejected: 0, duplicateRows: 1 });
  });
});

/** Valid records written in any dialect come back unchanged. */
describe('round trip (seeded)', () => {
  const labels = {
    group: { hybrid: ['hybrid', 'Hybridmodell', 'tett oppfylging', 'Intervention'], usual: ['usual', 'Som vanlig', 'vanleg', 'Control'] },
    outcome: { job: ['jobb', 'I arbeid', 'employed'], apprenticeship: ['Læreplass', 'apprentice'], education: ['utdanning', 'School'], none: ['ingen', 'Ikkje i aktivitet'] },
  };
  const person = fc.record({
    office: fc.constantFrom('NAV Bærum', 'NAV Oslo, Sentrum', 'NAV "Øst"', 'NAV Tromsø'),
    group: fc.constantFrom('hybrid', 'usual'),
    outcome: fc.constantFrom('job', 'apprenticeship', 'education', 'none', null),
    age: fc.option(fc.integer({ min: 15, max: 80 })),
    day: fc.option(fc.integer({ min: 0, max: 3000 })),
    note: fc.string({ maxLength: 12 }),
    pick: fc.nat(),
  });
  const dialect = fc.record({
    delimiter: fc.constantFrom(',', ';', '\t'),
    eol: fc.constantFrom('\n', '\r\n'),
    bom: fc.boolean(),
    norwegianDates: fc.boolean(),
  });

  it('any delimiter, line ending, BOM, label language and quoting', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(person, { minLength: 1, maxLength: 25 }), dialect, async (people, d) => {
        const q = (s: string) => (/[",;\t\r\n]/.test(s) || s !== s.trim() ? `"${s.replaceAll('"', '""')}"` : s);
        const iso = (day: number) => new Date(Date.UTC(2020, 0, 1 + day)).toISOString().slice(0, 10);
        const lines = [['ID', 'Kontor', 'Arm', 'Utfall', 'Alder', 'Startdato', 'Merknad'].join(d.delimiter)];
        people.forEach((p, i) => {
          const group = labels.group[p.group as 'hybrid'][p.pick % 4];
          const outcome = p.outcome === null ? '' : labels.outcome[p.outcome as 'job'][p.pick % labels.outcome[p.outcome as 'job'].length];
          let date = '';
          if (p.day !== null) {
            const [y, m, dd] = iso(p.day).split('-');
            date = d.norwegianDates ? `${Number(dd)}.${Number(m)}.${y}` : `${y}-${m}-${dd}`;
          }
          const note = p.note.replace(/\d{6}/g, 'x'); // keep identity numbers out
          lines.push([`P${i}`, q(p.office), group, outcome, p.age ?? '', date, q(note)].join(d.delimiter));
        });
        const text = (d.bom ? '\uFEFF' : '') + lines.join(d.eol) + d.eol;
        const result = await ingestSources([{ name: 'x.csv', bytes: new TextEncoder().encode(text) }]);
        expectAccounting(result);
        expect(result.files[0].delimiter).toBe(d.delimiter);
        expect(result.rejections).toEqual([]);
        expect(result.records).toEqual(
          people.map((p, i) => ({
            personId: `P${i}`,
            office: p.office,
            counsellorId: null,
            group: p.group,
            outcome: p.outcome,
            age: p.age,
            gender: null,
            priorWork: null,
            startDate: p.day === null ? null : iso(p.day),
            endDate: null,
          })),
        );
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

/** The chunked reader must see what a single pass sees. */
describe('record reader chunking (seeded)', () => {
  type Event = [string, number, string[] | string];
  const events = (text: string, chunkSize?: number): Event[] => {
    const out: Event[] = [];
    readRecords(text, ';', {
      record: (fields, line) => out.push(['record', line, fields]),
      malformed: (line, raw) => out.push(['malformed', line, raw]),
    }, chunkSize);
    return out;
  };
  const piece = fc.constantFrom('a', 'ø', ';', '\n', '"x\ny"', '"a;""b"""', '""', ' ', '\n\n');

  it('well-formed text gives the same records for any chunk size', async () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.integer({ min: 1, max: 40 }), (pieces, size) => {
        const text = pieces.join('');
        const whole = events(text);
        fc.pre(whole.every((e) => e[0] === 'record'));
        expect(events(text, size)).toEqual(whole);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('any text gives increasing start lines within the text for any chunk size', async () => {
    const anyPiece = fc.constantFrom('a', ';', '\n', '"', '""', 'x"y', '\n\n');
    fc.assert(
      fc.property(fc.array(anyPiece, { maxLength: 60 }), fc.integer({ min: 1, max: 40 }), (pieces, size) => {
        const text = pieces.join('');
        const lines = text.split('\n').length;
        let previous = 0;
        for (const [, line] of events(text, size)) {
          expect(line).toBeGreaterThan(previous);
          expect(line).toBeLessThanOrEqual(lines);
          previous = line;
        }
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});
