import { fitCox, type CoxWarningCode } from '../stats/coxRegression.js';
import { cumulativeIncidence, cumulativeIncidenceAt, type CumulativeIncidenceCurve } from '../stats/cumulativeIncidence.js';
import { fitFineGray, type FineGrayWarningCode } from '../stats/fineGray.js';
import { grayTest, type GrayTestWarningCode } from '../stats/grayTest.js';
import type { StatWarning, TestResult } from '../stats/types.js';
import { GROUPS, type Group } from '../ingest/types.js';
import { dayIso, MISSING_DAY, type PersonColumns } from '../table/types.js';
import { isWorkOrEducation, NONE } from './workOrEducation.js';

/** Horizons of the cumulative incidence, in months. */
export const DEFAULT_HORIZON_MONTHS: readonly number[] = [3, 6, 12, 18];
/** A month is a twelfth of the mean Julian year. */
export const DAYS_PER_MONTH = 365.25 / 12;

/** The events whose cumulative incidence is reported: the three outcomes and the three pooled. */
export const TIME_TO_OUTCOME_EVENTS = ['job', 'apprenticeship', 'education', 'workOrEducation'] as const;
export type TimeToOutcomeEvent = (typeof TIME_TO_OUTCOME_EVENTS)[number];

/** Why a person is left out of the time-to-outcome analysis. */
export const EXCLUSION_REASONS = ['missingStartDate', 'endBeforeStart', 'startAfterExtraction'] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];
const EXCLUSION_TEXT: Record<ExclusionReason, string> = {
  missingStartDate: 'no start date',
  endBeforeStart: 'an end date before the start date',
  startAfterExtraction: 'a start after the extraction date',
};

export type TimeToOutcomeWarningCode =
  | 'NO_PERSONS_WITH_START_DATE'
  | 'HORIZON_BEYOND_FOLLOW_UP'
  | 'END_AFTER_EXTRACTION'
  | 'PERSONS_EXCLUDED_FROM_TIME'
  | 'HAZARD_RATIO_NOT_ESTIMABLE'
  | GrayTestWarningCode
  | CoxWarningCode
  | FineGrayWarningCode;

export interface TimeToOutcomeWarning extends StatWarning {
  code: TimeToOutcomeWarningCode;
}

export interface TimeToOutcomeOptions {
  /** Days since 1970-01-01 of the extraction; default the latest start or end date in the data. */
  extractionDay?: number;
  /** Default DEFAULT_HORIZON_MONTHS. */
  horizonMonths?: readonly number[];
  /** Called when the arrays of one stage (follow-up, Cox, Fine–Gray) are no longer referenced (BuildOptions.release). */
  release?: () => void;
}

/** One group's cumulative incidence of one event at one horizon (survfit's default log-scale 95 % interval). */
export interface IncidenceAtMonths {
  months: number;
  days: number;
  /** null when the horizon lies beyond the group's last time (summary.survfit drops the row). */
  estimate: number | null;
  standardError: number | null;
  /** null where survfit gives NA (estimate 0 after the first time). */
  ciLow: number | null;
  ciHigh: number | null;
  /** Persons still followed (time ≥ horizon); 0 beyond the last time. */
  nRisk: number;
  /** Persons with this event at or before the horizon. */
  events: number;
}

/** One point of a group's monthly curve of work or education. */
export interface MonthlyPoint {
  month: number;
  /** Cumulative incidence at month × DAYS_PER_MONTH days. */
  estimate: number;
  /** Persons still followed then (time ≥ that day). */
  nRisk: number;
  /** Persons with work or education at or before then. */
  events: number;
}

export interface MonthlyCurve {
  group: Group;
  /** Months 0, 1, … up to the group's last time. */
  points: MonthlyPoint[];
}

export interface GroupIncidence {
  group: Group;
  /** Persons in the analysis. */
  n: number;
  /** Persons with this event. */
  events: number;
  horizons: IncidenceAtMonths[];
}

export interface EventIncidence {
  event: TimeToOutcomeEvent;
  /** In GROUPS order: hybrid, usual. */
  groups: GroupIncidence[];
}

/** The hybrid coefficient of a regression, on the hazard-ratio scale. */
export interface HybridHazardRatio {
  hazardRatio: number;
  ciLow: number;
  ciHigh: number;
  /** Of the log hazard ratio (robust, clustered, for Cox; crr's sandwich for Fine–Gray). */
  standardError: number;
  pValue: number;
  /** Persons in the model (complete on the covariates) and events of work or education among them. */
  n: number;
  nEvents: number;
  /** Design columns besides hybrid, named as in the R reference (age, female, prior_work, office…). */
  covariates: string[];
  converged: boolean;
}

export interface CauseSpecificHazardRatio extends HybridHazardRatio {
  /** Cluster variable of the robust variance and its number of clusters. */
  clusterBy: 'counsellor' | 'office';
  clusters: number;
  strata: number;
}

export interface TimeToOutcomeResult {
  /** ISO yyyy-mm-dd; null only when no extractionDay was given and the data hold no date. */
  extractionDate: string | null;
  /** true when extractionDate is the latest date in the data (no extractionDay given). */
  extractionDateFromData: boolean;
  horizonMonths: number[];
  /** Persons in the analysis, per group in GROUPS order. */
  included: number[];
  /** Persons left out, per reason, per group in GROUPS order. */
  excluded: { reason: ExclusionReason; count: number[] }[];
  /** Persons censored at the extraction date, per group. */
  censored: number[];
  incidence: EventIncidence[];
  /** The cumulative incidence of work or education by whole months, per group, for the curves. */
  monthly: MonthlyCurve[];
  /** Gray's test that work or education has the same cumulative incidence in both groups (none competing). */
  grayTest: TestResult;
  /** Cox, work or education as the event (none and censoring both end follow-up). */
  causeSpecificHazardRatio: CauseSpecificHazardRatio | null;
  /** Fine–Gray, work or education with none competing. */
  subdistributionHazardRatio: HybridHazardRatio | null;
  warnings: TimeToOutcomeWarning[];
}

/** Per included person: time in days, outcome status (0 censored, 1..4 OUTCOMES order) and group (0 hybrid, 1 usual). */
export interface FollowUp {
  rows: Int32Array;
  /** Whole days. */
  time: Int32Array;
  status: Int8Array;
  group: Uint8Array;
}

/**
 * Time from start_date to the registered outcome, hybrid vs usual (issue 13).
 *
 * - Time origin start_date; time = end_date − start_date in days. At end_date the
 *   status is job, apprenticeship or education (events) or none (a competing end).
 *   Work or education pools the three, with none competing; for one outcome the
 *   other outcomes and none compete.
 * - No registered outcome, or no end_date: censored at the extraction date
 *   (`extractionDay`, default the latest start or end date in the data). An
 *   end_date after a given extraction date is censored there too (a warning).
 * - Excluded and counted: no start date, end before start, start after the
 *   extraction date.
 * - Cumulative incidence per group: Aalen–Johansen, as survfit(Surv(time, status) ~
 *   group) with status a factor, at the horizons as summary(fit, times) (a month is
 *   365.25/12 days), with the log 95 % interval and n.risk.
 * - Gray's test of work or education between groups, as cmprsk::cuminc.
 * - Cause-specific hazard ratio of work or education: coxph(Surv(time, woe) ~
 *   hybrid + age + female + prior_work + strata(office), ties = "efron", cluster =
 *   counsellor_id), covariates those present in the input, cluster the office when
 *   there is no counsellor column. Complete cases: persons missing a present
 *   covariate, or the counsellor when that column is present, are left out (coxph's
 *   na.omit).
 * - Subdistribution hazard ratio: cmprsk::crr on the same persons and covariates,
 *   unstratified, with office dummies (first office in code-point order the
 *   reference) in place of the strata; crr has neither strata nor clusters, so its
 *   sandwich variance ignores clustering by counsellor.
 *
 * Reference: tests/fixtures/r/timeToOutcome.R.
 */
export function timeToOutcome(cols: PersonColumns, options: TimeToOutcomeOptions = {}): TimeToOutcomeResult {
  const horizonMonths = [...(options.horizonMonths ?? DEFAULT_HORIZON_MONTHS)];
  const horizonDays = horizonMonths.map((m) => m * DAYS_PER_MONTH);
  const warnings: TimeToOutcomeWarning[] = [];
  const fromData = options.extractionDay === undefined;
  const extractionDay = options.extractionDay ?? latestDay(cols);
  // The follow-up arrays live only in describe(): the regressions build their own, sorted, after them.
  const { excluded, censored, included, incidence, monthly, gray } = describe(cols, extractionDay, horizonMonths, horizonDays, warnings, options.release);
  options.release?.();
  const models = regressions(cols, extractionDay, warnings, options.release);
  return {
    extractionDate: extractionDay === MISSING_DAY ? null : dayIso(extractionDay),
    extractionDateFromData: fromData,
    horizonMonths,
    included,
    excluded,
    censored,
    incidence,
    monthly,
    grayTest: { statistic: gray.statistic, df: gray.df, pValue: gray.pValue },
    ...models,
    warnings,
  };
}

/** Exclusions, censoring, cumulative incidences, the monthly curves and Gray's test: all from the follow-up arrays. */
function describe(
  cols: PersonColumns,
  extractionDay: number,
  horizonMonths: number[],
  horizonDays: number[],
  warnings: TimeToOutcomeWarning[],
  release: (() => void) | undefined,
) {
  const excluded = EXCLUSION_REASONS.map((reason) => ({ reason, count: GROUPS.map(() => 0) }));
  const censored = GROUPS.map(() => 0);
  const followUp = followUpOf(cols, extractionDay, excluded, censored, warnings);
  // Counted, not filtered: a typed array's filter collects its kept elements in a JS array first (80 MB at 10M persons).
  const included = GROUPS.map(() => 0);
  for (const g of followUp.group) included[g]++;
  const reasons = excluded.filter((x) => x.count.some((c) => c > 0)).map((x) => x.reason);
  if (reasons.length > 0) {
    // The counts are in the report's tables, under disclosure control; the warning names only the reasons.
    warnings.push({
      code: 'PERSONS_EXCLUDED_FROM_TIME',
      params: { reasons },
      message: `Some persons are left out of the time-to-outcome analyses (${reasons.map((r) => EXCLUSION_TEXT[r]).join('; ')}); Table 9 counts them by group.`,
    });
  }
  if (followUp.rows.length === 0) {
    warnings.push({ code: 'NO_PERSONS_WITH_START_DATE', message: 'No person has a usable start date, so there is no time to an outcome to analyse.' });
  }

  const incidence: EventIncidence[] = TIME_TO_OUTCOME_EVENTS.map((event) => ({ event, groups: [] }));
  const monthly: MonthlyCurve[] = [];
  GROUPS.forEach((group, g) => {
    // The previous group's copies and curves' sorting arrays are no longer referenced.
    if (g > 0) release?.();
    const { time, status } = subset(followUp, g);
    const byOutcome = cumulativeIncidence(time, status, { causeCount: 4 });
    const woeCause = workOrEducationCause(status);
    const byWoe = cumulativeIncidence(time, woeCause, { causeCount: 2 });
    const curves = [
      { curve: byOutcome, cause: 1 },
      { curve: byOutcome, cause: 2 },
      { curve: byOutcome, cause: 3 },
      { curve: byWoe, cause: 1 },
    ];
    curves.forEach(({ curve, cause }, e) => {
      const events = curve.causes[cause - 1].nEvent.reduce((a, b) => a + b, 0);
      const at = cumulativeIncidenceAt(curve, horizonDays);
      const eventsBy = eventsUpTo(curve, cause, horizonDays);
      const horizons = at.map((row, h): IncidenceAtMonths => {
        if (row === null)
          return {
            months: horizonMonths[h],
            days: horizonDays[h],
            estimate: null,
            standardError: null,
            ciLow: null,
            ciHigh: null,
            nRisk: 0,
            events: eventsBy[h],
          };
        const c = row.causes[cause - 1];
        return {
          months: horizonMonths[h],
          days: horizonDays[h],
          estimate: c.estimate,
          standardError: c.stdErr,
          ciLow: c.ciLow,
          ciHigh: c.ciHigh,
          nRisk: row.nRisk,
          events: eventsBy[h],
        };
      });
      incidence[e].groups.push({ group, n: time.length, events, horizons });
    });
    monthly.push({ group, points: monthlyPoints(byWoe) });
    const lastTime = time.reduce((a, b) => Math.max(a, b), -Infinity);
    const beyond = horizonMonths.filter((_, h) => time.length > 0 && !(horizonDays[h] <= lastTime));
    if (beyond.length > 0) {
      warnings.push({
        code: 'HORIZON_BEYOND_FOLLOW_UP',
        params: { group, months: beyond },
        message: `No ${group} person is followed for ${beyond.join(', ')} months; those cumulative incidences are not estimated.`,
      });
    }
  });

  release?.();
  const woe = workOrEducationCause(followUp.status);
  const gray = grayTest(followUp.time, woe, followUp.group, 1);
  warnings.push(...gray.warnings);
  return { excluded, censored, included, incidence, monthly, gray };
}

/** Events of `cause` at or before each horizon (days). */
function eventsUpTo(curve: CumulativeIncidenceCurve, cause: number, horizonDays: readonly number[]): number[] {
  const nEvent = curve.causes[cause - 1].nEvent;
  return horizonDays.map((h) => {
    let k = 0;
    for (let t = 0; t < curve.time.length && curve.time[t] <= h; t++) k += nEvent[t];
    return k;
  });
}

/** Cause 1 (work or education) at every whole month from 0 to the last time. */
function monthlyPoints(curve: CumulativeIncidenceCurve): MonthlyPoint[] {
  const m = curve.time.length;
  if (m === 0) return [];
  const months = Array.from({ length: Math.floor(curve.time[m - 1] / DAYS_PER_MONTH) + 1 }, (_, k) => k);
  const days = months.map((k) => k * DAYS_PER_MONTH);
  const at = cumulativeIncidenceAt(curve, days, { extend: true });
  const events = eventsUpTo(curve, 1, days);
  return months.map((month, k) => ({ month, estimate: at[k]?.causes[0].estimate ?? 0, nRisk: at[k]?.nRisk ?? 0, events: events[k] }));
}

/** The latest start or end date in the data (MISSING_DAY when there is none). */
export function latestDay(cols: PersonColumns): number {
  let latest = MISSING_DAY;
  for (let i = 0; i < cols.n; i++) latest = Math.max(latest, cols.startDay[i], cols.endDay[i]);
  return latest;
}

/** Why person i is left out of the time-to-outcome analyses (an index of EXCLUSION_REASONS), or −1. */
function exclusionOf(cols: PersonColumns, i: number, extractionDay: number): number {
  const start = cols.startDay[i];
  const end = cols.endDay[i];
  return start === MISSING_DAY ? 0 : end !== MISSING_DAY && end < start ? 1 : start > extractionDay ? 2 : -1;
}

/** Whether included person i's follow-up ends in its registered outcome (else it is censored at the extraction date). */
function endsInOutcome(cols: PersonColumns, i: number, extractionDay: number): boolean {
  const end = cols.endDay[i];
  return cols.outcome[i] >= 0 && end !== MISSING_DAY && end <= extractionDay;
}

/** Included person i's time in whole days from start to its outcome or the extraction date. */
function timeOf(cols: PersonColumns, i: number, extractionDay: number): number {
  return (endsInOutcome(cols, i, extractionDay) ? cols.endDay[i] : extractionDay) - cols.startDay[i];
}

/** Included person i's status: 0 censored, 1..4 OUTCOMES order. */
function statusOf(cols: PersonColumns, i: number, extractionDay: number): number {
  return endsInOutcome(cols, i, extractionDay) ? cols.outcome[i] + 1 : 0;
}

export function followUpOf(
  cols: PersonColumns,
  extractionDay: number,
  excluded: { count: number[] }[],
  censored: number[],
  warnings: TimeToOutcomeWarning[],
): FollowUp {
  // Typed arrays of the largest size, viewed to the persons kept: no growth, no copy, 10 bytes a person.
  const rows = new Int32Array(cols.n);
  const time = new Int32Array(cols.n);
  const status = new Int8Array(cols.n);
  const group = new Uint8Array(cols.n);
  let kept = 0;
  let endAfterExtraction = 0;
  for (let i = 0; i < cols.n; i++) {
    const g = cols.hybrid[i] === 1 ? 0 : 1;
    const reason = exclusionOf(cols, i, extractionDay);
    if (reason >= 0) {
      excluded[reason].count[g]++;
      continue;
    }
    if (cols.outcome[i] >= 0 && cols.endDay[i] !== MISSING_DAY && cols.endDay[i] > extractionDay) endAfterExtraction++;
    const s = statusOf(cols, i, extractionDay);
    if (s === 0) censored[g]++;
    rows[kept] = i;
    time[kept] = timeOf(cols, i, extractionDay);
    status[kept] = s;
    group[kept++] = g;
  }
  if (endAfterExtraction > 0) {
    warnings.push({
      code: 'END_AFTER_EXTRACTION',
      params: { persons: endAfterExtraction },
      message: `${endAfterExtraction} persons have an outcome registered after the extraction date; they are censored at the extraction date.`,
    });
  }
  return { rows: rows.subarray(0, kept), time: time.subarray(0, kept), status: status.subarray(0, kept), group: group.subarray(0, kept) };
}

function subset(followUp: FollowUp, g: number): { time: Int32Array; status: Int8Array } {
  const keep = followUp.group.reduce((k, x) => k + (x === g ? 1 : 0), 0);
  const time = new Int32Array(keep);
  const status = new Int8Array(keep);
  for (let i = 0, j = 0; i < followUp.group.length; i++) {
    if (followUp.group[i] !== g) continue;
    time[j] = followUp.time[i];
    status[j++] = followUp.status[i];
  }
  return { time, status };
}

/** Outcome status (0 censored, 1..4 OUTCOMES) → 0 censored, 1 work or education, 2 none. */
export function workOrEducationCause(status: Int8Array): Int8Array {
  return status.map(woeOf);
}

function woeOf(s: number): number {
  return s === 0 ? 0 : isWorkOrEducation(s - 1) ? 1 : s - 1 === NONE ? 2 : 0;
}

function regressions(
  cols: PersonColumns,
  extractionDay: number,
  warnings: TimeToOutcomeWarning[],
  release: (() => void) | undefined,
): Pick<TimeToOutcomeResult, 'causeSpecificHazardRatio' | 'subdistributionHazardRatio'> {
  const { age, female, priorWork, counsellor, office } = cols;
  const use = { age: cols.has.age, female: cols.has.gender, priorWork: cols.has.priorWork, counsellor: cols.has.counsellor };
  const covariates = [...(use.age ? ['age'] : []), ...(use.female ? ['female'] : []), ...(use.priorWork ? ['prior_work'] : [])];
  // The model's persons: included, and complete on the covariates present (and the counsellor when that column is).
  let n = 0;
  for (let i = 0; i < cols.n; i++) if (inModel(cols, i, extractionDay)) n++;
  const member = new Int32Array(n);
  // Offices numbered by first appearance among them (the strata's order), counsellors too (the clusters').
  const stratumOfOffice = new Int32Array(cols.offices.length).fill(-1);
  const clusterOfCounsellor = new Int32Array(use.counsellor ? cols.counsellors.length : 0).fill(-1);
  let strata = 0;
  let clusters = 0;
  let nEvents = 0;
  let maxTime = 0;
  // Single precision when every value is exact in it (0/1 codes, whole or half ages): half the memory, the same doubles read back.
  let single = true;
  const hybridSeen = [false, false];
  for (let i = 0, k = 0; i < cols.n; i++) {
    if (!inModel(cols, i, extractionDay)) continue;
    member[k++] = i;
    if (woeOf(statusOf(cols, i, extractionDay)) === 1) nEvents++;
    hybridSeen[cols.hybrid[i]] = true;
    maxTime = Math.max(maxTime, timeOf(cols, i, extractionDay));
    if (stratumOfOffice[office[i]] < 0) stratumOfOffice[office[i]] = strata++;
    if (use.counsellor && clusterOfCounsellor[counsellor[i]] < 0) clusterOfCounsellor[counsellor[i]] = clusters++;
    if (use.age && single) single = Math.fround(age[i]) === age[i];
  }
  const notEstimable = (what: 'cause-specific' | 'subdistribution') =>
    warnings.push({
      code: 'HAZARD_RATIO_NOT_ESTIMABLE',
      params: { model: what === 'cause-specific' ? 'causeSpecific' : what },
      message: `The ${what} hazard ratio of work or education is not estimated: it needs persons of both groups and at least one event.`,
    });
  if (n === 0 || nEvents === 0 || !(hybridSeen[0] && hybridSeen[1])) {
    notEstimable('cause-specific');
    notEstimable('subdistribution');
    return { causeSpecificHazardRatio: null, subdistributionHazardRatio: null };
  }

  // hybrid, then the covariates present: the Cox model's design, and the numeric part of Fine–Gray's.
  const p = 1 + covariates.length;
  const design = (order: Int32Array) => {
    const x = single ? new Float32Array(n * p) : new Float64Array(n * p);
    for (let r = 0, j = 0; r < n; r++) {
      const i = order[r];
      x[j++] = cols.hybrid[i];
      if (use.age) x[j++] = age[i];
      if (use.female) x[j++] = female[i];
      if (use.priorWork) x[j++] = priorWork[i];
    }
    return x;
  };
  const timeIn = (order: Int32Array) => {
    const time = new Int32Array(n);
    for (let r = 0; r < n; r++) time[r] = timeOf(cols, order[r], extractionDay);
    return time;
  };
  const clusterBy = use.counsellor ? 'counsellor' : 'office';
  const columnNames = ['hybrid', ...covariates];

  // Each model gets its rows in the order it sorts them into (Cox by stratum and time, Fine–Gray by time; ties in
  // the persons' order), so that it uses them as they are instead of sorting copies. Each model's arrays are built,
  // fitted and dropped in a function of their own: returned to this frame, they would stay held in its registers
  // (V8 keeps an interpreted frame's temporaries) through the next model. The sort order is dropped before the fit.
  const cox = (() => {
    const data = (() => {
      const order = sortedBy(member, (i) => stratumOfOffice[office[i]] * (maxTime + 1) + timeOf(cols, i, extractionDay), strata * (maxTime + 1));
      const status = new Uint8Array(n);
      const stratum = new Int32Array(n);
      const cluster = new Int32Array(n);
      for (let r = 0; r < n; r++) {
        const i = order[r];
        status[r] = woeOf(statusOf(cols, i, extractionDay)) === 1 ? 1 : 0;
        stratum[r] = stratumOfOffice[office[i]];
        cluster[r] = use.counsellor ? clusterOfCounsellor[counsellor[i]] : stratumOfOffice[office[i]];
      }
      return { time: timeIn(order), status, x: design(order), n, p, columnNames, stratum, cluster };
    })();
    return fitCox(data);
  })();
  release?.();
  warnings.push(...cox.warnings);
  const coxRow = cox.table[0];
  const causeSpecificHazardRatio: CauseSpecificHazardRatio | null = Number.isFinite(coxRow.estimate)
    ? {
        hazardRatio: coxRow.hazardRatio,
        ciLow: coxRow.ciLow,
        ciHigh: coxRow.ciHigh,
        standardError: coxRow.standardError,
        pValue: coxRow.pValue,
        n,
        nEvents,
        covariates,
        converged: cox.converged,
        clusterBy,
        clusters: cox.clusters,
        strata: cox.strataTotal,
      }
    : null;
  if (causeSpecificHazardRatio === null) notEstimable('cause-specific');

  // Office dummies for the offices in the sample but the first (code-point order, as the table's),
  // given to Fine–Gray as a factor: one code a person instead of a column per office.
  const levelOfOffice = new Int32Array(cols.offices.length).fill(-1);
  const offices: number[] = [];
  stratumOfOffice.forEach((s, o) => {
    if (s >= 0) levelOfOffice[o] = offices.push(o) - 1;
  });
  const dummies = offices.slice(1);
  const fineGrayCovariates = [...covariates, ...dummies.map((o) => `office${cols.offices[o]}`)];
  const fg = (() => {
    const data = (() => {
      const order = sortedBy(member, (i) => timeOf(cols, i, extractionDay), maxTime + 1);
      const status = new Uint8Array(n);
      const level = new Int32Array(n);
      for (let r = 0; r < n; r++) {
        const i = order[r];
        status[r] = woeOf(statusOf(cols, i, extractionDay));
        level[r] = levelOfOffice[office[i]];
      }
      return {
        time: timeIn(order),
        status,
        x: design(order),
        n,
        p,
        factor: dummies.length > 0 ? { level, levels: offices.length } : undefined,
        columnNames: ['hybrid', ...fineGrayCovariates],
      };
    })();
    return fitFineGray(data);
  })();
  warnings.push(...fg.warnings);
  const fgRow = fg.table[0];
  const subdistributionHazardRatio: HybridHazardRatio | null = Number.isFinite(fgRow.estimate)
    ? {
        hazardRatio: fgRow.subdistributionHazardRatio,
        ciLow: fgRow.ciLow,
        ciHigh: fgRow.ciHigh,
        standardError: fgRow.standardError,
        pValue: fgRow.pValue,
        n,
        nEvents,
        covariates: fineGrayCovariates,
        converged: fg.converged,
      }
    : null;
  if (subdistributionHazardRatio === null) notEstimable('subdistribution');
  return { causeSpecificHazardRatio, subdistributionHazardRatio };
}

/** Whether person i is in the regressions: included in the analysis and complete on the covariates present (coxph's na.omit). */
function inModel(cols: PersonColumns, i: number, extractionDay: number): boolean {
  return exclusionOf(cols, i, extractionDay) < 0 && hasCovariates(cols, i) && !(cols.has.counsellor && cols.counsellor[i] < 0);
}

/** Whether person i has a value of every covariate column present in the input (age, gender, prior work). */
export function hasCovariates(cols: PersonColumns, i: number): boolean {
  const { has } = cols;
  return !(has.age && Number.isNaN(cols.age[i])) && !(has.gender && cols.female[i] < 0) && !(has.priorWork && cols.priorWork[i] < 0);
}

/**
 * The persons in order of key ∈ [0, buckets), ties in their given order: a stable
 * counting sort. With more buckets than is sensible for the persons (a time span of
 * centuries), the given order: the model then sorts copies itself.
 */
function sortedBy(persons: Int32Array, key: (i: number) => number, buckets: number): Int32Array {
  const n = persons.length;
  if (buckets > 4 * n + (1 << 20)) return persons;
  const next = new Int32Array(buckets + 1);
  for (let k = 0; k < n; k++) next[key(persons[k]) + 1]++;
  for (let b = 0; b < buckets; b++) next[b + 1] += next[b];
  const out = new Int32Array(n);
  for (let k = 0; k < n; k++) out[next[key(persons[k])]++] = persons[k];
  return out;
}
