#!/usr/bin/env node
// Fisher's exact test alone, on 2 x 4 outcome tables (group x job, apprenticeship,
// education, none) of the simulated pilot's proportions at growing sizes. The
// proportions are those of `hybrid-eval simulate --seed 7 --rows 1000000` (the
// registered persons of bench/out/1000000), scaled to n persons and rounded.
// Each size is timed in this process after one warm-up call: median of --runs calls
// (fewer when one call takes more than a second).
// With --baseline <git ref>, the same tables are timed with that commit's
// dist/stats/fisherExact.js (built in a temporary worktree, as bench/formats.mjs does,
// or taken from --baseline-dist DIR when that commit is already built there).
// With --r, R's fisher.test(workspace = 2e9) is timed on the same tables at --r-sizes
// (bench/peer-fisher.R --sizes; one call each, in its own process, stopped after --r-limit
// seconds; RSCRIPT names another Rscript than the one on PATH).
// With --write, replaces the fisher section of bench/results.md (between its markers).
// Usage: node bench/fisher.mjs [--runs 11] [--sizes 2500,10000,...] [--baseline <ref> [--baseline-dist DIR]]
//          [--r [--r-sizes 2500,10000,100000] [--r-limit 300]] [--write]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const runs = Number(opt('--runs', '11'));
// 166 000 persons are about the 173 000 rows of the issue (4 % of outcomes not yet registered).
const sizes = opt('--sizes', '2500,10000,100000,166000,173000,180000,1000000,10000000').split(',').map(Number);
const baselineRef = opt('--baseline', undefined);
const baselineBuilt = opt('--baseline-dist', undefined);
const root = new URL('..', import.meta.url).pathname;

/** Registered persons of the 1M-row simulated pilot (seed 7): hybrid, usual x job, apprenticeship, education, none. */
const PILOT = [
  [12592, 5057, 7599, 27933],
  [132446, 52760, 79726, 643320],
];
const PILOT_TOTAL = PILOT.flat().reduce((s, v) => s + v, 0);
const tableOf = (n) => PILOT.map((row) => row.map((v) => Math.round((v * n) / PILOT_TOTAL)));

/** A built checkout of `ref` (its node_modules shared with ours); returns its dist directory. */
function baselineDist(ref) {
  const dir = join(root, 'bench', 'out', `baseline-${ref.replace(/[^\w.-]/g, '_')}`);
  if (!existsSync(join(dir, 'dist', 'stats', 'fisherExact.js'))) {
    rmSync(dir, { recursive: true, force: true });
    execFileSync('git', ['worktree', 'add', '--detach', '--force', dir, ref], { cwd: root, stdio: 'ignore' });
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
    execFileSync('npm', ['run', 'build'], { cwd: dir, stdio: 'ignore' });
  }
  return join(dir, 'dist');
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function timeFisher(fisherExact, table) {
  const first = performance.now();
  let result = fisherExact(table); // warm-up
  const warm = performance.now() - first;
  const n = warm > 1000 ? Math.min(runs, 3) : runs;
  const times = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    result = fisherExact(table);
    times.push(performance.now() - start);
  }
  return { ms: median(times), runs: n, result };
}

const loadBefore = os.loadavg()[0];
const variants = [{ name: 'this tree', dist: join(root, 'dist') }];
if (baselineRef !== undefined) variants.push({ name: `at ${baselineRef}`, dist: baselineBuilt ?? baselineDist(baselineRef) });
const loaded = [];
for (const v of variants) {
  const mod = await import(join(v.dist, 'stats', 'fisherExact.js'));
  loaded.push({ ...v, fisherExact: mod.fisherExact });
}

const fmtP = (r) => {
  if (r.pValue === null) return '–';
  const p = r.pValue === 0 ? '0' : r.pValue.toExponential(3);
  const log10 = r.log10PValue === undefined ? '' : ` (log10 p = ${r.log10PValue.toFixed(2)})`;
  return `${p}${log10}`;
};
const rows = [];
for (const n of sizes) {
  const table = tableOf(n);
  for (const v of loaded) {
    const { ms, runs: k, result } = timeFisher(v.fisherExact, table);
    rows.push({ n, name: v.name, ms, runs: k, method: result.method, p: fmtP(result) });
    process.stderr.write(`${n} ${v.name}: ${ms.toFixed(2)} ms (${k} runs) ${result.method} p = ${fmtP(result)}\n`);
  }
}

if (args.includes('--r')) {
  const limit = Number(opt('--r-limit', '300'));
  // RSCRIPT names another Rscript than the one on PATH, as for npm run fixtures.
  const rscript = process.env.RSCRIPT || 'Rscript';
  const name = 'R fisher.test(workspace = 2e9)';
  for (const n of opt('--r-sizes', '2500,10000,100000').split(',').map(Number)) {
    // One size per process, killed after the limit (R's own time limit does not stop FEXACT).
    const run = spawnSync(rscript, [join(root, 'bench', 'peer-fisher.R'), '--sizes', String(n)], { encoding: 'utf8', timeout: limit * 1000 });
    const done = /^n = \d+: p = (\S+) in ([\d.]+) s$/m.exec(run.stdout ?? '');
    const failed = /^n = \d+: failed after ([\d.]+) s: (.*)$/m.exec(run.stdout ?? '');
    if (done) rows.push({ n, name, ms: Number(done[2]) * 1000, runs: 1, method: 'exact (FEXACT)', p: Number(done[1]).toExponential(3) });
    else if (failed) rows.push({ n, name, ms: Number(failed[1]) * 1000, runs: 1, method: `failed: ${failed[2]}`, p: '–' });
    else rows.push({ n, name, ms: limit * 1000, runs: 1, method: `stopped after ${limit} s`, p: '–' });
    process.stderr.write(`${n} ${name}: ${rows.at(-1).method} ${rows.at(-1).ms.toFixed(0)} ms p = ${rows.at(-1).p}\n`);
  }
  rows.sort((a, b) => a.n - b.n);
}

const table = [
  '| n (persons in the table) | Code | Median time (ms) | Runs | Method | p |',
  '|---:|---|---:|---:|---|---|',
  ...rows.map((r) => `| ${r.n.toLocaleString('en')} | ${r.name} | ${r.ms < 10 ? r.ms.toFixed(2) : r.ms.toFixed(0)} | ${r.runs} | ${r.method} | ${r.p} |`),
].join('\n');
const section =
  `<!-- fisher:start -->\n## Fisher's exact test alone (2 × 4)\n\n` +
  `Measured ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, by \`node bench/fisher.mjs --runs ${runs}${baselineRef ? ` --baseline ${baselineRef}` : ''}${args.includes('--r') ? ' --r' : ''}\`: ` +
  'the outcome table of the simulated pilot (seed 7, 1M rows) scaled to n persons, one process, one warm-up call, median of the timed calls (3 when a call takes over a second). ' +
  `Load average ${loadBefore.toFixed(1)} before and ${os.loadavg()[0].toFixed(1)} after, on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'} shared with other work.\n\n` +
  `${table}\n<!-- fisher:end -->`;
process.stdout.write(`${section}\n`);
if (args.includes('--write')) {
  const file = join(root, 'bench', 'results.md');
  const text = readFileSync(file, 'utf8');
  const re = /<!-- fisher:start -->[\s\S]*?<!-- fisher:end -->/;
  writeFileSync(file, re.test(text) ? text.replace(re, section) : `${text.trimEnd()}\n\n${section}\n`);
}
