import { buildPatternDesign, FEW_CLUSTERS, type AnalysisSample } from './adjusted.js';
import { DAYS_PER_MONTH, EXCLUSION_REASONS, followUpOf, hasCovariates, latestDay, workOrEducationCause } from './timeToOutcome.js';
import { CLUSTER_BOOTSTRAP_DEFAULT_SEED, DEFAULT_BOOTSTRAP_REPLICATES } from '../stats/defaults.js';
import { aliasedColumns } from '../stats/linalg.js';
import { dropColumns, fitLogistic, weightedGram, type LogisticDesign } from '../stats/logistic.js';
import { percentileInterval } from '../stats/percentileInterval.js';
import { resumableUniform, uniformFromState } from '../stats/random.js';
import { stratifiedResampler } from '../stats/stratifiedResample.js';
import type { StatWarning } from '../stats/types.js';
import { weightedCumulativeIncidenceAt, type WeightedEventTable } from '../stats/weightedCumulativeIncidence.js';
import type { PersonColumns } from '../table/types.js';
import { startReplicateThreads } from './bootstrapThreads.js';

/** Horizons of the weighted difference, in months. */
const WEIGHTED_DIFFERENCE_HORIZON_MONTHS: readonly number[] = [6, 12];

export type WeightedDifferenceWarningCode =
  | 'WEIGHTED_DIFFERENCE_NO_PERSONS'
  | 'WEIGHTED_DIFFERENCE_ONE_GROUP'
  | 'WEIGHTED_DIFFERENCE_COUNSELLOR_MISSING'
  | 'WEIGHTED_DIFFERENCE_COUNSELLOR_IN_SEVERAL_OFFICES'
  | 'WEIGHTED_DIFFERENCE_NO_OVERLAP'
  | 'WEIGHTED_DIFFERENCE_PS_NOT_CONVERGED'
  | 'WEIGHTED_DIFFERENCE_SEPARATION'
  | 'WEIGHTED_DIFFERENCE_HORIZON_BEYOND_FOLLOW_UP'
  | 'WEIGHTED_DIFFERENCE_FEW_CLUSTERS'
  | 'WEIGHTED_DIFFERENCE_SINGLE_CLUSTER_OFFICE'
  | 'WEIGHTED_DIFFERENCE_NOTHING_TO_RESAMPLE'
  | 'WEIGHTED_DIFFERENCE_FAILED_REPLICATES'
  | 'WEIGHTED_DIFFERENCE_MANY_FAILED_REPLICATES'
  | 'WEIGHTED_DIFFERENCE_EXTREME_ORDER_STATISTICS';

export interface WeightedDifferenceWarning extends StatWarning {
  code: WeightedDifferenceWarningCode;
}

/** More failed replicates than this share and the interval rests on a selected subset of them. */
const MANY_FAILED_REPLICATES = 0.1;

export interface WeightedDifferenceOptions {
  /** Days since 1970-01-01 of the extraction; default the latest start or end date (as timeToOutcome). */
  extractionDay?: number;
  /** Default WEIGHTED_DIFFERENCE_HORIZON_MONTHS (6 and 12). */
  horizonMonths?: readonly number[];
  /** Bootstrap replicates; default 999. 0: no interval. */
  replicates?: number;
  /** Seed of the bootstrap's generator (an integer, used modulo 2³²); default CLUSTER_BOOTSTRAP_DEFAULT_SEED. */
  seed?: number;
  /**
   * Threads to compute the replicates on, this one included; default 1. The result is
   * the same for any number: each replicate's draws come from the generator's state
   * saved for it (see ReplicateJob).
   */
  threads?: number;
  /** The worker script (dist/bundle/bootstrap-worker.cjs); default: found beside the running code, else no extra threads. */
  workerScript?: URL;
  /** Called when the arrays of a stage are no longer referenced (BuildOptions.release). */
  release?: () => void;
}

export interface WeightedDifferenceAtHorizon {
  months: number;
  /** Cumulative incidence of work or education among hybrid users (weight 1); a fraction. */
  hybrid: number | null;
  /** The same among usual users weighted by ps/(1 − ps) (ATT weights). */
  usualWeighted: number | null;
  /** hybrid − usualWeighted, a fraction (the report shows percentage points). */
  difference: number | null;
  /** Cluster-bootstrap percentile 95 % interval of the difference. */
  ciLow: number | null;
  ciHigh: number | null;
}

export interface WeightedIncidenceDifference {
  /** Persons used: the time-to-outcome sample with complete covariates (and a counsellor when that column is present). */
  n: number;
  clusterBy: 'counsellor' | 'office';
  /** Resampled clusters: (office, counsellor) pairs, or offices. */
  clusters: number;
  /** Replicates asked for. */
  replicates: number;
  /** Replicates without an estimate at some horizon the full sample estimates; left out of the interval. */
  failedReplicates: number;
  seed: number;
  /** Kish effective sample size (Σw)²/Σw² of the usual users' weights. */
  effectiveSampleSizeUsual: number | null;
  /** Largest weight of a usual user. */
  maxWeight: number | null;
  horizons: WeightedDifferenceAtHorizon[];
  warnings: WeightedDifferenceWarning[];
}

/** Causes of the time-to-outcome status pooled for this analysis: 1 work or education, 2 none; 0 censored. */
const CAUSES = 2;
const WIDTH = CAUSES + 1;

/**
 * Per-cluster sufficient statistics of the weighted difference, built once; every
 * bootstrap replicate reads only these. A replicate's work is one pass over the
 * records of the clusters it draws: (cluster, propensity pattern) counts for the
 * propensity model, and (cluster, pattern, time slot, cause) counts for the curves
 * (hybrid users' records without the pattern, as their weight is 1).
 */
export interface WeightedDifferenceInputs {
  n: number;
  clusterBy: 'counsellor' | 'office';
  /** Per cluster: its office, and its counsellor (−1 when clustering by office). Ordered by office, then counsellor. */
  clusterOffice: Int32Array;
  clusterCounsellor: Int32Array;
  /** Per cluster: its stratum in the resampling (its office by counsellor; one stratum by office). */
  clusterStratum: Int32Array;
  horizonMonths: number[];
  horizonDays: number[];
  /** Distinct follow-up times ≤ the largest horizon, ascending, then +Infinity for every later time (censored there). */
  slotTime: Float64Array;
  /**
   * The propensity model's design: logistic regression of hybrid on office dummies and the
   * covariates present, one row per (office, hybrid, gender, prior work, age) pattern,
   * full-sample frequencies.
   */
  design: LogisticDesign;
  /**
   * Records per cluster c: [start[c], start[c + 1]). Cells are slot·3 + cause. Persons
   * beyond the largest horizon have no outcome record: only the group's total weight
   * needs them, and it comes from the propensity records.
   */
  propensityStart: Int32Array;
  propensityRow: Int32Array;
  propensityCount: Int32Array;
  hybridStart: Int32Array;
  hybridCell: Int32Array;
  hybridCount: Int32Array;
  usualStart: Int32Array;
  usualRow: Int32Array;
  usualCell: Int32Array;
  usualCount: Int32Array;
  /** Per cluster and group (2c + g, g 0 hybrid, 1 usual): the slot of its last time (the last slot if beyond), −1 if none. */
  lastSlot: Int32Array;
  /** Persons of the time-to-outcome sample left out: a covariate or the counsellor missing. */
  incomplete: number;
  /** Of those, persons complete on the covariates but without a counsellor. */
  missingCounsellor: number;
  /** Counsellor ids with persons in more than one office (each office's share is its own cluster). */
  counsellorsInSeveralOffices: number;
  /**
   * A design object reused by every replicate (its weights overwritten; the fit's sparse
   * index of x, cached per object, is built once). So one replicate at a time.
   */
  work: LogisticDesign;
}

/** One replicate's (or the full sample's) estimates. */
export interface WeightedDifferenceEstimate {
  /** Per horizon; null where the horizon lies beyond the group's last time. */
  hybrid: (number | null)[];
  usualWeighted: (number | null)[];
  difference: (number | null)[];
  effectiveSampleSizeUsual: number;
  maxWeight: number;
  /** The propensity model separates some persons (fitted 0 or 1, or diverging coefficients). */
  separation: boolean;
  /** The propensity model's coefficients, in the design's columns; null when aliased columns were dropped. */
  propensityCoefficients: Float64Array | null;
}

/**
 * The ATT-weighted difference in the cumulative incidence of work or education
 * (job, apprenticeship or education; none competing), hybrid − usual, at 6 and 12
 * months, with a cluster-bootstrap percentile interval (issue 13).
 *
 * - Sample: timeToOutcome's (time origin start_date, censoring at the extraction
 *   date, its exclusions), restricted to persons complete on the covariates present
 *   and, when the input has a counsellor column, with a counsellor (as its Cox model).
 * - Propensity model: logistic regression of hybrid on office dummies + the present
 *   covariates among age, gender, prior work (the terms of propensityWeighting), on
 *   this sample, where persons without an outcome are censored rather than dropped.
 *   ATT weights: hybrid 1, usual ps/(1 − ps).
 * - Curves: the weighted Aalen–Johansen estimator per group, as R
 *   `summary(survfit(Surv(time, woe) ~ 1, weights = w), times = months · 365.25/12)`;
 *   null beyond a group's last time (summary drops the row), with a warning.
 * - Interval: clusters (counsellors within offices; offices without a counsellor
 *   column) resampled with replacement, stratified by office when clustering by
 *   counsellor so every office and its fixed effect is in every replicate; in each
 *   replicate the propensity model is refitted and both curves recomputed. The 95 %
 *   interval is boot.ci's percentile interval of the replicate differences. A replicate
 *   whose propensity model fails, or that lacks a group or an estimate at a horizon the
 *   full sample estimates, is left out and counted (as boot.ci leaves out NA).
 * - Reproducible: the same seed and data give the same bytes.
 * - Cost: per replicate, one pass over the drawn clusters' records (see
 *   WeightedDifferenceInputs; at 1M persons about 1.4 records a person, as a
 *   counsellor's ~45 persons rarely share a pattern), a logistic fit on the pattern
 *   rows started from the full sample's coefficients, and the curves over the days.
 *
 * References: tests/fixtures/r/weightedIncidenceDifference.R (point estimates and
 * replicates for given draws), tests/fixtures/r/bootPercentile.R (the interval).
 */
export function weightedIncidenceDifference(cols: PersonColumns, options: WeightedDifferenceOptions = {}): WeightedIncidenceDifference {
  const replicates = options.replicates ?? DEFAULT_BOOTSTRAP_REPLICATES;
  const seed = options.seed ?? CLUSTER_BOOTSTRAP_DEFAULT_SEED;
  if (!(Number.isInteger(replicates) && replicates >= 0))
    throw new RangeError(`weightedIncidenceDifference: replicates must be an integer >= 0, got ${replicates}`);
  if (!Number.isInteger(seed)) throw new RangeError(`weightedIncidenceDifference: seed must be an integer, got ${seed}`);
  // let: replaced by its copy on shared memory before the bootstrap, so that the original can go.
  let inputs = weightedDifferenceInputs(cols, options);
  options.release?.();
  const { n, clusterBy, horizonMonths } = inputs;
  const clusters = inputs.clusterOffice.length;
  const warnings: WeightedDifferenceWarning[] = [];
  const result = (
    point: WeightedDifferenceEstimate | null,
    ci: ({ low: number; high: number } | null)[] = [],
    failedReplicates = 0,
  ): WeightedIncidenceDifference => ({
    n,
    clusterBy,
    clusters,
    replicates,
    failedReplicates,
    seed,
    effectiveSampleSizeUsual: point?.effectiveSampleSizeUsual ?? null,
    maxWeight: point?.maxWeight ?? null,
    horizons: horizonMonths.map((months, h) => ({
      months,
      hybrid: point?.hybrid[h] ?? null,
      usualWeighted: point?.usualWeighted[h] ?? null,
      difference: point?.difference[h] ?? null,
      ciLow: ci[h]?.low ?? null,
      ciHigh: ci[h]?.high ?? null,
    })),
    warnings,
  });

  if (inputs.missingCounsellor > 0) {
    warnings.push({
      code: 'WEIGHTED_DIFFERENCE_COUNSELLOR_MISSING',
      params: { persons: inputs.missingCounsellor },
      message: `${inputs.missingCounsellor} persons have no counsellor and are left out of the weighted difference (as out of the Cox model).`,
    });
  }
  if (inputs.counsellorsInSeveralOffices > 0) {
    warnings.push({
      code: 'WEIGHTED_DIFFERENCE_COUNSELLOR_IN_SEVERAL_OFFICES',
      params: { counsellors: inputs.counsellorsInSeveralOffices },
      message: `${inputs.counsellorsInSeveralOffices} counsellor ids occur in more than one office; the bootstrap resamples each office's share of such a counsellor as a cluster of its own, so that every office keeps its persons.`,
    });
  }
  if (n === 0) {
    warnings.push({
      code: 'WEIGHTED_DIFFERENCE_NO_PERSONS',
      message: 'No person has a usable start date and complete covariates, so there is no weighted difference.',
    });
    return result(null);
  }
  const { design } = inputs;
  let hybridPersons = 0;
  for (let r = 0; r < design.nRows; r++) hybridPersons += design.y[r] * design.weights[r];
  if (hybridPersons === 0 || hybridPersons === n) {
    warnings.push({ code: 'WEIGHTED_DIFFERENCE_ONE_GROUP', message: 'The sample lacks hybrid or usual users, so the weighted difference is undefined.' });
    return result(null);
  }
  const noOverlap = officesWithOneGroup(cols, inputs);
  if (noOverlap.length > 0) {
    warnings.push({
      code: 'WEIGHTED_DIFFERENCE_NO_OVERLAP',
      params: { offices: noOverlap },
      message: `Office(s) with only one group in the sample: ${noOverlap.join(', ')}. Their propensity scores are 0 or 1, so they add no comparable usual users.`,
    });
  }
  if (clusters < FEW_CLUSTERS) {
    warnings.push({
      code: 'WEIGHTED_DIFFERENCE_FEW_CLUSTERS',
      params: { clusters, clusterBy, minimum: FEW_CLUSTERS },
      message: `Only ${clusters} ${clusterBy === 'office' ? 'offices' : 'counsellors'} to resample; with fewer than ${FEW_CLUSTERS} clusters a cluster bootstrap interval tends to be too narrow.`,
    });
  }
  const single = clusterBy === 'counsellor' ? officesWithOneCluster(cols, inputs) : [];
  if (single.length > 0) {
    warnings.push({
      code: 'WEIGHTED_DIFFERENCE_SINGLE_CLUSTER_OFFICE',
      params: { offices: single },
      message: `Office(s) with one counsellor: ${single.join(', ')}. Resampled within the office, that counsellor is drawn every time, so the interval leaves out the variation between counsellors there.`,
    });
  }

  const point = weightedDifferenceForDraw(inputs, new Int32Array(clusters).fill(1));
  if (point === null) {
    warnings.push({ code: 'WEIGHTED_DIFFERENCE_PS_NOT_CONVERGED', message: 'The propensity model did not converge, so no weighted difference is reported.' });
    return result(null);
  }
  if (point.separation) {
    warnings.push({
      code: 'WEIGHTED_DIFFERENCE_SEPARATION',
      message:
        'The propensity model separates some persons (propensity scores numerically 0 or 1); weights of those usual users are near 0 and the estimate rests on the other offices.',
    });
  }
  for (const [group, curve] of [
    ['hybrid', point.hybrid],
    ['usual', point.usualWeighted],
  ] as const) {
    const beyond = horizonMonths.filter((_, h) => curve[h] === null);
    if (beyond.length > 0) {
      warnings.push({
        code: 'WEIGHTED_DIFFERENCE_HORIZON_BEYOND_FOLLOW_UP',
        params: { group, months: beyond },
        message: `No ${group} user is followed for ${beyond.join(', ')} months; the weighted difference is not estimated there.`,
      });
    }
  }
  const estimated = horizonMonths.map((_, h) => point.difference[h] !== null);
  if (replicates === 0 || !estimated.some(Boolean)) return result(point);
  if (clusters < 2 || (clusterBy === 'counsellor' && single.length === new Set(inputs.clusterOffice).size)) {
    // Every replicate would be the full sample again: an interval of width 0 says nothing.
    warnings.push({
      code: 'WEIGHTED_DIFFERENCE_NOTHING_TO_RESAMPLE',
      params: { clusterBy },
      message: `Every ${clusterBy === 'office' ? 'replicate draws the one office' : 'office has one counsellor'}, so the cluster bootstrap has nothing to resample and no interval is given.`,
    });
    return result(point);
  }

  const job = replicateJob(inputs, point.propensityCoefficients, estimated, replicates, seed);
  inputs = job.inputs;
  options.release?.();
  const threads = startReplicateThreads(job, options.threads ?? 1, options.workerScript);
  try {
    finishReplicates(job);
  } finally {
    threads.stop();
  }
  let failed = 0;
  for (let b = 0; b < replicates; b++) if (job.status[b] === FAILED) failed++;
  const draws = horizonMonths.map((_, h) => job.draws.subarray(h * replicates, (h + 1) * replicates));
  const intervals = draws.map((d, h) => (estimated[h] ? percentileInterval(d, 0.95) : null));
  if (failed > 0) {
    const many = failed > MANY_FAILED_REPLICATES * replicates;
    warnings.push({
      code: many ? 'WEIGHTED_DIFFERENCE_MANY_FAILED_REPLICATES' : 'WEIGHTED_DIFFERENCE_FAILED_REPLICATES',
      params: { failed, replicates },
      message:
        `${failed} of ${replicates} bootstrap replicates gave no estimate (propensity model not fitted, or a group not followed to a horizon) and are left out of the interval` +
        (many ? '; with this many, the interval rests on a selected subset of replicates and may be too narrow.' : '.'),
    });
  }
  if (intervals.some((ci) => ci?.extreme)) {
    warnings.push({
      code: 'WEIGHTED_DIFFERENCE_EXTREME_ORDER_STATISTICS',
      message: 'Too few bootstrap replicates for a 95 % percentile interval: its ends are the smallest and largest replicate.',
    });
  }
  return result(point, intervals, failed);
}

/**
 * The bootstrap's replicates as one job that several threads share: every array is on
 * shared memory. A thread claims the next replicate (an atomic counter), draws its
 * clusters from the generator state saved for it, and writes its differences and its
 * status. WeightedDifferenceInputs.work is each thread's own.
 */
export interface ReplicateJob {
  inputs: WeightedDifferenceInputs;
  /** The full sample's propensity coefficients, each replicate's starting point (null: none). */
  start: Float64Array | null;
  /** Per horizon: whether the full sample estimates it (a replicate must too). */
  estimated: boolean[];
  /** Per replicate b: the generator's state, words 4b … 4b + 3. */
  states: Uint32Array;
  /** Horizon h, replicate b at h·replicates + b; NaN where not estimated. */
  draws: Float64Array;
  /** Per replicate: FREE, CLAIMED, DONE or FAILED. */
  status: Int32Array;
  /** The next replicate to claim. */
  next: Int32Array;
}

const CLAIMED = 1;
export const DONE = 2;
export const FAILED = 3;

/**
 * The bootstrap's job: one generator, replicate after replicate, strata in ascending
 * order. Its state at the start of each replicate is saved first, so that any thread
 * can draw any replicate, and the draws are the same whichever thread computes them.
 */
export function replicateJob(
  inputs: WeightedDifferenceInputs,
  start: Float64Array | null,
  estimated: boolean[],
  replicates: number,
  seed: number,
): ReplicateJob {
  const clusters = inputs.clusterOffice.length;
  const generator = resumableUniform(seed);
  const states = sharedArray(Uint32Array, replicates * 4);
  for (let b = 0; b < replicates; b++) {
    states.set(generator.save(), b * 4);
    // stratifiedResampler draws one uniform per cluster.
    generator.advance(clusters);
  }
  return {
    inputs: shareInputs(inputs),
    start,
    estimated,
    states,
    draws: sharedArray(Float64Array, estimated.length * replicates).fill(Number.NaN),
    status: sharedArray(Int32Array, replicates),
    next: sharedArray(Int32Array, 1),
  };
}

/** Claims and computes replicates until none is left. */
export function replicateLoop(job: ReplicateJob): void {
  const replicates = job.status.length;
  for (let b = Atomics.add(job.next, 0, 1); b < replicates; b = Atomics.add(job.next, 0, 1)) {
    Atomics.store(job.status, b, CLAIMED);
    computeReplicate(job, b);
  }
}

/**
 * The calling thread's part: claims replicates until none is left, then computes those
 * another thread has claimed and not finished (or not yet marked claimed: its claim and
 * its mark are two steps), with the same numbers, so that none is lost when the workers
 * are stopped. On return every replicate is DONE or FAILED.
 */
export function finishReplicates(job: ReplicateJob): void {
  replicateLoop(job);
  for (let b = 0; b < job.status.length; b++) {
    const status = Atomics.load(job.status, b);
    if (status !== DONE && status !== FAILED) computeReplicate(job, b);
  }
}

const resamplers = new WeakMap<Int32Array, ReturnType<typeof stratifiedResampler>>();

function computeReplicate(job: ReplicateJob, b: number): void {
  const { inputs, estimated, states, draws, status } = job;
  const replicates = status.length;
  let resample = resamplers.get(inputs.clusterStratum);
  if (resample === undefined) {
    resample = stratifiedResampler(inputs.clusterStratum);
    resamplers.set(inputs.clusterStratum, resample);
  }
  const counts = new Int32Array(inputs.clusterOffice.length);
  resample(uniformFromState(states.subarray(b * 4, b * 4 + 4)), counts);
  const estimate = weightedDifferenceForDraw(inputs, counts, job.start ?? undefined);
  if (estimate === null || estimated.some((e, h) => e && estimate.difference[h] === null)) {
    Atomics.store(status, b, FAILED);
    return;
  }
  estimated.forEach((e, h) => {
    if (e) draws[h * replicates + b] = estimate.difference[h] as number;
  });
  Atomics.store(status, b, DONE);
}

type TypedArrayOf<T> = { new (buffer: ArrayBufferLike, byteOffset?: number, length?: number): T; BYTES_PER_ELEMENT: number };

function sharedArray<T>(Type: TypedArrayOf<T>, length: number): T {
  return new Type(new SharedArrayBuffer(length * Type.BYTES_PER_ELEMENT));
}

/** a on shared memory: a itself when it is there already, else a copy. */
function shared<T extends Int32Array | Float64Array | Uint8Array>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const copy = new (a.constructor as TypedArrayOf<T>)(new SharedArrayBuffer(a.byteLength));
  (copy as unknown as T).set(a as never);
  return copy;
}

/** The inputs with every array on shared memory (the caller's own `work`). */
function shareInputs(inputs: WeightedDifferenceInputs): WeightedDifferenceInputs {
  const { design } = inputs;
  return {
    ...inputs,
    clusterOffice: shared(inputs.clusterOffice),
    clusterCounsellor: shared(inputs.clusterCounsellor),
    clusterStratum: shared(inputs.clusterStratum),
    slotTime: shared(inputs.slotTime),
    design: { ...design, x: shared(design.x), y: shared(design.y), weights: shared(design.weights) },
    propensityStart: shared(inputs.propensityStart),
    propensityRow: shared(inputs.propensityRow),
    propensityCount: shared(inputs.propensityCount),
    hybridStart: shared(inputs.hybridStart),
    hybridCell: shared(inputs.hybridCell),
    hybridCount: shared(inputs.hybridCount),
    usualStart: shared(inputs.usualStart),
    usualRow: shared(inputs.usualRow),
    usualCell: shared(inputs.usualCell),
    usualCount: shared(inputs.usualCount),
    lastSlot: shared(inputs.lastSlot),
  };
}

/**
 * The estimates for one draw of clusters: `multiplicity[c]` copies of cluster c
 * (1 for every cluster is the full sample). Refits the propensity model on the drawn
 * persons and recomputes both curves. null when the draw lacks a group or the model
 * does not converge. Work: one pass over the drawn clusters' records, a logistic fit
 * on the pattern rows, and the curves over the time slots.
 *
 * `start`: coefficients to start the fit from, as glm(start =), used when no column
 * is aliased in this draw (the bootstrap passes the full sample's: two IRLS steps
 * instead of six; the estimate moves within glm's convergence tolerance, ~1e-8).
 */
export function weightedDifferenceForDraw(
  inputs: WeightedDifferenceInputs,
  multiplicity: ArrayLike<number>,
  start?: Float64Array,
): WeightedDifferenceEstimate | null {
  const { work, slotTime, horizonDays, lastSlot } = inputs;
  const clusters = inputs.clusterOffice.length;
  if (multiplicity.length !== clusters) throw new RangeError(`weightedDifferenceForDraw: ${clusters} clusters but ${multiplicity.length} multiplicities`);
  // Locals: the loops below are the bootstrap's inner loops.
  const m = Int32Array.from(multiplicity);
  const { propensityStart, propensityRow, propensityCount, hybridStart, hybridCell, hybridCount, usualStart, usualRow, usualCell, usualCount } = inputs;
  const frequency = work.weights;
  frequency.fill(0);
  const cells = slotTime.length * WIDTH;
  const hybridWeight = new Float64Array(cells);
  const usualWeight = new Float64Array(cells);
  let lastHybrid = -1;
  let lastUsual = -1;
  for (let c = 0; c < clusters; c++) {
    const mc = m[c];
    if (mc === 0) continue;
    const end = propensityStart[c + 1];
    for (let q = propensityStart[c]; q < end; q++) frequency[propensityRow[q]] += mc * propensityCount[q];
    const hybridEnd = hybridStart[c + 1];
    for (let q = hybridStart[c]; q < hybridEnd; q++) hybridWeight[hybridCell[q]] += mc * hybridCount[q];
    if (lastSlot[2 * c] > lastHybrid) lastHybrid = lastSlot[2 * c];
    if (lastSlot[2 * c + 1] > lastUsual) lastUsual = lastSlot[2 * c + 1];
  }
  if (lastHybrid < 0 || lastUsual < 0) return null;

  const aliased = aliasedColumns(weightedGram(work), work.p);
  const warm = start !== undefined && aliased.length === 0;
  const fit = fitLogistic(aliased.length > 0 ? dropColumns(work, aliased) : work, warm ? { start } : {});
  if (!fit.converged || fit.vcov === null) return null;
  const weight = new Float64Array(work.nRows);
  let hybridTotal = 0;
  let sw = 0;
  let sw2 = 0;
  let maxWeight = 0;
  for (let r = 0; r < work.nRows; r++) {
    if (work.y[r] === 1) {
      hybridTotal += frequency[r];
      continue;
    }
    const ps = fit.fitted[r];
    const w = ps / (1 - ps);
    weight[r] = w;
    if (frequency[r] === 0) continue;
    sw += frequency[r] * w;
    sw2 += frequency[r] * w * w;
    maxWeight = Math.max(maxWeight, w);
  }
  for (let c = 0; c < clusters; c++) {
    const mc = m[c];
    if (mc === 0) continue;
    const end = usualStart[c + 1];
    for (let q = usualStart[c]; q < end; q++) usualWeight[usualCell[q]] += mc * usualCount[q] * weight[usualRow[q]];
  }
  // Persons beyond the last horizon are only ever at risk: their weight is the group's
  // total (from the propensity frequencies) less that of the earlier records.
  const curve = (table: Float64Array, total: number, last: number) => {
    let earlier = 0;
    for (let j = 0; j < cells - WIDTH; j++) earlier += table[j];
    table[cells - WIDTH] = total - earlier;
    // Every weight is positive, so survfit starts everyone event-free (firstEventTime: any time with weight at risk).
    const at = weightedCumulativeIncidenceAt(
      { time: slotTime, weight: table, causeCount: CAUSES, firstEventTime: slotTime[0], lastTime: slotTime[last] } satisfies WeightedEventTable,
      horizonDays,
    );
    return at.map((row) => (row === null ? null : row.incidence[0]));
  };
  const hybrid = curve(hybridWeight, hybridTotal, lastHybrid);
  const usualWeighted = curve(usualWeight, sw, lastUsual);
  return {
    hybrid,
    usualWeighted,
    difference: hybrid.map((x, h) => (x === null || usualWeighted[h] === null ? null : x - (usualWeighted[h] as number))),
    effectiveSampleSizeUsual: (sw * sw) / sw2,
    maxWeight,
    separation: fit.fittedZeroOrOne || fit.divergingColumns.length > 0,
    propensityCoefficients: aliased.length === 0 ? fit.coefficients : null,
  };
}

/**
 * Builds the per-cluster sufficient statistics of the weighted difference (see
 * WeightedDifferenceInputs). O(n) plus a sort of each cluster's keys.
 */
export function weightedDifferenceInputs(
  cols: PersonColumns,
  options: Pick<WeightedDifferenceOptions, 'extractionDay' | 'horizonMonths' | 'release'> = {},
): WeightedDifferenceInputs {
  const horizonMonths = [...(options.horizonMonths ?? WEIGHTED_DIFFERENCE_HORIZON_MONTHS)];
  for (const m of horizonMonths) if (!(m >= 0 && m < Infinity)) throw new RangeError(`weightedDifferenceInputs: horizons must be finite months >= 0, got ${m}`);
  const horizonDays = horizonMonths.map((m) => m * DAYS_PER_MONTH);
  const extractionDay = options.extractionDay ?? latestDay(cols);
  const { rows, time, woe, m, n, missingCounsellor } = completeFollowUp(cols, extractionDay);
  const { office, counsellor } = cols;
  const use = { age: cols.has.age, gender: cols.has.gender, priorWork: cols.has.priorWork, counsellor: cols.has.counsellor };
  const officeSeen = new Uint8Array(cols.offices.length);
  for (let t = 0; t < n; t++) officeSeen[office[rows[t]]] = 1;
  const offices: number[] = [];
  for (let o = 0; o < officeSeen.length; o++) if (officeSeen[o] === 1) offices.push(o);
  const sample: AnalysisSample = { rows, covariates: { age: use.age, gender: use.gender, priorWork: use.priorWork }, offices };
  const { design, patternOfPerson } = buildPatternDesign(cols, sample, { includeGroup: false, response: (i) => cols.hybrid[i] });

  // Clusters: (counsellor, office) pairs ordered by office then counsellor; or offices.
  const clusterBy: 'counsellor' | 'office' = use.counsellor ? 'counsellor' : 'office';
  const keyOf = (i: number) => (clusterBy === 'counsellor' ? office[i] * cols.counsellors.length + counsellor[i] : office[i]);
  const distinctKeys = new Set<number>();
  for (let t = 0; t < n; t++) if (t === 0 || keyOf(rows[t]) !== keyOf(rows[t - 1])) distinctKeys.add(keyOf(rows[t]));
  const sortedKeys = Float64Array.from(distinctKeys).sort();
  const clusterOfKey = new Map<number, number>();
  sortedKeys.forEach((key, c) => {
    clusterOfKey.set(key, c);
  });
  const clusters = sortedKeys.length;
  const clusterOffice = new Int32Array(clusters);
  const clusterCounsellor = new Int32Array(clusters).fill(-1);
  const officesOfCounsellor = new Map<number, number>();
  sortedKeys.forEach((key, c) => {
    if (clusterBy === 'counsellor') {
      clusterOffice[c] = Math.floor(key / cols.counsellors.length);
      clusterCounsellor[c] = key % cols.counsellors.length;
      officesOfCounsellor.set(clusterCounsellor[c], (officesOfCounsellor.get(clusterCounsellor[c]) ?? 0) + 1);
    } else clusterOffice[c] = key;
  });
  const counsellorsInSeveralOffices = [...officesOfCounsellor.values()].filter((k) => k > 1).length;
  const clusterStratum = clusterBy === 'counsellor' ? clusterOffice.slice() : new Int32Array(clusters);

  // Time slots: distinct times up to the largest horizon, then one for every later time.
  const maxHorizon = horizonDays.reduce((a, b) => Math.max(a, b), -Infinity);
  // A set of the few distinct times (days), not an array of every person's.
  const early = new Set<number>();
  for (let t = 0; t < n; t++) if (time[t] <= maxHorizon) early.add(time[t]);
  const distinct = Float64Array.from(early).sort();
  const slotTime = Float64Array.from([...distinct, Infinity]);
  const beyond = distinct.length;
  const slotOf = (x: number): number => {
    if (!(x <= maxHorizon)) return beyond;
    let lo = 0;
    let hi = beyond - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (distinct[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  // Persons by cluster (a counting sort), then each cluster's keys sorted and run-length coded. The
  // cluster of each person is needed only for the sort: it is dropped, with the follow-up arrays and the
  // pattern design's scratch, before the codes grow.
  const { order, start } = (() => {
    const clusterOfPerson = new Int32Array(n);
    const start = new Int32Array(clusters + 1);
    for (let t = 0; t < n; t++) {
      // Persons of a cluster mostly come in runs: look the key up once per run.
      clusterOfPerson[t] = t > 0 && keyOf(rows[t]) === keyOf(rows[t - 1]) ? clusterOfPerson[t - 1] : (clusterOfKey.get(keyOf(rows[t])) as number);
      start[clusterOfPerson[t] + 1]++;
    }
    for (let c = 0; c < clusters; c++) start[c + 1] += start[c];
    const order = new Int32Array(n);
    const fill = start.slice(0, clusters);
    for (let t = 0; t < n; t++) order[fill[clusterOfPerson[t]]++] = t;
    return { order, start };
  })();
  options.release?.();

  const cells = slotTime.length * WIDTH;
  const propensityStart = new Int32Array(clusters + 1);
  const hybridStart = new Int32Array(clusters + 1);
  const usualStart = new Int32Array(clusters + 1);
  const lastSlot = new Int32Array(2 * clusters).fill(-1);
  let largest = 0;
  for (let c = 0; c < clusters; c++) largest = Math.max(largest, start[c + 1] - start[c]);
  const scratch = new Float64Array(largest);
  // The run-length codes, on shared memory where the bootstrap's threads read them. Two passes over the
  // clusters: the first counts the codes, the second writes them into arrays of that size (growing them
  // as they fill would leave the grown-out copies and up to twice the room needed: 100 MiB at 10M persons).
  let propensityRow = new Int32Array(0);
  let propensityCount = new Int32Array(0);
  let hybridCell = new Int32Array(0);
  let hybridCount = new Int32Array(0);
  let usualRow = new Int32Array(0);
  let usualCell = new Int32Array(0);
  let usualCount = new Int32Array(0);
  let np = 0;
  let nh = 0;
  let nu = 0;
  for (const write of [false, true]) {
    if (write) {
      propensityRow = sharedArray(Int32Array, np);
      propensityCount = sharedArray(Int32Array, np);
      hybridCell = sharedArray(Int32Array, nh);
      hybridCount = sharedArray(Int32Array, nh);
      usualRow = sharedArray(Int32Array, nu);
      usualCell = sharedArray(Int32Array, nu);
      usualCount = sharedArray(Int32Array, nu);
      np = 0;
      nh = 0;
      nu = 0;
    }
    for (let c = 0; c < clusters; c++) {
      const from = start[c];
      const to = start[c + 1];
      propensityStart[c] = np;
      hybridStart[c] = nh;
      usualStart[c] = nu;
      const keysOf = scratch.subarray(0, to - from);
      for (let q = from; q < to; q++) keysOf[q - from] = patternOfPerson[order[q]];
      sortSmall(keysOf);
      for (let q = 0; q < keysOf.length; q++) {
        if (q > 0 && keysOf[q] === keysOf[q - 1]) {
          if (write) propensityCount[np - 1]++;
        } else {
          if (write) {
            propensityRow[np] = keysOf[q];
            propensityCount[np] = 1;
          }
          np++;
        }
      }
      // Hybrid records by cell alone (weight 1); usual ones by pattern row and cell, after them.
      for (let q = from; q < to; q++) {
        const t = order[q];
        const slot = slotOf(time[t]);
        const usual = cols.hybrid[rows[t]] === 1 ? 0 : 1;
        if (slot > lastSlot[2 * c + usual]) lastSlot[2 * c + usual] = slot;
        // Beyond the last horizon: no record (see weightedDifferenceForDraw), a key sorted last.
        const cell = slot * WIDTH + woe[t];
        keysOf[q - from] = slot === beyond ? Infinity : usual === 0 ? cell : cells + patternOfPerson[t] * cells + cell;
      }
      sortSmall(keysOf);
      for (let q = 0; q < keysOf.length && keysOf[q] < Infinity; q++) {
        const key = keysOf[q];
        const repeat = q > 0 && key === keysOf[q - 1];
        if (key < cells) {
          if (repeat) {
            if (write) hybridCount[nh - 1]++;
          } else {
            if (write) {
              hybridCell[nh] = key;
              hybridCount[nh] = 1;
            }
            nh++;
          }
        } else if (repeat) {
          if (write) usualCount[nu - 1]++;
        } else {
          if (write) {
            usualRow[nu] = Math.floor((key - cells) / cells);
            usualCell[nu] = (key - cells) % cells;
            usualCount[nu] = 1;
          }
          nu++;
        }
      }
    }
  }
  propensityStart[clusters] = np;
  hybridStart[clusters] = nh;
  usualStart[clusters] = nu;

  return {
    n,
    clusterBy,
    clusterOffice,
    clusterCounsellor,
    clusterStratum,
    horizonMonths,
    horizonDays,
    slotTime,
    design,
    propensityStart,
    propensityRow,
    propensityCount,
    hybridStart,
    hybridCell,
    hybridCount,
    usualStart,
    usualRow,
    usualCell,
    usualCount,
    lastSlot,
    incomplete: m - n,
    missingCounsellor,
    counsellorsInSeveralOffices,
    work: { ...design, weights: new Float64Array(design.nRows) },
  };
}

/**
 * The persons of the weighted difference in person order: included in the
 * follow-up, and complete on the covariates present and the counsellor, as
 * timeToOutcome's regressions. The follow-up arrays of every included person are
 * dropped when this returns.
 */
function completeFollowUp(
  cols: PersonColumns,
  extractionDay: number,
): { rows: Int32Array; time: Int32Array; woe: Int8Array; m: number; n: number; missingCounsellor: number } {
  // Exclusions, censoring counts and warnings about the follow-up are timeToOutcome's to report.
  const followUp = followUpOf(
    cols,
    extractionDay,
    EXCLUSION_REASONS.map(() => ({ count: [0, 0] })),
    [0, 0],
    [],
  );
  const cause = workOrEducationCause(followUp.status);
  const { counsellor } = cols;
  const useCounsellor = cols.has.counsellor;
  const m = followUp.rows.length;
  const keep = new Uint8Array(m);
  let n = 0;
  let missingCounsellor = 0;
  for (let s = 0; s < m; s++) {
    const i = followUp.rows[s];
    const covariates = hasCovariates(cols, i);
    if (covariates && useCounsellor && counsellor[i] < 0) missingCounsellor++;
    if (covariates && !(useCounsellor && counsellor[i] < 0)) {
      keep[s] = 1;
      n++;
    }
  }
  // Whole days: follow-up times are differences of day numbers.
  const rows = new Int32Array(n);
  const time = new Int32Array(n);
  const woe = new Int8Array(n);
  for (let s = 0, t = 0; s < m; s++) {
    if (keep[s] === 0) continue;
    rows[t] = followUp.rows[s];
    time[t] = followUp.time[s];
    woe[t++] = cause[s];
  }
  return { rows, time, woe, m, n, missingCounsellor };
}

/** Sorts ascending: insertion sort for a cluster's few keys (a typed-array sort call costs more there). */
function sortSmall(keys: Float64Array): void {
  if (keys.length > 64) {
    keys.sort();
    return;
  }
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i];
    let j = i - 1;
    while (j >= 0 && keys[j] > key) {
      keys[j + 1] = keys[j];
      j--;
    }
    keys[j + 1] = key;
  }
}

/** Offices of the sample with only hybrid or only usual users. */
function officesWithOneGroup(cols: PersonColumns, inputs: WeightedDifferenceInputs): string[] {
  const perOffice = new Float64Array(cols.offices.length * 2);
  const { design } = inputs;
  for (let c = 0; c < inputs.clusterOffice.length; c++) {
    for (let q = inputs.propensityStart[c]; q < inputs.propensityStart[c + 1]; q++) {
      perOffice[inputs.clusterOffice[c] * 2 + design.y[inputs.propensityRow[q]]] += inputs.propensityCount[q];
    }
  }
  return cols.offices.filter((_, o) => perOffice[o * 2] + perOffice[o * 2 + 1] > 0 && (perOffice[o * 2] === 0 || perOffice[o * 2 + 1] === 0));
}

/** Offices with a single counsellor cluster (always drawn when resampling within the office). */
function officesWithOneCluster(cols: PersonColumns, inputs: WeightedDifferenceInputs): string[] {
  const perOffice = new Int32Array(cols.offices.length);
  for (const o of inputs.clusterOffice) perOffice[o]++;
  return cols.offices.filter((_, o) => perOffice[o] === 1);
}
