import { chiSquareUpperTail } from './distributions.js';
import { aliasedColumns } from './linalg.js';
import type { StatWarning, TestResult, Times } from './types.js';

export type GrayTestWarningCode = 'GRAY_FEWER_THAN_TWO_GROUPS' | 'GRAY_SINGULAR_VARIANCE';

export interface GrayTestWarning extends StatWarning {
  code: GrayTestWarningCode;
}

export interface GrayTestResult extends TestResult {
  /** Group codes that have persons, ascending; df = groups.length − 1. */
  groups: Int32Array;
  /** Scores of all groups but the last in `groups` (cmprsk's s). */
  score: Float64Array;
  /** Their (df × df, row-major) covariance matrix (cmprsk's vs). */
  covariance: Float64Array;
  warnings: GrayTestWarning[];
}

export interface GrayTestOptions {
  /** Power of the weight (1 − F̂(t−))^rho; cuminc's default 0. */
  rho?: number;
}

/**
 * Gray's (1988) K-sample test that one cause has the same cumulative incidence
 * (subdistribution) in every group, with competing events and right censoring, as
 * R's `cmprsk::cuminc(time, cause, group, rho = 0, cencode = 0)$Tests` (cmprsk 2.2,
 * a port of its Fortran `crstm`/`crst`, one stratum). Statistic s′V⁻¹s on the scores of
 * all groups but the last, df = groups − 1, p the chi-square upper tail computed
 * directly (cuminc's `1 − pchisq` is 0 below about 1e-16).
 *
 * Groups with no persons are left out, as cuminc drops empty factor levels. With fewer
 * than two groups, or when V is singular (rank by R's `qr`, tolerance 1e-7; cuminc
 * then reports statistic −1 and p 1), statistic and p are null with a warning; a cause
 * with no events at all gives a singular V. Times are compared exactly (no merging).
 * Where the pooled incidence reaches 1, terms with zero weight are skipped, as in
 * cmprsk 2.2-12, instead of 2.2-11's 0/0.
 *
 * O(n log n + times × groups²): the times sorted once per (group, event type) as typed
 * arrays, then merged.
 *
 * @example
 * const time = Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8);
 * const cause = Int8Array.of(1, 2, 1, 0, 1, 2, 1, 1);
 * grayTest(time, cause, Int32Array.of(0, 0, 0, 0, 1, 1, 1, 1), 1);
 * // { statistic: 2.2323…, df: 1, pValue: 0.1352…, groups: [0, 1], … } as cuminc's $Tests
 */
export function grayTest(
  time: Times,
  cause: Int8Array,
  group: Int32Array | Uint8Array,
  causeOfInterest: number,
  options: GrayTestOptions = {},
): GrayTestResult {
  const n = time.length;
  if (cause.length !== n || group.length !== n) throw new RangeError(`grayTest: ${n} times, ${cause.length} causes and ${group.length} groups`);
  if (!Number.isInteger(causeOfInterest) || causeOfInterest < 1)
    throw new RangeError(`grayTest: causeOfInterest must be an integer >= 1, got ${causeOfInterest}`);
  const rho = options.rho ?? 0;
  if (!Number.isFinite(rho)) throw new RangeError(`grayTest: rho must be finite, got ${rho}`);
  let maxGroup = -1;
  for (let i = 0; i < n; i++) {
    if (!(time[i] >= 0 && time[i] < Infinity)) throw new RangeError(`grayTest: time must be finite and >= 0, got ${time[i]} at row ${i}`);
    if (cause[i] < 0) throw new RangeError(`grayTest: cause must be >= 0, got ${cause[i]} at row ${i}`);
    if (group[i] < 0) throw new RangeError(`grayTest: group must be >= 0, got ${group[i]} at row ${i}`);
    if (group[i] > maxGroup) maxGroup = group[i];
  }
  // Present groups, relabelled 0..ng−1 in ascending order of their codes.
  const label = new Int32Array(maxGroup + 1).fill(-1);
  for (let i = 0; i < n; i++) label[group[i]] = 0;
  const present: number[] = [];
  for (let g = 0; g <= maxGroup; g++) if (label[g] === 0) label[g] = present.push(g) - 1;
  const groups = Int32Array.from(present);
  const ng = groups.length;
  const df = Math.max(ng - 1, 0);
  if (ng < 2) {
    const warnings: GrayTestWarning[] = [
      { code: 'GRAY_FEWER_THAN_TWO_GROUPS', params: { groups: ng }, message: `Gray's test needs at least two groups with persons, got ${ng}` },
    ];
    return { statistic: null, df, pValue: null, groups, score: new Float64Array(0), covariance: new Float64Array(0), warnings };
  }

  const { score, covariance } = grayScores(time, cause, group, label, ng, causeOfInterest, rho);
  const ng1 = ng - 1;
  const statistic = aliasedColumns(gram(covariance, ng1), ng1).length === 0 ? quadraticFormInverse(covariance, score, ng1) : null;
  if (statistic === null) {
    const warnings: GrayTestWarning[] = [
      { code: 'GRAY_SINGULAR_VARIANCE', message: `Gray's test for cause ${causeOfInterest}: the score covariance is singular (R: statistic -1)` },
    ];
    return { statistic: null, df, pValue: null, groups, score, covariance, warnings };
  }
  return { statistic, df, pValue: chiSquareUpperTail(statistic, df), groups, score, covariance, warnings: [] };
}

/** cmprsk's crst: scores and their covariance over the distinct times, in time order. */
function grayScores(
  time: Times,
  cause: Int8Array,
  group: Int32Array | Uint8Array,
  label: Int32Array,
  ng: number,
  causeOfInterest: number,
  rho: number,
): { score: Float64Array; covariance: Float64Array } {
  const n = time.length;
  const ng1 = ng - 1;
  // Times sorted within each cell (code × group, code 0 censored, 1 the cause of
  // interest, 2 another cause); a merge of the cells then visits the distinct times in
  // order with their counts d[code · ng + group].
  const cells = 3 * ng;
  const cellOf = (i: number) => (cause[i] === 0 ? 0 : cause[i] === causeOfInterest ? 1 : 2) * ng + label[group[i]];
  const cellSize = new Int32Array(cells);
  for (let i = 0; i < n; i++) cellSize[cellOf(i)]++;
  const byCell = Array.from(cellSize, (size) => (time instanceof Int32Array ? new Int32Array(size) : new Float64Array(size)));
  cellSize.fill(0);
  for (let i = 0; i < n; i++) {
    const cell = cellOf(i);
    byCell[cell][cellSize[cell]++] = time[i];
  }
  for (const values of byCell) values.sort();
  const head = new Int32Array(cells);

  const rs = new Float64Array(ng);
  for (let i = 0; i < n; i++) rs[label[group[i]]]++;
  const s = new Float64Array(ng1);
  const v = new Float64Array((ng1 * (ng1 + 1)) / 2);
  const f1m = new Float64Array(ng);
  const f1 = new Float64Array(ng);
  const skmm = new Float64Array(ng).fill(1);
  const skm = new Float64Array(ng).fill(1);
  const v3 = new Float64Array(ng);
  const v2 = new Float64Array(ng1 * ng);
  const c = new Float64Array(ng * ng);
  const a = new Float64Array(ng * ng);
  // d[code * ng + g]: code 0 censored, 1 cause of interest, 2 another cause.
  const d = new Float64Array(cells);
  let fm = 0;
  let f = 0;
  for (let left = n; left > 0; ) {
    let now = Infinity;
    for (let c = 0; c < cells; c++) if (head[c] < byCell[c].length && byCell[c][head[c]] < now) now = byCell[c][head[c]];
    for (let c = 0; c < cells; c++) {
      const from = head[c];
      while (head[c] < byCell[c].length && byCell[c][head[c]] === now) head[c]++;
      d[c] = head[c] - from;
      left -= d[c];
    }
    let nd1 = 0;
    let nd2 = 0;
    for (let g = 0; g < ng; g++) {
      nd1 += d[ng + g];
      nd2 += d[2 * ng + g];
    }
    if (nd1 > 0 || nd2 > 0) {
      let tr = 0;
      let tq = 0;
      for (let g = 0; g < ng; g++) {
        if (rs[g] <= 0) continue;
        const td = d[ng + g] + d[2 * ng + g];
        skm[g] = (skmm[g] * (rs[g] - td)) / rs[g];
        f1[g] = f1m[g] + (skmm[g] * d[ng + g]) / rs[g];
        tr += rs[g] / skmm[g];
        tq += (rs[g] * (1 - f1m[g])) / skmm[g];
      }
      f = fm + nd1 / tr;
      const fb = (1 - fm) ** rho;
      for (let i = 0; i < ng; i++) {
        for (let j = i; j < ng; j++) a[i * ng + j] = 0;
        if (rs[i] <= 0) continue;
        const t1 = rs[i] / skmm[i];
        a[i * ng + i] = fb * t1 * (1 - t1 / tr);
        if (a[i * ng + i] !== 0) c[i * ng + i] += (a[i * ng + i] * nd1) / (tr * (1 - fm));
        for (let j = i + 1; j < ng; j++) {
          if (rs[j] <= 0) continue;
          a[i * ng + j] = -(fb * t1 * rs[j]) / (skmm[j] * tr);
          if (a[i * ng + j] !== 0) c[i * ng + j] += (a[i * ng + j] * nd1) / (tr * (1 - fm));
        }
      }
      for (let i = 1; i < ng; i++) {
        for (let j = 0; j < i; j++) {
          a[i * ng + j] = a[j * ng + i];
          c[i * ng + j] = c[j * ng + i];
        }
      }
      for (let i = 0; i < ng1; i++) {
        if (rs[i] > 0) s[i] += fb * (d[ng + i] - (nd1 * rs[i] * (1 - f1m[i])) / (skmm[i] * tq));
      }
      if (nd1 > 0) {
        for (let k = 0; k < ng; k++) {
          if (rs[k] <= 0) continue;
          const t4 = skm[k] > 0 ? 1 - (1 - f) / skm[k] : 1;
          const t5 = nd1 > 1 ? 1 - (nd1 - 1) / (tr * skmm[k] - 1) : 1;
          const t3 = (t5 * skmm[k] * nd1) / (tr * rs[k]);
          v3[k] += t4 * t4 * t3;
          for (let i = 0; i < ng1; i++) {
            const t1 = a[i * ng + k] - t4 * c[i * ng + k];
            v2[i * ng + k] += t1 * t4 * t3;
            for (let j = 0; j <= i; j++) v[(i * (i + 1)) / 2 + j] += t1 * (a[j * ng + k] - t4 * c[j * ng + k]) * t3;
          }
        }
      }
      if (nd2 > 0) {
        for (let k = 0; k < ng; k++) {
          const d2 = d[2 * ng + k];
          if (skm[k] <= 0 || d2 <= 0) continue;
          const t4 = (1 - f) / skm[k];
          const t5 = d2 > 1 ? 1 - (d2 - 1) / (rs[k] - 1) : 1;
          const t3 = (t5 * (skmm[k] * skmm[k] * d2)) / (rs[k] * rs[k]);
          v3[k] += t4 * t4 * t3;
          for (let i = 0; i < ng1; i++) {
            const t1 = t4 * c[i * ng + k];
            v2[i * ng + k] -= t1 * t4 * t3;
            for (let j = 0; j <= i; j++) v[(i * (i + 1)) / 2 + j] += t1 * (t4 * c[j * ng + k]) * t3;
          }
        }
      }
    }
    for (let g = 0; g < ng; g++) rs[g] -= d[g] + d[ng + g] + d[2 * ng + g];
    fm = f;
    f1m.set(f1);
    skmm.set(skm);
  }
  for (let i = 0; i < ng1; i++) {
    for (let j = 0; j <= i; j++) {
      const l = (i * (i + 1)) / 2 + j;
      for (let k = 0; k < ng; k++) {
        v[l] += c[i * ng + k] * c[j * ng + k] * v3[k];
        v[l] += c[i * ng + k] * v2[j * ng + k];
        v[l] += c[j * ng + k] * v2[i * ng + k];
      }
    }
  }
  const covariance = new Float64Array(ng1 * ng1);
  for (let i = 0; i < ng1; i++) {
    for (let j = 0; j <= i; j++) covariance[i * ng1 + j] = covariance[j * ng1 + i] = v[(i * (i + 1)) / 2 + j];
  }
  return { score: s, covariance };
}

/** VᵀV, whose left-to-right Cholesky finds the columns R's qr(V) (dqrdc2) drops. */
function gram(x: Float64Array, p: number): Float64Array {
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) {
      let sum = 0;
      for (let r = 0; r < p; r++) sum += x[r * p + i] * x[r * p + j];
      out[i * p + j] = sum;
    }
  }
  return out;
}

/** s′V⁻¹s by Gaussian elimination with partial pivoting (V need not be positive definite); null if a pivot is 0. */
function quadraticFormInverse(vMatrix: Float64Array, s: Float64Array, p: number): number | null {
  const w = Float64Array.from(vMatrix);
  const x = Float64Array.from(s);
  for (let col = 0; col < p; col++) {
    let pivot = col;
    for (let r = col + 1; r < p; r++) if (Math.abs(w[r * p + col]) > Math.abs(w[pivot * p + col])) pivot = r;
    if (w[pivot * p + col] === 0) return null;
    if (pivot !== col) {
      for (let j = 0; j < p; j++) [w[col * p + j], w[pivot * p + j]] = [w[pivot * p + j], w[col * p + j]];
      [x[col], x[pivot]] = [x[pivot], x[col]];
    }
    for (let r = col + 1; r < p; r++) {
      const factor = w[r * p + col] / w[col * p + col];
      for (let j = col; j < p; j++) w[r * p + j] -= factor * w[col * p + j];
      x[r] -= factor * x[col];
    }
  }
  for (let r = p - 1; r >= 0; r--) {
    let sum = x[r];
    for (let j = r + 1; j < p; j++) sum -= w[r * p + j] * x[j];
    x[r] = sum / w[r * p + r];
  }
  let q = 0;
  for (let i = 0; i < p; i++) q += s[i] * x[i];
  return q;
}
