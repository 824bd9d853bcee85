import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/report/model.js';
import { runCli } from '../helpers/runCli.js';
import { tempDir } from '../helpers/tempDir.js';
import { SHAPES, writePilot } from './pilots.js';

// What a published report leaves out besides table cells: notes that count a few rows
// by a value read in them, the list of rejected rows, and models of a hidden group.

async function both(paths: string[], extra: string[] = []) {
  const args = ['report', ...paths, '--max-rejected', '100', ...extra];
  const published = JSON.parse((await runCli([...args, '--format', 'json'])).stdout) as ReportModel;
  const internal = JSON.parse((await runCli([...args, '--format', 'json', '--no-suppress'])).stdout) as ReportModel;
  const text = (await runCli(args)).stdout;
  return { published, internal, text };
}

describe('a published report', () => {
  it('leaves out notes on fewer than min-cell rows, and the rejected rows one by one', async () => {
    const { published, internal, text } = await both(['tests/fixtures/ingest/rejections.csv']);
    // The internal report has them: gender "X" in 1 row, age unreadable in 2.
    expect(internal.input.unknownLabels.map((u) => [u.column, u.count])).toContainEqual(['gender', 1]);
    expect(internal.input.notices.some((n) => n.code === 'INVALID_AGE' && n.count === 2)).toBe(true);
    expect(internal.input.rejections).toHaveLength(5);
    expect(published.input.unknownLabels).toEqual([]);
    expect(published.input.notices.filter((n) => n.count >= 1 && n.count < 5 && n.code !== 'SHEETS_IGNORED')).toEqual([]);
    expect(published.input.rejections).toEqual([]);
    expect(published.disclosureControl.withheld).toContain('input.rejections');
    expect(text).not.toContain('"X"');
    expect(text).not.toContain('placebo');
    expect(text).toContain('Notes on fewer than 5 rows');
    // Table 1 still accounts for every row.
    expect(published.input.rowsRejected).toBe(5);
  });

  it('keeps a note on min-cell rows or more', async () => {
    const dir = tempDir('unreadable-ages');
    writePilot(dir, SHAPES['an office with no hybrid users']);
    const file = join(dir, readdirSync(dir)[0]);
    const lines = readFileSync(file, 'utf8').split('\n');
    // Six ages written as words: one note on 6 rows, above the limit of 5.
    for (let i = 1; i <= 6; i++) lines[i] = lines[i].replace(/^([^,]*,[^,]*,[^,]*,[^,]*,[^,]*,)[^,]*/, '$1ukjent');
    writeFileSync(file, lines.join('\n'));
    const { published, text } = await both([dir]);
    expect(published.input.notices.filter((n) => n.code === 'INVALID_AGE').map((n) => n.count)).toEqual([6]);
    expect(text).toMatch(/Age could not be read in 6 rows/);
  });

  it('withholds the adjusted and weighted estimates of a group whose size is hidden, and says so', async () => {
    const dir = tempDir('group-of-3');
    writePilot(dir, SHAPES['a hybrid group of 3']);
    const { published, internal, text } = await both([dir]);
    expect(internal.adjusted.oddsRatio.estimate).not.toBeNull();
    expect(published.workOrEducation.hybrid.n).toBeNull();
    expect(published.adjusted.n).toBeNull();
    expect(published.adjusted.oddsRatio).toEqual({ estimate: null, ciLow: null, ciHigh: null, pValue: null });
    expect(published.weighted.riskDifference.estimate).toBeNull();
    expect(published.disclosureControl.withheld).toEqual(expect.arrayContaining(['adjusted', 'weighted']));
    expect(text).toContain('The adjusted and weighted estimates are withheld');
    expect(text).toMatch(/Adjusted odds ratio\s+:\s+:\s+:/);
    expect(text).toMatch(/Mantel–Haenszel odds ratio\s+:/);
    expect(published.stratified.breslowDay.df).toBeNull();
  });
});
