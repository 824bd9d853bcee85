import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import {
  CANONICAL_COLUMNS,
  LABELLED_VALUES,
  NOTICE_CODES,
  OUTCOMES,
  REJECTION_CODES,
  SKIP_CODES,
  type CanonicalRecord,
  type IngestSummary,
} from '../../src/ingest/types.js';
import { buildReport } from '../../src/report/build.js';
import { inputBlock } from '../../src/report/inputBlock.js';
import type { ReportModel } from '../../src/report/model.js';
import { renderHtml } from '../../src/report/render/html.js';
import { renderJson } from '../../src/report/render/json.js';
import { renderMarkdown } from '../../src/report/render/markdown.js';
import { renderText, TEXT_WIDTH } from '../../src/report/render/text.js';
import { buildTables, type Lang } from '../../src/report/tables.js';
import { buildTable } from '../../src/table/build.js';

const schema = JSON.parse(readFileSync('schema/report.schema.json', 'utf8'));
const ajv = new (Ajv2020 as unknown as typeof Ajv2020.default)({ allErrors: true, strict: false });
ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
const validate = ajv.compile(schema);

const bodo = 'exports/bodø.csv';
const tromso = 'exports/tromsø.csv.gz';
const vadso = 'exports/vadsø.xlsx';
const cells = (person: string) => [person, 'NAV Bodø', null, 'Sum', null, null, null, null, null, null];

/** Every kind of accounting ingest reports, in ingest's order (src/ingest/run.ts: NOTICE_ORDER; labels by column). */
const summary: IngestSummary = {
  files: [
    {
      path: bodo,
      format: 'csv',
      compression: null,
      sheet: null,
      encoding: 'windows-1252',
      delimiter: ';',
      headerLine: 3,
      sepLine: true,
      headerLanguage: 'nb',
      columns: [
        { header: 'Løpenr', canonical: 'person_id' },
        { header: 'Kontor', canonical: 'office' },
        { header: 'Gruppe', canonical: 'group' },
        { header: 'Utfall', canonical: 'outcome' },
        { header: 'Kommentar', canonical: null },
      ],
      rowsRead: 40,
      rowsAccepted: 36,
      rowsRejected: 3,
      duplicateRows: 1,
    },
    {
      path: tromso,
      format: 'csv',
      compression: 'gzip',
      sheet: null,
      encoding: 'utf-8',
      delimiter: ',',
      headerLine: 1,
      sepLine: false,
      headerLanguage: 'en',
      columns: [
        { header: 'person_id', canonical: 'person_id' },
        { header: 'office', canonical: 'office' },
        { header: 'group', canonical: 'group' },
        { header: 'outcome', canonical: 'outcome' },
      ],
      rowsRead: 30,
      rowsAccepted: 30,
      rowsRejected: 0,
      duplicateRows: 0,
    },
    {
      path: vadso,
      format: 'xlsx',
      compression: null,
      sheet: 'Ark1',
      encoding: 'utf-8',
      delimiter: '',
      headerLine: 2,
      sepLine: false,
      headerLanguage: 'nn',
      columns: [
        { header: 'Løpenummer', canonical: 'person_id' },
        { header: 'Eining', canonical: 'office' },
        { header: 'Modell', canonical: 'group' },
        { header: 'Resultat', canonical: 'outcome' },
      ],
      rowsRead: 20,
      rowsAccepted: 18,
      rowsRejected: 2,
      duplicateRows: 0,
    },
  ],
  skippedFiles: [
    { path: 'exports/.DS_Store', code: 'HIDDEN', params: { kind: 'file' }, message: 'hidden file' },
    { path: 'exports/~$vadsø.xlsx', code: 'LOCK_FILE', params: {}, message: 'Lock file of an open workbook.' },
    { path: 'exports/notat.docx', code: 'NOT_A_DATA_FILE', params: { extension: '.docx' }, message: 'Not a CSV, TSV, text or xlsx file.' },
    { path: 'exports/rejects.csv', code: 'OWN_OUTPUT', params: { writtenBy: 'earlierRun' }, message: 'Written by hybrid-eval --rejects.' },
    { path: 'exports/tom.csv', code: 'NO_HEADER', params: { lines: 20 }, message: 'No header row with person_id, office and group.' },
  ],
  rejections: [
    { file: bodo, line: 42, field: null, code: 'TOTAL_ROW', params: {}, message: 'A total row ("Sum").', cells: cells('SECRET-1'), group: null },
    {
      file: bodo,
      line: 7,
      field: 'group',
      code: 'UNKNOWN_GROUP',
      params: { column: { header: 'Modell', position: 3, beyondHeader: false }, label: 'Hybrid modell' },
      message: 'Unknown group label.',
      cells: cells('SECRET-2'),
      group: null,
    },
    {
      file: bodo,
      line: 9,
      field: 'group',
      code: 'UNKNOWN_GROUP',
      params: { column: { header: 'Modell', position: 3, beyondHeader: false }, label: 'Hybrid modell' },
      message: 'Unknown group label.',
      cells: cells('SECRET-3'),
      group: null,
    },
    {
      file: vadso,
      line: 5,
      field: 'outcome',
      code: 'UNKNOWN_OUTCOME',
      params: { column: { header: 'Resultat', position: 4, beyondHeader: false }, label: 'Ukjent' },
      message: 'Unknown outcome label.',
      cells: cells('SECRET-4'),
      group: 'usual',
    },
    {
      file: vadso,
      line: 8,
      field: 'person_id',
      code: 'REQUIRED_EMPTY',
      params: { column: { header: 'Løpenummer', position: 1, beyondHeader: false }, field: 'person_id', value: '' },
      message: 'person_id is empty.',
      cells: cells(''),
      group: 'hybrid',
    },
  ],
  notices: [
    {
      code: 'LINES_BEFORE_HEADER',
      params: { file: bodo, headerLine: 3, sepLine: false },
      column: null,
      count: 1,
      examples: [{ file: bodo, line: 1 }],
      message: `${bodo}: lines 1–2 skipped before the header on line 3`,
    },
    {
      code: 'LINES_BEFORE_HEADER',
      params: { file: vadso, headerLine: 2, sepLine: false },
      column: null,
      count: 1,
      examples: [{ file: vadso, line: 1 }],
      message: `${vadso}: line 1 skipped before the header on line 2`,
    },
    {
      code: 'SHEETS_IGNORED',
      params: { file: vadso, sheet: 'Ark1', ignored: ['Ark2', 'Ark3'] },
      column: null,
      count: 2,
      examples: [{ file: vadso, line: 1 }],
      message: `${vadso}: only sheet "Ark1" was read`,
    },
    {
      code: 'OFFICE_SPELLINGS_MERGED',
      params: {
        office: 'NAV Bodø',
        spellings: [
          { spelling: 'Nav Bodø', rows: 12 },
          { spelling: 'BODØ', rows: 3 },
        ],
      },
      column: 'office',
      count: 36,
      examples: [],
      message: 'office "NAV Bodø" is also written "Nav Bodø" (12 rows), "BODØ" (3 rows); merged',
    },
    {
      code: 'OFFICE_NAME_ENCODING',
      params: { spelling: 'NAV BodÃ¸', damage: 'mojibake', resolution: 'repaired', into: '' },
      column: 'office',
      count: 4,
      examples: [{ file: bodo, line: 6 }],
      message: 'office name holds "Ã¸"',
    },
    {
      code: 'ID_IN_SEVERAL_OFFICES',
      params: {},
      column: 'person_id',
      count: 1240,
      examples: [{ file: tromso, line: 2 }],
      message: '1240 person_id values occur in more than one office',
    },
    {
      code: 'INVALID_AGE',
      params: {},
      column: 'age',
      count: 14,
      examples: [
        { file: bodo, line: 5 },
        { file: bodo, line: 9 },
        { file: bodo, line: 12 },
        { file: tromso, line: 4 },
        { file: tromso, line: 8 },
      ],
      message: 'age could not be read (not a whole number from 15 to 80) in 14 rows and is counted as missing',
    },
    {
      code: 'UNKNOWN_GENDER',
      params: {},
      column: 'gender',
      count: 3,
      examples: [{ file: vadso, line: 3 }],
      message: 'gender has a label that is not known in 3 rows',
    },
    {
      code: 'UNKNOWN_PRIOR_WORK',
      params: {},
      column: 'prior_work',
      count: 1,
      examples: [{ file: vadso, line: 4 }],
      message: 'prior_work has a label that is not known in 1 row',
    },
    {
      code: 'INVALID_DATE',
      params: {},
      column: 'start_date',
      count: 2,
      examples: [
        { file: tromso, line: 3 },
        { file: tromso, line: 6 },
      ],
      message: 'start_date could not be read as a date in 2 rows',
    },
  ],
  unknownLabels: [
    { column: 'gender', label: 'X', count: 3, first: { file: vadso, line: 3 }, effect: 'missing' },
    { column: 'group', label: 'Hybrid modell', count: 2, first: { file: bodo, line: 7 }, effect: 'rejected' },
    { column: 'outcome', label: 'Ukjent', count: 1, first: { file: vadso, line: 5 }, effect: 'rejected' },
    { column: 'prior_work', label: 'kanskje', count: 1, first: { file: vadso, line: 4 }, effect: 'missing' },
  ],
  officeSpellings: [
    {
      name: 'NAV Bodø',
      spellings: [
        { spelling: 'NAV Bodø', rows: 21 },
        { spelling: 'Nav Bodø', rows: 12 },
        { spelling: 'BODØ', rows: 3 },
      ],
    },
  ],
  idScope: 'office',
  rowsRead: 90,
  rowsAccepted: 84,
  rowsRejected: 5,
  duplicateRows: 1,
  columnsPresent: { counsellorId: true, age: true, gender: true, priorWork: true },
  rowsByGroup: { hybrid: { read: 30, rejected: 1 }, usual: { read: 59, rejected: 2 }, unknown: 2 },
  allowedColumns: [],
};

/** A small two-office pilot; its numbers do not matter here, only Table 1. */
function model(input: IngestSummary): ReportModel {
  const records: CanonicalRecord[] = Array.from({ length: 84 }, (_, i) => ({
    personId: `P${i}`,
    office: i % 2 === 0 ? 'NAV Bodø' : 'NAV Tromsø',
    counsellorId: `C${i % 6}`,
    group: i % 3 === 0 ? 'hybrid' : 'usual',
    outcome: OUTCOMES[i % 4],
    age: 18 + (i % 30),
    gender: i % 2 === 0 ? 'F' : 'M',
    priorWork: i % 5 === 0 ? 1 : 0,
    startDate: null,
    endDate: null,
  }));
  return buildReport(input, buildTable(records, input.columnsPresent), { version: 'test' });
}

const sources = (lang: Lang) => buildTables(model(summary), { lang }).tables.find((t) => t.id === 'sources')!;

describe('input block', () => {
  const input = inputBlock(summary);

  it('publishes every file detail, in a fixed key order', () => {
    expect(Object.keys(input)).toEqual([
      'rowsRead',
      'rowsAccepted',
      'rowsRejected',
      'duplicateRows',
      'idScope',
      'files',
      'skippedFiles',
      'rejections',
      'notices',
      'unknownLabels',
      'officeSpellings',
      'allowedColumns',
    ]);
    expect(input.idScope).toBe('office');
    expect(input.files[2]).toEqual({
      path: vadso,
      format: 'xlsx',
      compression: null,
      sheet: 'Ark1',
      encoding: 'utf-8',
      delimiter: '',
      headerLine: 2,
      sepLine: false,
      headerLanguage: 'nn',
      columns: summary.files[2].columns,
      rowsRead: 20,
      rowsAccepted: 18,
      rowsRejected: 2,
      duplicateRows: 0,
    });
    expect(Object.keys(input.files[0])).toEqual(Object.keys(input.files[2]));
    expect(input.files.map((f) => [f.format, f.compression, f.headerLine, f.sepLine])).toEqual([
      ['csv', null, 3, true],
      ['csv', 'gzip', 1, false],
      ['xlsx', null, 2, false],
    ]);
    expect(input.skippedFiles.map((s) => s.code)).toEqual([...SKIP_CODES]);
    expect(input.officeSpellings).toEqual(summary.officeSpellings);
  });

  it('never publishes the cells of a rejected row', () => {
    expect(input.rejections[0]).toEqual({ file: bodo, line: 42, field: null, code: 'TOTAL_ROW', params: {}, message: 'A total row ("Sum").' });
    for (const r of input.rejections) expect(Object.keys(r)).toEqual(['file', 'line', 'field', 'code', 'params', 'message']);
    expect(renderJson({ input })).not.toContain('SECRET');
  });

  it("keeps ingest's order of notices and labels, and every notice code", () => {
    expect(input.notices).toEqual(summary.notices);
    expect(new Set(input.notices.map((n) => n.code))).toEqual(new Set(NOTICE_CODES));
    expect(input.unknownLabels).toEqual(summary.unknownLabels);
  });

  it('gives the same bytes however ingest ordered its keys', () => {
    const reversed = (o: object) => Object.fromEntries(Object.entries(o).reverse());
    const shuffled: IngestSummary = {
      ...summary,
      files: summary.files.map((f) => Object.fromEntries(Object.entries(f).reverse()) as unknown as typeof f),
      notices: summary.notices.map((n) => ({ ...reversed(n), params: reversed(n.params) }) as unknown as typeof n),
      rejections: summary.rejections.map((r) => ({ ...reversed(r), params: reversed(r.params) }) as unknown as typeof r),
      skippedFiles: summary.skippedFiles.map((f) => reversed(f) as unknown as typeof f),
    };
    expect(renderJson(inputBlock(shuffled))).toBe(renderJson(input));
  });
});

describe('schema/report.schema.json, input part', () => {
  const inputSchema = schema.properties.input;

  it('has the closed code lists of src/ingest/types.ts', () => {
    expect(inputSchema.properties.rejections.items.properties.code.enum).toEqual([...REJECTION_CODES]);
    expect(inputSchema.properties.skippedFiles.items.properties.code.enum).toEqual([...SKIP_CODES]);
    expect(inputSchema.properties.notices.items.properties.code.enum).toEqual([...NOTICE_CODES]);
    expect(inputSchema.properties.notices.items.properties.column.enum).toEqual([...CANONICAL_COLUMNS, null]);
    expect(inputSchema.properties.unknownLabels.items.properties.column.enum).toEqual(Object.keys(LABELLED_VALUES));
  });

  it('requires every key the input block writes', () => {
    const input = inputBlock(summary);
    expect([...inputSchema.required].sort()).toEqual(Object.keys(input).sort());
    expect([...inputSchema.properties.files.items.required].sort()).toEqual(Object.keys(input.files[0]).sort());
  });

  it('validates a report carrying every kind of accounting', () => {
    const report = JSON.parse(renderJson(model(summary)));
    const ok = validate(report);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(validate({ ...report, input: { ...report.input, idScope: 'global' } })).toBe(true);
  });

  it('refuses what the input block must never hold', () => {
    const report = JSON.parse(renderJson(model(summary)));
    const withInput = (change: Record<string, unknown>) => ({ ...report, input: { ...report.input, ...change } });
    const first = <T>(list: T[], change: Partial<T>) => [{ ...list[0], ...change }, ...list.slice(1)];
    const { input } = report;
    expect(validate(withInput({ rejections: first(input.rejections, { cells: ['x'] }) }))).toBe(false);
    expect(validate(withInput({ rejections: first(input.rejections, { code: 'INVALID_AGE' }) }))).toBe(false);
    // A rejection's params are its code's: never a cell beyond what the message shows.
    expect(validate(withInput({ rejections: first(input.rejections, { params: { cells: ['x'] } }) }))).toBe(false);
    expect(validate(withInput({ rejections: first(input.rejections, { code: 'FIELD_COUNT' }) }))).toBe(false);
    expect(validate(withInput({ skippedFiles: first(input.skippedFiles, { params: {} }) }))).toBe(false);
    expect(validate(withInput({ notices: first(input.notices, { params: { file: 'a' } }) }))).toBe(false);
    expect(validate(withInput({ skippedFiles: first(input.skippedFiles, { code: 'TOO_BIG' }) }))).toBe(false);
    expect(validate(withInput({ notices: first(input.notices, { code: 'SOMETHING' }) }))).toBe(false);
    expect(validate(withInput({ notices: first(input.notices, { examples: Array(6).fill({ file: 'a', line: 2 }) }) }))).toBe(false);
    expect(validate(withInput({ unknownLabels: first(input.unknownLabels, { effect: 'rejected' }) }))).toBe(false);
    expect(validate(withInput({ unknownLabels: first(input.unknownLabels, { column: 'age' }) }))).toBe(false);
    expect(validate(withInput({ idScope: 'person' }))).toBe(false);
    expect(validate(withInput({ files: first(input.files, { sheet: 'Ark1' }) }))).toBe(false);
    expect(validate(withInput({ files: first(input.files, { format: 'xlsx' }) }))).toBe(false);
    expect(validate(withInput({ files: first(input.files, { headerLine: 0 }) }))).toBe(false);
    expect(validate(withInput({ files: first(input.files, { headerLine: 1 }) }))).toBe(false);
    const { skippedFiles: _, ...withoutSkipped } = input;
    expect(validate({ ...report, input: withoutSkipped })).toBe(false);
  });
});

describe('Table 1', () => {
  it('shows the format in the Encoding column and "–" for a workbook delimiter', () => {
    const cellsOf = (lang: Lang) =>
      sources(lang)
        .rows.slice(0, 3)
        .map((r) => [r[1].text, r[2].text]);
    expect(cellsOf('en')).toEqual([
      ['windows-1252', 'semicolon'],
      ['utf-8, gzip', 'comma'],
      ['xlsx, sheet "Ark1"', '–'],
    ]);
    expect(cellsOf('nb')).toEqual([
      ['windows-1252', 'semikolon'],
      ['utf-8, gzip', 'komma'],
      ['xlsx, ark «Ark1»', '–'],
    ]);
    expect(cellsOf('nn')[2]).toEqual(['xlsx, ark «Ark1»', '–']);
  });

  it('has one English footnote per item, files first, then rows, then offices', () => {
    expect(sources('en').footnotes).toEqual([
      'exports/.DS_Store was not read: hidden (the name starts with a dot).',
      'exports/~$vadsø.xlsx was not read: the lock file of a spreadsheet open in Excel or LibreOffice.',
      'exports/notat.docx was not read: not a CSV, TSV, text, Excel or gzip file.',
      'exports/rejects.csv was not read: a report or rejects file written by hybrid-eval.',
      'exports/tom.csv was not read: not an export (no header row with the required columns).',
      'exports/bodø.csv: lines 1–2 skipped before the header on line 3; line 1 is a sep= line naming the delimiter.',
      'exports/vadsø.xlsx: row 1 skipped before the header in row 2.',
      '2 other worksheets were not read (in exports/vadsø.xlsx); only the first sheet, or the one named with --sheet, is read.',
      '5 of 90 rows were rejected and are not analysed (see Table 1 and `hybrid-eval validate`).',
      '3 rows have gender "X", not a known label (first: exports/vadsø.xlsx row 3); counted as missing.',
      '2 rows have group "Hybrid modell", not a known label (first: exports/bodø.csv line 7); rejected — add it with --mapping.',
      '1 row has outcome "Ukjent", not a known label (first: exports/vadsø.xlsx row 5); rejected — add it with --mapping.',
      '1 row has prior work "kanskje", not a known label (first: exports/vadsø.xlsx row 4); counted as missing.',
      'Age could not be read in 14 rows and is counted as missing (first: exports/bodø.csv lines 5, 9, 12; exports/tromsø.csv.gz lines 4, 8, …).',
      'Start date could not be read in 2 rows and is counted as missing (first: exports/tromsø.csv.gz lines 3, 6).',
      'Office "NAV Bodø" also written "Nav Bodø" (12 rows), "BODØ" (3 rows); counted as one office.',
      'In 4 rows the office name holds unreadable characters (U+FFFD, or mis-decoded letters such as "Ã¸"); the file\'s encoding may be wrong, see --encoding (first: exports/bodø.csv line 6, …).',
      'person_id values repeat across offices: 1,240 ids occur in more than one office; under --id-scope office each (office, person_id) is a different person.',
    ]);
  });

  it('explains --id-scope global when ids were taken as one person across offices', () => {
    const global = buildTables(model({ ...summary, idScope: 'global' }), { lang: 'en' }).tables[0].footnotes;
    expect(global).toContain('1,240 person_id values occur in more than one office; under --id-scope global each person_id is one person across offices.');
  });

  it('says it in Bokmål', () => {
    const notes = sources('nb').footnotes;
    expect(notes).toHaveLength(18);
    for (const text of [
      'exports/.DS_Store ble ikke lest: skjult (navnet begynner med punktum).',
      'exports/bodø.csv: linje 1–2 er hoppet over før kolonneoverskriftene på linje 3; linje 1 er en sep=-linje som angir skilletegnet.',
      'exports/vadsø.xlsx: rad 1 er hoppet over før kolonneoverskriftene i rad 2.',
      '2 rader har gruppe «Hybrid modell», som ikke er en kjent verdi (første: exports/bodø.csv linje 7); avvist – legg den til med --mapping.',
      '3 rader har kjønn «X», som ikke er en kjent verdi (første: exports/vadsø.xlsx rad 3); regnet som manglende.',
      'Alder kunne ikke leses i 14 rader og er regnet som manglende (første: exports/bodø.csv linje 5, 9, 12; exports/tromsø.csv.gz linje 4, 8, …).',
      'Kontoret «NAV Bodø» er også skrevet «Nav Bodø» (12 rader), «BODØ» (3 rader); regnet som ett kontor.',
      'De samme person_id-verdiene går igjen på flere kontor: 1\u2009240 id-er finnes på mer enn ett kontor; med --id-scope office er hvert par (kontor, person_id) en egen person.',
    ]) {
      expect(notes).toContain(text);
    }
  });

  it('says it in Nynorsk, with no footnote left in Bokmål', () => {
    const notes = sources('nn').footnotes;
    expect(notes).toHaveLength(18);
    for (const text of [
      'exports/tom.csv vart ikkje lesen: ikkje ei eksportfil (inga overskriftsrad med dei påkravde kolonnane).',
      'exports/bodø.csv: linje 1–2 er hoppa over før kolonneoverskriftene på linje 3; linje 1 er ei sep=-linje som gjev skiljeteiknet.',
      '2 andre rekneark vart ikkje lesne (i exports/vadsø.xlsx); berre det første arket, eller det som er valt med --sheet, blir lese.',
      '2 rader har gruppe «Hybrid modell», som ikkje er ein kjend verdi (første: exports/bodø.csv linje 7); avvist – legg han til med --mapping.',
      '1 rad har tidlegare arbeid «kanskje», som ikkje er ein kjend verdi (første: exports/vadsø.xlsx rad 4); rekna som manglande.',
      'Alder kunne ikkje lesast i 14 rader og er rekna som manglande (første: exports/bodø.csv linje 5, 9, 12; exports/tromsø.csv.gz linje 4, 8, …).',
      'Kontoret «NAV Bodø» er òg skrive «Nav Bodø» (12 rader), «BODØ» (3 rader); rekna som eitt kontor.',
      'Dei same person_id-verdiane går igjen på fleire kontor: 1\u2009240 id-ar finst på meir enn eitt kontor; med --id-scope office er kvart par (kontor, person_id) ein eigen person.',
    ]) {
      expect(notes).toContain(text);
    }
    const bokmal = new Set(sources('nb').footnotes);
    expect(notes.filter((n) => bokmal.has(n))).toEqual([]);
  });

  it('has no footnote of its own for a plain run', () => {
    const plain: IngestSummary = {
      ...summary,
      files: [{ ...summary.files[1], compression: null }],
      skippedFiles: [],
      rejections: [],
      notices: [],
      unknownLabels: [],
      officeSpellings: [],
      rowsRead: 30,
      rowsAccepted: 30,
      rowsRejected: 0,
      duplicateRows: 0,
    };
    const table = buildTables(model(plain), { lang: 'en' }).tables[0];
    expect(table.footnotes).toEqual([]);
    expect(table.rows[0][1].text).toBe('utf-8');
  });

  it('reaches the text, Markdown and HTML reports', () => {
    const m = model(summary);
    for (const lang of ['en', 'nb', 'nn'] as const) {
      const doc = buildTables(m, { lang });
      const text = renderText(m, doc, { lang, colourLevel: 0 });
      for (const line of text.split('\n')) expect([...line].length).toBeLessThanOrEqual(TEXT_WIDTH);
      expect(text).toContain(lang === 'en' ? 'exports/tom.csv was not read' : 'exports/tom.csv');
      expect(renderMarkdown(m, doc, { lang })).toContain(lang === 'en' ? 'Office "NAV Bodø" also written' : 'Kontoret «NAV Bodø»');
      expect(renderHtml(m, doc, { lang })).toContain('exports/.DS_Store');
    }
  });
});
