import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';
import { tempDir } from '../helpers/tempDir.js';

/** A canonical export of about `megabytes` MB. */
function bigExport(megabytes: number): string {
  const dir = tempDir('progress');
  const rows = ['person_id,office,counsellor_id,group,outcome,age,gender,prior_work,start_date,end_date'];
  const row = (i: number) =>
    `P${i},NAV Bodø,V${i % 40},${i % 20 === 0 ? 'hybrid' : 'usual'},${i % 3 === 0 ? 'job' : 'none'},${20 + (i % 40)},${i % 2 ? 'F' : 'M'},${i % 2},2022-03-01,2023-01-15`;
  const count = Math.ceil((megabytes * 1024 * 1024) / row(100000).length);
  for (let i = 0; i < count; i++) rows.push(row(i));
  const path = join(dir, 'big.csv');
  writeFileSync(path, `${rows.join('\n')}\n`);
  return path;
}

async function run(path: string, stderrIsTTY: boolean) {
  let stderr = '';
  const io: Io = {
    stdout: () => {},
    stderr: (t) => {
      stderr += t;
    },
    stdoutIsTTY: false,
    stderrIsTTY,
    env: { NO_COLOR: '1' },
    cwd: process.cwd(),
  };
  const code = await main(['report', path, '--format', 'json'], io);
  return { code, stderr };
}

describe('progress bar', () => {
  const path = bigExport(21);

  it('shows on a terminal for inputs over 20 MB, then clears itself', async () => {
    const { code, stderr } = await run(path, true);
    expect(code).toBe(0);
    expect(stderr).toContain('Reading exports');
    expect(stderr).toContain('100 %');
    expect(stderr.endsWith('\r\u001b[2K')).toBe(true);
  });

  it('stays silent when stderr is not a terminal', async () => {
    const { code, stderr } = await run(path, false);
    expect(code).toBe(0);
    expect(stderr).toBe('');
  });
});
