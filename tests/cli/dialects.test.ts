import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.js';
import { tempDir } from '../helpers/tempDir.js';

async function simulate(seed: string, dialects: boolean): Promise<string> {
  const dir = tempDir('dialects');
  const run = await runCli(['simulate', '--seed', seed, '--out', dir, ...(dialects ? ['--dialects'] : [])]);
  expect(run.code).toBe(0);
  return dir;
}

describe('raw exports give the same numbers as clean files', () => {
  it('eight offices in eight dialects report exactly as the canonical files do', async () => {
    const raw = await simulate('31', true);
    const clean = await simulate('31', false);
    const rawBytes = readdirSync(raw).map((f) => readFileSync(join(raw, f)));
    // The dialects really differ: Windows-1252 bytes, semicolons, tabs, a BOM, CRLF.
    expect(rawBytes.some((b) => b.includes(0xe6) || b.includes(0xf8))).toBe(true);
    expect(rawBytes.some((b) => b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf)).toBe(true);
    expect(rawBytes.some((b) => b.includes('\t'))).toBe(true);
    expect(rawBytes.some((b) => b.includes('\r\n'))).toBe(true);

    const a = await runCli(['report', raw, '--format', 'json', '--no-suppress']);
    const b = await runCli(['report', clean, '--format', 'json', '--no-suppress']);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    const ra = JSON.parse(a.stdout);
    const rb = JSON.parse(b.stdout);
    expect(ra.input.rowsRejected).toBe(0);
    expect(ra.input.rowsAccepted).toBe(rb.input.rowsAccepted);
    expect(new Set(ra.input.files.map((f: { delimiter: string }) => f.delimiter))).toEqual(new Set([',', ';', '\t']));
    expect(new Set(ra.input.files.map((f: { encoding: string }) => f.encoding))).toEqual(new Set(['utf-8', 'utf-8-bom', 'windows-1252']));
    delete ra.input;
    delete rb.input;
    expect(ra).toEqual(rb);
  });

  it('validate shows what it detected in each file', async () => {
    const raw = await simulate('32', true);
    const run = await runCli(['validate', raw]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('encoding windows-1252, delimiter semicolon, header language nb');
    expect(run.stdout).toContain('Kjønn → gender');
    expect(run.stdout).toMatch(/Total: rows read (\d+) = accepted \1 \+ rejected 0 \+ duplicates 0/);
  });
});
