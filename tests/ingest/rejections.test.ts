import { describe, expect, it } from 'vitest';
import { ingest, ingestSources, REJECTION_CODES } from '../../src/ingest/index.js';
import { bytes, expectAccounting, fixture } from './helpers.js';

describe('row rejections', () => {
  it('gives every code with the physical line where the record starts; optional values become missing', async () => {
    const path = fixture('rejections.csv');
    const result = await ingest([path]);
    expectAccounting(result);
    const got = result.rejections.map((r) => [r.line, r.code, r.field]);
    expect(got).toEqual([
      [6, 'REQUIRED_EMPTY', 'person_id'],
      [7, 'REQUIRED_EMPTY', 'office'],
      [8, 'REQUIRED_EMPTY', 'group'],
      [9, 'UNKNOWN_GROUP', 'group'],
      [10, 'UNKNOWN_OUTCOME', 'outcome'],
    ]);
    for (const r of result.rejections) expect(r.file).toBe(path);
    // R2 has its trailing empty fields cut off; R8–R13 have one unreadable optional value each.
    expect(result.records.map((r) => r.personId)).toEqual(['R1', 'R2', 'R8', 'R9', 'R10', 'R11', 'R12', 'R13', 'R14', 'R15']);
    const byId = new Map(result.records.map((r) => [r.personId, r]));
    expect(byId.get('R2')).toMatchObject({ age: 30, gender: 'F', priorWork: 1, startDate: null, endDate: null });
    expect(byId.get('R8')!.age).toBeNull();
    expect(byId.get('R9')!.age).toBeNull();
    expect(byId.get('R10')).toMatchObject({ age: 30, gender: null, priorWork: 1 });
    expect(byId.get('R11')).toMatchObject({ gender: 'F', priorWork: null });
    expect(byId.get('R12')!.startDate).toBeNull();
    expect(byId.get('R13')).toMatchObject({ startDate: null, endDate: null, outcome: 'job' });
    expect(byId.get('R14')!.outcome).toBeNull();
    expect(byId.get('R15')!.startDate).toBe('2024-02-29');
    expect(result.files[0]).toMatchObject({ rowsRead: 15, rowsAccepted: 10, rowsRejected: 5, duplicateRows: 0 });
    expect(result.rejections[3].message).toContain('"placebo"');
    expect(result.notices.map((n) => [n.code, n.column, n.count, n.examples.map((e) => e.line)])).toEqual([
      ['INVALID_AGE', 'age', 2, [11, 12]],
      ['UNKNOWN_GENDER', 'gender', 1, [13]],
      ['UNKNOWN_PRIOR_WORK', 'prior_work', 1, [14]],
      ['INVALID_DATE', 'end_date', 1, [16]],
      ['INVALID_DATE', 'start_date', 1, [15]],
    ]);
    expect(result.unknownLabels.map((l) => [l.column, l.label, l.count, l.first.line, l.effect])).toEqual([
      ['gender', 'X', 1, 13, 'missing'],
      ['group', 'placebo', 1, 9, 'rejected'],
      ['outcome', 'retired', 1, 10, 'rejected'],
      ['prior_work', 'maybe', 1, 14, 'missing'],
    ]);
  });

  it('a "no value" word in a required column is REQUIRED_EMPTY, not an office or a label', async () => {
    const text =
      'person_id;office;group;outcome\nA;#N/A;hybrid;job\n#N/A;NAV A;usual;job\nB;NAV A;-;job\nC;NAV A;usual;Ikke registrert\nNina;NAV A;usual;none\n';
    const result = await ingestSources([{ name: 'x.csv', bytes: bytes(text) }]);
    expect(result.rejections.map((r) => [r.line, r.code, r.field])).toEqual([
      [2, 'REQUIRED_EMPTY', 'office'],
      [3, 'REQUIRED_EMPTY', 'person_id'],
      [4, 'REQUIRED_EMPTY', 'group'],
    ]);
    expect(result.rejections[0].message).toBe('column "office": required office holds no value ("#N/A")');
    expect(result.records.map((r) => [r.personId, r.outcome])).toEqual([
      ['C', null],
      ['Nina', 'none'],
    ]);
  });

  it('a total row is TOTAL_ROW wherever its word stands, even beside a valid group and outcome', async () => {
    const text = 'person_id;office;group;outcome\nA;NAV A;hybrid;job\nSum;NAV A;hybrid;job\n;Totalt;;\nTotal:;;;\nSusanne;NAV A;usual;none\n';
    const result = await ingestSources([{ name: 'x.csv', bytes: bytes(text) }]);
    expect(result.rejections.map((r) => [r.line, r.code])).toEqual([
      [3, 'TOTAL_ROW'],
      [4, 'TOTAL_ROW'],
      [5, 'TOTAL_ROW'],
    ]);
    expect(result.records.map((r) => r.personId)).toEqual(['A', 'Susanne']);
  });

  it('trailing empty fields, extra or missing, are not FIELD_COUNT; other extra fields are', async () => {
    const text = 'person_id;office;group;outcome;age;;;\r\n' + 'A;NAV A;hybrid;job;30;;;;;\r\n' + 'B;NAV A;usual;none\r\n' + 'C;NAV A;usual;none;31;;;;x\r\n';
    const result = await ingestSources([{ name: 'x.csv', bytes: bytes(text) }]);
    expect(result.records.map((r) => [r.personId, r.age])).toEqual([
      ['A', 30],
      ['B', null],
    ]);
    expect(result.rejections.map((r) => [r.line, r.code, r.message])).toEqual([[4, 'FIELD_COUNT', 'the record has 9 fields but the header has 5']]);
    expect(result.rejections[0].cells).toEqual(['C', 'NAV A', null, 'usual', 'none', '31', null, null, null, null]);
  });

  it('recovers from malformed CSV and keeps reading', async () => {
    const result = await ingest([fixture('malformed.csv')]);
    expectAccounting(result);
    expect(result.rejections.map((r) => [r.line, r.code])).toEqual([
      [3, 'MALFORMED_CSV'],
      [6, 'MALFORMED_CSV'],
    ]);
    expect(result.records.map((r) => r.personId)).toEqual(['M1', 'M3', 'M4', 'M6']);
    expect(result.rejections[1].message).toMatch(/never closed/);
  });

  it('counts lines correctly after multi-line fields with CRLF and blank lines', async () => {
    const text =
      'person_id,office,group,outcome,note\r\n' + // 1
      'A,NAV A,hybrid,job,"x\r\ny\r\n\r\nz"\r\n' + // 2-5
      '\r\n' + // 6
      'B,NAV A,hybrid,nope,\r\n' + // 7
      'C,NAV A,"hy\nbrid",job,\r\n' + // 8-9
      'D,NAV A,hybrid,job,"a","b"\r\n'; // 10
    const result = await ingestSources([{ name: 'x.csv', bytes: bytes(text) }]);
    expect(result.rejections.map((r) => [r.line, r.code])).toEqual([
      [7, 'UNKNOWN_OUTCOME'],
      [8, 'UNKNOWN_GROUP'],
      [10, 'FIELD_COUNT'],
    ]);
    expectAccounting(result);
  });

  it('rejects a line with a stray quote inside an unquoted field and reads on', async () => {
    const text = 'person_id,office,group,outcome\nA,NAV "A",hybrid,job\nB,NAV B,usual,none\n';
    const result = await ingestSources([{ name: 'x.csv', bytes: bytes(text) }]);
    expect(result.rejections.map((r) => [r.line, r.code])).toEqual([[2, 'MALFORMED_CSV']]);
    expect(result.rejections[0].cells).toEqual(['A', 'NAV "A"', null, 'hybrid', 'job', null, null, null, null, null]);
    expect(result.records.map((r) => r.personId)).toEqual(['B']);
  });

  it('never echoes an 11-digit run in a message', async () => {
    const text = 'person_id,office,group,outcome\nA,NAV A,12345678901,job\n';
    const result = await ingestSources([{ name: 'x.csv', bytes: bytes(text) }]);
    expect(result.rejections[0].code).toBe('UNKNOWN_GROUP');
    expect(result.rejections[0].message).not.toMatch(/\d{11}/);
    expect(result.rejections[0].message).toContain('***********');
  });

  it('never echoes person_id', async () => {
    const text = 'person_id,office,group,outcome\nSECRET-ID,NAV A,x,job\nSECRET-ID,NAV A,hybrid,job\nSECRET-ID,NAV B,hybrid,job\n';
    const result = await ingestSources([{ name: 'x.csv', bytes: bytes(text) }]);
    for (const r of result.rejections) expect(r.message).not.toContain('SECRET');
  });

  it('uses only codes from the closed set', async () => {
    const result = await ingest([fixture('rejections.csv'), fixture('malformed.csv'), fixture('duplicates')]);
    for (const r of result.rejections) expect(REJECTION_CODES).toContain(r.code);
  });
});

describe('duplicates and conflicts', () => {
  it('--id-scope global: collapses exact duplicates and rejects every row of a conflicting person_id, across files', async () => {
    const result = await ingest([fixture('duplicates')], { idScope: 'global' });
    expectAccounting(result);
    expect(result.records.map((r) => r.personId)).toEqual(['D1', 'D4']);
    const [a, b] = result.files;
    expect(a).toMatchObject({ rowsRead: 6, rowsAccepted: 1, rowsRejected: 3, duplicateRows: 2 });
    expect(b).toMatchObject({ rowsRead: 4, rowsAccepted: 1, rowsRejected: 2, duplicateRows: 1 });
    expect(result).toMatchObject({ rowsRead: 10, rowsAccepted: 2, rowsRejected: 5, duplicateRows: 3 });
    expect(result.rejections.map((r) => [r.file.split(/[\\/]/).pop(), r.line, r.code])).toEqual([
      ['a.csv', 4, 'CONFLICTING_ID'],
      ['a.csv', 5, 'CONFLICTING_ID'],
      ['a.csv', 6, 'CONFLICTING_ID'],
      ['b.csv', 3, 'CONFLICTING_ID'],
      ['b.csv', 5, 'CONFLICTING_ID'],
    ]);
    expect(result.rejections[0].message).toMatch(/on 3 rows with different content/);
    expect(result.rejections[0].message).not.toContain('D2');
    // The canonical values of each conflicting row, the first one's rebuilt from what was kept of it.
    expect(result.rejections[0].cells).toEqual(['D2', 'NAV A', null, 'usual', 'none', '40', '', '', '', '']);
    expect(result.rejections[3].cells).toEqual(['D2', 'NAV B', null, 'usual', 'none', '40', '', '', '', '']);
    expect(result.rejections[2].cells).toEqual(['D3', 'NAV A', null, 'usual', 'job', '41', '', '', '', '']);
    expect(result.notices.filter((n) => n.code === 'ID_IN_SEVERAL_OFFICES')).toEqual([]);
  });

  it('--id-scope office (the default): the same person_id in two offices is two persons, with one notice', async () => {
    const result = await ingest([fixture('duplicates')]);
    expectAccounting(result);
    expect(result.records.map((r) => [r.personId, r.office])).toEqual([
      ['D1', 'NAV A'],
      ['D2', 'NAV A'],
      ['D2', 'NAV B'],
      ['D4', 'NAV B'],
    ]);
    expect(result.files[0]).toMatchObject({ rowsRead: 6, rowsAccepted: 2, rowsRejected: 2, duplicateRows: 2 });
    expect(result.files[1]).toMatchObject({ rowsRead: 4, rowsAccepted: 2, rowsRejected: 0, duplicateRows: 2 });
    expect(result.rejections.map((r) => [r.line, r.code])).toEqual([
      [5, 'CONFLICTING_ID'],
      [6, 'CONFLICTING_ID'],
    ]);
    expect(result.rejections[0].message).toMatch(/the same person_id in the same office is on 2 rows/);
    const notice = result.notices.find((n) => n.code === 'ID_IN_SEVERAL_OFFICES')!;
    expect(notice.count).toBe(1);
    expect(notice.message).toContain('1 person_id values occur in more than one office');
  });

  it('offices numbering their users 1..N: duplicates within an office still collapse, whatever came before', async () => {
    const rows = (name: string, ids: number[]) => ['person_id;office;group;outcome', ...ids.map((i) => `${i};${name};usual;job`)].join('\n');
    const result = await ingestSources([
      { name: 'a.csv', bytes: bytes(rows('NAV A', [1, 2, 3])) },
      { name: 'b.csv', bytes: bytes(rows('NAV B', [1, 2, 3])) },
      { name: 'c.csv', bytes: bytes(rows('NAV C', [1, 2, 3, 4, 5, 4, 5, 1])) },
      { name: 'd.csv', bytes: bytes(rows('NAV B', [3, 4, 4])) },
    ]);
    expectAccounting(result);
    expect(result).toMatchObject({ rowsRead: 17, rowsAccepted: 12, rowsRejected: 0, duplicateRows: 5 });
    expect(result.notices.find((n) => n.code === 'ID_IN_SEVERAL_OFFICES')!.count).toBe(4);
  });

  it('offices numbering their users 1..N lose nobody', async () => {
    const office = (name: string, n: number) =>
      [
        'person_id;office;group;outcome',
        ...Array.from({ length: n }, (_, i) => `${i + 1};${name};${i % 10 === 0 ? 'hybrid' : 'usual'};${i % 3 === 0 ? 'job' : 'none'}`),
      ].join('\n');
    const result = await ingestSources([
      { name: 'a.csv', bytes: bytes(office('NAV Bodø', 40)) },
      { name: 'b.csv', bytes: bytes(office('NAV Tromsø', 30)) },
    ]);
    expect(result.rowsAccepted).toBe(70);
    expect(result.rowsRejected).toBe(0);
    expect(result.notices.find((n) => n.code === 'ID_IN_SEVERAL_OFFICES')!.count).toBe(30);
    const global = await ingestSources(
      [
        { name: 'a.csv', bytes: bytes(office('NAV Bodø', 40)) },
        { name: 'b.csv', bytes: bytes(office('NAV Tromsø', 30)) },
      ],
      { idScope: 'global' },
    );
    expect(global.rowsAccepted).toBe(10);
    expect(global.rejections.filter((r) => r.code === 'CONFLICTING_ID')).toHaveLength(60);
  });
});

// A slot's file is found from where each file's slots start (IngestRun.fileOf):
// repeated persons must be placed and counted in the right file, the first and the later ones.
describe('persons repeated across three files', () => {
  it('names the file of every row of a conflicting person, and counts duplicates per file', async () => {
    const header = 'person_id,office,group,outcome';
    const a = [header, 'A1,NAV Oslo,usual,job', 'A2,NAV Oslo,usual,job'];
    const empty = [header];
    const b = [header, 'B1,NAV Oslo,usual,job', 'A1,NAV Oslo,usual,none', 'B2,NAV Oslo,usual,job', 'A2,NAV Oslo,usual,job'];
    const c = [header, 'B1,NAV Oslo,usual,none', 'B2,NAV Oslo,usual,job'];
    const result = await ingestSources(
      [a, empty, b, c].map((lines, k) => ({ name: `f${k}.csv`, bytes: bytes(`${lines.join('\n')}\n`) })),
      { reader: 'stream' },
    );
    expectAccounting(result);
    const conflicts = result.rejections.filter((r) => r.code === 'CONFLICTING_ID').map((r) => `${r.file}:${r.line}`);
    expect(conflicts).toEqual(['f0.csv:2', 'f2.csv:2', 'f2.csv:3', 'f3.csv:2']);
    expect(result.files.map((f) => [f.rowsAccepted, f.duplicateRows])).toEqual([
      [1, 0],
      [0, 0],
      [1, 1],
      [0, 1],
    ]);
  });
});
