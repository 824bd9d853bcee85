/**
 * --threads: the bootstrap's replicates on worker threads (dist/bundle/bootstrap-worker.cjs).
 * Every number of threads gives the same bytes; the option is checked like the others.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.js';
import { tempDir } from '../helpers/tempDir.js';

const pilot = 'tests/fixtures/pipeline/realistic';

describe('--threads', () => {
  it('gives byte-identical reports for 1, 2 and 4 threads, and by default', async () => {
    const runs = await Promise.all(
      [['--threads', '1'], ['--threads', '2'], ['--threads', '4'], []].map((extra) => runCli(['report', pilot, '--format', 'json', '--no-suppress', ...extra])),
    );
    for (const run of runs) expect(run.code).toBe(0);
    expect(JSON.parse(runs[0].stdout).timeToOutcome.weighting.replicates).toBe(999);
    for (const run of runs.slice(1)) expect(run.stdout).toBe(runs[0].stdout);
  });

  it.each(['0', '65', '1.5', 'all', ''])('--threads %j is a usage error (2)', async (value) => {
    const run = await runCli(['report', pilot, '--threads', value]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--threads must be a whole number from 1 to 64');
  });

  it('reads threads from --config', async () => {
    const dir = tempDir('threads-config');
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ inputs: [resolve(pilot)], threads: 0 }));
    const bad = await runCli(['report', '--config', join(dir, 'bad.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--threads must be a whole number from 1 to 64, not "0"');
    writeFileSync(join(dir, 'two.json'), JSON.stringify({ inputs: [resolve(pilot)], format: 'json', threads: 2 }));
    expect((await runCli(['report', '--config', join(dir, 'two.json')])).code).toBe(0);
  });
});
