import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import writeXlsxFile, { type SheetData } from 'write-excel-file/node';
import { runCli } from '../helpers/runCli.js';
import { tempDir } from '../helpers/tempDir.js';

const HEADER = 'person_id;office;group;outcome;age;kommentar';

/** n persons of one office, every tenth hybrid. */
function office(name: string, n: number, extra: (i: number) => string = () => ''): string {
  const rows = Array.from(
    { length: n },
    (_, i) => `${i + 1};${name};${i % 10 === 0 ? 'hybrid' : 'usual'};${i % 3 === 0 ? 'job' : 'none'};${20 + (i % 40)};${extra(i)}`,
  );
  return `${[HEADER, ...rows].join('\n')}\n`;
}

function folderWith(files: Record<string, string | Uint8Array>): string {
  const dir = tempDir('shapes');
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

describe('what the tool refuses, and how it says so', () => {
  it('--out or --rejects naming an input is a usage error, and the export is left as it was', async () => {
    const dir = folderWith({ 'a.csv': office('NAV A', 20), 'sub/b.csv': office('NAV B', 20) });
    const before = readFileSync(join(dir, 'sub/b.csv'), 'utf8');
    for (const flag of ['--out', '--rejects']) {
      const run = await runCli(['report', dir, flag, join(dir, 'sub', 'b.csv')]);
      expect(run.code, flag).toBe(2);
      expect(run.stderr).toMatch(/is one of the inputs/);
    }
    const validate = await runCli(['validate', join(dir, 'a.csv'), '--rejects', join(dir, 'a.csv')]);
    expect(validate.code).toBe(2);
    expect(readFileSync(join(dir, 'sub/b.csv'), 'utf8')).toBe(before);
  });

  it('--min-cell below 3 is a usage error unless --no-suppress', async () => {
    const dir = folderWith({ 'a.csv': office('NAV A', 40) });
    for (const n of ['1', '2']) {
      const run = await runCli(['report', dir, '--min-cell', n]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/lowest rule any Norwegian statistics producer uses/);
    }
    const internal = await runCli(['report', dir, '--min-cell', '1', '--no-suppress', '--format', 'json']);
    expect(internal.code).toBe(0);
    expect(JSON.parse(internal.stdout).internal).toBe(true);
  });

  it.each([
    ['a phone number in a comment', 'ring 912 34 567 etter kl 12', /looks like a phone number/],
    ['a +47 phone number', 'tlf +47 91234567', /looks like a phone number/],
    ['an e-mail address', 'kontakt: ola.nordmann@example.no', /looks like an e-mail address/],
  ])('refuses %s, naming the place, never the value', async (_what, comment, kind) => {
    const dir = folderWith({ 'a.csv': office('NAV A', 12, (i) => (i === 7 ? comment : '')) });
    const run = await runCli(['report', dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(kind);
    expect(run.stderr).toMatch(/line 9, column "kommentar"/);
    expect(run.stderr).not.toMatch(/912|9123|ola\.nordmann|example/);
  });

  it('takes 8 bare digits in person_id or counsellor_id as a pseudonym, not a phone number; written as a phone number it is refused', async () => {
    const ids = office('NAV A', 12).replace(/^(\d+);/gm, (_m, id) => `${40012300 + Number(id)};`);
    const run = await runCli(['validate', folderWith({ 'a.csv': ids }), '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).input.rowsAccepted).toBe(12);
    const formatted = office('NAV A', 12).replace(/^5;/m, '+47 400 12 305;');
    const refused = await runCli(['validate', folderWith({ 'a.csv': formatted })]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/line 6, column "person_id": holds what looks like a phone number/);
    // Elsewhere (a comment) 8 bare digits are a phone number.
    const comment = await runCli(['validate', folderWith({ 'a.csv': office('NAV A', 12, (i) => (i === 3 ? '40012345' : '')) })]);
    expect(comment.code).toBe(1);
  });

  it.each(['Telefonnr', 'Brukers navn', 'Fullt navn', 'e-post adresse'])('refuses a header naming an identifier: %s', async (header) => {
    const dir = folderWith({ 'a.csv': office('NAV A', 5).replace('kommentar', header) });
    const run = await runCli(['validate', dir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/names a direct identifier/);
  });

  it('refuses a PNG renamed .csv, an .xls in a folder and a file whose encoding changes, naming each', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const pngRun = await runCli(['validate', join(folderWith({ 'x.csv': png }), 'x.csv')]);
    expect(pngRun.code).toBe(1);
    expect(pngRun.stderr).toMatch(/x\.csv: this is binary data .*not a CSV, TSV or Excel file/);

    const xls = await runCli(['validate', folderWith({ 'a.csv': office('NAV A', 5), 'old.xls': 'x' })]);
    expect(xls.code).toBe(1);
    expect(xls.stderr).toMatch(/old\.xls: an Excel 97–2003 workbook \(\.xls\) cannot be read; save it as \.xlsx or CSV/);

    const utf8 = Buffer.from(office('NAV Bodø', 10), 'utf8');
    const tail = Buffer.from('11;NAV Bodø;usual;job;30;\n', 'latin1');
    const mixed = join(folderWith({ 'mixed.csv': Buffer.concat([utf8, tail]) }), 'mixed.csv');
    const run = await runCli(['validate', mixed]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/the encoding changes inside the file: line 11 is UTF-8, but line 12 and on are not/);
    // Forced, the damaged name is read and flagged with its place.
    const forced = await runCli(['validate', mixed, '--encoding', 'utf-8', '--format', 'json']);
    expect(forced.code).toBe(0);
    const notice = JSON.parse(forced.stdout).input.notices.find((n: { code: string }) => n.code === 'OFFICE_NAME_ENCODING');
    expect(notice).toMatchObject({ column: 'office', count: 1, examples: [{ line: 12 }] });
    expect(notice.message).toMatch(/U\+FFFD .* taken as "NAV Bodø", the one office it fits/);
    // …and counted with the office it fits, not as an office of its own.
    const input = JSON.parse(forced.stdout).input;
    expect(input.officeSpellings).toEqual([
      {
        name: 'NAV Bodø',
        spellings: [
          { spelling: 'NAV Bodø', rows: 10 },
          { spelling: 'NAV Bod\uFFFD', rows: 1 },
        ],
      },
    ]);
    const report = await runCli(['report', mixed, '--encoding', 'utf-8', '--format', 'json', '--no-suppress', '--max-rejected', '100']);
    expect(JSON.parse(report.stdout).offices.map((o: { office: string }) => o.office)).toEqual(['NAV Bodø']);
  });

  it('names UTF-16 without a byte-order mark instead of calling it binary', async () => {
    const path = join(folderWith({ 'u.txt': Buffer.from(office('NAV A', 3), 'utf16le') }), 'u.txt');
    const run = await runCli(['validate', path]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/u\.txt: this is UTF-16 text without a byte-order mark/);
  });

  it('a Windows-1252 file holding mojibake among its own letters is read as Windows-1252, the mojibake repaired and flagged', async () => {
    // What Excel saves after opening a UTF-8 export as Windows-1252: Ã¸ (C3 B8) beside ø (F8).
    const text = office('NAV Bodø', 12).replace(/\n5;NAV Bodø/, '\n5;NAV BodÃ¸');
    const run = await runCli(['validate', join(folderWith({ 'a.csv': Buffer.from(text, 'latin1') }), 'a.csv'), '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const input = JSON.parse(run.stdout).input;
    expect(input.files[0].encoding).toBe('windows-1252');
    expect(input.rowsAccepted).toBe(12);
    expect(input.notices.find((n: { code: string }) => n.code === 'OFFICE_NAME_ENCODING')).toMatchObject({ count: 1, examples: [{ line: 6 }] });
    expect(input.officeSpellings[0].name).toBe('NAV Bodø');
  });

  it('mojibake in an office name is flagged and merged with the office it garbles', async () => {
    const text = office('NAV Bodø', 12).replace(/\n12;NAV Bodø/, '\n12;NAV BodÃ¸');
    const run = await runCli(['validate', join(folderWith({ 'a.csv': text }), 'a.csv'), '--format', 'json']);
    expect(run.code).toBe(0);
    const input = JSON.parse(run.stdout).input;
    expect(input.notices.find((n: { code: string }) => n.code === 'OFFICE_NAME_ENCODING')).toMatchObject({ count: 1, examples: [{ line: 13 }] });
    expect(input.officeSpellings).toEqual([
      {
        name: 'NAV Bodø',
        spellings: [
          { spelling: 'NAV Bodø', rows: 11 },
          { spelling: 'NAV BodÃ¸', rows: 1 },
        ],
      },
    ]);
  });
});

describe('folders', () => {
  it("skips the tool's own outputs in an input folder, by their header and by this run's --out and --rejects", async () => {
    const dir = folderWith({ 'a.csv': `${office('NAV A', 30)}31;NAV A;usual;retired;30;\n` });
    const first = await runCli(['report', dir, '--format', 'csv', '--out', join(dir, 'report.csv'), '--rejects', join(dir, 'rejects.csv')]);
    expect(first.code).toBe(0);
    const second = await runCli(['validate', dir, '--format', 'json']);
    expect(second.code).toBe(0);
    const input = JSON.parse(second.stdout).input;
    expect(input.files.map((f: { path: string }) => f.path)).toEqual([join(dir, 'a.csv')]);
    expect(input.skippedFiles.map((f: { path: string; code: string }) => [f.path.slice(dir.length + 1), f.code])).toEqual([
      ['rejects.csv', 'OWN_OUTPUT'],
      ['report.csv', 'OWN_OUTPUT'],
    ]);
  });

  it('follows links to folders once, without looping on a link back up the tree', async () => {
    const { symlinkSync } = await import('node:fs');
    const dir = folderWith({ 'a/a.csv': office('NAV A', 10), 'b/b.csv': office('NAV B', 10) });
    symlinkSync(join(dir, 'b'), join(dir, 'a', 'link-to-b'));
    symlinkSync(dir, join(dir, 'b', 'link-to-top'));
    const run = await runCli(['validate', dir, '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const input = JSON.parse(run.stdout).input;
    expect(input.files.map((f: { path: string }) => f.path.slice(dir.length + 1))).toEqual(['a/a.csv', 'a/link-to-b/b.csv']);
    expect(input.rowsAccepted).toBe(20);
  });

  it('--id-scope and --max-rejected are read from --config too', async () => {
    const dir = folderWith({ 'a.csv': office('NAV A', 20), 'b.csv': office('NAV B', 20).replace(/^(\d+);/gm, (_m, id) => `${Number(id) + 10};`) });
    const config = join(dir, '..', `${dir.split(/[\\/]/).pop()}.json`);
    writeFileSync(config, JSON.stringify({ inputs: [dir], format: 'json', idScope: 'global', maxRejected: 100, suppress: false }));
    const run = await runCli(['report', '--config', config]);
    expect(run.code).toBe(0);
    const input = JSON.parse(run.stdout).input;
    expect(input.idScope).toBe('global');
    expect(input.rejections.filter((r: { code: string }) => r.code === 'CONFLICTING_ID')).toHaveLength(20);
  });
});

describe('headers where Excel puts them', () => {
  it('a .txt without a header in a folder is skipped with its reason; named alone it is refused, saying what was looked for', async () => {
    const dir = folderWith({ 'a.csv': office('NAV A', 10), 'les-meg.txt': 'Dette er et notat om uttrekket.\n' });
    const run = await runCli(['validate', dir, '--format', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).input.skippedFiles).toEqual([
      { path: join(dir, 'les-meg.txt'), code: 'NO_HEADER', params: { lines: 20 }, message: 'no header naming the required columns in its first 20 lines' },
    ]);
    expect(run.stderr).toContain(`skipped ${join(dir, 'les-meg.txt')}`);
    const alone = await runCli(['validate', join(dir, 'les-meg.txt')]);
    expect(alone.code).toBe(1);
    expect(alone.stderr).toMatch(/no header found in the first 20 lines: looked for a line naming the required columns person_id, office, group, outcome/);
    expect(alone.stderr).toMatch(/line 1 reads "Dette er et notat om uttrekket\."/);
  });

  it('a header that lacks a required column names it', async () => {
    const run = await runCli(['validate', join(folderWith({ 'a.csv': office('NAV A', 3).replace('outcome', 'x') }), 'a.csv')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/a\.csv: required column outcome is missing \(header on line 1/);
  });

  it('reads standard input (-), gzip included', async () => {
    const bin = 'bin/hybrid-eval.cjs';
    const plain = spawnSync(process.execPath, [bin, 'validate', '-', '--format', 'json'], { input: office('NAV A', 10) });
    expect(plain.status).toBe(0);
    expect(JSON.parse(plain.stdout.toString()).input).toMatchObject({ rowsAccepted: 10, files: [{ path: '<stdin>', compression: null }] });
    const gz = spawnSync(process.execPath, [bin, 'validate', '-', '--format', 'json'], { input: gzipSync(office('NAV A', 10)) });
    expect(gz.status).toBe(0);
    expect(JSON.parse(gz.stdout.toString()).input).toMatchObject({ rowsAccepted: 10, files: [{ compression: 'gzip' }] });
  });

  it('the installed command reads a workbook from its own bundle file, and names a broken one', async () => {
    const cells = (text: string): SheetData =>
      text
        .trim()
        .split('\n')
        .map((line) => line.split(';').map((v) => ({ value: v, type: String })));
    const dir = folderWith({ 'a.xlsx': await writeXlsxFile(cells(office('NAV A', 6))).toBuffer(), 'b.xlsx': Buffer.from('PK\u0003\u0004xl/ cut short') });
    const bin = 'bin/hybrid-eval.cjs';
    const good = spawnSync(process.execPath, [bin, 'validate', join(dir, 'a.xlsx'), '--format', 'json']);
    expect(good.status, good.stderr.toString()).toBe(0);
    expect(JSON.parse(good.stdout.toString()).input).toMatchObject({ rowsAccepted: 6, files: [{ format: 'xlsx', sheet: 'Sheet1' }] });
    const bad = spawnSync(process.execPath, [bin, 'validate', join(dir, 'b.xlsx')]);
    expect(bad.status).toBe(1);
    expect(bad.stderr.toString()).toMatch(/^hybrid-eval: .*b\.xlsx: cannot be read as an Excel workbook \(/);
    expect(readFileSync('dist/bundle/main.cjs', 'utf8')).not.toContain('unzipper');
  });

  it('--sheet picks a worksheet; an unknown one is refused with the sheets there are', async () => {
    const cells = (text: string): SheetData =>
      text
        .trim()
        .split('\n')
        .map((line) => line.split(';').map((v) => ({ value: v, type: String })));
    const book = await writeXlsxFile([
      { sheet: 'Notater', data: cells('Om uttrekket') },
      { sheet: 'Data 2023', data: cells(office('NAV A', 8)) },
    ]).toBuffer();
    const path = join(folderWith({ 'a.xlsx': book }), 'a.xlsx');
    const first = await runCli(['validate', path]);
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(
      /sheet "Notater"\): no header found in the first 20 rows.*The workbook also has the sheets "Data 2023": choose one with --sheet/,
    );
    const chosen = await runCli(['validate', path, '--sheet', 'data 2023', '--format', 'json']);
    expect(chosen.code).toBe(0);
    expect(JSON.parse(chosen.stdout).input).toMatchObject({ rowsAccepted: 8, files: [{ format: 'xlsx', sheet: 'Data 2023' }] });
    const unknown = await runCli(['validate', path, '--sheet', 'Ark9']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/sheet "Ark9" is not in the workbook \(its sheets: Notater, Data 2023\)/);
  });
});

describe('rejections that change the analysis fail the run', () => {
  const withUnknownGroup = (k: number) =>
    office('NAV A', 100).replace(/^(\d+);NAV A;hybrid;/gm, (m, id) => (Number(id) <= k * 10 ? `${id};NAV A;Hybrid modell;` : m));

  it('more than 5 % of a group rejected exits 1 and says why; --max-rejected raises the limit', async () => {
    const dir = folderWith({ 'a.csv': withUnknownGroup(3) });
    const run = await runCli(['report', dir, '--format', 'json']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/3 rows have group "Hybrid modell", which is not a known label; add it with --mapping/);
    expect(run.stderr).toMatch(/--max-rejected 5: rejections remove 30\.0 % of the hybrid rows \(3 of 10, counting 3 rows whose group could not be read\)/);
    const raised = await runCli(['report', dir, '--format', 'json', '--max-rejected', '30']);
    expect(raised.code).toBe(0);
    const validate = await runCli(['validate', dir]);
    expect(validate.code).toBe(1);
    expect(validate.stdout).toContain('Hybrid modell');
  });

  it('a rejected row whose group can be read counts against that group only', async () => {
    // Two as-usual rows with a stray field: 2 of 90 as-usual rows, under 5 %; hybrid untouched.
    const text = office('NAV A', 100).replace(/^(2|3);NAV A;usual;(.*);$/gm, '$1;NAV A;usual;$2;x;y');
    const run = await runCli(['validate', folderWith({ 'a.csv': text }), '--format', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).input.rejections.map((r: { code: string }) => r.code)).toEqual(['FIELD_COUNT', 'FIELD_COUNT']);
    const strict = await runCli(['validate', folderWith({ 'a.csv': text }), '--max-rejected', '2']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/rejections remove 2\.2 % of the as-usual rows \(2 of 90\)/);
  });

  it('a Sum row is rejected with its own code and does not count; --strict counts any other rejection', async () => {
    const dir = folderWith({ 'a.csv': `${office('NAV A', 40)}Sum;;;;;\n` });
    // The rejected rows one by one are in an internal report (a published one gives their number).
    const run = await runCli(['report', dir, '--format', 'json', '--strict', '--no-suppress']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).input.rejections).toMatchObject([{ line: 42, code: 'TOTAL_ROW' }]);
    const strict = await runCli(['report', folderWith({ 'a.csv': `${office('NAV A', 40)}41;NAV A;usual;retired;30;\n` }), '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/--strict: rejections remove/);
  });
});
