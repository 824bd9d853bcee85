#!/usr/bin/env node
// npm run bench — times `hybrid-eval report --format json` (the full report) across sizes
// (2,455, 10k, 100k, 1M and 10M rows made by `hybrid-eval simulate`) against the R peer
// (bench/peer.R: data.table, sandwich, metafor, nnet, survival, cmprsk), where installed the
// Python peer (bench/peer.py), and DuckDB's GROUP BY over the same files (bench/duckdb-peer.mjs)
// as the reading limit: no report can read its input faster than that. Runs are interleaved
// (ours, R, DuckDB, ours, R …) so drift hits all alike; wall time and peak RSS come from
// /usr/bin/time -v. Also times the pipeline without the CLI, ingest + table alone
// (bench/pipeline.mjs), bare `node -e 0` and, when NODE_EXTRA_CA_CERTS is set, the report
// without it (Node then reads that certificate bundle at every start, before any of our code).
// Prints and records (bench/results-sizes.json, rendered into bench/results.md) the medians,
// peak memory, the ratios ours ÷ R and ours ÷ DuckDB and each goal of issue 15 as met or not.
//
// Inputs live in bench/out/ (git-ignored): bench/out/<size>/ holds the eight office files,
// bench/out/<size>-single/all.csv the same rows in one file under one header. Sizes from
// 10M rows on are read from the one file; --single-file reads every size so, --office-files
// none. Runs per size: --runs (default 5), at least 21 below 50 000 rows (run-to-run noise
// is a larger share there), at most 3 from 1M rows on (R takes many minutes there). Below
// 1M rows every command runs once unmeasured first (file cache, code cache); from 1M on the
// files are read once instead, which warms the file cache without another run of R.
// A command is killed after --timeout-min minutes (default 120), and R (and Python) run
// under an address-space limit of --r-memory-gib GiB (default 12), so that a peer that would
// need more than the shared machine has fails by itself instead of calling the OOM killer.
// A peer that failed is recorded as failed, with why; its time and peak memory until then
// are lower bounds of what it needed, so ours ÷ it is shown as an upper bound ("<").
// --no-r does not run R but keeps R's last measurement of each size, shown with its date.
// Options: --sizes 2455,10000,100000,1000000,10000000  --runs 5  --single-file  --office-files
//   --timeout-min 120  --r-memory-gib 12  --no-r  --skip-formats  --skip-fisher  --render-only
//   --startup-baseline <git ref>
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
// --render-only: no measuring, bench/results.md written again from bench/results-sizes.json.
const sizes = args.includes('--render-only') ? [] : opt('--sizes', '2455,10000,100000,1000000,10000000').split(',').map(Number);
const runs = Number(opt('--runs', '5'));
const timeoutMinutes = Number(opt('--timeout-min', '120'));
const rMemoryGib = Number(opt('--r-memory-gib', '12'));
/** From this many rows on, the input is one CSV file (issue 15: "10M in a single file"). */
const SINGLE_FILE_FROM = 10_000_000;
const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'bench', 'out');
const cli = join(root, 'bin', 'hybrid-eval.cjs');
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const recordPath = join(root, 'bench', 'results-sizes.json');
const resultsPath = join(root, 'bench', 'results.md');

function has(command, probe) {
  return spawnSync(command, probe, { stdio: 'ignore' }).status === 0;
}
const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

// DuckDB is used by the bench only: installed on demand into bench/.duckdb (git-ignored), never
// a dependency in package.json, so that `npm ci` for users and CI does not grow.
const DUCKDB_PACKAGE = '@duckdb/node-api@1.5.6-r.1';
const duckdbFolder = join(root, 'bench', '.duckdb');
function duckdbVersion() {
  try {
    return JSON.parse(readFileSync(createRequire(join(duckdbFolder, 'x.js')).resolve('@duckdb/node-api/package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}
function ensureDuckdb() {
  if (duckdbVersion() !== null) return duckdbVersion();
  process.stderr.write(`bench: installing ${DUCKDB_PACKAGE} into bench/.duckdb (for the bench only; not a dependency of hybrid-eval)\n`);
  const install = spawnSync('npm', ['install', '--prefix', duckdbFolder, '--no-save', '--no-audit', '--no-fund', DUCKDB_PACKAGE], { stdio: 'inherit' });
  if (install.status !== 0 || duckdbVersion() === null) {
    process.stderr.write('bench: could not install DuckDB; continuing without the reading limit (its rows show "not run")\n');
    return null;
  }
  return duckdbVersion();
}

const REPORT = 'hybrid-eval report';
const R_NAME = 'R (data.table, sandwich, metafor, nnet, survival, cmprsk)';
const DUCKDB_NAME = 'DuckDB GROUP BY (reading limit)';
/** The report's cluster bootstrap of the weighted time-to-outcome difference. */
const BOOTSTRAP_REPLICATES = 999;
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
  { name: 'node -e 0 (Node start only)', cmd: () => ['node', ['-e', '0']] },
];
if (args.includes('--no-r')) {
  process.stderr.write('bench: --no-r, the R peer is not run\n');
} else if (has('Rscript', ['-e', 'library(data.table); library(sandwich); library(metafor); library(nnet); library(survival); library(cmprsk)'])) {
  peers.push({ name: R_NAME, capped: true, cmd: (dir) => ['Rscript', [join(root, 'bench', 'peer.R'), dir]] });
} else {
  process.stderr.write('bench: R or one of its packages is missing; the R peer is not run\n');
}
// The first Python that has pandas, SciPy and statsmodels (Debian's /usr/bin/python3 may, a pyenv one may not).
const python = ['python3', '/usr/bin/python3'].find((p) => has(p, ['-c', 'import pandas, scipy, statsmodels']));
if (python !== undefined) {
  peers.push({ name: 'Python (pandas, SciPy, statsmodels)', capped: true, cmd: (dir) => [python, [join(root, 'bench', 'peer.py'), dir]] });
}
const duckdb = ensureDuckdb();
if (duckdb !== null) peers.push({ name: DUCKDB_NAME, cmd: (dir) => ['node', [join(root, 'bench', 'duckdb-peer.mjs'), dir]] });

/** Why a command failed, from the end of its stderr and /usr/bin/time's own lines. */
function failureReason(status, stderr) {
  if (/exited with non-zero status 124\b/.test(stderr) || (timeBin === null && status === 124)) return `killed after ${timeoutMinutes} min`;
  if (/cannot allocate (vector|memory)|std::bad_alloc|MemoryError/.test(stderr)) return `out of memory under the ${rMemoryGib} GiB limit`;
  const fatal = /FATAL ERROR: [^\n]*|Cannot create a string longer[^\n]*|heap out of memory/.exec(stderr);
  const signal = /terminated by signal (\d+)/.exec(stderr);
  if (signal !== null) return `killed by signal ${signal[1]}${fatal === null ? '' : ` (${fatal[0]})`}`;
  const exit = /exited with non-zero status (\d+)/.exec(stderr);
  return `exit status ${exit === null ? status : exit[1]}${fatal === null ? '' : ` (${fatal[0]})`}`;
}

/**
 * One timed run: wall seconds and peak RSS (MiB) from /usr/bin/time -v, which counts the
 * command's descendants too (timeout, prlimit). A failed run keeps its time and peak so far.
 */
function timeOnce(peer, dir) {
  const [command, commandArgs] = peer.cmd(dir);
  const limit = peer.capped ? ['prlimit', `--as=${Math.round(rMemoryGib * 2 ** 30)}`] : [];
  const argv = ['timeout', '-k', '30', String(timeoutMinutes * 60), ...limit, command, ...commandArgs];
  const start = process.hrtime.bigint();
  const result = timeBin
    ? spawnSync(timeBin, ['-v', ...argv], { encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const stderr = result.stderr ?? '';
  const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  const peakMib = match ? Number(match[1]) / 1024 : null;
  if (result.status !== 0) {
    process.stderr.write(`${command} ${commandArgs.join(' ')} failed:\n${stderr.slice(-1500)}\n`);
    return { failure: failureReason(result.status, stderr), seconds, peakMib };
  }
  // The R peer times a few bootstrap replicates; their measured time is scaled to the report's 999.
  const boot = /bootstrap_seconds ([\d.]+) replicates (\d+)/.exec(result.stdout ?? '');
  const extrapolated = boot === null ? 0 : Number(boot[1]) * (BOOTSTRAP_REPLICATES / Number(boot[2]) - 1);
  return { seconds: seconds + extrapolated, peakMib, bootstrapSeconds: boot === null ? null : Number(boot[1]) + extrapolated };
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The eight office files of a size, made by `hybrid-eval simulate` when missing. */
function officeInput(size) {
  const dir = join(out, String(size));
  if (!existsSync(dir)) {
    const extra = size === 2455 ? [] : ['--rows', String(size)];
    execFileSync('node', [cli, 'simulate', '--seed', '7', '--out', dir, ...extra], { stdio: 'inherit' });
  }
  return dir;
}
/** The office files of a size in one CSV under one header: simulate's files share it (without --dialects). */
function singleFileInput(size) {
  const dir = join(out, `${size}-single`);
  const file = join(dir, 'all.csv');
  if (existsSync(file)) return dir;
  const offices = officeInput(size);
  mkdirSync(dir, { recursive: true });
  const partial = `${file}.partial`;
  let header = null;
  for (const name of readdirSync(offices)
    .filter((n) => n.endsWith('.csv'))
    .sort()) {
    const bytes = readFileSync(join(offices, name));
    const bodyStart = bytes.indexOf(0x0a) + 1;
    const head = bytes.subarray(0, bodyStart);
    if (header === null) {
      header = head;
      writeFileSync(partial, head);
    } else if (!head.equals(header)) {
      throw new Error(`bench: ${name} has another header than the first office file; cannot make one file of ${offices}`);
    }
    appendFileSync(partial, bytes.subarray(bodyStart));
    if (bytes.length > bodyStart && bytes[bytes.length - 1] !== 0x0a) appendFileSync(partial, '\n');
  }
  renameSync(partial, file);
  return dir;
}

const record = existsSync(recordPath) ? JSON.parse(readFileSync(recordPath, 'utf8')) : { sizes: {} };
mkdirSync(out, { recursive: true });
for (const size of sizes) {
  const single = args.includes('--single-file') || (!args.includes('--office-files') && size >= SINGLE_FILE_FROM);
  const dir = single ? singleFileInput(size) : officeInput(size);
  const csvFiles = readdirSync(dir)
    .filter((name) => name.endsWith('.csv'))
    .map((name) => join(dir, name));
  const lines = Number(execFileSync('sh', ['-c', 'cat "$@" | wc -l', 'sh', ...csvFiles], { encoding: 'utf8' })) - csvFiles.length;
  const n = lines >= 1_000_000 ? Math.max(1, Math.min(runs, 3)) : lines < 50_000 ? Math.max(runs, 21) : runs;
  const load = loadAverage();
  process.stderr.write(`bench: ${lines.toLocaleString('en')} rows (${single ? 'one file' : `${csvFiles.length} files`}), ${n} runs, load average ${load}\n`);
  const samples = peers.map(() => []);
  const failures = peers.map(() => null);
  if (lines >= 1_000_000) {
    execFileSync('sh', ['-c', 'cat "$@" > /dev/null', 'sh', ...csvFiles]); // warm-up: the file cache only
  } else {
    peers.forEach((peer, p) => {
      const warm = timeOnce(peer, dir);
      if (warm.failure) failures[p] = warm;
    });
  }
  for (let i = 0; i < n; i++) {
    peers.forEach((peer, p) => {
      if (failures[p]) return;
      const sample = timeOnce(peer, dir);
      if (sample.failure) failures[p] = sample;
      else samples[p].push(sample);
    });
  }
  const key = `${size}${single ? '-single' : ''}`;
  // --no-r keeps R's last measurement of this size (R takes many minutes from 1M rows on), marked with its date.
  const keptR = args.includes('--no-r')
    ? (record.sizes[key]?.tools ?? []).filter((t) => t.name === R_NAME).map((t) => ({ ...t, measuredOn: t.measuredOn ?? record.sizes[key].measured }))
    : [];
  record.sizes[key] = {
    size,
    rows: lines,
    input: single ? 'one file' : `${csvFiles.length} office files`,
    runs: n,
    measured: new Date().toISOString().slice(0, 10),
    node: process.version,
    duckdb,
    loadAverage: [load, loadAverage()],
    tools: [
      ...peers.map((peer, p) =>
        failures[p]
          ? { name: peer.name, ...failures[p] }
          : {
              name: peer.name,
              seconds: median(samples[p].map((s) => s.seconds)),
              bootstrapSeconds: samples[p][0]?.bootstrapSeconds == null ? null : median(samples[p].map((s) => s.bootstrapSeconds)),
              peakMib: Math.max(...samples[p].map((s) => s.peakMib ?? 0)) || null,
            },
      ),
      ...keptR,
    ],
  };
  // Recorded after every size, so that a long run stopped part-way keeps what it measured.
  writeFileSync(recordPath, `${JSON.stringify(record, null, 2)}\n`);
  writeResults(record);
}
writeResults(record);
process.stdout.write(`${renderSection(record)}\n`);

/**
 * ours ÷ peer for one measure. A failed peer's time or memory until it failed is a lower
 * bound of its need, so the ratio is then an upper bound; a failed report has no ratio.
 */
function ratio(ours, peer, key) {
  if (!ours || !peer || ours.failure || !ours[key] || !peer[key]) return null;
  return { value: ours[key] / peer[key], upper: Boolean(peer.failure) };
}
/** Issue 15's goals for one size; each is met, not met, or not known (a peer failed too early to tell). */
function goals(entry) {
  const ours = entry.tools.find((t) => t.name === REPORT);
  const r = entry.tools.find((t) => t.name === R_NAME);
  const duck = entry.tools.find((t) => t.name === DUCKDB_NAME);
  const list = [];
  const check = (goal, measured, limit) => {
    if (ours?.failure) return list.push({ goal, measured: `report failed: ${ours.failure}`, verdict: 'not met' });
    if (measured === null) return list.push({ goal, measured: 'not measured', verdict: 'not known' });
    const shown = `${measured.upper ? '< ' : ''}${measured.value.toFixed(measured.value < 10 ? 3 : 1)}`;
    const verdict = measured.value <= limit ? 'met' : measured.upper ? 'not known' : 'not met';
    list.push({ goal, measured: shown, verdict });
  };
  const timeLimit = entry.size < 10_000 ? 0.6 : 0.5;
  check(`time ≤ ${timeLimit} × R's`, ratio(ours, r, 'seconds'), timeLimit);
  if (entry.size >= 1_000_000) {
    check("time ≤ 2 × DuckDB's GROUP BY", ratio(ours, duck, 'seconds'), 2);
    check("peak memory ≤ 0.15 × R's", ratio(ours, r, 'peakMib'), 0.15);
  }
  if (entry.size >= 10_000_000) check('peak memory < 1 GiB (MiB shown)', ours?.peakMib ? { value: ours.peakMib, upper: false } : null, 1024);
  return list;
}

function renderSection({ sizes: bySize }) {
  const entries = Object.values(bySize).sort((a, b) => a.size - b.size || a.input.localeCompare(b.input));
  const fmt = (x, d = 2) => (x === null || x === undefined ? '–' : x.toFixed(d));
  const fmtRatio = (q) => (q === null ? '–' : `${q.upper ? '< ' : ''}${fmt(q.value, q.value < 10 ? 3 : 1)}`);
  // A failed command: its time and peak until it failed, and why.
  const cell = (t, key, d) => {
    if (t === undefined) return 'not run';
    const when = t.measuredOn === undefined ? '' : ` (measured ${t.measuredOn})`;
    if (!t.failure) return `${fmt(t[key], d)}${when}`;
    return key === 'seconds' ? `failed after ${fmt(t.seconds, 1)} s: ${t.failure}${when}` : `${fmt(t[key], d)} until it failed${when}`;
  };
  const summary = entries.map((e) => {
    const ours = e.tools.find((t) => t.name === REPORT);
    const r = e.tools.find((t) => t.name === R_NAME);
    const duck = e.tools.find((t) => t.name === DUCKDB_NAME);
    return (
      `| ${e.rows.toLocaleString('en')} | ${e.input} | ${e.runs} | ${cell(ours, 'seconds', 2)} | ${cell(r, 'seconds', 1)} | ${cell(duck, 'seconds', 2)} | ` +
      `${cell(ours, 'peakMib', 0)} | ${cell(r, 'peakMib', 0)} | ${cell(duck, 'peakMib', 0)} | ` +
      `${fmtRatio(ratio(ours, r, 'seconds'))} | ${fmtRatio(ratio(ours, r, 'peakMib'))} | ${fmtRatio(ratio(ours, duck, 'seconds'))} | ` +
      `${e.loadAverage[0]} → ${e.loadAverage[1]} | ${e.measured} |`
    );
  });
  const goalRows = entries.flatMap((e) => goals(e).map((g) => `| ${e.rows.toLocaleString('en')} (${e.input}) | ${g.goal} | ${g.measured} | ${g.verdict} |`));
  const detail = entries.flatMap((e) =>
    e.tools.map((t) => {
      const boot = t.bootstrapSeconds == null ? '' : ` (of which bootstrap ${fmt(t.bootstrapSeconds, 1)} s)`;
      return `| ${e.rows.toLocaleString('en')} (${e.input}) | ${t.name}${boot} | ${cell(t, 'seconds', 3)} | ${cell(t, 'peakMib', 0)} |`;
    }),
  );
  const duckdbVersions = [...new Set(entries.map((e) => e.duckdb).filter(Boolean))].join(', ') || 'not installed';
  return [
    '<!-- sizes:start -->',
    '## Across sizes: the report against R and DuckDB',
    '',
    `Written by \`npm run bench\` (bench/run.mjs) from bench/results-sizes.json, where each size keeps its last measurement. ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ` +
      `${Math.round(os.totalmem() / 2 ** 30)} GiB. Times are medians of the runs shown, interleaved, in fresh processes; memory is the largest peak RSS (/usr/bin/time -v), in MiB. ` +
      'Inputs are made by `hybrid-eval simulate --seed 7`; from 10M rows on they are one CSV file (the eight office files under one header). ' +
      `R (bench/peer.R) runs the analyses the report makes and times 20 of the 999 bootstrap replicates, scaled to 999. DuckDB (${duckdbVersions}, bench/duckdb-peer.mjs) ` +
      'counts persons per office × group × outcome with every column read as text and counted, in a fresh process each time: the reading limit, not a report. ' +
      'A failed command shows why and its time and peak until then; these are lower bounds of what it needed, so ours ÷ it is an upper bound ("<"). ' +
      'Load average (1, 5, 15 min, /proc/loadavg) at the start and end of each size: on 2 cores, anything above 2 means other work was running at the same time.',
    '',
    '| Rows | Input | Runs | ours (s) | R (s) | DuckDB (s) | ours (MiB) | R (MiB) | DuckDB (MiB) | time ÷ R | memory ÷ R | time ÷ DuckDB | Load average | Measured |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|',
    ...summary,
    '',
    '### Goals (issue 15)',
    '',
    '| Rows | Goal | ours ÷ peer | Met |',
    '|---|---|---:|---|',
    ...goalRows,
    '',
    '### Every command',
    '',
    '| Rows | Command | Median wall time (s) | Peak memory (MiB) |',
    '|---|---|---:|---:|',
    ...detail,
    '<!-- sizes:end -->',
  ].join('\n');
}

function writeResults(data) {
  const section = renderSection(data);
  const results = existsSync(resultsPath) ? readFileSync(resultsPath, 'utf8') : '# Benchmark\n';
  const marked = /<!-- sizes:start -->[\s\S]*<!-- sizes:end -->/;
  writeFileSync(resultsPath, marked.test(results) ? results.replace(marked, section) : `${results.trimEnd()}\n\n${section}\n`);
}

// Start-up and every output format, against the commit named by --startup-baseline (default: none).
if (!args.includes('--skip-formats') && !args.includes('--render-only')) {
  const startupBaseline = opt('--startup-baseline', undefined);
  execFileSync('node', [join(root, 'bench', 'formats.mjs'), ...(startupBaseline === undefined ? [] : ['--baseline', startupBaseline])], { stdio: 'inherit' });
}
// Fisher's exact test alone on the 2 x 4 table at sizes up to 10 million persons (its own section).
if (!args.includes('--skip-fisher') && !args.includes('--render-only'))
  execFileSync('node', [join(root, 'bench', 'fisher.mjs'), '--write'], { stdio: 'inherit' });
