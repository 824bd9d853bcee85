import { GROUPS, OUTCOMES, type CanonicalRecord, type IngestResult } from '../ingest/types.js';
import { MISSING_OUTCOME, type OutcomeCounts, type PersonColumns } from './types.js';

export interface AnalysisTable {
  counts: OutcomeCounts;
  persons: PersonColumns;
}

const OUTCOME_INDEX = new Map<string, number>(OUTCOMES.map((o, i) => [o, i]));
const GROUP_INDEX = new Map<string, number>(GROUPS.map((g, i) => [g, i]));

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Builds the sufficient statistics from accepted records: outcome counts per
 * office × group × outcome, and person-level covariate columns in typed arrays.
 * Offices are sorted by code point, so the output does not depend on file order.
 */
export function buildTable(
  records: readonly CanonicalRecord[],
  columnsPresent: IngestResult['columnsPresent'],
): AnalysisTable {
  const officeNames = [...new Set(records.map((r) => r.office))].sort(byCodePoint);
  const officeIndex = new Map(officeNames.map((o, i) => [o, i]));
  const counsellorKeys = [
    ...new Set(records.filter((r) => r.counsellorId !== null).map((r) => counsellorKey(r.office, r.counsellorId!))),
  ].sort(byCodePoint);
  const counsellorIndex = new Map(counsellorKeys.map((c, i) => [c, i]));

  const n = records.length;
  const counts = new Float64Array(officeNames.length * GROUPS.length * (OUTCOMES.length + 1));
  const persons: PersonColumns = {
    n,
    offices: officeNames,
    counsellors: counsellorKeys,
    office: new Int32Array(n),
    counsellor: new Int32Array(n),
    hybrid: new Uint8Array(n),
    outcome: new Int8Array(n),
    age: new Float64Array(n),
    female: new Int8Array(n),
    priorWork: new Int8Array(n),
    has: {
      counsellor: columnsPresent.counsellorId,
      age: columnsPresent.age,
      gender: columnsPresent.gender,
      priorWork: columnsPresent.priorWork,
    },
  };
  for (let i = 0; i < n; i++) {
    const r = records[i];
    const office = officeIndex.get(r.office)!;
    const group = GROUP_INDEX.get(r.group)!;
    const outcome = r.outcome === null ? MISSING_OUTCOME : OUTCOME_INDEX.get(r.outcome)!;
    counts[(office * GROUPS.length + group) * (OUTCOMES.length + 1) + outcome] += 1;
    persons.office[i] = office;
    persons.counsellor[i] = r.counsellorId === null ? -1 : counsellorIndex.get(counsellorKey(r.office, r.counsellorId))!;
    persons.hybrid[i] = r.group === 'hybrid' ? 1 : 0;
    persons.outcome[i] = r.outcome === null ? -1 : outcome;
    persons.age[i] = r.age ?? Number.NaN;
    persons.female[i] = r.gender === null ? -1 : r.gender === 'F' ? 1 : 0;
    persons.priorWork[i] = r.priorWork ?? -1;
  }
  return { counts: { offices: officeNames, counts }, persons };
}

/** Counsellor ids are local to an office, so clusters are keyed by both. */
function counsellorKey(office: string, counsellorId: string): string {
  return `${office}\u0000${counsellorId}`;
}

/** Count for one office × group × outcome cell (outcome 4 = missing). */
export function cell(counts: OutcomeCounts, office: number, group: number, outcome: number): number {
  return counts.counts[(office * GROUPS.length + group) * (OUTCOMES.length + 1) + outcome];
}

/** Counts summed over offices: [group][outcome 0..4]. */
export function pooledCounts(counts: OutcomeCounts): number[][] {
  return GROUPS.map((_, g) =>
    Array.from({ length: OUTCOMES.length + 1 }, (_, o) => {
      let sum = 0;
      for (let k = 0; k < counts.offices.length; k++) sum += cell(counts, k, g, o);
      return sum;
    }),
  );
}
