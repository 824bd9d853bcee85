/**
 * npm run audit:disclosure — the attacker (attacker.ts) against the default
 * (suppressed) JSON report of every pilot fixture, data-samples/, the named shapes
 * and many seeded random small pilots (pilots.ts), and simulated pilots. Writes bench/disclosure.md: per pilot, the hidden counts and
 * those recovered exactly or narrowed into 1..min-cell − 1. A measurement, like
 * `npm run bench`, not a test: it passes whatever it finds.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'vitest';
import { runCli } from '../helpers/runCli.js';
import { tempDir } from '../helpers/tempDir.js';
import { attack, attackWithChiSquare, disclosed, type PublishedReport } from './attacker.js';
import { officeFile, randomPlan, SHAPES, writePilot } from './pilots.js';

const RANDOM_PILOTS = 100;

async function audit(name: string, paths: string[], minCell = 5): Promise<string> {
  const args = ['--format', 'json', '--min-cell', String(minCell)];
  const pub = JSON.parse((await runCli(['report', ...paths, ...args])).stdout) as PublishedReport;
  const internal = JSON.parse((await runCli(['report', ...paths, ...args, '--no-suppress'])).stdout) as PublishedReport;
  const offices = internal.offices.map((o) => o.office);
  const officeOfFile = (path: string) => offices.find((o) => path.endsWith(officeFile(o)));
  const bounds = await attack(pub, internal, officeOfFile);
  const found = disclosed(bounds, minCell);
  const withChi = disclosed(await attackWithChiSquare(pub, internal, officeOfFile), minCell);
  const shown = withChi.map((b) => `${b.cell} = ${b.truth}${b.min === b.max ? '' : ` (in ${b.min}–${b.max})`}`).join('; ');
  return `| ${name} | ${minCell} | ${bounds.length} | ${found.length} | ${withChi.length} | ${shown} |`;
}

it('audits the default report of every pilot', async () => {
  const rows: string[] = [];
  const fixtures = 'tests/fixtures/pipeline';
  for (const dir of readdirSync(fixtures, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()) {
    const files = readdirSync(join(fixtures, dir))
      .filter((f) => f.endsWith('.csv'))
      .map((f) => join(fixtures, dir, f));
    rows.push(await audit(`fixtures/${dir}`, files));
  }
  rows.push(await audit('data-samples', ['data-samples']));
  for (const [shape, plan] of Object.entries(SHAPES)) {
    const dir = tempDir('shape');
    writePilot(dir, plan);
    for (const minCell of [5, 3]) rows.push(await audit(shape, [dir], minCell));
  }
  for (let seed = 1; seed <= RANDOM_PILOTS; seed++) {
    const dir = tempDir(`random-${seed}`);
    writePilot(dir, randomPlan(seed));
    for (const minCell of [5, 3]) rows.push(await audit(`random small pilot, seed ${seed}`, [dir], minCell));
  }
  for (let seed = 1; seed <= 20; seed++) {
    const dir = tempDir(`audit-${seed}`);
    await runCli(['simulate', '--seed', String(seed), '--rows', String(200 + 100 * seed), '--out', dir]);
    rows.push(await audit(`simulated seed ${seed}, ${200 + 100 * seed} rows`, [dir]));
  }
  const report = [
    '# Disclosure audit',
    '',
    'The attacker in tests/disclosure/attacker.ts against the default report: integer programming over every published count, total, proportion, file\'s and all accepted rows and the adjusted model\'s N ("linear"), then the completions of the pooled outcome table that reproduce the published chi-square ("+ chi-square"). The other statistics are computed from published values only, or withheld, when a cell is hidden. A hidden count counts as recovered when it is pinned to one value or narrowed into 1..min-cell − 1. Reproduce: `npm run audit:disclosure`.',
    '',
    '| Pilot | Min. cell | Hidden counts | Recovered: linear | + chi-square | Which, with the chi-square (true value) |',
    '|---|---:|---:|---:|---:|---|',
    ...rows,
    '',
  ].join('\n');
  writeFileSync('bench/disclosure.md', report);
  console.log(report);
}, 600_000);
