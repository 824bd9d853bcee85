import { describe, expect, it } from 'vitest';
import { ingest, ingestSources, type CanonicalRecord } from '../../src/ingest/index.js';
import { bytes, expectAccounting, fixture } from './helpers.js';

const byId = (records: CanonicalRecord[]) => Object.fromEntries(records.map((r) => [r.personId, r]));

describe('dialects read without options', () => {
  it('canonical headers, comma, UTF-8, LF', async () => {
    const result = await ingest([fixture('dialects', 'canonical-comma-lf.csv')]);
    expectAccounting(result);
    expect(result.rowsAccepted).toBe(4);
    const [file] = result.files;
    expect(file).toMatchObject({ delimiter: ',', encoding: 'utf-8', headerLanguage: 'canonical' });
    expect(result.records[0]).toEqual({
      personId: 'C1',
      office: 'NAV Grünerløkka',
      counsellorId: 'V1',
      group: 'hybrid',
      outcome: 'job',
      age: 34,
      gender: 'F',
      priorWork: 1,
      startDate: '2022-03-01',
      endDate: '2023-01-15',
    });
    expect(byId(result.records).C3).toMatchObject({ outcome: null, gender: null, priorWork: null, startDate: null });
    expect(byId(result.records).C4).toMatchObject({ counsellorId: null, age: null });
    expect(result.columnsPresent).toEqual({ counsellorId: true, age: true, gender: true, priorWork: true });
  });

  it('Bokmål headers and labels, semicolon, UTF-8 BOM, CRLF, Norwegian dates', async () => {
    const result = await ingest([fixture('dialects', 'bokmal-semicolon-bom-crlf.csv')]);
    expectAccounting(result);
    const [file] = result.files;
    expect(file).toMatchObject({ delimiter: ';', encoding: 'utf-8-bom', headerLanguage: 'nb', rowsAccepted: 4 });
    expect(file.columns[0]).toEqual({ header: 'Bruker_ID', canonical: 'person_id' });
    expect(file.columns.map((c) => c.canonical)).toEqual([
      'person_id',
      'office',
      'counsellor_id',
      'group',
      'outcome',
      'age',
      'gender',
      'prior_work',
      'start_date',
      'end_date',
    ]);
    const r = byId(result.records);
    expect(r.B1).toMatchObject({
      office: 'NAV Bodø',
      group: 'hybrid',
      outcome: 'job',
      gender: 'F',
      priorWork: 1,
      startDate: '2022-03-01',
      endDate: '2023-01-15',
    });
    expect(r.B2).toMatchObject({ group: 'usual', outcome: 'apprenticeship', gender: 'M', priorWork: 0, startDate: '2022-03-01', endDate: '2022-10-02' });
    expect(r.B3).toMatchObject({ group: 'hybrid', outcome: 'education', gender: 'F', startDate: '2022-06-30', endDate: null });
    expect(r.B4).toMatchObject({ group: 'usual', outcome: 'none', age: 61 });
  });

  it('Nynorsk headers and labels, tab, Windows-1252 bytes (not latin1: € – ’ survive)', async () => {
    const result = await ingest([fixture('dialects', 'nynorsk-tab-windows1252.tsv')]);
    expectAccounting(result);
    const [file] = result.files;
    expect(file).toMatchObject({ delimiter: '\t', encoding: 'windows-1252', headerLanguage: 'nn', rowsAccepted: 3 });
    expect(file.columns.at(-1)).toEqual({ header: 'Merknad', canonical: null });
    expect(file.columns[6]).toEqual({ header: 'Kjønn', canonical: 'gender' });
    const r = byId(result.records);
    expect(r.N1).toMatchObject({ office: 'NAV Førde', counsellorId: 'R1', group: 'hybrid', outcome: 'job', startDate: '2022-01-03' });
    expect(r.N2).toMatchObject({ group: 'usual', outcome: 'none', gender: 'M', priorWork: 0 });
    expect(r.N3).toMatchObject({ office: 'NAV Årdal', outcome: 'apprenticeship', age: 17, priorWork: null });
  });

  it('English synonyms, columns in another order, quoted delimiters, quotes and line breaks, blank lines', async () => {
    const result = await ingest([fixture('dialects', 'english-quoted-blank-lines.csv')]);
    expectAccounting(result);
    const [file] = result.files;
    expect(file).toMatchObject({ delimiter: ',', headerLanguage: 'en', rowsRead: 4, rowsAccepted: 4 });
    const r = byId(result.records);
    expect(r.E1).toMatchObject({ office: 'NAV Oslo, Sentrum', group: 'hybrid', outcome: 'job', gender: 'F', priorWork: 1 });
    expect(r.E2).toMatchObject({ group: 'usual', outcome: 'education', gender: 'M', priorWork: 0 });
    expect(r.E3).toMatchObject({ group: 'usual', outcome: 'none', gender: 'F', priorWork: 0 });
    expect(r.E4).toMatchObject({ group: 'hybrid', outcome: 'apprenticeship', age: 16, gender: 'M', priorWork: 1 });
  });

  it('reads the same records whatever the line ending, delimiter and encoding', async () => {
    const lines = ['person_id,kontor,gruppe,utfall', 'A1,NAV Bærum,hybrid,jobb', 'A2,NAV Bærum,vanlig,'];
    const variants = [
      lines.join('\n'),
      `${lines.join('\r\n')}\r\n`,
      lines.join('\r'),
      `\uFEFF${lines.join('\n').replaceAll(',', ';')}`,
      lines.join('\n').replaceAll(',', '\t'),
    ];
    const expected = (await ingestSources([{ name: 'x.csv', bytes: bytes(variants[0]) }])).records;
    expect(expected).toHaveLength(2);
    for (const text of variants) {
      expect((await ingestSources([{ name: 'x.csv', bytes: bytes(text) }])).records).toEqual(expected);
    }
    const latin = Buffer.from(lines.join('\n'), 'latin1'); // æ is the same byte in Windows-1252
    const fromCp1252 = await ingestSources([{ name: 'x.csv', bytes: latin }]);
    expect(fromCp1252.files[0].encoding).toBe('windows-1252');
    expect(fromCp1252.records).toEqual(expected);
  });

  it('detects the delimiter despite commas inside values of a semicolon file', async () => {
    const text = 'person_id;office;group;outcome;note\nA;NAV A;hybrid;job;0,25\nB;NAV A;usual;none;"x, y, z"\n';
    const result = await ingestSources([{ name: 'x.csv', bytes: bytes(text) }]);
    expect(result.files[0].delimiter).toBe(';');
    expect(result.rowsAccepted).toBe(2);
  });

  it('matches headers and labels case-insensitively with _ - and space alike', async () => {
    const text = '  PERSON-ID ;Nav Kontor;GRUPPE; sluttstatus ;Tidligere_Arbeid\nA;NAV A;Tett-Oppfølging;IKKE_I_AKTIVITET;JA\n';
    const result = await ingestSources([{ name: 'x.csv', bytes: bytes(text) }]);
    expect(result.rejections).toEqual([]);
    expect(result.records[0]).toMatchObject({ personId: 'A', office: 'NAV A', group: 'hybrid', outcome: 'none', priorWork: 1 });
    expect(result.files[0].columns.map((c) => c.canonical)).toEqual(['person_id', 'office', 'group', 'outcome', 'prior_work']);
  });

  it('records a mixed header language', async () => {
    const text = 'person_id,kontor,arm,rettleiar,outcome\nA,NAV A,hybrid,R,job\n';
    expect((await ingestSources([{ name: 'x.csv', bytes: bytes(text) }])).files[0].headerLanguage).toBe('mixed');
  });

  it('honours a forced encoding', async () => {
    const latin = Buffer.from('person_id,office,group,outcome\nA,NAV Bærum,hybrid,job\n', 'latin1');
    const result = await ingestSources([{ name: 'x.csv', bytes: latin }], { encoding: 'windows-1252' });
    expect(result.records[0].office).toBe('NAV Bærum');
    const wrong = await ingestSources([{ name: 'x.csv', bytes: latin }], { encoding: 'utf-8' });
    expect(wrong.records[0].office).toBe('NAV B\uFFFDrum');
  });

  it('reads UTF-16 with BOM (Excel "Unicode text")', async () => {
    const text = '\uFEFFperson_id\toffice\tgroup\toutcome\r\nA\tNAV Bærum\thybrid\tjob\r\n';
    const result = await ingestSources([{ name: 'x.txt', bytes: Buffer.from(text, 'utf16le') }]);
    expect(result.files[0]).toMatchObject({ encoding: 'utf-16le', delimiter: '\t' });
    expect(result.records[0].office).toBe('NAV Bærum');
  });

  it('treats lines of only delimiters or spaces as blank, not rows', async () => {
    const text = 'person_id;office;group;outcome\n;;;\n   \nA;NAV A;hybrid;job\n;;;\n';
    const result = await ingestSources([{ name: 'x.csv', bytes: bytes(text) }]);
    expect(result.rowsRead).toBe(1);
    expect(result.rowsAccepted).toBe(1);
  });
});

describe('paths', () => {
  it('reads a folder recursively, sorted by path; hidden, lock and other files are listed as skipped', async () => {
    const result = await ingest([fixture('folder')]);
    const name = (p: string) => p.slice(fixture('folder').length + 1).replaceAll('\\', '/');
    expect(result.files.map((f) => name(f.path))).toEqual(['a-first.csv', 'b-second.TXT', 'c-third.tsv', 'sub/d-nested.csv']);
    expect(result.records.map((r) => r.personId)).toEqual(['F1', 'F2', 'F3', 'F4']);
    expect(result.skippedFiles.map((f) => [name(f.path), f.code])).toEqual([
      ['.hidden.csv', 'HIDDEN'],
      ['notes.md', 'NOT_A_DATA_FILE'],
      ['~$a-first.csv', 'LOCK_FILE'],
    ]);
    expectAccounting(result);
  });

  it('reads a file named twice once', async () => {
    const path = fixture('folder', 'a-first.csv');
    const result = await ingest([path, fixture('folder'), path]);
    expect(result.files).toHaveLength(4);
    expect(result.duplicateRows).toBe(0);
  });

  it('fails on a missing path, an empty folder list and a bad encoding label', async () => {
    await expect(ingest([fixture('nope.csv')])).rejects.toMatchObject({ name: 'InputError', code: 'INPUT_NOT_FOUND' });
    await expect(ingest([])).rejects.toMatchObject({ name: 'UsageError' });
    await expect(ingest([fixture('folder')], { encoding: 'klingon' })).rejects.toMatchObject({ name: 'UsageError' });
  });

  it('names the file and column when a required column is missing', async () => {
    const path = fixture('missing-outcome.csv');
    await expect(ingest([path])).rejects.toMatchObject({ name: 'InputError', code: 'MISSING_COLUMN' });
    await expect(ingest([path])).rejects.toThrow(/missing-outcome\.csv: required column outcome is missing/);
  });

  it('refuses an empty file', async () => {
    await expect((async () => await ingestSources([{ name: 'e.csv', bytes: bytes('\n\n') }]))()).rejects.toThrow(/e\.csv: the file is empty/);
  });
});
