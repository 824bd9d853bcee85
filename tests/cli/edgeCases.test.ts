import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.js';
import { tempDir } from '../helpers/tempDir.js';

function csv(name: string, rows: string[]): string {
  const dir = tempDir('edge');
  const path = join(dir, name);
  writeFileSync(path, `${['person_id,office,group,outcome', ...rows].join('\n')}\n`);
  return path;
}

const onlyUsual = csv(
  'only-usual.csv',
  Array.from({ length: 30 }, (_, i) => `P${i},NAV A,usual,${i % 3 === 0 ? 'job' : 'none'}`),
);
const allMissing = csv(
  'all-missing.csv',
  Array.from({ length: 30 }, (_, i) => `P${i},NAV A,${i % 5 === 0 ? 'hybrid' : 'usual'},`),
);

describe('degenerate inputs give a report with warnings, never NaN or a crash', () => {
  for (const [name, path] of [
    ['only as-usual users', onlyUsual],
    ['no outcome registered yet', allMissing],
  ] as const) {
    for (const format of ['text', 'md', 'csv', 'json', 'html']) {
      it(`${name}, ${format}`, async () => {
        const run = await runCli(['report', path, '--format', format]);
        expect(run.code).toBe(0);
        expect(run.stdout).not.toMatch(/NaN|Infinity/);
        if (format === 'json') {
          const report = JSON.parse(run.stdout);
          expect(report.warnings.length).toBeGreaterThan(0);
          expect(report.adjusted.oddsRatio.estimate).toBeNull();
        }
      });
    }
  }

  it('a header without rows is refused (exit 1) with a reason', async () => {
    const run = await runCli(['report', csv('empty.csv', [])]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/no rows were accepted/);
  });
});
