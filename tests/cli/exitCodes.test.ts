import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.js';
import { tempDir } from '../helpers/tempDir.js';

const pilot = 'tests/fixtures/pipeline/tiny';

function tempFile(name: string, content: string | Uint8Array): string {
  const dir = tempDir('run');
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('exit codes and streams', () => {
  it('--help prints usage on stdout and exits 0', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: hybrid-eval');
    expect(run.stdout).toContain('report');
    expect(run.stderr).toBe('');
  });

  it('no arguments prints help and exits 2', async () => {
    const run = await runCli([]);
    expect(run.code).toBe(2);
  });

  it('an unknown option is a usage error (2) on stderr, with nothing on stdout', async () => {
    const run = await runCli(['report', pilot, '--frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/unknown option/);
  });

  it('an invalid --format value is a usage error', async () => {
    const run = await runCli(['report', pilot, '--format', 'xml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/xml/);
  });

  it('an invalid --min-cell is a usage error naming the option', async () => {
    const run = await runCli(['report', pilot, '--min-cell', 'two']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--min-cell');
  });

  it('a missing input file is an input failure (1) without a stack trace', async () => {
    const run = await runCli(['report', 'no/such/file.csv']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no/such/file.csv');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe('');
  });

  it('a file with a national identity number in free text is refused (1) and the number is never echoed', async () => {
    // 01017012345-style numbers are built here with valid mod-11 control digits (weights per Skatteetaten).
    const fnr = withControlDigits('150589123');
    const path = tempFile('office.csv', `person_id,office,group,outcome,comment\nP1,NAV A,hybrid,job,called ${fnr} today\nP2,NAV A,usual,none,\n`);
    for (const format of ['text', 'json']) {
      const run = await runCli(['report', path, '--format', format]);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('office.csv');
      expect(run.stderr + run.stdout).not.toContain(fnr);
    }
  });

  it('a bad mapping file is a usage error (2) that names the problem', async () => {
    const mapping = tempFile('mapping.json', '{ "values": { "group": { "hybrid": "P" } } }');
    const run = await runCli(['report', pilot, '--mapping', mapping]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/hybrid/);
  });

  it('--strict fails (1) when a row is rejected, and --rejects lists it with file and line', async () => {
    const path = tempFile('office.csv', 'person_id,office,group,outcome\nP1,NAV A,hybrid,job\nP2,NAV A,martian,none\nP3,NAV A,usual,none\n');
    const rejects = join(tempDir('rejects'), 'rejects.csv');
    const strict = await runCli(['report', path, '--strict', '--rejects', rejects]);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toBe('');
    const listed = readFileSync(rejects, 'utf8');
    expect(listed).toContain('UNKNOWN_GROUP');
    expect(listed).toMatch(/office\.csv.*,3,|,3,.*office\.csv/);
    // By default rejections may remove at most 5 % of either group's rows; here it is a third.
    const refused = await runCli(['report', path, '--format', 'json', '--no-suppress']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/rejections remove 50\.0 % of the hybrid rows \(1 of 2, counting 1 rows whose group could not be read\)/);
    const lenient = await runCli(['report', path, '--format', 'json', '--no-suppress', '--max-rejected', '50']);
    expect(lenient.code).toBe(0);
    expect(lenient.stderr).toMatch(/1 of 3 rows rejected/);
    const report = JSON.parse(lenient.stdout);
    expect(report.input.rowsRead).toBe(3);
    expect(report.input.rowsAccepted).toBe(2);
    expect(report.input.rejections).toEqual([expect.objectContaining({ line: 3, code: 'UNKNOWN_GROUP', field: 'group' })]);
  });
});

/** Appends the two mod-11 control digits of a Norwegian national identity number. */
function withControlDigits(nine: string): string {
  const digits = nine.split('').map(Number);
  const control = (weights: number[], ds: number[]) => {
    const r = 11 - (weights.reduce((sum, w, i) => sum + w * ds[i], 0) % 11);
    return r === 11 ? 0 : r;
  };
  const k1 = control([3, 7, 6, 1, 8, 9, 4, 5, 2], digits);
  const k2 = control([5, 4, 3, 2, 7, 6, 5, 4, 3, 2], [...digits, k1]);
  if (k1 === 10 || k2 === 10) throw new Error(`no valid number starts with ${nine}`);
  return `${nine}${k1}${k2}`;
}
