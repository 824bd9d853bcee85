import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.js';
import { tempDir } from '../helpers/tempDir.js';

/** Appends the two mod-11 control digits (weights 3 7 6 1 8 9 4 5 2 and 5 4 3 2 7 6 5 4 3 2). */
function identityNumber(nine: string): string | null {
  const d = nine.split('').map(Number);
  const control = (weights: number[], ds: number[]) => {
    const r = 11 - (weights.reduce((s, w, i) => s + w * ds[i], 0) % 11);
    return r === 11 ? 0 : r;
  };
  const k1 = control([3, 7, 6, 1, 8, 9, 4, 5, 2], d);
  const k2 = control([5, 4, 3, 2, 7, 6, 5, 4, 3, 2], [...d, k1]);
  return k1 === 10 || k2 === 10 ? null : `${nine}${k1}${k2}`;
}

describe('--allow-column', () => {
  // A pseudonym column of 11-digit numbers that happen to pass the checksum and date checks.
  const ids: string[] = [];
  for (let i = 100; ids.length < 30; i++) {
    const id = identityNumber(`0101${String(90 + (i % 9)).padStart(2, '0')}${String(i).padStart(3, '0')}`);
    if (id !== null) ids.push(id);
  }
  const dir = tempDir('allow');
  const file = join(dir, 'pseudonyms.csv');
  writeFileSync(
    file,
    `${['løpenummer;kontor;gruppe;utfall', ...ids.map((id, i) => `${id};NAV Bodø;${i % 5 === 0 ? 'hybrid' : 'vanlig'};${i % 3 === 0 ? 'jobb' : 'ingen'}`)].join('\n')}\n`,
  );

  it('refuses the file without it, naming file, line and column but no number', async () => {
    const run = await runCli(['report', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('pseudonyms.csv');
    expect(run.stderr).toMatch(/line 2/);
    expect(run.stderr).toContain('løpenummer');
    for (const id of ids) expect(run.stderr).not.toContain(id);
  });

  it('accepts it when the column is declared safe, and the report notes the exemption', async () => {
    const run = await runCli(['report', file, '--allow-column', 'løpenummer', '--no-suppress']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/checked and safe from the personal-data scan: løpenummer/);
    for (const id of ids) expect(run.stdout).not.toContain(id);
    const json = JSON.parse((await runCli(['report', file, '--allow-column', 'løpenummer', '--format', 'json'])).stdout);
    expect(json.input.allowedColumns).toEqual(['løpenummer']);
  });
});
