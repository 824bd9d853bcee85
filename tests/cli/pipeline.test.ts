import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectMatchesReference } from '../helpers/compareToReference.js';
import { runCli } from '../helpers/runCli.js';

// Reference values: tests/fixtures/pipeline/pipeline.R (R 4.2) on the case folders
// written by make-pilots.mjs. Counts must be exact, everything else within 1e-6.
const root = 'tests/fixtures/pipeline';
const cases = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

describe('report --format json --no-suppress equals R on every pilot', () => {
  it('has the cases the issue asks for', () => {
    expect(cases).toEqual(expect.arrayContaining(['realistic', 'tiny', 'empty-strata', 'zero-cells', 'extreme']));
  });
  for (const name of cases) {
    it(name, async () => {
      const dir = join(root, name);
      const files = readdirSync(dir)
        .filter((f) => f.endsWith('.csv'))
        .map((f) => join(dir, f));
      const run = await runCli(['report', ...files, '--format', 'json', '--no-suppress']);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout) as Record<string, unknown>;
      const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, unknown>;
      expectMatchesReference(report, expected, 1e-6);
      expect(run.stdout).not.toMatch(/NaN|Infinity/);
    });
  }
});
