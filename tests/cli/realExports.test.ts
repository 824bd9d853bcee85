import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import writeXlsxFile, { type SheetData } from 'write-excel-file/node';
import { expectMatchesReference } from '../helpers/compareToReference.js';
import { withoutGeneratedBy } from '../helpers/generatedBy.js';
import { runCli } from '../helpers/runCli.js';
import { tempDir } from '../helpers/tempDir.js';

// The R-checked `realistic` pilot (tests/fixtures/pipeline/pipeline.R wrote expected.json)
// written the way offices and Excel send it: a folder with subfolders, a workbook, a
// gzip file, `sep=;` and a title row, Windows-1252, trailing `;;;`, a Sum row, users
// numbered 1..N in every office, office names spelt four ways, Excel serial dates,
// ages as `23.0`, "not registered" as `#N/A`. A correct reader accepts exactly the
// pilot's persons, so every number must still equal R's.
const pilot = 'tests/fixtures/pipeline/realistic';
const NB_HEADER = ['løpenummer', 'kontor', 'veileder', 'gruppe', 'utfall', 'alder', 'kjønn', 'tidligere arbeid', 'startdato', 'sluttdato'];

type Row = Record<string, string>;

function readPilot(): Map<string, Row[]> {
  const offices = new Map<string, Row[]>();
  for (const name of readdirSync(pilot)
    .filter((f) => f.endsWith('.csv'))
    .sort()) {
    const [header, ...lines] = readFileSync(join(pilot, name), 'utf8').trim().split('\n');
    const keys = header.split(',');
    offices.set(
      name.replace('.csv', ''),
      lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [keys[i], v]))),
    );
  }
  return offices;
}

/** Excel's serial number of an ISO date (1900 system, after 1900-03-01). */
function serial(iso: string): number {
  return Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000);
}

const NB_GROUP: Record<string, string> = { hybrid: 'Hybridmodell', usual: 'Som vanlig' };
const NB_OUTCOME: Record<string, string> = { job: 'Jobb', apprenticeship: 'Læreplass', education: 'Utdanning', none: 'Ingen', '': '#N/A' };

/** One office's rows as Norwegian Excel writes them; persons numbered 1..N within the office. */
function norwegianCells(rows: Row[], officeSpellings: (i: number) => string): string[][] {
  return rows.map((r, i) => [
    String(i + 1),
    officeSpellings(i),
    r.counsellor_id,
    NB_GROUP[r.group],
    NB_OUTCOME[r.outcome],
    r.age === '' ? '' : i % 3 === 0 ? `${r.age},0` : i % 3 === 1 ? `${r.age} år` : r.age,
    r.gender === '' ? 'Ikke registrert' : r.gender === 'F' ? 'K' : 'M',
    r.prior_work === '' ? '' : r.prior_work === '1' ? 'Ja' : 'Nei',
    r.start_date === '' ? '' : i % 2 === 0 ? String(serial(r.start_date)) : `${r.start_date} 00:00:00`,
    r.end_date === ''
      ? ''
      : r.end_date
          .split('-')
          .reverse()
          .join('.')
          .replace(/\.20(\d\d)$/, '.$1'),
  ]);
}

async function writeOfficeShapes(dir: string): Promise<void> {
  const offices = readPilot();
  const shapes = [...offices.entries()];
  mkdirSync(join(dir, '2023', 'nord'), { recursive: true });
  for (const [k, [file, rows]] of shapes.entries()) {
    const name = rows[0].office;
    const bare = name.replace(/^NAV /, '');
    // The canonical spelling is the most frequent one, so the report prints it.
    const spell = (i: number) => [name, name, name, `Nav ${bare}`, name.toUpperCase(), bare][i % 6];
    const cells = norwegianCells(rows, spell);
    switch (k % 4) {
      case 0: {
        // Excel "CSV (semikolonseparert)": sep= line, a title row, Windows-1252, CRLF, trailing ;;;, a Sum row.
        const lines = ['sep=;', `Uttrekk ${name} 2023;;;;;;;;;;;`, `${NB_HEADER.join(';')};;`, ...cells.map((c) => `${c.join(';')};;`), `Sum;;;;;;;;;;`];
        writeFileSync(join(dir, '2023', `${file}.csv`), Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1'));
        break;
      }
      case 1: {
        // Gzip-compressed UTF-8 comma CSV in a subfolder, trailing empty fields cut off.
        const lines = [
          NB_HEADER.join(','),
          ...cells.map((c) =>
            c
              .map((v) => v.replace(/^(\d+),0$/, '$1.0'))
              .join(',')
              .replace(/,+$/, ''),
          ),
        ];
        writeFileSync(join(dir, '2023', 'nord', `${file}.csv.gz`), gzipSync(`${lines.join('\n')}\n`));
        break;
      }
      case 2: {
        // A workbook: a title row and an empty row above the header, ages as numbers, dates as dates, a second sheet.
        const data: SheetData = [
          [{ value: `Uttrekk ${name}`, type: String }],
          [],
          NB_HEADER.map((h) => ({ value: h, type: String })),
          ...rows.map((r, i) => [
            { value: String(i + 1), type: String },
            { value: spell(i), type: String },
            { value: r.counsellor_id, type: String },
            { value: NB_GROUP[r.group], type: String },
            r.outcome === '' ? null : { value: NB_OUTCOME[r.outcome], type: String },
            r.age === '' ? null : { value: Number(r.age), type: Number },
            r.gender === '' ? null : { value: r.gender === 'F' ? 'Kvinne' : 'Mann', type: String },
            r.prior_work === '' ? null : { value: Number(r.prior_work), type: Number },
            r.start_date === '' ? null : { value: serial(r.start_date), type: Number, format: 'dd.mm.yyyy' },
            r.end_date === '' ? null : { value: serial(r.end_date), type: Number, format: 'yyyy-mm-dd' },
          ]),
        ];
        const sheets = [
          { sheet: 'Ark1', data },
          { sheet: 'Pivot', data: [[{ value: 'Sum', type: String }]] as SheetData },
        ];
        writeFileSync(join(dir, `${file}.xlsx`), await writeXlsxFile(sheets).toBuffer());
        break;
      }
      default: {
        // Tab-separated UTF-8 with BOM, Nynorsk-ish labels, `-` for not registered.
        const lines = [NB_HEADER.join('\t'), ...cells.map((c) => c.map((v) => (v === '#N/A' ? '-' : v)).join('\t'))];
        writeFileSync(join(dir, `${file}.tsv`), `\uFEFF${lines.join('\n')}\n`);
      }
    }
  }
  // What else sits in such a folder.
  writeFileSync(join(dir, 'README.md'), '# Uttrekk\n');
  writeFileSync(join(dir, '~$nav-bodo.xlsx'), 'lock');
  writeFileSync(join(dir, '.DS_Store'), 'x');
}

describe('real office exports: the R-checked pilot as offices send it', () => {
  it('report --format json equals R on the persons a correct reader accepts, and says what it did', async () => {
    const dir = tempDir('real-exports');
    await writeOfficeShapes(dir);
    const run = await runCli(['report', dir, '--format', 'json', '--no-suppress']);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as {
      input: {
        rowsAccepted: number;
        rejections: { code: string }[];
        skippedFiles: { path: string; code: string }[];
        officeSpellings: { name: string }[];
        notices: { code: string; count: number }[];
        files: { format: string; compression: string | null; headerLine: number }[];
      };
    };
    const expected = JSON.parse(readFileSync(join(pilot, 'expected.json'), 'utf8')) as Record<string, unknown>;
    expectMatchesReference(report, withoutGeneratedBy(expected), 1e-6);
    const input = report.input;
    expect(input.rejections.map((r) => r.code)).toEqual(['TOTAL_ROW', 'TOTAL_ROW']);
    expect(input.skippedFiles.map((f) => [f.path.slice(dir.length + 1), f.code])).toEqual([
      ['.DS_Store', 'HIDDEN'],
      ['README.md', 'NOT_A_DATA_FILE'],
      ['~$nav-bodo.xlsx', 'LOCK_FILE'],
    ]);
    expect(input.files.map((f) => f.format)).toEqual(['csv', 'csv', 'csv', 'csv', 'xlsx', 'csv', 'xlsx', 'csv']);
    expect(input.files.filter((f) => f.compression === 'gzip')).toHaveLength(2);
    expect(input.officeSpellings).toHaveLength(8);
    const notices = Object.fromEntries(input.notices.map((n) => [n.code, n.count]));
    expect(notices.ID_IN_SEVERAL_OFFICES).toBeGreaterThan(300);
    expect(notices.SHEETS_IGNORED).toBe(1);
    expect(notices.INVALID_AGE).toBeUndefined();
    expect(notices.INVALID_DATE).toBeUndefined();
    expect(run.stderr).toContain('skipped');
    expect(run.stderr).toContain('README.md');
  });

  it('without --id-scope office, numbered offices collide: --id-scope global rejects them and exits 1', async () => {
    const dir = tempDir('real-exports-global');
    await writeOfficeShapes(dir);
    const run = await runCli(['report', dir, '--format', 'json', '--no-suppress', '--id-scope', 'global']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/--max-rejected 5: rejections remove [\d.]+ % of the (hybrid|as-usual) rows/);
  });
});
