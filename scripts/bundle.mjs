// Bundles the CLI into dist/bundle/ and trains V8's code cache for it.
//
// - main.cjs: the whole CLI in one CommonJS file. Each command's work is wrapped by
//   esbuild so that it is evaluated only when its action runs (dynamic imports become
//   lazy requires), and the launcher (bin/hybrid-eval.cjs) compiles it with the code
//   cache below. CommonJS because Node 20 can take a code cache only for scripts, not
//   for ES modules.
// - html.cjs, docx.cjs, xlsx.cjs: the report renderers that src/report/render/formats.ts
//   keeps apart (with their libraries), each required only for its --format.
// - xlsx-reader.cjs: the Excel reader (src/ingest/xlsx.ts with read-excel-file), required only
//   when an .xlsx input is met.
// - bootstrap-worker.cjs: a worker thread of the weighted difference's bootstrap.
// - main.cjs.cache: V8's compiled code for every function a training run used
//   (scripts/codeCache.mjs). Measured in bench/startup.mjs and bench/run.mjs.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { build, transform } from 'esbuild';

rmSync('dist/bundle', { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outdir: 'dist/bundle',
  outExtension: { '.js': '.cjs' },
  logLevel: 'warning',
  minifyWhitespace: true,
  minifySyntax: true,
  // main.cjs.map and the others: a stack trace under HYBRID_EVAL_DEBUG=1 names TypeScript lines.
  sourcemap: 'linked',
  sourcesContent: false,
  // Sources are ES modules: import.meta.url becomes the bundle file's URL.
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};

/**
 * Modules kept out of main.cjs, each built into its own dist/bundle/<name>.cjs: an
 * `import()` of one (e.g. `import('../report/render/html.js')`) loads that file instead.
 */
const apartModules = [
  ...(await reportFormatsKeptApart()).map((file) => ({ name: file.replace(/\.ts$/, ''), source: `src/report/render/${file}` })),
  { name: 'xlsx-reader', source: 'src/ingest/xlsx.ts' },
];

/**
 * The renderers that src/report/render/formats.ts (the list of report formats) keeps
 * apart. Its loaders are thunks, so evaluating the list imports no renderer.
 */
async function reportFormatsKeptApart() {
  const { code } = await transform(readFileSync('src/report/render/formats.ts', 'utf8'), { loader: 'ts', format: 'esm' });
  const { FORMAT_SPECS } = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  return FORMAT_SPECS.flatMap((f) => (f.apart === null ? [] : [f.apart]));
}

const keptApart = {
  name: 'kept-apart',
  setup(b) {
    const byPath = new Map(apartModules.map((m) => [resolve(m.source).replace(/\.ts$/, '.js'), m.name]));
    b.onResolve({ filter: /^\.\.?\/.*\.js$/ }, (args) => {
      const name = byPath.get(resolve(args.resolveDir, args.path));
      return name === undefined ? undefined : { path: `./${name}.cjs`, external: true };
    });
  },
};

/**
 * main.cjs and a file kept apart would each bundle their own copy of src/errors.ts, and
 * an InputError thrown in xlsx-reader.cjs would then not be `instanceof InputError` in main.cjs
 * (cli/main.ts maps errors to exit codes so, and callers add the file name so). main.cjs
 * therefore puts its errors module on globalThis, and the files kept apart use that one;
 * required alone (in a test), they fall back to their own copy.
 */
const errorsSource = resolve('src/errors.ts');
const errorsKey = "Symbol.for('hybrid-eval.errors')";
const importsErrors = (args) => args.namespace === 'file' && resolve(args.resolveDir, args.path) === errorsSource.replace(/\.ts$/, '.js');

const publishErrors = {
  name: 'publish-errors',
  setup(b) {
    b.onResolve({ filter: /errors\.js$/ }, (args) => (importsErrors(args) ? { path: 'errors', namespace: 'published' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'published' }, () => ({
      contents: `import * as errors from './errors.ts'; export * from './errors.ts'; globalThis[${errorsKey}] = errors;`,
      loader: 'js',
      resolveDir: dirname(errorsSource),
    }));
  },
};

const sharedErrors = {
  name: 'shared-errors',
  setup(b) {
    b.onResolve({ filter: /errors\.js$/ }, (args) => (importsErrors(args) ? { path: 'errors', namespace: 'shared' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'shared' }, () => ({
      contents: `module.exports = globalThis[${errorsKey}] ?? require('./errors.ts');`,
      loader: 'js',
      resolveDir: dirname(errorsSource),
    }));
  },
};

/**
 * commander requires node:child_process at load, for executable subcommands, which
 * hybrid-eval has none of; loading it (and net, dgram, streams) would cost part of every
 * start (bench/startup.mjs). This loads it on first use instead.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      args.importer.includes('node_modules/commander/') ? { path: 'lazy-child-process', namespace: 'lazy' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({
      contents: "let real; module.exports = { spawn: (...a) => (real ??= require('node:child_process')).spawn(...a) };",
      loader: 'js',
    }));
  },
};

await build({
  ...common,
  entryPoints: { main: 'src/cli/main.ts' },
  // A script compiled with a code cache cannot import(); lazy requires instead.
  supported: { 'dynamic-import': false },
  plugins: [keptApart, publishErrors, lazyChildProcess],
});
// resvg is a native addon (a .node file per platform), which cannot be bundled: docx.cjs
// requires it from node_modules, where npm installed the platform's binary.
for (const { name, source } of apartModules) {
  await build({ ...common, entryPoints: { [name]: source }, plugins: [sharedErrors], external: ['@resvg/resvg-js'] });
}

// The weighted difference's bootstrap runs its replicates on worker threads too
// (src/analysis/bootstrapThreads.ts), each loading this file: the analysis code alone.
await build({ ...common, entryPoints: { 'bootstrap-worker': 'src/analysis/bootstrapWorker.ts' } });

const trained = spawnSync(process.execPath, ['scripts/codeCache.mjs'], { stdio: 'inherit' });
if (trained.status !== 0) process.stderr.write('bundle: the code cache was not written (the CLI works without it, only starts slower)\n');
