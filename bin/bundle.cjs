'use strict';
// Compiling and running dist/bundle/main.cjs, shared by the launcher (bin/hybrid-eval.cjs)
// and scripts/codeCache.mjs, which writes the code cache: V8 takes a cache only for a
// script compiled the same way (same wrapper and file name), so both use this.
const { createRequire, wrap } = require('node:module');
const { dirname, join } = require('node:path');
const vm = require('node:vm');

const bundleFile = join(__dirname, '..', 'dist', 'bundle', 'main.cjs');

/** The bundle's source compiled as a CommonJS module, with V8's code cache when given; not yet run. */
function compileBundle(source, cachedData) {
  return new vm.Script(wrap(source), { filename: bundleFile, cachedData });
}

/** Runs a compiled bundle and returns its exports ({ main }). */
function runBundle(script) {
  const bundle = { exports: {} };
  script.runInThisContext().call(bundle.exports, bundle.exports, createRequire(bundleFile), bundle, bundleFile, dirname(bundleFile));
  return bundle.exports;
}

module.exports = { bundleFile, compileBundle, runBundle };
