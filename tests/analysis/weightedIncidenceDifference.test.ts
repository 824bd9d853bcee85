/**
 * ATT-weighted difference in the cumulative incidence of work or education, checked
 * against R (tests/fixtures/r/weightedIncidenceDifference.R: glm ATT weights on the
 * time-to-outcome sample, weighted survfit per group) on the realistic and
 * no-counsellor pilots: the point estimates, and the estimates for five cluster draws
 * made by R. The bootstrap loop is checked for reproducibility and against its parts
 * (stratifiedResampler, weightedDifferenceForDraw, percentileInterval).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ingestInto } from '../../src/ingest/index.js';
import { TableBuilder } from '../../src/table/build.js';
import { startReplicateThreads } from '../../src/analysis/bootstrapThreads.js';
import type { PersonColumns } from '../../src/table/types.js';
import {
  DONE,
  FAILED,
  finishReplicates,
  replicateJob,
  replicateLoop,
  weightedDifferenceForDraw,
  weightedDifferenceInputs,
  weightedIncidenceDifference,
  type WeightedDifferenceInputs,
} from '../../src/analysis/weightedIncidenceDifference.js';
import { percentileInterval } from '../../src/stats/percentileInterval.js';
import { seededUniform } from '../../src/stats/random.js';
import { stratifiedResampler } from '../../src/stats/stratifiedResample.js';
import { expectClose } from '../helpers/tolerance.js';

interface Estimates {
  hybrid: (number | null)[];
  usual_weighted: (number | null)[];
  difference: (number | null)[];
  ess_usual: number;
  max_weight: number;
  converged: boolean;
}
interface Replicate extends Estimates {
  office: string[];
  counsellor?: string[];
}
interface PilotReference extends Estimates {
  n: number;
  clusters: number;
  horizon_months: number[];
  replicates: Replicate[];
}
const reference = JSON.parse(readFileSync(new URL('../fixtures/r/weightedIncidenceDifference.json', import.meta.url), 'utf8')) as Record<
  'realistic' | 'no_counsellor' | 'ties',
  PilotReference
>;

/** A pilot of tests/fixtures/pipeline/, or a folder given from tests/fixtures/. */
async function personsOf(name: string): Promise<PersonColumns> {
  const builder = new TableBuilder();
  const folder = fileURLToPath(new URL(name.includes('/') ? `../fixtures/${name}/` : `../fixtures/pipeline/${name}/`, import.meta.url));
  const summary = await ingestInto([folder], {}, builder);
  return builder.finish(summary.columnsPresent).persons;
}

/**
 * Tolerance against R: both fit the propensity model by glm's IRLS to its deviance
 * criterion (1e-8), step for step; sums are added in another order. 1e-9 relative.
 */
const TOL = 1e-9;
const worst: Record<string, number> = {};
function close(pilot: string, actual: number | null, expected: number | null): void {
  expectClose(actual, expected, { relative: TOL }, pilot);
  if (expected !== null && expected !== 0) worst[pilot] = Math.max(worst[pilot] ?? 0, Math.abs((actual as number) - expected) / Math.abs(expected));
}

/** R's draw (cluster labels, with repeats) as multiplicities of our clusters. */
function multiplicityOf(cols: PersonColumns, inputs: WeightedDifferenceInputs, draw: Replicate): Int32Array {
  const counts = new Int32Array(inputs.clusterOffice.length);
  draw.office.forEach((office, j) => {
    const o = cols.offices.indexOf(office);
    const k = draw.counsellor === undefined ? -1 : cols.counsellors.indexOf(draw.counsellor[j]);
    const c = inputs.clusterOffice.findIndex((oc, c) => oc === o && inputs.clusterCounsellor[c] === k);
    expect(c, `cluster ${office} ${draw.counsellor?.[j] ?? ''}`).toBeGreaterThanOrEqual(0);
    counts[c]++;
  });
  return counts;
}

describe.each([
  ['realistic', 'realistic', 'counsellor'],
  ['no-counsellor', 'no_counsellor', 'office'],
  // Many persons of a counsellor share covariates, time and outcome: records with counts above 1 (tests/fixtures/r/ties/make.mjs).
  ['r/ties', 'ties', 'counsellor'],
] as const)('weightedIncidenceDifference on the %s pilot, against R', (folder, key, clusterBy) => {
  const r = reference[key];
  const cols = personsOf(folder);

  it('uses the time-to-outcome sample and R’s clusters', async () => {
    const inputs = weightedDifferenceInputs(await cols);
    expect(inputs.n).toBe(r.n);
    expect(inputs.clusterBy).toBe(clusterBy);
    expect(inputs.clusterOffice.length).toBe(r.clusters);
  });

  it('gives R’s weighted cumulative incidences, difference, effective sample size and largest weight', async () => {
    const got = weightedIncidenceDifference(await cols, { replicates: 0 });
    expect(got.n).toBe(r.n);
    expect(got.clusters).toBe(r.clusters);
    expect(got.horizons.map((h) => h.months)).toEqual(r.horizon_months);
    got.horizons.forEach((h, k) => {
      close(folder, h.hybrid, r.hybrid[k]);
      close(folder, h.usualWeighted, r.usual_weighted[k]);
      close(folder, h.difference, r.difference[k]);
      expect(h.ciLow).toBeNull();
    });
    close(folder, got.effectiveSampleSizeUsual, r.ess_usual);
    close(folder, got.maxWeight, r.max_weight);
    expect(got.warnings.map((w) => w.code)).toEqual(clusterBy === 'office' ? ['WEIGHTED_DIFFERENCE_FEW_CLUSTERS'] : []);
  });

  it('gives R’s estimates for R’s five cluster draws (propensity model refitted on each, from the full sample’s coefficients)', async () => {
    const persons = await cols;
    const inputs = weightedDifferenceInputs(persons);
    const start = weightedDifferenceForDraw(inputs, new Int32Array(inputs.clusterOffice.length).fill(1))!.propensityCoefficients!;
    expect(r.replicates).toHaveLength(5);
    for (const draw of r.replicates) {
      const counts = multiplicityOf(persons, inputs, draw);
      if (clusterBy === 'counsellor') {
        // Stratified by office: every office keeps its number of counsellors.
        const perOffice = (weights: ArrayLike<number>) =>
          persons.offices.map((_, o) => Array.from(inputs.clusterOffice).reduce((a, oc, c) => a + (oc === o ? weights[c] : 0), 0));
        expect(perOffice(counts)).toEqual(perOffice(new Int32Array(counts.length).fill(1)));
      }
      const got = weightedDifferenceForDraw(inputs, counts, start)!;
      expect(got).not.toBeNull();
      got.difference.forEach((d, k) => {
        close(folder, got.hybrid[k], draw.hybrid[k]);
        close(folder, got.usualWeighted[k], draw.usual_weighted[k]);
        close(folder, d, draw.difference[k]);
      });
      close(folder, got.effectiveSampleSizeUsual, draw.ess_usual);
      close(folder, got.maxWeight, draw.max_weight);
    }
  });

  it('(largest relative differences)', () => {
    console.log(`weightedIncidenceDifference ${folder}: largest relative difference to R`, worst[folder]);
  });
});

describe('weightedIncidenceDifference’s bootstrap', () => {
  const cols = personsOf('realistic');

  /** The bootstrap rebuilt from its parts: failed replicates (no difference at a horizon) as NaN. */
  function rebuilt(persons: PersonColumns, options: { horizonMonths?: number[]; replicates: number; seed: number }) {
    const inputs = weightedDifferenceInputs(persons, options);
    const start = weightedDifferenceForDraw(inputs, new Int32Array(inputs.clusterOffice.length).fill(1))!.propensityCoefficients!;
    const uniform = seededUniform(options.seed);
    const resample = stratifiedResampler(inputs.clusterStratum);
    const draws = inputs.horizonMonths.map(() => new Float64Array(options.replicates));
    let failed = 0;
    for (let b = 0; b < options.replicates; b++) {
      const counts = new Int32Array(inputs.clusterOffice.length);
      resample(uniform, counts);
      const estimate = weightedDifferenceForDraw(inputs, counts, start);
      const ok = estimate?.difference.every((d) => d !== null) === true;
      if (!ok) failed++;
      draws.forEach((d, h) => {
        d[b] = ok && estimate !== null ? estimate.difference[h]! : Number.NaN;
      });
    }
    return { failed, intervals: draws.map((d) => percentileInterval(d)!) };
  }

  it('is the percentile interval of its replicates: stratified draws from the seed, each estimated as for a given draw', async () => {
    const persons = await cols;
    const got = weightedIncidenceDifference(persons, { replicates: 59, seed: 7 });
    const expected = rebuilt(persons, { replicates: 59, seed: 7 });
    expect(got.failedReplicates).toBe(0);
    expect(got.replicates).toBe(59);
    got.horizons.forEach((h, k) => {
      expect(h.ciLow).toBe(expected.intervals[k].low);
      expect(h.ciHigh).toBe(expected.intervals[k].high);
      expect(h.ciLow!).toBeLessThan(h.difference!);
      expect(h.ciHigh!).toBeGreaterThan(h.difference!);
    });
  });

  it('computes each replicate the same on a worker thread (the bundled worker) as on this one', async () => {
    const persons = await cols;
    const inputs = weightedDifferenceInputs(persons);
    const start = weightedDifferenceForDraw(inputs, new Int32Array(inputs.clusterOffice.length).fill(1))!.propensityCoefficients;
    const replicates = 40;
    const here = replicateJob(inputs, start, [true, true], replicates, 5);
    replicateLoop(here);
    const there = replicateJob(inputs, start, [true, true], replicates, 5);
    // Built by `npm test` (npm run build) before vitest runs.
    const script = new URL('../../dist/bundle/bootstrap-worker.cjs', import.meta.url);
    expect(existsSync(script), 'run npm run build first').toBe(true);
    const threads = startReplicateThreads(there, 2, script);
    // This thread computes none: wait for the worker to finish them all.
    const finished = () => there.status.every((s) => s === DONE || s === FAILED);
    const pause = new Int32Array(new SharedArrayBuffer(4));
    for (const deadline = Date.now() + 60_000; !finished() && Date.now() < deadline; ) Atomics.wait(pause, 0, 0, 5);
    threads.stop();
    expect(finished()).toBe(true);
    expect(Array.from(there.status)).toEqual(Array.from(here.status));
    expect(Array.from(there.draws)).toEqual(Array.from(here.draws));
    expect(here.draws.some(Number.isNaN)).toBe(false);
  });

  it('computes, on the calling thread, every replicate another thread claimed and did not finish', async () => {
    const persons = await cols;
    const inputs = weightedDifferenceInputs(persons);
    const start = weightedDifferenceForDraw(inputs, new Int32Array(inputs.clusterOffice.length).fill(1))!.propensityCoefficients;
    const expected = replicateJob(inputs, start, [true, true], 30, 8);
    replicateLoop(expected);
    // A worker that claimed replicates 0–29 and stopped: some marked claimed, some not yet.
    const abandoned = replicateJob(inputs, start, [true, true], 30, 8);
    abandoned.next[0] = 30;
    for (let b = 0; b < 30; b += 2) abandoned.status[b] = 1;
    finishReplicates(abandoned);
    expect(abandoned.status.every((s) => s === DONE || s === FAILED)).toBe(true);
    expect(Array.from(abandoned.draws)).toEqual(Array.from(expected.draws));
  });

  it('gives the same bytes for any number of threads', async () => {
    const persons = await cols;
    const one = weightedIncidenceDifference(persons, { replicates: 199, seed: 9, threads: 1 });
    const workerScript = new URL('../../dist/bundle/bootstrap-worker.cjs', import.meta.url);
    for (const threads of [2, 3])
      expect(JSON.stringify(weightedIncidenceDifference(persons, { replicates: 199, seed: 9, threads, workerScript }))).toBe(JSON.stringify(one));
  });

  it('gives the same bytes for the same seed, another interval for another seed, and reports both', async () => {
    const persons = await cols;
    const a = weightedIncidenceDifference(persons, { replicates: 99, seed: 11 });
    const b = weightedIncidenceDifference(persons, { replicates: 99, seed: 11 });
    const c = weightedIncidenceDifference(persons, { replicates: 99, seed: 12 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(a.seed).toBe(11);
    expect(c.seed).toBe(12);
    expect(c.horizons.map((h) => h.difference)).toEqual(a.horizons.map((h) => h.difference));
    expect(c.horizons.map((h) => [h.ciLow, h.ciHigh])).not.toEqual(a.horizons.map((h) => [h.ciLow, h.ciHigh]));
  });

  it('defaults to 999 replicates, with the 25th and 975th order statistics as ends', async () => {
    const got = weightedIncidenceDifference(await cols);
    expect(got.replicates).toBe(999);
    expect(got.failedReplicates).toBe(0);
    expect(got.warnings).toEqual([]);
    for (const h of got.horizons) expect(h.ciLow! < h.difference! && h.difference! < h.ciHigh!).toBe(true);
  });

  it('warns with too few replicates for a 95 % interval', async () => {
    const got = weightedIncidenceDifference(await cols, { replicates: 19 });
    expect(got.warnings.map((w) => w.code)).toEqual(['WEIGHTED_DIFFERENCE_EXTREME_ORDER_STATISTICS']);
  });

  it('gives null, a warning and counted failed replicates at a horizon beyond follow-up', async () => {
    const got = weightedIncidenceDifference(await cols, { horizonMonths: [6, 60], replicates: 9 });
    expect(got.horizons[1]).toEqual({ months: 60, hybrid: null, usualWeighted: null, difference: null, ciLow: null, ciHigh: null });
    expect(got.horizons[0].ciLow).not.toBeNull();
    expect(got.failedReplicates).toBe(0);
    expect(got.warnings.map((w) => w.code)).toContain('WEIGHTED_DIFFERENCE_HORIZON_BEYOND_FOLLOW_UP');
  });

  it('counts replicates in which a group is not followed to the horizon as failed, and leaves them out of the interval', async () => {
    // The horizon at the last time of the group followed the shortest: draws without
    // the cluster of that person have no estimate there.
    const persons = await cols;
    const all = weightedDifferenceInputs(persons, { horizonMonths: [100] });
    expect(all.slotTime[all.slotTime.length - 2]).toBeLessThan(100 * (365.25 / 12));
    const last = [0, 1].map((g) => Math.max(...Array.from(all.lastSlot).filter((_, j) => j % 2 === g)));
    const nearEnd = all.slotTime[Math.min(...last)] / (365.25 / 12);
    const options = { horizonMonths: [nearEnd], replicates: 199, seed: 3 };
    const got = weightedIncidenceDifference(persons, options);
    const expected = rebuilt(persons, options);
    expect(got.horizons[0].difference).not.toBeNull();
    expect(got.failedReplicates).toBe(expected.failed);
    expect(got.failedReplicates).toBeGreaterThan(0);
    expect(got.horizons[0].ciLow).toBe(expected.intervals[0].low);
    expect(got.horizons[0].ciHigh).toBe(expected.intervals[0].high);
    expect(got.warnings.map((w) => w.code).some((c) => c.endsWith('FAILED_REPLICATES'))).toBe(true);
  });

  it('warns and gives nothing when the sample has one group', async () => {
    const persons = await cols;
    const usualOnly = { ...persons, hybrid: new Uint8Array(persons.n) };
    const got = weightedIncidenceDifference(usualOnly, { replicates: 9 });
    expect(got.horizons.every((h) => h.difference === null && h.ciLow === null)).toBe(true);
    expect(got.warnings.map((w) => w.code)).toEqual(['WEIGHTED_DIFFERENCE_ONE_GROUP']);
  });

  it('gives no interval, and says why, when every office has one counsellor (tiny pilot)', async () => {
    const got = weightedIncidenceDifference(await personsOf('tiny'), { replicates: 19 });
    expect(got.horizons.every((h) => h.difference !== null && h.ciLow === null && h.ciHigh === null)).toBe(true);
    expect(got.warnings.map((w) => w.code)).toEqual([
      'WEIGHTED_DIFFERENCE_FEW_CLUSTERS',
      'WEIGHTED_DIFFERENCE_SINGLE_CLUSTER_OFFICE',
      'WEIGHTED_DIFFERENCE_NOTHING_TO_RESAMPLE',
    ]);
  });

  it('resamples (office, counsellor) pairs when a counsellor id occurs in several offices, and says so', async () => {
    const persons = await personsOf('local-counsellor-ids');
    const inputs = weightedDifferenceInputs(persons);
    const pairs = new Set(Array.from(inputs.clusterOffice, (o, c) => `${o}/${inputs.clusterCounsellor[c]}`));
    expect(pairs.size).toBe(inputs.clusterOffice.length);
    expect(inputs.counsellorsInSeveralOffices).toBeGreaterThan(0);
    expect(new Set(inputs.clusterOffice).size).toBe(persons.offices.length);
    const got = weightedIncidenceDifference(persons, { replicates: 19 });
    expect(got.warnings.map((w) => w.code)).toContain('WEIGHTED_DIFFERENCE_COUNSELLOR_IN_SEVERAL_OFFICES');
  });

  it('rejects a negative or fractional number of replicates', async () => {
    const persons = await cols;
    expect(() => weightedIncidenceDifference(persons, { replicates: -1 })).toThrow(RangeError);
    expect(() => weightedIncidenceDifference(persons, { replicates: 2.5 })).toThrow(RangeError);
  });
});
