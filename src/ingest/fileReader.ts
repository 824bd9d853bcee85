import { InputError } from '../errors.js';
import { ESCAPED, HAS_CR, type ByteRecord, type ByteRecordSink } from './byteReader.js';
import { CellCache } from './cellCache.js';
import { isAscii, type CellDecoder } from './cellDecoder.js';
import { resolveHeader } from './header.js';
import { safeEcho } from './normalise.js';
import { columnRefEn, malformedLineEn, rejectionMessageEn } from './messages.js';
import { detached } from './personIndex.js';
import { findPersonalData, isBareEightDigitId, PHONE_NUMBER } from './personal-data.js';
import type { RecordSink } from './records.js';
import type { IngestRun } from './run.js';
import {
  CANONICAL_COLUMNS,
  type CanonicalColumn,
  type CanonicalRecord,
  type ColumnRef,
  type FileSummary,
  type Gender,
  type Group,
  type MalformedLine,
  type Outcome,
  type RejectionParams,
  type RejectionReason,
} from './types.js';
import { isNotAvailable, isTotalLabel, MAX_AGE, MIN_AGE } from './values.js';

type RequiredField = RejectionParams['REQUIRED_EMPTY']['field'];

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

/** Thrown as personal data: names file, line and column, never the value. */
function personalDataError(file: string, line: number, column: string, kind: string): InputError {
  return new InputError(
    `${file}, line ${line}, column ${column}: holds what looks like ${kind}. ` +
      'Files with personal data are refused and nothing is reported; remove or pseudonymise it first ' +
      '(the value is not shown). If this column holds checked pseudonyms, name it with --allow-column.',
    'PERSONAL_DATA',
  );
}

function isBlank(fields: string[]): boolean {
  for (const field of fields) if (field.trim() !== '') return false;
  return true;
}

/**
 * Reads one file's records, reporting to the run: lines above the header are
 * skipped (and scanned for personal data), the header is resolved, and each row
 * becomes a canonical record or a rejection. Only the required fields (person_id,
 * office, group) and the outcome reject a row; an unreadable age, gender, prior
 * work or date becomes missing with a notice.
 */
export class FileReader implements RecordSink, ByteRecordSink {
  hasHeader = false;
  private header: string[] = [];
  /** Column index per canonical column, -1 when absent. */
  private index = {} as Record<CanonicalColumn, number>;
  /** The same, by position in CANONICAL_COLUMNS (fast per-row access). */
  private position = new Int32Array(CANONICAL_COLUMNS.length).fill(-1);
  /** Per column index: scanned for personal data? */
  private scanned: boolean[] = [];
  /** Next entry of `hits` not before the current record. */
  private nextHit = 0;
  /** The current row's cells of the canonical columns, in COLUMN order (reused). */
  private readonly cells: string[] = new Array<string>(CANONICAL_COLUMNS.length).fill('');

  constructor(
    private readonly run: IngestRun,
    private readonly fileIndex: number,
    private readonly name: string,
    private readonly summary: FileSummary,
    private readonly delimiter: string,
    /** Line of the header found before reading (lines above it are not rows). */
    private readonly headerLine: number,
    /** Offsets of personal data in the file's text, or null when every cell is scanned. */
    private readonly hits: number[] | null,
    /** Size of the input, for progress. */
    private readonly fraction: (offset: number) => number,
  ) {}

  /** Does the record at [start, end) hold a hit, so that its cells must be scanned? */
  private mustScan(start: number | undefined, end: number | undefined): boolean {
    const hits = this.hits;
    if (hits === null || start === undefined || end === undefined) return true;
    while (this.nextHit < hits.length && hits[this.nextHit] < start) this.nextHit++;
    return this.nextHit < hits.length && hits[this.nextHit] < end;
  }

  /** A column as a message names it: its masked header, or its position when the header cannot be shown. */
  private columnRef(i: number): ColumnRef {
    const header = this.header[i];
    const shown = header !== undefined && findPersonalData(header) === null && header.trim() !== '';
    return { header: shown ? detached(safeEcho(header.trim())) : null, position: i + 1, beyondHeader: header === undefined };
  }

  private columnLabel(i: number): string {
    return columnRefEn(this.columnRef(i));
  }

  private scanCells(fields: string[], line: number, where = ''): void {
    for (let i = 0; i < fields.length; i++) {
      if (this.scanned[i] === false) continue;
      const kind = findPersonalData(fields[i]);
      if (kind === null) continue;
      if (kind === PHONE_NUMBER && this.idColumns.has(i) && isBareEightDigitId(fields[i])) continue;
      throw personalDataError(this.name, line, where === '' ? this.columnLabel(i) : `number ${i + 1}${where}`, kind);
    }
  }

  /** Column indexes of person_id and counsellor_id (see isBareEightDigitId). */
  private idColumns = new Set<number>();

  record(fields: string[], line: number, start?: number, end?: number): void {
    if (!this.hasHeader) {
      if (line < this.headerLine) {
        // Title rows and notes above the header are not rows, but may hold personal data.
        if (this.mustScan(start, end)) this.scanCells(fields, line, ' (above the header)');
        return;
      }
      this.readHeader(fields, line);
      return;
    }
    if (isBlank(fields)) return;
    this.summary.rowsRead++;
    if ((this.summary.rowsRead & 0xffff) === 0 && end !== undefined) this.run.progress(this.fileIndex, this.fraction(end));
    if (this.mustScan(start, end)) this.scanCells(fields, line);
    this.validate(fields, line);
  }

  /**
   * A record from the streaming reader. A plain row (see acceptPlain) becomes a
   * record straight from its bytes; any other (the header, a row that may hold
   * personal data, is rejected or gets a notice) is decoded whole and read as
   * above, so that both give the same records, rejections and notices.
   */
  byteRecord(record: ByteRecord, decoder: CellDecoder): void {
    if (this.hasHeader && !record.suspect && this.acceptPlain(record, decoder)) return;
    const fields = new Array<string>(record.count);
    for (let i = 0; i < record.count; i++) fields[i] = decoder.text(record.bytes, record.starts[i], record.ends[i], record.kinds[i]);
    this.record(fields, record.line, undefined, record.offset);
  }

  /** Per canonical column (COLUMN order): parsed cells by their bytes, for the current file. */
  private caches: CellCache<unknown>[] | null = null;
  /** Per canonical column: the value of an empty cell (an absent column, a short row). */
  private emptyValues: unknown[] = [];

  private cellCaches(decoder: CellDecoder): CellCache<unknown>[] {
    const { clean, labels, age, date } = this.run.parsers;
    const parsers: ((raw: string) => unknown)[] = [
      (raw) => raw, // person_id is read from its bytes, never through a cache
      clean,
      clean,
      labels.group,
      labels.outcome,
      age,
      labels.gender,
      labels.prior_work,
      date,
      date,
    ];
    this.emptyValues = parsers.map((parse) => parse(''));
    this.parsers = parsers;
    return parsers.map((parse) => new CellCache((bytes, start, end) => parse(decoder.text(bytes, start, end, 0))));
  }

  private parsers: ((raw: string) => unknown)[] = [];

  /** The parsed cell of canonical column k (COLUMN order). */
  private cell(k: number, record: ByteRecord, decoder: CellDecoder, caches: CellCache<unknown>[]): unknown {
    const i = this.position[k];
    if (i === -1 || i >= record.count) return this.emptyValues[k];
    const kind = record.kinds[i];
    if ((kind & (ESCAPED | HAS_CR)) !== 0) return this.parsers[k](decoder.text(record.bytes, record.starts[i], record.ends[i], kind));
    return caches[k].get(record.bytes, record.starts[i], record.ends[i]);
  }

  /** An age of two digits within range, read from its bytes (what cellParsers' plainAge gives); else undefined. */
  private plainAge(record: ByteRecord): number | undefined {
    const i = this.position[COLUMN.AGE];
    if (i === -1 || i >= record.count) return undefined;
    const start = record.starts[i];
    if (record.ends[i] - start !== 2) return undefined;
    const tens = record.bytes[start] - 48;
    const ones = record.bytes[start + 1] - 48;
    if (tens >>> 0 > 9 || ones >>> 0 > 9) return undefined;
    const age = tens * 10 + ones;
    return age >= MIN_AGE && age <= MAX_AGE ? age : undefined;
  }

  /**
   * Validates and proposes a plain row without decoding it whole: no text beyond
   * the header but empty fields, an ASCII person_id with nothing to trim that
   * cannot be a "no value" or total word, and every cell read as validate would
   * read it without a rejection or notice. Returns false, having changed nothing,
   * for any other row.
   */
  private acceptPlain(record: ByteRecord, decoder: CellDecoder): boolean {
    const count = record.count;
    const starts = record.starts;
    const ends = record.ends;
    for (let i = this.header.length; i < count; i++) if (ends[i] !== starts[i]) return false;
    const p = this.position[COLUMN.PERSON_ID];
    if (p >= count || (record.kinds[p] & (ESCAPED | HAS_CR)) !== 0) return false;
    const bytes = record.bytes;
    const start = starts[p];
    const end = ends[p];
    if (start === end) return false;
    const first = bytes[start];
    if (first <= 0x20 || bytes[end - 1] <= 0x20 || mayBeNotAvailable(first) || mayBeTotal(first) || !isAscii(bytes, start, end)) return false;
    this.caches ??= this.cellCaches(decoder);
    const caches = this.caches;
    const office = this.cell(COLUMN.OFFICE, record, decoder, caches) as string;
    if (office === '') return false;
    const group = this.cell(COLUMN.GROUP, record, decoder, caches) as Group | null | undefined;
    if (group === null || group === undefined) return false;
    const outcome = this.cell(COLUMN.OUTCOME, record, decoder, caches) as Outcome | null | undefined;
    if (outcome === undefined) return false;
    const age = this.plainAge(record) ?? (this.cell(COLUMN.AGE, record, decoder, caches) as number | null | undefined);
    if (age === undefined) return false;
    const gender = this.cell(COLUMN.GENDER, record, decoder, caches) as Gender | null | undefined;
    if (gender === undefined) return false;
    const priorWork = this.cell(COLUMN.PRIOR_WORK, record, decoder, caches) as string | null | undefined;
    if (priorWork === undefined) return false;
    const startDate = this.cell(COLUMN.START_DATE, record, decoder, caches) as string | null | undefined;
    if (startDate === undefined) return false;
    const endDate = this.cell(COLUMN.END_DATE, record, decoder, caches) as string | null | undefined;
    if (endDate === undefined) return false;
    const counsellorId = this.cell(COLUMN.COUNSELLOR_ID, record, decoder, caches) as string;
    this.summary.rowsRead++;
    if ((this.summary.rowsRead & 0xffff) === 0) this.run.progress(this.fileIndex, this.fraction(record.offset));
    this.run.propose(
      {
        personId: this.run.readsPersonId ? bytes.latin1Slice(start, end) : '',
        office,
        counsellorId: counsellorId === '' ? null : counsellorId,
        group,
        outcome,
        age,
        gender,
        priorWork: priorWork === null ? null : priorWork === '1' ? 1 : 0,
        startDate,
        endDate,
      },
      this.fileIndex,
      record.line,
      bytes,
      start,
      end,
    );
    return true;
  }

  malformed(line: number, text: string, reason: MalformedLine): void {
    // Split naively, to name a column in a refusal and to fill the rejects file's columns.
    const fields = text.split(this.delimiter);
    const wholeLine = findPersonalData(text);
    if (!this.hasHeader) {
      if (wholeLine !== null) throw personalDataError(this.name, line, 'unknown (the line is not valid CSV)', wholeLine);
      if (line < this.headerLine) return;
      throw new InputError(`${this.name}, line ${line}: the header cannot be read as CSV: ${malformedLineEn(reason)}`, 'MALFORMED_HEADER');
    }
    this.summary.rowsRead++;
    this.scanCells(fields, line);
    if (wholeLine !== null) throw personalDataError(this.name, line, 'unknown (the line is not valid CSV)', wholeLine);
    this.reject(line, fields, null, { code: 'MALFORMED_CSV', params: { reason: reason.reason, parserCode: reason.parserCode } }, null);
  }

  private readHeader(fields: string[], line: number): void {
    for (let i = 0; i < fields.length; i++) {
      const kind = findPersonalData(fields[i]);
      if (kind !== null) throw personalDataError(this.name, line, `number ${i + 1} (its header)`, kind);
    }
    const resolved = resolveHeader(fields, this.run.vocab, this.name, line);
    this.hasHeader = true;
    this.header = resolved.header;
    this.index = resolved.index;
    this.summary.columns = resolved.columns;
    this.summary.headerLanguage = resolved.language;
    this.position = Int32Array.from(CANONICAL_COLUMNS, (column) => this.index[column]);
    this.idColumns = new Set([this.index.person_id, this.index.counsellor_id].filter((i) => i !== -1));
    this.scanned = resolved.columns.map(({ header, canonical }) => !this.run.isAllowed(header, canonical));
    this.run.markPresent(new Set(resolved.columns.flatMap((c) => (c.canonical === null ? [] : [c.canonical]))));
  }

  /** The row's cells of the mapped canonical columns, for --rejects (never unmapped free text). */
  private canonicalCells(fields: string[]): (string | null)[] {
    const cells: (string | null)[] = [];
    for (let k = 0; k < CANONICAL_COLUMNS.length; k++) {
      const i = this.position[k];
      cells.push(i === -1 ? null : detached(fields[i] ?? ''));
    }
    return cells;
  }

  private reject(line: number, fields: string[], field: string | null, reason: RejectionReason, group: Group | null): void {
    // The row's group, where it can be read, counts it against that group's rows (--max-rejected).
    if (group === null && reason.code !== 'TOTAL_ROW') {
      this.fillCells(fields);
      const read = this.run.parsers.labels.group(this.cells[COLUMN.GROUP]);
      if (typeof read === 'string') group = read as Group;
    }
    // Detached from the file's text like the cells.
    this.run.reject({
      fileIndex: this.fileIndex,
      file: this.name,
      line,
      field,
      ...reason,
      message: detached(rejectionMessageEn(reason)),
      cells: this.canonicalCells(fields),
      group,
    });
  }

  /** A cell as a message shows it: masked, and detached from the file's text. */
  private cellText(column: CanonicalColumn): string {
    return detached(safeEcho(this.cells[CANONICAL_COLUMNS.indexOf(column)].trim()));
  }

  /** A total row (Sum, Totalt, Total …) in the first cell or a required column. */
  private isTotalRow(fields: string[]): boolean {
    const first = fields.find((f) => f.trim() !== '');
    return (
      (first !== undefined && isTotalLabel(first)) ||
      isTotalLabel(this.cells[COLUMN.PERSON_ID]) ||
      isTotalLabel(this.cells[COLUMN.OFFICE]) ||
      isTotalLabel(this.cells[COLUMN.GROUP])
    );
  }

  /** Rejects the row, as a total row if it is one. */
  private rejectRow(line: number, fields: string[], field: string | null, reason: RejectionReason, group: Group | null): void {
    if (this.isTotalRow(fields)) {
      this.reject(line, fields, null, { code: 'TOTAL_ROW', params: {} }, null);
    } else {
      if (reason.code === 'UNKNOWN_GROUP' || reason.code === 'UNKNOWN_OUTCOME') {
        const column = reason.code === 'UNKNOWN_GROUP' ? 'group' : 'outcome';
        this.run.unknownLabel(column, this.cells[CANONICAL_COLUMNS.indexOf(column)], this.fileIndex, line, 'rejected');
      }
      this.reject(line, fields, field, reason, group);
    }
  }

  /** An unknown group or outcome label: the column and the label as written (masked). */
  private unknownLabel(column: 'group' | 'outcome'): { column: ColumnRef; label: string } {
    return { column: this.columnRef(this.index[column]), label: this.cellText(column) };
  }

  /** Builds the canonical record and proposes it to the run, or rejects the row. */
  private validate(fields: string[], line: number): void {
    const width = this.header.length;
    if (fields.length > width) {
      // Trailing empty fields (Excel's `;;;`) are not an error; anything else beyond the header is.
      for (let i = width; i < fields.length; i++) {
        if (fields[i].trim() !== '') {
          this.fillCells(fields);
          this.rejectRow(line, fields, null, { code: 'FIELD_COUNT', params: { fields: fields.length, columns: width } }, null);
          return;
        }
      }
    }
    // Fewer fields than the header: the trailing ones were cut off and are empty.
    this.fillCells(fields);
    const cells = this.cells;
    const { clean, labels, age: readAge, date: readDate } = this.run.parsers;
    const personId = normaliseId(cells[COLUMN.PERSON_ID]);
    const office = clean(cells[COLUMN.OFFICE]);
    const groupCell = cells[COLUMN.GROUP];
    // "No value" words (#N/A, NA, -, Ikke registrert …) in a required column are empty too
    // (clean gives '' for them, labels null).
    const group = labels.group(groupCell);
    const empty: RequiredField | null =
      personId === '' || (mayBeNotAvailable(personId.charCodeAt(0)) && isNotAvailable(personId))
        ? 'person_id'
        : office === ''
          ? 'office'
          : group === null
            ? 'group'
            : null;
    if (empty !== null) {
      const params = { column: this.columnRef(this.index[empty]), field: empty, value: this.cellText(empty) };
      this.rejectRow(line, fields, empty, { code: 'REQUIRED_EMPTY', params }, null);
      return;
    }
    if (mayBeTotal(personId.charCodeAt(0)) && isTotalLabel(personId)) {
      // "Sum" where an id belongs, even with a group and outcome beside it, is not a person.
      this.rejectRow(line, fields, null, { code: 'TOTAL_ROW', params: {} }, null);
      return;
    }
    if (group === undefined) {
      this.rejectRow(line, fields, 'group', { code: 'UNKNOWN_GROUP', params: this.unknownLabel('group') }, null);
      return;
    }
    const outcome = labels.outcome(cells[COLUMN.OUTCOME]);
    if (outcome === undefined) {
      this.rejectRow(line, fields, 'outcome', { code: 'UNKNOWN_OUTCOME', params: this.unknownLabel('outcome') }, group as Group);
      return;
    }
    const run = this.run;
    // Optional values: what cannot be read becomes missing, counted with its place.
    let age = readAge(cells[COLUMN.AGE]);
    if (age === undefined) {
      run.notice('INVALID_AGE', 'age', this.fileIndex, line);
      age = null;
    }
    let gender = labels.gender(cells[COLUMN.GENDER]);
    if (gender === undefined) {
      run.notice('UNKNOWN_GENDER', 'gender', this.fileIndex, line);
      run.unknownLabel('gender', cells[COLUMN.GENDER], this.fileIndex, line, 'missing');
      gender = null;
    }
    let priorWork = labels.prior_work(cells[COLUMN.PRIOR_WORK]);
    if (priorWork === undefined) {
      run.notice('UNKNOWN_PRIOR_WORK', 'prior_work', this.fileIndex, line);
      run.unknownLabel('prior_work', cells[COLUMN.PRIOR_WORK], this.fileIndex, line, 'missing');
      priorWork = null;
    }
    let startDate = readDate(cells[COLUMN.START_DATE]);
    if (startDate === undefined) {
      run.notice('INVALID_DATE', 'start_date', this.fileIndex, line);
      startDate = null;
    }
    let endDate = readDate(cells[COLUMN.END_DATE]);
    if (endDate === undefined) {
      run.notice('INVALID_DATE', 'end_date', this.fileIndex, line);
      endDate = null;
    }
    const counsellorId = clean(cells[COLUMN.COUNSELLOR_ID]);
    const record: CanonicalRecord = {
      personId,
      office,
      counsellorId: counsellorId === '' ? null : counsellorId,
      group: group as Group,
      outcome: outcome as Outcome | null,
      age,
      gender: gender as Gender | null,
      priorWork: priorWork === null ? null : priorWork === '1' ? 1 : 0,
      startDate,
      endDate,
    };
    run.propose(record, this.fileIndex, line);
  }

  /** The canonical columns' cells in one loop (not ten calls: see normaliseId); '' beyond a short row. */
  private fillCells(fields: string[]): void {
    const cells = this.cells;
    const position = this.position;
    for (let k = 0; k < cells.length; k++) {
      const i = position[k];
      cells[k] = i === -1 || i >= fields.length ? '' : fields[i];
    }
  }
}

/** person_id in NFC, trimmed; text below U+0300 is NFC already, so normalize() is skipped for it. */
function normaliseId(raw: string): string {
  // One regular-expression test rather than a loop over the characters: cheaper while
  // the code still runs in V8's interpreter (most of a pilot's rows).
  return NOT_BELOW_U0300.test(raw) ? raw.normalize('NFC').trim() : raw.trim();
}

/** Can a total-row word (see isTotalLabel) start with this character? S s T t I i G g */
function mayBeTotal(code: number): boolean {
  return code === 83 || code === 115 || code === 84 || code === 116 || code === 73 || code === 105 || code === 71 || code === 103;
}

/** Can a "no value" word (see isNotAvailable) start with this character? Most ids are passed over by this test alone. */
function mayBeNotAvailable(code: number): boolean {
  // # ( - n N i I u U – —
  return (
    code === 35 ||
    code === 40 ||
    code === 45 ||
    code === 110 ||
    code === 78 ||
    code === 105 ||
    code === 73 ||
    code === 117 ||
    code === 85 ||
    code === 0x2013 ||
    code === 0x2014
  );
}

/** A UTF-16 code unit at or above U+0300 (combining marks and everything after them). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the range starts at U+0000 on purpose, to find any character from U+0300 up.
const NOT_BELOW_U0300 = /[^\u0000-\u02ff]/;
