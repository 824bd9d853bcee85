/**
 * Logistic regression by IRLS, checked against R
 * `glm(y ~ hybrid + factor(office) + age + female + prior_work, binomial)`
 * (coefficients, summary SEs, deviance, iterations; tests/fixtures/r/adjusted.R),
 * fitted both on person rows and on aggregated covariate patterns with
 * frequency weights; and separation/non-convergence flags.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitLogistic, type LogisticDesign } from '../../src/stats/logistic.js';
import { expectClose } from '../helpers/tolerance.js';

interface GlmFixture {
  columnNames: string[];
  x: number[][];
  y: number[];
  coefficients: number[];
  standardErrors: number[];
  deviance: number;
  iterations: number;
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/r/adjusted.json', import.meta.url), 'utf8')) as {
  glm: GlmFixture;
  completeSeparation: { x: number[]; converged: boolean; iterations: number; coefficients: number[] };
};

function personDesign(g: GlmFixture): LogisticDesign {
  const p = g.columnNames.length;
  return {
    x: Float64Array.from(g.x.flat()),
    y: Float64Array.from(g.y),
    weights: new Float64Array(g.y.length).fill(1),
    nRows: g.y.length,
    p,
    columnNames: g.columnNames,
  };
}

function aggregatedDesign(g: GlmFixture): LogisticDesign {
  const index = new Map<string, number>();
  const x: number[][] = [];
  const y: number[] = [];
  const w: number[] = [];
  g.x.forEach((row, i) => {
    const key = `${row.join(',')}|${g.y[i]}`;
    let r = index.get(key);
    if (r === undefined) {
      r = w.length;
      index.set(key, r);
      x.push(row);
      y.push(g.y[i]);
      w.push(0);
    }
    w[r] += 1;
  });
  return {
    x: Float64Array.from(x.flat()),
    y: Float64Array.from(y),
    weights: Float64Array.from(w),
    nRows: w.length,
    p: g.columnNames.length,
    columnNames: g.columnNames,
  };
}

describe('fitLogistic (R glm, binomial)', () => {
  it.each([
    ['person rows', personDesign(fixture.glm)],
    ['aggregated patterns', aggregatedDesign(fixture.glm)],
  ] as const)('matches glm on %s', (_label, design) => {
    const fit = fitLogistic(design);
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBe(fixture.glm.iterations);
    expect(fit.warnings).toEqual([]);
    fixture.glm.coefficients.forEach((b, j) => {
      expectClose(fit.coefficients[j], b, { relative: 1e-6 });
    });
    fixture.glm.standardErrors.forEach((se, j) => {
      expectClose(fit.standardErrors![j], se, { relative: 1e-6 });
    });
    expectClose(fit.deviance, fixture.glm.deviance, { relative: 1e-9 });
  });

  it('aggregation leaves far fewer rows', () => {
    expect(aggregatedDesign(fixture.glm).nRows).toBeLessThan(fixture.glm.y.length);
  });

  it('flags complete separation as R glm does (converged, same iterations) and adds a diverging-coefficient flag', () => {
    // y = x exactly; R's glm(y ~ x, binomial) in tests/fixtures/r/adjusted.R.
    const reference = fixture.completeSeparation;
    const xs = reference.x;
    const design: LogisticDesign = {
      x: Float64Array.from(xs.flatMap((v) => [1, v])),
      y: Float64Array.from(xs),
      weights: new Float64Array(6).fill(1),
      nRows: 6,
      p: 2,
      columnNames: ['(Intercept)', 'x'],
    };
    const fit = fitLogistic(design);
    expect(fit.converged).toBe(reference.converged);
    expect(fit.iterations).toBe(reference.iterations);
    expectClose(fit.coefficients[1], reference.coefficients[1], { relative: 1e-5 });
    expect(fit.divergingColumns).toContain(1);
    // Fitted values reach 2e-11, not 10·ε, so R does not warn here; the SE test catches it.
    expect(fit.warnings.map((w) => w.code)).toEqual(['GLM_DIVERGING_COEFFICIENT']);
  });
});

describe('fitLogistic with start (glm(start =))', () => {
  it('from R’s estimate, converges at once to it; from zero, reaches the same estimate', () => {
    const design = personDesign(fixture.glm);
    const cold = fitLogistic(design);
    const warm = fitLogistic(design, { start: Float64Array.from(fixture.glm.coefficients) });
    const zero = fitLogistic(design, { start: new Float64Array(design.p) });
    expect(warm.converged).toBe(true);
    expect(warm.iterations).toBeLessThan(cold.iterations);
    for (const fit of [warm, zero]) {
      // Another path to the same estimate: equal to glm's convergence tolerance.
      fit.coefficients.forEach((b, j) => {
        expectClose(b, fixture.glm.coefficients[j], { relative: 1e-6 });
      });
    }
  });

  it('rejects a start of the wrong length', () => {
    expect(() => fitLogistic(personDesign(fixture.glm), { start: new Float64Array(1) })).toThrow(/start has 1 coefficients/);
  });
});
