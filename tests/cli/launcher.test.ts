import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.js';

// The installed command: bin/hybrid-eval.cjs compiling dist/bundle/main.cjs with its code
// cache (built by `npm test`'s build step). It must behave exactly as the sources do.
const root = fileURLToPath(new URL('../..', import.meta.url));
const launcher = `${root}bin/hybrid-eval.cjs`;

function launch(args: string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [launcher, ...args], {
    cwd: root,
    encoding: 'utf8',
    // NODE_OPTIONS as the build had it: V8 takes the code cache only under the flags it was made with.
    env: {
      PATH: process.env.PATH ?? '',
      NO_COLOR: '1',
      TZ: 'UTC',
      ...(process.env.NODE_OPTIONS === undefined ? {} : { NODE_OPTIONS: process.env.NODE_OPTIONS }),
      ...env,
    },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('the launcher and the bundle', () => {
  it('is built (npm test builds first)', () => {
    expect(existsSync(`${root}dist/bundle/main.cjs`)).toBe(true);
  });

  it('uses the code cache written by the build', () => {
    const run = launch(['--version'], { HYBRID_EVAL_DEBUG: '1' });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('code cache accepted');
  });

  it.each([
    ['json', ['--format', 'json']],
    ['json, unsuppressed', ['--format', 'json', '--no-suppress']],
    ['text in Nynorsk', ['--lang', 'nn']],
    ['html (its renderer is a separate file)', ['--format', 'html']],
  ])('prints the same report as the sources: %s', async (_name, flags) => {
    const args = ['report', 'data-samples', ...flags];
    const bundled = launch(args);
    const source = await runCli(args);
    expect(bundled.code).toBe(0);
    expect(bundled.stdout.length).toBeGreaterThan(1000);
    expect(bundled.stdout).toBe(source.stdout);
    expect(bundled.stderr).toBe(source.stderr);
  });

  it('still runs from bin/hybrid-eval.js, where links made for earlier versions point', () => {
    const args = ['report', 'data-samples', '--format', 'json'];
    const old = spawnSync(process.execPath, [`${root}bin/hybrid-eval.js`, ...args], { cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect(old.status).toBe(0);
    expect(old.stdout).toBe(launch(args).stdout);
  });

  it('maps errors to the same exit codes and messages, without a stack trace', async () => {
    for (const args of [['report', 'no-such-folder'], ['report', 'data-samples', '--min-cell', 'x'], ['frobnicate']]) {
      const bundled = launch(args);
      const source = await runCli(args);
      expect(bundled.code).toBe(source.code);
      expect(bundled.stderr).toBe(source.stderr);
      expect(bundled.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("under HYBRID_EVAL_DEBUG=1, points an internal error's stack trace at TypeScript lines through the source map", async () => {
    // The bundle compiled as the launcher compiles it (with the code cache); standard output that fails is an internal error.
    const { bundleFile, compileBundle, runBundle } = createRequire(import.meta.url)('../../bin/bundle.cjs');
    const { main } = runBundle(compileBundle(readFileSync(bundleFile, 'utf8'), readFileSync(`${bundleFile}.cache`)));
    let stderr = '';
    const io = {
      stdout: () => {
        throw new Error('standard output is closed');
      },
      stderr: (text: string) => {
        stderr += text;
      },
      stdoutIsTTY: false,
      stderrIsTTY: false,
      env: { HYBRID_EVAL_DEBUG: '1', NO_COLOR: '1' },
      cwd: root,
    };
    expect(await main(['report', 'data-samples', '--format', 'json'], io)).toBe(1);
    expect(stderr).toContain('internal error: standard output is closed');
    expect(stderr).toMatch(/\n\s+at .*src\/cli\/reportRun\.ts:\d+:\d+/);
    expect(stderr).not.toMatch(/main\.cjs:\d/);
  });
});
