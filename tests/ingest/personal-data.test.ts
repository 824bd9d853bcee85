import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findIdentityNumber, ingest, ingestSources } from '../../src/ingest/index.js';
import { findPersonalData, identityNumberOffsets, isDirectIdentifierHeader, personalDataOffsets } from '../../src/ingest/personal-data.js';
import { CANONICAL_COLUMNS } from '../../src/ingest/types.js';
import { COLUMN_SYNONYMS } from '../../src/ingest/synonyms.js';
import { bytes, expectAccounting, fixture, FIXTURES, identityNumber } from './helpers.js';

const SEED = 20240611;

const header = 'person_id;office;group;outcome;note';
const fnr = identityNumber('150385'); // 15 March 1985
const dnr = identityNumber('550385'); // D-number: day + 40
const hnr = identityNumber('154385'); // H-number: month + 40
const tnr = identityNumber('158385'); // synthetic test number: month + 80
const rule2032 = '30108299939'; // valid only under the checksum rule from 2032

// `await` works whether ingestSources returns its result or a promise of it.
async function refusal(text: string, options = {}) {
  try {
    await ingestSources([{ name: 'kontor.csv', bytes: bytes(text) }], options);
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a refusal');
}

describe('personal data is refused', () => {
  it('computes test numbers the validator accepts', () => {
    for (const n of [fnr, dnr, hnr, tnr, rule2032]) expect(findIdentityNumber(n)).not.toBeNull();
    expect(findIdentityNumber(fnr.slice(0, 10) + String((Number(fnr[10]) + 1) % 10))).toBeNull();
    expect(findIdentityNumber('12345678901')).toBeNull(); // bad checksum and date
  });

  const cases: [string, string, RegExp][] = [
    ['fnr in a free-text column', `${header}\nA;NAV A;hybrid;job;ring meg, fnr ${fnr}.\n`, /fødselsnummer/],
    ['D-number', `${header}\nA;NAV A;hybrid;job;${dnr}\n`, /D-number/],
    ['H-number', `${header}\nA;NAV A;hybrid;job;${hnr}\n`, /H-number/],
    ['synthetic number', `${header}\nA;NAV A;hybrid;job;${tnr}\n`, /synthetic/],
    ['2032-rule number', `${header}\nA;NAV A;hybrid;job;${rule2032}\n`, /fødselsnummer/],
    ['DDMMYY NNNNN form', `${header}\nA;NAV A;hybrid;job;${fnr.slice(0, 6)} ${fnr.slice(6)}\n`, /fødselsnummer/],
    ['DDMMYY-NNNNN form', `${header}\nA;NAV A;hybrid;job;x${fnr.slice(0, 6)}-${fnr.slice(6)}x\n`, /fødselsnummer/],
    ['fnr as person_id', `${header}\n${fnr};NAV A;hybrid;job;\n`, /fødselsnummer/],
    ['fnr in a rejected row', `${header}\nA;NAV A;nonsense;job;${fnr}\n`, /fødselsnummer/],
    ['fnr in a quoted multi-line field', `${header}\nA;NAV A;hybrid;job;"x\ny ${fnr}"\n`, /fødselsnummer/],
  ];
  for (const [name, text, kind] of cases) {
    it(`${name}: InputError naming file, line and column, never the value`, async () => {
      const error = await refusal(text);
      expect(error.name).toBe('InputError');
      expect(error.code).toBe('PERSONAL_DATA');
      expect(error.message).toMatch(/^kontor\.csv, line 2, column "(note|person_id)": /);
      expect(error.message).toMatch(kind);
      for (const n of [fnr, dnr, hnr, tnr, rule2032]) {
        expect(error.message).not.toContain(n);
        expect(error.message).not.toContain(n.slice(6));
      }
    });
  }

  it('finds a number in a malformed line', async () => {
    const error = await refusal(`${header}\nA;NAV A;hybrid;job;"${fnr}\n`);
    expect(error.message).toMatch(/^kontor\.csv, line 2, column "note"/);
    expect(error.message).not.toContain(fnr);
  });

  it('finds a number in a header cell without echoing the header', async () => {
    const error = await refusal(`person_id;office;group;outcome;${fnr}\nA;NAV A;hybrid;job;x\n`);
    expect(error.message).not.toContain(fnr);
    expect(error.code).toBe('PERSONAL_DATA');
  });

  it('ignores 11-digit runs that are not valid numbers, and longer digit runs', async () => {
    const text = `${header}\nA;NAV A;hybrid;job;12345678901 and 1${fnr} and ${fnr}9\n`;
    expect((await ingestSources([{ name: 'x.csv', bytes: bytes(text) }])).rowsAccepted).toBe(1);
  });

  for (const name of ['Navn', 'e-post', 'Fødselsnummer', 'ADRESSE', 'mobil', 'Etternavn', 'fnr', ' telefon ']) {
    it(`a header naming a direct identifier: ${name}`, async () => {
      const error = await refusal(`person_id;office;group;outcome;${name}\n`);
      expect(error).toMatchObject({ name: 'InputError', code: 'PERSONAL_DATA' });
      expect(error.message).toMatch(/^kontor\.csv, line 1, column ".+": the header names a direct identifier/);
    });
  }

  it('allows headers that only contain such a word', async () => {
    const text = 'person_id;office;group;outcome;kontornavn\nA;NAV A;hybrid;job;Sentrum\n';
    expect((await ingestSources([{ name: 'x.csv', bytes: bytes(text) }])).rowsAccepted).toBe(1);
  });
});

describe('--allow-column', () => {
  const pseudonymised = `Løpenummer;office;group;outcome;note\n${fnr};NAV A;hybrid;job;\n${dnr};NAV A;usual;none;\n`;

  it('exempts a declared column, also the ID column, matched by header or canonical name', async () => {
    for (const allow of ['løpenummer', 'LØPENUMMER', 'person_id', 'person-id']) {
      const result = await ingestSources([{ name: 'x.csv', bytes: bytes(pseudonymised) }], { allowColumns: [allow] });
      expectAccounting(result);
      expect(result.rowsAccepted).toBe(2);
      expect(result.allowedColumns).toEqual(['Løpenummer']);
    }
  });

  it('still scans the other columns', async () => {
    const text = `person_id;office;group;outcome;note\n${fnr};NAV A;hybrid;job;${dnr}\n`;
    const error = await (async () => {
      try {
        await ingestSources([{ name: 'x.csv', bytes: bytes(text) }], { allowColumns: ['person_id'] });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toMatch(/column "note"/);
  });

  it('does not exempt a header naming a direct identifier', async () => {
    const text = 'person_id;office;group;outcome;navn\nA;NAV A;hybrid;job;x\n';
    await expect((async () => ingestSources([{ name: 'x.csv', bytes: bytes(text) }], { allowColumns: ['navn'] }))()).rejects.toThrow(/direct identifier/);
  });

  it('lists no allowed columns when none matched', async () => {
    const result = await ingest([fixture('dialects', 'canonical-comma-lf.csv')], { allowColumns: ['nothing'] });
    expect(result.allowedColumns).toEqual([]);
  });
});

describe('findPersonalData: phone numbers', () => {
  const NBSP = '\u00A0';
  const shapes = ['91234567', '912 34 567', '91 23 45 67', '9123 4567', `912${NBSP}34${NBSP}567`, `91${NBSP}23 45${NBSP}67`];
  const landlines = ['22334455', '223 34 455', '22 33 44 55', '2233 4455', '55123456', '73 50 00 00', '38 12 34 56'];
  const prefixes = ['', '+47', '+47 ', `+47${NBSP}`, '0047', '0047 '];

  for (const prefix of prefixes) {
    for (const number of [...shapes, ...landlines]) {
      it(`finds ${JSON.stringify(prefix + number)}, alone and in free text`, () => {
        expect(findPersonalData(prefix + number)).toBe('a phone number');
        expect(findPersonalData(`ring ${prefix}${number} etter kl 12`)).toBe('a phone number');
        expect(findPersonalData(`tlf: ${prefix}${number}.`)).toBe('a phone number');
        expect(findPersonalData(`(${prefix}${number})`)).toBe('a phone number');
      });
    }
  }

  it('finds numbers in the examples from the field', () => {
    for (const text of ['ring 912 34 567 etter kl 12', 'tlf: +47 91234567', 'mob 41234567/22334455', 'tlf 91234567, e-post nei']) {
      expect(findPersonalData(text)).toBe('a phone number');
    }
  });

  it('finds an 8-digit pseudonymous id too: such a column is declared with --allow-column', () => {
    expect(findPersonalData('40012345')).toBe('a phone number');
  });

  const negatives = [
    // dates in every shape the tool reads, and others an export may hold
    '2022-03-01',
    '01.03.2022',
    '1.3.2022',
    '1.3.22',
    '2022-03-01 00:00:00',
    '01.03.2022 12:30',
    '2022-03-01T00:00:00Z',
    '2022 03 01',
    '01 03 2022',
    '20220301',
    '01032022',
    '25032022',
    '31122099',
    '19991231',
    // Excel serial dates, ages, counts
    '44621',
    '60',
    '23',
    '23,0',
    '23.0',
    '45 år',
    // ids, short and long digit runs
    'V123',
    'V2001',
    'P0000347',
    'P91234567',
    'A-91234567',
    'x_91234567',
    '#91234567',
    '1234567',
    '123456789',
    '912345678',
    '1234 5678',
    '12345678',
    '09123456',
    '9123456',
    '912 34 56',
    '12 345 678',
    '91 234 567',
    '1 234 567,50',
    // longer runs of spaced groups (card, account numbers), and glued numbers
    '1234 5678 9012 3456',
    '2345 6789 2345',
    '1234 56 78901',
    '12 91 23 45 67',
    '91 23 45 67 89',
    '91234567-1',
    '91234567x',
    'kr91234567',
    // decimals with a point, and a time
    '12345678.5',
    '0.12345678',
    '3.91234567',
    '12:91234567',
    // 11-digit numbers and their parts
    '12345678901',
    '15038512345',
    '150385 12345',
    '+4712345678',
    '+47 1234567',
    '+4791234567890',
  ];
  for (const text of negatives) {
    it(`finds nothing in ${JSON.stringify(text)}`, () => {
      expect(findPersonalData(text)).toBeNull();
      expect(personalDataOffsets(text)).toEqual([]);
    });
  }

  it('finds no phone number inside an identity number in any of its forms', () => {
    for (const n of [fnr, dnr, hnr, tnr, rule2032]) {
      for (const text of [n, `${n.slice(0, 6)} ${n.slice(6)}`, `${n.slice(0, 6)}-${n.slice(6)}`]) {
        expect(personalDataOffsets(text)).toEqual([0]);
        expect(findPersonalData(text)).toBe(findIdentityNumber(text));
      }
    }
  });

  it('finds nothing in every date from 1990 to 2040 in every shape, nor in Excel serials, ages and decimals', () => {
    const cells: string[] = [];
    for (let day = Date.UTC(1990, 0, 1); day <= Date.UTC(2040, 11, 31); day += 86_400_000) {
      const date = new Date(day);
      const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
      const [mm, dd, yy] = [String(m).padStart(2, '0'), String(d).padStart(2, '0'), String(y).slice(2)];
      cells.push(`${y}-${mm}-${dd}`, `${dd}.${mm}.${y}`, `${d}.${m}.${y}`, `${d}.${m}.${yy}`, `${y}-${mm}-${dd} 00:00:00`);
      cells.push(`${y}${mm}${dd}`, `${dd}${mm}${y}`, `${y} ${mm} ${dd}`, `${dd} ${mm} ${y}`, `${dd}/${mm}/${y}`);
    }
    for (let serial = 1; serial <= 80_000; serial += 7) cells.push(String(serial), `${serial},5`);
    for (let age = 15; age <= 80; age++) cells.push(String(age), `${age},0`, `${age}.0`);
    const text = cells.join(';');
    expect(personalDataOffsets(text)).toEqual([]);
    expect(cells.filter((cell) => findPersonalData(cell) !== null)).toEqual([]);
  });
});

describe('findPersonalData: e-mail addresses', () => {
  const positives = [
    'ola@nav.no',
    'ola.nordmann@nav.no',
    'Kari_Nordmann+nav@example.com',
    'per.ås@bærum.kommune.no',
    'ærlig-øyvind@post.æøå.no',
    'x%y@sub-domain.example.org',
    '91234567@sms.telenor.no',
    'skriv til ola@nav.no i dag',
    'e-post: <kari@firma.no>.',
    '"ola@nav.no"',
  ];
  for (const text of positives) {
    it(`finds ${JSON.stringify(text)}`, () => {
      expect(findPersonalData(text)).toMatch(/^an e-mail address$|^a phone number$/);
      expect(personalDataOffsets(text).length).toBeGreaterThan(0);
    });
  }
  it('names it an e-mail address', () => expect(findPersonalData('ola.nordmann@nav.no')).toBe('an e-mail address'));

  const negatives = [
    '@',
    '@home',
    'jobber @home',
    'a @ b',
    'ola@',
    '@nav.no',
    'ola@nav',
    'ola@nav.n',
    'ola@nav.no2',
    'ola@.no',
    'ola@-.no',
    'x@y',
    '@@',
    'NAV@kontor',
    'møte kl. 12@nav',
  ];
  for (const text of negatives) {
    it(`finds nothing in ${JSON.stringify(text)}`, () => {
      expect(findPersonalData(text)).toBeNull();
      expect(personalDataOffsets(text)).toEqual([]);
    });
  }

  it('gives the start of each address, ascending with the other hits', () => {
    const text = `a;ola@nav.no;912 34 567;${fnr};x kari@nav.no`;
    expect(personalDataOffsets(text)).toEqual([2, 13, 24, 38]);
    expect(identityNumberOffsets(text)).toEqual([24]);
  });
});

/** Every file's text, decoded as the tool does (UTF-16 BOM, UTF-8, else Windows-1252). */
function decodeText(data: Uint8Array): string {
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le').decode(data);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return new TextDecoder('windows-1252').decode(data);
  }
}

function csvFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return csvFiles(path);
    return /\.(csv|tsv|txt)$/.test(name) ? [path] : [];
  });
}

describe('personalDataOffsets', () => {
  it('finds nothing in data-samples/ and the CSV fixtures (no false positives)', () => {
    const root = join(FIXTURES, '..', '..', '..');
    const files = [...csvFiles(join(root, 'data-samples')), ...csvFiles(join(root, 'tests', 'fixtures'))];
    expect(files.length).toBeGreaterThan(50);
    const hits = files.filter((file) => personalDataOffsets(decodeText(readFileSync(file))).length > 0);
    expect(hits).toEqual([]);
  });

  /*
   * The contract the reader relies on: an offset lies inside one cell, and a
   * record holds a cell where findPersonalData finds something exactly when its
   * span holds an offset. Cells are built from fragments that sit near the edges
   * of the patterns, and quoted when they hold a delimiter, quote or line break.
   */
  const FRAGMENTS = [
    '91234567',
    '912 34 567',
    '91 23 45 67',
    '9123 4567',
    '22334455',
    '+47',
    '+47 ',
    '0047',
    '0047 ',
    '47',
    '9',
    '4',
    '2',
    '1',
    '0',
    '12',
    '123',
    '1234',
    '2022',
    '03',
    '01',
    '2022-03-01',
    '01.03.2022',
    '44621',
    ' ',
    '\u00A0',
    '.',
    ',',
    ':',
    '-',
    '_',
    '+',
    '#',
    '@',
    '%',
    'x',
    'æ',
    'ola',
    'nav',
    '.no',
    'no',
    'ola@nav.no',
    fnr,
    `${fnr.slice(0, 6)} ${fnr.slice(6)}`,
    `${dnr.slice(0, 6)}-${dnr.slice(6)}`,
    fnr.slice(0, 6),
    fnr.slice(6),
    ';',
    '\t',
    '"',
    '\n',
    '\r\n',
  ];
  const cell = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 6 }).map((parts) => parts.join(''));
  const file = fc.record({
    delimiter: fc.constantFrom(';', ',', '\t'),
    eol: fc.constantFrom('\n', '\r\n'),
    quoteAll: fc.boolean(),
    records: fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 }),
  });

  it('an offset lies inside a cell; a record holds a hit iff its span holds an offset (seeded)', () => {
    fc.assert(
      fc.property(file, ({ delimiter, eol, quoteAll, records }) => {
        let text = '';
        const cellSpans: [number, number][] = [];
        const recordSpans: [number, number, boolean][] = [];
        for (const values of records) {
          const start = text.length;
          values.forEach((value, i) => {
            if (i > 0) text += delimiter;
            const quoted = quoteAll || /[;,\t"\r\n]/.test(value);
            if (quoted) text += '"';
            cellSpans.push([text.length, text.length + (quoted ? value.replaceAll('"', '""') : value).length]);
            text += quoted ? value.replaceAll('"', '""') : value;
            if (quoted) text += '"';
          });
          recordSpans.push([start, text.length, values.some((value) => findPersonalData(value) !== null)]);
          text += eol;
        }
        const offsets = personalDataOffsets(text);
        expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
        for (const offset of offsets) expect(cellSpans.some(([s, e]) => offset >= s && offset < e)).toBe(true);
        for (const [start, end, holdsHit] of recordSpans) {
          expect(offsets.some((offset) => offset >= start && offset < end)).toBe(holdsHit);
        }
        for (const offset of identityNumberOffsets(text)) expect(offsets).toContain(offset);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });
});

describe('isDirectIdentifierHeader, by word', () => {
  const identifiers = [
    'Navn',
    'navn',
    'Fornavn',
    'ETTERNAVN',
    'Mellomnavn',
    'Etternamn',
    'Førenamn',
    'Fullt navn',
    'Brukers navn',
    'Brukers_navn',
    'brukernavn',
    'Deltakers navn',
    'Navn på bruker',
    'Veileders navn',
    'Full name',
    'First name',
    'Participant name',
    'username',
    'Adresse',
    'ADRESSE',
    'Hjemmeadresse',
    'postadresse',
    'Bostedsadresse',
    'Folkeregistrert adresse',
    'IP-adresse',
    'E-post',
    'e_post',
    'epost',
    'E-postadresse',
    'E-post privat',
    'Email',
    'e-mail',
    'E-mail address',
    'Mail',
    'Telefon',
    ' telefon ',
    'Telefon (privat)',
    'Telefonnr.',
    'telefonnummer',
    'Telefon nr',
    'Telefon 2',
    'telefon2',
    'Tlf',
    'Tlf.',
    'tlf_nr',
    'tlfnr',
    'Brukers tlf',
    'Mobil',
    'mobil_privat',
    'mobilnr',
    'Mobilnummer',
    'mobiltelefon',
    'Phone',
    'Phone number',
    'Mobile',
    'Fnr',
    'fnr',
    'Fødselsnummer',
    'fodselsnummer',
    'Fødselsnr.',
    'personnummer',
    'Personnr',
    'SSN',
    'dnr',
    'D-nummer',
    'Kontaktnummer',
    'e-post/telefon',
    'Navn (fullt)',
  ];
  for (const header of identifiers) {
    it(`${JSON.stringify(header)} names an identifier`, () => expect(isDirectIdentifierHeader(header)).toBe(true));
  }

  const notIdentifiers = [
    'kontornavn',
    'Kontornavn',
    'kontor navn',
    'Kontor_navn',
    'enhetsnavn',
    'Enhetens navn',
    'nav kontor',
    'NAV-kontor',
    'Navkontor',
    'Navn på NAV-kontor',
    'office name',
    'Office',
    'løpenummer',
    'Løpenummer',
    'lopenummer',
    'bruker_id',
    'Bruker_ID',
    'brukar_id',
    'deltaker_id',
    'deltakar_id',
    'id',
    'ID',
    'PERSON ID',
    'person_id',
    'veileder',
    'veileder_id',
    'Counselor ID',
    'rettleiar_id',
    'status',
    'Status',
    'kommentar',
    'Kommentar',
    'merknad',
    'alder',
    'Alder',
    'kjønn',
    'Kjønn',
    'Tidligere arbeid',
    'Notes',
    'comment',
    'mobilitet',
    'Telefonmøter',
    'Telefonisk oppfølging',
    'telefontid',
    'nettadresse',
    'kontoradresse',
    'postnummer',
    'nummer',
    'Startdato',
    'utfallsdato',
  ];
  for (const header of notIdentifiers) {
    it(`${JSON.stringify(header)} does not`, () => expect(isDirectIdentifierHeader(header)).toBe(false));
  }

  it('no canonical column name or built-in header synonym names an identifier', () => {
    const headers = [...CANONICAL_COLUMNS, ...Object.values(COLUMN_SYNONYMS).flatMap((list) => list.map(([h]) => h))];
    expect(headers.filter(isDirectIdentifierHeader)).toEqual([]);
  });
});
