import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import writeXlsxFile, { type SheetData } from 'write-excel-file/node';
import { InputError } from '../../src/errors.js';
import { readXlsx } from '../../src/ingest/xlsx.js';
import { tempDir } from '../helpers/tempDir.js';

// Workbooks are written by write-excel-file here (and by openpyxl below, when it is
// installed), then read back by readXlsx, which uses read-excel-file.

async function workbook(data: SheetData): Promise<Uint8Array> {
  return writeXlsxFile(data).toBuffer();
}

async function workbookOfSheets(sheets: { sheet: string; data: SheetData }[]): Promise<Uint8Array> {
  return writeXlsxFile(sheets).toBuffer();
}

/** A cell holding a number shown with a date format: how Excel stores a date. */
const serial = (value: number, format = 'yyyy-mm-dd') => ({ value, type: Number, format });

/** Calls fn with process.env.TZ set to zone, and restores it (vitest pins UTC). */
async function inTimeZone<T>(zone: string, fn: () => Promise<T>): Promise<T> {
  const previous = process.env.TZ;
  process.env.TZ = zone;
  try {
    return await fn();
  } finally {
    process.env.TZ = previous;
  }
}

async function inputError(promise: Promise<unknown>): Promise<InputError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

/** A ZIP archive holding one stored (uncompressed) file: a valid zip that is no workbook. */
function zipOf(name: string, text: string): Uint8Array {
  const nameBytes = Buffer.from(name, 'utf8');
  const data = Buffer.from(text, 'utf8');
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const centralOffset = local.length + nameBytes.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, nameBytes, data, central, nameBytes, end]);
}

describe('readXlsx: cells as text', () => {
  it('keeps strings as written, with Norwegian letters and spaces', async () => {
    const sheet = await readXlsx(await workbook([['Bærum', 'NAV Tromsø', 'Åse Ødegård', '  Ås  ', 'ÆØÅ æøå']]));
    expect(sheet.rows).toEqual([['Bærum', 'NAV Tromsø', 'Åse Ødegård', '  Ås  ', 'ÆØÅ æøå']]);
  });

  it('writes numbers as their shortest round-trip text, never in a locale format', async () => {
    const sheet = await readXlsx(
      await workbook([
        [23, 23.5, -4, 0, 0.1 + 0.2, 1e21],
        [
          { value: 1234567.891, type: Number, format: '#,##0.00' },
          { value: 0.25, type: Number, format: '0%' },
        ],
      ]),
    );
    expect(sheet.rows).toEqual([
      ['23', '23.5', '-4', '0', '0.30000000000000004', '1e+21'],
      ['1234567.891', '0.25'],
    ]);
  });

  it('writes booleans as TRUE and FALSE', async () => {
    const sheet = await readXlsx(await workbook([[true, false]]));
    expect(sheet.rows).toEqual([['TRUE', 'FALSE']]);
  });

  it('writes a date cell as yyyy-mm-dd, whatever its display format', async () => {
    const sheet = await readXlsx(
      await workbook([
        [
          { value: new Date(Date.UTC(2022, 2, 1)), format: 'yyyy-mm-dd' },
          { value: new Date(Date.UTC(2023, 0, 15)), format: 'dd.mm.yyyy' },
          { value: new Date(Date.UTC(2024, 1, 29)), format: 'd. mmmm yyyy' },
        ],
      ]),
    );
    expect(sheet.rows).toEqual([['2022-03-01', '2023-01-15', '2024-02-29']]);
  });

  it('writes a date-time cell as yyyy-mm-dd hh:mm:ss (24-hour)', async () => {
    const sheet = await readXlsx(
      await workbook([
        [
          { value: new Date(Date.UTC(2022, 2, 1, 13, 5, 9)), format: 'dd.mm.yyyy hh:mm:ss' },
          { value: new Date(Date.UTC(2022, 11, 31, 23, 59, 59)), format: 'yyyy-mm-dd hh:mm' },
          serial(44621.75, 'dd.mm.yyyy hh:mm'),
        ],
      ]),
    );
    expect(sheet.rows).toEqual([['2022-03-01 13:05:09', '2022-12-31 23:59:59', '2022-03-01 18:00:00']]);
  });

  it('reads serial numbers in the 1900 date system, with Lotus’s 1900-02-29 left as the number', async () => {
    // Excel: serial 1 is 1900-01-01, 59 is 1900-02-28, 60 the fictitious 1900-02-29,
    // 61 is 1900-03-01, and 44621 is 2022-03-01 (FIELD-NOTES). Below 1 is a time of day only.
    const sheet = await readXlsx(await workbook([[serial(1), serial(59), serial(60), serial(61), serial(44621), serial(0.5, 'hh:mm')]]));
    expect(sheet.rows).toEqual([['1900-01-01', '1900-02-28', '60', '1900-03-01', '2022-03-01', '0.5']]);
  });

  it('reads the same dates in Europe/Oslo as in UTC', async () => {
    // read-excel-file parses some date cells with new Date(text), in local time, so the
    // zone is changed here; winter (UTC+1) and summer time (UTC+2), and times near midnight.
    const bytes = await workbook([
      [
        { value: new Date(Date.UTC(2022, 0, 15)), format: 'dd.mm.yyyy' },
        { value: new Date(Date.UTC(2022, 6, 1)), format: 'dd.mm.yyyy' },
        { value: new Date(Date.UTC(2022, 6, 1, 0, 30)), format: 'dd.mm.yyyy hh:mm' },
        { value: new Date(Date.UTC(2022, 2, 27, 23, 30)), format: 'dd.mm.yyyy hh:mm' },
      ],
    ]);
    const expected = [['2022-01-15', '2022-07-01', '2022-07-01 00:30:00', '2022-03-27 23:30:00']];
    expect((await inTimeZone('UTC', () => readXlsx(bytes))).rows).toEqual(expected);
    const oslo = await inTimeZone('Europe/Oslo', async () => {
      expect(new Date(Date.UTC(2022, 6, 1)).getTimezoneOffset()).toBe(-120); // the zone took effect
      return readXlsx(bytes);
    });
    expect(oslo.rows).toEqual(expected);
  });

  it('writes empty cells as "" and drops the empty cells that end a row', async () => {
    const sheet = await readXlsx(
      await workbook([
        ['a', null, 'c', null, null],
        [null, null, 'x'],
        ['only', null, null, null, null, 'wide'],
      ]),
    );
    expect(sheet.rows).toEqual([
      ['a', '', 'c'],
      ['', '', 'x'],
      ['only', '', '', '', '', 'wide'],
    ]);
  });
});

describe('readXlsx: rows keep their Excel row numbers', () => {
  it('keeps empty rows above and between the data as []', async () => {
    const sheet = await readXlsx(await workbook([[], [], ['person_id', 'office'], [], ['P1', 'NAV Bodø']]));
    expect(sheet.rows).toEqual([[], [], ['person_id', 'office'], [], ['P1', 'NAV Bodø']]);
  });

  it('keeps a title row above the header', async () => {
    const sheet = await readXlsx(await workbook([['Rapport fra NAV Grünerløkka, 2022'], ['person_id', 'office', 'age'], ['P1', 'NAV Grünerløkka', 34]]));
    expect(sheet.rows).toEqual([['Rapport fra NAV Grünerløkka, 2022'], ['person_id', 'office', 'age'], ['P1', 'NAV Grünerløkka', '34']]);
  });
});

describe('readXlsx: sheets', () => {
  const sheets = () =>
    workbookOfSheets([
      { sheet: 'Årsoversikt', data: [['first']] },
      { sheet: 'Data', data: [['second']] },
      { sheet: 'Notater', data: [['third']] },
    ]);

  it('reads the first sheet and lists the others in workbook order', async () => {
    expect(await readXlsx(await sheets())).toEqual({ sheet: 'Årsoversikt', otherSheets: ['Data', 'Notater'], rows: [['first']] });
  });

  it('reads the sheet named, matching the name case-insensitively', async () => {
    const bytes = await sheets();
    expect(await readXlsx(bytes, 'data')).toEqual({ sheet: 'Data', otherSheets: ['Årsoversikt', 'Notater'], rows: [['second']] });
    expect((await readXlsx(bytes, 'ÅRSOVERSIKT')).rows).toEqual([['first']]);
  });

  it('refuses a sheet that is not in the workbook, naming the sheets that are', async () => {
    const error = await inputError(readXlsx(await sheets(), 'Mangler'));
    expect(error.code).toBe('SHEET_NOT_FOUND');
    expect(error.message).toBe('sheet "Mangler" is not in the workbook (its sheets: Årsoversikt, Data, Notater)');
  });
});

describe('readXlsx: files that are not workbooks', () => {
  it.each([
    ['garbage bytes', Uint8Array.from({ length: 2000 }, (_, i) => (i * 7919 + 13) % 251), 'it is not an .xlsx file'],
    ['no bytes', new Uint8Array(0), 'the file is empty'],
    ['a zip that is not a workbook', zipOf('notes.txt', 'hei'), 'the workbook parts are missing or damaged'],
    [
      'an old .xls or a password-protected workbook (an OLE container)',
      Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]),
      'an old .xls workbook or a password-protected one; save it as .xlsx without a password',
    ],
  ])('%s: UNREADABLE_WORKBOOK', async (_name, bytes, reason) => {
    const error = await inputError(readXlsx(bytes));
    expect(error.code).toBe('UNREADABLE_WORKBOOK');
    expect(error.message).toBe(`cannot be read as an Excel workbook (${reason})`);
  });

  it('a workbook cut short: UNREADABLE_WORKBOOK', async () => {
    const whole = await workbook([['person_id'], ['P1']]);
    const error = await inputError(readXlsx(whole.subarray(0, Math.floor(whole.length / 2))));
    expect(error.code).toBe('UNREADABLE_WORKBOOK');
  });
});

describe('readXlsx: loading', () => {
  it('loads the Excel library only when a workbook is read', () => {
    const source = readFileSync(new URL('../../src/ingest/xlsx.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/^import[^;]*read-excel-file/m);
    expect(source).toMatch(/await import\('read-excel-file\/node'\)/);
  });
});

/** A Python with openpyxl (Debian's python3-openpyxl may sit under /usr/bin beside another python3). */
const python = ['python3', '/usr/bin/python3'].find((exe) => spawnSync(exe, ['-c', 'import openpyxl'], { stdio: 'ignore' }).status === 0);
if (python === undefined) console.warn('xlsx.test.ts: python3-openpyxl is not installed; the openpyxl workbook tests are skipped');

function writeWithOpenpyxl(script: string): Uint8Array {
  const file = join(tempDir('xlsx'), 'book.xlsx');
  const run = spawnSync(python!, ['-c', `import datetime, sys, openpyxl\n${script}`, file], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return readFileSync(file);
}

describe.skipIf(python === undefined)('readXlsx: workbooks written by openpyxl (skipped without python3-openpyxl)', () => {
  it('reads strings, numbers, dates, booleans and errors, with data starting at row 3', async () => {
    // openpyxl writes no <row> elements above row 3, inline strings and no cached formula values.
    const bytes = writeWithOpenpyxl(`
wb = openpyxl.Workbook()
ws = wb.active
ws.title = 'Brukere'
ws['A3'] = 'person_id'; ws['B3'] = 'kontor'; ws['C3'] = 'startdato'; ws['D3'] = 'registrert'; ws['E3'] = 'alder'
ws['A4'] = 'P1'; ws['B4'] = 'NAV Bærum Ørsta Ås'; ws['C4'] = datetime.date(2022, 3, 1)
ws['D4'] = datetime.datetime(2022, 3, 1, 13, 5, 9); ws['E4'] = 23.5; ws['F4'] = True; ws['G4'] = '#N/A'
ws['C4'].number_format = 'DD.MM.YYYY'
wb.create_sheet('Kilder')['A1'] = 1
wb.save(sys.argv[1])
`);
    const sheet = await readXlsx(bytes);
    expect(sheet.sheet).toBe('Brukere');
    expect(sheet.otherSheets).toEqual(['Kilder']);
    expect(sheet.rows).toEqual([
      [],
      [],
      ['person_id', 'kontor', 'startdato', 'registrert', 'alder'],
      // The error cell (#N/A) reads as empty: read-excel-file does not give its text.
      ['P1', 'NAV Bærum Ørsta Ås', '2022-03-01', '2022-03-01 13:05:09', '23.5', 'TRUE'],
    ]);
  });

  it('reads dates of the 1904 date system', async () => {
    const bytes = writeWithOpenpyxl(`
wb = openpyxl.Workbook()
wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
ws = wb.active
ws['A1'] = datetime.date(2022, 3, 1); ws['B1'] = datetime.datetime(1904, 1, 1, 6, 0); ws['C1'] = 44621
wb.save(sys.argv[1])
`);
    expect((await readXlsx(bytes)).rows).toEqual([['2022-03-01', '1904-01-01 06:00:00', '44621']]);
  });

  // read-excel-file parses ISO date-times in t="d" cells with new Date(text), so one without a
  // zone would be read in local time; readXlsx parses in UTC. Excel does not write such cells;
  // openpyxl does with iso_dates=True.
  it('reads ISO date-time cells (t="d") the same in Europe/Oslo', async () => {
    const bytes = writeWithOpenpyxl(`
wb = openpyxl.Workbook(iso_dates=True)
wb.active['A1'] = datetime.date(2022, 3, 1); wb.active['B1'] = datetime.datetime(2022, 7, 1, 13, 5, 9)
wb.save(sys.argv[1])
`);
    const sheet = await inTimeZone('Europe/Oslo', () => readXlsx(bytes));
    expect(sheet.rows).toEqual([['2022-03-01', '2022-07-01 13:05:09']]);
  });
});
