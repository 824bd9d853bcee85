// Regenerates every reference fixture under tests/fixtures: `npm run fixtures`.
// First checks that R and every package of tests/fixtures/DESCRIPTION are installed,
// then builds dist/ if the sources are newer (make-pilots.mjs imports the simulator from
// it), runs each generator from the repo root in the order below, and reports the files
// each one wrote and which of them changed. `npm run fixtures -- --list` prints the plan
// as JSON and runs nothing. RSCRIPT names another Rscript than the one on PATH.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const FIXTURES = 'tests/fixtures';
const MANIFEST = 'tests/fixtures/DESCRIPTION';
const RSCRIPT = process.env.RSCRIPT || 'Rscript';

/** Every generator, in the order it runs. Helpers they source (att.R, json17.R, …) are not listed. */
const GENERATORS = [
  'tests/fixtures/ingest/generate.mjs',
  'tests/fixtures/exact/fisherEnumeration.mjs', // exact Fisher p-values in BigInt, no R
  'tests/fixtures/pipeline/make-pilots.mjs', // the pilots' CSV, from dist/simulate; read by the R scripts below
  'tests/fixtures/r/ties/make.mjs', // the ties pilot, from the realistic one; read by weightedIncidenceDifference.R
  ...[
    'adjusted', // also writes persons-*.csv
    'bootPercentile',
    'clogit',
    'competingRisks',
    'cox',
    'cr2',
    'crude',
    'evalue',
    'fisher',
    'holm',
    'mdd',
    'meta',
    'multinom',
    'stratified',
    'timeToOutcome', // reads four pilots
    'weightedIncidence',
    'weightedIncidenceDifference', // reads three pilots
  ].map((name) => `tests/fixtures/r/${name}.R`),
  'tests/fixtures/pipeline/pipeline.R', // each pilot's expected.json
];

// One locale and time zone for every generator: in a non-UTF-8 locale R writes ø as <U+00F8>.
const env = { ...process.env, LC_ALL: 'C.UTF-8', TZ: 'UTC' };

class FixturesError extends Error {}

/** The package names in the manifest's Imports field (DESCRIPTION format: continuation lines are indented). */
function manifestPackages(text) {
  const field = /^Imports:([^\n]*(?:\n[ \t][^\n]*)*)/m.exec(text);
  if (!field) throw new FixturesError(`${MANIFEST} has no Imports field`);
  return field[1]
    .split(',')
    .map((entry) => entry.replace(/\(.*\)/s, '').trim())
    .filter((name) => name !== '');
}

/** R's version and the installed version of each package ('' when missing), without loading any. */
function installedR(packages) {
  const code = [
    'cat("R", sub("^R version ", "", R.version.string), sep = "\\t"); cat("\\n")',
    'cat("UTF-8", l10n_info()[["UTF-8"]], sep = "\\t"); cat("\\n")',
    `for (p in c(${packages.map((p) => JSON.stringify(p)).join(', ')})) {`,
    '  v <- if (nzchar(system.file(package = p))) utils::packageDescription(p)$Version else ""',
    '  cat(p, v, sep = "\\t"); cat("\\n")',
    '}',
  ].join('\n');
  const run = spawnSync(RSCRIPT, ['--vanilla', '-e', code], { cwd: root, env, encoding: 'utf8' });
  if (run.error?.code === 'ENOENT') {
    throw new FixturesError(`R is not installed: no ${RSCRIPT} found. On Debian: apt-get install r-base-core ${packages.map(debianPackage).join(' ')}`);
  }
  if (run.status !== 0) throw new FixturesError(`${RSCRIPT} failed (exit ${run.status}):\n${run.stderr}`);
  return new Map(
    run.stdout
      .trim()
      .split('\n')
      .map((line) => line.split('\t')),
  );
}

const debianPackage = (name) => `r-cran-${name.toLowerCase()}`;

/** Files under tests/fixtures with their modification time and content hash. */
function snapshot(previous = new Map()) {
  const files = new Map();
  const walk = (dir) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) {
        const { mtimeMs, size } = statSync(join(root, path));
        const known = previous.get(path);
        const hash =
          known && known.mtimeMs === mtimeMs && known.size === size
            ? known.hash
            : createHash('sha256')
                .update(readFileSync(join(root, path)))
                .digest('hex');
        files.set(path, { mtimeMs, size, hash });
      }
    }
  };
  walk(FIXTURES);
  return files;
}

/** Why dist/ needs building: make-pilots.mjs imports dist/simulate/pilot.js, which tsc compiles from src/. */
function distIsStale() {
  const built = join(root, 'dist/simulate/pilot.js');
  if (!existsSync(built)) return 'dist/ is not built';
  const builtAt = statSync(built).mtimeMs;
  const newer = (path) => {
    const stat = statSync(join(root, path));
    if (stat.isDirectory()) return readdirSync(join(root, path)).some((name) => newer(`${path}/${name}`));
    return stat.mtimeMs > builtAt;
  };
  const source = ['src', 'tsconfig.json', 'tsconfig.build.json'].find(newer);
  return source === undefined ? false : `${source} is newer than dist/`;
}

function run(command, args, label) {
  const started = performance.now();
  const child = spawnSync(command, args, { cwd: root, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = (performance.now() - started) / 1000;
  if (child.error) throw new FixturesError(`${label}: ${child.error.message}`);
  if (child.status !== 0) {
    throw new FixturesError(`${label} failed (exit ${child.status ?? child.signal}):\n${child.stdout}${child.stderr}`);
  }
  return { seconds, stderr: child.stderr.trim() };
}

const indent = (text) => text.replace(/^/gm, '    ');
const duration = (seconds) => (seconds < 59.95 ? `${seconds.toFixed(1)} s` : `${Math.floor(Math.round(seconds) / 60)} min ${Math.round(seconds) % 60} s`);

/** "dir: a, b (changed), c" lines, one per folder. */
function describeWritten(paths, changed) {
  const byDir = new Map();
  for (const path of paths) {
    const names = byDir.get(dirname(path)) ?? [];
    names.push(path.slice(dirname(path).length + 1) + (changed.has(path) ? ' (changed)' : ''));
    byDir.set(dirname(path), names);
  }
  return [...byDir].map(([dir, names]) => `    ${dir}: ${names.join(', ')}`).join('\n');
}

function main() {
  const packages = manifestPackages(readFileSync(join(root, MANIFEST), 'utf8'));
  if (process.argv.includes('--list')) {
    console.log(JSON.stringify({ manifest: MANIFEST, packages, generators: GENERATORS }, null, 2));
    return;
  }
  const began = performance.now();
  const installed = installedR(packages);
  const missing = packages.filter((p) => !installed.get(p));
  if (missing.length > 0) {
    throw new FixturesError(
      `R packages missing (listed in ${MANIFEST}): ${missing.join(', ')}. On Debian: apt-get install ${missing.map(debianPackage).join(' ')}`,
    );
  }
  if (installed.get('UTF-8') !== 'TRUE') throw new FixturesError('R does not run in a UTF-8 locale here (LC_ALL=C.UTF-8 is not installed)');
  console.log(`R ${installed.get('R')}; ${packages.map((p) => `${p} ${installed.get(p)}`).join(', ')}`);

  const stale = distIsStale();
  if (stale) {
    process.stdout.write(`npm run build (${stale}) … `);
    console.log(duration(run('npm', ['run', 'build'], 'npm run build').seconds));
  }

  const start = snapshot();
  let before = start;
  const written = new Set();
  for (const script of GENERATORS) {
    const [command, args] = script.endsWith('.R') ? [RSCRIPT, ['--vanilla', script]] : [process.execPath, [script]];
    const { seconds, stderr } = run(command, args, script);
    const after = snapshot(before);
    const wrote = [...after].filter(([path, file]) => before.get(path)?.mtimeMs !== file.mtimeMs).map(([path]) => path);
    const changed = new Set(wrote.filter((path) => start.get(path)?.hash !== after.get(path).hash));
    const removed = [...before.keys()].filter((path) => !after.has(path));
    console.log(`${script}  ${duration(seconds)}`);
    if (wrote.length > 0) console.log(describeWritten(wrote, changed));
    else console.log('    wrote nothing');
    if (removed.length > 0) console.log(`    removed ${removed.length}: ${removed.join(', ')}`);
    if (stderr !== '') console.log(indent(`stderr:\n${stderr}`));
    wrote.forEach((path) => {
      written.add(path);
    });
    before = after;
  }

  const end = before;
  const changed = [...end].filter(([path, file]) => start.get(path)?.hash !== file.hash).map(([path]) => path);
  const removed = [...start.keys()].filter((path) => !end.has(path));
  const unwritten = [...end.keys()].filter((path) => !written.has(path) && !path.endsWith('.R') && !path.endsWith('.mjs') && path !== MANIFEST);
  console.log(`\nWrote ${written.size} files in ${duration((performance.now() - began) / 1000)}.`);
  console.log(
    changed.length === 0
      ? 'None differs from before this run.'
      : `Differ from before this run (${changed.length}):\n${changed.map((p) => `    ${p}`).join('\n')}`,
  );
  if (removed.length > 0) console.log(`Gone since before this run (${removed.length}):\n${removed.map((p) => `    ${p}`).join('\n')}`);
  if (unwritten.length > 0) console.log(`Not written by any generator (${unwritten.length}):\n${unwritten.map((p) => `    ${p}`).join('\n')}`);
}

try {
  main();
} catch (error) {
  if (!(error instanceof FixturesError)) throw error;
  console.error(`npm run fixtures: ${error.message}`);
  process.exitCode = 1;
}
