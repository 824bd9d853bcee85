import { mergeNearTimes } from './timeFix.js';

/**
 * Summed case weights per distinct time and cause: the sufficient statistics of the
 * weighted Aalen–Johansen estimator. Callers that evaluate many weightings of the
 * same records (a bootstrap) fill one of these directly and skip the sorting.
 */
export interface WeightedEventTable {
  /**
   * Distinct times, ascending. The last may be +Infinity: records beyond every horizon
   * of interest collapsed into one censored row (they are only ever at risk).
   */
  time: Float64Array;
  /** Row-major time × (causeCount + 1): column 0 censored, column k cause k. */
  weight: Float64Array;
  causeCount: number;
  /**
   * The first time with an event of any weight, zero included. survfit starts from the
   * weighted state distribution at risk then; with no weight at risk there it is 0/0,
   * and every state probability is 0. Default: the first time with a positive event
   * weight, else the last time.
   */
  firstEventTime?: number;
  /** The curve's last time: horizons beyond it give null. Default the last row's time. */
  lastTime?: number;
}

export interface WeightedIncidenceAtHorizon {
  horizon: number;
  /** Probability of no event of any cause yet. */
  eventFree: number;
  /** incidence[k − 1] is the cumulative incidence of cause k. */
  incidence: Float64Array;
}

export interface WeightedEventTableOptions {
  /** Number of causes K; causes are 1..K. Default: the largest cause seen. */
  causeCount?: number;
}

/**
 * The Aalen–Johansen cumulative incidence of each cause with case weights, at the
 * horizons, as R survival ≥ 3.5
 * `summary(survfit(Surv(time, factor(cause, 0:K)) ~ 1, weights = w), times = horizons)$pstate`.
 *
 * - At each time with a positive event weight: hazard of cause k = d_k/n, d_k the
 *   summed weight of its events and n the summed weight of those with time ≥ t
 *   (censorings at t are at risk for events at t); then
 *   F_k ← F_k + S·d_k/n and S ← S·(1 − Σd_k/n), survfitci.c's order of operations.
 *   n is kept as survfitci.c keeps it: the total weight less the weight of earlier times.
 * - Zero weights are allowed: their times are times of the curve (they decide the
 *   last time) but they move no probability. See `firstEventTime` for the one case where
 *   they change the estimate.
 * - Horizons: the value after the last time ≤ horizon. Before the first time, the
 *   starting state (survfit0's row at 0); a negative horizon when the first time is 0
 *   gets that time's row (summary's pmax(1, index)). Beyond the last time, or not
 *   finite, or an empty table: null (summary drops the row). Results keep the order
 *   of `horizons`.
 *
 * O(times × K + horizons log horizons); allocates only the result.
 *
 * @example
 * const table = weightedEventTable(Float64Array.of(1, 2, 2, 3), Int8Array.of(1, 2, 0, 1), Float64Array.of(1, 0.5, 2, 1));
 * weightedCumulativeIncidenceAt(table, [0.5, 2, 4]);
 * // [{ horizon: 0.5, eventFree: 1, incidence: [0, 0] },
 * //  { horizon: 2, eventFree: 0.6667, incidence: [0.2222, 0.1111] }, null (after the last time, 3)]
 */
export function weightedCumulativeIncidenceAt(table: WeightedEventTable, horizons: readonly number[]): Array<WeightedIncidenceAtHorizon | null> {
  const { time, weight, causeCount: k } = table;
  const m = time.length;
  const width = k + 1;
  const result: Array<WeightedIncidenceAtHorizon | null> = horizons.map(() => null);
  if (m === 0) return result;
  const lastTime = table.lastTime ?? time[m - 1];

  let total = 0;
  let firstEventRow = -1;
  for (let t = 0; t < m; t++) {
    let events = 0;
    for (let c = 0; c < width; c++) {
      total += weight[t * width + c];
      if (c > 0) events += weight[t * width + c];
    }
    if (firstEventRow < 0 && events > 0) firstEventRow = t;
  }
  const firstEventTime = table.firstEventTime ?? (firstEventRow >= 0 ? time[firstEventRow] : time[m - 1]);
  // survfit's p0: the weighted share in the starting state among those at risk at the first event.
  let atFirstEvent = 0;
  for (let t = 0; t < m; t++) if (time[t] >= firstEventTime) for (let c = 0; c < width; c++) atFirstEvent += weight[t * width + c];
  let eventFree = atFirstEvent > 0 ? 1 : 0;
  const incidence = new Float64Array(k);

  const order = horizons.map((_, h) => h).filter((h) => Number.isFinite(horizons[h]) && horizons[h] <= lastTime);
  order.sort((a, b) => horizons[a] - horizons[b]);
  const record = (h: number) => {
    result[h] = { horizon: horizons[h], eventFree, incidence: incidence.slice() };
  };
  let next = 0;
  // A horizon below a first time of 0 gets that time's row: leave it pending past row 0.
  const firstRowTakesAll = time[0] === 0;
  let atRisk = total;
  for (let t = 0; t < m; t++) {
    while (next < order.length && horizons[order[next]] < time[t] && !(t === 0 && firstRowTakesAll)) record(order[next++]);
    const row = t * width;
    let events = 0;
    for (let c = 1; c < width; c++) events += weight[row + c];
    if (events > 0) {
      const before = eventFree;
      for (let j = 0; j < k; j++) incidence[j] = before * (weight[row + 1 + j] / atRisk) + incidence[j];
      eventFree = before * (1 - events / atRisk);
    }
    atRisk -= events + weight[row];
  }
  while (next < order.length) record(order[next++]);
  return result;
}

/**
 * Sums weights per distinct time and cause, after survfit's timefix merging of
 * near-equal times (see timeFix.ts). Input: time finite ≥ 0, cause 0 (censored) or
 * 1..K, weight finite ≥ 0 (survfit refuses negative weights).
 */
export function weightedEventTable(
  time: Float64Array,
  cause: ArrayLike<number>,
  weight: Float64Array,
  options: WeightedEventTableOptions = {},
): WeightedEventTable {
  const n = time.length;
  if (cause.length !== n || weight.length !== n) {
    throw new RangeError(`weightedEventTable: ${n} times, ${cause.length} causes and ${weight.length} weights`);
  }
  let maxCause = 0;
  for (let i = 0; i < n; i++) {
    if (!(time[i] >= 0 && time[i] < Infinity)) throw new RangeError(`weightedEventTable: time must be finite and >= 0, got ${time[i]} at row ${i}`);
    if (!(Number.isInteger(cause[i]) && cause[i] >= 0)) throw new RangeError(`weightedEventTable: cause must be an integer >= 0, got ${cause[i]} at row ${i}`);
    if (!(weight[i] >= 0 && weight[i] < Infinity)) throw new RangeError(`weightedEventTable: weight must be finite and >= 0, got ${weight[i]} at row ${i}`);
    if (cause[i] > maxCause) maxCause = cause[i];
  }
  const k = options.causeCount ?? maxCause;
  if (!Number.isInteger(k) || k < maxCause) throw new RangeError(`weightedEventTable: causeCount ${k} is below the largest cause ${maxCause}`);
  const width = k + 1;

  // Rows by time, ties in input order, so weights are summed in input order.
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => time[a] - time[b] || a - b);
  let distinctCount = 0;
  for (let r = 0; r < n; r++) if (r === 0 || time[order[r]] !== time[order[r - 1]]) distinctCount++;
  const distinct = new Float64Array(distinctCount);
  const rowOf = new Int32Array(n);
  for (let r = 0, d = -1; r < n; r++) {
    if (r === 0 || time[order[r]] !== time[order[r - 1]]) distinct[++d] = time[order[r]];
    rowOf[r] = d;
  }
  const { groupOf, times } = mergeNearTimes(distinct);
  const sums = new Float64Array(times.length * width);
  let firstEventTime = Number.NaN;
  for (let r = 0; r < n; r++) {
    const i = order[r];
    const row = groupOf[rowOf[r]];
    sums[row * width + cause[i]] += weight[i];
    if (cause[i] > 0 && Number.isNaN(firstEventTime)) firstEventTime = times[row];
  }
  return {
    time: times,
    weight: sums,
    causeCount: k,
    firstEventTime: Number.isNaN(firstEventTime) ? (times.length > 0 ? times[times.length - 1] : 0) : firstEventTime,
  };
}

/**
 * `weightedCumulativeIncidenceAt(weightedEventTable(time, cause, weight), horizons)`:
 * the weighted Aalen–Johansen curve at the horizons from person-level records.
 *
 * @example
 * weightedCumulativeIncidence(Float64Array.of(1, 2), Int8Array.of(1, 0), Float64Array.of(1, 1), [1, 3]);
 * // [{ horizon: 1, eventFree: 0.5, incidence: [0.5] }, null]
 */
export function weightedCumulativeIncidence(
  time: Float64Array,
  cause: ArrayLike<number>,
  weight: Float64Array,
  horizons: readonly number[],
  options: WeightedEventTableOptions = {},
): Array<WeightedIncidenceAtHorizon | null> {
  return weightedCumulativeIncidenceAt(weightedEventTable(time, cause, weight, options), horizons);
}
