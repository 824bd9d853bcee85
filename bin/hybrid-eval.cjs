#!/usr/bin/env node
'use strict';
// Launcher. The CLI is bundled to dist/bundle/main.cjs by `npm install` (the prepare
// script), which also writes main.cjs.cache: V8's compiled code for the functions a
// training run used (scripts/codeCache.mjs). Compiling with it skips parsing and
// compiling at every start (bench/formats.mjs measures what that saves). The build
// removes both files before writing them, so they always belong together; V8 itself
// rejects a cache from another Node version or with other V8 flags. A missing or
// rejected cache only costs that time: the source is then compiled as usual.
// HYBRID_EVAL_DEBUG=1 says on stderr whether the cache was used.
const { readFileSync } = require('node:fs');
const { bundleFile: file, compileBundle, runBundle } = require('./bundle.cjs');

let source;
try {
  source = readFileSync(file, 'utf8');
} catch (error) {
  process.stderr.write(`hybrid-eval: cannot load the compiled CLI (${error?.code ? error.code : 'error'}); run \`npm install\` (or \`npm run build\`) first\n`);
  process.exit(1);
}
let cachedData;
try {
  cachedData = readFileSync(`${file}.cache`);
} catch {
  cachedData = undefined;
}
const script = compileBundle(source, cachedData);
if (process.env.HYBRID_EVAL_DEBUG) {
  const state = cachedData === undefined ? 'missing' : script.cachedDataRejected ? 'rejected' : 'accepted';
  process.stderr.write(`hybrid-eval: code cache ${state}\n`);
}
// V8 11 (Node 20) optimises a function with TurboFan after it has run about 66 KB of
// bytecode (--interrupt-budget=67584). On a pilot-sized input that means compiling dozens
// of functions that are nearly done by the time their optimised code arrives; a larger
// budget is quicker on small inputs (bench/v8options.mjs, bench/results.md). Later V8s
// (Node 22, 24) tier up through Maglev and have no such flag: setting it there prints
// "unrecognized flag" on every run, so it is set on V8 11 only. Set after compiling, so
// that the code cache (checked against V8's flags) still applies; it changes only when
// code is optimised, never what it computes.
if (process.versions.v8.startsWith('11.')) require('node:v8').setFlagsFromString('--interrupt-budget=300000');
runBundle(script)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
