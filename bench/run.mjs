#!/usr/bin/env node
// npm run bench — times `hybrid-eval report --format json` (the full report) against
// the R peer (bench/peer.R: data.table + sandwich) and, where installed, the
// Python peer (bench/peer.py: pandas + SciPy + statsmodels), on the same files in
// one run, runs interleaved (ours, R, ours, R …) so drift hits both alike. Also
// times the pipeline without the CLI, and ingest + table alone (bench/pipeline.mjs). Prints medians,
// ratios and peak memory against the goal (≤ 0.5× R's time, ≤ 0.25× R's memory),
// and writes bench/results.md.
// Also times bare `node -e 0` (Node's own start, which no JavaScript can shorten) and,
// when NODE_EXTRA_CA_CERTS is set, the report without it: Node then reads and parses
// that certificate bundle at every start, before any of our code runs (29 ms on the
// machine this was written on), although hybrid-eval never opens a connection.
// Options: --sizes 2455,100000,1000000  --runs 5 (at least 21 below 50 000 rows, where
// run-to-run noise is a larger share)  --startup-baseline <git ref> (bench/formats.mjs)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
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
const cli = join(root, 'bin', 'hybrid-eval.cjs');
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

function has(command, probe) {
  return spawnSync(command, probe, { stdio: 'ignore' }).status === 0;
}
const REPORT = 'hybrid-eval report';
const peers = [
  { name: REPORT, cmd: (dir) => ['node', [cli, 'report', dir, '--format', 'json']] },
  ...(process.env.NODE_EXTRA_CA_CERTS
    ? [
        {
          name: 'hybrid-eval report, NODE_EXTRA_CA_CERTS unset',
          cmd: (dir) => ['env', ['-u', 'NODE_EXTRA_CA_CERTS', 'node', cli, 'report', dir, '--format', 'json']],
        },
      ]
    : []),
  {
    // The same stages without the CLI (no start-up of commander or renderers, no suppression).
    name: 'hybrid-eval pipeline, no CLI',
    cmd: (dir) => ['node', [join(root, 'bench', 'pipeline.mjs'), dir]],
  },
  {
    name: 'hybrid-eval ingest + table only',
    cmd: (dir) => ['node', [join(root, 'bench', 'pipeline.mjs'), dir, '--until', 'table']],
  },
];
const R_NAME = 'R (data.table, sandwich, metafor, nnet, survival, cmprsk)';
/** The report's cluster bootstrap of the weighted time-to-outcome difference. */
const BOOTSTRAP_REPLICATES = 999;
peers.push({ name: 'node -e 0 (Node start only)', cmd: () => ['node', ['-e', '0']] });
if (has('Rscript', ['-e', 'library(data.table); library(sandwich); library(metafor); library(nnet); library(survival); library(cmprsk)'])) {
  peers.push({ name: R_NAME, cmd: (dir) => ['Rscript', [join(root, 'bench', 'peer.R'), dir]] });
}
// The first Python that has pandas, SciPy and statsmodels (Debian's /usr/bin/python3 may, a pyenv one may not).
const python = ['python3', '/usr/bin/python3'].find((p) => has(p, ['-c', 'import pandas, scipy, statsmodels']));
if (python !== undefined) {
  peers.push({ name: 'Python (pandas, SciPy, statsmodels)', cmd: (dir) => [python, [join(root, 'bench', 'peer.py'), dir]] });
}

/** One timed run: wall seconds and peak RSS (MB) from /usr/bin/time -v; null when the command fails. */
function timeOnce(command, commandArgs) {
  const start = process.hrtime.bigint();
  const result = timeBin
    ? spawnSync(timeBin, ['-v', command, ...commandArgs], { encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(command, commandArgs, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) {
    process.stderr.write(`${command} ${commandArgs.join(' ')} failed:\n${(result.stderr ?? '').slice(-1500)}\n`);
    return null;
  }
  const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr ?? '');
  // The R peer times a few bootstrap replicates; their measured time is scaled to the report's 999.
  const boot = /bootstrap_seconds ([\d.]+) replicates (\d+)/.exec(result.stdout ?? '');
  const extrapolated = boot === null ? 0 : Number(boot[1]) * (BOOTSTRAP_REPLICATES / Number(boot[2]) - 1);
  return {
    seconds: seconds + extrapolated,
    peakMb: match ? Number(match[1]) / 1024 : null,
    bootstrapSeconds: boot === null ? null : Number(boot[1]) + extrapolated,
  };
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
  const files = readdirSync(dir).filter((name) => name.endsWith('.csv')).length;
  const lines = Number(execFileSync('sh', ['-c', `cat ${dir}/*.csv | wc -l`], { encoding: 'utf8' })) - files;
  const n = size >= 1_000_000 ? Math.max(1, Math.min(runs, 3)) : lines < 50_000 ? Math.max(runs, 21) : runs;
  const samples = peers.map(() => []);
  const failed = peers.map(() => false);
  peers.forEach((peer, p) => {
    const [command, commandArgs] = peer.cmd(dir);
    if (timeOnce(command, commandArgs) === null) failed[p] = true; // warm-up (file cache)
  });
  for (let i = 0; i < n; i++) {
    peers.forEach((peer, p) => {
      if (failed[p]) return;
      const sample = timeOnce(...peer.cmd(dir));
      if (sample === null) failed[p] = true;
      else samples[p].push(sample);
    });
  }
  const measured = peers.map((peer, p) => ({
    name: peer.name,
    seconds: failed[p] ? null : median(samples[p].map((s) => s.seconds)),
    bootstrapSeconds: failed[p] || samples[p][0]?.bootstrapSeconds == null ? null : median(samples[p].map((s) => s.bootstrapSeconds)),
    peakMb: failed[p] ? null : Math.max(...samples[p].map((s) => s.peakMb ?? 0)) || null,
  }));
  const r = measured.find((m) => m.name === R_NAME);
  for (const m of measured) {
    rows.push({
      size: lines,
      ...m,
      timeRatio: r && m !== r && m.seconds !== null && r.seconds ? m.seconds / r.seconds : null,
      memRatio: r && m !== r && m.peakMb && r.peakMb ? m.peakMb / r.peakMb : null,
    });
  }
}

const fmt = (x, d = 2) => (x === null || x === undefined ? '–' : x.toFixed(d));
const verdict = (x, limit) => (x === null ? '' : x <= limit ? ' ✓' : ' ✗');
const table = [
  '| Rows | Tool | Median wall time (s) | Peak memory (MB) | time ÷ R (goal ≤ 0.5) | memory ÷ R (goal ≤ 0.25 at 1M) |',
  '|---:|---|---:|---:|---:|---:|',
  ...rows.map(
    (r) =>
      `| ${r.size.toLocaleString('en')} | ${r.name}${r.bootstrapSeconds == null ? '' : ` (of which bootstrap ${fmt(r.bootstrapSeconds, 1)} s)`} | ${fmt(r.seconds, 3)} | ${fmt(r.peakMb, 0)} | ` +
      `${fmt(r.timeRatio)}${r.name.startsWith(REPORT) ? verdict(r.timeRatio, 0.5) : ''} | ` +
      `${fmt(r.memRatio)}${r.name.startsWith(REPORT) && r.size >= 1e6 ? verdict(r.memRatio, 0.25) : ''} |`,
  ),
].join('\n');
const header =
  `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ` +
  `Node ${process.version}; ${runs} runs per size (at least 21 below 50 000 rows, 3 at 1M), interleaved, ` +
  'median time, maximum peak RSS (/usr/bin/time -v). "–": the command failed (see stderr). ' +
  "The R peer (bench/peer.R) runs the analyses the report makes: crude table and tests, effects by office with Holm and the REML meta-analysis, CMH by office and by counsellor, the adjusted model, the AIPW and IPW estimates with their stacked sandwich, the multinomial model (nnet::multinom, default control) with its clustered sandwich and Wald test, exact conditional logistic regression by counsellor (survival::clogit), the E-values, and time to outcome: Aalen–Johansen curves by group at the horizons and every month (survfit), Gray's test (cmprsk::cuminc), the cause-specific Cox model (coxph, clustered), Fine–Gray (finegray + coxph; cmprsk::crr is quadratic in the persons) and the ATT-weighted difference at 6 and 12 months with its cluster bootstrap. R times 20 bootstrap replicates (BOOT_TIMED) and their measured time is scaled to the report's 999, shown beside R's name; the rest is measured whole. Loading its packages is about 1.4 s at every size. " +
  (process.env.NODE_EXTRA_CA_CERTS
    ? 'NODE_EXTRA_CA_CERTS was set in this environment: every Node process (not R or Python) first reads that certificate bundle; the row "NODE_EXTRA_CA_CERTS unset" shows the report without that cost.'
    : 'NODE_EXTRA_CA_CERTS was not set.');
const text = `# Benchmark\n\n${header}\n\nReproduce: \`npm run bench\` (or \`node bench/run.mjs --sizes 2455,1000000 --runs 5\`).\n\n${table}\n`;
writeFileSync(join(root, 'bench', 'results.md'), text);
process.stdout.write(text);
// Start-up and every output format, against the commit named by --startup-baseline (default: none).
const startupBaseline = opt('--startup-baseline', undefined);
execFileSync('node', [join(root, 'bench', 'formats.mjs'), ...(startupBaseline === undefined ? [] : ['--baseline', startupBaseline])], { stdio: 'inherit' });
