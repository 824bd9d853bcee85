import { describe, expect, it } from 'vitest';
import { ingest, neutraliseFormula, writeRejectsCsv } from '../../src/ingest/index.js';
import { fixture } from './helpers.js';

describe('writeRejectsCsv', () => {
  it('writes raw fields, file, line, code and reason, neutralising formulas (OWASP)', async () => {
    const result = await ingest([fixture('injection.csv')]);
    expect(result.rowsRejected).toBe(3);
    const m = (i: number) => {
      const message = result.rejections[i].message;
      return /[",]/.test(message) ? `"${message.replaceAll('"', '""')}"` : message;
    };
    const csv = writeRejectsCsv(result.rejections.map((r) => ({ ...r, file: 'injection.csv' })));
    expect(csv.split('\r\n')).toEqual([
      'file,line,code,field,reason,field_1,field_2,field_3,field_4,field_5',
      `injection.csv,2,UNKNOWN_GROUP,group,${m(0)},I1,"'=HYPERLINK(""http://x"")",'=1+1,job,30`,
      `injection.csv,3,UNKNOWN_OUTCOME,outcome,${m(1)},I2,'+NAV,hybrid,'@SUM(A1),30`,
      `injection.csv,4,INVALID_AGE,age,${m(2)},I3,'-NAV,hybrid,job,'\tx`,
      '',
    ]);
  });

  it('neutralises every dangerous first character, full-width forms included', () => {
    for (const cell of ['=1', '+1', '-1', '@x', '\tx', '\rx', '＝1', '＋1', '－1', '＠x']) {
      expect(neutraliseFormula(cell)).toBe(`'${cell}`);
    }
    for (const cell of ['1', 'a=b', '', ' =1']) expect(neutraliseFormula(cell)).toBe(cell);
  });

  it('writes only a header for no rejections', () => {
    expect(writeRejectsCsv([])).toBe('file,line,code,field,reason\r\n');
  });
});
