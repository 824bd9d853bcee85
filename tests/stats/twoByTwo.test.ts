import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { oddsRatioWoolf, riskRatioKatz } from '../../src/stats/twoByTwo.js';
import { expectClose } from '../helpers/tolerance.js';

interface Est {
  estimate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}
interface RatioCase {
  a: number;
  n1: number;
  c: number;
  n2: number;
  conf: number;
  riskRatio: Est;
  oddsRatio: Est;
}
// Reference: Katz / Woolf formulas in R 4.2.2, cross-checked there against
// epiR::epi.2by2(...)$massoc.detail$RR.strata.wald / OR.strata.wald (tests/fixtures/r/crude.R).
const fixture = JSON.parse(readFileSync(new URL('../fixtures/r/crude.json', import.meta.url), 'utf8')) as { ratios: RatioCase[] };

describe('riskRatioKatz and oddsRatioWoolf', () => {
  it.each(fixture.ratios)('match R for a=$a/$n1, c=$c/$n2 conf=$conf', (k) => {
    const rr = riskRatioKatz(k.a, k.n1, k.c, k.n2, k.conf);
    const or = oddsRatioWoolf(k.a, k.n1 - k.a, k.c, k.n2 - k.c, k.conf);
    for (const [got, want, name] of [
      [rr, k.riskRatio, 'RR'],
      [or, k.oddsRatio, 'OR'],
    ] as const) {
      expectClose(got.estimate, want.estimate, { relative: 1e-12 }, `${name} estimate`);
      expectClose(got.ciLow, want.ciLow, { relative: 1e-10 }, `${name} ciLow`);
      expectClose(got.ciHigh, want.ciHigh, { relative: 1e-10 }, `${name} ciHigh`);
      expect(got.warnings.map((w) => w.code)).toEqual(want.estimate === null ? [name === 'RR' ? 'RISK_RATIO_NO_EVENTS' : 'ODDS_RATIO_ZERO_CELL'] : []);
    }
  });

  it('flags empty groups', () => {
    expect(riskRatioKatz(0, 0, 3, 10).warnings.map((w) => w.code)).toEqual(['RATIO_EMPTY_GROUP']);
  });

  it('inverts when the groups swap', () => {
    const rr = riskRatioKatz(14, 150, 230, 2305);
    const back = riskRatioKatz(230, 2305, 14, 150);
    expectClose(back.estimate, 1 / (rr.estimate as number), { relative: 1e-14 });
    expectClose(back.ciLow, 1 / (rr.ciHigh as number), { relative: 1e-12 });
  });
});
