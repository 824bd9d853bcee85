import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mutate, mutations, validExport } from '../helpers/mutatedExports.js';
import { runCli, type CliRun } from '../helpers/runCli.js';
import { tempDir } from '../helpers/tempDir.js';

const VALID_OFFICE = 'tests/fixtures/pipeline/tiny/nav-bergenhus.csv';

/** The whole command on hostile input: exit 0 or 1, never a crash or a stack trace. */
function expectSurvived(run: CliRun): void {
  expect([0, 1]).toContain(run.code);
  expect(run.stderr).not.toMatch(/\n\s+at |internal error/);
  if (run.code === 0) expect(run.stdout.length).toBeGreaterThan(0);
  else expect(run.stdout).toBe('');
}

interface InputSummary {
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  duplicateRows: number;
}

/** The JSON report's accounting adds up, overall and per file; returns the rows read from `file`. */
function expectReportAccounting(json: string, file: string): number {
  const input = (JSON.parse(json) as { input: InputSummary & { files: (InputSummary & { path: string })[] } }).input;
  for (const s of [input, ...input.files]) {
    expect(s.rowsRead, `rowsRead = rowsAccepted + rowsRejected + duplicateRows in ${'path' in s ? s.path : 'the report'}`).toBe(
      s.rowsAccepted + s.rowsRejected + s.duplicateRows,
    );
  }
  expect(input.files.reduce((n, f) => n + f.rowsRead, 0)).toBe(input.rowsRead);
  return input.files.find((f) => f.path === file)?.rowsRead ?? 0;
}

describe('fuzz: the CLI never crashes', () => {
  it('on random bytes', async () => {
    // Random bytes (almost) never hold a header: this checks that refusals are clean, not the report.
    const dir = tempDir('fuzz-bytes');
    const path = join(dir, 'input.csv');
    let reports = 0;
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), fc.constantFrom('text', 'json', 'csv', 'md'), async (bytes, format) => {
        writeFileSync(path, bytes);
        const run = await runCli(['report', path, '--format', format]);
        expectSurvived(run);
        if (run.code === 0) reports++;
      }),
      { numRuns: 60, seed: 7 },
    );
    console.log(`random bytes: ${reports} of 60 cases got a report`);
  });

  it('on a mutated office export beside a valid one: at least 80 % of cases give a report that reads the damaged file', async () => {
    // One valid office of the tiny pilot, and beside it a mutated export (a dialect,
    // decorations, then edits). --max-rejected 100 lets a damaged file through to the
    // analyses and renderers instead of stopping at the rejection limit.
    const dir = tempDir('fuzz-offices');
    copyFileSync(VALID_OFFICE, join(dir, 'nav-bergenhus.csv'));
    const damaged = join(dir, 'damaged.csv');
    const runs = 80;
    let reached = 0;
    const refusals = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(validExport, mutations, fc.constantFrom('text', 'csv', 'md'), async (written, list, format) => {
        writeFileSync(damaged, mutate(written, list));
        const json = await runCli(['report', dir, '--format', 'json', '--max-rejected', '100']);
        expectSurvived(json);
        // The same input through another renderer.
        expectSurvived(await runCli(['report', dir, '--format', format, '--max-rejected', '100']));
        if (json.code === 0 && expectReportAccounting(json.stdout, damaged) > 0) {
          reached++;
        } else {
          const why =
            json.code === 0
              ? 'no rows read'
              : json.stderr
                  .replace(/^hybrid-eval: (note|warning): .*\n/gm, '')
                  .split('\n')[0]
                  .replace(dir, '')
                  .slice(0, 60);
          refusals.set(why, (refusals.get(why) ?? 0) + 1);
        }
      }),
      { numRuns: runs, seed: 11 },
    );
    console.log(
      `mutated office export beside a valid one: ${reached} of ${runs} cases gave a report that read the damaged file; others: ${JSON.stringify([...refusals])}`,
    );
    expect(reached / runs).toBeGreaterThanOrEqual(0.8);
  });
});
