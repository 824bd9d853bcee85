import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.js';
import { tempDir as newTempDir } from '../helpers/tempDir.js';

function tempDir(): string {
  return newTempDir('config');
}

describe('--config', () => {
  it('runs the README example: inputs, options and output paths from one file', async () => {
    // The JSON block of the README's CI section, with the paths pointed at this repo.
    const readme = readFileSync('README.md', 'utf8');
    const block = /## Running it in CI[\s\S]*?```json\n([\s\S]*?)```/.exec(readme);
    expect(block).not.toBeNull();
    const example = JSON.parse(block![1]) as Record<string, unknown>;
    const dir = tempDir();
    const config = { ...example, inputs: [resolve('data-samples')], mapping: undefined };
    writeFileSync(join(dir, 'hybrid-eval.json'), JSON.stringify(config));
    const run = await runCli(['report', '--config', join(dir, 'hybrid-eval.json')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const report = JSON.parse(readFileSync(join(dir, 'out/report.json'), 'utf8'));
    expect(report.disclosureControl).toEqual({
      applied: true,
      minCell: 5,
      suppressedCells: expect.any(Number),
      hidden: expect.any(Array),
      merged: expect.any(Array),
      withheld: expect.any(Array),
    });
    expect(existsSync(join(dir, 'out/rejects.csv'))).toBe(true);
  });

  it('lets flags on the command line win over the file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ inputs: [resolve('tests/fixtures/pipeline/tiny')], format: 'json', lang: 'nb' }));
    const run = await runCli(['report', '--config', join(dir, 'c.json'), '--format', 'md']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('**Tabell 2.');
  });

  it('reports every problem in the file as a usage error (exit 2)', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ inputs: 'data-samples', minCell: 'five', colour: true }));
    const run = await runCli(['report', '--config', join(dir, 'c.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"inputs" must be an array of strings');
    expect(run.stderr).toContain('"minCell" must be a number');
    expect(run.stderr).toContain('unknown key "colour"');
  });

  it('a missing config file is a usage error', async () => {
    const run = await runCli(['report', '--config', 'no-such.json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no-such.json does not exist');
  });
});
