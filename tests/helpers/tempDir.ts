import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];

/** A fresh folder under the system's temporary folder, removed after the test file has run. */
export function tempDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `hybrid-eval-${name}-`));
  made.push(dir);
  return dir;
}

// Registered while the importing test file is collected, so it runs after that file's tests.
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});
