import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestInto, ingestSources, ingestText } from '../../src/ingest/index.js';
import { PersonIndex } from '../../src/ingest/personIndex.js';
import { TableBuilder } from '../../src/table/build.js';
import { tempDir } from '../helpers/tempDir.js';
import { bytes, expectAccounting } from './helpers.js';

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

// The streaming reader hashes ids from their bytes; into the analysis table (which
// does not read ids) it makes no id strings at all. Both must settle persons as the
// reference does, on both sides of the move, with ids repeated in other offices.
describe('person ids from bytes, into records and into the analysis table', () => {
  const header = 'person_id,office,counsellor_id,group,outcome,start_date';
  const lines = [header];
  for (let i = 0; i < 70_000; i++) lines.push(`P${i},NAV ${i % 3 === 0 ? 'Oslo' : 'Bodø'},V${i % 7},${i % 2 ? 'hybrid' : 'usual'},job,2022-01-0${1 + (i % 9)}`);
  const again = [5, 65_535, 65_536, 69_999, 7, 68_000, 12, 30_001];
  for (const i of again.slice(0, 4)) lines.push(lines[i + 1]); // exact duplicates
  for (const i of again.slice(4, 6)) lines.push(lines[i + 1].replace(',job,', ',none,')); // conflicts
  for (const i of again.slice(6)) lines.push(lines[i + 1].replace(/NAV \w+/, 'NAV Tromsø')); // the same id in another office
  lines.push('Å1,NAV Oslo,V1,usual,job,', 'Å1,NAV Oslo,V1,usual,job,', ' P9 ,NAV Oslo,V1,usual,job,');
  const text = `${lines.join('\n')}\n`;

  it('gives the same result as the reference reader', async () => {
    const reference = await ingestSources([{ name: 'many.csv', bytes: bytes(text) }], { reader: 'csv-parse' });
    const streamed = await ingestSources([{ name: 'many.csv', bytes: bytes(text) }], { reader: 'stream' });
    expect(streamed).toEqual(reference);
    expect(reference.duplicateRows).toBe(5);
    expect(reference.rejections.filter((r) => r.code === 'CONFLICTING_ID')).toHaveLength(6); // P7, P68000 and P9 (' P9 ' trimmed), two rows each
  });

  it('fills the same analysis table, also under --id-scope global', async () => {
    const dir = tempDir('persons');
    const path = join(dir, 'many.csv');
    writeFileSync(path, text);
    for (const idScope of ['office', 'global'] as const) {
      const tables = [];
      for (const reader of ['fast', 'stream'] as const) {
        const builder = new TableBuilder();
        const summary = await ingestInto([path], { reader, idScope }, builder);
        tables.push({ summary, table: digestTypedArrays(builder.finish(summary.columnsPresent)) });
      }
      expect(tables[1]).toEqual(tables[0]);
      expect(tables[0].summary.rowsAccepted).toBeGreaterThan(65_536);
    }
  });
});

/** The table with each typed array as a digest of its bytes (toEqual on 70 000-element arrays takes seconds). */
function digestTypedArrays(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_, v: unknown) =>
      ArrayBuffer.isView(v)
        ? `${v.constructor.name} ${createHash('sha256')
            .update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength))
            .digest('hex')}`
        : v,
    ),
  );
}

// The table keeps the slot and part of the hash in one Int32 and hashes the stored
// keys again when it grows: every key must keep its slot through many doublings.
describe('PersonIndex through its growth', () => {
  it('finds each key at the slot it was given, strings and bytes alike', () => {
    const index = new PersonIndex();
    const keyOf = (i: number) => (i % 97 === 0 ? `Ø${i}` : `P${i}`.padEnd(2 + (i % 13), 'x'));
    const persons = 300_000;
    const wrong: number[] = [];
    for (let i = 0; i < persons; i++) if (index.slotOrAdd(keyOf(i)) !== -1) wrong.push(i);
    for (let i = 0; i < persons; i += 7) if (index.slotOrAdd(keyOf(i)) !== i) wrong.push(i);
    expect(wrong).toEqual([]);
    expect(index.size).toBe(persons);
    const ascii = Buffer.from(` ${keyOf(1)} `, 'latin1');
    expect(index.slotOrAddBytes(ascii, 1, ascii.length - 1)).toBe(1);
  });
});
