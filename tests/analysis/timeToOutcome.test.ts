import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ingestInto } from '../../src/ingest/index.js';
import { TableBuilder } from '../../src/table/build.js';
import { emptyPersonColumns, isoDay, MISSING_DAY, type PersonColumns } from '../../src/table/types.js';
import { DAYS_PER_MONTH, timeToOutcome, type TimeToOutcomeResult } from '../../src/analysis/timeToOutcome.js';
import { OUTCOMES, type Outcome } from '../../src/ingest/types.js';
import { expectClose } from '../helpers/tolerance.js';

/** Reference: tests/fixtures/r/timeToOutcome.R (survfit, summary.survfit, cuminc, coxph, crr). */
const reference = JSON.parse(readFileSync(new URL('../fixtures/r/timeToOutcome.json', import.meta.url), 'utf8'));

interface StateAtHorizons {
  estimate: number[];
  std_err: number[];
  lower: (number | null)[];
  upper: (number | null)[];
}
interface GroupAtHorizons {
  time: number[];
  n_risk: number[];
  states: Record<string, StateAtHorizons>;
}

function analysePilot(name: string): Promise<TimeToOutcomeResult> {
  return analyse(name);
}

async function analyse(name: string): Promise<TimeToOutcomeResult> {
  const builder = new TableBuilder();
  const folder = fileURLToPath(new URL(`../fixtures/pipeline/${name}/`, import.meta.url));
  const summary = await ingestInto([folder], {}, builder);
  return timeToOutcome(builder.finish(summary.columnsPresent).persons);
}

// The issue asks for 1e-6 (curves, Gray) and 1e-4 (Cox, Fine–Gray) relative; both
// match R to about 1e-13 on every pilot, so a drift far below the bounds fails too.
const CURVE_TOLERANCE = 1e-10;
const MODEL_TOLERANCE = 1e-9;

/** Largest relative difference seen per kind, printed at the end for the report. */
const worst: Record<string, Record<string, number>> = {};
function close(pilot: string, kind: string, actual: number | null, expected: number | null, tol: number): void {
  expectClose(actual, expected, { relative: tol }, `${pilot} ${kind}`);
  if (expected === null) return;
  const rel = expected === 0 ? 0 : Math.abs((actual as number) - expected) / Math.abs(expected);
  worst[pilot] ??= {};
  const seen = worst[pilot];
  seen[kind] = Math.max(seen[kind] ?? 0, rel);
}

// time-edges: persons left out for each reason, censored with an end date or an outcome
// written, ties of every kind, no hybrid work or education before 3 months, an office
// without hybrid users (make-pilots.mjs, pilot 9). empty-strata: an office without
// hybrid users.
describe.each([
  ['realistic', 'realistic', 'counsellor'],
  ['no-counsellor', 'no_counsellor', 'office'],
  ['time-edges', 'time_edges', 'counsellor'],
  ['empty-strata', 'empty_strata', 'counsellor'],
] as const)('timeToOutcome on the %s pilot, against R', (folder, key, clusterBy) => {
  const r = reference[key];
  const result = analysePilot(folder);

  it('uses the latest date in the data as the extraction date, and leaves out and censors per group whom R does', async () => {
    const got = await result;
    expect(got.extractionDate).toBe(r.extraction_date);
    expect(got.extractionDateFromData).toBe(true);
    expect(got.included).toEqual(r.included);
    expect(got.included[0] + got.included[1]).toBe(r.n);
    expect(got.excluded).toEqual(Object.entries(r.excluded).map(([reason, count]) => ({ reason, count })));
    expect(got.censored).toEqual(r.censored);
    expect(got.censored[0] + got.censored[1]).toBe(r.events.censored);
  });

  it('counts the events of each outcome as R does', async () => {
    const got = await result;
    const events = (event: string) => got.incidence.find((e) => e.event === event)!.groups.reduce((k, g) => k + g.events, 0);
    for (const outcome of ['job', 'apprenticeship', 'education'] as const) expect(events(outcome)).toBe(r.events[outcome]);
    expect(events('workOrEducation')).toBe(r.events.job + r.events.apprenticeship + r.events.education);
  });

  it('gives survfit’s cumulative incidence, interval and number at risk at 3, 6, 12 and 18 months', async () => {
    const got = await result;
    for (const event of got.incidence) {
      event.groups.forEach((group) => {
        const ref: GroupAtHorizons = event.event === 'workOrEducation' ? r.work_or_education[group.group] : r.outcomes[group.group];
        const state = ref.states[event.event === 'workOrEducation' ? 'woe' : event.event];
        expect(ref.time).toHaveLength(group.horizons.length);
        group.horizons.forEach((h, k) => {
          expectClose(h.days, ref.time[k], { relative: 1e-15 });
          expect(h.nRisk).toBe(ref.n_risk[k]);
          close(folder, 'incidence', h.estimate, state.estimate[k], CURVE_TOLERANCE);
          close(folder, 'incidence', h.standardError, state.std_err[k], CURVE_TOLERANCE);
          close(folder, 'incidence', h.ciLow, state.lower[k], CURVE_TOLERANCE);
          close(folder, 'incidence', h.ciHigh, state.upper[k], CURVE_TOLERANCE);
        });
      });
    }
  });

  it('gives cuminc’s Gray test of work or education between the groups', async () => {
    const got = await result;
    expect(got.grayTest.df).toBe(r.gray.df);
    close(folder, 'gray', got.grayTest.statistic, r.gray.statistic, CURVE_TOLERANCE);
    // cuminc's p is 1 − pchisq; the upper tail is compared.
    close(folder, 'gray', got.grayTest.pValue, r.gray.p_value_upper, CURVE_TOLERANCE);
  });

  it(`gives coxph’s cause-specific hazard ratio, stratified by office and clustered by ${clusterBy}`, async () => {
    const got = (await result).causeSpecificHazardRatio!;
    expect(got.covariates).toEqual(r.cox.names.slice(1));
    expect(got.clusterBy).toBe(clusterBy);
    expect(got.clusters).toBe(r.cox.clusters);
    // Every office is a stratum, one without hybrid users too.
    expect(got.strata).toBe(r.fine_gray.names.filter((name: string) => name.startsWith('office')).length + 1);
    expect(got.n).toBe(r.cox.n);
    expect(got.nEvents).toBe(r.cox.nevent);
    close(folder, 'cox', Math.log(got.hazardRatio), r.cox.coef[0], MODEL_TOLERANCE);
    close(folder, 'cox', got.standardError, r.cox.robust_se[0], MODEL_TOLERANCE);
    close(folder, 'cox', got.pValue, r.cox.p[0], MODEL_TOLERANCE);
    close(folder, 'cox', got.ciLow, r.cox.lower[0], MODEL_TOLERANCE);
    close(folder, 'cox', got.ciHigh, r.cox.upper[0], MODEL_TOLERANCE);
  });

  // time-edges has censorings and events at time 0. crr looks G up at ftime·(1 − 100ε),
  // which stays 0 there, so a competing end at time 0 gets G(0), after the censorings at
  // 0, where fitFineGray uses G(0−) = 1 (crr's own rule elsewhere, and shift-invariant):
  // β differs by 3e-5 and p by 2e-4 relative, beyond the 1e-4. Expected to fail
  // until src/stats/fineGray.ts settles it; then make this an ordinary `it`.
  it('gives crr’s subdistribution hazard ratio with office dummies', async () => {
    const got = (await result).subdistributionHazardRatio!;
    expect(['hybrid', ...got.covariates]).toEqual(r.fine_gray.names);
    expect(got.converged).toBe(r.fine_gray.converged);
    close(folder, 'fineGray', Math.log(got.hazardRatio), r.fine_gray.coef[0], MODEL_TOLERANCE);
    close(folder, 'fineGray', got.standardError, r.fine_gray.se[0], MODEL_TOLERANCE);
    close(folder, 'fineGray', got.pValue, r.fine_gray.p[0], MODEL_TOLERANCE);
    close(folder, 'fineGray', got.ciLow, r.fine_gray.lower[0], MODEL_TOLERANCE);
    close(folder, 'fineGray', got.ciHigh, r.fine_gray.upper[0], MODEL_TOLERANCE);
    // Only the coded warning that some persons are left out, when R leaves some out.
    const leftOut = Object.values(r.excluded as Record<string, number[]>).some((c) => c.some((x) => x > 0));
    expect((await result).warnings.map((w) => w.code)).toEqual(leftOut ? ['PERSONS_EXCLUDED_FROM_TIME'] : []);
  });

  it('(largest relative differences)', () => {
    console.log(`timeToOutcome ${folder}: largest relative difference to R`, JSON.stringify(worst[folder]));
  });
});

describe('the time-edges pilot keeps the edges it was written for', () => {
  const result = analysePilot('time-edges');

  it('leaves out at least 5 per group for a missing start date and for an end before the start', async () => {
    const { excluded } = await result;
    for (const reason of ['missingStartDate', 'endBeforeStart']) {
      for (const count of excluded.find((e) => e.reason === reason)!.count) expect(count).toBeGreaterThanOrEqual(5);
    }
  });

  it('has no hybrid work or education before 3 months: estimate and standard error 0, no interval', async () => {
    const got = await result;
    for (const event of ['job', 'apprenticeship', 'education', 'workOrEducation']) {
      const [at3] = got.incidence.find((e) => e.event === event)!.groups[0].horizons;
      expect(at3).toMatchObject({ months: 3, estimate: 0, standardError: 0, ciLow: null, ciHigh: null });
      expect(at3.nRisk).toBeGreaterThan(0);
    }
    // Hybrid users did end before 3 months (with none, the competing end), so the zero is not an empty start.
    const atRisk = got.incidence.find((e) => e.event === 'workOrEducation')!.groups[0].horizons[0].nRisk;
    expect(atRisk).toBeLessThan(got.included[0]);
  });
});

interface Person {
  hybrid?: boolean;
  outcome?: Outcome | null;
  start?: string | null;
  end?: string | null;
}

/** Hand-built columns: no covariates, one office, dates as given. */
function persons(list: Person[]): PersonColumns {
  const cols = emptyPersonColumns(list.length, ['NAV A'], [], { counsellor: false, age: false, gender: false, priorWork: false });
  list.forEach((p, i) => {
    cols.hybrid[i] = p.hybrid === false ? 0 : 1;
    cols.outcome[i] = p.outcome === undefined || p.outcome === null ? -1 : OUTCOMES.indexOf(p.outcome);
    cols.startDay[i] = isoDay(p.start ?? null);
    cols.endDay[i] = isoDay(p.end ?? null);
  });
  return cols;
}

/** The one group's job curve at a horizon of `days`. */
function jobAt(result: TimeToOutcomeResult, group: 0 | 1 = 0) {
  return result.incidence.find((e) => e.event === 'job')!.groups[group].horizons;
}

describe('timeToOutcome censoring and exclusion rules', () => {
  it('censors a person with no outcome at the extraction date, even when an end date is written', () => {
    // Without the rule the second person would leave the risk set at day 10, before the job at day 20.
    const cols = persons([
      { start: '2024-01-01', end: '2024-01-21', outcome: 'job' },
      { start: '2024-01-01', end: '2024-01-11', outcome: null },
      { start: '2024-01-01', end: '2024-03-01', outcome: 'none' },
    ]);
    const result = timeToOutcome(cols, { horizonMonths: [15 / DAYS_PER_MONTH, 25 / DAYS_PER_MONTH] });
    expect(result.extractionDate).toBe('2024-03-01');
    expect(result.censored).toEqual([1, 0]);
    const [at15, at25] = jobAt(result);
    expect(at15.nRisk).toBe(3);
    expectClose(at25.estimate, 1 / 3, { absolute: 5e-16 });
  });

  it('censors a registered outcome without an end date at the extraction date', () => {
    const cols = persons([
      { start: '2024-01-01', end: null, outcome: 'job' },
      { start: '2024-01-01', end: '2024-01-11', outcome: 'job' },
    ]);
    const result = timeToOutcome(cols, { extractionDay: isoDay('2024-02-01'), horizonMonths: [30 / DAYS_PER_MONTH] });
    expect(result.extractionDate).toBe('2024-02-01');
    expect(result.extractionDateFromData).toBe(false);
    expect(result.censored).toEqual([1, 0]);
    const [at30] = jobAt(result);
    expectClose(at30.estimate, 0.5, { absolute: 5e-16 });
    expect(at30.nRisk).toBe(1);
    expect(result.incidence.find((e) => e.event === 'job')!.groups[0].events).toBe(1);
  });

  it('takes the latest start or end date as the default extraction date', () => {
    const cols = persons([
      { start: '2024-05-01', outcome: null },
      { start: '2024-01-01', end: '2024-04-01', outcome: 'none' },
    ]);
    expect(timeToOutcome(cols).extractionDate).toBe('2024-05-01');
    expect(timeToOutcome(persons([{ start: '2023-01-01', end: '2024-06-30', outcome: 'job' }])).extractionDate).toBe('2024-06-30');
  });

  it('counts, per group and reason, the persons left out', () => {
    const cols = persons([
      { start: null, end: '2024-01-11', outcome: 'job' },
      { start: null, outcome: null, hybrid: false },
      { start: '2024-02-01', end: '2024-01-11', outcome: 'job', hybrid: false },
      { start: '2024-03-01', outcome: null },
      { start: '2024-01-01', end: '2024-01-11', outcome: 'education' },
    ]);
    const result = timeToOutcome(cols, { extractionDay: isoDay('2024-02-15') });
    expect(result.excluded).toEqual([
      { reason: 'missingStartDate', count: [1, 1] },
      { reason: 'endBeforeStart', count: [0, 1] },
      { reason: 'startAfterExtraction', count: [1, 0] },
    ]);
    expect(result.included).toEqual([1, 0]);
  });

  it('censors an outcome registered after a given extraction date there, with a warning', () => {
    const cols = persons([
      { start: '2024-01-01', end: '2024-03-01', outcome: 'job' },
      { start: '2024-01-01', end: '2024-01-11', outcome: 'job' },
    ]);
    const result = timeToOutcome(cols, { extractionDay: isoDay('2024-02-01'), horizonMonths: [30 / DAYS_PER_MONTH] });
    expect(result.censored).toEqual([1, 0]);
    expect(result.warnings.map((w) => w.code)).toContain('END_AFTER_EXTRACTION');
    expectClose(jobAt(result)[0].estimate, 0.5, { absolute: 5e-16 });
  });

  it('pools job, apprenticeship and education into work or education, none competing', () => {
    const cols = persons([
      { start: '2024-01-01', end: '2024-01-02', outcome: 'job' },
      { start: '2024-01-01', end: '2024-01-03', outcome: 'apprenticeship' },
      { start: '2024-01-01', end: '2024-01-04', outcome: 'education' },
      { start: '2024-01-01', end: '2024-01-05', outcome: 'none' },
    ]);
    const result = timeToOutcome(cols, { horizonMonths: [4 / DAYS_PER_MONTH] });
    const woe = result.incidence.find((e) => e.event === 'workOrEducation')!.groups[0];
    expect(woe.events).toBe(3);
    expectClose(woe.horizons[0].estimate, 0.75, { absolute: 5e-16 });
    expectClose(jobAt(result)[0].estimate, 0.25, { absolute: 5e-16 });
  });

  it('has no extraction date, and a warning, when the data hold no date', () => {
    const result = timeToOutcome(persons([{ outcome: 'job' }]));
    expect(result.extractionDate).toBeNull();
    expect(result.excluded[0].count).toEqual([1, 0]);
    expect(result.warnings.map((w) => w.code)).toContain('NO_PERSONS_WITH_START_DATE');
    expect(result.causeSpecificHazardRatio).toBeNull();
    expect(MISSING_DAY).toBe(-2147483648);
  });
});

describe('timeToOutcome’s design in single precision', () => {
  it('keeps ages that single precision cannot hold in double precision', async () => {
    const builder = new TableBuilder();
    const folder = fileURLToPath(new URL('../fixtures/pipeline/realistic/', import.meta.url));
    const summary = await ingestInto([folder], {}, builder);
    const persons = builder.finish(summary.columnsPresent).persons;
    // Whole ages are exact in single precision; a third of a year is not.
    const thirds = { ...persons, age: persons.age.map((a) => a + 1 / 3) };
    const rounded = { ...persons, age: thirds.age.map(Math.fround) };
    expect(rounded.age.some((a, i) => a !== thirds.age[i])).toBe(true);
    const exact = timeToOutcome(thirds);
    const single = timeToOutcome(rounded);
    // Were the first design rounded to single precision, both fits would be the same.
    expect(exact.causeSpecificHazardRatio!.hazardRatio).not.toBe(single.causeSpecificHazardRatio!.hazardRatio);
    expect(exact.subdistributionHazardRatio!.hazardRatio).not.toBe(single.subdistributionHazardRatio!.hazardRatio);
    // Shifting every age by a constant changes neither model (a shift of the covariate).
    const whole = timeToOutcome(persons);
    expectClose(exact.causeSpecificHazardRatio!.hazardRatio, whole.causeSpecificHazardRatio!.hazardRatio, { relative: 1e-9 });
    expectClose(exact.subdistributionHazardRatio!.hazardRatio, whole.subdistributionHazardRatio!.hazardRatio, { relative: 1e-9 });
  });
});
