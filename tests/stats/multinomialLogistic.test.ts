/**
 * Multinomial logistic regression, cluster-robust sandwich and Wald tests,
 * checked against R `nnet::multinom` fitted to the MLE, the sandwich and Wald
 * quadratic forms written out in R, and pchisq(lower.tail = FALSE)
 * (tests/fixtures/r/multinom.R, 17 digits). Designs are rebuilt here from the
 * person rows R wrote (model matrix, category, cluster): grouped into covariate
 * patterns, or one row per person.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clusterRobustVcovByPerson } from '../../src/stats/clusterRobust.js';
import { fitLogistic } from '../../src/stats/logistic.js';
import {
  coefficientIndex,
  equalAcrossCategoriesTest,
  fitMultinomial,
  multinomialClusterRobustVcov,
  relativeRiskRatios,
  waldTest,
  type MultinomialDesign,
} from '../../src/stats/multinomialLogistic.js';
import { expectClose } from '../helpers/tolerance.js';

interface Wald {
  statistic: number;
  df: number;
  pValue: number;
}
interface WaldFixture {
  name: string;
  type: 'equalAcrossCategories' | 'contrast';
  column: number;
  contrast: number[][];
  robust: Wald;
  modelBased: Wald;
}
interface Persons {
  categories: string[];
  columnNames: string[];
  x: number[][];
  category: number[];
  cluster: number[];
}
interface CaseFixture extends Persons {
  clusters: number;
  coefficients: number[][];
  standardErrors: number[];
  vcov: number[][];
  logLik: number;
  deviance: number;
  clusterRobust: { vcov: number[][]; standardErrors: number[] };
  relativeRiskRatios: { estimate: number; ciLow: number; ciHigh: number }[];
  waldTests: WaldFixture[];
  defaultFit: { coefficients: number[][]; standardErrors: number[]; deviance: number };
}
interface SeparationFixture extends Persons {
  countsAmongExposed: number[];
  coefficients: number[][];
  standardErrors: number[];
  convergence: number;
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/r/multinom.json', import.meta.url), 'utf8')) as {
  large: CaseFixture;
  three: CaseFixture;
  separation: SeparationFixture;
};

interface Built {
  design: MultinomialDesign;
  patternOfPerson: Int32Array;
  categoryOfPerson: Int8Array;
  clusterOfPerson: Int32Array;
}

/** Persons grouped into covariate patterns (identical model-matrix rows), or one row per person. */
function build(c: Persons, aggregate: boolean): Built {
  const K = c.categories.length;
  const p = c.columnNames.length;
  const index = new Map<string, number>();
  const rows: number[][] = [];
  const counts: number[] = [];
  const patternOfPerson = new Int32Array(c.x.length);
  c.x.forEach((row, s) => {
    const key = aggregate ? row.join(',') : String(s);
    let r = index.get(key);
    if (r === undefined) {
      r = rows.length;
      index.set(key, r);
      rows.push(row);
      counts.push(...new Array<number>(K).fill(0));
    }
    counts[r * K + c.category[s]] += 1;
    patternOfPerson[s] = r;
  });
  return {
    design: {
      x: Float64Array.from(rows.flat()),
      counts: Float64Array.from(counts),
      nRows: rows.length,
      p,
      categories: K,
      columnNames: c.columnNames,
      categoryNames: c.categories,
    },
    patternOfPerson,
    categoryOfPerson: Int8Array.from(c.category),
    clusterOfPerson: Int32Array.from(c.cluster),
  };
}

/** Symmetric matrices: diagonal relative to itself, off-diagonal relative to √(V_ii V_jj). */
function expectMatrixClose(actual: Float64Array, expected: number[][], tol: number): void {
  const q = expected.length;
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < q; j++) {
      expectClose(actual[i * q + j], expected[i][j], { absolute: tol * Math.sqrt(expected[i][i] * expected[j][j]) }, `[${i}, ${j}]`);
    }
  }
}

describe.each([
  ['4 categories, 2,500 persons, 59 clusters', 'large'],
  ['3 categories, 800 persons, 24 clusters', 'three'],
] as const)('fitMultinomial and its sandwich on %s (R nnet::multinom at the MLE)', (_label, name) => {
  const c = fixture[name];
  const built = build(c, true);
  const fit = fitMultinomial(built.design);
  const robust = multinomialClusterRobustVcov(built.design, fit, built.patternOfPerson, built.categoryOfPerson, built.clusterOfPerson)!;

  it('aggregates the persons into fewer patterns', () => {
    expect(built.design.nRows).toBeLessThan(c.x.length);
  });

  it('matches coefficients, model-based covariance, log-likelihood and deviance to 1e-6', () => {
    expect(fit.converged).toBe(true);
    expect(fit.warnings).toEqual([]);
    c.coefficients.flat().forEach((b, i) => {
      expectClose(fit.coefficients[i], b, { relative: 1e-6 });
    });
    c.standardErrors.forEach((se, i) => {
      expectClose(fit.standardErrors![i], se, { relative: 1e-6 });
    });
    expectMatrixClose(fit.vcov!, c.vcov, 1e-6);
    expectClose(fit.logLik, c.logLik, { relative: 1e-12 });
    expectClose(fit.deviance, c.deviance, { relative: 1e-12 });
  });

  it('matches the cluster-robust covariance and SEs (HC0 × G/(G−1)) to 1e-6', () => {
    expect(robust.clusters).toBe(c.clusters);
    expectMatrixClose(robust.vcov, c.clusterRobust.vcov, 1e-6);
    const q = c.clusterRobust.standardErrors.length;
    c.clusterRobust.standardErrors.forEach((se, i) => {
      expectClose(Math.sqrt(robust.vcov[i * q + i]), se, { relative: 1e-6 });
    });
  });

  it('matches the Wald statistics and pchisq upper tails, robust and model-based, to 1e-6', () => {
    for (const t of c.waldTests) {
      for (const [vcov, want] of [
        [robust.vcov, t.robust],
        [fit.vcov!, t.modelBased],
      ] as const) {
        const fromContrast = waldTest(
          fit.coefficients,
          vcov,
          t.contrast.map((row) => Float64Array.from(row)),
        );
        const got = t.type === 'equalAcrossCategories' ? equalAcrossCategoriesTest(fit.coefficients, vcov, built.design.p, t.column) : fromContrast;
        expect(got.df).toBe(want.df);
        expectClose(got.statistic, want.statistic, { relative: 1e-6 });
        expectClose(got.pValue, want.pValue, { relative: 1e-6 });
        expectClose(fromContrast.statistic, want.statistic, { relative: 1e-6 });
      }
    }
  });

  it('matches the relative-risk ratios with cluster-robust 95% intervals to 1e-6', () => {
    relativeRiskRatios(fit.coefficients, robust.vcov).forEach((rrr, i) => {
      const want = c.relativeRiskRatios[i];
      expectClose(rrr.estimate, want.estimate, { relative: 1e-6 });
      expectClose(rrr.ciLow, want.ciLow, { relative: 1e-6 });
      expectClose(rrr.ciHigh, want.ciHigh, { relative: 1e-6 });
    });
  });

  it('is near what default multinom (BFGS, reltol 1e-8) gives: SEs within 1e-4, coefficients within 1e-3 SE', () => {
    // Default multinom stops short of the MLE: 3.6e-4 (6e-4 SE) off on the 4-category case, 2.7e-6 on the 3-category one.
    c.defaultFit.coefficients.flat().forEach((b, i) => {
      expectClose(fit.coefficients[i], b, { absolute: 1e-3 * fit.standardErrors![i] });
    });
    c.defaultFit.standardErrors.forEach((se, i) => {
      expectClose(fit.standardErrors![i], se, { relative: 1e-4 });
    });
    expectClose(fit.deviance, c.defaultFit.deviance, { relative: 1e-8 });
    expect(fit.deviance).toBeLessThanOrEqual(c.defaultFit.deviance);
  });

  it('gives the same fit and sandwich from one row per person (counts of 1)', () => {
    const persons = build(c, false);
    const byPerson = fitMultinomial(persons.design);
    const robustByPerson = multinomialClusterRobustVcov(persons.design, byPerson, persons.patternOfPerson, persons.categoryOfPerson, persons.clusterOfPerson)!;
    const q = fit.coefficients.length;
    for (let i = 0; i < q; i++) expectClose(byPerson.coefficients[i], fit.coefficients[i], { relative: 1e-10 });
    const asRows = (v: Float64Array) => Array.from({ length: q }, (_, i) => Array.from(v.subarray(i * q, (i + 1) * q)));
    expectMatrixClose(byPerson.vcov!, asRows(fit.vcov!), 1e-10);
    expectMatrixClose(robustByPerson.vcov, asRows(robust.vcov), 1e-10);
    expectClose(byPerson.logLik, fit.logLik, { relative: 1e-13 });
  });

  it('fits probabilities that sum to 1 in every pattern', () => {
    const K = built.design.categories;
    for (let r = 0; r < built.design.nRows; r++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += fit.fitted[r * K + k];
      expectClose(s, 1, { absolute: 1e-14 });
    }
  });
});

describe('fitMultinomial with separation (no exposed person in one category)', () => {
  const c = fixture.separation;
  const built = build(c, true);
  const fit = fitMultinomial(built.design);
  const p = built.design.p;
  const separated = coefficientIndex(p, 2, 1);

  it('has the zero count the case is built on', () => {
    expect(c.countsAmongExposed[2]).toBe(0);
  });

  it('flags the diverging coefficient, as R drifts too (R: about −15.6 with SE ≈ 1,700 after maxit = 10000)', () => {
    expect(c.coefficients[1][1]).toBeLessThan(-10);
    expect(c.standardErrors[separated]).toBeGreaterThan(100);
    expect(fit.warnings.map((w) => w.code)).toContain('MULTINOM_DIVERGING');
    expect(fit.divergingCoefficients).toEqual([separated]);
    expect(fit.coefficients[separated]).toBeLessThan(-10);
    expect(fit.standardErrors![separated]).toBeGreaterThan(100);
    expect(fit.warnings.find((w) => w.code === 'MULTINOM_DIVERGING')!.message).toContain('third:exposed');
  });

  it('agrees with R to 1e-5 on the coefficients that do have a finite limit (R stopped at maxit, short of it)', () => {
    c.coefficients.flat().forEach((b, i) => {
      if (i !== separated) expectClose(fit.coefficients[i], b, { absolute: 1e-5 });
    });
  });
});

describe('a binary outcome (K = 2) is logistic regression', () => {
  const c = fixture.three;
  const binary: Persons = { ...c, categories: ['none', 'any'], category: c.category.map((k) => (k === 0 ? 0 : 1)) };
  const built = build(binary, true);
  const fit = fitMultinomial(built.design);
  const { design } = built;
  // fitLogistic's by-person sandwich needs patterns of one outcome each: key on (x, y).
  const index = new Map<string, number>();
  const rows: number[][] = [];
  const y: number[] = [];
  const weights: number[] = [];
  const logisticPatternOfPerson = Int32Array.from(binary.x, (row, s) => {
    const key = `${row.join(',')}|${binary.category[s]}`;
    let r = index.get(key);
    if (r === undefined) {
      r = rows.length;
      index.set(key, r);
      rows.push(row);
      y.push(binary.category[s]);
      weights.push(0);
    }
    weights[r] += 1;
    return r;
  });
  const logisticDesign = {
    x: Float64Array.from(rows.flat()),
    y: Float64Array.from(y),
    weights: Float64Array.from(weights),
    nRows: rows.length,
    p: design.p,
    columnNames: design.columnNames,
  };
  const glm = fitLogistic(logisticDesign, { epsilon: 1e-14, maxIterations: 100 });

  it('gives fitLogistic’s coefficients, covariance and by-person cluster-robust covariance', () => {
    const p = design.p;
    for (let j = 0; j < p; j++) expectClose(fit.coefficients[j], glm.coefficients[j], { relative: 1e-9 });
    const asRows = (v: Float64Array) => Array.from({ length: p }, (_, i) => Array.from(v.subarray(i * p, (i + 1) * p)));
    // glm's covariance comes from its last IRLS solve, one step before its estimate: 1e-7.
    expectMatrixClose(fit.vcov!, asRows(glm.vcov!), 1e-7);
    const mine = multinomialClusterRobustVcov(design, fit, built.patternOfPerson, built.categoryOfPerson, built.clusterOfPerson)!;
    const theirs = clusterRobustVcovByPerson(logisticDesign, glm, logisticPatternOfPerson, built.clusterOfPerson)!;
    expect(mine.clusters).toBe(theirs.clusters);
    expectMatrixClose(mine.vcov, asRows(theirs.vcov), 1e-7);
  });

  it('has no equal-across-categories test (df 0)', () => {
    expect(equalAcrossCategoriesTest(fit.coefficients, fit.vcov!, design.p, 1)).toEqual({ statistic: null, df: 0, pValue: null });
  });
});

describe('fitMultinomial edge cases', () => {
  // Two patterns, three categories; a saturated model has closed-form log odds.
  const small: MultinomialDesign = {
    x: Float64Array.of(1, 0, 1, 1),
    counts: Float64Array.of(5, 3, 2, 4, 4, 2),
    nRows: 2,
    p: 2,
    categories: 3,
    columnNames: ['(Intercept)', 'x'],
  };

  it('reproduces the closed-form log odds of a saturated model', () => {
    const fit = fitMultinomial(small);
    const want = [Math.log(3 / 5), Math.log(4 / 4) - Math.log(3 / 5), Math.log(2 / 5), Math.log(2 / 4) - Math.log(2 / 5)];
    want.forEach((b, i) => {
      expectClose(fit.coefficients[i], b, { absolute: 1e-12 });
    });
    expect(fit.converged).toBe(true);
  });

  it('flags a duplicated column as singular, with no covariance', () => {
    const fit = fitMultinomial({ ...small, x: Float64Array.of(1, 1, 1, 1), columnNames: ['(Intercept)', 'copy'] });
    expect(fit.warnings.map((w) => w.code)).toEqual(['MULTINOM_SINGULAR']);
    expect(fit.vcov).toBeNull();
    expect(fit.converged).toBe(false);
  });

  it('flags a category with no counts at all as diverging (its intercept runs off to −∞)', () => {
    const fit = fitMultinomial({ ...small, counts: Float64Array.of(5, 3, 0, 4, 4, 0) });
    expect(fit.warnings.map((w) => w.code)).toEqual(['MULTINOM_DIVERGING']);
    expect(fit.divergingCoefficients).toContain(coefficientIndex(2, 2, 0));
  });

  it('flags non-convergence when the iterations run out', () => {
    const fit = fitMultinomial(build(fixture.three, true).design, { maxIterations: 1 });
    expect(fit.converged).toBe(false);
    expect(fit.warnings.map((w) => w.code)).toEqual(['MULTINOM_NOT_CONVERGED']);
  });

  it('rejects persons that do not add up to the counts, and returns null with one cluster', () => {
    const built = build(fixture.three, true);
    const fit = fitMultinomial(built.design);
    const fewer = (a: Int32Array | Int8Array) => a.subarray(1);
    expect(() =>
      multinomialClusterRobustVcov(
        built.design,
        fit,
        fewer(built.patternOfPerson) as Int32Array,
        fewer(built.categoryOfPerson),
        fewer(built.clusterOfPerson) as Int32Array,
      ),
    ).toThrow(RangeError);
    expect(
      multinomialClusterRobustVcov(built.design, fit, built.patternOfPerson, built.categoryOfPerson, new Int32Array(built.patternOfPerson.length)),
    ).toBeNull();
  });

  it('rejects counts that are negative or of the wrong length', () => {
    expect(() => fitMultinomial({ ...small, counts: Float64Array.of(5, 3, 2, 4, 4, -1) })).toThrow(RangeError);
    expect(() => fitMultinomial({ ...small, counts: Float64Array.of(5, 3, 2, 4, 4) })).toThrow(RangeError);
    expect(() => fitMultinomial({ ...small, categories: 1, counts: Float64Array.of(5, 4) })).toThrow(RangeError);
  });
});

describe('waldTest', () => {
  it('with one row picking a coefficient is (β / SE)², the two-sided z test', () => {
    const t = waldTest(Float64Array.of(0.5, 2), Float64Array.of(0.04, 0, 0, 1), [[1, 0]]);
    expect(t.df).toBe(1);
    expectClose(t.statistic!, 6.25, { absolute: 1e-14 });
  });

  it('keeps full precision far in the tail (pchisq(1500, 2, lower.tail = FALSE) = exp(−750))', () => {
    const t = waldTest(Float64Array.of(Math.sqrt(1500), 0), Float64Array.of(1, 0, 0, 1), [
      [1, 0],
      [0, 1],
    ]);
    expectClose(t.pValue, Math.exp(-750), { relative: 1e-12 });
  });

  it('is null for a rank-deficient contrast', () => {
    expect(
      waldTest(Float64Array.of(1, 2), Float64Array.of(1, 0, 0, 1), [
        [1, 1],
        [2, 2],
      ]),
    ).toEqual({ statistic: null, df: 2, pValue: null });
  });

  it('is unchanged by reordering or rescaling the rows of L, and p lies in [0, 1] (property)', () => {
    const q = 3;
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: q, maxLength: q }),
        fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: q * q, maxLength: q * q }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        (b, a, scale) => {
          // V = AAᵀ + I is positive definite.
          const v = new Float64Array(q * q);
          for (let i = 0; i < q; i++)
            for (let j = 0; j < q; j++) {
              for (let k = 0; k < q; k++) v[i * q + j] += a[i * q + k] * a[j * q + k];
              if (i === j) v[i * q + j] += 1;
            }
          const l = [
            [1, -1, 0],
            [0, 1, -1],
          ];
          const t = waldTest(b, v, l);
          const u = waldTest(b, v, [l[1].map((x) => x * scale), l[0]]);
          expect(t.pValue!).toBeGreaterThanOrEqual(0);
          expect(t.pValue!).toBeLessThanOrEqual(1);
          expectClose(t.statistic!, u.statistic!, { absolute: 1e-9 * Math.max(1, t.statistic!) });
        },
      ),
      { seed: 20250114, numRuns: 200 },
    );
  });
});

describe('relativeRiskRatios', () => {
  it('is exp(β) with exp(β ± 1.96 SE), and null intervals without a covariance', () => {
    const [r] = relativeRiskRatios(Float64Array.of(Math.log(2)), Float64Array.of(0.25));
    expectClose(r.estimate, 2, { relative: 1e-15 });
    expectClose(r.ciLow, 2 * Math.exp(-1.959963984540054 * 0.5), { relative: 1e-12 });
    expectClose(r.ciHigh, 2 * Math.exp(1.959963984540054 * 0.5), { relative: 1e-12 });
    expect(relativeRiskRatios(Float64Array.of(0), null)).toEqual([{ estimate: 1, ciLow: null, ciHigh: null }]);
  });
});
