/**
 * Re-writes a canonical office export the way one office's system might write it:
 * another delimiter, encoding, line ending, header language, labels and date format,
 * columns in another order, and a free-text comment column. Used by
 * `simulate --dialects` so that demos and tests exercise ingest as exports really come.
 */
export interface Dialect {
  name: string;
  delimiter: ',' | ';' | '\t';
  encoding: 'utf-8' | 'utf-8-bom' | 'windows-1252';
  lineEnding: '\n' | '\r\n';
  /** Canonical column → header written, in output order. */
  columns: [canonical: string, header: string][];
  labels: Record<string, string>;
  norwegianDates: boolean;
  /** Header of a free-text comment column (with delimiters, quotes and newlines), or null for none. */
  comments: string | null;
}

const CANONICAL = ['person_id', 'office', 'counsellor_id', 'group', 'outcome', 'age', 'gender', 'prior_work', 'start_date', 'end_date'];

export const DIALECTS: Dialect[] = [
  {
    name: 'canonical (English, comma, UTF-8, LF)',
    delimiter: ',',
    encoding: 'utf-8',
    lineEnding: '\n',
    columns: CANONICAL.map((c) => [c, c]),
    labels: {},
    norwegianDates: false,
    comments: null,
  },
  {
    name: 'Bokmål from Excel (semicolon, Windows-1252, CRLF, dd.mm.yyyy)',
    delimiter: ';',
    encoding: 'windows-1252',
    lineEnding: '\r\n',
    columns: [
      ['office', 'NAV-kontor'],
      ['person_id', 'Bruker_ID'],
      ['counsellor_id', 'Veileder'],
      ['group', 'Gruppe'],
      ['outcome', 'Utfall'],
      ['age', 'Alder'],
      ['gender', 'Kjønn'],
      ['prior_work', 'Tidligere arbeid'],
      ['start_date', 'Startdato'],
      ['end_date', 'Sluttdato'],
    ],
    labels: {
      'group:hybrid': 'Hybridmodellen',
      'group:usual': 'Som vanlig',
      'outcome:job': 'Jobb',
      'outcome:apprenticeship': 'Læreplass',
      'outcome:education': 'Utdanning',
      'outcome:none': 'Ingen',
      'gender:F': 'K',
      'gender:M': 'M',
      'prior_work:1': 'Ja',
      'prior_work:0': 'Nei',
    },
    norwegianDates: true,
    comments: 'Kommentar',
  },
  {
    name: 'Nynorsk (tab, UTF-8 with BOM, LF)',
    delimiter: '\t',
    encoding: 'utf-8-bom',
    lineEnding: '\n',
    columns: [
      ['person_id', 'brukar_id'],
      ['office', 'eining'],
      ['counsellor_id', 'rettleiar'],
      ['group', 'gruppe'],
      ['outcome', 'utfall'],
      ['age', 'alder'],
      ['gender', 'kjønn'],
      ['prior_work', 'tidlegare_arbeid'],
      ['start_date', 'oppstart'],
      ['end_date', 'utfallsdato'],
    ],
    labels: {
      'group:hybrid': 'tett oppfylging',
      'group:usual': 'som vanleg',
      'outcome:job': 'i arbeid',
      'outcome:apprenticeship': 'lærling',
      'outcome:education': 'skole',
      'outcome:none': 'ikkje i aktivitet',
      'gender:F': 'kvinne',
      'gender:M': 'mann',
      'prior_work:1': 'ja',
      'prior_work:0': 'nei',
    },
    norwegianDates: true,
    comments: null,
  },
  {
    name: 'English research export (comma, CRLF, other labels)',
    delimiter: ',',
    encoding: 'utf-8',
    lineEnding: '\r\n',
    columns: [
      ['person_id', 'ID'],
      ['group', 'Arm'],
      ['outcome', 'Status'],
      ['office', 'Office'],
      ['counsellor_id', 'Counselor ID'],
      ['age', 'Age'],
      ['gender', 'Sex'],
      ['prior_work', 'Prior work'],
      ['start_date', 'Start date'],
      ['end_date', 'End date'],
    ],
    labels: {
      'group:hybrid': 'intervention',
      'group:usual': 'control',
      'outcome:job': 'employed',
      'outcome:apprenticeship': 'apprentice',
      'outcome:education': 'school',
      'outcome:none': 'no outcome',
      'gender:F': 'female',
      'gender:M': 'male',
      'prior_work:1': 'yes',
      'prior_work:0': 'no',
    },
    norwegianDates: false,
    comments: 'Notes',
  },
  {
    name: 'Bokmål (semicolon, UTF-8, LF, d.m.yyyy)',
    delimiter: ';',
    encoding: 'utf-8',
    lineEnding: '\n',
    columns: [
      ['person_id', 'løpenummer'],
      ['office', 'kontor'],
      ['counsellor_id', 'veileder_id'],
      ['group', 'modell'],
      ['outcome', 'sluttstatus'],
      ['age', 'alder'],
      ['gender', 'kjonn'],
      ['prior_work', 'arbeidserfaring'],
      ['start_date', 'inntaksdato'],
      ['end_date', 'avslutningsdato'],
    ],
    labels: {
      'group:hybrid': 'Tett oppfølging',
      'group:usual': 'Ordinær oppfølging',
      'outcome:job': 'Arbeid',
      'outcome:apprenticeship': 'Lærekandidat',
      'outcome:education': 'Skole',
      'outcome:none': 'Ikke i aktivitet',
      'gender:F': 'Kvinne',
      'gender:M': 'Mann',
      'prior_work:1': 'Ja',
      'prior_work:0': 'Nei',
    },
    norwegianDates: true,
    comments: null,
  },
  {
    name: 'Windows-1252 with tabs (Nynorsk labels, CRLF)',
    delimiter: '\t',
    encoding: 'windows-1252',
    lineEnding: '\r\n',
    columns: [
      ['person_id', 'deltakar_id'],
      ['office', 'Navkontor'],
      ['counsellor_id', 'rettleiar_id'],
      ['group', 'gruppe'],
      ['outcome', 'resultat'],
      ['age', 'alder'],
      ['gender', 'kjønn'],
      ['prior_work', 'tidlegare arbeid'],
      ['start_date', 'startdato'],
      ['end_date', 'sluttdato'],
    ],
    labels: {
      'group:hybrid': 'Hybridmodell',
      'group:usual': 'Vanleg',
      'outcome:job': 'Arbeid',
      'outcome:apprenticeship': 'Læreplass',
      'outcome:education': 'Utdanning',
      'outcome:none': 'Ingenting',
      'gender:F': 'K',
      'gender:M': 'M',
      'prior_work:1': 'Ja',
      'prior_work:0': 'Nei',
    },
    norwegianDates: true,
    comments: null,
  },
  {
    name: 'English, semicolon, quoted everything',
    delimiter: ';',
    encoding: 'utf-8',
    lineEnding: '\n',
    columns: [
      ['person_id', 'deltaker_id'],
      ['office', 'enhet'],
      ['counsellor_id', 'counsellor_id'],
      ['group', 'group'],
      ['outcome', 'outcome'],
      ['age', 'age'],
      ['gender', 'gender'],
      ['prior_work', 'prior_work'],
      ['start_date', 'start_date'],
      ['end_date', 'end_date'],
    ],
    labels: {
      'group:hybrid': 'Hybrid model',
      'group:usual': 'As usual',
      'outcome:job': 'Work',
      'outcome:apprenticeship': 'Apprenticeship',
      'outcome:education': 'Studies',
      'outcome:none': 'None',
      'gender:F': 'Woman',
      'gender:M': 'Man',
      'prior_work:1': 'true',
      'prior_work:0': 'false',
    },
    norwegianDates: false,
    comments: 'comment',
  },
  {
    name: 'canonical with upper-case headers and spaces (comma, UTF-8 BOM, CRLF)',
    delimiter: ',',
    encoding: 'utf-8-bom',
    lineEnding: '\r\n',
    columns: CANONICAL.map((c) => [c, ` ${c.toUpperCase().replace('_', ' ')} `]),
    labels: { 'group:usual': 'Usual', 'group:hybrid': 'HYBRID' },
    norwegianDates: false,
    comments: null,
  },
];

const COMMENTS = ['Møtte opp; godt samarbeid', 'Sa "ja takk" til praksisplass', 'Flyttet i perioden,\nny adresse ikke registrert', '', 'Oppfølging avsluttet'];

/** Re-writes one canonical CSV (as simulatePilot writes it) in a dialect; returns bytes. */
export function writeInDialect(canonicalCsv: string, dialect: Dialect, seed: number): Uint8Array {
  const lines = canonicalCsv.trimEnd().split('\n');
  const index = new Map(lines[0].split(',').map((h, i) => [h, i]));
  const headers = dialect.columns.map(([, header]) => header);
  if (dialect.comments !== null) headers.push(dialect.comments);
  const out = [headers.map((h) => quote(h, dialect)).join(dialect.delimiter)];
  lines.slice(1).forEach((line, row) => {
    const fields = line.split(',');
    const cells = dialect.columns.map(([canonical]) => {
      const value = fields[index.get(canonical)!];
      if (value === '') return '';
      if (canonical === 'start_date' || canonical === 'end_date') return dialect.norwegianDates ? norwegianDate(value, row) : value;
      return dialect.labels[`${canonical}:${value}`] ?? value;
    });
    if (dialect.comments !== null) cells.push(COMMENTS[(row + seed) % COMMENTS.length]);
    out.push(cells.map((c) => quote(c, dialect)).join(dialect.delimiter));
  });
  const text = out.join(dialect.lineEnding) + dialect.lineEnding;
  if (dialect.encoding === 'windows-1252') return encodeWindows1252(text);
  const utf8 = new TextEncoder().encode(text);
  if (dialect.encoding === 'utf-8') return utf8;
  const withBom = new Uint8Array(utf8.length + 3);
  withBom.set([0xef, 0xbb, 0xbf]);
  withBom.set(utf8, 3);
  return withBom;
}

function quote(value: string, dialect: Dialect): string {
  const always = dialect.name.includes('quoted everything');
  if (always || value.includes(dialect.delimiter) || value.includes('"') || value.includes('\n') || value.includes('\r')) {
    return `"${value.replace(/"/g, '""')}"`;
  }
  return value;
}

/** 2022-03-01 → 01.03.2022, or 1.3.2022 on every other row. */
function norwegianDate(iso: string, row: number): string {
  const [y, m, d] = iso.split('-');
  return row % 2 === 0 ? `${d}.${m}.${y}` : `${Number(d)}.${Number(m)}.${y}`;
}

/** Encodes text as Windows-1252; every character the simulator writes is in that code page. */
function encodeWindows1252(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff) throw new RangeError(`character U+${code.toString(16)} is not in Windows-1252`);
    bytes[i] = code;
  }
  return bytes;
}
