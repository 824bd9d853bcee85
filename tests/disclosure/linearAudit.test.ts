import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.js';
import { tempDir } from '../helpers/tempDir.js';
import { attack, disclosed, type PublishedReport } from './attacker.js';

// The attacker's linear stage (every published count, total, proportion and file's
// accepted rows together) must recover no hidden count, nor narrow one into
// 1..min-cell − 1, on pilots where the tool hides cells. The non-linear statistics are
// not in the attack yet (see attacker.ts), so this is a floor, not the whole audit.
const plain = (s: string) => s.toLowerCase().replace('nav ', '').replace('ø', 'o').replace('ü', 'u').replace(/\s+/g, '-');

async function disclosedIn(paths: string[], minCell: number) {
  const args = ['--format', 'json', '--min-cell', String(minCell)];
  const pub = JSON.parse((await runCli(['report', ...paths, ...args])).stdout) as PublishedReport;
  const internal = JSON.parse((await runCli(['report', ...paths, ...args, '--no-suppress'])).stdout) as PublishedReport;
  const offices = internal.offices.map((o) => o.office);
  const bounds = await attack(pub, internal, (path) => offices.find((o) => path.endsWith(`nav-${plain(o)}.csv`)));
  return { hidden: bounds.length, disclosed: disclosed(bounds, minCell) };
}

describe('no hidden count can be worked out from the published counts, totals and proportions together', () => {
  const fixtures = ['tiny', 'zero-cells', 'empty-strata'].map((name) => {
    const dir = join('tests/fixtures/pipeline', name);
    return [name, readdirSync(dir).filter((f) => f.endsWith('.csv')).map((f) => join(dir, f))] as const;
  });
  it.each([...fixtures, ['data-samples', ['data-samples']] as const])('%s', async (_name, paths) => {
    const result = await disclosedIn([...paths], 5);
    expect(result.hidden).toBeGreaterThan(0);
    expect(result.disclosed).toEqual([]);
  });

  it.each([1, 2, 4, 7])('a simulated small pilot (seed %i), --min-cell 5 and 3', async (seed) => {
    const dir = tempDir(`linear-audit-${seed}`);
    await runCli(['simulate', '--seed', String(seed), '--rows', String(200 + 100 * seed), '--out', dir]);
    for (const minCell of [5, 3]) expect((await disclosedIn([dir], minCell)).disclosed).toEqual([]);
  });
});
