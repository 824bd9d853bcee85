import { describe, expect, it } from 'vitest';
import { ingest, neutraliseFormula, writeRejectsCsv } from '../../src/ingest/index.js';
import { fixture } from './helpers.js';

describe('writeRejectsCsv', () => {
  it('writes the canonical columns, file, line, code and reason, neutralising formulas (OWASP), never free text', async () => {
    const result = await ingest([fixture('injection.csv')]);
    expect(result.rowsRejected).toBe(2);
    const m = (i: number) => {
      const message = result.rejections[i].message;
      return /[",]/.test(message) ? `"${message.replaceAll('"', '""')}"` : message;
    };
    const csv = writeRejectsCsv(result.rejections.map((r) => ({ ...r, file: 'injection.csv' })));
    expect(csv.split('\r\n')).toEqual([
      'file,line,code,field,reason,person_id,office,counsellor_id,group,outcome,age,gender,prior_work,start_date,end_date',
      `injection.csv,2,UNKNOWN_GROUP,group,${m(0)},I1,"'=HYPERLINK(""http://x"")",,'=1+1,job,30,,,,`,
      `injection.csv,3,UNKNOWN_OUTCOME,outcome,${m(1)},I2,'+NAV,,hybrid,'@SUM(A1),30,,,,`,
      '',
    ]);
    // The row with an unreadable age is kept, its age missing.
    expect(result.records.map((r) => [r.personId, r.age])).toEqual([['I3', null]]);
  });

  it('never writes a column that is not mapped (comments, free text)', async () => {
    const { ingestText } = await import('../../src/ingest/index.js');
    const result = await ingestText('x.csv', 'person_id;office;group;outcome;kommentar\nA;NAV A;x;job;ringte bruker om tiltak\n');
    const csv = writeRejectsCsv(result.rejections);
    expect(csv).not.toContain('ringte');
    expect(csv.split('\r\n')[1]).toMatch(/,A,NAV A,,x,job,,,,,$/);
  });

  it('neutralises every dangerous first character, full-width forms included', () => {
    for (const cell of ['=1', '+1', '-1', '@x', '\tx', '\rx', '＝1', '＋1', '－1', '＠x']) {
      expect(neutraliseFormula(cell)).toBe(`'${cell}`);
    }
    for (const cell of ['1', 'a=b', '', ' =1']) expect(neutraliseFormula(cell)).toBe(cell);
  });

  it('writes only a header for no rejections', () => {
    expect(writeRejectsCsv([])).toBe('file,line,code,field,reason,person_id,office,counsellor_id,group,outcome,age,gender,prior_work,start_date,end_date\r\n');
  });
});
