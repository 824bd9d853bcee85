/**
 * CR2 covariance and Satterthwaite t tests, checked against R clubSandwich 0.5.8
 * (tests/fixtures/r/cr2.R: vcovCR(glm, cluster, "CR2"), coef_test(..., "Satterthwaite"),
 * conf_int) for three simulated person-level data sets, computed here from person
 * rows and from aggregated covariate patterns; and the Student t helpers against
 * R's pt and qt.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clusterRobustVcov } from '../../src/stats/clusterRobust.js';
import { clusterRobustCr2, satterthwaiteCoefTest } from '../../src/stats/clusterRobustCr2.js';
import { studentTCritical, studentTTwoSidedP } from '../../src/stats/studentT.js';
import { fitLogistic, type LogisticDesign } from '../../src/stats/logistic.js';
import { expectClose } from '../helpers/tolerance.js';

interface Case {
  clusterFixedEffects: boolean;
  persons: { cluster: number[]; trt: number[]; age: number[]; b1: number[]; b2: number[]; y: number[] };
  columnNames: string[];
  coefficients: string[];
  vcov: string[][];
  standardError: string[];
  t: string[];
  df: string[];
  pValue: string[];
  ciLow: string[];
  ciHigh: string[];
}
interface Fixture {
  cases: Record<string, Case>;
  studentT: { twoSidedP: { t: string; df: string; p: string }[]; quantile: { level: string; df: string; t: string }[] };
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/r/cr2.json', import.meta.url), 'utf8')) as Fixture;

/** The person-level model matrix of cr2.R: intercept, trt, age, b1, b2 and, with fixed effects, dummies for clusters 2..G. */
function personRows(c: Case): { x: number[][]; y: number[]; cluster: number[] } {
  const { persons } = c;
  const levels = [...new Set(persons.cluster)].sort((a, b) => a - b);
  const x = persons.y.map((_, i) => {
    const row = [1, persons.trt[i], persons.age[i], persons.b1[i], persons.b2[i]];
    if (c.clusterFixedEffects) for (const level of levels.slice(1)) row.push(persons.cluster[i] === level ? 1 : 0);
    return row;
  });
  return { x, y: persons.y, cluster: persons.cluster };
}

/** Person rows (weight 1 each) or identical (x, y, cluster) rows merged into one pattern with a frequency weight. */
function buildDesign(c: Case, aggregate: boolean): { design: LogisticDesign; cluster: Int32Array } {
  const rows = personRows(c);
  const index = new Map<string, number>();
  const x: number[][] = [];
  const y: number[] = [];
  const w: number[] = [];
  const cl: number[] = [];
  rows.x.forEach((row, i) => {
    const key = aggregate ? `${row.join(',')}|${rows.y[i]}|${rows.cluster[i]}` : String(i);
    let r = index.get(key);
    if (r === undefined) {
      r = w.length;
      index.set(key, r);
      x.push(row);
      y.push(rows.y[i]);
      w.push(0);
      cl.push(rows.cluster[i]);
    }
    w[r] += 1;
  });
  const p = x[0].length;
  return {
    design: { x: Float64Array.from(x.flat()), y: Float64Array.from(y), weights: Float64Array.from(w), nRows: w.length, p, columnNames: c.columnNames },
    cluster: Int32Array.from(cl),
  };
}

const TOLERANCE = 1e-6;
const caseNames = Object.keys(fixture.cases);

describe('clusterRobustCr2 and satterthwaiteCoefTest (clubSandwich CR2, Satterthwaite)', () => {
  describe.each(caseNames)('%s', (name) => {
    const c = fixture.cases[name];
    it.each([
      ['person rows', false],
      ['aggregated patterns', true],
    ] as const)('matches vcovCR, coef_test and conf_int on %s', (_label, aggregate) => {
      const { design, cluster } = buildDesign(c, aggregate);
      if (aggregate) expect(design.nRows).toBeLessThan(c.persons.y.length);
      const fit = fitLogistic(design);
      expect(fit.converged).toBe(true);
      const cr2 = clusterRobustCr2(design, fit, cluster)!;
      expect(cr2.clusters).toBe(new Set(c.persons.cluster).size);
      const p = design.p;
      for (let i = 0; i < p; i++) {
        for (let j = 0; j < p; j++) {
          // Off-diagonal cells relative to the diagonal scale.
          const scale = Math.sqrt(Number(c.vcov[i][i]) * Number(c.vcov[j][j]));
          expectClose(cr2.vcov[i * p + j], Number(c.vcov[i][j]), { absolute: TOLERANCE * scale }, `vcov[${i},${j}]`);
        }
        const test = satterthwaiteCoefTest(design, fit, cluster, i)!;
        expectClose(test.estimate, Number(c.coefficients[i]), { relative: TOLERANCE });
        expectClose(test.standardError, Number(c.standardError[i]), { relative: TOLERANCE });
        expectClose(test.t, Number(c.t[i]), { relative: TOLERANCE });
        expectClose(test.df, Number(c.df[i]), { relative: TOLERANCE });
        expectClose(test.pValue, Number(c.pValue[i]), { relative: TOLERANCE });
        expectClose(test.ciLow, Number(c.ciLow[i]), { relative: TOLERANCE });
        expectClose(test.ciHigh, Number(c.ciHigh[i]), { relative: TOLERANCE });
      }
    });

    it('gives the same numbers from aggregated patterns as from person rows', () => {
      const person = buildDesign(c, false);
      const pattern = buildDesign(c, true);
      const personFit = fitLogistic(person.design);
      const patternFit = fitLogistic(pattern.design);
      const a = clusterRobustCr2(person.design, personFit, person.cluster)!;
      const b = clusterRobustCr2(pattern.design, patternFit, pattern.cluster)!;
      const p = person.design.p;
      for (let i = 0; i < p; i++) {
        for (let j = 0; j < p; j++) {
          const scale = Math.sqrt(a.vcov[i * p + i] * a.vcov[j * p + j]);
          expectClose(a.vcov[i * p + j], b.vcov[i * p + j], { absolute: 1e-10 * scale });
        }
        const ta = satterthwaiteCoefTest(person.design, personFit, person.cluster, i)!;
        const tb = satterthwaiteCoefTest(pattern.design, patternFit, pattern.cluster, i)!;
        for (const key of ['standardError', 'df', 'pValue', 'ciLow', 'ciHigh'] as const) expectClose(tb[key], ta[key], { relative: 1e-10 });
      }
    });
  });

  it('does not depend on the order of the rows or the labels of the clusters', () => {
    const { design, cluster } = buildDesign(fixture.cases.unequal12, true);
    const order = Array.from({ length: design.nRows }, (_, r) => (r * 7919) % design.nRows);
    expect(new Set(order).size).toBe(design.nRows);
    const p = design.p;
    const shuffled: LogisticDesign = {
      ...design,
      x: Float64Array.from(order.flatMap((r) => [...design.x.subarray(r * p, r * p + p)])),
      y: Float64Array.from(order, (r) => design.y[r]),
      weights: Float64Array.from(order, (r) => design.weights[r]),
    };
    const relabelled = Int32Array.from(order, (r) => 1000 - 3 * cluster[r]);
    const a = satterthwaiteCoefTest(design, fitLogistic(design), cluster, 1)!;
    const b = satterthwaiteCoefTest(shuffled, fitLogistic(shuffled), relabelled, 1)!;
    for (const key of ['standardError', 'df', 'pValue'] as const) expectClose(b[key], a[key], { relative: 1e-9 });
  });

  it('keeps SE·scale, t and df when a covariate is rescaled', () => {
    const { design, cluster } = buildDesign(fixture.cases.small5, true);
    const p = design.p;
    const scaled: LogisticDesign = { ...design, x: design.x.map((v, i) => (i % p === 2 ? v / 10 : v)) };
    const a = satterthwaiteCoefTest(design, fitLogistic(design), cluster, 2)!;
    const b = satterthwaiteCoefTest(scaled, fitLogistic(scaled), cluster, 2)!;
    expectClose(b.standardError, 10 * a.standardError, { relative: 1e-8 });
    expectClose(b.t, a.t, { relative: 1e-8 });
    expectClose(b.df, a.df, { relative: 1e-8 });
  });

  // For these data clubSandwich's CR2/CR0 variance ratios are 1.11–1.21; CR0 is HC0 without G/(G − 1).
  it('is clearly larger than the CR0 sandwich, and its interval holds the estimate', () => {
    const { design, cluster } = buildDesign(fixture.cases.unequal12, true);
    const fit = fitLogistic(design);
    const cr2 = clusterRobustCr2(design, fit, cluster)!;
    const cr1 = clusterRobustVcov(design, fit, cluster)!;
    const G = cr2.clusters;
    const p = design.p;
    for (let i = 0; i < p; i++) {
      expect(cr2.vcov[i * p + i]).toBeGreaterThan(1.05 * ((G - 1) / G) * cr1.vcov[i * p + i]);
      const test = satterthwaiteCoefTest(design, fit, cluster, i)!;
      expect(test.pValue).toBeGreaterThanOrEqual(0);
      expect(test.pValue).toBeLessThanOrEqual(1);
      expect(test.ciLow).toBeLessThan(test.estimate);
      expect(test.ciHigh).toBeGreaterThan(test.estimate);
    }
  });

  it('is null with one cluster or without a fitted covariance', () => {
    const { design } = buildDesign(fixture.cases.small5, true);
    const fit = fitLogistic(design);
    expect(clusterRobustCr2(design, fit, new Int32Array(design.nRows))).toBeNull();
    expect(
      satterthwaiteCoefTest(
        design,
        { ...fit, vcov: null },
        Int32Array.from({ length: design.nRows }, (_, r) => r % 3),
        1,
      ),
    ).toBeNull();
  });
});

describe('studentTTwoSidedP and studentTCritical (R pt, qt)', () => {
  // The continued fraction needs about √df terms near the centre of the
  // distribution; at df = 1e5 it keeps 11–12 digits (checked against mpmath).
  it.each(fixture.studentT.twoSidedP)('2·pt(-|$t|, $df) = $p', ({ t, df, p }) => {
    expectClose(studentTTwoSidedP(Number(t), Number(df)), Number(p), { relative: Number(df) > 1e4 ? 1e-11 : 1e-12 });
  });

  it.each(fixture.studentT.quantile)('qt for a $level interval with df $df is $t', ({ level, df, t }) => {
    expectClose(studentTCritical(Number(level), Number(df)), Number(t), { relative: 1e-12 });
  });

  it('is 1 at t = 0, symmetric in t, and undefined for df ≤ 0', () => {
    expect(studentTTwoSidedP(0, 3)).toBe(1);
    expect(studentTTwoSidedP(-2.5, 3)).toBe(studentTTwoSidedP(2.5, 3));
    expect(studentTTwoSidedP(2, 0)).toBeNaN();
    expect(studentTCritical(0.95, -1)).toBeNaN();
  });
});
