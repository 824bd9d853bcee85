import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.js';
import { tempDir } from '../helpers/tempDir.js';

const dir = tempDir('fuzz');
const sample = readFileSync('tests/fixtures/pipeline/tiny/nav-bodo.csv');

/** The whole command on hostile input: exit 0 or 1, never a crash or a stack trace. */
async function survives(bytes: Uint8Array, format: string): Promise<void> {
  const path = join(dir, 'input.csv');
  writeFileSync(path, bytes);
  const run = await runCli(['report', path, '--format', format]);
  expect([0, 1]).toContain(run.code);
  expect(run.stderr).not.toMatch(/\n\s+at |internal error/);
  if (run.code === 0) expect(run.stdout.length).toBeGreaterThan(0);
  else expect(run.stdout).toBe('');
}

describe('fuzz: the CLI never crashes', () => {
  it('on random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), fc.constantFrom('text', 'json', 'csv', 'md'), survives),
      { numRuns: 60, seed: 7 },
    );
  });

  it('on mutated CSV (bytes flipped, inserted and cut)', async () => {
    const mutation = fc.array(
      fc.tuple(fc.nat({ max: sample.length - 1 }), fc.constantFrom('flip', 'insert', 'cut'), fc.constantFrom(0x22, 0x2c, 0x3b, 0x0a, 0x0d, 0x09, 0xe6, 0xff, 0x00)),
      { minLength: 1, maxLength: 12 },
    );
    await fc.assert(
      fc.asyncProperty(mutation, fc.constantFrom('text', 'json'), async (edits, format) => {
        let bytes = Uint8Array.from(sample);
        for (const [at, kind, byte] of edits) {
          const i = Math.min(at, bytes.length - 1);
          if (kind === 'flip') bytes[i] = byte;
          else if (kind === 'insert') bytes = Uint8Array.from([...bytes.slice(0, i), byte, ...bytes.slice(i)]);
          else bytes = Uint8Array.from([...bytes.slice(0, i), ...bytes.slice(i + 1)]);
        }
        await survives(bytes, format);
      }),
      { numRuns: 60, seed: 11 },
    );
  });
});
