import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.js';
import { tempDir } from '../helpers/tempDir.js';

const pilot = 'tests/fixtures/pipeline/realistic';

describe('--extraction-date and --horizons', () => {
  it('--extraction-date censors there and is named in the footnote; without it the latest date is used and said to be', async () => {
    const given = JSON.parse((await runCli(['report', pilot, '--format', 'json', '--extraction-date', '2024-01-01', '--no-suppress'])).stdout);
    const fromData = JSON.parse((await runCli(['report', pilot, '--format', 'json', '--no-suppress'])).stdout);
    expect(given.timeToOutcome.extractionDate).toBe('2024-01-01');
    expect(given.timeToOutcome.extractionDateFromData).toBe(false);
    expect(fromData.timeToOutcome.extractionDateFromData).toBe(true);
    expect(fromData.timeToOutcome.extractionDate > '2024-01-01').toBe(true);
    // An earlier extraction date censors more follow-up.
    const censored = (m: { timeToOutcome: { censored: Record<string, number> } }) => m.timeToOutcome.censored.hybrid + m.timeToOutcome.censored.usual;
    expect(censored(given)).toBeGreaterThan(censored(fromData));
    // Footnotes wrap in the text report: read them as running text.
    const prose = async (args: string[]) => (await runCli(['report', pilot, ...args])).stdout.replace(/\n\s+/g, ' ');
    expect(await prose(['--extraction-date', '2024-01-01'])).toContain('censored at the extraction date, 2024-01-01.');
    expect(await prose([])).toContain('(the latest date in the data; set it with --extraction-date)');
  });

  it('--horizons sets the months of Table 9 and of the JSON', async () => {
    const run = await runCli(['report', pilot, '--format', 'json', '--horizons', '1,6,9']);
    expect(run.code).toBe(0);
    const model = JSON.parse(run.stdout);
    expect(model.timeToOutcome.horizons).toEqual([1, 6, 9]);
    expect(new Set(model.timeToOutcome.cumulativeIncidence.map((c: { months: number }) => c.months))).toEqual(new Set([1, 6, 9]));
    expect((await runCli(['report', pilot, '--horizons', '1,6,9'])).stdout).toMatch(/Outcome +Group +1 month +6 months +9 months\n/);
  });

  it.each([
    ['--extraction-date', '2024-02-30', '--extraction-date must be a date written YYYY-MM-DD'],
    ['--extraction-date', '18.06.2024', '--extraction-date must be a date written YYYY-MM-DD'],
    ['--horizons', '6,3', '--horizons must be in increasing order'],
    ['--horizons', '0,6', '--horizons must be 1 to 12 whole numbers'],
    ['--horizons', '6.5', '--horizons must be 1 to 12 whole numbers'],
    ['--horizons', '', '--horizons must be 1 to 12 whole numbers'],
  ])('%s %s is a usage error (2) naming the option', async (flag, value, message) => {
    const run = await runCli(['report', pilot, flag, value]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
  });

  it('reads extractionDate and horizons from --config', async () => {
    const dir = tempDir('time-config');
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ inputs: [resolve(pilot)], format: 'json', extractionDate: '2024-03-01', horizons: '2,4' }));
    const model = JSON.parse((await runCli(['report', '--config', join(dir, 'c.json')])).stdout);
    expect(model.timeToOutcome.extractionDate).toBe('2024-03-01');
    expect(model.timeToOutcome.horizons).toEqual([2, 4]);
  });

  it('withheld comparisons print as ":" and their footnote counts no failed replicates', async () => {
    const run = await runCli(['report', 'tests/fixtures/ingest/dialects']);
    const text = run.stdout.replace(/\n\s+/g, ' ');
    expect(text).toMatch(/Gray's test \(χ²\) +: +:/);
    expect(text).toContain('the comparisons are withheld');
    expect(text).not.toContain(': replicates');
  });
});
