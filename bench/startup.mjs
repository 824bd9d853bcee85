#!/usr/bin/env node
// Start-up cost: `node bin/hybrid-eval.cjs --help`, bare `node`, and the import
// time of each heavy module, each in a fresh process (median of --runs, default 7).
// Usage: node bench/startup.mjs [--runs 7]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1] || 7);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function wall(args) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    spawnSync('node', args, { cwd: root, stdio: 'ignore' });
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(samples);
}

/** Import time of one module in a fresh process (the first import also warms up the ESM loader, ~5 ms). */
function importMs(specifier) {
  const script = `const t=performance.now();await import(${JSON.stringify(specifier)});process.stdout.write(String(performance.now()-t))`;
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const result = spawnSync('node', ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    if (result.status !== 0) return null;
    samples.push(Number(result.stdout));
  }
  return median(samples);
}

const rows = [
  ['node -e 0', wall(['-e', '0'])],
  ['hybrid-eval --help', wall([join(root, 'bin', 'hybrid-eval.cjs'), '--help'])],
];
for (const [label, ms] of rows) process.stdout.write(`${label.padEnd(40)} ${ms.toFixed(1).padStart(7)} ms wall\n`);
const modules = [
  'commander',
  'chalk',
  'csv-parse/sync',
  '@navikt/fnrvalidator',
  '@stdlib/math-base-special-gammainc',
  './dist/ingest/index.js',
  './dist/table/build.js',
  './dist/stats/distributions.js',
  './dist/report/build.js',
  './dist/cli/report.js',
  './dist/cli/main.js',
];
for (const specifier of modules) {
  if (specifier.startsWith('./') && !existsSync(join(root, specifier))) continue;
  const ms = importMs(specifier);
  process.stdout.write(`import ${specifier.padEnd(33)} ${ms === null ? '  fails' : `${ms.toFixed(1).padStart(7)} ms`}\n`);
}
