import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { officeLogOddsRatios, officeMetaAnalysis } from '../../src/analysis/officeMeta.js';

// Reference: metafor::escalc(measure = "OR") and rma(method = "REML") in R on the
// offices' 2 × 2 tables (tests/fixtures/r/meta.R), 17 digits.
type S = string | null;
interface Case { ai: number[]; bi: number[]; ci: number[]; di: number[]; yi: S[]; vi: S[]; tight: { estimate: S; tau2: S } }
const fixture = JSON.parse(readFileSync(new URL('../fixtures/r/meta.json', import.meta.url), 'utf8')) as Record<string, Case>;

function near(got: number | null, want: S, relative: number, absolute: number, what: string) {
  expect(got === null, what).toBe(want === null);
  if (got !== null && want !== null) expect(Math.abs(got - Number(want)), `${what}: ${got} vs ${want}`).toBeLessThanOrEqual(relative * Math.abs(Number(want)) + absolute);
}

describe('the offices’ log odds ratios and their meta-analysis', () => {
  it.each(Object.entries(fixture))('%s: equals escalc, then rma', (_name, c) => {
    const strata = c.ai.map((a, i) => ({ a, b: c.bi[i], c: c.ci[i], d: c.di[i] }));
    const { yi, vi } = officeLogOddsRatios(strata);
    expect(yi).toHaveLength(c.yi.length);
    yi.forEach((y, i) => near(y, c.yi[i], 1e-13, 1e-15, `yi[${i}]`));
    vi.forEach((v, i) => near(v, c.vi[i], 1e-13, 0, `vi[${i}]`));
    const fit = officeMetaAnalysis(strata);
    near(fit.estimate, c.tight.estimate, 1e-6, 1e-9, 'estimate');
    near(fit.tau2, c.tight.tau2, 1e-6, 1e-9, 'tau2');
  });

  it('leaves out an office without users in a group', () => {
    const { yi } = officeLogOddsRatios([
      { a: 0, b: 0, c: 5, d: 9 },
      { a: 3, b: 4, c: 5, d: 9 },
    ]);
    expect(yi).toHaveLength(1);
  });
});
