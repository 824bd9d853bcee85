// Bundles the CLI into dist/bundle/ and trains V8's code cache for it.
//
// - main.cjs: the whole CLI in one CommonJS file. Each command's work is wrapped by
//   esbuild so that it is evaluated only when its action runs (dynamic imports become
//   lazy requires), and the launcher (bin/hybrid-eval.cjs) compiles it with the code
//   cache below. CommonJS because Node 20 can take a code cache only for scripts, not
//   for ES modules.
// - html.cjs: the HTML renderer and its charts, required only for --format html.
// - main.cjs.cache: V8's compiled code for every function a training run used
//   (scripts/codeCache.mjs). Measured in bench/startup.mjs and bench/run.mjs.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

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
  // Sources are ES modules: import.meta.url becomes the bundle file's URL.
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};

/** The HTML renderer stays out of main.cjs: `import('../report/render/html.js')` loads ./html.cjs. */
const htmlApart = {
  name: 'html-apart',
  setup(b) {
    b.onResolve({ filter: /render\/html\.js$/ }, () => ({ path: './html.cjs', external: true }));
  },
};

/**
 * commander requires node:child_process at load, for executable subcommands, which
 * hybrid-eval has none of; loading it (and net, dgram, streams) cost about 2 ms of every
 * start. This loads it on first use instead.
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
  plugins: [htmlApart, lazyChildProcess],
});
await build({ ...common, entryPoints: { html: 'src/report/render/html.ts' } });

const trained = spawnSync(process.execPath, ['scripts/codeCache.mjs'], { stdio: 'inherit' });
if (trained.status !== 0) process.stderr.write('bundle: the code cache was not written (the CLI works without it, only starts slower)\n');
