/**
 * Covariate-adjusted odds ratio (logistic regression with office fixed effects)
 * with a cluster-robust SE, checked against R
 * `glm(y ~ hybrid + factor(office) + age + female + prior_work, binomial)` and
 * `sandwich::vcovCL(fit, cluster = ~counsellor, type = "HC0", cadjust = TRUE)`
 * (tests/fixtures/r/adjusted.R) on the person rows in persons-*.csv.
 */
import { readFileSync } from 'node:fs';
import { loadPersons } from '../helpers/persons.js';
import { expectClose } from '../helpers/tolerance.js';
import { describe, expect, it } from 'vitest';
import { adjustedEstimate, type AdjustedEstimate } from '../../src/analysis/adjusted.js';

interface Reference {
  n: number;
  clusters: number;
  variance: 'HC0' | 'CR2';
  df: number | null;
  oddsRatio: { estimate: number; ciLow: number; ciHigh: number; pValue: number };
  standardError: { modelBased: number; clusterRobust: number };
  converged: boolean;
}
type Fixture = Record<'realistic' | 'edge' | 'separation', Record<string, Reference>>;
const fixture = JSON.parse(readFileSync(new URL('../fixtures/r/adjusted.json', import.meta.url), 'utf8')) as Fixture;

function expectMatches(result: AdjustedEstimate, ref: Reference): void {
  expect(result.n).toBe(ref.n);
  expect(result.clusters).toBe(ref.clusters);
  expect(result.variance).toBe(ref.variance);
  expect(result.converged).toBe(true);
  expectClose(result.oddsRatio.estimate, ref.oddsRatio.estimate, { relative: 1e-6 });
  expectClose(result.oddsRatio.ciLow, ref.oddsRatio.ciLow, { relative: 1e-5 });
  expectClose(result.oddsRatio.ciHigh, ref.oddsRatio.ciHigh, { relative: 1e-5 });
  expectClose(result.oddsRatio.pValue, ref.oddsRatio.pValue, { relative: 1e-5 });
  expectClose(result.standardError.modelBased, ref.standardError.modelBased, { relative: 1e-5 });
  expectClose(result.standardError.clusterRobust, ref.standardError.clusterRobust, { relative: 1e-5 });
}

describe('adjustedEstimate (R glm + sandwich::vcovCL)', () => {
  it('matches R on realistic data, clustered by counsellor', () => {
    const result = adjustedEstimate(loadPersons('realistic'));
    expect(result.formula).toBe('work_or_education ~ group + office + age + gender + prior_work');
    expect(result.clusterBy).toBe('counsellor');
    expectMatches(result, fixture.realistic.adjusted);
    expect(result.warnings).toEqual([]);
  });

  it('clusters by office when there is no counsellor column, with CR2 and Satterthwaite df for so few clusters', () => {
    const result = adjustedEstimate(loadPersons('realistic', { counsellor: false }));
    expect(result.clusterBy).toBe('office');
    const ref = fixture.realistic.adjustedByOffice;
    expect(ref.variance).toBe('CR2');
    expect(result.variance).toBe('CR2');
    expectClose(result.df, ref.df!, { relative: 1e-6 });
    expectMatches(result, ref);
    expect(result.warnings).toEqual([]);
  });

  it('uses only the covariates present', () => {
    const noAge = adjustedEstimate(loadPersons('realistic', { age: false }));
    expect(noAge.formula).toBe('work_or_education ~ group + office + gender + prior_work');
    expectMatches(noAge, fixture.realistic.adjustedNoAge);
    const none = adjustedEstimate(loadPersons('realistic', { age: false, gender: false, priorWork: false }));
    expect(none.formula).toBe('work_or_education ~ group + office');
    expectMatches(none, fixture.realistic.adjustedNoCovariates);
  });

  it('matches R with an office without hybrid users and an office whose hybrid users all ended in none', () => {
    expectMatches(adjustedEstimate(loadPersons('edge')), fixture.edge.adjusted);
  });

  it('reports no odds ratio under complete separation (R glm gives OR 1e23 with a robust SE of 0.5)', () => {
    const ref = fixture.separation.adjusted;
    expect(ref.oddsRatio.estimate).toBeGreaterThan(1e10);
    const result = adjustedEstimate(loadPersons('separation'));
    expect(result.n).toBe(ref.n);
    expect(result.oddsRatio).toEqual({ estimate: null, ciLow: null, ciHigh: null, pValue: null });
    expect(result.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['GLM_DIVERGING_COEFFICIENT', 'ADJUSTED_UNRELIABLE']));
  });

  it('is undefined without one of the groups', () => {
    const cols = loadPersons('realistic');
    cols.hybrid.fill(0);
    const result = adjustedEstimate(cols);
    expect(result.oddsRatio.estimate).toBeNull();
    expect(result.warnings.map((w) => w.code)).toEqual(['ADJUSTED_ONE_GROUP']);
  });
});
