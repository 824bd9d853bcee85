/**
 * Fine–Gray regression, checked against R `cmprsk::crr(time, cause, cov1,
 * failcode = 1, cencode = 0)` (coefficients, fit$var, fit$inf, z, p, intervals,
 * log pseudo-likelihoods; tests/fixtures/r/cox.R), against survival::finegray +
 * coxph (same model, other censoring weights at ties), against Cox regression when
 * there is no competing event, and for invariances: row order, status codes.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitCox } from '../../src/stats/coxRegression.js';
import { fitFineGray, type FineGrayData, type FineGrayFit } from '../../src/stats/fineGray.js';
import { seededUniform } from '../../src/stats/random.js';
import { expectClose } from '../helpers/tolerance.js';

interface Dataset {
  time: number[];
  cause: number[];
  stratum?: number[];
  x: Record<string, number[]>;
}

interface CrrReference {
  name: string;
  call: string;
  data: string;
  /** Covariates; `stratum<id>` is the dummy of that stratum. */
  columnNames: string[];
  coefficients: number[];
  var: number[];
  standardErrors: number[];
  information: number[];
  z: number[];
  p: number[];
  ciLow: number[];
  ciHigh: number[];
  loglik: number;
  loglikNull: number;
  converged: boolean;
  warnings: string[];
  finegrayCoefficients: number[];
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/r/cox.json', import.meta.url), 'utf8')) as {
  datasets: Record<string, Dataset>;
  fineGray: CrrReference[];
};
const reference = (prefix: string) => fixture.fineGray.find((r) => r.name.startsWith(prefix))!;

/** The reference's data; `asFactor`: its stratum dummies as one factor (FineGrayData.factor) instead of columns of x. */
function dataOf(ref: CrrReference, asFactor = false): FineGrayData {
  const d = fixture.datasets[ref.data];
  const n = d.time.length;
  const strata = ref.columnNames
    .map((name) => /^stratum(\d+)$/.exec(name)?.[1])
    .filter((id) => id !== undefined)
    .map(Number);
  const names = asFactor ? ref.columnNames.filter((name) => !/^stratum\d+$/.test(name)) : ref.columnNames;
  const p = names.length;
  const x = new Float64Array(n * p);
  for (let j = 0; j < p; j++) {
    const name = names[j];
    const dummy = /^stratum(\d+)$/.exec(name);
    for (let i = 0; i < n; i++) x[i * p + j] = dummy ? Number(d.stratum![i] === Number(dummy[1])) : d.x[name][i];
  }
  const data = { time: Float64Array.from(d.time), status: Int32Array.from(d.cause), x, n, p, columnNames: ref.columnNames };
  if (!asFactor) return data;
  // Level k + 1 for the k-th dummy's stratum, 0 for the reference stratum (no dummy).
  return { ...data, factor: { level: Int32Array.from(d.stratum!, (s) => strata.indexOf(s) + 1), levels: strata.length + 1 } };
}

function selectRows(data: FineGrayData, rows: ArrayLike<number>, code: (s: number) => number = (s) => s): FineGrayData {
  const { p } = data;
  const x = new Float64Array(rows.length * p);
  for (let r = 0; r < rows.length; r++) for (let j = 0; j < p; j++) x[r * p + j] = data.x[rows[r] * p + j];
  const { factor } = data;
  return {
    ...data,
    n: rows.length,
    x,
    time: Float64Array.from(rows, (i) => data.time[i]),
    status: Int32Array.from(rows, (i) => code(data.status[i])),
    factor: factor && { ...factor, level: Int32Array.from(rows, (i) => factor.level[i]) },
  };
}

function permutation(n: number, seed: number): Int32Array {
  const u = seededUniform(seed);
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(u() * (i + 1));
    [perm[i], perm[j]] = [perm[j], perm[i]];
  }
  return perm;
}

function expectSameFit(got: FineGrayFit, want: FineGrayFit, tol: number): void {
  want.coefficients.forEach((b, j) => {
    expectClose(got.coefficients[j], b, { relative: tol });
  });
  want.standardErrors.forEach((se, j) => {
    expectClose(got.standardErrors[j], se, { relative: tol });
  });
  expectClose(got.logPseudoLik, want.logPseudoLik, { relative: tol / 100 });
}

describe('fitFineGray (R cmprsk::crr)', () => {
  const cases = fixture.fineGray.flatMap((r) => [
    [r.name, r, false] as const,
    ...(r.columnNames.some((name) => name.startsWith('stratum')) ? [[`${r.name}, the strata as a factor`, r, true] as const] : []),
  ]);
  it.each(cases)('matches R on %s', (_name, ref, asFactor) => {
    const data = dataOf(ref, asFactor);
    expect(data.factor === undefined).toBe(!asFactor);
    const fit = fitFineGray(data);
    const p = ref.columnNames.length;
    ref.coefficients.forEach((b, j) => {
      expectClose(fit.coefficients[j], b, { relative: 1e-8 });
    });
    ref.standardErrors.forEach((se, j) => {
      expectClose(fit.standardErrors[j], se, { relative: 1e-8 });
    });
    ref.var.forEach((v, t) => {
      expectClose(fit.vcov[t], v, { absolute: 1e-8 * Math.sqrt(ref.var[Math.floor(t / p) * (p + 1)] * ref.var[(t % p) * (p + 1)]) });
    });
    ref.information.forEach((h, t) => {
      expectClose(fit.information[t], h, { absolute: 1e-8 * Math.sqrt(ref.information[Math.floor(t / p) * (p + 1)] * ref.information[(t % p) * (p + 1)]) });
    });
    fit.table.forEach((row, j) => {
      expectClose(row.z, ref.z[j], { relative: 1e-8 });
      expectClose(row.pValue, ref.p[j], { relative: 1e-8 });
      expectClose(row.ciLow, ref.ciLow[j], { relative: 1e-8 });
      expectClose(row.ciHigh, ref.ciHigh[j], { relative: 1e-8 });
    });
    expectClose(fit.logPseudoLik, ref.loglik, { relative: 1e-12 });
    expectClose(fit.logPseudoLikNull, ref.loglikNull, { relative: 1e-12 });
    expect(fit.converged).toBe(ref.converged);
    expect(fit.warnings).toEqual([]);
    const cause = fixture.datasets[ref.data].cause;
    expect([fit.nEvents, fit.nCompeting, fit.nCensored]).toEqual([
      cause.filter((c) => c === 1).length,
      cause.filter((c) => c > 1).length,
      cause.filter((c) => c === 0).length,
    ]);
  });

  it("matches crr's censoring weights, not survival::finegray's, which differ when censorings tie with events", () => {
    const relative = (ref: CrrReference) => Math.max(...dataOfFit(ref).coefficients.map((b, j) => Math.abs(b / ref.finegrayCoefficients[j] - 1)));
    const dataOfFit = (ref: CrrReference) => fitFineGray(dataOf(ref));
    for (const prefix of ['d:', 'a: causes']) {
      const gap = relative(reference(prefix));
      expect(gap).toBeGreaterThan(1e-4);
      expect(gap).toBeLessThan(1e-2);
    }
    // Without ties the two agree up to their convergence tolerances.
    const ref = reference('d2:');
    const tight = fitFineGray(dataOf(ref), { gradientTolerance: 1e-11, maxIterations: 50 });
    tight.coefficients.forEach((b, j) => {
      expectClose(b, ref.finegrayCoefficients[j], { relative: 1e-6 });
    });
  });
});

describe('fitFineGray identities', () => {
  it('reads a Float32Array design as the same doubles', () => {
    for (const [prefix, asFactor] of [
      ['d:', false],
      ['a: with stratum', false],
      ['a: with stratum', true],
    ] as const) {
      const data = dataOf(reference(prefix), asFactor);
      const single = Float32Array.from(data.x);
      const asDouble = fitFineGray({ ...data, x: Float64Array.from(single) });
      const got = fitFineGray({ ...data, x: single });
      expect(Array.from(got.coefficients)).toEqual(Array.from(asDouble.coefficients));
      expect(Array.from(got.vcov)).toEqual(Array.from(asDouble.vcov));
    }
  });

  it('gives rows that come sorted by time the same doubles as the rows unsorted', () => {
    for (const [prefix, asFactor] of [
      ['d:', false],
      ['a: with stratum', true],
    ] as const) {
      const data = dataOf(reference(prefix), asFactor);
      const byTime = Array.from({ length: data.n }, (_, i) => i).sort((a, b) => data.time[a] - data.time[b] || a - b);
      const want = fitFineGray(data);
      const got = fitFineGray(selectRows(data, byTime));
      expect(Array.from(got.coefficients)).toEqual(Array.from(want.coefficients));
      expect(Array.from(got.vcov)).toEqual(Array.from(want.vcov));
      expect(got.logPseudoLik).toBe(want.logPseudoLik);
    }
  });

  it('does not depend on the order of the rows or on the status codes', () => {
    for (const prefix of ['d:', 'a: with stratum']) {
      const data = dataOf(reference(prefix));
      const base = fitFineGray(data);
      expectSameFit(fitFineGray(selectRows(data, permutation(data.n, 3))), base, 1e-9);
      const recoded = selectRows(data, permutation(data.n, 4), (s) => [9, 5, 7, 8][s]);
      expectSameFit(fitFineGray(recoded, { failCode: 5, censorCode: 9 }), base, 1e-9);
    }
  });

  it('is the Cox model (Breslow ties) with the row-robust variance when there are no competing events', () => {
    const data = dataOf(reference('d:'));
    const rows = Array.from(data.status.keys()).filter((i) => data.status[i] !== 2);
    const subset = selectRows(data, rows);
    const fineGray = fitFineGray(subset, { gradientTolerance: 1e-11, maxIterations: 50 });
    expect(fineGray.nCompeting).toBe(0);
    const cox = fitCox(
      {
        time: subset.time,
        status: Uint8Array.from(subset.status),
        x: subset.x,
        n: subset.n,
        p: subset.p,
        columnNames: subset.columnNames,
        cluster: Int32Array.from(rows.keys()),
      },
      { ties: 'breslow' },
    );
    fineGray.coefficients.forEach((b, j) => {
      expectClose(b, cox.coefficients[j], { relative: 1e-7 });
    });
    fineGray.standardErrors.forEach((se, j) => {
      expectClose(se, cox.robustStandardErrors![j], { relative: 1e-6 });
    });
    fineGray.modelVcov.forEach((v, t) => {
      expectClose(v, cox.vcov[t], {
        absolute: 1e-6 * Math.sqrt(cox.vcov[Math.floor(t / subset.p) * (subset.p + 1)] * cox.vcov[(t % subset.p) * (subset.p + 1)]),
      });
    });
    expectClose(fineGray.logPseudoLik, cox.logLik, { relative: 1e-10 });
  });

  it('holds for random small data sets: p in [0, 1], the interval contains the ratio (fast-check)', () => {
    const row = fc.record({
      time: fc.integer({ min: 1, max: 10 }),
      status: fc.integer({ min: 0, max: 2 }),
      x1: fc.integer({ min: 0, max: 1 }),
      x2: fc.integer({ min: -20, max: 20 }).map((v) => v / 4),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 8, maxLength: 40 }), (rows) => {
        const fit = fitFineGray({
          time: Float64Array.from(rows, (r) => r.time),
          status: Int32Array.from(rows, (r) => r.status),
          x: Float64Array.from(rows.flatMap((r) => [r.x1, r.x2])),
          n: rows.length,
          p: 2,
          columnNames: ['x1', 'x2'],
        });
        for (const t of fit.table) {
          if (!Number.isFinite(t.pValue) || !(t.standardError > 0)) continue;
          expect(t.pValue).toBeGreaterThanOrEqual(0);
          expect(t.pValue).toBeLessThanOrEqual(1);
          expect(t.ciLow).toBeLessThanOrEqual(t.subdistributionHazardRatio);
          expect(t.ciHigh).toBeGreaterThanOrEqual(t.subdistributionHazardRatio);
        }
      }),
      { seed: 20240815, numRuns: 200 },
    );
  });

  it('warns about a constant column and about no events, and rejects invalid input', () => {
    const data = dataOf(reference('d2:'));
    const constant = fitFineGray({ ...data, x: data.x.map((v, t) => (t % data.p === 2 ? 1 : v)) });
    expect(constant.warnings.map((w) => w.code)).toEqual(['FINE_GRAY_SINGULAR']);
    expect(constant.coefficients[0]).toBeNaN();
    const none = fitFineGray({ ...data, status: data.status.map((s) => (s === 1 ? 2 : s)) });
    expect(none.warnings.map((w) => w.code)).toEqual(['FINE_GRAY_NO_EVENTS']);
    expect(() => fitFineGray({ ...data, time: data.time.map((t, i) => (i === 5 ? Number.NaN : t)) })).toThrow(/time not finite at row 5/);
    expect(() => fitFineGray(data, { failCode: 0 })).toThrow(/must differ/);
    const stratified = dataOf(reference('a: with stratum'), true);
    const factor = stratified.factor!;
    expect(() => fitFineGray({ ...stratified, factor: { ...factor, level: factor.level.map((v, i) => (i === 3 ? factor.levels : v)) } })).toThrow(
      /row 3 is 8, outside 0 … 7/,
    );
    expect(() => fitFineGray({ ...stratified, factor: { ...factor, levels: 1 } })).toThrow(/at least 2 levels/);
    expect(() => fitFineGray({ ...stratified, columnNames: stratified.columnNames.slice(1) })).toThrow(/10 column names for p = 11/);
  });
});
