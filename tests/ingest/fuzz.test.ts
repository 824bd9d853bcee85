import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../../src/errors.js';
import { ingestSources, readRecords, type IngestResult } from '../../src/ingest/index.js';
import { encode, HAND_WRITTEN, mutate, mutations, validExport } from '../helpers/mutatedExports.js';
import { expectAccounting } from './helpers.js';

const SEED = 20240611;
const NAME = 'fuzz.csv';

/** Reads one input: its result, or the code of its refusal (InputError or UsageError; anything else fails). */
async function read(bytes: Uint8Array): Promise<{ result: IngestResult | null; refusal: string | null }> {
  try {
    return { result: await ingestSources([{ name: NAME, bytes }]), refusal: null };
  } catch (error) {
    if (error instanceof InputError) return { result: null, refusal: error.code };
    if (error instanceof UsageError) return { result: null, refusal: 'usage' };
    throw error;
  }
}
const run = async (bytes: Uint8Array) => (await read(bytes)).result;

/** Physical lines of the input as ingest counts them (CRLF and lone CR are one break). */
function lineCount(bytes: Uint8Array): number {
  const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'windows-1252';
  const text = new TextDecoder(encoding).decode(bytes).replace(/\r\n?/g, '\n');
  return text.split('\n').length;
}

/**
 * The accounting invariant on a result that got past the header: every row read is
 * accepted, collapsed as an exact duplicate, or rejected with file, line and reason.
 * Returns whether the invariant was reached (a header and at least one row read).
 */
function checkResult(bytes: Uint8Array, result: IngestResult | null): boolean {
  if (result === null || result.rowsRead === 0) return false;
  expectAccounting(result);
  expect(result.files).toHaveLength(1);
  const lines = lineCount(bytes);
  for (const r of result.rejections) {
    expect(r.file).toBe(NAME);
    expect(Number.isInteger(r.line)).toBe(true);
    expect(r.line).toBeGreaterThan(result.files[0].headerLine);
    expect(r.line).toBeLessThanOrEqual(lines);
    expect(r.code).toMatch(/^[A-Z_]+$/);
    expect(r.message.length).toBeGreaterThan(0);
  }
  return true;
}

/** Counts, over one property's runs, how many reached the invariant and what the others met. */
class Reach {
  runs = 0;
  reached = 0;
  withRejections = 0;
  withDuplicates = 0;
  readonly codes = new Map<string, number>();
  readonly refusals = new Map<string, number>();
  /** Checks the invariant on one input read, and counts. */
  check(bytes: Uint8Array, { result, refusal }: { result: IngestResult | null; refusal: string | null }): void {
    this.runs++;
    if (!checkResult(bytes, result)) {
      const why = refusal ?? 'no rows';
      this.refusals.set(why, (this.refusals.get(why) ?? 0) + 1);
      return;
    }
    this.reached++;
    if (result!.rowsRejected > 0) this.withRejections++;
    if (result!.duplicateRows > 0) this.withDuplicates++;
    for (const r of result!.rejections) this.codes.set(r.code, (this.codes.get(r.code) ?? 0) + 1);
  }
  report(what: string): string {
    const list = (counts: Map<string, number>) =>
      [...counts]
        .sort((a, b) => b[1] - a[1])
        .map(([c, n]) => `${c} ${n}`)
        .join(', ') || 'none';
    return (
      `${what}: ${this.reached} of ${this.runs} cases reached the accounting invariant ` +
      `(${this.withRejections} with rejections, ${this.withDuplicates} with duplicates; rejections: ${list(this.codes)}; ` +
      `not reached: ${list(this.refusals)})`
    );
  }
}

describe('fuzz (seeded)', () => {
  it('random bytes throw nothing but InputError/UsageError', async () => {
    // Random bytes (almost) never hold a header: this checks that refusals are typed,
    // not the accounting (the count printed says how many got past the header).
    const reach = new Reach();
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (bytes) => reach.check(bytes, await read(bytes))),
      { seed: SEED, numRuns: 400 },
    );
    console.log(reach.report('random bytes'));
  });

  it('random text after a valid header keeps the invariant', async () => {
    const reach = new Reach();
    const chars = fc.constantFrom('A', 'b', '1', '"', ';', ',', '\t', '\n', '\r', ' ', 'ø');
    await fc.assert(
      fc.asyncProperty(fc.array(chars, { maxLength: 300 }), async (body) => {
        const bytes = new TextEncoder().encode(`person_id;office;group;outcome\n${body.join('')}`);
        reach.check(bytes, await read(bytes));
      }),
      { seed: SEED, numRuns: 400 },
    );
    console.log(reach.report('random text after a header'));
    expect(reach.reached / reach.runs).toBeGreaterThanOrEqual(0.75);
  });

  it('valid exports, before mutation, read as written', async () => {
    await fc.assert(
      fc.asyncProperty(validExport, async ({ text, encoding, rows, duplicates, totals }) => {
        const result = (await run(encode(text, encoding)))!;
        expect(result).not.toBeNull();
        expectAccounting(result);
        expect(result).toMatchObject({ rowsRead: rows + duplicates + totals, rowsAccepted: rows, duplicateRows: duplicates, rowsRejected: totals });
        expect(result.rejections.map((r) => r.code)).toEqual(totals === 1 ? ['TOTAL_ROW'] : []);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('mutated valid exports throw nothing but InputError/UsageError, and at least 80 % reach the accounting invariant', async () => {
    const reach = new Reach();
    await fc.assert(
      fc.asyncProperty(validExport, mutations, async (written, list) => {
        const mutated = mutate(written, list);
        reach.check(mutated, await read(mutated));
      }),
      { seed: SEED, numRuns: 600 },
    );
    console.log(reach.report('mutated valid exports'));
    expect(reach.reached / reach.runs).toBeGreaterThanOrEqual(0.8);
    // The rejection and duplicate accounting is exercised, not only acceptance.
    expect(reach.withRejections / reach.runs).toBeGreaterThanOrEqual(0.25);
    expect(reach.withDuplicates / reach.runs).toBeGreaterThanOrEqual(0.1);
    for (const code of ['MALFORMED_CSV', 'FIELD_COUNT', 'CONFLICTING_ID', 'TOTAL_ROW']) expect(reach.codes.get(code) ?? 0, code).toBeGreaterThan(0);
  });

  it('unmutated hand-written export reads as expected', async () => {
    const result = (await run(new TextEncoder().encode(HAND_WRITTEN)))!;
    expect(result).toMatchObject({ rowsRead: 5, rowsAccepted: 4, rowsRejected: 0, duplicateRows: 1 });
  });
});

/** Valid records written in any dialect come back unchanged. */
describe('round trip (seeded)', () => {
  const labels = {
    group: { hybrid: ['hybrid', 'Hybridmodell', 'tett oppfylging', 'Intervention'], usual: ['usual', 'Som vanlig', 'vanleg', 'Control'] },
    outcome: {
      job: ['jobb', 'I arbeid', 'employed'],
      apprenticeship: ['Læreplass', 'apprentice'],
      education: ['utdanning', 'School'],
      none: ['ingen', 'Ikkje i aktivitet'],
    },
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
    readRecords(
      text,
      ';',
      {
        record: (fields, line) => out.push(['record', line, fields]),
        malformed: (line, raw) => out.push(['malformed', line, raw]),
      },
      chunkSize,
    );
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
