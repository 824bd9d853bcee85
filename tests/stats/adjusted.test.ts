/**
 * Covariate-adjusted odds ratio (logistic regression with office fixed effects)
 * with a cluster-robust SE, checked against R
 * `glm(y ~ hybrid + factor(office) + age + female + prior_work, binomial)` and
 * `sandwich::vcovCL(fit, cluster = ~counsellor, type = "HC0", cadjust = TRUE)`
 * (tests/fixtures/r/adjusted.R) on the person rows in persons-*.csv.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OUTCOMES } from '../../src/ingest/types.js';
import { adjustedEstimate, type AdjustedEstimate } from '../../src/stats/adjusted.js';
import type { PersonColumns } from '../../src/table/types.js';

interface Reference {
  n: number;
  clusters: number;
  oddsRatio: { estimate: number; ciLow: number; ciHigh: number; pValue: number };
  standardError: { modelBased: number; clusterRobust: number };
  converged: boolean;
}
type Fixture = Record<'realistic' | 'edge' | 'separation', Record<string, Reference>>;
const fixture = JSON.parse(readFileSync(new URL('../fixtures/r/adjusted.json', import.meta.url), 'utf8')) as Fixture;

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

function expectMatches(result: AdjustedEstimate, ref: Reference): void {
  expect(result.n).toBe(ref.n);
  expect(result.clusters).toBe(ref.clusters);
  expect(result.converged).toBe(true);
  expectRelativelyClose(result.oddsRatio.estimate, ref.oddsRatio.estimate);
  expectRelativelyClose(result.oddsRatio.ciLow, ref.oddsRatio.ciLow, 1e-5);
  expectRelativelyClose(result.oddsRatio.ciHigh, ref.oddsRatio.ciHigh, 1e-5);
  expectRelativelyClose(result.oddsRatio.pValue, ref.oddsRatio.pValue, 1e-5);
  expectRelativelyClose(result.standardError.modelBased, ref.standardError.modelBased, 1e-5);
  expectRelativelyClose(result.standardError.clusterRobust, ref.standardError.clusterRobust, 1e-5);
}

describe('adjustedEstimate (R glm + sandwich::vcovCL)', () => {
  it('matches R on realistic data, clustered by counsellor', () => {
    const result = adjustedEstimate(loadPersons('realistic'));
    expect(result.formula).toBe('work_or_education ~ group + office + age + gender + prior_work');
    expect(result.clusterBy).toBe('counsellor');
    expectMatches(result, fixture.realistic.adjusted);
    expect(result.warnings).toEqual([]);
  });

  it('clusters by office when there is no counsellor column, and warns about few clusters', () => {
    const result = adjustedEstimate(loadPersons('realistic', { counsellor: false }));
    expect(result.clusterBy).toBe('office');
    expectMatches(result, fixture.realistic.adjustedByOffice);
    expect(result.warnings.map((w) => w.code)).toEqual(['ADJUSTED_FEW_CLUSTERS']);
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
