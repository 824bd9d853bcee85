import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it, vi } from 'vitest';
import { formatNumber } from '../../src/report/format.js';
import type { Lang } from '../../src/report/i18n.js';
import type { ReportModel } from '../../src/report/model.js';
import { renderXlsx } from '../../src/report/render/xlsx.js';
import { buildTables, type ReportDocument, type ReportTable, type TableCell } from '../../src/report/tables.js';
import { needs, norwegianLibreOffice, python, soffice } from '../helpers/debianTools.js';
import { runCli } from '../helpers/runCli.js';
import { tempDir } from '../helpers/tempDir.js';

// The workbook is read back by independent programs: openpyxl (Debian's python3-openpyxl,
// through xlsxDump.py beside this file) for what each cell holds, and LibreOffice Calc
// (Debian's libreoffice-calc-nogui) for what a reader sees. Without them here the tests
// are skipped with a note; in CI (CI=true) they fail, since .ci/run installs both.

const root = fileURLToPath(new URL('../..', import.meta.url));
const LANGS: Lang[] = ['en', 'nb', 'nn'];

interface DumpedCell {
  row: number;
  column: number;
  /** Numbers come as Python's repr, which reads back to the same double. */
  value: string | number | boolean | { repr: string };
  /** openpyxl's data_type: n number, s text, f formula, b boolean, d date. */
  type: string;
  format: string;
  bold: boolean;
}

interface DumpedSheet {
  name: string;
  freeze: string | null;
  cells: DumpedCell[];
}

function readWorkbook(file: string): DumpedSheet[] {
  const run = spawnSync(python!, [join(root, 'tests/report/xlsxDump.py'), file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  expect(run.status, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as { sheets: DumpedSheet[] }).sheets;
}

const numberOf = (cell: DumpedCell) => Number((cell.value as { repr: string }).repr);

/** What the sheet should hold in one cell of a table's data rows. */
type Expected = { kind: 'number'; value: number; statistic: string | null; text: string } | { kind: 'text'; text: string } | { kind: 'empty' };

/**
 * The sheet's data rows as the report's cells say, written out independently of the
 * renderer: a report column holding up to k statistics in a cell becomes k columns;
 * a hidden cell (":") shows ":" in each, a missing statistic ":" when the report shows
 * it hidden in the text and "–" otherwise; a cell without statistics keeps its text.
 */
function expectedRows(table: ReportTable): { width: number; rows: Expected[][] } {
  const slots = table.head.map((_, j) => Math.max(1, ...table.rows.map((row) => row[j]?.values?.length ?? 0)));
  const rows = table.rows.map((row) =>
    slots.flatMap((count, j) =>
      Array.from({ length: count }, (_, k): Expected => {
        const cell: TableCell | undefined = row[j];
        if (cell === undefined) return { kind: 'empty' };
        if (cell.values === undefined) return k === 0 && cell.text !== '' ? { kind: 'text', text: cell.text } : { kind: 'empty' };
        if (k >= cell.values.length) return { kind: 'empty' };
        const [statistic, value] = cell.values[k];
        if (cell.text === ':') return { kind: 'text', text: ':' };
        if (value === null) return { kind: 'text', text: /(^|[\s(]):([\s)]|$)/.test(cell.text) ? ':' : '–' };
        return { kind: 'number', value, statistic, text: cell.text };
      }),
    ),
  );
  return { width: slots.reduce((a, b) => a + b, 0), rows };
}

/** A number as the sheet's number format shows it, in the report's language. */
function shown(value: number, format: string, lang: Lang): string {
  if (format.startsWith('[<0.001]') && value < 0.001) return `< ${formatNumber(0.001, 3, lang)}`;
  const decimals = /\.(0+)$/.exec(format)?.[1].length ?? 0;
  return formatNumber(value, decimals, lang);
}

const PERCENTAGES = new Set(['percent', 'differencePp', 'mddPp']);
const COUNTS = new Set(['count', 'n', 'atRisk']);

/** Checks a whole workbook against the document it was rendered from. */
function checkWorkbook(sheets: DumpedSheet[], doc: ReportDocument, model: ReportModel): void {
  const lang = doc.lang;
  const w = doc.words;
  expect(sheets.map((s) => s.name)).toEqual([...doc.tables.map((t) => `${w.table} ${t.number}`), w.notes]);
  for (const sheet of sheets) for (const cell of sheet.cells) expect(cell.type, `${sheet.name} ${cell.row}:${cell.column} is a formula`).not.toBe('f');
  for (const table of doc.tables) {
    const sheet = sheets.find((s) => s.name === `${w.table} ${table.number}`)!;
    const at = new Map(sheet.cells.map((c) => [`${c.row}:${c.column}`, c]));
    const where = (row: number, column: number) => `${sheet.name} (${lang}) row ${row} column ${column}`;
    // Title (row 1) and head (row 2) stay in view: frozen above A3, in bold.
    expect(sheet.freeze, sheet.name).toBe('A3');
    expect(at.get('1:1')?.value).toContain(`${w.table} ${table.number}. ${table.title}`);
    expect(at.get('1:1')?.bold).toBe(true);
    const { width, rows: expected } = expectedRows(table);
    const head = sheet.cells.filter((c) => c.row === 2);
    expect(head.map((c) => c.column)).toEqual(Array.from({ length: width }, (_, j) => j + 1));
    for (const c of head) expect(c.bold && c.type === 's', where(2, c.column)).toBe(true);
    expected.forEach((row, i) => {
      row.forEach((want, j) => {
        const got = at.get(`${i + 3}:${j + 1}`);
        const place = where(i + 3, j + 1);
        if (want.kind === 'empty') {
          expect(got, place).toBeUndefined();
          return;
        }
        expect(got, place).toBeDefined();
        if (want.kind === 'text') {
          if (got!.type === 'n') {
            // A number the report shows without a statistic (Table 2's 100.0 % base): shown as the report shows it.
            expect(shown(numberOf(got!), got!.format, lang), place).toBe(want.text);
            return;
          }
          expect(got!.type, place).toBe('s');
          expect(got!.value, place).toBe(want.text);
          return;
        }
        // A statistic: a number cell holding the report's double exactly, shown as the report shows it.
        expect(got!.type, place).toBe('n');
        expect(Object.is(numberOf(got!), want.value), `${place}: ${numberOf(got!)} is not ${want.value}`).toBe(true);
        // (A value the report leaves out, such as the one limit of a half-open interval, has nothing to compare with.)
        if (/\d/.test(want.text)) expect(want.text, `${place}: format ${got!.format}`).toContain(shown(want.value, got!.format, lang));
        else expect(got!.format, place).toMatch(/^(0\.0{1,3}|#,##0)$/);
        if (PERCENTAGES.has(want.statistic!)) expect(got!.format, place).toBe('0.0');
        if (COUNTS.has(want.statistic!)) expect(got!.format, place).toBe('#,##0');
        if (want.statistic === 'pValue') expect(got!.format, place).toBe(`[<0.001]"< ${formatNumber(0.001, 3, lang)}";0.000`);
      });
    });
    // Nothing else in the data rows; then the footnotes, one per row after a blank one.
    const dataEnd = table.rows.length + 2;
    for (const c of sheet.cells.filter((c) => c.row > 2 && c.row <= dataEnd)) expect(c.column, where(c.row, c.column)).toBeLessThanOrEqual(width);
    const below = sheet.cells.filter((c) => c.row > dataEnd);
    expect(below.map((c) => [c.row, c.column, c.type, c.value])).toEqual(table.footnotes.map((f, k) => [dataEnd + 2 + k, 1, 's', f]));
  }
  // The notes sheet: summary, notes, warnings and rejected rows, as the other formats list them.
  const notes = sheets.find((s) => s.name === w.notes)!;
  const texts = notes.cells.filter((c) => c.type === 's').map((c) => c.value);
  expect(texts).toContain(doc.summary);
  for (const note of doc.notes) expect(texts).toContain(note);
  if (doc.banner !== null) expect(texts).toContain(doc.banner);
  if (doc.warnings.length > 0) expect(texts).toContain(w.warnings);
  for (const warning of doc.warnings) expect(texts).toContain(warning);
  const lines = notes.cells.filter((c) => c.type === 'n').map(numberOf);
  expect(lines).toEqual(model.input.rejections.map((r) => r.line));
}

const PILOTS = ['tests/fixtures/pipeline/tiny', 'tests/fixtures/pipeline/time-edges'];

describe.runIf(needs('xlsx.test.ts', { 'python3-openpyxl': python }))('xlsx read back by openpyxl', () => {
  const cases = PILOTS.flatMap((pilot) => [true, false].map((suppress) => ({ pilot, suppress })));
  it.each(cases.map((c, i) => ({ ...c, cliLang: LANGS[i % 3] })))(
    '$pilot, suppress $suppress: every statistic is its own number cell, equal to the JSON report’s, in en, nb and nn',
    async ({ pilot, suppress, cliLang }) => {
      expect(python, 'python3-openpyxl (Debian), installed by .ci/run').toBeDefined();
      const flags = suppress ? [] : ['--no-suppress'];
      const json = await runCli(['report', pilot, '--format', 'json', ...flags]);
      expect(json.code).toBe(0);
      const model = JSON.parse(json.stdout) as ReportModel;
      expect(model.disclosureControl.applied).toBe(suppress);
      const dir = tempDir('xlsx');
      // The CLI's workbook is the one rendered here from the JSON report of the same run.
      const file = join(dir, 'cli.xlsx');
      const run = await runCli(['report', pilot, '--format', 'xlsx', '--lang', cliLang, '--out', file, ...flags]);
      expect(run.code).toBe(0);
      for (const lang of LANGS) {
        const doc = buildTables(model, { lang });
        const bytes = await renderXlsx(model, doc, { lang, colourLevel: 0 });
        if (lang === cliLang) expect(Buffer.from(bytes).equals(readFileSync(file))).toBe(true);
        const path = join(dir, `${lang}.xlsx`);
        writeFileSync(path, bytes);
        checkWorkbook(readWorkbook(path), doc, model);
      }
    },
    120_000,
  );

  it('writes office names and rejected rows from the input as text, never as formulas', async () => {
    expect(python, 'python3-openpyxl (Debian), installed by .ci/run').toBeDefined();
    const dir = tempDir('xlsx-injection');
    const names = ['=HYPERLINK("http://x","y")', '@SUM(1+1)', '+47 office', '-1+2'];
    const rows = ['person_id,office,group,outcome'];
    for (let i = 0; i < 80; i++) rows.push(`P${i},"${names[i % 4].replace(/"/g, '""')}",${i % 4 === 0 ? 'hybrid' : 'usual'},${i % 3 === 0 ? 'job' : 'none'}`);
    rows.push('P998,"=1+1",bogus,job', ',NAV X,hybrid,job');
    writeFileSync(join(dir, 'x.csv'), `${rows.join('\n')}\n`);
    // Written outside the input folder, which a later run reads.
    const file = join(tempDir('xlsx-out'), 'report.xlsx');
    const run = await runCli(['report', dir, '--format', 'xlsx', '--no-suppress', '--max-rejected', '50', '--out', file]);
    expect(run.code).toBe(0);
    const json = await runCli(['report', dir, '--format', 'json', '--no-suppress', '--max-rejected', '50']);
    const model = JSON.parse(json.stdout) as ReportModel;
    expect(model.input.rejections.length).toBe(2);
    const sheets = readWorkbook(file);
    checkWorkbook(sheets, buildTables(model, { lang: 'en' }), model);
    const offices = sheets.find((s) => s.name === 'Table 4')!.cells.filter((c) => c.column === 1 && c.row > 2);
    for (const name of names) expect(offices.find((c) => c.value === name)?.type, name).toBe('s');
    const notes = sheets.find((s) => s.name === 'Notes')!;
    const row = (line: number) => {
      const r = notes.cells.find((c) => c.type === 'n' && numberOf(c) === line)!.row;
      return notes.cells.filter((c) => c.row === r).map((c) => c.value);
    };
    expect(row(82)).toEqual([join(dir, 'x.csv'), { repr: '82' }, 'group', 'UNKNOWN_GROUP', expect.stringContaining('"bogus"')]);
    expect(row(83).slice(2, 4)).toEqual(['person_id', 'REQUIRED_EMPTY']);
    // No formula element anywhere in the archive.
    const check = spawnSync(
      python!,
      ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(sum(b"<f>" in z.read(n) or b"<f " in z.read(n) for n in z.namelist()))', file],
      { encoding: 'utf8' },
    );
    expect(check.stdout.trim()).toBe('0');
  }, 120_000);
});

describe('xlsx bytes', () => {
  it('are the same for the same input, whenever and in whichever process they are written', async () => {
    const json = await runCli(['report', 'tests/fixtures/pipeline/tiny', '--format', 'json']);
    const model = JSON.parse(json.stdout) as ReportModel;
    const doc = buildTables(model, { lang: 'nb' });
    const at = async (time: string) => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date(time));
      try {
        return Buffer.from(await renderXlsx(model, doc, { lang: 'nb', colourLevel: 0 }));
      } finally {
        vi.useRealTimers();
      }
    };
    const first = await at('2024-03-01T10:00:00Z');
    const later = await at('2031-11-17T23:59:58Z');
    expect(first.equals(later)).toBe(true);
    // The installed command, in a process of its own: the same bytes.
    const dir = tempDir('xlsx-bytes');
    const file = join(dir, 'report.xlsx');
    const launched = spawnSync(
      process.execPath,
      [join(root, 'bin/hybrid-eval.cjs'), 'report', 'tests/fixtures/pipeline/tiny', '--format', 'xlsx', '--lang', 'nb', '--out', file],
      {
        cwd: root,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', TZ: 'Europe/Oslo' },
      },
    );
    expect(launched.status, launched.stderr).toBe(0);
    const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
    expect(sha(readFileSync(file))).toBe(sha(first));
  }, 120_000);

  it('are not written to a terminal: --out is asked for', async () => {
    const terminal = await runCliWithTty(['report', 'tests/fixtures/pipeline/tiny', '--format', 'xlsx']);
    expect(terminal.code).toBe(2);
    expect(terminal.stderr).toContain('--out report.xlsx');
  });

  it('load write-excel-file only for --format xlsx', () => {
    const dir = tempDir('xlsx-load');
    const hook = join(dir, 'hook.cjs');
    // Lists every module the launcher requires, on stderr.
    writeFileSync(
      hook,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the hook is code written to a file, template literal and all.
      "const M = require('node:module'); const load = M._load; M._load = function (request, ...rest) { process.stderr.write(`load ${request}\\n`); return load.call(this, request, ...rest); };\n",
    );
    const launch = (args: string[]) =>
      spawnSync(process.execPath, ['--require', hook, join(root, 'bin/hybrid-eval.cjs'), ...args], {
        cwd: root,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
      });
    const help = launch(['--help']);
    expect(help.status).toBe(0);
    expect(help.stderr).not.toMatch(/xlsx\.cjs/);
    const report = launch(['report', '--help']);
    expect(report.stderr).not.toMatch(/xlsx\.cjs/);
    const xlsx = launch(['report', 'tests/fixtures/pipeline/tiny', '--format', 'xlsx', '--out', join(dir, 'r.xlsx')]);
    expect(xlsx.status, xlsx.stderr).toBe(0);
    expect(xlsx.stderr).toMatch(/load \.\/xlsx\.cjs/);
  });
});

/** The CLI in-process with stdout a terminal. */
async function runCliWithTty(argv: string[]) {
  const { main } = await import('../../src/cli/main.js');
  let stderr = '';
  const code = await main(argv, {
    stdout: () => {},
    stderr: (t) => {
      stderr += String(t);
    },
    stdoutIsTTY: true,
    stderrIsTTY: false,
    env: { NO_COLOR: '1', TZ: 'UTC' },
    cwd: process.cwd(),
  });
  return { code, stderr };
}

describe.runIf(needs('xlsx.test.ts', { 'libreoffice-calc-nogui': soffice }))('xlsx opened in LibreOffice Calc', () => {
  it('shows every number as the Norwegian report writes it, on a Norwegian machine', async () => {
    expect(soffice, 'libreoffice-calc-nogui (Debian), installed by .ci/run').toBeDefined();
    const pilot = 'data-samples';
    const dir = tempDir('xlsx-lo');
    const file = join(dir, 'report.xlsx');
    const run = await runCli(['report', pilot, '--format', 'xlsx', '--lang', 'nb', '--out', file]);
    expect(run.code).toBe(0);
    const model = JSON.parse((await runCli(['report', pilot, '--format', 'json'])).stdout) as ReportModel;
    const doc = buildTables(model, { lang: 'nb' });
    // Every sheet to its own CSV of the cells as shown (filter options: LibreOffice's CSV filter, token 9 "as shown", token 12 -1 "all sheets").
    const converted = spawnSync(
      soffice!,
      [
        norwegianLibreOffice(),
        '--headless',
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1',
        '--outdir',
        dir,
        file,
      ],
      { encoding: 'utf8', timeout: 180_000 },
    );
    expect(converted.status, converted.stderr).toBe(0);
    const normal = (text: string) => text.replace(/[\u00a0\u2009\u202f]/g, ' ').replace(/\u2212/g, '-');
    const numbers = (text: string) => normal(text).match(/(?:< )?-?\d{1,3}(?: \d{3})+(?:,\d+)?|(?:< )?-?\d+(?:,\d+)?/g) ?? [];
    let compared = 0;
    for (const table of doc.tables) {
      const csv = parse(readFileSync(join(dir, `report-Tabell ${table.number}.csv`), 'utf8'), { relaxColumnCount: true }) as string[][];
      expect(csv[0][0]).toBe(`Tabell ${table.number}. ${table.title}`);
      const slots = table.head.map((_, j) => Math.max(1, ...table.rows.map((row) => row[j]?.values?.length ?? 0)));
      table.rows.forEach((row, i) => {
        const line = csv[i + 2];
        let column = 0;
        row.forEach((cell, j) => {
          const seen = line.slice(column, column + slots[j]).map(normal);
          column += slots[j];
          const place = `Tabell ${table.number} row ${i + 1} column ${j + 1}: ${JSON.stringify(cell.text)} shown as ${JSON.stringify(seen)}`;
          if (cell.values === undefined) {
            expect(seen[0], place).toBe(normal(cell.text));
            return;
          }
          // The numbers LibreOffice shows are the report's, in order (a hidden or undefined value shows its mark).
          const shownNumbers = seen.filter((s) => s !== '' && s !== ':' && s !== '–');
          expect(shownNumbers, place).toEqual(numbers(cell.text).slice(0, shownNumbers.length));
          if (cell.text === ':') expect(seen.slice(0, cell.values.length), place).toEqual(cell.values.map(() => ':'));
          compared += shownNumbers.length;
        });
      });
    }
    // Decimal commas and spaces between thousands, as in the report.
    expect(compared).toBeGreaterThan(300);
    const table2 = readFileSync(join(dir, 'report-Tabell 2.csv'), 'utf8');
    expect(normal(table2)).toMatch(/,"\d+,\d",/);
    expect(normal(table2)).toMatch(/,\d \d{3},/);
  }, 240_000);
});
