/**
 * The JSON's log10PValue and log10PValueAtMost: Fisher's p where it underflows. Two
 * offices of 1,500 hybrid users all in a job and 1,500 usual users all without an
 * outcome: the two-sided p of the work-or-education 2 × 2 table (and of the outcome
 * table, whose other columns are empty) is 2 / C(6000, 3000), about 1e-1804, far below
 * the smallest double. Its log10 is computed here from sums of logs (Python's
 * math.lgamma gives -1803.8917903289123). The test shows it below the smallest double
 * from a bound alone, so the JSON gives that bound: it must hold, and be far below 1e-300.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.js';
import { tempDir } from '../helpers/tempDir.js';
import { expectClose } from '../helpers/tolerance.js';

/** log Γ(x + 1) = log x! by summing logs: exact enough (relative 1e-13) for x ≤ 6000, and independent of the code under test. */
function logFactorial(x: number): number {
  let s = 0;
  for (let k = 2; k <= x; k++) s += Math.log(k);
  return s;
}

describe('log10PValue in the JSON report', () => {
  it('bounds log10 p where Fisher p underflows to 0, and gives log10 p where it does not', async () => {
    const dir = tempDir('log10p');
    for (const [file, office] of [
      ['a.csv', 'NAV Alfa'],
      ['b.csv', 'NAV Beta'],
    ]) {
      const lines = ['person_id,office,counsellor_id,group,outcome'];
      for (let i = 0; i < 1500; i++) lines.push(`${file}${i},${office},V1,hybrid,job`, `${file}u${i},${office},V2,usual,none`);
      writeFileSync(join(dir, file), `${lines.join('\n')}\n`);
    }
    const run = await runCli(['report', dir, '--format', 'json', '--no-suppress']);
    expect(run.code).toBe(0);
    const model = JSON.parse(run.stdout);
    const expected = (Math.log(2) - (logFactorial(6000) - 2 * logFactorial(3000))) / Math.LN10;
    expect(expected).toBeCloseTo(-1803.8917903289123, 8);
    for (const fisher of [model.workOrEducation.fisherExact, model.outcomes.fisherExact]) {
      expect(fisher.pValue).toBe(0);
      expect(fisher.log10PValue).toBeUndefined();
      expect(fisher.log10PValueAtMost).toBeGreaterThanOrEqual(expected);
      expect(fisher.log10PValueAtMost).toBeLessThan(expected + 10);
    }
    // A p that does not underflow: its log10 is log10 of it.
    const pilot = JSON.parse((await runCli(['report', 'tests/fixtures/pipeline/realistic', '--format', 'json'])).stdout);
    for (const fisher of [pilot.workOrEducation.fisherExact, pilot.outcomes.fisherExact]) {
      expect(fisher.pValue).toBeGreaterThan(0);
      expectClose(fisher.log10PValue, Math.log10(fisher.pValue), { relative: 1e-12 });
    }
  });
});
