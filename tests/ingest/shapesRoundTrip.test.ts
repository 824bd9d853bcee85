import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import writeXlsxFile, { type SheetData } from 'write-excel-file/node';
import { ingestSources, type ByteSource, type CanonicalRecord } from '../../src/ingest/index.js';
import { expectAccounting } from './helpers.js';

// Random small pilots written twice: once canonically (one clean UTF-8 CSV, ids unique
// across offices), once the way offices send them (a shape per office, ids 1..N in each
// office, office names spelt several ways, Excel's dates, ages and "no value" words).
// A correct reader accepts the same persons, with the same values, from both.
const SEED = 20261129;

interface Person {
  group: 'hybrid' | 'usual';
  outcome: 'job' | 'apprenticeship' | 'education' | 'none' | null;
  age: number | null;
  gender: 'F' | 'M' | null;
  priorWork: 0 | 1 | null;
  start: string | null;
}

const OFFICES = ['NAV Bodø', 'NAV Tromsø', 'NAV Grünerløkka', 'NAV Ås'];
const iso = (days: number) => new Date(Date.UTC(2021, 0, 1) + days * 86_400_000).toISOString().slice(0, 10);

const person = fc.record<Person>({
  group: fc.constantFrom('hybrid', 'usual'),
  outcome: fc.constantFrom('job', 'apprenticeship', 'education', 'none', null),
  age: fc.option(fc.integer({ min: 15, max: 80 }), { freq: 5 }),
  gender: fc.constantFrom('F', 'M', null),
  priorWork: fc.constantFrom(0, 1, null),
  start: fc.option(fc.integer({ min: 0, max: 1500 }).map(iso), { freq: 5 }),
});

const pilot = fc.array(fc.array(person, { minLength: 1, maxLength: 25 }), { minLength: 1, maxLength: 4 });
const shapes = fc.array(fc.constantFrom('excel-csv', 'gzip', 'xlsx', 'tsv'), { minLength: 4, maxLength: 4 });

function canonical(offices: Person[][]): ByteSource {
  const lines = ['person_id,office,counsellor_id,group,outcome,age,gender,prior_work,start_date,end_date'];
  offices.forEach((persons, k) => {
    persons.forEach((p, i) => {
      lines.push([`K${k}-${i}`, OFFICES[k], `V${k}`, p.group, p.outcome ?? '', p.age ?? '', p.gender ?? '', p.priorWork ?? '', p.start ?? '', ''].join(','));
    });
  });
  return { name: 'canonical.csv', bytes: new TextEncoder().encode(`${lines.join('\n')}\n`) };
}

const NB = {
  group: { hybrid: 'Hybridmodell', usual: 'Som vanlig' },
  outcome: { job: 'Jobb', apprenticeship: 'Læreplass', education: 'Utdanning', none: 'Ingen' },
  gender: { F: 'Kvinne', M: 'Mann' },
} as const;
const NOT_REGISTERED = ['#N/A', 'NA', '-', '(blank)', 'Ikke registrert', 'Ikkje registrert', ''];
const HEADER = ['Løpenummer', 'Kontor', 'Veileder', 'Gruppe', 'Utfall', 'Alder', 'Kjønn', 'Tidligere arbeid', 'Startdato'];

/** One person's cells as an office system might write them; `i` varies the forms. */
function cells(p: Person, i: number, office: string, k: number): string[] {
  const serial = (date: string) => String(Math.round((Date.parse(`${date}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000));
  const dates = [
    (d: string) => d,
    (d: string) => `${d} 00:00:00`,
    (d: string) => d.split('-').reverse().join('.'),
    (d: string) =>
      d
        .split('-')
        .reverse()
        .join('.')
        .replace(/\.20(\d\d)$/, '.$1'),
    serial,
  ];
  return [
    String(i + 1),
    office,
    `V${k}`,
    NB.group[p.group],
    p.outcome === null ? NOT_REGISTERED[i % NOT_REGISTERED.length] : NB.outcome[p.outcome],
    p.age === null ? '' : [`${p.age}`, `${p.age},0`, `${p.age} år`][i % 3],
    p.gender === null ? '' : NB.gender[p.gender],
    p.priorWork === null ? '' : p.priorWork === 1 ? 'Ja' : 'Nei',
    p.start === null ? '' : dates[i % dates.length](p.start),
  ];
}

async function asOfficesSendIt(offices: Person[][], shapeOf: string[]): Promise<ByteSource[]> {
  const sources: ByteSource[] = [];
  for (const [k, persons] of offices.entries()) {
    const name = OFFICES[k];
    const bare = name.replace(/^NAV /, '');
    // The canonical spelling stays the most frequent one.
    const spell = (i: number) => [name, name, name, name.toUpperCase(), `Nav ${bare}`, bare][i % 6];
    const rows = persons.map((p, i) => cells(p, i, spell(i), k));
    switch (shapeOf[k]) {
      case 'excel-csv': {
        const lines = ['sep=;', `Uttrekk ${name};;;;;;;;`, HEADER.join(';'), ...rows.map((r) => `${r.join(';')};;`), 'Sum;;;;;;;;'];
        sources.push({ name: `${k}.csv`, bytes: Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1') });
        break;
      }
      case 'gzip': {
        const quote = (v: string) => (v.includes(',') ? `"${v}"` : v);
        const lines = [HEADER.join(','), ...rows.map((r) => r.map(quote).join(',').replace(/,+$/, ''))];
        sources.push({ name: `${k}.csv.gz`, bytes: gzipSync(`${lines.join('\n')}\n`) });
        break;
      }
      case 'xlsx': {
        const data: SheetData = [[{ value: `Uttrekk ${name}`, type: String }], HEADER.map((h) => ({ value: h, type: String }))];
        for (const r of rows) data.push(r.map((v) => (v === '' ? null : { value: v, type: String })));
        sources.push({ name: `${k}.xlsx`, bytes: await writeXlsxFile(data).toBuffer() });
        break;
      }
      default: {
        const lines = [HEADER.join('\t'), ...rows.map((r) => r.join('\t'))];
        sources.push({ name: `${k}.tsv`, bytes: new TextEncoder().encode(`\uFEFF${lines.join('\n')}\n`) });
      }
    }
  }
  return sources;
}

/** A person's values, without the id (numbered differently in the two writings). */
const values = (r: CanonicalRecord) => JSON.stringify([r.office, r.counsellorId, r.group, r.outcome, r.age, r.gender, r.priorWork, r.startDate]);

describe('random pilots as offices send them (seeded)', () => {
  it('the same persons, with the same values, as from the canonical export', async () => {
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(pilot, shapes, async (offices, shapeOf) => {
        const expected = await ingestSources([canonical(offices)]);
        const result = await ingestSources(await asOfficesSendIt(offices, shapeOf));
        expectAccounting(result);
        expect(result.rejections.every((r) => r.code === 'TOTAL_ROW')).toBe(true);
        expect(result.rowsAccepted).toBe(expected.rowsAccepted);
        expect(result.records.map(values).sort()).toEqual(expected.records.map(values).sort());
        expect(result.notices.filter((n) => ['INVALID_AGE', 'INVALID_DATE', 'UNKNOWN_GENDER', 'UNKNOWN_PRIOR_WORK'].includes(n.code))).toEqual([]);
        checked++;
      }),
      { seed: SEED, numRuns: 150 },
    );
    expect(checked).toBe(150);
  }, 60_000);
});
