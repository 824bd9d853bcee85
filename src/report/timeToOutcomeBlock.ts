import { GROUPS, type Group } from '../ingest/types.js';
import type { TimeToOutcomeResult } from '../analysis/timeToOutcome.js';
import type { WeightedIncidenceDifference } from '../analysis/weightedIncidenceDifference.js';

import type { TimeToOutcomeBlock } from './model.js';

/** Order of the events in the report: the pooled outcome first. */
const EVENT_ORDER = ['workOrEducation', 'job', 'apprenticeship', 'education'] as const;

const byGroup = (values: readonly number[]): Record<Group, number> => Object.fromEntries(GROUPS.map((g, i) => [g, values[i]])) as Record<Group, number>;

/** The time-to-outcome analyses as the report publishes them, key by key. */
export function timeToOutcomeBlock(t: TimeToOutcomeResult, w: WeightedIncidenceDifference, clusterBy: 'counsellor' | 'office'): TimeToOutcomeBlock {
  const cox = t.causeSpecificHazardRatio;
  const fg = t.subdistributionHazardRatio;
  return {
    extractionDate: t.extractionDate,
    extractionDateFromData: t.extractionDateFromData,
    horizons: [...t.horizonMonths],
    included: byGroup(t.included),
    censored: byGroup(t.censored),
    excluded: t.excluded.map((x) => ({ reason: x.reason, hybrid: x.count[0], usual: x.count[1] })),
    cumulativeIncidence: EVENT_ORDER.flatMap((event) => {
      const e = t.incidence.find((x) => x.event === event)!;
      return e.groups.flatMap((g) =>
        g.horizons.map((h) => ({
          group: g.group,
          outcome: event,
          months: h.months,
          estimate: h.estimate,
          ciLow: h.ciLow,
          ciHigh: h.ciHigh,
          atRisk: h.nRisk,
          events: h.estimate === null ? null : h.events,
        })),
      );
    }),
    curves: t.monthly.map((c) => ({
      group: c.group,
      points: c.points.map((p) => ({ month: p.month, estimate: p.estimate, atRisk: p.nRisk, events: p.events })),
    })),
    grayTest: { statistic: t.grayTest.statistic, df: t.grayTest.df, pValue: t.grayTest.pValue },
    causeSpecificHazardRatio: {
      n: cox?.n ?? null,
      events: cox?.nEvents ?? null,
      covariates: cox === null ? [] : [...cox.covariates],
      hazardRatio: { estimate: cox?.hazardRatio ?? null, ciLow: cox?.ciLow ?? null, ciHigh: cox?.ciHigh ?? null, pValue: cox?.pValue ?? null },
      converged: cox?.converged ?? false,
      clusterBy,
      clusters: cox?.clusters ?? null,
      strata: cox?.strata ?? null,
    },
    subdistributionHazardRatio: {
      n: fg?.n ?? null,
      events: fg?.nEvents ?? null,
      covariates: fg === null ? [] : [...fg.covariates],
      hazardRatio: { estimate: fg?.hazardRatio ?? null, ciLow: fg?.ciLow ?? null, ciHigh: fg?.ciHigh ?? null, pValue: fg?.pValue ?? null },
      converged: fg?.converged ?? false,
    },
    weightedDifference: w.horizons.map((h) => ({ months: h.months, estimate: h.difference, ciLow: h.ciLow, ciHigh: h.ciHigh })),
    weighting: {
      n: w.n,
      clusterBy: w.clusterBy,
      clusters: w.clusters,
      replicates: w.replicates,
      failedReplicates: w.failedReplicates,
      seed: w.seed,
      effectiveSampleSizeUsual: w.effectiveSampleSizeUsual,
      maxWeight: w.maxWeight,
    },
  };
}
