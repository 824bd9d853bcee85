import { describe, expect, it } from 'vitest';
import { excelSerialDate, ingestText, isNotAvailable, isTotalLabel, parseAge, parseDate, parseWholeNumber } from '../../src/ingest/index.js';

describe('parseDate', () => {
  it('reads ISO and Norwegian dates as ISO', async () => {
    expect(parseDate('2022-03-01')).toBe('2022-03-01');
    expect(parseDate('01.03.2022')).toBe('2022-03-01');
    expect(parseDate(' 1.3.2022 ')).toBe('2022-03-01');
    expect(parseDate('29.02.2024')).toBe('2024-02-29');
  });
  it('refuses dates that are not real or not in these forms', async () => {
    for (const text of [
      '29.02.2023',
      '31.04.2022',
      '2022-02-30',
      '0.1.2022',
      '1.13.2022',
      '01/03/2022',
      '1.3.1850',
      'x',
      '2022',
      '60',
      '2022-03-01 25:00:00x',
    ]) {
      expect(parseDate(text)).toBeNull();
    }
  });
  it('reads what Excel writes: a time part, two-digit years, serial dates', () => {
    expect(parseDate('2022-03-01 00:00:00')).toBe('2022-03-01');
    expect(parseDate('2022-03-01T13:45:00.000Z')).toBe('2022-03-01');
    expect(parseDate('01.03.2022 00:00')).toBe('2022-03-01');
    expect(parseDate('1.3.2022 kl. 12.30')).toBe('2022-03-01');
    expect(parseDate('2022-3-1')).toBe('2022-03-01');
    expect(parseDate('01.03.22')).toBe('2022-03-01');
    // Excel's two-digit year window: 00–29 → 2000s, 30–99 → 1900s.
    expect(parseDate('1.1.29')).toBe('2029-01-01');
    expect(parseDate('1.1.30')).toBe('1930-01-01');
    expect(parseDate('44621')).toBe('2022-03-01');
    expect(parseDate('44621.5')).toBe('2022-03-01');
  });
  it('counts Excel serials from 1899-12-30, with the fictitious 1900-02-29 (serial 60)', () => {
    // Reference points from Excel's documentation: 1 = 1900-01-01, 59 = 1900-02-28, 61 = 1900-03-01.
    expect(excelSerialDate(1)).toBe('1900-01-01');
    expect(excelSerialDate(59)).toBe('1900-02-28');
    expect(excelSerialDate(60)).toBeNull();
    expect(excelSerialDate(61)).toBe('1900-03-01');
    expect(excelSerialDate(36526)).toBe('2000-01-01');
    expect(excelSerialDate(44621)).toBe('2022-03-01');
    expect(excelSerialDate(0)).toBeNull();
    expect(excelSerialDate(1.5)).toBeNull();
  });
  it('knows what exports write for "no value" and for total rows', () => {
    for (const text of ['', ' ', '#N/A', '#I/T', 'NA', 'n/a', '-', '–', '(blank)', 'Ikke registrert', 'ikkje  registrert', 'NULL']) {
      expect(isNotAvailable(text), text).toBe(true);
    }
    for (const text of ['Ukjent', 'Vet ikke', 'nan?', '0', 'jobb']) expect(isNotAvailable(text), text).toBe(false);
    for (const text of ['Sum', 'TOTALT', 'Total:', 'I alt', 'sum totalt']) expect(isTotalLabel(text), text).toBe(true);
    for (const text of ['Summer', 'NAV Sum', 'A1', '']) expect(isTotalLabel(text), text).toBe(false);
  });
});

describe('parseAge and parseWholeNumber', () => {
  it('accepts whole numbers 15–80', async () => {
    expect(parseAge('15')).toBe(15);
    expect(parseAge(' 80 ')).toBe(80);
    for (const text of ['14', '81', '30,5', '30.5', '-30', 'tretti', '', '23 år 4 mnd']) expect(parseAge(text), text).toBeNull();
  });
  it('reads ages as Excel and people write them', () => {
    expect(parseAge('23.0')).toBe(23);
    expect(parseAge('23,0')).toBe(23);
    expect(parseAge('23,00')).toBe(23);
    expect(parseAge('23 år')).toBe(23);
    expect(parseAge('23år')).toBe(23);
    expect(parseAge('23 years')).toBe(23);
  });
  it('round-trips Norwegian number formatting (U+2212 minus, U+00A0 thousands)', async () => {
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
  it('treat runs of white space (a line break in a quoted cell, a no-break space) as one space', async () => {
    const text =
      'person_id;office;counsellor_id;group;outcome\n' +
      'A1;NAV Bærum;V 1;hybrid;job\n' +
      'A2;"NAV\r\nBærum";V  1;usual;none\n' +
      'A3;NAV\u00a0Bærum ; V\t1;usual;job\n' +
      'A4;NAV Asker;V 2;usual;job\n';
    const result = await ingestText('kontor.csv', text);
    expect(result.rowsAccepted).toBe(4);
    expect(result.records.map((r) => r.office)).toEqual(['NAV Bærum', 'NAV Bærum', 'NAV Bærum', 'NAV Asker']);
    expect(result.records.map((r) => r.counsellorId)).toEqual(['V 1', 'V 1', 'V 1', 'V 2']);
  });
});
