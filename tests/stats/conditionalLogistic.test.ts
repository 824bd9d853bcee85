/**
 * Exact conditional logistic regression, checked against R
 * `survival::clogit(y ~ … + strata(stratum), method = "exact")` (coefficients,
 * variance matrix, SEs, both log-likelihoods, iterations, warnings;
 * tests/fixtures/r/clogit.R), against the noncentral hypergeometric distribution for
 * a stratum too large for R, against brute-force enumeration of subsets, and for
 * invariances: row order, stratum ids, the complement of a stratum, cases ↔ non-cases.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitConditionalLogistic, type ConditionalLogisticData, type ConditionalLogisticFit } from '../../src/stats/conditionalLogistic.js';
import { fitLogistic } from '../../src/stats/logistic.js';
import { seededUniform } from '../../src/stats/random.js';
import { expectClose } from '../helpers/tolerance.js';

interface ClogitReference {
  name: string;
  call: string;
  maxIterations: number;
  columnNames: string[];
  /** The data set whose rows this reference uses, instead of its own stratum, y and x. */
  dataFrom?: string;
  stratum?: number[];
  y?: number[];
  /** One array per covariate. */
  x?: number[][];
  /** null where R gives NA (no information for the column). */
  coefficients: (number | null)[];
  vcov: (number | null)[];
  standardErrors: (number | null)[];
  /** fit$loglik: at β = 0, at the estimate. */
  loglik: [number, number];
  iterations: number | null;
  warnings: string[];
  /** fit$var when clogit ran out of iterations: not the inverse information (see clogit.R), so not compared. */
  varOutOfIterations?: number[];
  clogitLoglik?: string[];
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/r/clogit.json', import.meta.url), 'utf8')) as { datasets: ClogitReference[] };
const reference = (prefix: string) => fixture.datasets.find((d) => d.name.startsWith(prefix))!;

function dataOf(ref: ClogitReference): ConditionalLogisticData {
  const rows = ref.dataFrom === undefined ? ref : reference(ref.dataFrom);
  const n = rows.y!.length;
  const p = ref.columnNames.length;
  const x = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) x[i * p + j] = rows.x![j][i];
  return { x, y: Uint8Array.from(rows.y!), stratum: Int32Array.from(rows.stratum!), n, p, columnNames: ref.columnNames };
}

/** R's warnings (and NA coefficients) as our codes. */
function expectedCodes(ref: ClogitReference): string[] {
  const codes = ref.warnings.map((w) =>
    /beta may be infinite/.test(w) ? 'CLOGIT_DIVERGING' : /Ran out of iterations/.test(w) ? 'CLOGIT_NOT_CONVERGED' : `unmapped: ${w}`,
  );
  if (ref.coefficients.some((b) => b === null)) codes.push('CLOGIT_SINGULAR');
  return codes.sort();
}

function expectSameFit(got: ConditionalLogisticFit, want: ConditionalLogisticFit, tol: number): void {
  want.coefficients.forEach((b, j) => {
    expectClose(got.coefficients[j], b, { relative: tol });
  });
  want.standardErrors!.forEach((se, j) => {
    expectClose(got.standardErrors![j], se, { relative: tol });
  });
  expectClose(got.logLik, want.logLik, { relative: tol / 100 });
  expect(got.iterations).toBe(want.iterations);
}

/** A random permutation of 0 … n−1 (Fisher–Yates, seeded). */
function permutation(n: number, seed: number): Int32Array {
  const u = seededUniform(seed);
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(u() * (i + 1));
    [perm[i], perm[j]] = [perm[j], perm[i]];
  }
  return perm;
}

function reorder(data: ConditionalLogisticData, perm: Int32Array, id: (s: number) => number): ConditionalLogisticData {
  const { n, p } = data;
  const x = new Float64Array(n * p);
  const y = new Uint8Array(n);
  const stratum = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const i = perm[r];
    y[r] = data.y[i];
    stratum[r] = id(data.stratum[i]);
    for (let j = 0; j < p; j++) x[r * p + j] = data.x[i * p + j];
  }
  return { ...data, x, y, stratum };
}

/** Rows of each stratum, by stratum id. */
function strataOf(data: ConditionalLogisticData): Map<number, number[]> {
  const rows = new Map<number, number[]>();
  data.stratum.forEach((s, i) => {
    rows.set(s, [...(rows.get(s) ?? []), i]);
  });
  return rows;
}

/** log Σ over all subsets of `size` rows of exp(Σ η), by enumeration. */
function logSumOverSubsets(eta: number[], size: number): number {
  const sums: number[] = [];
  const visit = (from: number, left: number, acc: number) => {
    if (left === 0) sums.push(acc);
    else for (let i = from; i <= eta.length - left; i++) visit(i + 1, left - 1, acc + eta[i]);
  };
  visit(0, size, 0);
  const top = Math.max(...sums);
  return top + Math.log(sums.reduce((s, v) => s + Math.exp(v - top), 0));
}

describe('fitConditionalLogistic (R clogit, method = "exact")', () => {
  it.each(fixture.datasets.filter((d) => d.iterations !== null).map((d) => [d.name, d] as const))('matches R on %s', (_name, ref) => {
    const data = dataOf(ref);
    const fit = fitConditionalLogistic(data, { maxIterations: ref.maxIterations });
    ref.coefficients.forEach((b, j) => {
      b === null ? expect(fit.coefficients[j]).toBeNaN() : expectClose(fit.coefficients[j], b, { relative: 1e-6 });
    });
    ref.standardErrors.forEach((se, j) => {
      se === null ? expect(fit.standardErrors![j]).toBeNaN() : expectClose(fit.standardErrors![j], se, { relative: 1e-6 });
    });
    // Covariances on the correlation scale: |Δ V_jk| ≤ 1e-6·√(V_jj V_kk) (under separation a
    // covariance with the diverging column is a tiny difference of large numbers).
    const p = ref.columnNames.length;
    ref.vcov.forEach((v, t) => {
      const [j, k] = [Math.floor(t / p), t % p];
      if (ref.coefficients[j] === null || ref.coefficients[k] === null) expect(fit.vcov![t]).toBeNaN();
      else expectClose(fit.vcov![t], v!, { absolute: 1e-6 * Math.sqrt(ref.vcov[j * p + j]! * ref.vcov[k * p + k]!) });
    });
    expectClose(fit.logLikNull, ref.loglik[0], { relative: 1e-9 });
    expectClose(fit.logLik, ref.loglik[1], { relative: 1e-9 });
    expect(fit.iterations).toBe(ref.iterations);
    expect(fit.converged).toBe(!ref.warnings.some((w) => /Ran out of iterations/.test(w)));
    expect(fit.warnings.map((w) => w.code).sort()).toEqual(expectedCodes(ref));
    const strata = [...strataOf(data).values()];
    expect(fit.strataTotal).toBe(strata.length);
    expect(fit.strataInformative).toBe(strata.filter((rows) => rows.some((i) => data.y[i] === 1) && rows.some((i) => data.y[i] === 0)).length);
  });

  it('names the diverging and the aliased columns as R does', () => {
    const separated = fitConditionalLogistic(dataOf(reference('e:')));
    expect(separated.divergingColumns).toEqual([1]); // R: "Loglik converged before variable 2"
    expect(separated.warnings[0].message).toContain('b1');
    const constant = fitConditionalLogistic(dataOf(reference('f:')));
    expect(constant.aliasedColumns).toEqual([1]);
    expect(constant.warnings[0].message).toContain('level');
  });

  it('stays finite for one stratum of 2000 rows with 1000 cases, where R overflows (noncentral hypergeometric reference)', () => {
    const ref = reference('h:');
    expect(ref.clogitLoglik).toEqual(['-Inf', '-Inf']);
    const fit = fitConditionalLogistic(dataOf(ref));
    expect(fit.converged).toBe(true);
    expect(fit.warnings).toEqual([]);
    expectClose(fit.coefficients[0], ref.coefficients[0]!, { relative: 1e-6 });
    expectClose(fit.standardErrors![0], ref.standardErrors[0]!, { relative: 1e-6 });
    expectClose(fit.logLikNull, ref.loglik[0], { relative: 1e-9 });
    expectClose(fit.logLik, ref.loglik[1], { relative: 1e-9 });
  });
});

describe('fitConditionalLogistic identities', () => {
  it('reads a Float32Array design as the same doubles', () => {
    for (const ref of fixture.datasets.filter((d) => d.iterations !== null)) {
      const data = dataOf(ref);
      const single = Float32Array.from(data.x);
      const asDouble = fitConditionalLogistic({ ...data, x: Float64Array.from(single) });
      const got = fitConditionalLogistic({ ...data, x: single });
      expect(Array.from(got.coefficients)).toEqual(Array.from(asDouble.coefficients));
      expect(got.vcov && Array.from(got.vcov)).toEqual(asDouble.vcov && Array.from(asDouble.vcov));
    }
  });

  it('does not depend on the order of the rows or on the stratum ids', () => {
    for (const prefix of ['a:', 'c:']) {
      const data = dataOf(reference(prefix));
      const base = fitConditionalLogistic(data);
      const ids = [...new Set(data.stratum)].sort((u, v) => u - v);
      const rank = new Map(ids.map((s, k) => [s, k]));
      // Wide-spread ids (looked up in a Map) and 0, 1, … (looked up in a table).
      expectSameFit(fitConditionalLogistic(reorder(data, permutation(data.n, 1), (s) => 2_000_000_000 - 1000 * s)), base, 1e-10);
      expectSameFit(fitConditionalLogistic(reorder(data, permutation(data.n, 2), (s) => rank.get(s)!)), base, 1e-10);
    }
  });

  it('gives the same fit when strata with more cases than non-cases are evaluated directly instead of on their complement', () => {
    for (const prefix of ['a:', 'd:', 'g:']) {
      const data = dataOf(reference(prefix));
      const counts = [...strataOf(data).values()].map((rows) => [rows.length, rows.filter((i) => data.y[i] === 1).length]);
      expect(counts.some(([n, d]) => d > n - d)).toBe(true);
      expectSameFit(fitConditionalLogistic(data, { complement: false }), fitConditionalLogistic(data), 1e-10);
    }
  });

  it('negates the coefficients when cases and non-cases are swapped', () => {
    const data = dataOf(reference('a:'));
    const fit = fitConditionalLogistic(data);
    const swapped = fitConditionalLogistic({ ...data, y: data.y.map((v) => 1 - v) });
    fit.coefficients.forEach((b, j) => {
      expectClose(-swapped.coefficients[j], b, { relative: 1e-10 });
    });
    fit.standardErrors!.forEach((se, j) => {
      expectClose(swapped.standardErrors![j], se, { relative: 1e-10 });
    });
    expectClose(swapped.logLik, fit.logLik, { relative: 1e-12 });
  });

  it('holds for random small data sets: swapping cases and non-cases negates β (fast-check)', () => {
    const stratum = fc.array(
      fc.record({ x1: fc.integer({ min: -3, max: 3 }), x2: fc.integer({ min: -20, max: 20 }).map((v) => v / 10), y: fc.integer({ min: 0, max: 1 }) }),
      { minLength: 2, maxLength: 7 },
    );
    fc.assert(
      fc.property(fc.array(stratum, { minLength: 3, maxLength: 12 }), (strata) => {
        const rows = strata.flatMap((s, k) => s.map((r) => ({ ...r, k })));
        const data: ConditionalLogisticData = {
          x: Float64Array.from(rows.flatMap((r) => [r.x1, r.x2])),
          y: Uint8Array.from(rows.map((r) => r.y)),
          stratum: Int32Array.from(rows.map((r) => r.k)),
          n: rows.length,
          p: 2,
          columnNames: ['x1', 'x2'],
        };
        const fit = fitConditionalLogistic(data);
        fc.pre(fit.converged && fit.warnings.length === 0);
        const swapped = fitConditionalLogistic({ ...data, y: data.y.map((v) => 1 - v) });
        fit.coefficients.forEach((b, j) => {
          expectClose(-swapped.coefficients[j], b, { relative: 1e-8, absolute: 1e-8 });
        });
        expectClose(swapped.logLik, fit.logLik, { relative: 1e-10 });
      }),
      { seed: 20240701, numRuns: 200 },
    );
  });

  it('equals the likelihood summed over all subsets, on small strata', () => {
    const ref = reference('b:');
    const data = dataOf(ref);
    const fit = fitConditionalLogistic(data);
    let logLik = 0;
    let logLikNull = 0;
    for (const rows of strataOf(data).values()) {
      const eta = rows.map((i) => fit.coefficients.reduce((s, b, j) => s + b * data.x[i * data.p + j], 0));
      const cases = rows.flatMap((i, m) => (data.y[i] === 1 ? [m] : []));
      logLik += cases.reduce((s, m) => s + eta[m], 0) - logSumOverSubsets(eta, cases.length);
      logLikNull -= logSumOverSubsets(
        eta.map(() => 0),
        cases.length,
      );
    }
    expectClose(fit.logLik, logLik, { relative: 1e-12 });
    expectClose(fit.logLikNull, logLikNull, { relative: 1e-12 });
  });

  it('for 1:1 matched pairs equals a logistic regression without intercept on the within-pair differences', () => {
    const u = seededUniform(11);
    const pairs = 300;
    const x = new Float64Array(pairs * 4);
    const y = new Uint8Array(pairs * 2);
    const stratum = new Int32Array(pairs * 2);
    const difference = new Float64Array(pairs * 2);
    for (let s = 0; s < pairs; s++) {
      const rows = [
        [u() * 4 - 2, u() < 0.4 ? 1 : 0],
        [u() * 4 - 2, u() < 0.4 ? 1 : 0],
      ];
      const eta = rows.map(([a, b]) => 0.8 * a - 0.5 * b);
      const first = u() < 1 / (1 + Math.exp(eta[1] - eta[0])) ? 0 : 1;
      rows.forEach(([a, b], m) => {
        x.set([a, b], (2 * s + m) * 2);
        y[2 * s + m] = m === first ? 1 : 0;
        stratum[2 * s + m] = s;
      });
      difference[2 * s] = rows[first][0] - rows[1 - first][0];
      difference[2 * s + 1] = rows[first][1] - rows[1 - first][1];
    }
    // Both run to full precision: at their default tolerances each stops up to one
    // (quadratically small) step from the maximum, and glm's variance is from the step before.
    const fit = fitConditionalLogistic({ x, y, stratum, n: 2 * pairs, p: 2, columnNames: ['a', 'b'] }, { epsilon: 1e-13 });
    const glm = fitLogistic(
      { x: difference, y: new Float64Array(pairs).fill(1), weights: new Float64Array(pairs).fill(1), nRows: pairs, p: 2, columnNames: ['a', 'b'] },
      { epsilon: 1e-13 },
    );
    expect(fit.converged && glm.converged).toBe(true);
    fit.coefficients.forEach((b, j) => {
      expectClose(b, glm.coefficients[j], { relative: 1e-10 });
    });
    fit.standardErrors!.forEach((se, j) => {
      expectClose(se, glm.standardErrors![j], { relative: 1e-10 });
    });
    expectClose(fit.logLik, -glm.deviance / 2, { relative: 1e-12 });
    expectClose(fit.logLikNull, -pairs * Math.log(2), { relative: 1e-12 });
  });
});

describe('fitConditionalLogistic edge cases', () => {
  const tiny = (y: number[], stratum: number[]): ConditionalLogisticData => ({
    x: Float64Array.from(y.map((_, i) => i % 3)),
    y: Uint8Array.from(y),
    stratum: Int32Array.from(stratum),
    n: y.length,
    p: 1,
    columnNames: ['x'],
  });

  it('fits the JSDoc example: three pairs, two favouring x = 1, OR = 2', () => {
    const fit = fitConditionalLogistic({
      x: Float64Array.of(1, 0, 0, 1, 1, 0),
      y: Uint8Array.of(1, 0, 1, 0, 1, 0),
      stratum: Int32Array.of(7, 7, 8, 8, 9, 9),
      n: 6,
      p: 1,
      columnNames: ['x'],
    });
    expectClose(fit.coefficients[0], Math.log(2), { relative: 1e-9 });
  });

  it('warns and estimates nothing when no stratum has both a case and a non-case', () => {
    const fit = fitConditionalLogistic(tiny([1, 1, 0, 0, 0], [1, 1, 2, 2, 3]));
    expect(fit.strataTotal).toBe(3);
    expect(fit.strataInformative).toBe(0);
    expect(fit.coefficients[0]).toBeNaN();
    expect(fit.vcov).toBeNull();
    expect(fit.warnings.map((w) => w.code)).toEqual(['CLOGIT_NO_INFORMATIVE_STRATA']);
  });

  it('rejects malformed input with a RangeError', () => {
    expect(() => fitConditionalLogistic(tiny([1, 2], [1, 1]))).toThrow(RangeError);
    expect(() => fitConditionalLogistic({ ...tiny([1, 0], [1, 1]), n: 3 })).toThrow(RangeError);
    expect(() => fitConditionalLogistic({ ...tiny([1, 0], [1, 1]), x: Float64Array.of(0, Number.NaN) })).toThrow(RangeError);
    expect(() => fitConditionalLogistic(tiny([1, 0], [1, 1]), { epsilon: 0 })).toThrow(RangeError);
  });
});
