/** Tricky inputs shared by the reader differential tests (differential.test.ts, streamDifferential.test.ts). */
import { bytes, identityNumber } from './helpers.js';

const fnr = identityNumber('150385');
export const HEADER = 'person_id;office;counsellor_id;group;outcome;age;gender;prior_work;start_date;end_date;note';

/** Tricky files, each read on its own with every reader. */
export const CORPUS: Record<string, string | Uint8Array> = {
  'quotes and doubled quotes': `${HEADER}\nA1;"NAV ""Øst""";V1;hybrid;job;30;F;1;2022-01-01;;"x;y"\n`,
  'embedded newlines': `${HEADER}\nA1;NAV A;V1;hybrid;job;30;F;1;;;"line 1\nline 2\n\nline 4"\nA2;NAV A;V1;usual;none;31;M;0;;;x\n`,
  'embedded CRLF and lone CR': `${HEADER}\r\nA1;NAV A;V1;hybrid;job;30;F;1;;;"a\r\nb\rc"\r\nA2;NAV A;;usual;;;;;;;\r`,
  BOM: `\uFEFF${HEADER}\nA1;NAV A;V1;hybrid;job;30;F;1;;;\n`,
  'BOM at the start of a later line': `${HEADER}\n\uFEFFA1;NAV A;V1;hybrid;job;30;F;1;;;\n`,
  'Windows-1252': new Uint8Array([
    ...bytes('person_id;kontor;gruppe;utfall\n'),
    0x41,
    0x31,
    0x3b,
    0x4e,
    0x41,
    0x56,
    0x20,
    0x42,
    0xe6,
    0x72,
    0x75,
    0x6d,
    0x3b, // A1;NAV Bærum;
    ...bytes('hybrid;jobb\nA2;NAV '),
    0x96,
    ...bytes(';vanlig;\n'), // NAV – (en dash in 1252)
  ]),
  'ragged rows': `${HEADER}\nA1;NAV A;V1;hybrid\nA2;NAV A;V1;hybrid;job;30;F;1;;;x;extra;more\nA3;NAV A;;usual;;;;;;;\n`,
  'stray quote mid-field': `${HEADER}\nA1;NAV A;V1;hybrid;job;30;F;1;;;ab"c\nA2;NAV A;V1;usual;none;;;;;;ok\n`,
  'text after a closing quote': `${HEADER}\nA1;"NAV A"x;V1;hybrid;job;30;F;1;;;\nA2;NAV A;V1;usual;none;;;;;;\n`,
  'quote never closed': `${HEADER}\nA1;NAV A;V1;hybrid;job;30;F;1;;;"open\nA2;NAV A;V1;usual;none;;;;;;\n`,
  'space before a quote': `${HEADER}\nA1;NAV A;V1;hybrid;job;30;F;1;;; "q"\nA2;NAV A;V1;usual;none;;;;;;\n`,
  'empty and blank lines': `\n\n${HEADER}\n\n   \n;;;;;;;;;;\nA1;NAV A;V1;hybrid;job;30;F;1;;;\n\n\n`,
  'no final line break': `${HEADER}\nA1;NAV A;V1;hybrid;job;30;F;1;;;"last"`,
  'empty quoted fields': `${HEADER}\n"A1";"NAV A";"";"hybrid";"";"";"";"";"";"";""\n`,
  'duplicates and conflicts': `${HEADER}\nA1;NAV A;V1;hybrid;job;30;F;1;;;\nA1;NAV A;V1;hybrid;job;30;F;1;;;\nA2;NAV A;;usual;;;;;;;\nA1;NAV A;V1;hybrid;none;30;F;1;;;\nA2;NAV A;;usual;;;;;;;\nA1;NAV A;V1;hybrid;job;30;F;1;;;\n`,
  'identity number in a note': `${HEADER}\nA1;NAV A;V1;hybrid;job;30;F;1;;;ring ${fnr.slice(0, 6)} ${fnr.slice(6)}\n`,
  'identity number in a malformed line': `${HEADER}\nA1;NAV A;V1;hybrid;job;30;F;1;;;"${fnr}\n`,
  'identity number in a later row': `${HEADER}\n${'A1;NAV A;V1;hybrid;job;30;F;1;;;x\n'.repeat(50)}A2;NAV A;V1;hybrid;job;30;F;1;;;${fnr}\n`,
  'only a header': HEADER,
  empty: '',
  'comma delimiter, quoted commas': 'person_id,office,group,outcome\nA1,"NAV Oslo, Sentrum",hybrid,job\nA2,"a,b",usual,\n',
  'tab delimiter': 'person_id\toffice\tgroup\toutcome\nA1\tNAV A\thybrid\tjob\nA2\t"x\ty"\tusual\t\n',
  'rejections of every kind': `${HEADER}\n;NAV A;V1;hybrid;job;;;;;;\nA2;NAV A;V1;what;job;;;;;;\nA3;NAV A;V1;hybrid;what;;;;;;\nA4;NAV A;V1;hybrid;job;9;;;;;\nA5;NAV A;V1;hybrid;job;30;X;;;;\nA6;NAV A;V1;hybrid;job;30;F;maybe;;;\nA7;NAV A;V1;hybrid;job;30;F;1;31.02.2022;;\nA8;NAV A;V1;hybrid;job;30;F;1;2022-02-31;;\n`,
  'dates and ages in every form': `${HEADER}\nA1;NAV A;V1;hybrid;job;" 30 ";F;1;1.3.2022;2022-03-31\nA2;NAV A;V1;hybrid;job;+45;F;1;01.03.2022;2022-02-29\nA3;NAV A;V1;hybrid;job;080;F;1;2024-02-29;2100-12-31\nA4;NAV A;V1;hybrid;job;15;F;1;1899-12-31;\n`,
};
