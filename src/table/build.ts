import { GROUPS, OUTCOMES, type CanonicalRecord, type CanonicalSink, type IngestSummary } from '../ingest/types.js';
import { Int32Pages, Int8Pages, PageArena } from '../ingest/pages.js';
import { emptyPersonColumns, isoDay, MISSING_OUTCOME, type OutcomeCounts, type PersonColumns } from './types.js';

export interface AnalysisTable {
  counts: OutcomeCounts;
  persons: PersonColumns;
  /** Counsellor ids that occur in more than one office (they form one cluster each). */
  counsellorsInSeveralOffices: number;
}

const OUTCOME_INDEX = new Map<string, number>(OUTCOMES.map((o, i) => [o, i]));
const CELLS_PER_OFFICE = GROUPS.length * (OUTCOMES.length + 1);

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A CanonicalSink that keeps only what the analyses need, per person in paged
 * typed arrays (18 bytes a person while reading: office 4, counsellor 4, codes 1,
 * age 1, start and end day 4 each; dates 1900–2100 span more days than 16 bits
 * hold; pages, not doubled arrays, so nothing is copied or over-allocated), with
 * office and counsellor names interned: ingestInto(paths, options, builder), then
 * builder.finish(). Offices and counsellors are numbered in order of appearance
 * while reading, and renumbered by code point at the end, so the result does not
 * depend on file order; persons stay in reading order.
 */
export class TableBuilder implements CanonicalSink {
  /** Persons are numbered by the reader; their ids are not kept here. */
  readonly readsPersonId = false;
  private removed = 0;
  private arena = new PageArena();
  private office = new Int32Pages(this.arena);
  /** Counsellor number, -1 when missing; -2 marks a removed person. */
  private counsellor = new Int32Pages(this.arena);
  /** bit 0 hybrid; bits 1–3 outcome index + 1 (0 = missing); bits 4–5 female + 1; bits 6–7 priorWork + 1. */
  private codes = new Int8Pages(this.arena);
  /** Age, or -1 when missing (ages are whole numbers from 15 to 80). */
  private age = new Int8Pages(this.arena);
  /** start_date and end_date as days since 1970-01-01, or MISSING_DAY. */
  private startDay = new Int32Pages(this.arena);
  private endDay = new Int32Pages(this.arena);

  private readonly officeNames: string[] = [];
  private readonly officeNumber = new Map<string, number>();
  /** Per office number: counsellor id → counsellor number. */
  private readonly counsellorNumber: Map<string, number>[] = [];
  /** Per counsellor number: [office number, counsellor id]. */
  private readonly counsellorOf: [number, string][] = [];

  private releasePagesBefore(index: number): void {
    this.office.releaseBefore(index);
    this.counsellor.releaseBefore(index);
    this.codes.releaseBefore(index);
    this.age.releaseBefore(index);
    this.startDay.releaseBefore(index);
    this.endDay.releaseBefore(index);
  }

  /** Persons added (removed ones included). */
  private get length(): number {
    return this.office.length;
  }

  add(record: CanonicalRecord): number {
    const i = this.length;
    let office = this.officeNumber.get(record.office);
    if (office === undefined) {
      office = this.officeNames.push(record.office) - 1;
      this.officeNumber.set(record.office, office);
      this.counsellorNumber.push(new Map());
    }
    let counsellor = -1;
    if (record.counsellorId !== null) {
      const numbers = this.counsellorNumber[office];
      const known = numbers.get(record.counsellorId);
      if (known === undefined) {
        counsellor = this.counsellorOf.push([office, record.counsellorId]) - 1;
        numbers.set(record.counsellorId, counsellor);
      } else {
        counsellor = known;
      }
    }
    const outcome = record.outcome === null ? 0 : OUTCOME_INDEX.get(record.outcome)! + 1;
    const female = record.gender === null ? 0 : record.gender === 'F' ? 2 : 1;
    const priorWork = record.priorWork === null ? 0 : record.priorWork + 1;
    this.office.push(office);
    this.counsellor.push(counsellor);
    this.codes.push((record.group === 'hybrid' ? 1 : 0) | (outcome << 1) | (female << 4) | (priorWork << 6));
    this.age.push(record.age === null ? -1 : record.age);
    this.startDay.push(isoDay(record.startDate));
    this.endDay.push(isoDay(record.endDate));
    return i;
  }

  /** Offices are printed by their most frequent spelling (see CanonicalSink.nameOffices). */
  nameOffices(names: Map<string, string>): void {
    for (let k = 0; k < this.officeNames.length; k++) this.officeNames[k] = names.get(this.officeNames[k]) ?? this.officeNames[k];
  }

  remove(index: number): void {
    if (index < 0 || index >= this.length || this.counsellor.get(index) === -2) return;
    this.counsellor.set(index, -2);
    this.removed++;
  }

  /** The counts and person columns of the persons added and not removed; the builder is empty afterwards. */
  finish(columnsPresent: IngestSummary['columnsPresent']): AnalysisTable {
    // Offices and counsellors seen only on removed persons are left out.
    const officeUsed = new Uint8Array(this.officeNames.length);
    const counsellorUsed = new Uint8Array(this.counsellorOf.length);
    for (let i = 0; i < this.length; i++) {
      const counsellor = this.counsellor.get(i);
      if (counsellor === -2) continue;
      officeUsed[this.office.get(i)] = 1;
      if (counsellor >= 0) counsellorUsed[counsellor] = 1;
    }
    // Unique: two spellings may have been given one name (see nameOffices).
    const officeNames = [...new Set(this.officeNames.filter((_, k) => officeUsed[k] === 1))].sort(byCodePoint);
    const officeRank = new Int32Array(this.officeNames.length);
    this.officeNames.forEach((name, k) => {
      officeRank[k] = officeNames.indexOf(name);
    });
    // A counsellor is identified by counsellor_id alone, as R's vcovCL(cluster = ~counsellor_id).
    const keys = this.counsellorOf.map(([, id]) => id);
    const officesOf = new Map<string, Set<number>>();
    this.counsellorOf.forEach(([office, id], c) => {
      if (counsellorUsed[c] === 1) officesOf.set(id, (officesOf.get(id) ?? new Set()).add(officeRank[office]));
    });
    const counsellorsInSeveralOffices = [...officesOf.values()].filter((set) => set.size > 1).length;
    const counsellorKeys = [...new Set(keys.filter((_, c) => counsellorUsed[c] === 1))].sort(byCodePoint);
    const sortedIndex = new Map(counsellorKeys.map((key, k) => [key, k]));
    const counsellorRank = Int32Array.from(keys, (key) => sortedIndex.get(key) ?? -1);

    const n = this.length - this.removed;
    const counts = new Float64Array(officeNames.length * CELLS_PER_OFFICE);
    const persons = emptyPersonColumns(n, officeNames, counsellorKeys, {
      counsellor: columnsPresent.counsellorId,
      age: columnsPresent.age,
      gender: columnsPresent.gender,
      priorWork: columnsPresent.priorWork,
    });
    let j = 0;
    for (let i = 0; i < this.length; i++) {
      const counsellor = this.counsellor.get(i);
      if (counsellor === -2) continue;
      const office = officeRank[this.office.get(i)];
      const code = this.codes.get(i);
      const hybrid = code & 1;
      const outcome = ((code >> 1) & 7) - 1;
      counts[office * CELLS_PER_OFFICE + (1 - hybrid) * (OUTCOMES.length + 1) + (outcome === -1 ? MISSING_OUTCOME : outcome)] += 1;
      persons.office[j] = office;
      persons.counsellor[j] = counsellor === -1 ? -1 : counsellorRank[counsellor];
      persons.hybrid[j] = hybrid;
      persons.outcome[j] = outcome;
      const age = this.age.get(i);
      persons.age[j] = age === -1 ? Number.NaN : age;
      persons.female[j] = ((code >> 4) & 3) - 1;
      persons.priorWork[j] = ((code >> 6) & 3) - 1;
      persons.startDay[j] = this.startDay.get(i);
      persons.endDay[j] = this.endDay.get(i);
      j++;
      // Pages read are let go, so that the builder and the columns are not held whole at once.
      if ((i & 0xffff) === 0xffff) this.releasePagesBefore(i + 1);
    }
    // The builder is spent: let its arrays go while the analyses run.
    this.arena = new PageArena();
    this.office = new Int32Pages(this.arena);
    this.counsellor = new Int32Pages(this.arena);
    this.codes = new Int8Pages(this.arena);
    this.age = new Int8Pages(this.arena);
    this.startDay = new Int32Pages(this.arena);
    this.endDay = new Int32Pages(this.arena);
    this.removed = 0;
    return { counts: { offices: officeNames, counts }, persons, counsellorsInSeveralOffices };
  }
}

/**
 * Builds the sufficient statistics from accepted records: outcome counts per
 * office × group × outcome, and person-level covariate columns in typed arrays.
 * Offices are sorted by code point, so the output does not depend on file order.
 * (The report streams records into a TableBuilder instead of holding them.)
 */
export function buildTable(records: readonly CanonicalRecord[], columnsPresent: IngestSummary['columnsPresent']): AnalysisTable {
  const builder = new TableBuilder();
  for (const record of records) builder.add(record);
  return builder.finish(columnsPresent);
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
