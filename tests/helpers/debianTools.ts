import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './tempDir.js';

// Debian programs that read the reports back (.ci/run installs them): found here, or undefined.

/** A Python with openpyxl (Debian's python3-openpyxl may sit under /usr/bin beside another python3). */
export const python = ['python3', '/usr/bin/python3'].find((exe) => spawnSync(exe, ['-c', 'import openpyxl'], { stdio: 'ignore' }).status === 0);
/** LibreOffice (libreoffice-calc-nogui). */
export const soffice = ['soffice', '/usr/bin/soffice'].find((exe) => spawnSync(exe, ['--version'], { stdio: 'ignore' }).status === 0);
/** poppler-utils. */
export const pdftotext = ['pdftotext', '/usr/bin/pdftotext'].find((exe) => spawnSync(exe, ['-v'], { stdio: 'ignore' }).status === 0);

/**
 * Whether to run tests that need a tool: yes when it is here, and in CI (CI=true), where
 * a missing tool must fail the test; otherwise they are skipped, with a note.
 */
export function needs(file: string, tools: Record<string, string | undefined>): boolean {
  const missing = Object.entries(tools)
    .filter(([, found]) => found === undefined)
    .map(([name]) => name);
  if (missing.length === 0 || process.env.CI === 'true') return true;
  console.warn(`${file}: ${missing.join(' and ')} not installed; these tests are skipped (.ci/run installs them, and in CI they fail without them)`);
  return false;
}

/** The first of `commands` that runs and exits 0, or undefined. */
export function findTool(commands: string[][]): string[] | undefined {
  return commands.find(([exe, ...args]) => spawnSync(exe, args, { stdio: 'ignore', timeout: 60_000 }).status === 0);
}

/** Whether to skip tests that need the Debian package `what`: the converse of needs(). */
export function skipWithout(found: boolean, testFile: string, what: string): boolean {
  return !needs(testFile, { [what]: found ? what : undefined });
}

/**
 * A LibreOffice profile of its own (another conversion may run at the same time), with
 * the Norwegian Bokmål locale: Calc then shows a decimal comma and a space between thousands.
 */
export function norwegianLibreOffice(): string {
  const profile = tempDir('lo-xlsx');
  mkdirSync(join(profile, 'user'));
  writeFileSync(
    join(profile, 'user/registrymodifications.xcu'),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>nb-NO</value></prop></item>
</oor:items>
`,
  );
  return `-env:UserInstallation=file://${profile}`;
}
