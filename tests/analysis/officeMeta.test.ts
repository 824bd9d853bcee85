import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { officeLogOddsRatios, officeMetaAnalysis } from '../../src/analysis/officeMeta.js';
import { withoutGeneratedBy } from '../helpers/generatedBy.js';
import { expectClose } from '../helpers/tolerance.js';

// Reference: metafor::escalc(measure = "OR") and rma(method = "REML") in R on the
// offices' 2 × 2 tables (tests/fixtures/r/meta.R), 17 digits.
type S = string | null;
interface Case {
  ai: number[];
  bi: number[];
  ci: number[];
  di: number[];
  yi: S[];
  vi: S[];
  tight: { estimate: S; tau2: S };
}
const fixture = withoutGeneratedBy(JSON.parse(readFileSync(new URL('../fixtures/r/meta.json', import.meta.url), 'utf8')) as Record<string, Case>);

/** R's value as written (17 digits, or null). */
const num = (want: S) => (want === null ? null : Number(want));

describe('the offices’ log odds ratios and their meta-analysis', () => {
  it.each(Object.entries(fixture))('%s: equals escalc, then rma', (_name, c) => {
    const strata = c.ai.map((a, i) => ({ a, b: c.bi[i], c: c.ci[i], d: c.di[i] }));
    const { yi, vi } = officeLogOddsRatios(strata);
    expect(yi).toHaveLength(c.yi.length);
    yi.forEach((y, i) => {
      expectClose(y, num(c.yi[i]), { relative: 1e-13, absolute: 1e-15 }, `yi[${i}]`);
    });
    vi.forEach((v, i) => {
      expectClose(v, num(c.vi[i]), { relative: 1e-13 }, `vi[${i}]`);
    });
    const fit = officeMetaAnalysis(strata);
    expectClose(fit.estimate, num(c.tight.estimate), { relative: 1e-6, absolute: 1e-9 }, 'estimate');
    expectClose(fit.tau2, num(c.tight.tau2), { relative: 1e-6, absolute: 1e-9 }, 'tau2');
  });

  it('leaves out an office without users in a group', () => {
    const { yi } = officeLogOddsRatios([
      { a: 0, b: 0, c: 5, d: 9 },
      { a: 3, b: 4, c: 5, d: 9 },
    ]);
    expect(yi).toHaveLength(1);
  });
});
