// Writes dist/bundle/main.cjs.cache: V8's code cache for main.cjs after a training run.
// The bundle is compiled exactly as bin/hybrid-eval.cjs compiles it (bin/bundle.cjs),
// then runs the commands a user runs on a simulated pilot with output
// discarded, so that the cache holds compiled code for every function those runs used,
// not only the top level. V8 checks the cache against the source and its own version
// and flags when the launcher loads it, and ignores it when they differ.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';

const { bundleFile: file, compileBundle, runBundle } = createRequire(import.meta.url)('../bin/bundle.cjs');
const script = compileBundle(readFileSync(file, 'utf8'));
const { main } = runBundle(script);

const io = { stdout() {}, stderr() {}, stdoutIsTTY: false, stderrIsTTY: false, env: { NO_COLOR: '1' }, cwd: process.cwd() };
const dir = mkdtempSync(join(os.tmpdir(), 'hybrid-eval-train-'));
try {
  const pilot = join(dir, 'pilot');
  const runs = [
    ['simulate', '--seed', '1', '--out', pilot, '--dialects'],
    ['report', pilot, '--format', 'json'],
    ['report', pilot, '--format', 'json', '--no-suppress'],
    ['report', pilot],
    ['report', pilot, '--format', 'md', '--lang', 'nb'],
    ['report', pilot, '--format', 'csv'],
    ['validate', pilot],
    ['--help'],
  ];
  for (const argv of runs) {
    const code = await main(argv, io);
    if (code !== 0) throw new Error(`training run "${argv.join(' ')}" exited with ${code}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
writeFileSync(`${file}.cache`, script.createCachedData());
