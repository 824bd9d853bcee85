import { readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.js';
import { tempDir } from '../helpers/tempDir.js';

function simulateInto(seed: string, extra: string[] = []) {
  const dir = tempDir('sim');
  return runCli(['simulate', '--seed', seed, '--out', dir, ...extra]).then((run) => ({ run, dir }));
}

describe('simulate', () => {
  it('writes eight offices following the pilot design', async () => {
    const { run, dir } = await simulateInto('3');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const files = readdirSync(dir).sort();
    expect(files).toHaveLength(8);
    for (const file of files) {
      const rows = readFileSync(join(dir, file), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(','));
      const counsellors = new Map<string, { hybrid: number; usual: number }>();
      for (const r of rows) {
        const c = counsellors.get(r[2]) ?? { hybrid: 0, usual: 0 };
        c[r[3] as 'hybrid' | 'usual'] += 1;
        counsellors.set(r[2], c);
      }
      expect(counsellors.size).toBeGreaterThanOrEqual(5);
      expect(counsellors.size).toBeLessThanOrEqual(9);
      for (const c of counsellors.values()) {
        expect(c.hybrid).toBeGreaterThanOrEqual(2);
        expect(c.hybrid).toBeLessThanOrEqual(3);
        expect(c.usual).toBeGreaterThanOrEqual(25);
        expect(c.usual).toBeLessThanOrEqual(60);
      }
    }
  });

  it('is deterministic per seed and differs between seeds', async () => {
    const a = await simulateInto('42');
    const b = await simulateInto('42');
    const c = await simulateInto('43');
    const read = (dir: string) =>
      readdirSync(dir)
        .sort()
        .map((f) => readFileSync(join(dir, f), 'utf8'))
        .join('');
    expect(read(a.dir)).toBe(read(b.dir));
    expect(read(a.dir)).not.toBe(read(c.dir));
  });

  it('includes outcomes not yet registered, and scales with --rows', async () => {
    const { dir } = await simulateInto('5', ['--rows', '20000']);
    const rows = readdirSync(dir).flatMap((f) => readFileSync(join(dir, f), 'utf8').trim().split('\n').slice(1));
    expect(rows.length).toBeGreaterThan(18000);
    expect(rows.length).toBeLessThan(22000);
    expect(rows.some((r) => r.split(',')[4] === '')).toBe(true);
  });

  it('rejects a non-numeric seed as a usage error', async () => {
    const run = await runCli(['simulate', '--seed', 'abc', '--out', tmpdir()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--seed');
  });
});
