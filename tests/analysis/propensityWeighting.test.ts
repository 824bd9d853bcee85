/**
 * Propensity-score (ATT) weighting, checked against R: propensity model
 * `glm(hybrid ~ factor(office) + age + female + prior_work, binomial)`, risk
 * difference from `lm(y ~ hybrid, weights = w)` with
 * `sandwich::vcovHC(fit, type = "HC0")`, and weighted SMDs by the documented
 * formulas (tests/fixtures/r/adjusted.R) on the person rows in persons-*.csv.
 */
import { readFileSync } from 'node:fs';
import { loadPersons } from '../helpers/persons.js';
import { expectClose } from '../helpers/tolerance.js';
import { describe, expect, it } from 'vitest';
import { propensityWeighting, weightedMeanVariance } from '../../src/analysis/propensityWeighting.js';

interface Reference {
  n: number;
  riskDifference: { estimate: number; ciLow: number; ciHigh: number };
  smdAfter: { variable: string; level?: string; smd: number }[];
  weights: { min: number; max: number; effectiveSampleSizeUsual: number };
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/r/adjusted.json', import.meta.url), 'utf8')) as Record<
  'realistic' | 'edge',
  { propensity: Reference }
>;

describe('propensityWeighting (R glm + lm weights + sandwich::vcovHC HC0)', () => {
  it('matches R on realistic data', () => {
    const result = propensityWeighting(loadPersons('realistic'));
    const ref = fixture.realistic.propensity;
    expect(result.n).toBe(ref.n);
    expectClose(result.riskDifference.estimate, ref.riskDifference.estimate, { relative: 1e-5 });
    expectClose(result.riskDifference.ciLow, ref.riskDifference.ciLow, { relative: 1e-5 });
    expectClose(result.riskDifference.ciHigh, ref.riskDifference.ciHigh, { relative: 1e-5 });
    result.smdAfter.forEach((s, k) => {
      expect(s.variable).toBe(ref.smdAfter[k].variable);
      expectClose(s.smd, ref.smdAfter[k].smd, { relative: 1e-5 });
    });
    expectClose(result.weights.min, ref.weights.min, { relative: 1e-5 });
    expectClose(result.weights.max, ref.weights.max, { relative: 1e-5 });
    expectClose(result.weights.effectiveSampleSizeUsual, ref.weights.effectiveSampleSizeUsual, { relative: 1e-5 });
    expect(result.warnings).toEqual([]);
  });

  it('matches R and warns with an office without hybrid users', () => {
    const result = propensityWeighting(loadPersons('edge'));
    const ref = fixture.edge.propensity;
    expect(result.n).toBe(ref.n);
    expectClose(result.riskDifference.estimate, ref.riskDifference.estimate, { relative: 1e-5 });
    expectClose(result.riskDifference.ciLow, ref.riskDifference.ciLow, { relative: 1e-5 });
    expectClose(result.riskDifference.ciHigh, ref.riskDifference.ciHigh, { relative: 1e-5 });
    result.smdAfter.forEach((s, k) => {
      expectClose(s.smd, ref.smdAfter[k].smd, { relative: 1e-5 });
    });
    expect(result.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['PS_OFFICE_ONE_GROUP', 'PS_SEPARATION']));
  });

  it('weighted variance reduces to the n − 1 variance with unit weights', () => {
    const x = [1, 4, 2, 8, 5];
    const { mean, variance } = weightedMeanVariance(x, [1, 1, 1, 1, 1]);
    expectClose(mean, 4, { absolute: 5e-15 });
    expectClose(variance, 7.5, { absolute: 5e-14 });
  });
});
