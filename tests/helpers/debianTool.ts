import { spawnSync } from 'node:child_process';

/** The first of `commands` that runs and exits 0, or undefined. */
export function findTool(commands: string[][]): string[] | undefined {
  return commands.find(([exe, ...args]) => spawnSync(exe, args, { stdio: 'ignore', timeout: 60_000 }).status === 0);
}

/**
 * Whether to skip tests that need a Debian package: only where it is missing and this is
 * not CI. .ci/run installs it, so in CI (CI=true) the tests run and fail on its absence.
 */
export function skipWithout(found: boolean, testFile: string, what: string): boolean {
  if (found || process.env.CI === 'true') return false;
  console.warn(`${testFile}: ${what} is not installed here; its tests are skipped (CI installs it and runs them)`);
  return true;
}
