import { describe, expect, it } from 'vitest';
import { ingestText, parseAge, parseDate, parseWholeNumber } from '../../src/ingest/index.js';

describe('parseDate', () => {
  it('reads ISO and Norwegian dates as ISO', () => {
    expect(parseDate('2022-03-01')).toBe('2022-03-01');
    expect(parseDate('01.03.2022')).toBe('2022-03-01');
    expect(parseDate(' 1.3.2022 ')).toBe('2022-03-01');
    expect(parseDate('29.02.2024')).toBe('2024-02-29');
  });
  it('refuses dates that are not real or not in these forms', () => {
    for (const text of ['29.02.2023', '31.04.2022', '2022-02-30', '0.1.2022', '1.13.2022', '2022-3-1', '01/03/2022', '01.03.22', '1.3.1850', 'x']) {
      expect(parseDate(text)).toBeNull();
    }
  });
});

describe('parseAge and parseWholeNumber', () => {
  it('accepts whole numbers 15–80', () => {
    expect(parseAge('15')).toBe(15);
    expect(parseAge(' 80 ')).toBe(80);
    for (const text of ['14', '81', '30.0', '30,5', '-30', 'tretti', '']) expect(parseAge(text)).toBeNull();
  });
  it('round-trips Norwegian number formatting (U+2212 minus, U+00A0 thousands)', () => {
    const nb = new Intl.NumberFormat('nb-NO');
    for (const value of [-5, -1234567, 0, 42, 12345, 1000000]) {
      expect(parseWholeNumber(nb.format(value))).toBe(value);
    }
    expect(parseWholeNumber('\u22125')).toBe(-5);
    expect(parseWholeNumber('1 000')).toBe(1000);
    expect(parseWholeNumber('1 00')).toBeNull();
  });
});

describe('office and counsellor names', () => {
  it('treat runs of white space (a line break in a quoted cell, a no-break space) as one space', () => {
    const text =
      'person_id;office;counsellor_id;group;outcome\n' +
      'A1;NAV Bærum;V 1;hybrid;job\n' +
      'A2;"NAV\r\nBærum";V  1;usual;none\n' +
      'A3;NAV\u00a0Bærum ; V\t1;usual;job\n' +
      'A4;NAV Asker;V 2;usual;job\n';
    const result = ingestText('kontor.csv', text);
    expect(result.rowsAccepted).toBe(4);
    expect(result.records.map((r) => r.office)).toEqual(['NAV Bærum', 'NAV Bærum', 'NAV Bærum', 'NAV Asker']);
    expect(result.records.map((r) => r.counsellorId)).toEqual(['V 1', 'V 1', 'V 1', 'V 2']);
  });
});
