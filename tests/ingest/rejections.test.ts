import { describe, expect, it } from 'vitest';
import { ingest, ingestSources, REJECTION_CODES } from '../../src/ingest/index.js';
import { bytes, expectAccounting, fixture } from './helpers.js';

describe('row rejections', () => {
  it('gives every code with the physical line where the record starts', async () => {
    const path = fixture('rejections.csv');
    const result = await ingest([path]);
    expectAccounting(result);
    const got = result.rejections.map((r) => [r.line, r.code, r.field]);
    expect(got).toEqual([
      [5, 'FIELD_COUNT', null],
      [6, 'REQUIRED_EMPTY', 'person_id'],
      [7, 'REQUIRED_EMPTY', 'office'],
      [8, 'REQUIRED_EMPTY', 'group'],
      [9, 'UNKNOWN_GROUP', 'group'],
      [10, 'UNKNOWN_OUTCOME', 'outcome'],
      [11, 'INVALID_AGE', 'age'],
      [12, 'INVALID_AGE', 'age'],
      [13, 'UNKNOWN_GENDER', 'gender'],
      [14, 'UNKNOWN_PRIOR_WORK', 'prior_work'],
      [15, 'INVALID_DATE', 'start_date'],
      [16, 'INVALID_DATE', 'end_date'],
    ]);
    for (const r of result.rejections) expect(r.file).toBe(path);
    expect(result.records.map((r) => r.personId)).toEqual(['R1', 'R14', 'R15']);
    expect(result.records[1].outcome).toBeNull();
    expect(result.records[2].startDate).toBe('2024-02-29');
    expect(result.files[0]).toMatchObject({ rowsRead: 15, rowsAccepted: 3, rowsRejected: 12, duplicateRows: 0 });
    expect(result.rejections[4].message).toContain('"placebo"');
    expect(result.rejections[0].message).toBe('the record has 7 fields but the header has 10');
    expect(result.rejections[0].raw).toEqual(['R2', 'NAV A', 'hybrid', 'job', '30', 'F', '1']);
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

  it('counts lines correctly after multi-line fields with CRLF and blank lines', () => {
    const text =
      'person_id,office,group,outcome,note\r\n' + // 1
      'A,NAV A,hybrid,job,"x\r\ny\r\n\r\nz"\r\n' + // 2-5
      '\r\n' + // 6
      'B,NAV A,hybrid,nope,\r\n' + // 7
      'C,NAV A,"hy\nbrid",job,\r\n' + // 8-9
      'D,NAV A,hybrid,job,"a","b"\r\n'; // 10
    const result = ingestSources([{ name: 'x.csv', bytes: bytes(text) }]);
    expect(result.rejections.map((r) => [r.line, r.code])).toEqual([
      [7, 'UNKNOWN_OUTCOME'],
      [8, 'UNKNOWN_GROUP'],
      [10, 'FIELD_COUNT'],
    ]);
    expectAccounting(result);
  });

  it('rejects a line with a stray quote inside an unquoted field and reads on', () => {
    const text = 'person_id,office,group,outcome\nA,NAV "A",hybrid,job\nB,NAV B,usual,none\n';
    const result = ingestSources([{ name: 'x.csv', bytes: bytes(text) }]);
    expect(result.rejections.map((r) => [r.line, r.code])).toEqual([[2, 'MALFORMED_CSV']]);
    expect(result.rejections[0].raw).toEqual(['A', 'NAV "A"', 'hybrid', 'job']);
    expect(result.records.map((r) => r.personId)).toEqual(['B']);
  });

  it('never echoes an 11-digit run in a message', () => {
    const text = 'person_id,office,group,outcome\nA,NAV A,12345678901,job\n';
    const result = ingestSources([{ name: 'x.csv', bytes: bytes(text) }]);
    expect(result.rejections[0].code).toBe('UNKNOWN_GROUP');
    expect(result.rejections[0].message).not.toMatch(/\d{11}/);
    expect(result.rejections[0].message).toContain('***********');
  });

  it('never echoes person_id', () => {
    const text = 'person_id,office,group,outcome\nSECRET-ID,NAV A,x,job\nSECRET-ID,NAV A,hybrid,job\nSECRET-ID,NAV B,hybrid,job\n';
    const result = ingestSources([{ name: 'x.csv', bytes: bytes(text) }]);
    for (const r of result.rejections) expect(r.message).not.toContain('SECRET');
  });

  it('uses only codes from the closed set', async () => {
    const result = await ingest([fixture('rejections.csv'), fixture('malformed.csv'), fixture('duplicates')]);
    for (const r of result.rejections) expect(REJECTION_CODES).toContain(r.code);
  });
});

describe('duplicates and conflicts', () => {
  it('collapses exact duplicates and rejects every row of a conflicting person_id, across files', async () => {
    const result = await ingest([fixture('duplicates')]);
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
    // Raw fields of conflicting rows are read again from the files, as written.
    expect(result.rejections[3].raw).toEqual(['NAV B', 'D2', 'usual', 'none', '40']);
    expect(result.rejections[2].raw).toEqual(['D3', 'NAV A', 'usual', 'job', '41']);
  });
});
