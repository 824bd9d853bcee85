import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { numericPaths, PUBLISHED_NUMBERS, unplacedNumbers } from '../../src/report/publishedNumbers.js';
import type { ReportModel } from '../../src/report/model.js';
import { runCli } from '../helpers/runCli.js';

// The registry of published numbers (src/report/publishedNumbers.ts) is what the
// report checks every model against. Here: it places every number of pilots with
// every kind of table exactly once, every entry is used, and a number it does not
// place stops the report instead of being published.
const PILOTS = [
  'tests/fixtures/pipeline/realistic',
  'tests/fixtures/pipeline/tiny',
  'tests/fixtures/ingest/rejections.csv',
  withoutSomeCounsellors(),
  withInputAccounting(),
];

/** The realistic pilot with every 20th person's counsellor left out: warnings then count persons. */
function withoutSomeCounsellors(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sources-'));
  const from = 'tests/fixtures/pipeline/realistic';
  for (const name of readdirSync(from).filter((f) => f.endsWith('.csv'))) {
    const lines = readFileSync(join(from, name), 'utf8').split('\n');
    const column = lines[0].split(',').indexOf('counsellor_id');
    const blanked = lines.map((line, i) =>
      i > 0 && i % 20 === 0 && line !== ''
        ? line
            .split(',')
            .map((c, j) => (j === column ? '' : c))
            .join(',')
        : line,
    );
    writeFileSync(join(dir, name), blanked.join('\n'));
  }
  return dir;
}

/**
 * The realistic pilot with a file of rows whose accounting carries numbers: an office
 * spelled another way, a row with more fields than its header, a person_id on rows with
 * different content; and a .txt without a header, skipped.
 */
function withInputAccounting(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sources-'));
  const from = 'tests/fixtures/pipeline/realistic';
  for (const name of readdirSync(from).filter((f) => f.endsWith('.csv'))) writeFileSync(join(dir, name), readFileSync(join(from, name)));
  const row = (id: string, office: string, group: string, outcome: string) => `${id},${office},V2001,${group},${outcome},30,F,1,2022-01-01,2022-06-01`;
  writeFileSync(
    join(dir, 'nav-bodo-extra.csv'),
    [
      'person_id,office,counsellor_id,group,outcome,age,gender,prior_work,start_date,end_date',
      ...[1, 2, 3, 4, 5, 6].map((k) => row(`X000000${k}`, 'NAV BODØ', k % 2 === 0 ? 'hybrid' : 'usual', 'job')),
      `${row('X0000010', 'NAV Bodø', 'hybrid', 'job')},extra,fields`,
      row('X0000020', 'NAV Bodø', 'hybrid', 'job'),
      row('X0000020', 'NAV Bodø', 'usual', 'none'),
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'les-meg.txt'), 'Dette er eit notat om uttrekket.\n');
  return dir;
}

async function fullModel(pilot: string, suppress = false): Promise<ReportModel> {
  const run = await runCli(['report', pilot, '--format', 'json', '--max-rejected', '100', ...(suppress ? [] : ['--no-suppress'])]);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as ReportModel;
}

describe('every published number has a recorded source', () => {
  it('in the full and the published model of pilots with every kind of table', async () => {
    const paths = new Set<string>();
    for (const pilot of PILOTS) {
      for (const suppress of [false, true]) {
        const model = await fullModel(pilot, suppress);
        expect(unplacedNumbers(model)).toEqual([]);
        for (const p of numericPaths(model)) paths.add(p);
      }
    }
    // Monte Carlo settings appear only when exact enumeration is not feasible.
    const unused = PUBLISHED_NUMBERS.filter((entry) => ![...paths].some((p) => entry.path.test(p)) && !entry.path.test('outcomes.fisherExact.seed'));
    expect(unused.map((entry) => entry.from)).toEqual([]);
  });

  it('a number with no recorded source is found, and one placed twice', async () => {
    const model = await fullModel(PILOTS[1]);
    (model.workOrEducation.riskDifference as unknown as Record<string, number>).cilow = 0.1;
    expect(unplacedNumbers(model)).toEqual(['workOrEducation.riskDifference.cilow']);
    const twice = [...PUBLISHED_NUMBERS, { path: /^groups\.hybrid\.n$/, from: 'again', protection: 'again' }];
    expect(unplacedNumbers(model, twice)).toContain('groups.hybrid.n');
  });

  it('stops the report (exit 1, no stack trace) rather than publish it', async () => {
    // A report built from a model with an unplaced number: the registry is checked in
    // applySuppression and markInternal, which the CLI calls on every report.
    const { applySuppression, markInternal } = await import('../../src/report/suppress.js');
    const model = await fullModel(PILOTS[1]);
    (model.groups.hybrid as unknown as Record<string, number>).n2 = 3;
    expect(() => applySuppression(model, 5)).toThrow(/no recorded source for groups\.hybrid\.n2/);
    expect(() => markInternal(model, 5)).toThrow(/no recorded source for groups\.hybrid\.n2/);
  });
});
