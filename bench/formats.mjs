#!/usr/bin/env node
// Start-up and output formats: `hybrid-eval --help`, the default text report, and the
// report in every format of the format list (src/report/render/formats.ts), on the
// 2,455-row pilot, in fresh processes, interleaved, median of --runs (default 21).
// With --baseline <git ref>, the same --help and text report of that commit (built in a
// temporary worktree) are timed in the same run, interleaved with ours, so that "no
// slower than before" is measured, not remembered.
// Writes its section of bench/results.md (between the formats markers); npm run bench runs it.
// Usage: node bench/formats.mjs [--runs 21] [--baseline <ref>] [--startup-only]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const runs = Number(opt('--runs', '21'));
const baselineRef = opt('--baseline', undefined);
const startupOnly = args.includes('--startup-only');
const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'bench', 'out');
const pilot = join(out, '2455');
const cli = join(root, 'bin', 'hybrid-eval.cjs');
if (!existsSync(pilot)) execFileSync('node', [cli, 'simulate', '--seed', '7', '--out', pilot], { stdio: 'inherit' });

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function wallMs(argv) {
  const start = process.hrtime.bigint();
  const result = spawnSync('node', argv, { cwd: root, stdio: ['ignore', 'ignore', 'ignore'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return result.status === 0 ? ms : null;
}

/** A built checkout of the baseline commit, its node_modules shared with ours. */
function baselineCli(ref) {
  const dir = join(out, `baseline-${ref.replace(/[^\w.-]/g, '_')}`);
  if (!existsSync(join(dir, 'dist', 'bundle', 'main.cjs'))) {
    rmSync(dir, { recursive: true, force: true });
    execFileSync('git', ['worktree', 'add', '--detach', '--force', dir, ref], { cwd: root, stdio: 'ignore' });
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
    execFileSync('npm', ['run', 'build'], { cwd: dir, stdio: 'ignore' });
  }
  return join(dir, 'bin', 'hybrid-eval.cjs');
}

const { FORMAT_SPECS } = await import(join(root, 'dist', 'report', 'render', 'formats.js'));
const outputDir = join(out, 'formats');
mkdirSync(outputDir, { recursive: true });
// The 24-person tiny pilot: a report whose time is mostly start-up (loading, parsing,
// compiling), apart from the 2,455-row report, whose time is mostly the bootstrap.
const tiny = join(root, 'tests', 'fixtures', 'pipeline', 'tiny');
const commands = [
  { name: '`hybrid-eval --help`', argv: [cli, '--help'] },
  { name: '`hybrid-eval report` (text)', argv: [cli, 'report', pilot] },
  { name: '`hybrid-eval report` (text), tiny pilot', argv: [cli, 'report', tiny] },
];
if (baselineRef !== undefined) {
  const base = baselineCli(baselineRef);
  commands.push({ name: `\`--help\` at ${baselineRef}`, argv: [base, '--help'], baseline: 0 });
  commands.push({ name: `\`report\` (text) at ${baselineRef}`, argv: [base, 'report', pilot], baseline: 1 });
  commands.push({ name: `\`report\` (text), tiny pilot, at ${baselineRef}`, argv: [base, 'report', tiny], baseline: 2 });
}
for (const spec of startupOnly ? [] : FORMAT_SPECS) {
  const file = join(outputDir, `report.${spec.extension}`);
  commands.push({ name: `\`report --format ${spec.name} --out\``, argv: [cli, 'report', pilot, '--format', spec.name, '--out', file], file });
}
commands.push({ name: '`node -e 0` (Node start only)', argv: ['-e', '0'] });

const samples = commands.map(() => []);
for (const c of commands) wallMs(c.argv); // warm-up: file cache, code cache
for (let i = 0; i < runs; i++) {
  commands.forEach((c, k) => {
    const ms = wallMs(c.argv);
    if (ms !== null) samples[k].push(ms);
  });
}
const medians = samples.map((s) => (s.length === runs ? median(s) : null));
const fmt = (x) => (x === null ? 'failed' : x.toFixed(1));

/**
 * Paired runs: ours ÷ baseline within each round of the interleaved loop, their median,
 * and a distribution-free 95 % interval for that median from order statistics (the
 * sign-test interval: ranks k and n+1−k, k the largest with P(Binom(n, ½) < k) ≤ 0.025).
 */
function pairedRatio(ours, theirs) {
  if (ours.length !== runs || theirs.length !== runs) return '–';
  const ratios = ours.map((x, i) => x / theirs[i]).sort((a, b) => a - b);
  const n = ratios.length;
  let k = 0;
  let lowerTail = 0;
  let term = 0.5 ** n; // P(Binom(n, ½) = 0)
  while (lowerTail + term <= 0.025) {
    lowerTail += term;
    term *= (n - k) / (k + 1);
    k++;
  }
  const ci = k >= 1 ? `, 95 % CI ${ratios[k - 1].toFixed(3)}–${ratios[n - k].toFixed(3)}` : '';
  return `${median(ratios).toFixed(3)}${ci}`;
}
const rows = commands.map((c, k) => {
  const against = c.baseline === undefined ? '' : ` (ours ÷ this, paired: ${pairedRatio(samples[c.baseline], samples[k])})`;
  const bytes = c.file !== undefined && existsSync(c.file) ? statSync(c.file).size.toLocaleString('en') : '';
  return `| ${c.name}${against} | ${fmt(medians[k])} | ${bytes} |`;
});
// --startup-only writes a section of its own, so that the formats table stays.
const marker = startupOnly ? 'startup' : 'formats';
const section = [
  `<!-- ${marker}:start -->`,
  startupOnly ? '## Start-up, paired against a baseline' : '## Start-up and output formats',
  '',
  `Measured ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, by \`node bench/formats.mjs --runs ${runs}${baselineRef === undefined ? '' : ` --baseline ${baselineRef}`}\` (part of \`npm run bench\`): ` +
    `the ${'2,455'}-row pilot, fresh processes, interleaved, median wall time of ${runs} runs. ` +
    'A baseline row gives the median of the per-round ratios ours ÷ baseline and its sign-test 95 % interval. ' +
    (startupOnly ? '' : 'Renderers kept apart in the format list (html, docx, xlsx) and their libraries load only for their format.'),
  '',
  '| Command | Median wall time (ms) | Output bytes |',
  '|---|---:|---:|',
  ...rows,
  `<!-- ${marker}:end -->`,
].join('\n');
const resultsPath = join(root, 'bench', 'results.md');
const results = existsSync(resultsPath) ? readFileSync(resultsPath, 'utf8') : '# Benchmark\n';
const marked = new RegExp(`<!-- ${marker}:start -->[\\s\\S]*<!-- ${marker}:end -->`);
writeFileSync(resultsPath, marked.test(results) ? results.replace(marked, section) : `${results.trimEnd()}\n\n${section}\n`);
process.stdout.write(`${section}\n`);
