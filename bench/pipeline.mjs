#!/usr/bin/env node
// Times the report pipeline stage by stage without the CLI:
//   node bench/pipeline.mjs DIR [--until ingest|table|report|json] [--collect]
// (--collect: ingest() into an array, then buildTable, as before streaming)
// Prints per-stage wall times (ms) and heap/RSS to stderr; used while
// src/report/render/* is incomplete, and to see where time goes.
import { performance } from 'node:perf_hooks';

const t0 = performance.now();
const args = process.argv.slice(2);
const dir = args[0];
const until = args.includes('--until') ? args[args.indexOf('--until') + 1] : 'json';
const dist = new URL('../dist/', import.meta.url);
const stamp = (label, from) => process.stderr.write(`${label.padEnd(8)} ${(performance.now() - from).toFixed(0).padStart(6)} ms\n`);

const ingestMod = await import(new URL('ingest/index.js', dist));
const tableMod = await import(new URL('table/build.js', dist));
stamp('import', t0);
let t = performance.now();
let result, table;
if (typeof ingestMod.ingestInto === 'function' && !args.includes('--collect')) {
  const builder = new tableMod.TableBuilder();
  result = await ingestMod.ingestInto([dir], {}, builder);
  stamp('ingest', t);
  if (until !== 'ingest') {
    t = performance.now();
    table = builder.finish(result.columnsPresent);
    stamp('table', t);
  }
} else {
  result = await ingestMod.ingest([dir], {});
  stamp('ingest', t);
  if (until !== 'ingest') {
    t = performance.now();
    table = tableMod.buildTable(result.records, result.columnsPresent);
    stamp('table', t);
  }
}
if (until === 'report' || until === 'json') {
  const { buildReport } = await import(new URL('report/build.js', dist));
  t = performance.now();
  const model = buildReport(result, table, { version: '0', seed: 20221110 });
  stamp('report', t);
  if (until === 'json') {
    const { renderJson } = await import(new URL('report/render/json.js', dist));
    t = performance.now();
    const json = renderJson(model);
    stamp('json', t);
    process.stdout.write(json.length > 0 ? '' : '');
  }
}
stamp('total', t0);
const mu = process.memoryUsage();
process.stderr.write(`rows accepted ${result.rowsAccepted}, heapUsed ${(mu.heapUsed / 2 ** 20).toFixed(0)} MB, rss ${(mu.rss / 2 ** 20).toFixed(0)} MB\n`);
