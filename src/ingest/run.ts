import { InputError } from '../errors.js';
import { cellParsers, type CellParsers } from './cells.js';
import { FileReader } from './fileReader.js';
import { buildVocabulary, type Vocabulary } from './mapping.js';
import { noticeMessageEn, rejectionMessageEn } from './messages.js';
import { matchKey, safeEcho } from './normalise.js';
import { encodingDamage, OfficeNames, resolveDamagedKey } from './office.js';
import { Int32Pages, PageArena, Uint16Pages } from './pages.js';
import { PersonIndex } from './personIndex.js';
import type { OpenedTable } from './tableReader.js';
import {
  CANONICAL_COLUMNS,
  type CanonicalColumn,
  type CanonicalRecord,
  type CanonicalSink,
  type FileSummary,
  type IdScope,
  type IngestNotice,
  type IngestOptions,
  type IngestSummary,
  type LabelledColumn,
  type NoticeCode,
  type NoticeReason,
  type Outcome,
  type Place,
  type RejectedRecord,
  type SkippedFile,
  type UnknownLabel,
} from './types.js';

/** Places kept per notice and per unknown label. */
const MAX_EXAMPLES = 5;

export type IndexedRejection = RejectedRecord & {
  fileIndex: number;
};

/** Notices counted row by row: an optional value read as missing. */
type RowNoticeCode = 'INVALID_AGE' | 'INVALID_DATE' | 'UNKNOWN_GENDER' | 'UNKNOWN_PRIOR_WORK';

/** Rows of a person_id seen more than once: [fileIndex, line] pairs and their canonical records. */
interface Repeated {
  rows: number[];
  records: CanonicalRecord[];
  conflicted: boolean;
}

/** Outcome codes for the packed `small` value compared between a person's rows (0 = not registered). */
const OUTCOME_CODE: Record<string, number> = { job: 1, apprenticeship: 2, education: 3, none: 4 };
const OUTCOME_OF = [null, 'job', 'apprenticeship', 'education', 'none'] as const;

/** A canonical yyyy-mm-dd date as the integer yyyymmdd; -1 for none. */
function dateNumber(iso: string | null): number {
  if (iso === null) return -1;
  // Written out, without helper calls: on a pilot most rows are read before V8 has
  // optimised (and inlined) anything, and every call costs.
  return (
    ((iso.charCodeAt(0) - 48) * 1000 + (iso.charCodeAt(1) - 48) * 100 + (iso.charCodeAt(2) - 48) * 10 + (iso.charCodeAt(3) - 48)) * 10000 +
    ((iso.charCodeAt(5) - 48) * 10 + (iso.charCodeAt(6) - 48)) * 100 +
    (iso.charCodeAt(8) - 48) * 10 +
    (iso.charCodeAt(9) - 48)
  );
}

function isoOf(date: number): string | null {
  if (date === -1) return null;
  const text = String(date);
  return `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
}

/** What a run knows of one office spelling: its key (interned) and whether its text is damaged. */
interface SpellingInfo {
  key: string;
  /** The spelling first seen of this key, which records carry (see representative). */
  representative: string;
  office: number;
  damage: 'replacement' | 'mojibake' | null;
  /** Valid rows read with this spelling. */
  rows: number;
  /** Where a damaged spelling was first seen (at most MAX_EXAMPLES). */
  examples: Place[];
}

/**
 * One ingest run over several files: rows become records (to the sink) or
 * rejections; duplicates and conflicts are settled across files; offices written
 * in several ways are merged; notices and unknown labels are counted with their
 * first places.
 */
export class IngestRun {
  private readonly vocabulary: Vocabulary;
  private readonly allow: Set<string>;
  private readonly allowedColumns: string[] = [];
  private readonly files: FileSummary[] = [];
  private readonly skipped: SkippedFile[] = [];
  /** Per file read: its place among the inputs listed (a skipped .txt leaves a gap). */
  private readonly inputIndex: number[] = [];
  private readonly rejections: IndexedRejection[] = [];
  private readonly present = { counsellorId: false, age: false, gender: false, priorWork: false };
  private readonly idScope: IdScope;
  private readonly notices = new Map<string, IngestNotice>();
  private readonly labels = new Map<string, UnknownLabel>();
  /** Rows read per group (any outcome), and rejected; rows rejected whose group could not be read. */
  readonly groupRows = { hybrid: { read: 0, rejected: 0 }, usual: { read: 0, rejected: 0 }, unknown: 0 };

  /**
   * Duplicates and conflicts, settled as rows arrive. A person's first valid row
   * goes to the sink and gets a slot holding its canonical content as integers
   * (interned strings, yyyymmdd dates, packed codes), its file, line and sink
   * index; later rows are compared with it. Per person: 18 bytes here (paged
   * columns), and about 10 bytes plus its person_id's bytes in PersonIndex.
   */
  /** Where the per-person columns' pages come from (let go with them, see releasePersons). */
  private arena = new PageArena();
  private persons = new PersonIndex(this.arena);
  /**
   * PersonIndex's number of a person_id → the slot of its first (office, person_id),
   * kept only from the first number that differs (an id in several offices);
   * before it, number and slot are the same.
   */
  private indexSlot = new Int32Pages(this.arena);
  /** Under --id-scope office: (office, person_id) → slot, for a person_id first seen in another office. */
  private otherOffice = new Map<string, number>();
  /** Slots whose person_id also occurs in another office. */
  private readonly inSeveralOffices = new Set<number>();
  /**
   * Per file read: its first slot. Files are read one after the other, so a
   * slot's file is the last one starting at or before it (4 bytes a person less
   * than a column of files).
   */
  private readonly firstSlot: number[] = [];
  private slotLine = new Int32Pages(this.arena);
  /** A slot's index in the sink where it is not the slot itself (sinks number records in order of add, as slots are). */
  private sinkIndex = new Map<number, number>();
  /** A slot's office and counsellor, as one number (see placeOf): 4 bytes a person less than two columns. */
  private slotPlace = new Int32Pages(this.arena);
  /** Per place number: its office and counsellor (interned ids, -1 for no counsellor). */
  private readonly placeOffice: number[] = [];
  private readonly placeCounsellor: number[] = [];
  /** Office id → counsellor id → place number. */
  private readonly places = new Map<number, Map<number, number>>();
  /** The last place looked up (rows of one counsellor mostly come together). */
  private lastPlace = -1;
  private slotStart = new Int32Pages(this.arena);
  private slotEnd = new Int32Pages(this.arena);
  /** Group, outcome, age, gender and prior work packed in 16 bits (see propose). */
  private slotSmall = new Uint16Pages(this.arena);
  private repeated = new Map<number, Repeated>();
  /** Interned canonical strings (office keys, counsellors) → id, and back. */
  private readonly interned = new Map<string, number>();
  private readonly internedText: string[] = [];
  private readonly officeNames = new OfficeNames();
  /** Office spelling → what the run knows of it (memo; the last one first). */
  private readonly spellings = new Map<string, SpellingInfo>();
  private lastSpelling: SpellingInfo | null = null;
  private lastSpellingText = '';
  /** Office key → the spelling first seen, which records carry until the end. */
  private readonly representative = new Map<string, string>();

  /** Cell parsers, memoised: labels, dates, offices and counsellors repeat a lot. */
  readonly parsers: CellParsers;

  constructor(
    private readonly options: IngestOptions,
    private readonly sink: CanonicalSink,
  ) {
    this.vocabulary = buildVocabulary(options.mapping);
    this.allow = new Set((options.allowColumns ?? []).map(matchKey));
    this.parsers = cellParsers(this.vocabulary);
    this.idScope = options.idScope ?? 'office';
  }

  /** Does the sink read record.personId (see CanonicalSink.readsPersonId)? */
  get readsPersonId(): boolean {
    return this.sink.readsPersonId !== false;
  }

  get vocab(): Vocabulary {
    return this.vocabulary;
  }

  skipFile(file: SkippedFile): void {
    this.skipped.push(file);
  }

  /** Reads one opened input; `inputIndex` is its place among the inputs listed (for progress). */
  readFile(name: string, table: OpenedTable, compression: FileSummary['compression'], inputIndex: number): void {
    const fileIndex = this.files.length;
    this.inputIndex[fileIndex] = inputIndex;
    this.firstSlot[fileIndex] = this.slotLine.length;
    const summary: FileSummary = {
      path: name,
      format: table.format,
      compression,
      sheet: table.sheet,
      encoding: table.encoding,
      delimiter: table.delimiter,
      headerLine: table.header.line,
      sepLine: table.sepLine,
      headerLanguage: 'mixed',
      columns: [],
      rowsRead: 0,
      rowsAccepted: 0,
      rowsRejected: 0,
      duplicateRows: 0,
    };
    this.files.push(summary);
    this.options.onProgress?.(inputIndex, 0);
    const reader = new FileReader(this, fileIndex, name, summary, table.delimiter, table.header.line, table.hits, table.fraction);
    table.read(reader);
    // A pipe's encoding is decided as it is read.
    summary.encoding = table.encoding;
    if (!reader.hasHeader) throw new InputError(`${name}: the file is empty (no header line)`, 'EMPTY_FILE');
    if (table.header.line > 1) {
      const params = { file: name, headerLine: table.header.line, sepLine: table.sepLine };
      this.addNotice({ code: 'LINES_BEFORE_HEADER', params }, null, 1, [{ file: name, line: 1 }], name);
    }
    if (table.otherSheets.length > 0) {
      const params = { file: name, sheet: safeEcho(table.sheet ?? ''), ignored: table.otherSheets.map((s) => safeEcho(s)) };
      this.addNotice({ code: 'SHEETS_IGNORED', params }, null, table.otherSheets.length, [{ file: name, line: 1 }], name);
    }
    this.options.onProgress?.(inputIndex, 1);
  }

  /** Reports progress within a file (see IngestOptions.onProgress). */
  progress(fileIndex: number, fraction: number): void {
    this.options.onProgress?.(this.inputIndex[fileIndex], fraction);
  }

  isAllowed(header: string, column: CanonicalColumn | null): boolean {
    const allowed = this.allow.has(matchKey(header)) || (column !== null && this.allow.has(matchKey(column)));
    if (allowed && !this.allowedColumns.includes(header)) this.allowedColumns.push(header);
    return allowed;
  }

  markPresent(columns: Set<CanonicalColumn>): void {
    if (columns.has('counsellor_id')) this.present.counsellorId = true;
    if (columns.has('age')) this.present.age = true;
    if (columns.has('gender')) this.present.gender = true;
    if (columns.has('prior_work')) this.present.priorWork = true;
  }

  reject(rejection: IndexedRejection): void {
    this.rejections.push(rejection);
    this.files[rejection.fileIndex].rowsRejected++;
    if (rejection.code === 'TOTAL_ROW') return;
    if (rejection.group === null) this.groupRows.unknown++;
    else this.groupRows[rejection.group].rejected++;
    if (rejection.group !== null && rejection.code !== 'CONFLICTING_ID') this.groupRows[rejection.group].read++;
  }

  /** Counts a row whose optional value became missing (or another per-row notice). */
  notice(code: RowNoticeCode, column: CanonicalColumn | null, fileIndex: number, line: number): void {
    const key = `${code}\u0000${column ?? ''}\u0000`;
    const found = this.notices.get(key);
    if (found !== undefined) {
      found.count++;
      if (found.examples.length < MAX_EXAMPLES) found.examples.push({ file: this.files[fileIndex].path, line });
      return;
    }
    this.notices.set(key, { code, params: {}, column, count: 1, examples: [{ file: this.files[fileIndex].path, line }], message: '' });
  }

  /** A notice of the whole run or file; its message is written at the end (finish). */
  private addNotice(reason: NoticeReason, column: CanonicalColumn | null, count: number, examples: IngestNotice['examples'], detail: string): void {
    this.notices.set(`${reason.code}\u0000${column ?? ''}\u0000${detail}`, { ...reason, column, count, examples, message: '' });
  }

  /** Counts one row's unknown label. */
  unknownLabel(column: LabelledColumn, raw: string, fileIndex: number, line: number, effect: UnknownLabel['effect']): void {
    const label = safeEcho(raw.trim(), 60);
    const key = `${column}\u0000${label}`;
    const found = this.labels.get(key);
    if (found !== undefined) found.count++;
    else this.labels.set(key, { column, label, count: 1, first: { file: this.files[fileIndex].path, line }, effect });
  }

  private intern(value: string | null): number {
    if (value === null) return -1;
    let id = this.interned.get(value);
    if (id === undefined) {
      id = this.interned.size;
      this.interned.set(value, id);
      this.internedText.push(value);
    }
    return id;
  }

  private spelling(spelling: string): SpellingInfo {
    if (spelling === this.lastSpellingText && this.lastSpelling !== null) return this.lastSpelling;
    let info = this.spellings.get(spelling);
    if (info === undefined) {
      const key = this.parsers.officeKey(spelling);
      if (!this.representative.has(key)) this.representative.set(key, spelling);
      const representative = this.representative.get(key)!;
      info = { key, representative, office: this.intern(`\u0001${key}`), damage: encodingDamage(spelling), rows: 0, examples: [] };
      this.spellings.set(spelling, info);
    }
    this.lastSpelling = info;
    this.lastSpellingText = spelling;
    return info;
  }

  /**
   * A valid row: accepted, a duplicate, or the row that makes its person
   * conflicting. The streaming reader gives the person_id as its ASCII bytes
   * too (idBytes[idStart, idEnd)), and may leave record.personId '' for a sink
   * that does not read it (CanonicalSink.readsPersonId): it is made here when needed.
   */
  propose(record: CanonicalRecord, fileIndex: number, line: number, idBytes?: Buffer, idStart = 0, idEnd = 0): void {
    const spelling = record.office;
    const info = this.spelling(spelling);
    info.rows++;
    if (info.damage !== null && info.examples.length < MAX_EXAMPLES) info.examples.push({ file: this.files[fileIndex].path, line });
    record.office = info.representative;
    const office = info.office;
    this.groupRows[record.group].read++;
    const counsellor = this.intern(record.counsellorId);
    const place = this.placeOf(office, counsellor);
    const start = dateNumber(record.startDate);
    const end = dateNumber(record.endDate);
    const small =
      (record.group === 'hybrid' ? 1 : 0) |
      ((record.outcome === null ? 0 : OUTCOME_CODE[record.outcome]) << 1) |
      ((record.age === null ? 0 : record.age + 1) << 4) |
      ((record.gender === null ? 0 : record.gender === 'F' ? 1 : 2) << 12) |
      ((record.priorWork === null ? 0 : record.priorWork + 1) << 14);
    // PersonIndex numbers person_ids; slots also go to (office, person_id) pairs, so map its numbers.
    const known = idBytes === undefined ? this.persons.slotOrAdd(record.personId) : this.persons.slotOrAddBytes(idBytes, idStart, idEnd);
    if (known === -1 && (this.indexSlot.length > 0 || this.slotLine.length !== this.persons.size - 1)) {
      // Numbers and slots part from here: keep the map, filled with the numbers before.
      while (this.indexSlot.length < this.persons.size - 1) this.indexSlot.push(this.indexSlot.length);
      this.indexSlot.push(this.slotLine.length);
    }
    let slot = known === -1 ? -1 : known < this.indexSlot.length ? this.indexSlot.get(known) : known;
    if (slot !== -1 && record.personId === '' && idBytes !== undefined) record.personId = idBytes.latin1Slice(idStart, idEnd);
    if (slot !== -1 && this.idScope === 'office' && this.placeOffice[this.slotPlace.get(slot)] !== office) {
      // The same person_id in another office: another person (offices that number their users 1..N).
      this.inSeveralOffices.add(slot);
      const key = `${office}\u0000${record.personId}`;
      const other = this.otherOffice.get(key);
      if (other === undefined) {
        this.otherOffice.set(key, this.slotLine.length);
        slot = -1;
      } else {
        slot = other;
      }
    }
    if (slot === -1) {
      this.slotLine.push(line);
      this.slotPlace.push(place);
      this.slotStart.push(start);
      this.slotEnd.push(end);
      this.slotSmall.push(small);
      const index = this.sink.add(record);
      if (index !== this.slotLine.length - 1) this.sinkIndex.set(this.slotLine.length - 1, index);
      this.files[fileIndex].rowsAccepted++;
      return;
    }
    let repeated = this.repeated.get(slot);
    if (repeated === undefined) {
      repeated = { rows: [this.fileOf(slot), this.slotLine.get(slot)], records: [this.recordOf(slot, record.personId)], conflicted: false };
      this.repeated.set(slot, repeated);
    }
    repeated.rows.push(fileIndex, line);
    repeated.records.push({ ...record, office: spelling });
    if (repeated.conflicted) return;
    const same =
      this.slotPlace.get(slot) === place && this.slotStart.get(slot) === start && this.slotEnd.get(slot) === end && this.slotSmall.get(slot) === small;
    if (same) {
      this.files[fileIndex].duplicateRows++;
      return;
    }
    // Every row of this person is rejected: take back the accepted one and un-count the duplicates.
    repeated.conflicted = true;
    this.sink.remove(this.sinkIndex.get(slot) ?? slot);
    this.files[this.fileOf(slot)].rowsAccepted--;
    for (let k = 2; k < repeated.rows.length - 2; k += 2) this.files[repeated.rows[k]].duplicateRows--;
  }

  /** The number of an (office, counsellor) pair, given in order of first appearance. */
  private placeOf(office: number, counsellor: number): number {
    const last = this.lastPlace;
    if (last !== -1 && this.placeOffice[last] === office && this.placeCounsellor[last] === counsellor) return last;
    let counsellors = this.places.get(office);
    if (counsellors === undefined) {
      counsellors = new Map();
      this.places.set(office, counsellors);
    }
    let place = counsellors.get(counsellor);
    if (place === undefined) {
      place = this.placeOffice.push(office) - 1;
      this.placeCounsellor.push(counsellor);
      counsellors.set(counsellor, place);
    }
    this.lastPlace = place;
    return place;
  }

  /** The file of a slot's first row (see firstSlot). */
  private fileOf(slot: number): number {
    let low = 0;
    let high = this.firstSlot.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (this.firstSlot[middle] <= slot) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /** The canonical content of a slot's first row, from what the slot holds. */
  private recordOf(slot: number, personId: string): CanonicalRecord {
    const small = this.slotSmall.get(slot);
    const gender = (small >> 12) & 3;
    const priorWork = (small >> 14) & 3;
    const age = (small >> 4) & 0xff;
    const place = this.slotPlace.get(slot);
    const counsellor = this.placeCounsellor[place];
    const officeKey = this.internedText[this.placeOffice[place]].slice(1);
    return {
      personId,
      office: this.representative.get(officeKey) ?? officeKey,
      counsellorId: counsellor === -1 ? null : this.internedText[counsellor],
      group: (small & 1) === 1 ? 'hybrid' : 'usual',
      outcome: OUTCOME_OF[(small >> 1) & 7] as Outcome | null,
      age: age === 0 ? null : age - 1,
      gender: gender === 0 ? null : gender === 1 ? 'F' : 'M',
      priorWork: priorWork === 0 ? null : ((priorWork - 1) as 0 | 1),
      startDate: isoOf(this.slotStart.get(slot)),
      endDate: isoOf(this.slotEnd.get(slot)),
    };
  }

  /**
   * Lets the per-person state go once the run is settled (hundreds of MB at ten
   * million persons), even while something still holds the run, so that the
   * table built next need not share memory with it.
   */
  private releasePersons(): void {
    this.arena = new PageArena();
    this.persons = new PersonIndex(this.arena);
    this.indexSlot = new Int32Pages(this.arena);
    this.otherOffice = new Map();
    this.sinkIndex = new Map();
    this.repeated = new Map();
    this.slotLine = new Int32Pages(this.arena);
    this.slotPlace = new Int32Pages(this.arena);
    this.slotStart = new Int32Pages(this.arena);
    this.slotEnd = new Int32Pages(this.arena);
    this.slotSmall = new Uint16Pages(this.arena);
  }

  finish(): IngestSummary {
    for (const { rows, records, conflicted } of this.repeated.values()) {
      if (!conflicted) continue;
      const count = rows.length / 2;
      const places: Place[] = [];
      for (let k = 0; k < Math.min(count, 5); k++) places.push({ file: this.files[rows[2 * k]].path, line: rows[2 * k + 1] });
      const reason = { code: 'CONFLICTING_ID', params: { rows: count, places, more: Math.max(0, count - 5), scope: this.idScope } } as const;
      const message = rejectionMessageEn(reason);
      for (let k = 0; k < count; k++) {
        const r = records[k];
        this.reject({
          fileIndex: rows[2 * k],
          file: this.files[rows[2 * k]].path,
          line: rows[2 * k + 1],
          field: 'person_id',
          ...reason,
          message,
          cells: canonicalCellsOf(r),
          group: r.group,
        });
      }
    }
    for (const [spelling, info] of this.spellings) this.officeNames.add(info.key, spelling, info.rows);
    // A name damaged by a wrong encoding (U+FFFD) that fits exactly one other office is that office.
    const resolved = new Map<string, string>();
    for (const key of this.representative.keys()) {
      const into = resolveDamagedKey(key, this.representative.keys());
      if (into === null) continue;
      resolved.set(key, into);
      this.officeNames.absorb(key, into);
    }
    for (const [spelling, info] of this.spellings) {
      if (info.damage === null) continue;
      const into = resolved.get(info.key);
      const params = {
        spelling: safeEcho(spelling),
        damage: info.damage,
        resolution: info.damage === 'mojibake' ? 'repaired' : into === undefined ? 'keptApart' : 'merged',
        into: info.damage !== 'mojibake' && into !== undefined ? safeEcho(this.officeNames.display(into)) : '',
      } as const;
      this.addNotice({ code: 'OFFICE_NAME_ENCODING', params }, 'office', info.rows, info.examples, spelling);
    }
    // Offices: records carry the first spelling seen; the sink learns the one printed.
    const names = new Map<string, string>();
    for (const [key, first] of this.representative) names.set(first, this.officeNames.display(resolved.get(key) ?? key));
    this.sink.nameOffices?.(names);
    const merged = this.officeNames.merged();
    for (const office of merged) {
      const params = {
        office: safeEcho(office.name),
        spellings: office.spellings.slice(1).map((s) => ({ spelling: safeEcho(s.spelling), rows: s.rows })),
      };
      this.addNotice(
        { code: 'OFFICE_SPELLINGS_MERGED', params },
        'office',
        office.spellings.reduce((n, s) => n + s.rows, 0),
        [],
        office.name,
      );
    }
    if (this.inSeveralOffices.size > 0) {
      this.addNotice({ code: 'ID_IN_SEVERAL_OFFICES', params: {} }, 'person_id', this.inSeveralOffices.size, [], '');
    }
    for (const notice of this.notices.values()) notice.message = noticeMessageEn(notice);

    const rejections = this.rejections
      .map((r, order) => ({ r, order }))
      .sort((a, b) => a.r.fileIndex - b.r.fileIndex || a.r.line - b.r.line || a.order - b.order)
      .map(({ r }) => {
        const { fileIndex: _fileIndex, ...rejection } = r;
        return rejection;
      });
    const sum = (key: 'rowsRead' | 'rowsAccepted' | 'rowsRejected' | 'duplicateRows') => this.files.reduce((total, file) => total + file[key], 0);
    const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    this.releasePersons();
    return {
      files: this.files,
      skippedFiles: [...this.skipped],
      rejections,
      notices: [...this.notices.values()].sort(
        (a, b) => NOTICE_ORDER.indexOf(a.code) - NOTICE_ORDER.indexOf(b.code) || order(a.column ?? '', b.column ?? '') || order(a.message, b.message),
      ),
      unknownLabels: [...this.labels.values()].sort((a, b) => order(a.column, b.column) || b.count - a.count || order(a.label, b.label)),
      officeSpellings: merged.map(({ name, spellings }) => ({ name, spellings })),
      idScope: this.idScope,
      rowsRead: sum('rowsRead'),
      rowsAccepted: sum('rowsAccepted'),
      rowsRejected: sum('rowsRejected'),
      duplicateRows: sum('duplicateRows'),
      rowsByGroup: { hybrid: { ...this.groupRows.hybrid }, usual: { ...this.groupRows.usual }, unknown: this.groupRows.unknown },
      columnsPresent: { ...this.present },
      allowedColumns: [...this.allowedColumns],
    };
  }
}

const NOTICE_ORDER: NoticeCode[] = [
  'LINES_BEFORE_HEADER',
  'SHEETS_IGNORED',
  'OFFICE_SPELLINGS_MERGED',
  'OFFICE_NAME_ENCODING',
  'ID_IN_SEVERAL_OFFICES',
  'INVALID_AGE',
  'UNKNOWN_GENDER',
  'UNKNOWN_PRIOR_WORK',
  'INVALID_DATE',
];

/** A record's canonical values in CANONICAL_COLUMNS order, for --rejects. */
function canonicalCellsOf(r: CanonicalRecord): (string | null)[] {
  const values: Record<CanonicalColumn, string | null> = {
    person_id: r.personId,
    office: r.office,
    counsellor_id: r.counsellorId,
    group: r.group,
    outcome: r.outcome ?? '',
    age: r.age === null ? '' : String(r.age),
    gender: r.gender ?? '',
    prior_work: r.priorWork === null ? '' : String(r.priorWork),
    start_date: r.startDate ?? '',
    end_date: r.endDate ?? '',
  };
  return CANONICAL_COLUMNS.map((c) => values[c]);
}
