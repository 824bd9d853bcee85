import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest/index.js';
import { expectAccounting } from './helpers.js';

// person_id lookups start in a Map and move to a typed-array table after 65 536
// persons (PersonIndex in src/ingest/ingest.ts). Duplicates and conflicts must be
// found the same way before, across and after the move.
describe('person ids across the move from Map to table', () => {
  const header = 'person_id,office,group,outcome';
  const row = (id: number, outcome = 'job') => `P${id},NAV Oslo,usual,${outcome}`;
  const persons = 70_000;
  const lines = [header];
  for (let i = 0; i < persons; i++) lines.push(row(i));
  lines.push(row(5)); // exact duplicate of an early person, after the move
  lines.push(row(69_999)); // exact duplicate of a person added after the move
  lines.push(row(65_535)); // the last person kept in the Map
  lines.push(row(65_536)); // the first person added to the table
  lines.push(row(7, 'none')); // conflicting with an early person
  lines.push(row(68_000, 'none')); // conflicting with a late person
  lines.push(row(70_000)); // a new person
  const reading = ingestText('many.csv', `${lines.join('\n')}\n`);

  it('collapses exact duplicates on both sides of the move', async () => {
    const result = await reading;
    expectAccounting(result);
    expect(result.duplicateRows).toBe(4);
  });

  it('rejects every row of a conflicting person_id on both sides', async () => {
    const result = await reading;
    const conflicts = result.rejections.filter((r) => r.code === 'CONFLICTING_ID').map((r) => r.line);
    expect(conflicts.sort((a, b) => a - b)).toEqual([9, 68_002, persons + 6, persons + 7]);
    expect(result.rowsAccepted).toBe(persons + 1 - 2);
  });
});
