/**
 * Propensity-score (ATT) weighting, checked against R: propensity model
 * `glm(hybrid ~ factor(office) + age + female + prior_work, binomial)`, risk
 * difference from `lm(y ~ hybrid, weights = w)` with
 * `sandwich::vcovHC(fit, type = "HC0")`, and weighted SMDs by the documented
 * formulas (tests/fixtures/r/adjusted.R) on the person rows in persons-*.csv.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OUTCOMES } from '../../src/ingest/types.js';
import { propensityWeighting, weightedMeanVariance } from '../../src/stats/propensityWeighting.js';
import type { PersonColumns } from '../../src/table/types.js';

interface Reference {
  n: number;
  riskDifference: { estimate: number; ciLow: number; ciHigh: number };
  smdAfter: { variable: string; level?: string; smd: number }[];
  weights: { min: number; max: number; effectiveSampleSizeUsual: number };
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/r/adjusted.json', import.meta.url), 'utf8')) as Record<'realistic' | 'edge', { propensity: Reference }>;

/** Loads a person CSV written by tests/fixtures/r/adjusted.R into PersonColumns (as src/table/build.ts lays them out). */
function loadPersons(name: string, has: Partial<PersonColumns['has']> = {}): PersonColumns {
  const text = readFileSync(new URL(`../fixtures/r/persons-${name}.csv`, import.meta.url), 'utf8');
  const rows = text.trim().split('\n').slice(1).map((line) => line.split(','));
  const offices = [...new Set(rows.map((r) => r[0]))].sort();
  const counsellors = [...new Set(rows.map((r) => `${r[0]}\u0000${r[1]}`))].sort();
  const n = rows.length;
  const code = (v: string) => (v === '' ? -1 : Number(v));
  return {
    n,
    offices,
    counsellors,
    office: Int32Array.from(rows, (r) => offices.indexOf(r[0])),
    counsellor: Int32Array.from(rows, (r) => counsellors.indexOf(`${r[0]}\u0000${r[1]}`)),
    hybrid: Uint8Array.from(rows, (r) => Number(r[2])),
    outcome: Int8Array.from(rows, (r) => (r[3] === '' ? -1 : OUTCOMES.indexOf(r[3] as (typeof OUTCOMES)[number]))),
    age: Float64Array.from(rows, (r) => (r[4] === '' ? Number.NaN : Number(r[4]))),
    female: Int8Array.from(rows, (r) => code(r[5])),
    priorWork: Int8Array.from(rows, (r) => code(r[6])),
    has: { counsellor: true, age: true, gender: true, priorWork: true, ...has },
  };
}

function expectRelativelyClose(actual: number | null, expected: number, tol = 1e-6): void {
  expect(actual).not.toBeNull();
  const diff = Math.abs((actual as number) - expected);
  const bound = tol * Math.abs(expected);
  if (!(diff <= bound)) throw new Error(`value ${actual}, expected ${expected}, difference ${diff}, tolerance ${bound}`);
}

describe('propensityWeighting (R glm + lm weights + sandwich::vcovHC HC0)', () => {
  it('matches R on realistic data', () => {
    const result = propensityWeighting(loadPersons('realistic'));
    const ref = fixture.realistic.propensity;
    expect(result.n).toBe(ref.n);
    expectRelativelyClose(result.riskDifference.estimate, ref.riskDifference.estimate, 1e-5);
    expectRelativelyClose(result.riskDifference.ciLow, ref.riskDifference.ciLow, 1e-5);
    expectRelativelyClose(result.riskDifference.ciHigh, ref.riskDifference.ciHigh, 1e-5);
    result.smdAfter.forEach((s, k) => {
      expect(s.variable).toBe(ref.smdAfter[k].variable);
      expectRelativelyClose(s.smd, ref.smdAfter[k].smd, 1e-5);
    });
    expectRelativelyClose(result.weights.min, ref.weights.min, 1e-5);
    expectRelativelyClose(result.weights.max, ref.weights.max, 1e-5);
    expectRelativelyClose(result.weights.effectiveSampleSizeUsual, ref.weights.effectiveSampleSizeUsual, 1e-5);
    expect(result.warnings).toEqual([]);
  });

  it('matches R and warns with an office without hybrid users', () => {
    const result = propensityWeighting(loadPersons('edge'));
    const ref = fixture.edge.propensity;
    expect(result.n).toBe(ref.n);
    expectRelativelyClose(result.riskDifference.estimate, ref.riskDifference.estimate, 1e-5);
    expectRelativelyClose(result.riskDifference.ciLow, ref.riskDifference.ciLow, 1e-5);
    expectRelativelyClose(result.riskDifference.ciHigh, ref.riskDifference.ciHigh, 1e-5);
    result.smdAfter.forEach((s, k) => expectRelativelyClose(s.smd, ref.smdAfter[k].smd, 1e-5));
    expect(result.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['PS_OFFICE_ONE_GROUP', 'PS_SEPARATION']));
  });

  it('weighted variance reduces to the n − 1 variance with unit weights', () => {
    const x = [1, 4, 2, 8, 5];
    const { mean, variance } = weightedMeanVariance(x, [1, 1, 1, 1, 1]);
    expect(mean).toBeCloseTo(4, 14);
    expect(variance).toBeCloseTo(7.5, 13);
  });
});
