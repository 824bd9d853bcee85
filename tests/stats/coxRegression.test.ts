/**
 * Cox regression, checked against R `survival::coxph(..., ties = "efron" | "breslow",
 * cluster =, weights =)` (coefficients, model and robust variances, z, p, intervals,
 * log-likelihoods, tests, iterations, warnings; tests/fixtures/r/cox.R), and for
 * invariances: row order and ids, weights against duplicated rows, Efron = Breslow
 * without ties.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitCox, type CoxData, type CoxFit } from '../../src/stats/coxRegression.js';
import { seededUniform } from '../../src/stats/random.js';
import { expectClose } from '../helpers/tolerance.js';

interface Dataset {
  time: number[];
  /** 0 censored, else the cause of the event. */
  cause: number[];
  stratum?: number[];
  cluster?: number[];
  weight?: number[];
  x: Record<string, number[]>;
}

interface CoxReference {
  name: string;
  call: string;
  data: string;
  ties: 'efron' | 'breslow';
  stratified: boolean;
  clustered: boolean;
  weighted: boolean;
  /** Each row repeated `weight` times (R: d[rep(seq_len(nrow(d)), d$weight), ]). */
  duplicated: boolean;
  maxIterations: number;
  columnNames: string[];
  /** null where R gives NA. */
  coefficients: (number | null)[];
  /** fit$naive.var (fit$var without cluster), row-major. */
  naiveVar: number[];
  naiveStandardErrors: (number | null)[];
  robustVar?: number[];
  robustStandardErrors?: number[];
  /** max |crossprod(rowsum(dfbeta, cluster)) − fit$var| in R. */
  robustVarRebuiltMaxDiff?: number;
  loglik: [number, number];
  iterations: number;
  nEvents: number;
  scoreTest: number;
  waldTest?: number;
  likelihoodRatioTest?: number;
  z?: number[];
  p?: number[];
  ciLow?: number[];
  ciHigh?: (number | null)[];
  warnings: string[];
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/r/cox.json', import.meta.url), 'utf8')) as {
  datasets: Record<string, Dataset>;
  cox: CoxReference[];
};
const reference = (prefix: string) => fixture.cox.find((r) => r.name.startsWith(prefix))!;

/** Event = cause 1; causes 2, 3 and censoring count as censored. */
function dataOf(ref: CoxReference): CoxData {
  const d = fixture.datasets[ref.data];
  if (ref.duplicated)
    return selectRows(
      dataOf({ ...ref, duplicated: false }),
      d.weight!.flatMap((w, i) => Array<number>(w).fill(i)),
    );
  const n = d.time.length;
  const p = ref.columnNames.length;
  const x = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) x[i * p + j] = d.x[ref.columnNames[j]][i];
  return {
    time: Float64Array.from(d.time),
    status: Uint8Array.from(d.cause, (c) => (c === 1 ? 1 : 0)),
    x,
    n,
    p,
    columnNames: ref.columnNames,
    stratum: ref.stratified ? Int32Array.from(d.stratum!) : undefined,
    weights: ref.weighted ? Float64Array.from(d.weight!) : undefined,
    cluster: ref.clustered ? Int32Array.from(d.cluster!) : undefined,
  };
}

/** R's warnings (and NA coefficients) as our codes. */
function expectedCodes(ref: CoxReference): string[] {
  const codes = ref.warnings.map((w) =>
    /may be infinite/.test(w) ? 'COX_DIVERGING' : /Ran out of iterations/.test(w) ? 'COX_NOT_CONVERGED' : `unmapped: ${w}`,
  );
  if (ref.coefficients.some((b) => b === null)) codes.push('COX_SINGULAR');
  return codes.sort();
}

/**
 * |ΔV_jk| ≤ tol·√(V_jj V_kk): covariances on the correlation scale. Rows and columns
 * of aliased columns (R: 0 in fit$var, NA coefficient) are NaN here.
 */
function expectVcovClose(got: Float64Array, want: number[], coefficients: (number | null)[], tol: number): void {
  const p = coefficients.length;
  want.forEach((v, t) => {
    const [j, k] = [Math.floor(t / p), t % p];
    if (coefficients[j] === null || coefficients[k] === null) expect(got[t]).toBeNaN();
    else expectClose(got[t], v, { absolute: tol * Math.sqrt(want[j * p + j] * want[k * p + k]) });
  });
}

function expectSameFit(got: CoxFit, want: CoxFit, tol: number): void {
  want.coefficients.forEach((b, j) => {
    expectClose(got.coefficients[j], b, { relative: tol });
  });
  want.standardErrors.forEach((se, j) => {
    expectClose(got.standardErrors[j], se, { relative: tol });
  });
  want.robustStandardErrors?.forEach((se, j) => {
    expectClose(got.robustStandardErrors![j], se, { relative: tol });
  });
  expectClose(got.logLik, want.logLik, { relative: tol / 100 });
  expectClose(got.logLikNull, want.logLikNull, { relative: tol / 100 });
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

/** Rows taken in the order `rows` (repeats allowed), stratum and cluster ids mapped. */
function selectRows(data: CoxData, rows: ArrayLike<number>, id: (v: number) => number = (v) => v): CoxData {
  const { p } = data;
  const m = rows.length;
  const x = new Float64Array(m * p);
  for (let r = 0; r < m; r++) for (let j = 0; j < p; j++) x[r * p + j] = data.x[rows[r] * p + j];
  const { stratum, cluster, weights } = data;
  return {
    ...data,
    n: m,
    x,
    time: Float64Array.from(rows, (i) => data.time[i]),
    status: Uint8Array.from(rows, (i) => data.status[i]),
    stratum: stratum && Int32Array.from(rows, (i) => id(stratum[i])),
    cluster: cluster && Int32Array.from(rows, (i) => id(cluster[i])),
    weights: weights && Float64Array.from(rows, (i) => weights[i]),
  };
}

describe('fitCox (R coxph)', () => {
  it.each(fixture.cox.map((r) => [r.name, r] as const))('matches R on %s', (_name, ref) => {
    const data = dataOf(ref);
    const fit = fitCox(data, { ties: ref.ties, maxIterations: ref.maxIterations });
    // 1e-8 relative; 1e-6 for the variance of a coefficient heading for ∞ (SE ~ 3000).
    const tol = fit.divergingColumns.length > 0 ? 1e-6 : 1e-8;
    ref.coefficients.forEach((b, j) => {
      b === null ? expect(fit.coefficients[j]).toBeNaN() : expectClose(fit.coefficients[j], b, { relative: 1e-8 });
    });
    ref.naiveStandardErrors.forEach((se, j) => {
      se === null ? expect(fit.standardErrors[j]).toBeNaN() : expectClose(fit.standardErrors[j], se, { relative: tol });
    });
    expectVcovClose(fit.vcov, ref.naiveVar, ref.coefficients, tol);
    if (ref.clustered) {
      ref.robustStandardErrors!.forEach((se, j) => {
        ref.coefficients[j] === null ? expect(fit.robustStandardErrors![j]).toBeNaN() : expectClose(fit.robustStandardErrors![j], se, { relative: 1e-8 });
      });
      expectVcovClose(fit.robustVcov!, ref.robustVar!, ref.coefficients, 1e-8);
      expect(fit.clusters).toBe(new Set(fixture.datasets[ref.data].cluster).size);
    } else {
      expect(fit.robustVcov).toBeNull();
    }
    expectClose(fit.logLikNull, ref.loglik[0], { relative: 1e-12 });
    expectClose(fit.logLik, ref.loglik[1], { relative: 1e-12 });
    expect(fit.iterations).toBe(ref.iterations);
    expect(fit.nEvents).toBe(ref.nEvents);
    expectClose(fit.scoreTest.statistic, ref.scoreTest, { relative: 1e-8 });
    if (ref.z !== undefined) {
      fit.table.forEach((row, j) => {
        expectClose(row.z, ref.z![j], { relative: tol });
        expectClose(row.pValue, ref.p![j], { relative: tol });
        expectClose(row.ciLow, ref.ciLow![j], { relative: tol });
        // R writes exp(β + z·SE) = Inf (separation) as null.
        if (ref.ciHigh![j] === null) expect(row.ciHigh).toBe(Infinity);
        else expectClose(row.ciHigh, ref.ciHigh![j]!, { relative: tol });
      });
      expectClose(fit.waldTest.statistic, ref.waldTest!, { relative: tol });
      expectClose(fit.likelihoodRatioTest.statistic, ref.likelihoodRatioTest!, { relative: 1e-8 });
    }
    expect(fit.converged).toBe(!ref.warnings.some((w) => /Ran out of iterations/.test(w)));
    expect(fit.warnings.map((w) => w.code).sort()).toEqual(expectedCodes(ref));
  });

  it("uses coxph's robust variance exactly: D'D from the weighted dfbeta residuals summed by cluster, no G/(G − 1)", () => {
    for (const ref of fixture.cox.filter((r) => r.clustered)) expect(ref.robustVarRebuiltMaxDiff).toBe(0);
    const ref = reference('a: 8 strata');
    const fit = fitCox(dataOf(ref));
    const g = fit.clusters;
    // With a G/(G − 1) factor the SEs would be √(60/59) ≈ 1.0084 times larger.
    expect(g).toBe(60);
    fit.robustStandardErrors!.forEach((se, j) => {
      expectClose(se, ref.robustStandardErrors![j], { relative: 1e-12 });
    });
  });

  it('names the diverging and the aliased columns as R does', () => {
    const monotone = fitCox(dataOf(reference('e:')));
    expect(monotone.divergingColumns).toEqual([1]); // R: "Loglik converged before variable 2"
    expect(monotone.warnings[0].message).toContain('b1');
    const collinear = fitCox(dataOf(reference('f:')));
    expect(collinear.aliasedColumns).toEqual([4]);
    expect(collinear.warnings[0].message).toContain('not_b1');
    expect(collinear.table[4].pValue).toBeNaN();
  });

  it('counts the strata and skips one without events', () => {
    const fit = fitCox(dataOf(reference('c:')));
    expect(fit.strataTotal).toBe(5);
    expect(fit.strataWithEvents).toBe(4);
  });
});

describe('fitCox identities', () => {
  it('reads a Float32Array design as the same doubles', () => {
    for (const ref of fixture.cox) {
      const data = dataOf(ref);
      const single = Float32Array.from(data.x);
      const asDouble = fitCox({ ...data, x: Float64Array.from(single) });
      const got = fitCox({ ...data, x: single });
      expect(Array.from(got.coefficients)).toEqual(Array.from(asDouble.coefficients));
      expect(Array.from(got.vcov)).toEqual(Array.from(asDouble.vcov));
      expect(got.robustVcov === null ? null : Array.from(got.robustVcov)).toEqual(asDouble.robustVcov === null ? null : Array.from(asDouble.robustVcov));
    }
  });

  it('gives rows that come sorted by stratum and time the same doubles as the rows unsorted, and sorts rows sorted by time alone', () => {
    for (const prefix of ['a: 8 strata', 'a, case weights', 'c:']) {
      const data = dataOf(reference(prefix));
      // Stable: strata ascending, then time, ties in row order (as the fit sorts).
      const rows = Array.from({ length: data.n }, (_, i) => i);
      const byTime = [...rows].sort((a, b) => data.time[a] - data.time[b] || a - b);
      const byStratumAndTime = [...byTime].sort((a, b) => (data.stratum ? data.stratum[a] - data.stratum[b] : 0) || byTime.indexOf(a) - byTime.indexOf(b));
      const want = fitCox(data);
      for (const order of [byStratumAndTime, byTime]) {
        // Cluster ids relabelled in increasing order: the clusters keep their order.
        const got = fitCox(selectRows(data, order, (v) => 3 * v + 11));
        expect(Array.from(got.coefficients)).toEqual(Array.from(want.coefficients));
        expect(Array.from(got.vcov)).toEqual(Array.from(want.vcov));
        expect(got.robustVcov && Array.from(got.robustVcov)).toEqual(want.robustVcov && Array.from(want.robustVcov));
        expect(got.logLik).toBe(want.logLik);
      }
    }
  });

  it('does not depend on the order of the rows or on the stratum and cluster ids', () => {
    for (const prefix of ['a: 8 strata', 'a, case weights', 'c:']) {
      const data = dataOf(reference(prefix));
      const base = fitCox(data);
      expectSameFit(fitCox(selectRows(data, permutation(data.n, 1), (v) => 2_000_000_000 - 7919 * v)), base, 1e-10);
      expectSameFit(fitCox(selectRows(data, permutation(data.n, 2))), base, 1e-10);
    }
  });

  it('gives a row of weight 2 the fit of two equal rows (same cluster): any row with Breslow ties, censored rows with Efron ties', () => {
    const cases = [
      ['a: 8 strata', 'breslow', false],
      ['c:', 'breslow', false],
      ['b:', 'breslow', false],
      ['a: 8 strata', 'efron', true],
      ['b:', 'efron', true],
    ] as const;
    for (const [prefix, ties, censoredOnly] of cases) {
      const data = dataOf(reference(prefix));
      const u = seededUniform(11);
      const doubled = Array.from(data.status, (s) => u() < 0.3 && !(censoredOnly && s === 1));
      const weights = Float64Array.from(doubled, (d) => (d ? 2 : 1));
      const rows = doubled.flatMap((d, i) => (d ? [i, i] : [i]));
      const weighted = fitCox({ ...data, weights }, { ties });
      expectSameFit(weighted, fitCox(selectRows(data, rows), { ties }), 1e-10);
      expect(weighted.robustVcov).not.toBeNull();
    }
  });

  it('treats a tied event of weight 2 as one Efron event, not two, as coxph does', () => {
    const weighted = reference('c, weights 1 or 2');
    const duplicated = reference('c, rows repeated');
    // R: the two fits differ (Efron spreads the d tied rows over d steps, whatever their weights) ...
    expect(Math.abs(weighted.coefficients[0]! / duplicated.coefficients[0]! - 1)).toBeGreaterThan(1e-4);
    // ... and so do ours, each matching R (see 'matches R on …').
    const a = fitCox(dataOf(weighted));
    const b = fitCox(dataOf(duplicated));
    expectClose(a.coefficients[0], weighted.coefficients[0]!, { relative: 1e-8 });
    expectClose(b.coefficients[0], duplicated.coefficients[0]!, { relative: 1e-8 });
  });

  it('gives the same fit with Efron and Breslow ties when no event times tie', () => {
    const data = dataOf(reference('b:'));
    expectSameFit(fitCox(data, { ties: 'breslow' }), fitCox(data, { ties: 'efron' }), 1e-12);
  });

  it('reports β = 0 with its inverse information when maxIterations is 0', () => {
    const data = dataOf(reference('a: 8 strata'));
    const fit = fitCox(data, { maxIterations: 0 });
    expect(Array.from(fit.coefficients)).toEqual([0, 0, 0, 0]);
    expect(fit.converged).toBe(false);
    expect(fit.warnings).toEqual([]);
    expect(fit.logLik).toBe(fit.logLikNull);
  });

  it('holds for random small data sets: p in [0, 1], the interval contains the hazard ratio (fast-check)', () => {
    const row = fc.record({
      time: fc.integer({ min: 1, max: 8 }),
      status: fc.integer({ min: 0, max: 1 }),
      x1: fc.integer({ min: 0, max: 1 }),
      x2: fc.integer({ min: -20, max: 20 }).map((v) => v / 4),
      s: fc.integer({ min: 0, max: 2 }),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 6, maxLength: 40 }), (rows) => {
        const fit = fitCox({
          time: Float64Array.from(rows, (r) => r.time),
          status: Uint8Array.from(rows, (r) => r.status),
          x: Float64Array.from(rows.flatMap((r) => [r.x1, r.x2])),
          stratum: Int32Array.from(rows, (r) => r.s),
          cluster: Int32Array.from(rows, (_, i) => i % 5),
          n: rows.length,
          p: 2,
          columnNames: ['x1', 'x2'],
        });
        for (const t of fit.table) {
          if (!Number.isFinite(t.pValue) || !Number.isFinite(t.standardError) || t.standardError === 0) continue;
          expect(t.pValue).toBeGreaterThanOrEqual(0);
          expect(t.pValue).toBeLessThanOrEqual(1);
          expect(t.ciLow).toBeLessThanOrEqual(t.hazardRatio);
          expect(t.ciHigh).toBeGreaterThanOrEqual(t.hazardRatio);
        }
      }),
      { seed: 20240815, numRuns: 200 },
    );
  });

  it('warns when there is no event and rejects invalid input', () => {
    const data = dataOf(reference('b:'));
    const none = fitCox({ ...data, status: new Uint8Array(data.n) });
    expect(none.warnings.map((w) => w.code)).toEqual(['COX_NO_EVENTS']);
    expect(none.coefficients[0]).toBeNaN();
    expect(() => fitCox({ ...data, status: Uint8Array.from(data.status, (s, i) => (i === 3 ? 2 : s)) })).toThrow(/status must be 0 or 1, row 3/);
    expect(() => fitCox({ ...data, weights: new Float64Array(data.n) })).toThrow(/weights must be positive/);
    expect(() => fitCox(data, { ties: 'exact' as 'efron' })).toThrow(/ties/);
  });
});
