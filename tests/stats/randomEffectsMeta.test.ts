import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { randomEffectsMeta } from '../../src/stats/randomEffectsMeta.js';

// Reference: metafor::rma(method = "REML") in R on escalc's yi and vi
// (tests/fixtures/r/meta.R), 17 digits, at metafor's default convergence and at 1e-12.
type S = string | null;
interface Fit { estimate: S; se: S; ciLow: S; ciHigh: S; pValue: S; tau2: S; i2: S; h2: S; q: S; qDf: number; qPValue: S; piLow: S; piHigh: S }
interface Case { yi: S[]; vi: S[]; default: Fit; tight: Fit }
const fixture = JSON.parse(readFileSync(new URL('../fixtures/r/meta.json', import.meta.url), 'utf8')) as Record<string, Case>;
const FIELDS = ['estimate', 'se', 'ciLow', 'ciHigh', 'pValue', 'tau2', 'i2', 'h2', 'q', 'qPValue', 'piLow', 'piHigh'] as const;

function near(got: number | null, want: S, relative: number, absolute: number, what: string) {
  expect(got === null, what).toBe(want === null);
  if (got !== null && want !== null) expect(Math.abs(got - Number(want)), `${what}: ${got} vs ${want}`).toBeLessThanOrEqual(relative * Math.abs(Number(want)) + absolute);
}

describe('randomEffectsMeta (REML)', () => {
  it.each(Object.entries(fixture))('%s: equals rma', (_name, c) => {
    const fit = randomEffectsMeta(c.yi.map(Number), c.vi.map(Number));
    expect(fit.qDf).toBe(c.tight.qDf);
    // Converged to 1e-12, it equals metafor run to 1e-12 closely, and metafor's default within 1e-4.
    for (const f of FIELDS) near(fit[f], c.tight[f], 1e-6, 1e-9, `${f} (tight)`);
    // (metafor stops when τ² moves less than 1e-5, so near τ² = 0 its default is off by up to that.)
    for (const f of FIELDS) near(fit[f], c.default[f], 1e-4, 1e-5, `${f} (default)`);
  });

  it('needs two studies with a positive variance', () => {
    expect(randomEffectsMeta([0.3], [0.1]).estimate).toBeNull();
    expect(randomEffectsMeta([0.3, 0.5], [0.1, 0]).warnings[0].code).toBe('META_NO_VARIANCE');
  });
});
