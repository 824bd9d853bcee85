import {
  NOTICE_MESSAGES_EN,
  REJECTION_MESSAGES_EN,
  SKIP_MESSAGES_EN,
  type NoticeFacts,
  type NoticeTemplates,
  type RejectionTemplates,
  type SkipTemplates,
} from '../ingest/messages.js';
import type { ColumnRef, MalformedLine, NoticeCode, NoticeReason, Place, RejectionReason, SkipReason } from '../ingest/types.js';
import { formatCount } from './format.js';
import { WORDS, type Lang } from './i18n.js';

/**
 * The messages of rejected rows, skipped files and ingest notices in each language,
 * written from their code and params. English is ingest's own (src/ingest/messages.ts:
 * what `validate`, --rejects and stderr print); each language is complete, so the
 * compiler finds a code without a message.
 */
export interface InputMessages {
  rejections: RejectionTemplates;
  skippedFiles: SkipTemplates;
  notices: NoticeTemplates;
}

/** Bokmål and Nynorsk words the templates below differ in. */
interface InputWords {
  lang: 'nb' | 'nn';
  column: (c: ColumnRef) => string;
  rows: (n: number) => string;
  places: (examples: Place[], count: number) => string;
}

const quoted = (text: string) => `«${text}»`;

const placesNo = (examples: Place[], count: number) => examples.map((p) => `${p.file} linje ${p.line}`).join(', ') + (count > examples.length ? ', …' : '');

const NB: InputWords = {
  lang: 'nb',
  column: (c) => (c.header !== null ? quoted(c.header) : c.beyondHeader ? `nummer ${c.position} (utenfor overskriftsraden)` : `nummer ${c.position}`),
  rows: (n) => `${formatCount(n, 'nb')} ${n === 1 ? 'rad' : 'rader'}`,
  places: placesNo,
};

const NN: InputWords = {
  lang: 'nn',
  column: (c) => (c.header !== null ? quoted(c.header) : c.beyondHeader ? `nummer ${c.position} (utanfor overskriftsrada)` : `nummer ${c.position}`),
  rows: (n) => `${formatCount(n, 'nn')} ${n === 1 ? 'rad' : 'rader'}`,
  places: placesNo,
};

const MALFORMED_NB: Record<MalformedLine['reason'], (code: string | null) => string> = {
  quoteNotClosed: () => 'et felt i anførselstegn åpnes på denne linjen og lukkes aldri',
  invalidClosingQuote: () =>
    'et felt i anførselstegn som begynner på denne linjen, følges av andre tegn etter det avsluttende anførselstegnet (et anførselstegn uten par?)',
  invalidOpeningQuote: () => 'et anførselstegn står midt i et felt uten anførselstegn',
  unreadable: (code) => `linjen kan ikke leses som CSV (${code ?? 'tolkningsfeil'})`,
};

const MALFORMED_NN: Record<MalformedLine['reason'], (code: string | null) => string> = {
  quoteNotClosed: () => 'eit felt i hermeteikn blir opna på denne linja og blir aldri lukka',
  invalidClosingQuote: () =>
    'eit felt i hermeteikn som byrjar på denne linja, blir følgt av andre teikn etter det avsluttande hermeteiknet (eit hermeteikn utan par?)',
  invalidOpeningQuote: () => 'eit hermeteikn står midt i eit felt utan hermeteikn',
  unreadable: (code) => `linja kan ikkje lesast som CSV (${code ?? 'tolkingsfeil'})`,
};

const rejectionsNb: RejectionTemplates = {
  FIELD_COUNT: (p) => `raden har ${formatCount(p.fields, 'nb')} felt, men overskriftsraden har ${formatCount(p.columns, 'nb')}`,
  REQUIRED_EMPTY: (p) =>
    `kolonne ${NB.column(p.column)}: det påkrevde feltet ${WORDS.nb.columnNames[p.field]} ${p.value === '' ? 'er tomt' : `har ingen verdi (${quoted(p.value)})`}`,
  TOTAL_ROW: () => 'en sumrad (Sum, Totalt, Total), ikke en person',
  UNKNOWN_GROUP: (p) =>
    `kolonne ${NB.column(p.column)}: gruppeverdien ${quoted(p.label)} er ukjent (forventet hybridmodellen eller som vanlig, et innebygd synonym eller et som er lagt til med --mapping)`,
  UNKNOWN_OUTCOME: (p) =>
    `kolonne ${NB.column(p.column)}: utfallsverdien ${quoted(p.label)} er ukjent (forventet jobb, læreplass, utdanning, ingen, eller tom når utfallet ikke er registrert, et innebygd synonym eller et som er lagt til med --mapping)`,
  CONFLICTING_ID: (p) =>
    `samme person_id${p.scope === 'office' ? ' på samme kontor' : ''} står på ${NB.rows(p.rows)} med ulikt innhold ` +
    `(${placesNo(p.places, p.places.length)}${p.more > 0 ? ` og ${formatCount(p.more, 'nb')} til` : ''}); alle er avvist`,
  MALFORMED_CSV: (p) => `${MALFORMED_NB[p.reason](p.parserCode)}; linjen ble hoppet over, og lesingen fortsatte på neste linje`,
};

const rejectionsNn: RejectionTemplates = {
  FIELD_COUNT: (p) => `rada har ${formatCount(p.fields, 'nn')} felt, men overskriftsrada har ${formatCount(p.columns, 'nn')}`,
  REQUIRED_EMPTY: (p) =>
    `kolonne ${NN.column(p.column)}: det påkravde feltet ${WORDS.nn.columnNames[p.field]} ${p.value === '' ? 'er tomt' : `har ingen verdi (${quoted(p.value)})`}`,
  TOTAL_ROW: () => 'ei sumrad (Sum, Totalt, Total), ikkje ein person',
  UNKNOWN_GROUP: (p) =>
    `kolonne ${NN.column(p.column)}: gruppeverdien ${quoted(p.label)} er ukjend (forventa hybridmodellen eller som vanleg, eit innebygd synonym eller eit som er lagt til med --mapping)`,
  UNKNOWN_OUTCOME: (p) =>
    `kolonne ${NN.column(p.column)}: utfallsverdien ${quoted(p.label)} er ukjend (forventa jobb, læreplass, utdanning, ingen, eller tom når utfallet ikkje er registrert, eit innebygd synonym eller eit som er lagt til med --mapping)`,
  CONFLICTING_ID: (p) =>
    `same person_id${p.scope === 'office' ? ' på same kontor' : ''} står på ${NN.rows(p.rows)} med ulikt innhald ` +
    `(${placesNo(p.places, p.places.length)}${p.more > 0 ? ` og ${formatCount(p.more, 'nn')} til` : ''}); alle er avviste`,
  MALFORMED_CSV: (p) => `${MALFORMED_NN[p.reason](p.parserCode)}; linja vart hoppa over, og lesinga heldt fram på neste linje`,
};

const skippedNb: SkipTemplates = {
  HIDDEN: (p) => (p.kind === 'folder' ? 'skjult mappe' : 'skjult fil'),
  LOCK_FILE: () => 'låsefil for et åpent regneark',
  NOT_A_DATA_FILE: (p) => `ikke en CSV-, TSV-, tekst-, Excel- eller gzip-fil${p.extension === null ? '' : ` (${p.extension})`}`,
  OWN_OUTPUT: (p) =>
    p.writtenBy === 'thisRun' ? 'skrevet av denne kjøringen (--out eller --rejects)' : 'en rapport- eller avvisningsfil skrevet av hybrid-eval',
  NO_HEADER: (p) => `ingen overskriftsrad med de påkrevde kolonnene blant de første ${formatCount(p.lines, 'nb')} linjene`,
};

const skippedNn: SkipTemplates = {
  HIDDEN: (p) => (p.kind === 'folder' ? 'skjult mappe' : 'skjult fil'),
  LOCK_FILE: () => 'låsefil for eit ope rekneark',
  NOT_A_DATA_FILE: (p) => `ikkje ei CSV-, TSV-, tekst-, Excel- eller gzip-fil${p.extension === null ? '' : ` (${p.extension})`}`,
  OWN_OUTPUT: (p) =>
    p.writtenBy === 'thisRun' ? 'skriven av denne køyringa (--out eller --rejects)' : 'ei rapport- eller avvisingsfil skriven av hybrid-eval',
  NO_HEADER: (p) => `inga overskriftsrad med dei påkravde kolonnane blant dei første ${formatCount(p.lines, 'nn')} linjene`,
};

/** "linje 1" or "linje 1–2": the lines above a header on `headerLine`. */
const linesAbove = (headerLine: number) => (headerLine === 2 ? 'linje 1' : `linje 1–${headerLine - 1}`);
const columnWord = (w: InputWords, column: NoticeFacts<NoticeCode>['column']) => (column === null ? WORDS[w.lang].someDate : WORDS[w.lang].columnNames[column]);

const noticesNb: NoticeTemplates = {
  INVALID_AGE: (n) =>
    `alder kunne ikke leses (ikke et helt tall fra 15 til 80) i ${NB.rows(n.count)} og er regnet som manglende (første: ${NB.places(n.examples, n.count)})`,
  INVALID_DATE: (n) =>
    `${columnWord(NB, n.column)} kunne ikke leses som dato i ${NB.rows(n.count)} og er regnet som manglende (første: ${NB.places(n.examples, n.count)})`,
  UNKNOWN_GENDER: (n) => `kjønn har en ukjent verdi i ${NB.rows(n.count)}, regnet som manglende (første: ${NB.places(n.examples, n.count)})`,
  UNKNOWN_PRIOR_WORK: (n) => `tidligere arbeid har en ukjent verdi i ${NB.rows(n.count)}, regnet som manglende (første: ${NB.places(n.examples, n.count)})`,
  OFFICE_SPELLINGS_MERGED: ({ params: p }) =>
    `kontoret ${quoted(p.office)} er også skrevet ${p.spellings.map((s) => `${quoted(s.spelling)} (${NB.rows(s.rows)})`).join(', ')}; slått sammen`,
  OFFICE_NAME_ENCODING: ({ params: p, count, examples }) =>
    `kontornavnet ${quoted(p.spelling)} ` +
    (p.damage === 'replacement'
      ? 'inneholder U+FFFD (byte som ikke var gyldige i tegnsettet som ble brukt)'
      : 'ser ut som UTF-8 lest som Windows-1252 (feiltolkede bokstaver)') +
    ` i ${NB.rows(count)} (første: ${NB.places(examples, count)}), ` +
    (p.resolution === 'repaired'
      ? 'rettet'
      : p.resolution === 'keptApart'
        ? 'beholdt som et eget kontor'
        : `tolket som ${quoted(p.into)}, det eneste kontoret det passer med`) +
    '; kontroller tegnsettet til filen',
  ID_IN_SEVERAL_OFFICES: (n) =>
    `${formatCount(n.count, 'nb')} person_id-verdier finnes på mer enn ett kontor; med --id-scope office (standard) er hvert par (kontor, person_id) en egen person`,
  SHEETS_IGNORED: ({ params: p }) =>
    `${p.file}: bare arket ${quoted(p.sheet)} ble lest; ikke lest: ${p.ignored.map(quoted).join(', ')} (velg et annet med --sheet)`,
  LINES_BEFORE_HEADER: ({ params: p }) =>
    `${p.file}: ${linesAbove(p.headerLine)} hoppet over før overskriftsraden på linje ${p.headerLine} ` +
    `(${p.sepLine ? (p.headerLine === 2 ? 'sep=-linjen' : 'sep=-linjen og tittelrader') : 'tittelrader eller merknader'})`,
};

const noticesNn: NoticeTemplates = {
  INVALID_AGE: (n) =>
    `alder kunne ikkje lesast (ikkje eit heilt tal frå 15 til 80) i ${NN.rows(n.count)} og er rekna som manglande (første: ${NN.places(n.examples, n.count)})`,
  INVALID_DATE: (n) =>
    `${columnWord(NN, n.column)} kunne ikkje lesast som dato i ${NN.rows(n.count)} og er rekna som manglande (første: ${NN.places(n.examples, n.count)})`,
  UNKNOWN_GENDER: (n) => `kjønn har ein ukjend verdi i ${NN.rows(n.count)}, rekna som manglande (første: ${NN.places(n.examples, n.count)})`,
  UNKNOWN_PRIOR_WORK: (n) => `tidlegare arbeid har ein ukjend verdi i ${NN.rows(n.count)}, rekna som manglande (første: ${NN.places(n.examples, n.count)})`,
  OFFICE_SPELLINGS_MERGED: ({ params: p }) =>
    `kontoret ${quoted(p.office)} er òg skrive ${p.spellings.map((s) => `${quoted(s.spelling)} (${NN.rows(s.rows)})`).join(', ')}; slege saman`,
  OFFICE_NAME_ENCODING: ({ params: p, count, examples }) =>
    `kontornamnet ${quoted(p.spelling)} ` +
    (p.damage === 'replacement'
      ? 'inneheld U+FFFD (byte som ikkje var gyldige i teiknsettet som vart brukt)'
      : 'ser ut som UTF-8 lese som Windows-1252 (feiltolka bokstavar)') +
    ` i ${NN.rows(count)} (første: ${NN.places(examples, count)}), ` +
    (p.resolution === 'repaired'
      ? 'retta'
      : p.resolution === 'keptApart'
        ? 'halde som eit eige kontor'
        : `tolka som ${quoted(p.into)}, det einaste kontoret det passar med`) +
    '; kontroller teiknsettet til fila',
  ID_IN_SEVERAL_OFFICES: (n) =>
    `${formatCount(n.count, 'nn')} person_id-verdiar finst på meir enn eitt kontor; med --id-scope office (standard) er kvart par (kontor, person_id) ein eigen person`,
  SHEETS_IGNORED: ({ params: p }) =>
    `${p.file}: berre arket ${quoted(p.sheet)} vart lese; ikkje lese: ${p.ignored.map(quoted).join(', ')} (vel eit anna med --sheet)`,
  LINES_BEFORE_HEADER: ({ params: p }) =>
    `${p.file}: ${linesAbove(p.headerLine)} hoppa over før overskriftsrada på linje ${p.headerLine} ` +
    `(${p.sepLine ? (p.headerLine === 2 ? 'sep=-linja' : 'sep=-linja og tittelrader') : 'tittelrader eller merknader'})`,
};

export const INPUT_MESSAGES: Record<Lang, InputMessages> = {
  en: { rejections: REJECTION_MESSAGES_EN, skippedFiles: SKIP_MESSAGES_EN, notices: NOTICE_MESSAGES_EN },
  nb: { rejections: rejectionsNb, skippedFiles: skippedNb, notices: noticesNb },
  nn: { rejections: rejectionsNn, skippedFiles: skippedNn, notices: noticesNn },
};

/** The field a rejected row is rejected for, named as Table 1 names the column (kontor, gruppe). */
export function rejectedField(field: string, lang: Lang): string {
  const names: Record<string, string> = WORDS[lang].columnNames;
  return Object.hasOwn(names, field) ? names[field] : field;
}

/** A rejected row's message in the language. */
export function rejectionMessage(r: RejectionReason, lang: Lang): string {
  return (INPUT_MESSAGES[lang].rejections[r.code] as (p: RejectionReason['params']) => string)(r.params);
}

/** A skipped file's message in the language. */
export function skipMessage(s: SkipReason, lang: Lang): string {
  return (INPUT_MESSAGES[lang].skippedFiles[s.code] as (p: SkipReason['params']) => string)(s.params);
}

/** A notice's message in the language. */
export function noticeMessage(n: NoticeReason & Omit<NoticeFacts<NoticeCode>, 'params'>, lang: Lang): string {
  return (INPUT_MESSAGES[lang].notices[n.code] as (facts: NoticeFacts<NoticeCode>) => string)(n);
}
