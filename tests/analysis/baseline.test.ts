/**
 * Baseline table with standardised mean differences by tableone's definitions
 * (Yang & Dalton 2012), computed in R by those formulas (tableone is not
 * installed; tests/fixtures/r/adjusted.R) on the person rows in persons-*.csv.
 */
import { readFileSync } from 'node:fs';
import { loadPersons } from '../helpers/persons.js';
import { expectClose } from '../helpers/tolerance.js';
import { describe, expect, it } from 'vitest';
import { baselineTable } from '../../src/analysis/baseline.js';

type Summary = Record<string, number>;
interface Row {
  variable: string;
  level?: string;
  hybrid: Summary;
  usual: Summary;
  smd: number;
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/r/adjusted.json', import.meta.url), 'utf8')) as Record<'realistic' | 'edge', { baseline: Row[] }>;

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
          else expectClose(actual, value, { relative: 1e-6 });
        }
      }
      expectClose(row.smd, ref[k].smd, { relative: 1e-6 });
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
