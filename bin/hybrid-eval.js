#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm install` (the prepare script).
let main;
try {
  ({ main } = await import('../dist/bundle/main.js'));
} catch (error) {
  process.stderr.write(
    `hybrid-eval: cannot load the compiled CLI (${error && error.code ? error.code : 'error'}); run \`npm install\` (or \`npm run build\`) first\n`,
  );
  process.exit(1);
}
process.exitCode = await main(process.argv.slice(2));
