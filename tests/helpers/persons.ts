import { readFileSync } from 'node:fs';
import { OUTCOMES } from '../../src/ingest/types.js';
import { MISSING_DAY, type PersonColumns } from '../../src/table/types.js';

/** Loads a person CSV written by tests/fixtures/r/adjusted.R into PersonColumns (as src/table/build.ts lays them out). */
export function loadPersons(name: string, has: Partial<PersonColumns['has']> = {}): PersonColumns {
  const text = readFileSync(new URL(`../fixtures/r/persons-${name}.csv`, import.meta.url), 'utf8');
  const rows = text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','));
  const offices = [...new Set(rows.map((r) => r[0]))].sort();
  const counsellors = [...new Set(rows.map((r) => r[1]))].sort();
  const n = rows.length;
  const code = (v: string) => (v === '' ? -1 : Number(v));
  return {
    n,
    offices,
    counsellors,
    office: Int32Array.from(rows, (r) => offices.indexOf(r[0])),
    counsellor: Int32Array.from(rows, (r) => counsellors.indexOf(r[1])),
    hybrid: Uint8Array.from(rows, (r) => Number(r[2])),
    outcome: Int8Array.from(rows, (r) => (r[3] === '' ? -1 : OUTCOMES.indexOf(r[3] as (typeof OUTCOMES)[number]))),
    age: Float64Array.from(rows, (r) => (r[4] === '' ? Number.NaN : Number(r[4]))),
    female: Int8Array.from(rows, (r) => code(r[5])),
    priorWork: Int8Array.from(rows, (r) => code(r[6])),
    startDay: new Int32Array(n).fill(MISSING_DAY),
    endDay: new Int32Array(n).fill(MISSING_DAY),
    has: { counsellor: true, age: true, gender: true, priorWork: true, ...has },
  };
}
