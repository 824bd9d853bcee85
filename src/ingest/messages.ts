import type {
  CanonicalColumn,
  ColumnRef,
  MalformedLine,
  NoticeCode,
  NoticeParams,
  NoticeReason,
  Place,
  RejectionCode,
  RejectionParams,
  RejectionReason,
  SkipCode,
  SkipParams,
  SkipReason,
} from './types.js';

/**
 * The English messages of rejections, skipped files and notices, written from their
 * code and params: what `validate`, --rejects and stderr print. The report writes
 * the same params in its own language (src/report/inputMessages.ts, whose English
 * is this file), so a value the message names must be in params.
 */

export type RejectionTemplates = { [C in RejectionCode]: (p: RejectionParams[C]) => string };
export type SkipTemplates = { [C in SkipCode]: (p: SkipParams[C]) => string };

/** What a notice's message is written from. */
export interface NoticeFacts<C extends NoticeCode> {
  params: NoticeParams[C];
  column: CanonicalColumn | null;
  count: number;
  examples: Place[];
}
export type NoticeTemplates = { [C in NoticeCode]: (n: NoticeFacts<C>) => string };

/** `"Kontor"`, or `number 3` when the header cannot be shown. */
export function columnRefEn(c: ColumnRef): string {
  if (c.header !== null) return `"${c.header}"`;
  return c.beyondHeader ? `number ${c.position} (beyond the header)` : `number ${c.position}`;
}

const MALFORMED_EN: Record<MalformedLine['reason'], (code: string | null) => string> = {
  quoteNotClosed: () => 'a quoted field is opened on this line and never closed',
  invalidClosingQuote: () => 'a quoted field starting on this line is followed by other characters after its closing quote (an unbalanced quote?)',
  invalidOpeningQuote: () => 'a quote appears in the middle of an unquoted field',
  unreadable: (code) => `the line cannot be read as CSV (${code ?? 'parse error'})`,
};

/** Why a line is not CSV, in English. */
export const malformedLineEn = (m: MalformedLine): string => MALFORMED_EN[m.reason](m.parserCode);

const unknownLabelEn = (column: ColumnRef, name: string, label: string, known: string) =>
  `column ${columnRefEn(column)}: ${name} label "${label}" is not known (expected ${known}, a built-in synonym, or one added with --mapping)`;

export const REJECTION_MESSAGES_EN: RejectionTemplates = {
  FIELD_COUNT: (p) => `the record has ${p.fields} fields but the header has ${p.columns}`,
  REQUIRED_EMPTY: (p) => `column ${columnRefEn(p.column)}: required ${p.field} ${p.value === '' ? 'is empty' : `holds no value ("${p.value}")`}`,
  TOTAL_ROW: () => 'a total row (Sum, Totalt, Total), not a person',
  UNKNOWN_GROUP: (p) => unknownLabelEn(p.column, 'group', p.label, 'hybrid or usual'),
  UNKNOWN_OUTCOME: (p) => unknownLabelEn(p.column, 'outcome', p.label, 'job, apprenticeship, education, none, or empty when not registered'),
  CONFLICTING_ID: (p) =>
    `the same person_id${p.scope === 'office' ? ' in the same office' : ''} is on ${p.rows} rows with different content ` +
    `(${p.places.map((q) => `${q.file} line ${q.line}`).join(', ')}${p.more > 0 ? `, and ${p.more} more` : ''}); all of them are rejected`,
  MALFORMED_CSV: (p) => `${malformedLineEn(p)}; the line was skipped and reading resumed on the next line`,
};

export const SKIP_MESSAGES_EN: SkipTemplates = {
  HIDDEN: (p) => (p.kind === 'folder' ? 'hidden folder' : 'hidden file'),
  LOCK_FILE: () => 'lock file of an open workbook',
  NOT_A_DATA_FILE: (p) => `not a CSV, TSV, text, Excel or gzip file${p.extension === null ? '' : ` (${p.extension})`}`,
  OWN_OUTPUT: (p) => (p.writtenBy === 'thisRun' ? 'written by this run (--out or --rejects)' : 'a report or rejects file written by hybrid-eval'),
  NO_HEADER: (p) => `no header naming the required columns in its first ${p.lines} lines`,
};

const rowCount = (n: number) => `${n} ${n === 1 ? 'row' : 'rows'}`;

/** "a.csv line 5, a.csv line 9, …": the first places, and an ellipsis when there are more. */
const placesEn = (examples: Place[], count: number) => examples.map((p) => `${p.file} line ${p.line}`).join(', ') + (count > examples.length ? ', …' : '');

export const NOTICE_MESSAGES_EN: NoticeTemplates = {
  INVALID_AGE: (n) =>
    `age could not be read (not a whole number from 15 to 80) in ${rowCount(n.count)} and is counted as missing (first: ${placesEn(n.examples, n.count)})`,
  INVALID_DATE: (n) => `${n.column} could not be read as a date in ${rowCount(n.count)} and is counted as missing (first: ${placesEn(n.examples, n.count)})`,
  UNKNOWN_GENDER: (n) => `gender has a label that is not known in ${rowCount(n.count)}, counted as missing (first: ${placesEn(n.examples, n.count)})`,
  UNKNOWN_PRIOR_WORK: (n) => `prior_work has a label that is not known in ${rowCount(n.count)}, counted as missing (first: ${placesEn(n.examples, n.count)})`,
  OFFICE_SPELLINGS_MERGED: ({ params: p }) =>
    `office "${p.office}" is also written ${p.spellings.map((s) => `"${s.spelling}" (${rowCount(s.rows)})`).join(', ')}; merged`,
  OFFICE_NAME_ENCODING: ({ params: p, count, examples }) =>
    `office name "${p.spelling}" ` +
    (p.damage === 'replacement' ? 'holds U+FFFD (bytes that were not valid in the encoding used)' : 'looks like UTF-8 read as Windows-1252 (mojibake)') +
    ` in ${rowCount(count)} (first: ${placesEn(examples, count)}), ` +
    (p.resolution === 'repaired'
      ? 'repaired'
      : p.resolution === 'keptApart'
        ? 'kept as an office of its own'
        : `taken as "${p.into}", the one office it fits`) +
    "; check the file's encoding",
  ID_IN_SEVERAL_OFFICES: (n) =>
    `${n.count} person_id values occur in more than one office; under --id-scope office (the default) each (office, person_id) is a different person`,
  SHEETS_IGNORED: ({ params: p }) =>
    `${p.file}: only sheet "${p.sheet}" was read; ignored: ${p.ignored.map((s) => `"${s}"`).join(', ')} (choose one with --sheet)`,
  LINES_BEFORE_HEADER: ({ params: p }) =>
    `${p.file}: ${p.headerLine === 2 ? 'line 1' : `lines 1–${p.headerLine - 1}`} skipped before the header on line ${p.headerLine} ` +
    `(${p.sepLine ? (p.headerLine === 2 ? 'the sep= line' : 'the sep= line and title rows') : 'title rows or notes'})`,
};

/** A rejection's English message. */
export function rejectionMessageEn(reason: RejectionReason): string {
  return (REJECTION_MESSAGES_EN[reason.code] as (p: RejectionReason['params']) => string)(reason.params);
}

/** A skipped file's English message. */
export function skipMessageEn(reason: SkipReason): string {
  return (SKIP_MESSAGES_EN[reason.code] as (p: SkipReason['params']) => string)(reason.params);
}

/** A notice's English message. */
export function noticeMessageEn(notice: NoticeReason & Omit<NoticeFacts<NoticeCode>, 'params'>): string {
  return (NOTICE_MESSAGES_EN[notice.code] as (n: NoticeFacts<NoticeCode>) => string)(notice);
}
