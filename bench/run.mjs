#!/usr/bin/env node
// npm run bench — times `hybrid-eval report --format json` against the R peer
// (bench/peer.R: data.table + sandwich) and, where installed, the Python peer
// (bench/peer.py: pandas + SciPy + statsmodels), on the same files in one run.
// Prints medians, ratios and peak memory, and writes bench/results.md.
// Options: --sizes 2455,100000,1000000  --runs 5
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const sizes = opt('--sizes', '2455,100000,1000000').split(',').map(Number);
const runs = Number(opt('--runs', '5'));
const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'bench', 'out');
const cli = join(root, 'bin', 'hybrid-eval.js');
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

function has(command, probe) {
  return spawnSync(command, probe, { stdio: 'ignore' }).status === 0;
}
const peers = [
  { name: 'hybrid-eval', cmd: (dir) => ['node', [cli, 'report', dir, '--format', 'json', '--no-suppress']] },
];
if (has('Rscript', ['-e', 'library(data.table); library(sandwich)'])) {
  peers.push({ name: 'R (data.table, sandwich)', cmd: (dir) => ['Rscript', [join(root, 'bench', 'peer.R'), dir]] });
}
if (has('python3', ['-c', 'import pandas, scipy, statsmodels'])) {
  peers.push({ name: 'Python (pandas, SciPy, statsmodels)', cmd: (dir) => ['python3', [join(root, 'bench', 'peer.py'), dir]] });
}

/** One timed run: wall seconds and peak RSS (MB) from /usr/bin/time -v. */
function timeOnce(command, commandArgs) {
  const start = process.hrtime.bigint();
  const result = timeBin
    ? spawnSync(timeBin, ['-v', command, ...commandArgs], { encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(command, commandArgs, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`${command} failed:\n${result.stderr.slice(-2000)}`);
  const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr ?? '');
  return { seconds, peakMb: match ? Number(match[1]) / 1024 : null };
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

mkdirSync(out, { recursive: true });
const rows = [];
for (const size of sizes) {
  const dir = join(out, String(size));
  if (!existsSync(dir)) {
    const extra = size === 2455 ? [] : ['--rows', String(size)];
    execFileSync('node', [cli, 'simulate', '--seed', '7', '--out', dir, ...extra], { stdio: 'inherit' });
  }
  const lines = Number(execFileSync('sh', ['-c', `cat ${dir}/*.csv | wc -l`], { encoding: 'utf8' })) - 8;
  const n = size >= 1_000_000 ? Math.max(1, Math.min(runs, 3)) : runs;
  const measured = peers.map((peer) => {
    const [command, commandArgs] = peer.cmd(dir);
    timeOnce(command, commandArgs); // warm-up (file cache)
    const samples = Array.from({ length: n }, () => timeOnce(command, commandArgs));
    return {
      name: peer.name,
      seconds: median(samples.map((s) => s.seconds)),
      peakMb: Math.max(...samples.map((s) => s.peakMb ?? 0)) || null,
    };
  });
  const ours = measured[0];
  for (const m of measured) {
    rows.push({ size: lines, ...m, timeRatio: ours.seconds / m.seconds, memRatio: ours.peakMb && m.peakMb ? ours.peakMb / m.peakMb : null });
  }
}

const fmt = (x, d = 2) => (x === null ? '–' : x.toFixed(d));
const table = [
  '| Rows | Tool | Median wall time (s) | Peak memory (MB) | hybrid-eval time ÷ this | hybrid-eval memory ÷ this |',
  '|---:|---|---:|---:|---:|---:|',
  ...rows.map((r) => `| ${r.size.toLocaleString('en')} | ${r.name} | ${fmt(r.seconds)} | ${fmt(r.peakMb, 0)} | ${fmt(r.timeRatio)} | ${fmt(r.memRatio)} |`),
].join('\n');
const header = `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; ${runs} runs per size (3 at 1M), median; peak RSS from /usr/bin/time -v.`;
const text = `# Benchmark\n\n${header}\n\nReproduce: \`npm run bench\` (or \`node bench/run.mjs --sizes 2455,1000000 --runs 5\`).\n\n${table}\n`;
writeFileSync(join(root, 'bench', 'results.md'), text);
process.stdout.write(text);
