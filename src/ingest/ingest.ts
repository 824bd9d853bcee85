import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError, UsageError } from '../errors.js';
import { checkEncodingLabel, decodeBytes } from './decode.js';
import { buildVocabulary, MATCH_RANK, type HeaderMatch, type Vocabulary } from './mapping.js';
import { matchKey, safeEcho } from './normalise.js';
import { findIdentityNumber, isDirectIdentifierHeader } from './personal-data.js';
import { normaliseLineEndings, readRecords, sniffDelimiter, type RecordSink } from './records.js';
import type { Language } from './synonyms.js';
import {
  CANONICAL_COLUMNS,
  type CanonicalColumn,
  type CanonicalRecord,
  type FileSummary,
  type Gender,
  type Group,
  type IngestOptions,
  type IngestResult,
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
  const files = listInputFiles(paths);
  let stdin: Uint8Array | undefined;
  return ingestInputs(
    files.map((path) =>
      path === '-'
        ? { name: '<stdin>', read: () => (stdin ??= readBytes(path)) }
        : { name: path, read: () => readBytes(path) },
    ),
    options,
  );
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
    return readFileSync(path === '-' ? 0 : path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new InputError(`${path}: cannot be read (${code})`, 'INPUT_UNREADABLE');
  }
}

/** Buffer adapter: the same pipeline over bytes already in memory (tests, stdin). */
export function ingestSources(sources: ByteSource[], options: IngestOptions = {}): IngestResult {
  return ingestInputs(
    sources.map((source) => ({ name: source.name, read: () => source.bytes })),
    options,
  );
}

/** String adapter: one decoded text, as if read from a file called `name`. */
export function ingestText(name: string, text: string, options: IngestOptions = {}): IngestResult {
  return ingestInputs([{ name, read: () => text }], options);
}

/** An input that can be read (again: raw fields of conflicting rows are fetched on demand). */
interface InputSource {
  name: string;
  read(): Uint8Array | string;
}

function ingestInputs(sources: InputSource[], options: IngestOptions): IngestResult {
  if (options.encoding !== undefined) checkEncodingLabel(options.encoding);
  const run = new IngestRun(options, sources);
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

/** A valid row before duplicates and conflicts are settled; its raw fields are not kept (memory). */
interface Candidate {
  record: CanonicalRecord;
  fileIndex: number;
  line: number;
  status: 'accepted' | 'duplicate' | 'conflict';
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

class IngestRun {
  private readonly vocabulary: Vocabulary;
  private readonly allow: Set<string>;
  private readonly allowedColumns: string[] = [];
  private readonly files: FileSummary[] = [];
  private readonly rejections: IndexedRejection[] = [];
  private readonly candidates: Candidate[] = [];
  /** person_id → candidate indices, in reading order. */
  private readonly byPerson = new Map<string, number | number[]>();
  private readonly present = { counsellorId: false, age: false, gender: false, priorWork: false };

  /** Cell parsers, memoised: labels, dates, offices and counsellors repeat a lot. */
  readonly parsers: CellParsers;

  constructor(
    private readonly options: IngestOptions,
    private readonly sources: InputSource[],
  ) {
    this.vocabulary = buildVocabulary(options.mapping);
    this.allow = new Set((options.allowColumns ?? []).map(matchKey));
    this.parsers = cellParsers(this.vocabulary);
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
    const reader = new FileReader(this, fileIndex, name, summary, delimiter);
    readRecords(text, delimiter, reader);
    if (!reader.hasHeader) throw new InputError(`${name}: the file is empty (no header line)`, 'EMPTY_FILE');
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

  propose(candidate: Candidate): void {
    const index = this.candidates.push(candidate) - 1;
    const id = candidate.record.personId;
    const earlier = this.byPerson.get(id);
    if (earlier === undefined) this.byPerson.set(id, index);
    else if (typeof earlier === 'number') this.byPerson.set(id, [earlier, index]);
    else earlier.push(index);
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
    readRecords(text, this.files[fileIndex].delimiter, {
      record: (fields, line) => {
        if (lines.has(line)) found.set(line, fields);
      },
      malformed: () => {},
    });
    return found;
  }

  finish(): IngestResult {
    const conflicts: Candidate[] = [];
    for (const indices of this.byPerson.values()) {
      if (typeof indices === 'number') continue;
      const first = this.candidates[indices[0]].record;
      const same = indices.every((i) => sameRecord(this.candidates[i].record, first));
      if (same) {
        for (const i of indices.slice(1)) this.candidates[i].status = 'duplicate';
        continue;
      }
      const where = indices
        .slice(0, 5)
        .map((i) => `${this.files[this.candidates[i].fileIndex].path} line ${this.candidates[i].line}`)
        .join(', ');
      const more = indices.length > 5 ? `, and ${indices.length - 5} more` : '';
      for (const i of indices) {
        const candidate = this.candidates[i];
        candidate.status = 'conflict';
        conflicts.push(candidate);
        this.reject({
          fileIndex: candidate.fileIndex,
          file: this.files[candidate.fileIndex].path,
          line: candidate.line,
          field: 'person_id',
          code: 'CONFLICTING_ID',
          message:
            `the same person_id is on ${indices.length} rows with different content (${where}${more}); ` +
            'all of them are rejected',
          raw: [],
        });
      }
    }
    if (conflicts.length > 0) this.fillConflictRawFields();
    const records: CanonicalRecord[] = [];
    for (const candidate of this.candidates) {
      const summary = this.files[candidate.fileIndex];
      if (candidate.status === 'accepted') {
        records.push(candidate.record);
        summary.rowsAccepted++;
      } else if (candidate.status === 'duplicate') {
        summary.duplicateRows++;
      }
    }
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
      records,
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
  return (raw) => {
    const hit = cache.get(raw);
    if (hit !== undefined || cache.has(raw)) return hit as V;
    const value = parse(raw);
    if (cache.size < MEMO_LIMIT) cache.set(raw, value);
    return value;
  };
}

function cellParsers(vocabulary: Vocabulary): CellParsers {
  const label = (column: LabelledColumn) =>
    memoised((raw) => (raw.trim() === '' ? null : vocabulary.values[column].get(matchKey(raw))));
  return {
    clean: memoised((raw) => raw.normalize('NFC').trim()),
    labels: { group: label('group'), outcome: label('outcome'), gender: label('gender'), prior_work: label('prior_work') },
    age: memoised((raw) => (raw.trim() === '' ? null : (parseAge(raw) ?? undefined))),
    date: memoised((raw) => (raw.trim() === '' ? null : (parseDate(raw) ?? undefined))),
  };
}

function sameRecord(a: CanonicalRecord, b: CanonicalRecord): boolean {
  return (
    a.personId === b.personId &&
    a.office === b.office &&
    a.counsellorId === b.counsellorId &&
    a.group === b.group &&
    a.outcome === b.outcome &&
    a.age === b.age &&
    a.gender === b.gender &&
    a.priorWork === b.priorWork &&
    a.startDate === b.startDate &&
    a.endDate === b.endDate
  );
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

/** Reads one file's records: header first, then rows, reporting to the run. */
class FileReader implements RecordSink {
  hasHeader = false;
  private header: string[] = [];
  /** Column index per canonical column, -1 when absent. */
  private readonly index = {} as Record<CanonicalColumn, number>;
  /** Per column index: scanned for identity numbers? */
  private scanned: boolean[] = [];

  constructor(
    private readonly run: IngestRun,
    private readonly fileIndex: number,
    private readonly name: string,
    private readonly summary: FileSummary,
    private readonly delimiter: string,
  ) {}

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

  record(fields: string[], line: number): void {
    if (isBlank(fields)) return;
    if (!this.hasHeader) {
      this.readHeader(fields, line);
      return;
    }
    this.summary.rowsRead++;
    this.scanCells(fields, line);
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
      raw: fields,
    });
  }

  private readHeader(fields: string[], line: number): void {
    const vocab = this.run.vocab;
    for (let i = 0; i < fields.length; i++) {
      const kind = findIdentityNumber(fields[i]);
      if (kind !== null) throw personalDataError(this.name, line, `number ${i + 1} (its header)`, kind);
    }
    this.header = fields.map((f) => f.normalize('NFC'));
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
    this.scanned = this.summary.columns.map(({ header, canonical }) => !this.run.isAllowed(header, canonical as CanonicalColumn | null));
    this.run.markPresent(used);
  }

  private rejection(line: number, fields: string[], field: string | null, code: RejectionCode, message: string) {
    return { fileIndex: this.fileIndex, file: this.name, line, field, code, message, raw: fields };
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
    const cell = (column: CanonicalColumn) => (this.index[column] === -1 ? '' : fields[this.index[column]]);
    const header = (column: CanonicalColumn) => this.columnLabel(this.index[column]);
    const shown = (column: CanonicalColumn) => safeEcho(cell(column).trim());

    const personId = cell('person_id').normalize('NFC').trim();
    const office = clean(cell('office'));
    const counsellorId = clean(cell('counsellor_id'));
    for (const [column, value] of [['person_id', personId], ['office', office], ['group', cell('group').trim()]] as const) {
      if (value === '') {
        return this.rejection(line, fields, column, 'REQUIRED_EMPTY', `column ${header(column)}: required ${column} is empty`);
      }
    }
    const unknown = (column: LabelledColumn, code: RejectionCode, known: string) =>
      this.rejection(
        line,
        fields,
        column,
        code,
        `column ${header(column)}: ${column} label "${shown(column)}" is not known ` +
          `(expected ${known}, a built-in synonym, or one added with --mapping)`,
      );
    const group = labels.group(cell('group'));
    if (group == null) return unknown('group', 'UNKNOWN_GROUP', 'hybrid or usual');
    const outcome = labels.outcome(cell('outcome'));
    if (outcome === undefined) {
      return unknown('outcome', 'UNKNOWN_OUTCOME', 'job, apprenticeship, education, none, or empty when not registered');
    }
    const age = readAge(cell('age'));
    if (age === undefined) {
      return this.rejection(
        line,
        fields,
        'age',
        'INVALID_AGE',
        `column ${header('age')}: age "${shown('age')}" is not a whole number from ${MIN_AGE} to ${MAX_AGE}`,
      );
    }
    const gender = labels.gender(cell('gender'));
    if (gender === undefined) return unknown('gender', 'UNKNOWN_GENDER', 'F or M');
    const priorWork = labels.prior_work(cell('prior_work'));
    if (priorWork === undefined) return unknown('prior_work', 'UNKNOWN_PRIOR_WORK', '1 or 0, yes or no');
    const dates = { start_date: readDate(cell('start_date')), end_date: readDate(cell('end_date')) };
    for (const column of ['start_date', 'end_date'] as const) {
      if (dates[column] === undefined) {
        return this.rejection(
          line,
          fields,
          column,
          'INVALID_DATE',
          `column ${header(column)}: ${column} "${shown(column)}" is not a real date ` +
            '(write 2022-03-01, 01.03.2022 or 1.3.2022)',
        );
      }
    }
    const record: CanonicalRecord = {
      personId,
      office,
      counsellorId: counsellorId === '' ? null : counsellorId,
      group: group as Group,
      outcome: outcome as Outcome | null,
      age,
      gender: gender as Gender | null,
      priorWork: priorWork === null ? null : priorWork === '1' ? 1 : 0,
      startDate: dates.start_date as string | null,
      endDate: dates.end_date as string | null,
    };
    this.run.propose({ record, fileIndex: this.fileIndex, line, status: 'accepted' });
    return null;
  }
}
