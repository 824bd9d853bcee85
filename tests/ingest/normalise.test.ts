import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchKey, safeEcho } from '../../src/ingest/normalise.js';
import { findPersonalData } from '../../src/ingest/personal-data.js';
import { identityNumber } from './helpers.js';

const SEED = 20240611;
const fnr = identityNumber('150385');
const stars = (n: number) => '*'.repeat(n);

describe('safeEcho', () => {
  it('masks runs that could be identity numbers, keeping their length', () => {
    expect(safeEcho(fnr)).toBe(stars(11));
    expect(safeEcho('12345678901')).toBe(stars(11)); // masked even when not valid
    for (const sep of [' ', '-', '\u00A0', '\u2013', '\u2212']) {
      expect(safeEcho(`fnr ${fnr.slice(0, 6)}${sep}${fnr.slice(6)}.`)).toBe(`fnr ${stars(12)}.`);
    }
  });

  const phones = ['91234567', '912 34 567', '91 23 45 67', '9123 4567', '22\u00A033\u00A044\u00A055'];
  for (const prefix of ['', '+47', '+47 ', '0047', '0047 ']) {
    for (const phone of phones) {
      it(`masks the phone number ${JSON.stringify(prefix + phone)}, keeping its length`, () => {
        const number = prefix + phone;
        expect(safeEcho(number)).toBe(stars(number.length));
        expect(safeEcho(`ring ${number} etter kl 12`)).toBe(`ring ${stars(number.length)} etter kl 12`);
      });
    }
  }

  it('masks e-mail addresses as ***@***', () => {
    expect(safeEcho('ola.nordmann@nav.no')).toBe('***@***');
    expect(safeEcho('skriv til per.ås@bærum.kommune.no i dag')).toBe('skriv til ***@*** i dag');
    expect(safeEcho('a@b.no, c@d.com')).toBe('***@***, ***@***');
  });

  it('leaves dates, ages, ids, office names and a lone @ as they are', () => {
    for (const text of [
      '2022-03-01',
      '01.03.2022',
      '1.3.22',
      '20220301',
      '25032022',
      '44621',
      '23,0',
      'V123',
      'P0000347',
      'NAV Bodø',
      '@home',
      '1234567',
      '1 234 567',
    ]) {
      expect(safeEcho(text)).toBe(text);
    }
  });

  it('masks before it cuts, and cuts long text to maxLength with an ellipsis', () => {
    const text = `${'x'.repeat(35)}91234567 and more`;
    const echoed = safeEcho(text);
    expect(echoed).toHaveLength(40);
    expect(echoed).toBe(`${'x'.repeat(35)}${stars(4)}…`);
    expect(safeEcho('kort')).toBe('kort');
  });

  it('turns line breaks and tabs into spaces', () => {
    expect(safeEcho('a\r\nb\tc\nd')).toBe('a  b c d');
  });

  it('leaves nothing findPersonalData finds (seeded)', () => {
    const pieces = [
      '91234567',
      '912 34 567',
      '9123 4567',
      '+47',
      '0047',
      ' ',
      '\u00A0',
      '-',
      '\u2013',
      '.',
      ',',
      '@',
      'ola',
      'nav.no',
      '.no',
      'x',
      '1',
      '9',
      '12',
      fnr,
      fnr.slice(0, 6),
      fnr.slice(6),
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 10 }), (parts) => {
        const text = parts.join('');
        expect(findPersonalData(safeEcho(text, Infinity))).toBeNull();
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });
});

describe('matchKey', () => {
  it('folds case, NFC, surrounding space and runs of _ - and white space', () => {
    expect(matchKey('  Bruker_ID ')).toBe('bruker id');
    expect(matchKey('NAV-kontor')).toBe('nav kontor');
    expect(matchKey('e\u00A0-\u00A0post')).toBe('e post');
    expect(matchKey('Pa\u030Armelding')).toBe('pårmelding');
  });
});
