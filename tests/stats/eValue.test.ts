import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commonOutcomeRiskRatio, eValue, eValueInterval } from '../../src/stats/eValue.js';
import { expectClose } from '../helpers/tolerance.js';

// Reference: the E-value formulas of VanderWeele & Ding (2017) written out in R
// (tests/fixtures/r/evalue.R), 17 digits.
interface Case {
  estimate: string;
  ciLow: string;
  ciHigh: string;
  eValue: string;
  eValueCi: string;
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/r/evalue.json', import.meta.url), 'utf8')) as { riskRatio: Case[]; oddsRatioCommon: Case[] };
const close = (got: number | null, want: string) => expectClose(got, Number(want), { relative: 8 * Number.EPSILON });

describe('eValue', () => {
  it.each(fixture.riskRatio)('matches R for RR $estimate ($ciLow, $ciHigh)', (c) => {
    close(eValue(Number(c.estimate)), c.eValue);
    close(eValueInterval(Number(c.ciLow), Number(c.ciHigh)), c.eValueCi);
  });

  it.each(fixture.oddsRatioCommon)('matches R for a common-outcome OR $estimate ($ciLow, $ciHigh)', (c) => {
    const rr = (x: string) => commonOutcomeRiskRatio(Number(x));
    close(eValue(rr(c.estimate)), c.eValue);
    close(eValueInterval(rr(c.ciLow), rr(c.ciHigh)), c.eValueCi);
  });

  it('is 1 for no effect, symmetric in RR and 1/RR, and null when undefined', () => {
    expect(eValue(1)).toBe(1);
    expectClose(eValue(0.25), eValue(4), { absolute: 5e-15 });
    expect(eValue(null)).toBeNull();
    expect(eValue(0)).toBeNull();
    expect(eValueInterval(null, 2)).toBeNull();
  });
});
