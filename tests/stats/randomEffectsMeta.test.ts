import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { randomEffectsMeta } from '../../src/stats/randomEffectsMeta.js';
import { withoutGeneratedBy } from '../helpers/generatedBy.js';
import { expectClose } from '../helpers/tolerance.js';

// Reference: metafor::rma(method = "REML") in R on escalc's yi and vi
// (tests/fixtures/r/meta.R), 17 digits, at metafor's default convergence and at 1e-12.
type S = string | null;
interface Fit {
  estimate: S;
  se: S;
  ciLow: S;
  ciHigh: S;
  pValue: S;
  tau2: S;
  i2: S;
  h2: S;
  q: S;
  qDf: number;
  qPValue: S;
  piLow: S;
  piHigh: S;
}
interface Case {
  yi: S[];
  vi: S[];
  default: Fit;
  tight: Fit;
}
const fixture = withoutGeneratedBy(JSON.parse(readFileSync(new URL('../fixtures/r/meta.json', import.meta.url), 'utf8')) as Record<string, Case>);
const FIELDS = ['estimate', 'se', 'ciLow', 'ciHigh', 'pValue', 'tau2', 'i2', 'h2', 'q', 'qPValue', 'piLow', 'piHigh'] as const;

/** R's value as written (17 digits, or null). */
const num = (want: S) => (want === null ? null : Number(want));

describe('randomEffectsMeta (REML)', () => {
  it.each(Object.entries(fixture))('%s: equals rma', (_name, c) => {
    const fit = randomEffectsMeta(c.yi.map(Number), c.vi.map(Number));
    expect(fit.qDf).toBe(c.tight.qDf);
    // Converged to 1e-12, it equals metafor run to 1e-12 closely, and metafor's default within 1e-4.
    for (const f of FIELDS) expectClose(fit[f], num(c.tight[f]), { relative: 1e-6, absolute: 1e-9 }, `${f} (tight)`);
    // (metafor stops when τ² moves less than 1e-5, so near τ² = 0 its default is off by up to that.)
    for (const f of FIELDS) expectClose(fit[f], num(c.default[f]), { relative: 1e-4, absolute: 1e-5 }, `${f} (default)`);
  });

  it('needs two studies with a positive variance', () => {
    expect(randomEffectsMeta([0.3], [0.1]).estimate).toBeNull();
    expect(randomEffectsMeta([0.3, 0.5], [0.1, 0]).warnings[0].code).toBe('META_NO_VARIANCE');
  });
});
