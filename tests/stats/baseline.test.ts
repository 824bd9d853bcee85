/**
 * Baseline table with standardised mean differences by tableone's definitions
 * (Yang & Dalton 2012), computed in R by those formulas (tableone is not
 * installed; tests/fixtures/r/adjusted.R) on the person rows in persons-*.csv.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OUTCOMES } from '../../src/ingest/types.js';
import { baselineTable } from '../../src/stats/baseline.js';
import type { PersonColumns } from '../../src/table/types.js';

type Summary = Record<string, number>;
interface Row {
  variable: string;
  level?: string;
  hybrid: Summary;
  usual: Summary;
  smd: number;
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/r/adjusted.json', import.meta.url), 'utf8')) as Record<'realistic' | 'edge', { baseline: Row[] }>;

/** Loads a person CSV written by tests/fixtures/r/adjusted.R into PersonColumns (as src/table/build.ts lays them out). */
function loadPersons(name: string, has: Partial<PersonColumns['has']> = {}): PersonColumns {
  const text = readFileSync(new URL(`../fixtures/r/persons-${name}.csv`, import.meta.url), 'utf8');
  const rows = text.trim().split('\n').slice(1).map((line) => line.split(','));
  const offices = [...new Set(rows.map((r) => r[0]))].sort();
  const counsellors = [...new Set(rows.map((r) => `${r[0]}\u0000${r[1]}`))].sort();
  const n = rows.length;
  const code = (v: string) => (v === '' ? -1 : Number(v));
  return {
    n,
    offices,
    counsellors,
    office: Int32Array.from(rows, (r) => offices.indexOf(r[0])),
    counsellor: Int32Array.from(rows, (r) => counsellors.indexOf(`${r[0]}\u0000${r[1]}`)),
    hybrid: Uint8Array.from(rows, (r) => Number(r[2])),
    outcome: Int8Array.from(rows, (r) => (r[3] === '' ? -1 : OUTCOMES.indexOf(r[3] as (typeof OUTCOMES)[number]))),
    age: Float64Array.from(rows, (r) => (r[4] === '' ? Number.NaN : Number(r[4]))),
    female: Int8Array.from(rows, (r) => code(r[5])),
    priorWork: Int8Array.from(rows, (r) => code(r[6])),
    has: { counsellor: true, age: true, gender: true, priorWork: true, ...has },
  };
}

function expectRelativelyClose(actual: number | null, expected: number, tol = 1e-6): void {
  expect(actual).not.toBeNull();
  const diff = Math.abs((actual as number) - expected);
  const bound = tol * Math.abs(expected);
  if (!(diff <= bound)) throw new Error(`value ${actual}, expected ${expected}, difference ${diff}, tolerance ${bound}`);
}

describe('baselineTable (tableone SMD definitions)', () => {
  it.each(['realistic', 'edge'] as const)('matches R on %s data', (name) => {
    const rows = baselineTable(loadPersons(name));
    const ref = fixture[name].baseline;
    expect(rows.map((r) => r.variable)).toEqual(ref.map((r) => r.variable));
    rows.forEach((row, k) => {
      expect('level' in row ? row.level : undefined).toBe(ref[k].level);
      for (const group of ['hybrid', 'usual'] as const) {
        for (const [key, value] of Object.entries(ref[k][group])) {
          const actual = (row[group] as unknown as Record<string, number>)[key];
          if (Number.isInteger(value) && key !== 'mean' && key !== 'proportion') expect(actual).toBe(value);
          else expectRelativelyClose(actual, value);
        }
      }
      expectRelativelyClose(row.smd, ref[k].smd);
    });
  });

  it('lists only present variables and gives null SMDs when undefined', () => {
    const cols = loadPersons('realistic', { age: false, priorWork: false });
    cols.female.fill(1);
    const rows = baselineTable(cols);
    expect(rows.map((r) => r.variable)).toEqual(['gender']);
    expect(rows[0].smd).toBeNull();
  });
});
