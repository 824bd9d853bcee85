/**
 * Valid office exports in many dialects, and mutations of them, for seeded fuzzing
 * (tests/ingest/fuzz.test.ts, tests/cli/fuzz.test.ts). The bases are the simulator's
 * dialects (src/simulate/dialects.ts), the ingest dialect fixtures and a hand-written
 * export; decorations add what offices' programs put around the table (title rows,
 * `sep=`, trailing empty fields, a total row, a duplicate, a blank line, another
 * encoding or line ending). Mutations cut and flip bytes, insert and delete
 * delimiters and quotes, and duplicate, delete, swap, cut and extend lines.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { DIALECTS, writeInDialect } from '../../src/simulate/dialects.js';
import { simulatePilot } from '../../src/simulate/pilot.js';

const DIALECT_FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'ingest', 'dialects');

export type Encoding = 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/** A valid export as text (LF between lines), with how it was written. */
interface Export {
  text: string;
  delimiter: ',' | ';' | '\t';
  eol: '\n' | '\r\n';
  encoding: Encoding;
  /** Exact duplicate rows already in it. */
  duplicates: number;
}

const WINDOWS_1252 = new Map<string, number>();
{
  const decoder = new TextDecoder('windows-1252');
  for (let b = 0; b < 256; b++) WINDOWS_1252.set(decoder.decode(Uint8Array.of(b)), b);
}

/** Text → bytes; a character Windows-1252 lacks becomes '?'. */
export function encode(text: string, encoding: Encoding): Uint8Array {
  switch (encoding) {
    case 'utf-8':
      return new TextEncoder().encode(text);
    case 'utf-8-bom':
      return new TextEncoder().encode(`\uFEFF${text}`);
    case 'windows-1252':
      return Uint8Array.from(text, (ch) => WINDOWS_1252.get(ch) ?? 0x3f);
    case 'utf-16le':
    case 'utf-16be': {
      const units = `\uFEFF${text}`;
      const out = new Uint8Array(units.length * 2);
      for (let i = 0; i < units.length; i++) {
        const [hi, lo] = [units.charCodeAt(i) >> 8, units.charCodeAt(i) & 0xff];
        out.set(encoding === 'utf-16le' ? [lo, hi] : [hi, lo], 2 * i);
      }
      return out;
    }
  }
}

const decode = (bytes: Uint8Array, encoding: Encoding) => new TextDecoder(encoding === 'utf-8-bom' ? 'utf-8' : encoding).decode(bytes).replace(/\r\n/g, '\n');

/** Records of a CSV text: lines joined while a quoted field is open. */
function splitRecords(text: string): string[] {
  const records: string[] = [];
  let open = '';
  for (const line of text.replace(/\n$/, '').split('\n')) {
    open = open === '' ? line : `${open}\n${line}`;
    if (((open.match(/"/g) ?? []).length & 1) === 0) {
      records.push(open);
      open = '';
    }
  }
  if (open !== '') records.push(open);
  return records;
}

/** Hand-written: semicolon, CRLF, quoted quotes and delimiters, a two-line field, one exact duplicate. */
export const HAND_WRITTEN = [
  'person_id;kontor;gruppe;utfall;alder;kjønn;tidligere_arbeid;startdato;note',
  'A1;NAV Bærum;hybrid;jobb;30;K;ja;01.03.2022;"a ""quoted""; note"',
  'A2;NAV Bærum;vanlig;;45;M;nei;2022-03-01;"two',
  'lines"',
  'A3;NAV Bodø;Tett oppfølging;utdanning;;;;;',
  'A1;NAV Bærum;hybrid;jobb;30;K;ja;01.03.2022;"a ""quoted""; note"',
  'A4;NAV Bodø;usual;none;19;F;1;1.1.2023;x',
].join('\r\n');

/** The dialect fixtures (Bokmål BOM CRLF, canonical, English with blank lines and quotes, Nynorsk tab Windows-1252). */
const FIXTURES: Export[] = (
  [
    ['bokmal-semicolon-bom-crlf.csv', ';', '\r\n', 'utf-8-bom'],
    ['canonical-comma-lf.csv', ',', '\n', 'utf-8'],
    ['english-quoted-blank-lines.csv', ',', '\r\n', 'utf-8'],
    ['nynorsk-tab-windows1252.tsv', '\t', '\n', 'windows-1252'],
  ] as const
).map(([file, delimiter, eol, encoding]) => ({ text: decode(readFileSync(join(DIALECT_FIXTURES, file)), encoding), delimiter, eol, encoding, duplicates: 0 }));
FIXTURES.push({ text: HAND_WRITTEN.replace(/\r\n/g, '\n'), delimiter: ';', eol: '\r\n', encoding: 'utf-8', duplicates: 1 });

/** Canonical exports of a simulated pilot (eight offices), rewritten below in the simulator's dialects. */
const PILOT = simulatePilot({ seed: 20240611, rows: 400 }).map((office) => office.csv.trimEnd().split('\n'));

const simulatedExport = fc
  .record({
    office: fc.nat({ max: PILOT.length - 1 }),
    dialect: fc.nat({ max: DIALECTS.length - 1 }),
    first: fc.nat({ max: 20 }),
    rows: fc.integer({ min: 3, max: 15 }),
  })
  .map(({ office, dialect, first, rows }): Export => {
    const lines = PILOT[office];
    const d = DIALECTS[dialect];
    const canonical = `${[lines[0], ...lines.slice(1 + first, 1 + first + rows)].join('\n')}\n`;
    const bytes = writeInDialect(canonical, d, first);
    return { text: decode(bytes, d.encoding), delimiter: d.delimiter, eol: d.lineEnding, encoding: d.encoding, duplicates: 0 };
  });

/** What offices' programs add around the table. */
const decorations = fc.record({
  titleRows: fc.constantFrom([], ['Uttrekk fra fagsystemet'], ['Rapport: hybridmodell, pilot 2022–2023', ''], ['', 'Oppfølging; alle kontor']),
  sepLine: fc.boolean(),
  trailingEmpty: fc.nat({ max: 3 }),
  totalRow: fc.boolean(),
  duplicate: fc.option(fc.nat(), { nil: null }),
  blankLine: fc.option(fc.nat(), { nil: null }),
  encoding: fc.constantFrom<Encoding | null>(null, null, null, 'utf-8', 'utf-8-bom', 'windows-1252', 'utf-16le', 'utf-16be'),
  eol: fc.constantFrom<Export['eol'] | null>(null, null, '\n', '\r\n'),
});
type Decorations = typeof decorations extends fc.Arbitrary<infer T> ? T : never;

/** A valid export with decorations, as text and encoding; also what reading it must give. */
export interface Written {
  text: string;
  encoding: Encoding;
  /** Offset just after the header record's line break. */
  headerEnd: number;
  rows: number;
  duplicates: number;
  totals: number;
}

function decorate(base: Export, d: Decorations): Written {
  const [header, ...data] = splitRecords(base.text).filter((r) => r.trim() !== '');
  const pad = base.delimiter.repeat(d.trailingEmpty);
  const rows = data.map((r) => r + pad);
  let duplicates = base.duplicates;
  if (d.duplicate !== null && rows.length > 0) {
    const i = d.duplicate % rows.length;
    rows.splice(i + 1, 0, rows[i]);
    duplicates++;
  }
  if (d.blankLine !== null) rows.splice(d.blankLine % (rows.length + 1), 0, '');
  if (d.totalRow) rows.push(['Totalt', String(data.length), ...Array(d.trailingEmpty).fill('')].join(base.delimiter));
  const lines = [...(d.sepLine ? [`sep=${base.delimiter}`] : []), ...d.titleRows, header + pad, ...rows];
  const eol = d.eol ?? base.eol;
  const before = d.titleRows.length + (d.sepLine ? 1 : 0);
  const toText = (part: string[]) => part.join('\n').replace(/\n/g, eol) + eol;
  return {
    text: toText(lines),
    encoding: d.encoding ?? base.encoding,
    headerEnd: toText(lines.slice(0, before + 1)).length,
    rows: data.length - base.duplicates,
    duplicates,
    totals: d.totalRow ? 1 : 0,
  };
}

export const validExport = fc.tuple(fc.oneof(simulatedExport, fc.constantFrom(...FIXTURES)), decorations).map(([base, d]) => decorate(base, d));

// --- Mutations ---------------------------------------------------------------------

/** A relative position in [0, 1), uniform (fc.double is biased towards tiny values). */
const at = fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((n) => n / 1_000_000);
const PIECES = [';', ',', '\t', '"', '""', '\r', '\n', '\r\n', 'æ', '\uFFFD', ';;;', '"x;y"', ',"a\nb",'];

/** Edits of the text (before encoding), so that a UTF-16 file is edited by character. */
const textEdit = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at, piece: fc.constantFrom(...PIECES) }),
  fc.record({ kind: fc.constant('delete' as const), at, length: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('deleteDelimiterOrQuote' as const), at }),
  fc.record({ kind: fc.constant('duplicateLine' as const), line: at }),
  fc.record({ kind: fc.constant('deleteLine' as const), line: at }),
  fc.record({ kind: fc.constant('swapLines' as const), line: at, other: at }),
  fc.record({ kind: fc.constant('cutLine' as const), line: at, keep: at }),
  fc.record({ kind: fc.constant('extendLine' as const), line: at, piece: fc.constantFrom(...PIECES) }),
);
/** Edits of the encoded bytes. */
const byteEdit = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at }),
  fc.record({ kind: fc.constant('flip' as const), at, byte: fc.integer({ min: 0, max: 255 }) }),
);
type TextEdit = typeof textEdit extends fc.Arbitrary<infer T> ? T : never;
type ByteEdit = typeof byteEdit extends fc.Arbitrary<infer T> ? T : never;

/**
 * One to three edits; three in four fall after the header (rows damaged), one in
 * four anywhere (the header and lines above it too).
 */
export const mutations = fc.array(fc.record({ edit: fc.oneof(textEdit, byteEdit), anywhere: fc.constantFrom(false, false, false, true) }), {
  minLength: 1,
  maxLength: 3,
});
export type Mutation = typeof mutations extends fc.Arbitrary<(infer T)[]> ? T : never;
const isByteEdit = (edit: TextEdit | ByteEdit): edit is ByteEdit => edit.kind === 'truncate' || edit.kind === 'flip';

/** A position at relative place `p` within text[from..]. */
const place = (p: number, from: number, length: number) => from + Math.floor(p * (length - from));

/** Applies a text edit; `from` is where the region edited starts (0, or the end of the header). */
function editText(text: string, edit: TextEdit, from: number): string {
  if (edit.kind === 'insert' || edit.kind === 'delete' || edit.kind === 'deleteDelimiterOrQuote') {
    const i = place(edit.at, from, text.length);
    if (edit.kind === 'insert') return text.slice(0, i) + edit.piece + text.slice(i);
    if (edit.kind === 'delete') return text.slice(0, i) + text.slice(i + edit.length);
    const next = text.slice(i).search(/[;,\t"]/);
    return next === -1 ? text : text.slice(0, i + next) + text.slice(i + next + 1);
  }
  // Physical lines, each keeping its line break (a quoted field's break splits a record).
  const lines = text.split(/(?<=\n)/);
  const firstLine = text.slice(0, from).split(/(?<=\n)/).length - (from === 0 ? 1 : 0);
  if (firstLine >= lines.length) return text;
  const k = place(edit.line, firstLine, lines.length);
  const line = lines[k];
  const body = line.replace(/\r?\n$/, '');
  const ending = line.slice(body.length);
  switch (edit.kind) {
    case 'duplicateLine':
      lines.splice(k, 0, line);
      break;
    case 'deleteLine':
      lines.splice(k, 1);
      break;
    case 'swapLines': {
      const j = place(edit.other, firstLine, lines.length);
      [lines[k], lines[j]] = [lines[j], lines[k]];
      break;
    }
    case 'cutLine':
      lines[k] = body.slice(0, Math.floor(edit.keep * body.length)) + ending;
      break;
    case 'extendLine':
      lines[k] = body + edit.piece + ending;
      break;
  }
  return lines.join('');
}

function editBytes(bytes: Uint8Array, edit: ByteEdit, from: number): Uint8Array {
  const i = place(edit.at, from, bytes.length);
  if (edit.kind === 'truncate') return bytes.slice(0, i);
  const out = bytes.slice();
  if (i < out.length) out[i] = edit.byte;
  return out;
}

/** Text edits first (in order), then the text is encoded, then bytes are cut or flipped. */
export function mutate(written: Written, list: Mutation[]): Uint8Array {
  let text = written.text;
  // An edit anywhere may move the header's end a little; the region is only an aim.
  for (const { edit, anywhere } of list) if (!isByteEdit(edit)) text = editText(text, edit, anywhere ? 0 : Math.min(written.headerEnd, text.length));
  let bytes = encode(text, written.encoding);
  const headerBytes = encode(text.slice(0, written.headerEnd), written.encoding).length;
  for (const { edit, anywhere } of list) if (isByteEdit(edit)) bytes = editBytes(bytes, edit, anywhere ? 0 : Math.min(headerBytes, bytes.length));
  return bytes;
}
