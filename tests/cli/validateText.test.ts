import { describe, expect, it } from 'vitest';
import type { IngestSummary } from '../../src/ingest/types.js';
import { validationText } from '../../src/cli/validateRun.js';
import { inputBlock } from '../../src/report/inputBlock.js';

const a = 'exports/a.csv';
const b = 'exports/b.csv.gz';
const c = 'exports/c.xlsx';

/** Every kind of accounting ingest reports, built by hand in ingest's order (src/ingest/run.ts). */
const summary: IngestSummary = {
  files: [
    {
      path: a,
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
      path: b,
      format: 'csv',
      compression: 'gzip',
      sheet: null,
      encoding: 'utf-8',
      delimiter: '\t',
      headerLine: 2,
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
      path: c,
      format: 'xlsx',
      compression: null,
      sheet: 'Ark1',
      encoding: 'utf-8',
      delimiter: '',
      headerLine: 1,
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
    { path: 'exports/~$c.xlsx', code: 'LOCK_FILE', params: {}, message: 'lock file of an open workbook' },
    { path: 'exports/notat.docx', code: 'NOT_A_DATA_FILE', params: { extension: '.docx' }, message: 'not a CSV, TSV, text, Excel or gzip file (.docx)' },
    { path: 'exports/report.csv', code: 'OWN_OUTPUT', params: { writtenBy: 'earlierRun' }, message: 'a report or rejects file written by hybrid-eval' },
    { path: 'exports/les-meg.txt', code: 'NO_HEADER', params: { lines: 20 }, message: 'no header row with person_id, office and group' },
  ],
  rejections: [
    {
      file: a,
      line: 42,
      field: null,
      code: 'TOTAL_ROW',
      params: {},
      message: 'a total row ("Sum")',
      cells: ['SECRET', null, null, null, null, null, null, null, null, null],
      group: null,
    },
    {
      file: a,
      line: 7,
      field: 'group',
      code: 'UNKNOWN_GROUP',
      params: { column: { header: 'Modell', position: 3, beyondHeader: false }, label: 'Hybrid modell' },
      message: 'unknown group "Hybrid modell"',
      cells: [],
      group: null,
    },
    {
      file: a,
      line: 9,
      field: 'group',
      code: 'UNKNOWN_GROUP',
      params: { column: { header: 'Modell', position: 3, beyondHeader: false }, label: 'Hybrid modell' },
      message: 'unknown group "Hybrid modell"',
      cells: [],
      group: null,
    },
    {
      file: c,
      line: 5,
      field: 'outcome',
      code: 'UNKNOWN_OUTCOME',
      params: { column: { header: 'Resultat', position: 4, beyondHeader: false }, label: 'Ukjent' },
      message: 'unknown outcome "Ukjent"',
      cells: [],
      group: 'usual',
    },
    {
      file: c,
      line: 8,
      field: 'person_id',
      code: 'REQUIRED_EMPTY',
      params: { column: { header: 'Løpenummer', position: 1, beyondHeader: false }, field: 'person_id', value: '' },
      message: 'person_id is empty',
      cells: [],
      group: 'hybrid',
    },
  ],
  notices: [
    {
      code: 'LINES_BEFORE_HEADER',
      params: { file: a, headerLine: 3, sepLine: true },
      column: null,
      count: 1,
      examples: [{ file: a, line: 1 }],
      message: 'exports/a.csv: lines 1–2 skipped before the header on line 3 (the sep= line and title rows)',
    },
    {
      code: 'LINES_BEFORE_HEADER',
      params: { file: b, headerLine: 2, sepLine: false },
      column: null,
      count: 1,
      examples: [{ file: b, line: 1 }],
      message: 'exports/b.csv.gz: line 1 skipped before the header on line 2 (title rows or notes)',
    },
    {
      code: 'SHEETS_IGNORED',
      params: { file: c, sheet: 'Ark1', ignored: ['Ark2', 'Ark3'] },
      column: null,
      count: 2,
      examples: [{ file: c, line: 1 }],
      message: 'exports/c.xlsx: only sheet "Ark1" was read; ignored: "Ark2", "Ark3" (choose one with --sheet)',
    },
    {
      code: 'OFFICE_SPELLINGS_MERGED',
      params: {
        office: 'NAV Bodø',
        spellings: [
          { spelling: 'Nav Bodø', rows: 12 },
          { spelling: 'BODØ', rows: 1 },
        ],
      },
      column: 'office',
      count: 34,
      examples: [],
      message: 'office "NAV Bodø" is also written "Nav Bodø" (12 rows), "BODØ" (1 rows); merged',
    },
    {
      code: 'OFFICE_NAME_ENCODING',
      params: { spelling: 'NAV BodÃ¸', damage: 'mojibake', resolution: 'repaired', into: '' },
      column: 'office',
      count: 4,
      examples: [{ file: a, line: 6 }],
      message: 'office name holds "Ã¸"; check --encoding',
    },
    {
      code: 'ID_IN_SEVERAL_OFFICES',
      params: {},
      column: 'person_id',
      count: 1240,
      examples: [{ file: b, line: 3 }],
      message: '1240 person_id values occur in more than one office',
    },
    {
      code: 'INVALID_AGE',
      params: {},
      column: 'age',
      count: 14,
      examples: [
        { file: a, line: 5 },
        { file: a, line: 9 },
        { file: b, line: 4 },
      ],
      message: 'age is not a whole number from 15 to 80; counted as missing',
    },
    { code: 'UNKNOWN_GENDER', params: {}, column: 'gender', count: 3, examples: [{ file: c, line: 3 }], message: 'unknown gender label; counted as missing' },
    {
      code: 'UNKNOWN_PRIOR_WORK',
      params: {},
      column: 'prior_work',
      count: 1,
      examples: [{ file: c, line: 4 }],
      message: 'unknown prior_work label; counted as missing',
    },
    {
      code: 'INVALID_DATE',
      params: {},
      column: 'start_date',
      count: 2,
      examples: [
        { file: b, line: 3 },
        { file: b, line: 6 },
      ],
      message: 'not a date; counted as missing',
    },
  ],
  unknownLabels: [
    { column: 'gender', label: 'X', count: 3, first: { file: c, line: 3 }, effect: 'missing' },
    { column: 'group', label: 'Hybrid modell', count: 2, first: { file: a, line: 7 }, effect: 'rejected' },
    { column: 'group', label: 'Pilot', count: 1, first: { file: c, line: 6 }, effect: 'rejected' },
    { column: 'outcome', label: 'Ukjent', count: 1, first: { file: c, line: 5 }, effect: 'rejected' },
    { column: 'prior_work', label: 'kanskje', count: 1, first: { file: c, line: 4 }, effect: 'missing' },
  ],
  officeSpellings: [
    {
      name: 'NAV Bodø',
      spellings: [
        { spelling: 'NAV Bodø', rows: 21 },
        { spelling: 'Nav Bodø', rows: 12 },
        { spelling: 'BODØ', rows: 1 },
      ],
    },
  ],
  idScope: 'office',
  rowsRead: 90,
  rowsAccepted: 84,
  rowsRejected: 5,
  duplicateRows: 1,
  rowsByGroup: { hybrid: { read: 30, rejected: 1 }, usual: { read: 59, rejected: 2 }, unknown: 2 },
  columnsPresent: { counsellorId: false, age: true, gender: true, priorWork: true },
  allowedColumns: ['kommentar'],
};

describe('validate, text', () => {
  it('prints every file detail and every kind of accounting, in a fixed order', () => {
    expect(validationText(inputBlock(summary))).toBe(
      [
        'exports/a.csv',
        '  csv, encoding windows-1252, delimiter semicolon, header language nb',
        '  header on line 3 (lines 1–2 skipped before it; line 1 is a sep= line)',
        '  columns: Løpenr → person_id, Kontor → office, Gruppe → group, Utfall → outcome, Kommentar (ignored)',
        '  rows read 40, accepted 36, rejected 3, duplicates collapsed 1',
        'exports/b.csv.gz',
        '  csv (gzip), encoding utf-8, delimiter tab, header language en',
        '  header on line 2 (line 1 skipped before it)',
        '  columns: person_id, office, group, outcome',
        '  rows read 30, accepted 30, rejected 0, duplicates collapsed 0',
        'exports/c.xlsx',
        '  xlsx, sheet "Ark1", header language nn',
        '  header on row 1',
        '  columns: Løpenummer → person_id, Eining → office, Modell → group, Resultat → outcome',
        '  rows read 20, accepted 18, rejected 2, duplicates collapsed 0',
        '',
        'Total: rows read 90 = accepted 84 + rejected 5 + duplicates 1',
        'Person identity: office + person_id (--id-scope office); the same person_id in two offices is two persons.',
        'Columns declared safe from the personal-data scan (--allow-column): kommentar',
        '',
        'Files not read (5):',
        '  exports/.DS_Store: hidden file [HIDDEN]',
        '  exports/~$c.xlsx: lock file of an open workbook [LOCK_FILE]',
        '  exports/notat.docx: not a CSV, TSV, text, Excel or gzip file (.docx) [NOT_A_DATA_FILE]',
        '  exports/report.csv: a report or rejects file written by hybrid-eval [OWN_OUTPUT]',
        '  exports/les-meg.txt: no header row with person_id, office and group [NO_HEADER]',
        '',
        'Office spellings merged (1):',
        '  "NAV Bodø" (21 rows) also written "Nav Bodø" (12 rows), "BODØ" (1 row)',
        '',
        'Notices (10):',
        '  LINES_BEFORE_HEADER: exports/a.csv: lines 1–2 skipped before the header on line 3 (the sep= line and title rows)',
        '  LINES_BEFORE_HEADER: exports/b.csv.gz: line 1 skipped before the header on line 2 (title rows or notes)',
        '  SHEETS_IGNORED: exports/c.xlsx: only sheet "Ark1" was read; ignored: "Ark2", "Ark3" (choose one with --sheet)',
        '  OFFICE_SPELLINGS_MERGED [office]: office "NAV Bodø" is also written "Nav Bodø" (12 rows), "BODØ" (1 rows); merged',
        '  OFFICE_NAME_ENCODING [office]: office name holds "Ã¸"; check --encoding',
        '  ID_IN_SEVERAL_OFFICES [person_id]: 1240 person_id values occur in more than one office',
        '  INVALID_AGE [age]: age is not a whole number from 15 to 80; counted as missing',
        '  UNKNOWN_GENDER [gender]: unknown gender label; counted as missing',
        '  UNKNOWN_PRIOR_WORK [prior_work]: unknown prior_work label; counted as missing',
        '  INVALID_DATE [start_date]: not a date; counted as missing',
        '',
        'Unknown labels (5):',
        '  gender:',
        '    "X": 3 rows, first exports/c.xlsx:3, counted as missing',
        '  group:',
        '    "Hybrid modell": 2 rows, first exports/a.csv:7, rejected (add it with --mapping)',
        '    "Pilot": 1 row, first exports/c.xlsx:6, rejected (add it with --mapping)',
        '  outcome:',
        '    "Ukjent": 1 row, first exports/c.xlsx:5, rejected (add it with --mapping)',
        '  prior_work:',
        '    "kanskje": 1 row, first exports/c.xlsx:4, counted as missing',
        '',
        'Rejected rows (5):',
        '  exports/a.csv:42 TOTAL_ROW: a total row ("Sum")',
        '  exports/a.csv:7 [group] UNKNOWN_GROUP: unknown group "Hybrid modell"',
        '  exports/a.csv:9 [group] UNKNOWN_GROUP: unknown group "Hybrid modell"',
        '  exports/c.xlsx:5 [outcome] UNKNOWN_OUTCOME: unknown outcome "Ukjent"',
        '  exports/c.xlsx:8 [person_id] REQUIRED_EMPTY: person_id is empty',
        '',
      ].join('\n'),
    );
  });

  it('keeps the detection line that dialects.test.ts reads', () => {
    expect(validationText(inputBlock(summary))).toContain('encoding windows-1252, delimiter semicolon, header language nb');
  });

  it('never prints the cells of a rejected row', () => {
    expect(validationText(inputBlock(summary))).not.toContain('SECRET');
  });

  it('says rows for a workbook, and explains --id-scope global', () => {
    const text = validationText(
      inputBlock({ ...summary, idScope: 'global', files: summary.files.map((f) => (f.format === 'xlsx' ? { ...f, headerLine: 3 } : f)) }),
    );
    expect(text).toContain('exports/c.xlsx\n  xlsx, sheet "Ark1", header language nn\n  header on row 3 (rows 1–2 skipped before it)\n');
    expect(text).toContain('\nPerson identity: person_id alone, across offices (--id-scope global).\n');
  });

  it('prints no empty section', () => {
    const plain: IngestSummary = {
      ...summary,
      files: [{ ...summary.files[1], compression: null, headerLine: 1 }],
      skippedFiles: [],
      rejections: [],
      notices: [],
      unknownLabels: [],
      officeSpellings: [],
      allowedColumns: [],
      rowsRead: 30,
      rowsAccepted: 30,
      rowsRejected: 0,
      duplicateRows: 0,
    };
    expect(validationText(inputBlock(plain))).toBe(
      [
        'exports/b.csv.gz',
        '  csv, encoding utf-8, delimiter tab, header language en',
        '  header on line 1',
        '  columns: person_id, office, group, outcome',
        '  rows read 30, accepted 30, rejected 0, duplicates collapsed 0',
        '',
        'Total: rows read 30 = accepted 30 + rejected 0 + duplicates 0',
        'Person identity: office + person_id (--id-scope office); the same person_id in two offices is two persons.',
        '',
      ].join('\n'),
    );
  });
});
