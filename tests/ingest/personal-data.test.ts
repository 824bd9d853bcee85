import { describe, expect, it } from 'vitest';
import { findIdentityNumber, ingest, ingestSources } from '../../src/ingest/index.js';
import { bytes, expectAccounting, fixture, identityNumber } from './helpers.js';

const header = 'person_id;office;group;outcome;note';
const fnr = identityNumber('150385'); // 15 March 1985
const dnr = identityNumber('550385'); // D-number: day + 40
const hnr = identityNumber('154385'); // H-number: month + 40
const tnr = identityNumber('158385'); // synthetic test number: month + 80
const rule2032 = '30108299939'; // valid only under the checksum rule from 2032

function refusal(text: string, options = {}) {
  try {
    ingestSources([{ name: 'kontor.csv', bytes: bytes(text) }], options);
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
    it(`${name}: InputError naming file, line and column, never the value`, () => {
      const error = refusal(text);
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

  it('finds a number in a malformed line', () => {
    const error = refusal(`${header}\nA;NAV A;hybrid;job;"${fnr}\n`);
    expect(error.message).toMatch(/^kontor\.csv, line 2, column "note"/);
    expect(error.message).not.toContain(fnr);
  });

  it('finds a number in a header cell without echoing the header', () => {
    const error = refusal(`person_id;office;group;outcome;${fnr}\nA;NAV A;hybrid;job;x\n`);
    expect(error.message).not.toContain(fnr);
    expect(error.code).toBe('PERSONAL_DATA');
  });

  it('ignores 11-digit runs that are not valid numbers, and longer digit runs', () => {
    const text = `${header}\nA;NAV A;hybrid;job;12345678901 and 1${fnr} and ${fnr}9\n`;
    expect(ingestSources([{ name: 'x.csv', bytes: bytes(text) }]).rowsAccepted).toBe(1);
  });

  for (const name of ['Navn', 'e-post', 'Fødselsnummer', 'ADRESSE', 'mobil', 'Etternavn', 'fnr', ' telefon ']) {
    it(`a header naming a direct identifier: ${name}`, () => {
      const error = refusal(`person_id;office;group;outcome;${name}\n`);
      expect(error).toMatchObject({ name: 'InputError', code: 'PERSONAL_DATA' });
      expect(error.message).toMatch(/^kontor\.csv, line 1, column ".+": the header names a direct identifier/);
    });
  }

  it('allows headers that only contain such a word', () => {
    const text = 'person_id;office;group;outcome;kontornavn\nA;NAV A;hybrid;job;Sentrum\n';
    expect(ingestSources([{ name: 'x.csv', bytes: bytes(text) }]).rowsAccepted).toBe(1);
  });
});

describe('--allow-column', () => {
  const pseudonymised = `Løpenummer;office;group;outcome;note\n${fnr};NAV A;hybrid;job;\n${dnr};NAV A;usual;none;\n`;

  it('exempts a declared column, also the ID column, matched by header or canonical name', () => {
    for (const allow of ['løpenummer', 'LØPENUMMER', 'person_id', 'person-id']) {
      const result = ingestSources([{ name: 'x.csv', bytes: bytes(pseudonymised) }], { allowColumns: [allow] });
      expectAccounting(result);
      expect(result.rowsAccepted).toBe(2);
      expect(result.allowedColumns).toEqual(['Løpenummer']);
    }
  });

  it('still scans the other columns', () => {
    const text = `person_id;office;group;outcome;note\n${fnr};NAV A;hybrid;job;${dnr}\n`;
    const error = (() => {
      try {
        ingestSources([{ name: 'x.csv', bytes: bytes(text) }], { allowColumns: ['person_id'] });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toMatch(/column "note"/);
  });

  it('does not exempt a header naming a direct identifier', () => {
    const text = 'person_id;office;group;outcome;navn\nA;NAV A;hybrid;job;x\n';
    expect(() => ingestSources([{ name: 'x.csv', bytes: bytes(text) }], { allowColumns: ['navn'] })).toThrow(
      /direct identifier/,
    );
  });

  it('lists no allowed columns when none matched', async () => {
    const result = await ingest([fixture('dialects', 'canonical-comma-lf.csv')], { allowColumns: ['nothing'] });
    expect(result.allowedColumns).toEqual([]);
  });
});
