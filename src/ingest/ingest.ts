import { closeSync, fstatSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError, UsageError } from '../errors.js';
import { checkEncodingLabel, decodeBytes } from './decode.js';
import { buildVocabulary, MATCH_RANK, type HeaderMatch, type Vocabulary } from './mapping.js';
import { matchKey, safeEcho } from './normalise.js';
import { readRecordsFast } from './fastReader.js';
import { findIdentityNumber, identityNumberOffsets, isDirectIdentifierHeader } from './personal-data.js';
import { normaliseLineEndings, readRecords, sniffDelimiter, type RecordSink } from './records.js';
import type { Language } from './synonyms.js';
import {
  CANONICAL_COLUMNS,
  type CanonicalColumn,
  type CanonicalRecord,
  type CanonicalSink,
  type FileSummary,
  type Gender,
  type Group,
  type IngestOptions,
  type IngestResult,
  type IngestSummary,
  type LabelledColumn,
  type Outcome,
  type RejectedRecord,
  type RejectionCode,
} from './types.js';
import { MAX_AGE, MIN_AGE, parseAge, parseDate } from './values.js';

/** Required columns; outcome must be present as a column but its value may be empty. */
export const REQUIRED_COLUMNS: readonly CanonicalColumn[] = ['person_id', 'office', 'group', 'outcome'];
/** File name endings read from a folder. */
export const FOLDER_EXTENSIONS = ['.csv', '.tsv', '.txt'];

/** One input before decoding: the name used in messages and its bytes. */
export interface ByteSource {
  name: string;
  bytes: Uint8Array;
}

/**
 * Reads CSV files, or folders of them, into canonical records with full accounting.
 * A folder contributes its *.csv, *.tsv and *.txt files (any letter case), sorted
 * by name, not recursively; hidden files and Excel/LibreOffice lock files are
 * skipped. `-` reads standard input. A file named twice is read once. Files are
 * read one at a time, so only one file's text is in memory at once.
 */
export async function ingest(paths: string[], options: IngestOptions = {}): Promise<IngestResult> {
  const sink = new RecordCollector();
  const summary = await ingestInto(paths, options, sink);
  return { records: sink.records(), ...summary };
}

/**
 * Like ingest, but each accepted record goes to `sink` as it is read (and is
 * taken back with sink.remove when a later row makes its person_id conflicting),
 * so that the records need not be held in memory. Returns the accounting.
 */
export async function ingestInto(paths: string[], options: IngestOptions, sink: CanonicalSink): Promise<IngestSummary> {
  const files = listInputFiles(paths);
  let stdin: Uint8Array | undefined;
  return ingestInputs(
    files.map((path) =>
      path === '-'
        ? { name: '<stdin>', read: () => (stdin ??= readBytes(path)) }
        : { name: path, read: () => readBytes(path) },
    ),
    options,
    sink,
  );
}

/** A sink that keeps every accepted record, for ingest() and tests. */
export class RecordCollector implements CanonicalSink {
  private readonly kept: (CanonicalRecord | null)[] = [];
  private removed = 0;
  add(record: CanonicalRecord): number {
    // A long person_id sliced from a file's text would keep that text alive.
    if (record.personId.length >= 13) record.personId = detached(record.personId);
    return this.kept.push(record) - 1;
  }
  remove(index: number): void {
    if (this.kept[index] !== null) this.removed++;
    this.kept[index] = null;
  }
  records(): CanonicalRecord[] {
    return this.removed === 0 ? (this.kept as CanonicalRecord[]) : this.kept.filter((r): r is CanonicalRecord => r !== null);
  }
}

/** Expands folders into their input files (see ingest). */
export function listInputFiles(paths: string[]): string[] {
  if (paths.length === 0) throw new UsageError('no input files or folders given');
  const files: string[] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    const key = file === '-' ? '-' : resolve(file);
    if (!seen.has(key)) {
      seen.add(key);
      files.push(file);
    }
  };
  for (const path of paths) {
    if (path === '-') {
      add(path);
      continue;
    }
    let isFolder: boolean;
    try {
      isFolder = statSync(path).isDirectory();
    } catch {
      throw new InputError(`${path}: no such file or folder`, 'INPUT_NOT_FOUND');
    }
    if (!isFolder) {
      add(path);
      continue;
    }
    const names = readdirSync(path, { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name)
      .filter((name) => !name.startsWith('.') && !name.startsWith('~$'))
      .filter((name) => FOLDER_EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext)))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (names.length === 0) {
      throw new InputError(`${path}: the folder holds no .csv, .tsv or .txt files`, 'INPUT_NOT_FOUND');
    }
    for (const name of names) add(join(path, name));
  }
  return files;
}

/** File adapter: the bytes of a file, or of standard input for `-`. */
function readBytes(path: string): Uint8Array {
  try {
    return path === '-' ? readFileSync(0) : readIntoSharedBuffer(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new InputError(`${path}: cannot be read (${code})`, 'INPUT_UNREADABLE');
  }
}

/**
 * One buffer, grown as needed, holds the file being read: files are decoded one
 * at a time, and reusing it keeps each file's bytes from lingering until a GC.
 * The bytes returned are valid until the next call.
 */
let sharedBuffer = new Uint8Array(0);
function readIntoSharedBuffer(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    let length = 0;
    for (;;) {
      if (length === sharedBuffer.length) {
        const size = Math.max(length * 2, fstatSync(fd).size + 1, 1 << 16);
        const grown = new Uint8Array(size);
        grown.set(sharedBuffer.subarray(0, length));
        sharedBuffer = grown;
      }
      const read = readSync(fd, sharedBuffer, length, sharedBuffer.length - length, null);
      if (read === 0) return sharedBuffer.subarray(0, length);
      length += read;
    }
  } finally {
    closeSync(fd);
  }
}

/** Buffer adapter: the same pipeline over bytes already in memory (tests, stdin). */
export function ingestSources(sources: ByteSource[], options: IngestOptions = {}): IngestResult {
  const sink = new RecordCollector();
  const summary = ingestSourcesInto(sources, options, sink);
  return { records: sink.records(), ...summary };
}

/** Buffer adapter with a sink (see ingestInto). */
export function ingestSourcesInto(sources: ByteSource[], options: IngestOptions, sink: CanonicalSink): IngestSummary {
  return ingestInputs(
    sources.map((source) => ({ name: source.name, read: () => source.bytes })),
    options,
    sink,
  );
}

/** String adapter: one decoded text, as if read from a file called `name`. */
export function ingestText(name: string, text: string, options: IngestOptions = {}): IngestResult {
  const sink = new RecordCollector();
  const summary = ingestInputs([{ name, read: () => text }], options, sink);
  return { records: sink.records(), ...summary };
}

/** An input that can be read (again: raw fields of conflicting rows are fetched on demand). */
interface InputSource {
  name: string;
  read(): Uint8Array | string;
}

function ingestInputs(sources: InputSource[], options: IngestOptions, sink: CanonicalSink): IngestSummary {
  if (options.encoding !== undefined) checkEncodingLabel(options.encoding);
  const run = new IngestRun(options, sources, sink);
  sources.forEach((_source, index) => run.readFile(index));
  return run.finish();
}

/** Decoded text of a source, line endings normalised, with the encoding found. */
function loadText(source: InputSource, forcedEncoding: string | undefined): { text: string; encoding: string } {
  const content = source.read();
  const { text, encoding } =
    typeof content === 'string' ? { text: content, encoding: 'text' } : decodeBytes(content, forcedEncoding);
  return { text: normaliseLineEndings(text), encoding };
}

/** Reader chosen by IngestOptions.reader, else HYBRID_EVAL_READER, else the fast one. */
function chooseReader(options: IngestOptions): 'fast' | 'csv-parse' {
  return options.reader ?? (process.env.HYBRID_EVAL_READER === 'csv-parse' ? 'csv-parse' : 'fast');
}

interface IndexedRejection extends RejectedRecord {
  fileIndex: number;
}

/** Thrown as personal data: names file, line and column, never the value. */
function personalDataError(file: string, line: number, column: string, kind: string): InputError {
  return new InputError(
    `${file}, line ${line}, column ${column}: holds what looks like ${kind}. ` +
      'Files with personal data are refused and nothing is reported; remove or pseudonymise it first ' +
      '(the value is not shown). If this column holds checked pseudonyms, name it with --allow-column.',
    'PERSONAL_DATA',
  );
}

/** A growable Int32 column. */
class Int32Column {
  data = new Int32Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
}

/** Persons kept in PersonIndex's Map before it moves them to its typed-array table. */
const PERSON_MAP_LIMIT = 1 << 16;

/**
 * person_id → slot (0, 1, 2 … in order of first appearance). The first
 * PERSON_MAP_LIMIT persons are kept in a Map<string, number>: V8 hashes strings
 * natively, which is fast before the JIT has warmed up (about 1.5 ms saved on the
 * pilot). Beyond that, all keys move to an open-addressing hash table (linear
 * probing, FNV-1a over UTF-16 code units) in typed arrays: on a million fresh keys it
 * measured about twice as fast as a Map, and it holds no JS strings (see chars).
 * Slot numbers do not change in the move.
 */
class PersonIndex {
  /** The first persons, until PERSON_MAP_LIMIT; null once they moved to the table. */
  private map: Map<string, number> | null = new Map();

  /**
   * Per table position p: entries[2p] the slot + 1 (0 when free, so a new array
   * is an empty table) and entries[2p + 1] the key's full hash, compared before
   * the key; side by side, so a probe costs one cache miss.
   */
  private entries = new Int32Array(2 << 14);
  private mask = (1 << 14) - 1;
  /**
   * The keys' UTF-16 code units end to end; slot s spans chars[starts[s] .. starts[s + 1]).
   * Copies, not JS strings: a string sliced from a file's text can keep the whole
   * text alive, and a million small strings cost more memory and GC time.
   */
  private chars = new Uint16Array(1 << 16);
  private starts = new Int32Array(1 << 12);
  private count = 0;

  private static hash(key: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
    return h ^ (h >>> 15);
  }

  /** The slot of `key`, or -1 after giving it the next slot. */
  slotOrAdd(key: string): number {
    const map = this.map;
    if (map !== null) {
      const slot = map.get(key);
      if (slot !== undefined) return slot;
      if (map.size < PERSON_MAP_LIMIT) {
        // Detached: a long id sliced from a file's text would keep that text alive.
        map.set(detached(key), map.size);
        return -1;
      }
      this.map = null;
      for (const known of map.keys()) this.add(known);
    }
    const entries = this.entries;
    const hash = PersonIndex.hash(key);
    let p = hash & this.mask;
    for (;;) {
      const slot = entries[2 * p] - 1;
      if (slot === -1) break;
      if (entries[2 * p + 1] === hash && this.holds(slot, key)) return slot;
      p = (p + 1) & this.mask;
    }
    this.insert(key, hash, p);
    return -1;
  }

  /** Adds a key known to be absent (moving the Map's keys, in their order). */
  private add(key: string): void {
    const hash = PersonIndex.hash(key);
    let p = hash & this.mask;
    while (this.entries[2 * p] !== 0) p = (p + 1) & this.mask;
    this.insert(key, hash, p);
  }

  private insert(key: string, hash: number, p: number): void {
    this.entries[2 * p] = this.store(key) + 1;
    this.entries[2 * p + 1] = hash;
    if (this.count * 2 > this.mask + 1) this.grow();
  }

  private holds(slot: number, key: string): boolean {
    const start = this.starts[slot];
    if (this.starts[slot + 1] - start !== key.length) return false;
    for (let i = 0; i < key.length; i++) if (this.chars[start + i] !== key.charCodeAt(i)) return false;
    return true;
  }

  private store(key: string): number {
    const slot = this.count;
    if (slot + 2 > this.starts.length) {
      const starts = new Int32Array(this.starts.length * 2);
      starts.set(this.starts);
      this.starts = starts;
    }
    const start = this.starts[slot];
    if (start + key.length > this.chars.length) {
      const chars = new Uint16Array(Math.max(this.chars.length * 2, start + key.length));
      chars.set(this.chars.subarray(0, start));
      this.chars = chars;
    }
    for (let i = 0; i < key.length; i++) this.chars[start + i] = key.charCodeAt(i);
    this.starts[slot + 1] = start + key.length;
    this.count++;
    return slot;
  }

  private grow(): void {
    const old = this.entries;
    const entries = new Int32Array(old.length * 2);
    const mask = (this.mask << 1) | 1;
    for (let q = 0; q < old.length; q += 2) {
      if (old[q] === 0) continue;
      let p = old[q + 1] & mask;
      while (entries[2 * p] !== 0) p = (p + 1) & mask;
      entries[2 * p] = old[q];
      entries[2 * p + 1] = old[q + 1];
    }
    this.entries = entries;
    this.mask = mask;
  }
}

/** A copy of `text` that does not share the memory of a larger string it was sliced from. */
function detached(text: string): string {
  return text.length < 13 ? text : (JSON.parse(JSON.stringify(text)) as string);
}

/** A canonical yyyy-mm-dd date as the integer yyyymmdd; -1 for none. */
function dateNumber(iso: string | null): number {
  if (iso === null) return -1;
  // Written out, without helper calls: on a pilot most rows are read before V8 has
  // optimised (and inlined) anything, and every call costs (see plainIsoDate).
  return (
    ((iso.charCodeAt(0) - 48) * 1000 + (iso.charCodeAt(1) - 48) * 100 + (iso.charCodeAt(2) - 48) * 10 + (iso.charCodeAt(3) - 48)) * 10000 +
    ((iso.charCodeAt(5) - 48) * 10 + (iso.charCodeAt(6) - 48)) * 100 +
    (iso.charCodeAt(8) - 48) * 10 +
    (iso.charCodeAt(9) - 48)
  );
}

/** Later rows of a person_id seen more than once: [fileIndex, line] pairs, the first row included. */
interface Repeated {
  rows: number[];
  conflicted: boolean;
}

/** Outcome codes for the packed `small` value compared between a person's rows (0 = not registered). */
const OUTCOME_CODE: Record<string, number> = { job: 1, apprenticeship: 2, education: 3, none: 4 };

class IngestRun {
  private readonly vocabulary: Vocabulary;
  private readonly allow: Set<string>;
  private readonly allowedColumns: string[] = [];
  private readonly files: FileSummary[] = [];
  private readonly rejections: IndexedRejection[] = [];
  private readonly present = { counsellorId: false, age: false, gender: false, priorWork: false };
  readonly reader: 'fast' | 'csv-parse';

  /**
   * Duplicates and conflicts, settled as rows arrive. A person's first valid row
   * goes to the sink and gets a slot holding its canonical content as integers
   * (interned strings, yyyymmdd dates, packed codes), its file, line and sink
   * index; later rows are compared with it. Per person: 32 bytes here, and 16
   * bytes plus 2 per person_id character in PersonIndex (≈ 80 MB at 1M persons
   * with array growth).
   */
  private readonly persons = new PersonIndex();
  private readonly slotFile = new Int32Column();
  private readonly slotLine = new Int32Column();
  private readonly slotSinkIndex = new Int32Column();
  private readonly slotOffice = new Int32Column();
  private readonly slotCounsellor = new Int32Column();
  private readonly slotStart = new Int32Column();
  private readonly slotEnd = new Int32Column();
  private readonly slotSmall = new Int32Column();
  private readonly repeated = new Map<number, Repeated>();
  /** Interned canonical strings (offices, counsellors) → id. */
  private readonly interned = new Map<string, number>();

  /** Cell parsers, memoised: labels, dates, offices and counsellors repeat a lot. */
  readonly parsers: CellParsers;

  constructor(
    private readonly options: IngestOptions,
    private readonly sources: InputSource[],
    private readonly sink: CanonicalSink,
  ) {
    this.vocabulary = buildVocabulary(options.mapping);
    this.allow = new Set((options.allowColumns ?? []).map(matchKey));
    this.parsers = cellParsers(this.vocabulary);
    this.reader = chooseReader(options);
  }

  readFile(fileIndex: number): void {
    const name = this.sources[fileIndex].name;
    const { text, encoding } = loadText(this.sources[fileIndex], this.options.encoding);
    const delimiter = sniffDelimiter(text);
    const summary: FileSummary = {
      path: name,
      encoding,
      delimiter,
      headerLanguage: 'mixed',
      columns: [],
      rowsRead: 0,
      rowsAccepted: 0,
      rowsRejected: 0,
      duplicateRows: 0,
    };
    this.files.push(summary);
    this.options.onProgress?.(fileIndex, 0);
    if (this.reader === 'fast') {
      const reader = new FileReader(this, fileIndex, name, summary, delimiter, identityNumberOffsets(text), text.length);
      readRecordsFast(text, delimiter, reader);
      if (!reader.hasHeader) throw new InputError(`${name}: the file is empty (no header line)`, 'EMPTY_FILE');
    } else {
      const reader = new FileReader(this, fileIndex, name, summary, delimiter, null, text.length);
      readRecords(text, delimiter, reader);
      if (!reader.hasHeader) throw new InputError(`${name}: the file is empty (no header line)`, 'EMPTY_FILE');
    }
    this.options.onProgress?.(fileIndex, 1);
  }

  /** Reports progress within a file (see IngestOptions.onProgress). */
  progress(fileIndex: number, fraction: number): void {
    this.options.onProgress?.(fileIndex, fraction);
  }

  // --- used by FileReader ---

  get vocab(): Vocabulary {
    return this.vocabulary;
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
  }

  private intern(value: string | null): number {
    if (value === null) return -1;
    let id = this.interned.get(value);
    if (id === undefined) {
      id = this.interned.size;
      this.interned.set(value, id);
    }
    return id;
  }

  /** A valid row: accepted, a duplicate, or the row that makes its person_id conflicting. */
  propose(record: CanonicalRecord, fileIndex: number, line: number): void {
    const office = this.intern(record.office);
    const counsellor = this.intern(record.counsellorId);
    const start = dateNumber(record.startDate);
    const end = dateNumber(record.endDate);
    const small =
      (record.group === 'hybrid' ? 1 : 0) |
      ((record.outcome === null ? 0 : OUTCOME_CODE[record.outcome]) << 1) |
      ((record.age === null ? 0 : record.age + 1) << 4) |
      ((record.gender === null ? 0 : record.gender === 'F' ? 1 : 2) << 12) |
      ((record.priorWork === null ? 0 : record.priorWork + 1) << 14);
    const slot = this.persons.slotOrAdd(record.personId);
    if (slot === -1) {
      this.slotFile.push(fileIndex);
      this.slotLine.push(line);
      this.slotOffice.push(office);
      this.slotCounsellor.push(counsellor);
      this.slotStart.push(start);
      this.slotEnd.push(end);
      this.slotSmall.push(small);
      this.slotSinkIndex.push(this.sink.add(record));
      this.files[fileIndex].rowsAccepted++;
      return;
    }
    let repeated = this.repeated.get(slot);
    if (repeated === undefined) {
      repeated = { rows: [this.slotFile.data[slot], this.slotLine.data[slot]], conflicted: false };
      this.repeated.set(slot, repeated);
    }
    repeated.rows.push(fileIndex, line);
    if (repeated.conflicted) return;
    const same =
      this.slotOffice.data[slot] === office &&
      this.slotCounsellor.data[slot] === counsellor &&
      this.slotStart.data[slot] === start &&
      this.slotEnd.data[slot] === end &&
      this.slotSmall.data[slot] === small;
    if (same) {
      this.files[fileIndex].duplicateRows++;
      return;
    }
    // Every row of this person is rejected: take back the accepted one and un-count the duplicates.
    repeated.conflicted = true;
    this.sink.remove(this.slotSinkIndex.data[slot]);
    this.files[this.slotFile.data[slot]].rowsAccepted--;
    for (let k = 2; k < repeated.rows.length - 2; k += 2) this.files[repeated.rows[k]].duplicateRows--;
  }

  private fillConflictRawFields(): void {
    const byFile = new Map<number, IndexedRejection[]>();
    for (const r of this.rejections) {
      if (r.code !== 'CONFLICTING_ID') continue;
      const list = byFile.get(r.fileIndex) ?? [];
      list.push(r);
      byFile.set(r.fileIndex, list);
    }
    for (const [fileIndex, list] of byFile) {
      const raw = this.rawFieldsAt(fileIndex, new Set(list.map((r) => r.line)));
      for (const r of list) r.raw = raw.get(r.line) ?? [];
    }
  }

  /** Raw fields of the given lines of one file, read again (only conflicting rows need them). */
  private rawFieldsAt(fileIndex: number, lines: Set<number>): Map<number, string[]> {
    const found = new Map<number, string[]>();
    const { text } = loadText(this.sources[fileIndex], this.options.encoding);
    const read = this.reader === 'fast' ? readRecordsFast : readRecords;
    read(text, this.files[fileIndex].delimiter, {
      record: (fields, line) => {
        if (lines.has(line)) found.set(line, fields.slice());
      },
      malformed: () => {},
    });
    return found;
  }

  finish(): IngestSummary {
    let conflicts = 0;
    for (const { rows, conflicted } of this.repeated.values()) {
      if (!conflicted) continue;
      const count = rows.length / 2;
      const places: string[] = [];
      for (let k = 0; k < Math.min(count, 5); k++) places.push(`${this.files[rows[2 * k]].path} line ${rows[2 * k + 1]}`);
      const more = count > 5 ? `, and ${count - 5} more` : '';
      const message =
        `the same person_id is on ${count} rows with different content (${places.join(', ')}${more}); ` +
        'all of them are rejected';
      for (let k = 0; k < count; k++) {
        conflicts++;
        this.reject({
          fileIndex: rows[2 * k],
          file: this.files[rows[2 * k]].path,
          line: rows[2 * k + 1],
          field: 'person_id',
          code: 'CONFLICTING_ID',
          message,
          raw: [],
        });
      }
    }
    if (conflicts > 0) this.fillConflictRawFields();
    const rejections = this.rejections
      .map((r, order) => ({ r, order }))
      .sort((a, b) => a.r.fileIndex - b.r.fileIndex || a.r.line - b.r.line || a.order - b.order)
      .map(({ r }) => {
        const { fileIndex: _fileIndex, ...rejection } = r;
        return rejection;
      });
    const sum = (key: 'rowsRead' | 'rowsAccepted' | 'rowsRejected' | 'duplicateRows') =>
      this.files.reduce((total, file) => total + file[key], 0);
    return {
      files: this.files,
      rejections,
      rowsRead: sum('rowsRead'),
      rowsAccepted: sum('rowsAccepted'),
      rowsRejected: sum('rowsRejected'),
      duplicateRows: sum('duplicateRows'),
      columnsPresent: { ...this.present },
      allowedColumns: [...this.allowedColumns],
    };
  }
}

/**
 * Cell parsers for one run. Each returns null for an empty cell and undefined for
 * a value it cannot read. Memoised on the raw cell, which also makes repeated
 * office and counsellor names share one string.
 */
interface CellParsers {
  clean: (raw: string) => string;
  labels: Record<LabelledColumn, (raw: string) => string | null | undefined>;
  age: (raw: string) => number | null | undefined;
  date: (raw: string) => string | null | undefined;
}

const MEMO_LIMIT = 100_000;

function memoised<V>(parse: (raw: string) => V): (raw: string) => V {
  const cache = new Map<string, V>();
  // The previous cell first: offices and counsellors come in runs.
  let lastRaw: string | undefined;
  let lastValue: V | undefined;
  return (raw) => {
    if (raw === lastRaw) return lastValue as V;
    let value = cache.get(raw);
    if (value === undefined && !cache.has(raw)) {
      value = parse(raw);
      // Kept strings are detached from the file's text (see detached).
      if (typeof value === 'string') value = detached(value) as V;
      if (cache.size < MEMO_LIMIT) cache.set(detached(raw), value);
    }
    lastRaw = raw;
    lastValue = value;
    return value as V;
  };
}

/** A parser that tries `fast` first; `fast` returns undefined when it cannot tell. */
function withFastPath<V>(fast: (raw: string) => V | undefined, slow: (raw: string) => V | undefined) {
  return (raw: string): V | undefined => fast(raw) ?? slow(raw);
}

/** Age written as two plain digits within range (what parseAge would give), else undefined. */
function plainAge(raw: string): number | undefined {
  if (raw.length !== 2) return undefined;
  const tens = raw.charCodeAt(0) - 48;
  const ones = raw.charCodeAt(1) - 48;
  if (tens >>> 0 > 9 || ones >>> 0 > 9) return undefined;
  const age = tens * 10 + ones;
  return age >= MIN_AGE && age <= MAX_AGE ? age : undefined;
}

/**
 * A date already in canonical yyyy-mm-dd form and real (what parseDate would give), else
 * undefined. Digits are read without helper calls: a pilot's rows are mostly read by V8's
 * interpreter, where two such calls per character cost about 2 ms per 2 500 rows.
 */
function plainIsoDate(raw: string): string | undefined {
  if (raw.length !== 10 || raw.charCodeAt(4) !== 45 || raw.charCodeAt(7) !== 45) return undefined;
  const y0 = raw.charCodeAt(0) - 48;
  const y1 = raw.charCodeAt(1) - 48;
  const y2 = raw.charCodeAt(2) - 48;
  const y3 = raw.charCodeAt(3) - 48;
  const m0 = raw.charCodeAt(5) - 48;
  const m1 = raw.charCodeAt(6) - 48;
  const d0 = raw.charCodeAt(8) - 48;
  const d1 = raw.charCodeAt(9) - 48;
  if (y0 >>> 0 > 9 || y1 >>> 0 > 9 || y2 >>> 0 > 9 || y3 >>> 0 > 9) return undefined;
  if (m0 >>> 0 > 9 || m1 >>> 0 > 9 || d0 >>> 0 > 9 || d1 >>> 0 > 9) return undefined;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 28) return undefined;
  return raw;
}

function cellParsers(vocabulary: Vocabulary): CellParsers {
  const label = (column: LabelledColumn) =>
    memoised((raw) => (raw.trim() === '' ? null : vocabulary.values[column].get(matchKey(raw))));
  return {
    // Runs of white space (a line break inside a quoted cell, a no-break space) become one
    // space, so that an office written across two lines is the same office and prints on one.
    clean: memoised((raw) => raw.normalize('NFC').trim().replace(/\s+/g, ' ')),
    labels: { group: label('group'), outcome: label('outcome'), gender: label('gender'), prior_work: label('prior_work') },
    age: withFastPath(plainAge, memoised((raw) => (raw.trim() === '' ? null : (parseAge(raw) ?? undefined)))),
    date: withFastPath(plainIsoDate, memoised((raw) => (raw.trim() === '' ? null : (parseDate(raw) ?? undefined)))),
  };
}

function isBlank(fields: string[]): boolean {
  for (const field of fields) if (field.trim() !== '') return false;
  return true;
}

/** Header language from the synonyms matched: one language, 'mixed', or 'canonical'. */
function guessLanguage(matches: HeaderMatch[]): string {
  const named = matches.filter((m) => m.source !== 'mapping');
  if (named.length === 0) return 'mixed';
  if (named.every((m) => m.source === 'canonical')) return 'canonical';
  let common: Language[] = ['en', 'nb', 'nn'];
  for (const m of named) common = common.filter((l) => m.languages.includes(l));
  if (common.length === 0) return 'mixed';
  if (common.length === 1) return common[0];
  if (common.length === 2 && common.includes('nb') && common.includes('nn')) return 'nb';
  return 'canonical';
}

/** Positions in CANONICAL_COLUMNS. */
const COLUMN = {
  PERSON_ID: 0,
  OFFICE: 1,
  COUNSELLOR_ID: 2,
  GROUP: 3,
  OUTCOME: 4,
  AGE: 5,
  GENDER: 6,
  PRIOR_WORK: 7,
  START_DATE: 8,
  END_DATE: 9,
} as const;

/** Reads one file's records: header first, then rows, reporting to the run. */
class FileReader implements RecordSink {
  hasHeader = false;
  private header: string[] = [];
  /** Column index per canonical column, -1 when absent. */
  private readonly index = {} as Record<CanonicalColumn, number>;
  /** The same, by position in CANONICAL_COLUMNS (fast per-row access). */
  private position = new Int32Array(CANONICAL_COLUMNS.length).fill(-1);
  /** Per column index: scanned for identity numbers? */
  private scanned: boolean[] = [];

  constructor(
    private readonly run: IngestRun,
    private readonly fileIndex: number,
    private readonly name: string,
    private readonly summary: FileSummary,
    private readonly delimiter: string,
    /**
     * Offsets of valid identity numbers in the file's text (identityNumberOffsets),
     * or null when records come without offsets and every cell is scanned.
     */
    private readonly hits: number[] | null,
    /** Length of the file's text, for progress. */
    private readonly textLength: number,
  ) {}

  /** Next entry of `hits` not before the current record. */
  private nextHit = 0;

  /** Does the record at [start, end) hold a hit, so that its cells must be scanned? */
  private mustScan(start: number | undefined, end: number | undefined): boolean {
    const hits = this.hits;
    if (hits === null || start === undefined || end === undefined) return true;
    while (this.nextHit < hits.length && hits[this.nextHit] < start) this.nextHit++;
    return this.nextHit < hits.length && hits[this.nextHit] < end;
  }

  private columnLabel(i: number): string {
    const header = this.header[i];
    if (header === undefined) return `number ${i + 1} (beyond the header)`;
    if (findIdentityNumber(header) !== null || header.trim() === '') return `number ${i + 1}`;
    return `"${safeEcho(header.trim())}"`;
  }

  private scanCells(fields: string[], line: number): void {
    for (let i = 0; i < fields.length; i++) {
      if (this.scanned[i] === false) continue;
      const kind = findIdentityNumber(fields[i]);
      if (kind !== null) throw personalDataError(this.name, line, this.columnLabel(i), kind);
    }
  }

  record(fields: string[], line: number, start?: number, end?: number): void {
    if (isBlank(fields)) return;
    if (!this.hasHeader) {
      this.readHeader(fields, line);
      return;
    }
    this.summary.rowsRead++;
    if ((this.summary.rowsRead & 0xffff) === 0 && end !== undefined) this.run.progress(this.fileIndex, end / this.textLength);
    if (this.mustScan(start, end)) this.scanCells(fields, line);
    const rejection = this.validate(fields, line);
    if (rejection !== null) {
      this.run.reject(rejection);
      return;
    }
  }

  malformed(line: number, text: string, reason: string): void {
    // Split naively, for the rejects file and to name a column in a refusal.
    const fields = text.split(this.delimiter);
    if (!this.hasHeader) {
      for (let i = 0; i < fields.length; i++) {
        const kind = findIdentityNumber(fields[i]);
        if (kind !== null) throw personalDataError(this.name, line, `number ${i + 1} of the header`, kind);
      }
      throw new InputError(`${this.name}, line ${line}: the header cannot be read as CSV: ${reason}`, 'MALFORMED_HEADER');
    }
    this.summary.rowsRead++;
    this.scanCells(fields, line);
    const wholeLine = findIdentityNumber(text);
    if (wholeLine !== null) throw personalDataError(this.name, line, 'unknown (the line is not valid CSV)', wholeLine);
    this.run.reject({
      fileIndex: this.fileIndex,
      file: this.name,
      line,
      field: null,
      code: 'MALFORMED_CSV',
      message: `${reason}; the line was skipped and reading resumed on the next line`,
      raw: fields.map(detached),
    });
  }

  private readHeader(fields: string[], line: number): void {
    const vocab = this.run.vocab;
    for (let i = 0; i < fields.length; i++) {
      const kind = findIdentityNumber(fields[i]);
      if (kind !== null) throw personalDataError(this.name, line, `number ${i + 1} (its header)`, kind);
    }
    // Detached: headers stay in the summary, and a slice would keep the file's text alive.
    this.header = fields.map((f) => detached(f.normalize('NFC')));
    this.hasHeader = true;
    for (const column of CANONICAL_COLUMNS) this.index[column] = -1;
    const matches: (HeaderMatch | null)[] = this.header.map((h) => vocab.headers.get(matchKey(h)) ?? null);

    this.header.forEach((h, i) => {
      if (isDirectIdentifierHeader(h)) {
        throw new InputError(
          `${this.name}, line ${line}, column "${safeEcho(h.trim())}": the header names a direct identifier ` +
            '(a name, address, phone number, e-mail or national identity number). Files with personal data ' +
            'are refused and nothing is reported; remove the column first.',
          'PERSONAL_DATA',
        );
      }
    });

    // Within a file the strongest match wins (mapping file > canonical name > built-in synonym).
    for (let i = 0; i < matches.length; i++) {
      const match = matches[i];
      if (match === null) continue;
      const other = this.index[match.column];
      if (other === -1) {
        this.index[match.column] = i;
        continue;
      }
      const rankNew = MATCH_RANK[match.source];
      const rankOld = MATCH_RANK[matches[other]!.source];
      if (rankNew > rankOld) {
        this.index[match.column] = i;
      } else if (rankNew === rankOld) {
        throw new InputError(
          `${this.name}: columns ${this.columnLabel(other)} and ${this.columnLabel(i)} both mean ${match.column}; ` +
            'remove one, or say which one with --mapping',
          'AMBIGUOUS_COLUMN',
        );
      }
    }
    const used = new Set<CanonicalColumn>();
    this.summary.columns = this.header.map((header, i) => {
      const match = matches[i];
      const canonical = match !== null && this.index[match.column] === i ? match.column : null;
      if (canonical !== null) used.add(canonical);
      return { header, canonical };
    });
    for (const column of REQUIRED_COLUMNS) {
      if (this.index[column] === -1) {
        throw new InputError(
          `${this.name}: required column ${column} is missing (header on line ${line}; ` +
            'name it with one of the known synonyms, or add one with --mapping)',
          'MISSING_COLUMN',
        );
      }
    }
    this.summary.headerLanguage = guessLanguage(
      this.summary.columns.flatMap((c, i) => (c.canonical !== null ? [matches[i]!] : [])),
    );
    this.position = Int32Array.from(CANONICAL_COLUMNS, (column) => this.index[column]);
    this.scanned = this.summary.columns.map(({ header, canonical }) => !this.run.isAllowed(header, canonical as CanonicalColumn | null));
    this.run.markPresent(used);
  }

  private rejection(line: number, fields: string[], field: string | null, code: RejectionCode, message: string) {
    // A copy (the fast reader reuses its fields array), detached from the file's text like the message.
    return { fileIndex: this.fileIndex, file: this.name, line, field, code, message: detached(message), raw: fields.map(detached) };
  }

  private cell(fields: string[], column: CanonicalColumn): string {
    const i = this.index[column];
    return i === -1 ? '' : fields[i];
  }

  /** The current row's cells of the canonical columns, in COLUMN order (reused). */
  private readonly cells: string[] = new Array<string>(CANONICAL_COLUMNS.length).fill('');

  private unknownLabel(fields: string[], line: number, column: LabelledColumn, code: RejectionCode, known: string) {
    return this.rejection(
      line,
      fields,
      column,
      code,
      `column ${this.columnLabel(this.index[column])}: ${column} label "${safeEcho(this.cell(fields, column).trim())}" is not known ` +
        `(expected ${known}, a built-in synonym, or one added with --mapping)`,
    );
  }

  private invalidDate(fields: string[], line: number, column: 'start_date' | 'end_date') {
    return this.rejection(
      line,
      fields,
      column,
      'INVALID_DATE',
      `column ${this.columnLabel(this.index[column])}: ${column} "${safeEcho(this.cell(fields, column).trim())}" ` +
        'is not a real date (write 2022-03-01, 01.03.2022 or 1.3.2022)',
    );
  }

  /** Builds the canonical record, or the first problem found in column order. */
  private validate(fields: string[], line: number): IndexedRejection | null {
    if (fields.length !== this.header.length) {
      return this.rejection(
        line,
        fields,
        null,
        'FIELD_COUNT',
        `the record has ${fields.length} fields but the header has ${this.header.length}`,
      );
    }
    const { clean, labels, age: readAge, date: readDate } = this.run.parsers;
    // The canonical columns' cells in one loop (not ten calls of `at`: see normaliseId).
    const cells = this.cells;
    const position = this.position;
    for (let k = 0; k < cells.length; k++) {
      const i = position[k];
      cells[k] = i === -1 ? '' : fields[i];
    }
    const personId = normaliseId(cells[COLUMN.PERSON_ID]);
    const office = clean(cells[COLUMN.OFFICE]);
    const counsellorId = clean(cells[COLUMN.COUNSELLOR_ID]);
    const groupCell = cells[COLUMN.GROUP];
    const empty =
      personId === '' ? 'person_id' : office === '' ? 'office' : groupCell.trim() === '' ? 'group' : null;
    if (empty !== null) {
      return this.rejection(
        line,
        fields,
        empty,
        'REQUIRED_EMPTY',
        `column ${this.columnLabel(this.index[empty])}: required ${empty} is empty`,
      );
    }
    const group = labels.group(groupCell);
    if (group == null) return this.unknownLabel(fields, line, 'group', 'UNKNOWN_GROUP', 'hybrid or usual');
    const outcome = labels.outcome(cells[COLUMN.OUTCOME]);
    if (outcome === undefined) {
      return this.unknownLabel(
        fields,
        line,
        'outcome',
        'UNKNOWN_OUTCOME',
        'job, apprenticeship, education, none, or empty when not registered',
      );
    }
    const age = readAge(cells[COLUMN.AGE]);
    if (age === undefined) {
      return this.rejection(
        line,
        fields,
        'age',
        'INVALID_AGE',
        `column ${this.columnLabel(this.index.age)}: age "${safeEcho(this.cell(fields, 'age').trim())}" ` +
          `is not a whole number from ${MIN_AGE} to ${MAX_AGE}`,
      );
    }
    const gender = labels.gender(cells[COLUMN.GENDER]);
    if (gender === undefined) return this.unknownLabel(fields, line, 'gender', 'UNKNOWN_GENDER', 'F or M');
    const priorWork = labels.prior_work(cells[COLUMN.PRIOR_WORK]);
    if (priorWork === undefined) {
      return this.unknownLabel(fields, line, 'prior_work', 'UNKNOWN_PRIOR_WORK', '1 or 0, yes or no');
    }
    const startDate = readDate(cells[COLUMN.START_DATE]);
    const endDate = readDate(cells[COLUMN.END_DATE]);
    if (startDate === undefined) return this.invalidDate(fields, line, 'start_date');
    if (endDate === undefined) return this.invalidDate(fields, line, 'end_date');
    const record: CanonicalRecord = {
      personId,
      office,
      counsellorId: counsellorId === '' ? null : counsellorId,
      group: group as Group,
      outcome: outcome as Outcome | null,
      age,
      gender: gender as Gender | null,
      priorWork: priorWork === null ? null : priorWork === '1' ? 1 : 0,
      startDate: startDate as string | null,
      endDate: endDate as string | null,
    };
    this.run.propose(record, this.fileIndex, line);
    return null;
  }
}

/** person_id in NFC, trimmed; text below U+0300 is NFC already, so normalize() is skipped for it. */
function normaliseId(raw: string): string {
  // One regular-expression test rather than a loop over the characters: cheaper while
  // the code still runs in V8's interpreter (most of a pilot's rows).
  return NOT_BELOW_U0300.test(raw) ? raw.normalize('NFC').trim() : raw.trim();
}

/** A UTF-16 code unit at or above U+0300 (combining marks and everything after them). */
const NOT_BELOW_U0300 = /[^\u0000-\u02ff]/;
