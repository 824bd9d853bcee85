#!/usr/bin/env node
// What the launcher's two V8 options buy (issue 15): the code cache (dist/bundle/main.cjs.cache)
// and the run-time flag --interrupt-budget=300000. Four launchers over the same bundle, in
// temporary copies of bin/ and dist/bundle/: as shipped, without the cache, without the flag,
// without either. Each command runs in fresh processes, the four variants interleaved in every
// round, `--runs` rounds (default 21; 5 for the 100k-row file); the table gives the median wall
// time and, for each variant, the median of its per-round ratios to the shipped launcher.
// Writes its section of bench/results.md (between the v8options markers).
// Usage: node bench/v8options.mjs [--runs 21]
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const runsIndex = args.indexOf('--runs');
const runs = runsIndex >= 0 ? Number(args[runsIndex + 1]) : 21;
const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'bench', 'out');
const cli = join(root, 'bin', 'hybrid-eval.cjs');
const pilot = join(out, '2455');
const large = join(out, '100000');
if (!existsSync(pilot)) execFileSync('node', [cli, 'simulate', '--seed', '7', '--out', pilot], { stdio: 'inherit' });
if (!existsSync(large)) execFileSync('node', [cli, 'simulate', '--seed', '7', '--rows', '100000', '--out', large], { stdio: 'inherit' });
const tiny = join(root, 'tests', 'fixtures', 'pipeline', 'tiny');

const FLAG_LINE = "if (process.versions.v8.startsWith('11.')) require('node:v8').setFlagsFromString('--interrupt-budget=300000');";
const launcherSource = readFileSync(cli, 'utf8');
if (!launcherSource.includes(FLAG_LINE)) throw new Error(`bin/hybrid-eval.cjs no longer holds ${FLAG_LINE}`);

/** A copy of bin/ and dist/bundle/main.cjs (with or without its cache) and a launcher with or without the flag. */
function variant(base, { cache, flag }) {
  const dir = join(base, `${cache ? 'cache' : 'nocache'}-${flag ? 'flag' : 'noflag'}`);
  mkdirSync(join(dir, 'bin'), { recursive: true });
  mkdirSync(join(dir, 'dist', 'bundle'), { recursive: true });
  copyFileSync(join(root, 'bin', 'bundle.cjs'), join(dir, 'bin', 'bundle.cjs'));
  writeFileSync(join(dir, 'bin', 'hybrid-eval.cjs'), flag ? launcherSource : launcherSource.replace(FLAG_LINE, ''));
  copyFileSync(join(root, 'dist', 'bundle', 'main.cjs'), join(dir, 'dist', 'bundle', 'main.cjs'));
  // The cache is valid only for the same file contents; V8 checks the source hash, not the path.
  if (cache) copyFileSync(join(root, 'dist', 'bundle', 'main.cjs.cache'), join(dir, 'dist', 'bundle', 'main.cjs.cache'));
  copyFileSync(join(root, 'package.json'), join(dir, 'package.json')); // --version reads it
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  return join(dir, 'bin', 'hybrid-eval.cjs');
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
function wallMs(argv) {
  const start = process.hrtime.bigint();
  const result = spawnSync('node', argv, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, HYBRID_EVAL_DEBUG: '1' } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${argv.join(' ')} failed: ${result.stderr}`);
  return { ms, cache: /code cache (\w+)/.exec(String(result.stderr))?.[1] ?? '?' };
}

const base = mkdtempSync(join(os.tmpdir(), 'hybrid-eval-v8options-'));
try {
  const variants = [
    { name: 'as shipped: code cache and --interrupt-budget', cli: variant(base, { cache: true, flag: true }) },
    { name: 'no code cache', cli: variant(base, { cache: false, flag: true }) },
    { name: 'no --interrupt-budget', cli: variant(base, { cache: true, flag: false }) },
    { name: 'neither', cli: variant(base, { cache: false, flag: false }) },
  ];
  const commands = [
    { name: '`--help`', argv: ['--help'], runs },
    { name: '`report` (text), tiny pilot (24 persons)', argv: ['report', tiny], runs },
    { name: '`report` (text), 2,455 rows', argv: ['report', pilot], runs },
    { name: '`report --format json`, 100,000 rows', argv: ['report', large, '--format', 'json'], runs: Math.min(runs, 5) },
  ];
  const rows = [];
  for (const command of commands) {
    for (const v of variants) wallMs([v.cli, ...command.argv]); // warm-up
    const samples = variants.map(() => []);
    const states = variants.map(() => new Set());
    for (let r = 0; r < command.runs; r++) {
      variants.forEach((v, k) => {
        const { ms, cache } = wallMs([v.cli, ...command.argv]);
        samples[k].push(ms);
        states[k].add(cache);
      });
    }
    variants.forEach((v, k) => {
      const ratios = samples[k].map((ms, r) => ms / samples[0][r]);
      rows.push(
        `| ${command.name} | ${v.name} (cache ${[...states[k]].join('/')}) | ${median(samples[k]).toFixed(1)} | ${k === 0 ? '1' : median(ratios).toFixed(3)} |`,
      );
    });
    process.stderr.write(`${command.name} done\n`);
  }
  const section = [
    '<!-- v8options:start -->',
    '## What the code cache and the V8 flag buy',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, by \`node bench/v8options.mjs --runs ${runs}\`: ` +
      'four launchers over the same bundle, interleaved in every round, fresh processes; median wall time, and the median of the per-round ratios to the launcher as shipped ' +
      `(${runs} rounds, 5 for the 100,000-row file).`,
    '',
    '| Command | Launcher | Median wall time (ms) | ÷ as shipped |',
    '|---|---|---:|---:|',
    ...rows,
    '<!-- v8options:end -->',
  ].join('\n');
  const resultsPath = join(root, 'bench', 'results.md');
  const results = readFileSync(resultsPath, 'utf8');
  const marked = /<!-- v8options:start -->[\s\S]*<!-- v8options:end -->/;
  writeFileSync(resultsPath, marked.test(results) ? results.replace(marked, section) : `${results.trimEnd()}\n\n${section}\n`);
  process.stdout.write(`${section}\n`);
} finally {
  rmSync(base, { recursive: true, force: true });
}
