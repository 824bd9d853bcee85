import { GROUPS, type Group } from '../ingest/types.js';
import type { ReportModel, TimeToOutcomeEvent } from './model.js';

/** What protectTimeToOutcome hid or withheld, for disclosureControl. */
export interface TimeToOutcomeProtection {
  /** Paths of hidden counts (excluded, censored, included, events, at risk). */
  hidden: string[];
  /** Statistics withheld. */
  withheld: string[];
  /** Curve points left out (months coarsened), per group. */
  droppedMonths: Record<Group, number[]>;
}

const OUTCOME_EVENTS: readonly TimeToOutcomeEvent[] = ['job', 'apprenticeship', 'education'];

/**
 * Disclosure control of the time-to-outcome analyses (issue 13). Times are published
 * at whole months only. Every published step of a curve or of the horizon table must
 * rest on either no events or at least min-cell of them, and on at least min-cell
 * persons at risk, and the persons at risk may only fall by none or by min-cell or
 * more between published times; otherwise the time is left out (the curve is
 * coarsened) or the cell is hidden. A step is measured from the previous published
 * time of the same group and event, over the horizon table and the curve together
 * (both publish work or education). The tail counts as a step too: Table 2's (or
 * Table 3's) count less the events at the last published time. Events by a time
 * bound that count from below, so an outcome whose Table 2 count is hidden (or
 * merged with another) is not published over time for that group either. Across events, work
 * or education = job + apprenticeship + education at each time: a line with one
 * hidden cell gets a second one. A group that is small, or whose total is hidden,
 * publishes nothing, and the comparisons between groups are then withheld.
 *
 * `model` is the unsuppressed model; `out` (its copy) is changed in place.
 */
export function protectTimeToOutcome(
  model: ReportModel,
  out: ReportModel,
  suppressed: ReadonlySet<string>,
  minCell: number,
  merging: boolean,
): TimeToOutcomeProtection {
  const small = (v: number | null) => v !== null && v >= 1 && v < minCell;
  const stepOk = (d: number) => d === 0 || d >= minCell;
  const source = model.timeToOutcome;
  const t = out.timeToOutcome;
  const hidden: string[] = [];
  const withheld: string[] = [];
  const droppedMonths = { hybrid: [] as number[], usual: [] as number[] };
  const hide = (path: string, set: () => void) => {
    hidden.push(path);
    set();
  };

  const gone = Object.fromEntries(GROUPS.map((g) => [g, small(model.groups[g].n) || small(source.included[g])])) as Record<Group, boolean>;

  // Counts of persons: excluded by reason, censored, included (the group total less the excluded).
  t.excluded.forEach((row, i) => {
    for (const g of GROUPS) if (row[g] !== null && (gone[g] || small(row[g]))) hide(`timeToOutcome.excluded.${i}.${g}`, () => (row[g] = null));
  });
  for (const g of GROUPS) {
    if (t.censored[g] !== null && (gone[g] || small(t.censored[g]))) hide(`timeToOutcome.censored.${g}`, () => (t.censored[g] = null));
    const excludedHidden = t.excluded.some((row) => row[g] === null && source.excluded.some((s) => s.reason === row.reason && s[g] !== null && s[g]! > 0));
    if (t.included[g] !== null && (gone[g] || suppressed.has(`total.${g}`) || excludedHidden)) {
      hide(`timeToOutcome.included.${g}`, () => (t.included[g] = null));
    }
  }

  const cellIndex = (g: Group, o: TimeToOutcomeEvent, months: number) =>
    source.cumulativeIncidence.findIndex((c) => c.group === g && c.outcome === o && c.months === months);
  /** Table 2's (3's) published count of the event, the attacker's end of the last step; null when hidden. */
  const finalCount = (g: Group, o: TimeToOutcomeEvent): number | null => {
    if (o === 'workOrEducation') return suppressed.has(`positive.${g}`) ? null : model.workOrEducation[g].positive;
    if (merging && o !== 'job') return null;
    return suppressed.has(`outcome.${g}.${o}`) ? null : model.outcomes.table[g][o];
  };

  for (const g of GROUPS) {
    const curve = source.curves.find((c) => c.group === g);
    const points = curve?.points ?? [];
    const horizons = source.horizons;
    /** Hidden horizon cells per event; dropped curve months. */
    const hiddenCell = new Map<TimeToOutcomeEvent, Set<number>>(
      [...OUTCOME_EVENTS, 'workOrEducation'].map((o) => [o as TimeToOutcomeEvent, new Set<number>()]),
    );
    const dropped = new Set<number>();
    const cell = (o: TimeToOutcomeEvent, h: number) => source.cumulativeIncidence[cellIndex(g, o, horizons[h])];
    const estimable = (o: TimeToOutcomeEvent, h: number) => cell(o, h).estimate !== null;
    const atRiskAt = (h: number) => cell('workOrEducation', h).atRisk ?? 0;

    // Events by a time bound the count at the end from below: an outcome whose count in
    // Table 2 (3) is hidden, or not published apart (merged), is not published over time either.
    const hiddenThroughout = (o: TimeToOutcomeEvent) =>
      o === 'workOrEducation' ? suppressed.has(`positive.${g}`) : suppressed.has(`outcome.${g}.${o}`) || (merging && o !== 'job');
    for (const o of hiddenCell.keys())
      if (gone[g] || hiddenThroughout(o))
        horizons.forEach((_, h) => {
          hiddenCell.get(o)!.add(h);
        });
    if (gone[g] || hiddenThroughout('workOrEducation')) {
      points.forEach((p) => {
        dropped.add(p.month);
      });
    } else {
      for (let changed = true; changed; ) {
        changed = false;
        const drop = (month: number) => {
          if (!dropped.has(month)) {
            dropped.add(month);
            changed = true;
          }
        };
        const hideCell = (o: TimeToOutcomeEvent, h: number) => {
          if (!hiddenCell.get(o)!.has(h)) {
            hiddenCell.get(o)!.add(h);
            changed = true;
          }
        };
        // The curve of work or education, month by month; the horizon table's cells of
        // work or education go with the curve's points at the same months.
        horizons.forEach((months, h) => {
          if (hiddenCell.get('workOrEducation')!.has(h) && points.some((p) => p.month === months)) drop(months);
        });
        let previous = { events: 0, atRisk: model.timeToOutcome.included[g] ?? 0 };
        let last: (typeof points)[number] | null = null;
        for (const p of points) {
          if (dropped.has(p.month)) continue;
          const atRisk = p.atRisk ?? 0;
          const ok = (p.month === 0 || atRisk >= minCell) && stepOk((p.events ?? 0) - previous.events) && stepOk(previous.atRisk - atRisk);
          if (!ok) {
            drop(p.month);
            continue;
          }
          previous = { events: p.events ?? 0, atRisk };
          last = p;
        }
        const finalWoe = finalCount(g, 'workOrEducation');
        if (last !== null && last.month > 0 && finalWoe !== null && !stepOk(finalWoe - (last.events ?? 0))) drop(last.month);
        horizons.forEach((months, h) => {
          if (!estimable('workOrEducation', h) || !points.some((p) => p.month === months) || dropped.has(months)) hideCell('workOrEducation', h);
        });
        // Each outcome at the horizons: its own steps, and the tail to Table 2's count.
        for (const o of OUTCOME_EVENTS) {
          let before = 0;
          let lastShown = -1;
          horizons.forEach((_, h) => {
            if (hiddenCell.get(o)!.has(h)) return;
            const events = cell(o, h).events ?? 0;
            if (!estimable(o, h) || atRiskAt(h) < minCell || !stepOk(events - before)) {
              hideCell(o, h);
              return;
            }
            before = events;
            lastShown = h;
          });
          const final = finalCount(g, o);
          if (lastShown >= 0 && final !== null && !stepOk(final - (cell(o, lastShown).events ?? 0))) hideCell(o, lastShown);
        }
        // Work or education = job + apprenticeship + education: never one hidden cell alone in a line.
        horizons.forEach((_, h) => {
          const line = (['workOrEducation', ...OUTCOME_EVENTS] as TimeToOutcomeEvent[]).filter((o) => estimable(o, h));
          const hiddenHere = line.filter((o) => hiddenCell.get(o)!.has(h));
          if (hiddenHere.length !== 1) return;
          const visible = line.filter((o) => !hiddenCell.get(o)!.has(h)).sort((a, b) => (cell(a, h).events ?? 0) - (cell(b, h).events ?? 0));
          if (visible.length > 0) hideCell(visible[0], h);
        });
      }
    }

    // Null what is hidden; the at-risk count of a month goes with the curve's point there.
    for (const [o, set] of hiddenCell) {
      for (const h of set) {
        const i = cellIndex(g, o, horizons[h]);
        const row = t.cumulativeIncidence[i];
        if (row.events !== null && row.estimate !== null) hidden.push(`timeToOutcome.cumulativeIncidence.${i}.events`);
        row.estimate = null;
        row.ciLow = null;
        row.ciHigh = null;
        row.events = null;
      }
    }
    horizons.forEach((months) => {
      if (!dropped.has(months) && points.some((p) => p.month === months)) return;
      for (const o of hiddenCell.keys()) {
        const row = t.cumulativeIncidence[cellIndex(g, o, months)];
        // Beyond the last time no one is at risk (0), which tells nothing about anyone.
        if (row.atRisk !== null && row.atRisk > 0) {
          if (o === 'workOrEducation') hidden.push(`timeToOutcome.cumulativeIncidence.${cellIndex(g, o, months)}.atRisk`);
          row.atRisk = null;
        }
      }
    });
    const published = t.curves.find((c) => c.group === g);
    if (published !== undefined) {
      published.points = published.points.filter((p) => !dropped.has(p.month));
      const origin = published.points.find((p) => p.month === 0);
      if (origin !== undefined && t.included[g] === null) origin.atRisk = null;
    }
    droppedMonths[g] = [...dropped].sort((a, b) => a - b);
  }

  // Comparisons between the groups rest on both groups' curves.
  const woeTotal = (g: Group) => source.curves.find((c) => c.group === g)?.points.at(-1)?.events ?? 0;
  if (GROUPS.some((g) => gone[g] || small(woeTotal(g)))) {
    const anything = source.grayTest.statistic !== null || source.causeSpecificHazardRatio.n !== null || source.weighting.n !== null;
    t.grayTest = { statistic: null, df: t.grayTest.df, pValue: null };
    for (const block of [t.causeSpecificHazardRatio, t.subdistributionHazardRatio]) {
      block.n = null;
      block.events = null;
      block.hazardRatio = { estimate: null, ciLow: null, ciHigh: null, pValue: null };
    }
    t.causeSpecificHazardRatio.clusters = null;
    t.causeSpecificHazardRatio.strata = null;
    for (const row of t.weightedDifference) Object.assign(row, { estimate: null, ciLow: null, ciHigh: null });
    Object.assign(t.weighting, { n: null, clusters: null, failedReplicates: null, effectiveSampleSizeUsual: null, maxWeight: null });
    if (anything) withheld.push('timeToOutcome.comparisons');
    out.warnings = out.warnings.filter((w) => w.context !== 'timeToOutcome');
  } else {
    // The weighted difference at a horizon goes with both groups' cells of work or education there.
    t.weightedDifference.forEach((row, k) => {
      const hiddenThere = GROUPS.some((g) => {
        const i = cellIndex(g, 'workOrEducation', row.months);
        return i === -1 ? droppedMonths[g].includes(row.months) : t.cumulativeIncidence[i].estimate === null && source.cumulativeIncidence[i].estimate !== null;
      });
      if (hiddenThere && row.estimate !== null) {
        Object.assign(row, { estimate: null, ciLow: null, ciHigh: null });
        withheld.push(`timeToOutcome.weightedDifference.${k}`);
      }
    });
  }
  return { hidden, withheld, droppedMonths };
}
