import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.js';
import { tempDir } from '../helpers/tempDir.js';

const pilot = 'tests/fixtures/pipeline/realistic';
const tiny = 'tests/fixtures/pipeline/tiny';

describe('every format, pinned (TZ=UTC, NO_COLOR, fixed input)', () => {
  for (const format of ['text', 'md', 'csv', 'json']) {
    for (const lang of ['en', 'nb', 'nn']) {
      it(`${format} ${lang}`, async () => {
        const run = await runCli(['report', pilot, '--format', format, '--lang', lang]);
        expect(run.code).toBe(0);
        const ext = format === 'text' ? 'txt' : format;
        await expect(run.stdout).toMatchFileSnapshot(`__snapshots__/realistic.${lang}.${ext}`);
      });
    }
  }

  it('is byte-identical across runs', async () => {
    const a = await runCli(['report', pilot, '--format', 'json']);
    const b = await runCli(['report', pilot, '--format', 'json']);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).not.toContain('generatedAt');
  });
});

describe('text', () => {
  it('has no escape codes with NO_COLOR, and fits in 100 columns', async () => {
    const run = await runCli(['report', pilot]);
    expect(run.stdout).not.toContain('\x1b[');
    for (const line of run.stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(100);
  });

  it('uses colour when forced, even when piped', async () => {
    const run = await runCli(['report', pilot], { NO_COLOR: undefined, FORCE_COLOR: '1' });
    expect(run.stdout).toContain('\x1b[');
  });

  it('numbers the tables and names the methods in footnotes', async () => {
    const run = await runCli(['report', pilot]);
    for (let n = 1; n <= 6; n++) expect(run.stdout).toContain(`Table ${n}.`);
    for (const method of ['Wilson', "Newcombe's hybrid score interval", "Fisher's exact test", 'clustered by counsellor', 'not random']) {
      expect(run.stdout).toContain(method);
    }
  });

  it('--lang nb uses Norwegian words, decimal commas and prosentpoeng', async () => {
    const run = await runCli(['report', pilot, '--lang', 'nb']);
    expect(run.stdout).toContain('Tabell 2. Utfall etter gruppe. Antall og prosent');
    expect(run.stdout).toContain('prosentpoeng');
    expect(run.stdout).toMatch(/\d,\d \(\d+,\d–\d+,\d\)/);
    expect(run.stdout).not.toMatch(/\d\.\d \(/);
  });

  it('--no-suppress prints the INTERNAL banner in every format', async () => {
    for (const format of ['text', 'md', 'csv']) {
      const run = await runCli(['report', tiny, '--format', format, '--no-suppress']);
      expect(run.stdout).toContain('INTERNAL – contains small cells, not for publication');
    }
    const json = JSON.parse((await runCli(['report', tiny, '--format', 'json', '--no-suppress'])).stdout);
    expect(json.internal).toBe(true);
    expect(json.banner).toBe('INTERNAL – contains small cells, not for publication');
    expect(json.disclosureControl.applied).toBe(false);
  });

  it('says how many cells were suppressed and why', async () => {
    const run = await runCli(['report', tiny]);
    expect(run.stdout).toMatch(/\d+ cell\(s\) are suppressed \(:\) because they count fewer than 5 persons/);
  });
});

describe('suppression in the default JSON of a tiny pilot', () => {
  it('shows no count from 1 to 4 and says how many cells it hid', async () => {
    const run = await runCli(['report', tiny, '--format', 'json']);
    const report = JSON.parse(run.stdout);
    expect(report.disclosureControl.applied).toBe(true);
    expect(report.disclosureControl.minCell).toBe(5);
    expect(report.disclosureControl.suppressedCells).toBeGreaterThan(0);
    const counts = [
      ...Object.values(report.outcomes.table as Record<string, Record<string, number | null>>).flatMap((r) => Object.values(r)),
      report.groups.hybrid.n,
      report.groups.hybrid.outcomeMissing,
      report.workOrEducation.hybrid.n,
      report.workOrEducation.hybrid.positive,
      ...report.offices.flatMap((o: Record<string, { n: number | null; positive: number | null }>) => [
        o.hybrid.n,
        o.hybrid.positive,
        o.usual.n,
        o.usual.positive,
      ]),
    ];
    for (const c of counts) if (c !== null) expect(c === 0 || c >= 5).toBe(true);
  });
});

describe('markdown', () => {
  it('writes valid GitHub tables: header, separator and rows with the same number of cells', async () => {
    const run = await runCli(['report', pilot, '--format', 'md']);
    const blocks = run.stdout.split('\n\n').filter((b) => b.startsWith('|'));
    expect(blocks.length).toBe(10);
    for (const block of blocks) {
      const rows = block.split('\n').filter((l) => l.startsWith('|'));
      const cells = (row: string) => row.replace(/\\\|/g, '').split('|').length;
      expect(rows[1]).toMatch(/^\|(:?-{3,}:?\|)+$/);
      for (const row of rows) expect(cells(row)).toBe(cells(rows[0]));
    }
  });
});

describe('csv', () => {
  it('is one tidy table and neutralises a formula in an office name, but not negative numbers', async () => {
    const dir = tempDir('csv');
    const rows = ['person_id,office,group,outcome'];
    for (let i = 0; i < 40; i++) rows.push(`P${i},"=HYPERLINK(""http://x"")",${i % 4 === 0 ? 'hybrid' : 'usual'},${i % 3 === 0 ? 'job' : 'none'}`);
    writeFileSync(join(dir, 'office.csv'), `${rows.join('\n')}\n`);
    const run = await runCli(['report', dir, '--format', 'csv', '--no-suppress']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\r\n');
    expect(lines[0]).toBe('table,row,column,statistic,value,table_number,table_title,row_label,column_label');
    expect(run.stdout).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(run.stdout).not.toMatch(/(^|,)=HYPERLINK/m);
    expect(run.stdout).toMatch(/,-\d/);
    expect(run.stdout).not.toMatch(/,'-\d/);
  });

  it('keys every value by language-independent ids, so an English and a Norwegian file join', async () => {
    // A pilot with every kind of row: offices with hidden cells, a merged outcome row, counsellors.
    const keysAndValues = async (lang: string, extra: string[]) => {
      const run = await runCli(['report', pilot, '--format', 'csv', '--lang', lang, ...extra]);
      expect(run.code).toBe(0);
      return run.stdout
        .trim()
        .split('\r\n')
        .map((line) => line.match(/^([^,]*,(?:"[^"]*"|[^,]*),[^,]*,[^,]*,[^,]*),/)?.[1] ?? line);
    };
    for (const extra of [[], ['--no-suppress'], ['--min-cell', '30']]) {
      const en = await keysAndValues('en', extra);
      expect(en.length).toBeGreaterThan(300);
      expect(new Set(en).size).toBe(en.length);
      for (const lang of ['nb', 'nn']) expect(await keysAndValues(lang, extra)).toEqual(en);
    }
  });
});
