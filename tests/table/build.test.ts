import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GROUPS, OUTCOMES, type CanonicalRecord } from '../../src/ingest/index.js';
import { buildTable, cell, pooledCounts, TableBuilder } from '../../src/table/build.js';
import { dayIso, emptyPersonColumns, isoDay, MISSING_DAY, MISSING_OUTCOME } from '../../src/table/types.js';

const SEED = 20240611;
const present = { counsellorId: true, age: true, gender: true, priorWork: true };

/** ISO dates 1900–2100, the range ingest reads, or null. */
const isoDate = fc.option(
  fc
    .integer({ min: Date.UTC(1900, 0, 1) / 86_400_000, max: Date.UTC(2100, 11, 31) / 86_400_000 })
    .map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10)),
);
const utcDay = (date: string | null) => (date === null ? MISSING_DAY : Date.parse(`${date}T00:00:00Z`) / 86_400_000);

const record = fc.record({
  personId: fc.constant('x'),
  office: fc.constantFrom('NAV Ås', 'NAV Bodø', 'NAV Alta', 'NAV Ørsta'),
  counsellorId: fc.constantFrom(null, 'V1', 'V2', 'V10'),
  group: fc.constantFrom(...GROUPS),
  outcome: fc.constantFrom(null, ...OUTCOMES),
  age: fc.option(fc.integer({ min: 15, max: 80 })),
  gender: fc.constantFrom(null, 'F' as const, 'M' as const),
  priorWork: fc.constantFrom(null, 0 as const, 1 as const),
  startDate: isoDate,
  endDate: isoDate,
}) as fc.Arbitrary<CanonicalRecord>;

/** The table written out the plain way, person by person. */
function reference(records: CanonicalRecord[]) {
  const offices = [...new Set(records.map((r) => r.office))].sort();
  const key = (r: CanonicalRecord) => r.counsellorId as string;
  const counsellors = [...new Set(records.filter((r) => r.counsellorId !== null).map(key))].sort();
  return {
    offices,
    counsellors,
    office: records.map((r) => offices.indexOf(r.office)),
    counsellor: records.map((r) => (r.counsellorId === null ? -1 : counsellors.indexOf(key(r)))),
    hybrid: records.map((r) => (r.group === 'hybrid' ? 1 : 0)),
    outcome: records.map((r) => (r.outcome === null ? -1 : OUTCOMES.indexOf(r.outcome))),
    age: records.map((r) => r.age ?? Number.NaN),
    female: records.map((r) => (r.gender === null ? -1 : r.gender === 'F' ? 1 : 0)),
    priorWork: records.map((r) => r.priorWork ?? -1),
    startDay: records.map((r) => utcDay(r.startDate)),
    endDay: records.map((r) => utcDay(r.endDate)),
  };
}

describe('TableBuilder', () => {
  it('gives the person columns and counts of the records added and not removed (seeded)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(record, fc.boolean()), { maxLength: 60 }), (rows) => {
        const builder = new TableBuilder();
        const indices = rows.map(([r]) => builder.add(r));
        rows.forEach(([, removed], i) => {
          removed && builder.remove(indices[i]);
        });
        const kept = rows.filter(([, removed]) => !removed).map(([r]) => r);
        const { counts, persons } = builder.finish(present);
        const expected = reference(kept);
        expect(persons.n).toBe(kept.length);
        expect(persons.offices).toEqual(expected.offices);
        expect(counts.offices).toEqual(expected.offices);
        expect(persons.counsellors).toEqual(expected.counsellors);
        for (const column of ['office', 'counsellor', 'hybrid', 'outcome', 'age', 'female', 'priorWork', 'startDay', 'endDay'] as const) {
          expect([...persons[column]]).toEqual(expected[column]);
        }
        expected.offices.forEach((office, k) => {
          GROUPS.forEach((group, g) => {
            for (let o = 0; o <= MISSING_OUTCOME; o++) {
              const n = kept.filter(
                (r) => r.office === office && r.group === group && (o === MISSING_OUTCOME ? r.outcome === null : r.outcome === OUTCOMES[o]),
              ).length;
              expect(cell(counts, k, g, o)).toBe(n);
            }
          });
        });
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('removing twice, or an unknown index, changes nothing more', () => {
    const builder = new TableBuilder();
    const r: CanonicalRecord = {
      personId: 'a',
      office: 'NAV A',
      counsellorId: null,
      group: 'hybrid',
      outcome: 'job',
      age: null,
      gender: null,
      priorWork: null,
      startDate: null,
      endDate: null,
    };
    builder.add(r);
    const second = builder.add({ ...r, group: 'usual' });
    builder.remove(second);
    builder.remove(second);
    builder.remove(99);
    const { persons, counts } = builder.finish(present);
    expect(persons.n).toBe(1);
    expect(pooledCounts(counts)).toEqual([
      [1, 0, 0, 0, 0],
      [0, 0, 0, 0, 0],
    ]);
  });

  it('buildTable over an array equals streaming into a builder, and grows past its first capacity', () => {
    const records = fc.sample(record, { seed: SEED, numRuns: 5000 });
    const builder = new TableBuilder();
    for (const r of records) builder.add(r);
    expect(buildTable(records, present)).toEqual(builder.finish(present));
    expect(buildTable(records, present).persons.n).toBe(5000);
  });

  it('keeps the has flags from the ingest', () => {
    const flags = { counsellorId: false, age: true, gender: false, priorWork: true };
    expect(buildTable([], flags).persons.has).toEqual({ counsellor: false, age: true, gender: false, priorWork: true });
  });
});

describe('isoDay', () => {
  it('counts days since 1970-01-01 as Date.UTC does, and dayIso inverts it (seeded)', () => {
    fc.assert(
      fc.property(isoDate, (date) => {
        expect(isoDay(date)).toBe(utcDay(date));
        if (date !== null) expect(dayIso(isoDay(date))).toBe(date);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('knows the epoch, leap days and the century rules', () => {
    expect(isoDay('1970-01-01')).toBe(0);
    expect(isoDay('1969-12-31')).toBe(-1);
    expect(isoDay('2000-03-01') - isoDay('2000-02-28')).toBe(2);
    expect(isoDay('1900-03-01') - isoDay('1900-02-28')).toBe(1);
    expect(isoDay('2024-03-01') - isoDay('2024-02-28')).toBe(2);
    expect(isoDay(null)).toBe(MISSING_DAY);
  });

  it('emptyPersonColumns has no dates', () => {
    const cols = emptyPersonColumns(2, [], [], { counsellor: false, age: false, gender: false, priorWork: false });
    expect([...cols.startDay, ...cols.endDay]).toEqual([MISSING_DAY, MISSING_DAY, MISSING_DAY, MISSING_DAY]);
  });
});
