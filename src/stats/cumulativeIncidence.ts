import { normalQuantile } from './distributions.js';
import { mergeNearTimes } from './timeFix.js';
import type { Estimate, Times } from './types.js';

/** One cause's curve, indexed like `CumulativeIncidenceCurve.time`. */
export interface CauseIncidence {
  /** Events of this cause at each time. */
  nEvent: Int32Array;
  /** Aalen–Johansen cumulative incidence, right-continuous. */
  estimate: Float64Array;
  /** Infinitesimal-jackknife standard error (see `cumulativeIncidence`). */
  stdErr: Float64Array;
  /** Log-scale limits; NaN where R gives NA (estimate 0). */
  ciLow: Float64Array;
  ciHigh: Float64Array;
}

export interface CumulativeIncidenceCurve {
  /** Persons in the group. */
  n: number;
  confLevel: number;
  /** Distinct event and censoring times, ascending (near-equal times merged as survfit's timefix does). */
  time: Float64Array;
  /** Persons at risk at each time: time ≥ t, so censorings at t are at risk for events at t. */
  nRisk: Int32Array;
  nCensor: Int32Array;
  /** Probability of no event of any cause yet: the Kaplan–Meier of "any event". */
  eventFree: Float64Array;
  /** causes[k − 1] is cause k, for k = 1..causeCount (present even with no events). */
  causes: CauseIncidence[];
}

export interface CumulativeIncidenceOptions {
  /** Number of event types K; causes are 1..K. Default: the largest cause seen. */
  causeCount?: number;
  /** Default 0.95. */
  confLevel?: number;
}

/**
 * Aalen–Johansen estimator of the cumulative incidence function of each cause, with
 * competing events and right censoring, for one group. Matches R survival 3.5
 * `survfit(Surv(time, factor(cause, 0:K)) ~ 1)` (the multi-state survfitCI with its
 * defaults): `time`, `n.risk[, 1]`, `n.event`, `n.censor`, `pstate`, `std.err`,
 * `lower`, `upper`.
 *
 * - Times: ties allowed. Censorings at t are in the risk set for events at t. Times
 *   closer than survival's `aeqSurv` tolerance (√ε absolute, or relative to the mean
 *   distinct time) are merged into the first of them, as `timefix = TRUE` does.
 * - Variance: survfit's only one for multi-state curves, the infinitesimal jackknife
 *   (robust) variance Σᵢ Uᵢₖ(t)², Uᵢ the influence of person i on the state
 *   probabilities, updated at each event time through the Aalen–Johansen product
 *   (survival's `survfitci.c`). Persons still at risk share one influence vector, and
 *   those who have left are carried as running sums, so one pass costs O(times × K).
 * - Interval: survfit's default `conf.type = "log"`: p·exp(∓z·se/p), the upper limit
 *   capped at 1, NaN (R: NA) where p = 0.
 *
 * Input: time ≥ 0 (days), cause 0 = censored or 1..K. O(n log n): each cause's times
 * sorted once as a typed array, then merged; no per-person objects.
 *
 * @example
 * const curve = cumulativeIncidence(Float64Array.of(1, 2, 2, 3), Int8Array.of(1, 2, 0, 1));
 * curve.causes[0].estimate; // Float64Array [0.25, 0.25, 0.75]
 * curve.causes[1].ciLow[0]; // NaN: estimate 0 at time 1
 */
export function cumulativeIncidence(time: Times, cause: Int8Array, options: CumulativeIncidenceOptions = {}): CumulativeIncidenceCurve {
  const n = time.length;
  if (cause.length !== n) throw new RangeError(`cumulativeIncidence: ${n} times but ${cause.length} causes`);
  const confLevel = options.confLevel ?? 0.95;
  if (!(confLevel > 0 && confLevel < 1)) throw new RangeError(`cumulativeIncidence: confLevel must be in (0,1), got ${confLevel}`);
  let maxCause = 0;
  for (let i = 0; i < n; i++) {
    if (!(time[i] >= 0 && time[i] < Infinity)) throw new RangeError(`cumulativeIncidence: time must be finite and >= 0, got ${time[i]} at row ${i}`);
    if (cause[i] < 0) throw new RangeError(`cumulativeIncidence: cause must be >= 0, got ${cause[i]} at row ${i}`);
    if (cause[i] > maxCause) maxCause = cause[i];
  }
  const k = options.causeCount ?? maxCause;
  if (!Number.isInteger(k) || k < maxCause) throw new RangeError(`cumulativeIncidence: causeCount ${k} is below the largest cause ${maxCause}`);

  const { times, counts } = countByTime(time, cause, k);
  const m = times.length;
  const width = k + 1;
  const nRisk = new Int32Array(m);
  const nCensor = new Int32Array(m);
  const eventFree = new Float64Array(m);
  // Cause-major buffers (cause j's curve at j·m + t), handed out as views.
  const nEvent = new Int32Array(k * m);
  const estimate = new Float64Array(k * m);
  const stdErr = new Float64Array(k * m);
  const ciLow = new Float64Array(k * m);
  const ciHigh = new Float64Array(k * m);

  // p: state probabilities (event-free, then causes). Influence: `at` is the common
  // vector of everyone still at risk; q00, q0[j], qj[j] are Σ U₀², Σ U₀Uⱼ, Σ Uⱼ² over
  // those who have left.
  let eventFreeP = 1;
  const incidence = new Float64Array(k);
  const at = new Float64Array(width);
  let q00 = 0;
  const q0 = new Float64Array(k);
  const qj = new Float64Array(k);
  const h = new Float64Array(k);
  let remaining = n;
  for (let t = 0; t < m; t++) {
    const row = t * width;
    const atRisk = remaining;
    const censored = counts[row];
    let events = 0;
    for (let j = 0; j < k; j++) events += counts[row + 1 + j];
    if (events > 0) {
      // Aalen–Johansen step H: h[j] = d_j/n, h0 = 1 − d/n (survfitci.c's operation order).
      for (let j = 0; j < k; j++) h[j] = counts[row + 1 + j] / atRisk;
      const h0 = 1 - events / atRisk;
      const step = eventFreeP / atRisk;
      // Those who left earlier: U ← U·H.
      for (let j = 0; j < k; j++) {
        qj[j] = qj[j] + 2 * h[j] * q0[j] + h[j] * h[j] * q00;
        q0[j] = h0 * (q0[j] + h[j] * q00);
      }
      q00 = h0 * h0 * q00;
      // Those at risk: U ← U·H − H[0, ]·p₀/n, plus p₀/n in the state each moves to.
      const r0 = at[0] * h0 - (h0 * eventFreeP) / atRisk;
      const stay0 = r0 + step;
      q00 += censored * stay0 * stay0 + events * r0 * r0;
      const survivors = atRisk - events - censored;
      for (let j = 0; j < k; j++) {
        const dj = counts[row + 1 + j];
        const rj = at[1 + j] + at[0] * h[j] - (h[j] * eventFreeP) / atRisk;
        const moved = rj + step;
        q0[j] += censored * stay0 * rj + events * r0 * rj + dj * r0 * step;
        qj[j] += censored * rj * rj + (events - dj) * rj * rj + dj * moved * moved;
        at[1 + j] = rj;
        stdErr[j * m + t] = rootOfSum(qj[j] + survivors * rj * rj);
      }
      at[0] = stay0;
      for (let j = 0; j < k; j++) incidence[j] = eventFreeP * h[j] + incidence[j];
      eventFreeP = eventFreeP * h0;
    } else {
      q00 += censored * at[0] * at[0];
      for (let j = 0; j < k; j++) {
        q0[j] += censored * at[0] * at[1 + j];
        qj[j] += censored * at[1 + j] * at[1 + j];
        stdErr[j * m + t] = rootOfSum(qj[j] + (atRisk - censored) * at[1 + j] * at[1 + j]);
      }
    }
    nRisk[t] = atRisk;
    nCensor[t] = censored;
    eventFree[t] = eventFreeP;
    for (let j = 0; j < k; j++) {
      nEvent[j * m + t] = counts[row + 1 + j];
      estimate[j * m + t] = incidence[j];
    }
    remaining -= censored + events;
  }

  // survival's survfit_confint(conf.type = "log", logse = FALSE): NA where p = 0.
  const z = normalQuantile(1 - (1 - confLevel) / 2);
  for (let i = 0; i < k * m; i++) {
    const p = estimate[i];
    if (p === 0) {
      ciLow[i] = ciHigh[i] = Number.NaN;
      continue;
    }
    const se2 = z * (stdErr[i] === 0 ? 0 : stdErr[i] / p);
    ciLow[i] = Math.exp(Math.log(p) - se2);
    ciHigh[i] = Math.min(Math.exp(Math.log(p) + se2), 1);
  }
  const view = <T extends Int32Array | Float64Array>(buffer: T, j: number) => buffer.subarray(j * m, (j + 1) * m) as T;
  const causes: CauseIncidence[] = Array.from({ length: k }, (_, j) => ({
    nEvent: view(nEvent, j),
    estimate: view(estimate, j),
    stdErr: view(stdErr, j),
    ciLow: view(ciLow, j),
    ciHigh: view(ciHigh, j),
  }));
  return { n, confLevel, time: times, nRisk, nCensor, eventFree, causes };
}

/**
 * √ of a variance kept as running sums. Where the true value is 0 (a probability that
 * reached 1) rounding can leave −1e-17 here, as it leaves +1e-17 in R: both read 0.
 */
function rootOfSum(variance: number): number {
  return Math.sqrt(Math.max(variance, 0));
}

/**
 * Distinct times after survival's aeqSurv merging, and counts per time (row-major
 * times × (K + 1), column 0 censored, column j cause j). Each cause's times are sorted
 * once and the sorted runs merged (twice: to count the distinct times, then to fill).
 */
function countByTime(time: Times, cause: Int8Array, k: number): { times: Float64Array; counts: Int32Array } {
  const width = k + 1;
  const size = new Int32Array(width);
  for (let i = 0; i < time.length; i++) size[cause[i]]++;
  const byCause = Array.from(size, (s) => (time instanceof Int32Array ? new Int32Array(s) : new Float64Array(s)));
  size.fill(0);
  for (let i = 0; i < time.length; i++) byCause[cause[i]][size[cause[i]]++] = time[i];
  for (const values of byCause) values.sort();

  let distinct = 0;
  mergeRuns(byCause, (_, c) => {
    if (c < 0) distinct++;
  });
  const raw = new Float64Array(distinct);
  const counts = new Int32Array(distinct * width);
  let row = 0;
  mergeRuns(byCause, (value, c, count) => {
    if (c < 0) raw[row++] = value;
    else counts[(row - 1) * width + c] = count;
  });

  // survival's aeqSurv: near-equal times are one.
  const { groupOf, times } = mergeNearTimes(raw);
  const merged = new Int32Array(times.length * width);
  for (let i = 0; i < distinct; i++) for (let c = 0; c < width; c++) merged[groupOf[i] * width + c] += counts[i * width + c];
  return { times, counts: merged };
}

/**
 * Walks sorted arrays together in ascending order: for each distinct value, visit(value, −1, 0)
 * once, then visit(value, a, count) for each array a holding it.
 */
function mergeRuns(sorted: Times[], visit: (value: number, array: number, count: number) => void): void {
  const head = new Int32Array(sorted.length);
  for (;;) {
    let now = Infinity;
    for (let a = 0; a < sorted.length; a++) if (head[a] < sorted[a].length && sorted[a][head[a]] < now) now = sorted[a][head[a]];
    if (now === Infinity) return;
    visit(now, -1, 0);
    for (let a = 0; a < sorted.length; a++) {
      const from = head[a];
      while (head[a] < sorted[a].length && sorted[a][head[a]] === now) head[a]++;
      if (head[a] > from) visit(now, a, head[a] - from);
    }
  }
}

/** First index with sorted[index] ≥ x (sorted.length when none). */
function lowerBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One cause at a horizon; ciLow/ciHigh null where R gives NA (estimate 0 after the first time). */
export interface IncidenceAtHorizon extends Estimate {
  estimate: number;
  stdErr: number;
}

export interface CurveAtHorizon {
  horizon: number;
  /** Persons with time ≥ horizon (0 beyond the last time with `extend`). */
  nRisk: number;
  eventFree: number;
  /** causes[k − 1] is cause k. */
  causes: IncidenceAtHorizon[];
}

/**
 * The curve at given horizons, as R's `summary(fit, times = horizons, extend)`:
 * the step function's value at the last time ≤ horizon, with n.risk the number at
 * risk at the first time ≥ horizon. Results keep the order of `horizons` (R sorts).
 *
 * - Before the first time (and when no time is 0), R's survfit0 row at time 0:
 *   estimates 0, standard errors 0 and, unlike a real row, limits 0 (not NA).
 *   A negative horizon gets the first row, as R's pmax(1, index) does.
 * - After the last time: null (R drops the row), or with `extend: true` the last
 *   values with nRisk 0. Non-finite horizons, and an empty curve, give null.
 *
 * @example
 * cumulativeIncidenceAt(curve, [0.5, 2.5, 9]); // [origin row, row of time 2, null]
 */
export function cumulativeIncidenceAt(
  curve: CumulativeIncidenceCurve,
  horizons: readonly number[],
  options: { extend?: boolean } = {},
): Array<CurveAtHorizon | null> {
  const m = curve.time.length;
  const origin = m > 0 && curve.time[0] !== 0;
  return horizons.map((horizon) => {
    if (!Number.isFinite(horizon) || m === 0) return null;
    if (horizon > curve.time[m - 1] && !options.extend) return null;
    const first = lowerBound(curve.time, horizon);
    const nRisk = first < m ? curve.nRisk[first] : 0;
    const upTo = first < m && curve.time[first] === horizon ? first + 1 : first;
    if (upTo === 0 && origin) {
      return { horizon, nRisk, eventFree: 1, causes: curve.causes.map(() => ({ estimate: 0, stdErr: 0, ciLow: 0, ciHigh: 0 })) };
    }
    const t = Math.max(upTo, 1) - 1;
    const orNull = (x: number) => (Number.isNaN(x) ? null : x);
    return {
      horizon,
      nRisk,
      eventFree: curve.eventFree[t],
      causes: curve.causes.map((c) => ({ estimate: c.estimate[t], stdErr: c.stdErr[t], ciLow: orNull(c.ciLow[t]), ciHigh: orNull(c.ciHigh[t]) })),
    };
  });
}
