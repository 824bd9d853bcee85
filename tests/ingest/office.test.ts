import { describe, expect, it } from 'vitest';
import { encodingDamage, officeKey, repairMojibake } from '../../src/ingest/index.js';
import { resolveDamagedKey } from '../../src/ingest/office.js';
import { decodeWindows1252 } from '../../src/ingest/windows1252.js';

describe('office names', () => {
  it('merge case, white space and a leading NAV', () => {
    const keys = ['NAV Bodø', 'Nav Bodø', 'NAV BODØ', 'Bodø', ' NAV  Bodø ', 'NAV-Bodø', 'nav bodø'].map(officeKey);
    expect(new Set(keys)).toEqual(new Set(['bodø']));
    expect(officeKey('NAV Grünerløkka')).toBe('grünerløkka');
    // "NAV" alone, or as the start of another word, stays.
    expect(officeKey('NAV')).toBe('nav');
    expect(officeKey('Navarsete')).toBe('navarsete');
    expect(officeKey('NAV Bodø')).not.toBe(officeKey('NAV Bø'));
  });

  it('repair mojibake (UTF-8 read as Windows-1252) and flag U+FFFD', () => {
    const garbled = new TextDecoder('windows-1252').decode(new TextEncoder().encode('NAV Bodø Ærøy Å'));
    expect(encodingDamage(garbled)).toBe('mojibake');
    expect(repairMojibake(garbled)).toBe('NAV Bodø Ærøy Å');
    expect(officeKey(garbled)).toBe(officeKey('NAV Bodø Ærøy Å'));
    // Read by the standard's Windows-1252 (Excel; Node 22 and later): Ø and Å become Ã˜ and Ã….
    const standard = decodeWindows1252(new TextEncoder().encode('NAV Bodø Ærøy Å ØST'));
    expect(standard).toContain('Ã…');
    expect(repairMojibake(standard)).toBe('NAV Bodø Ærøy Å ØST');
    expect(encodingDamage('NAV Bod\uFFFD')).toBe('replacement');
    expect(encodingDamage('NAV Bodø')).toBeNull();
    expect(repairMojibake('NAV Bodø')).toBeNull();
  });

  it('take a name with U+FFFD as the one office it fits, letter for letter, and no other', () => {
    expect(resolveDamagedKey('bod\uFFFD', ['bodø', 'tromsø', 'bod\uFFFD'])).toBe('bodø');
    expect(resolveDamagedKey('bod\uFFFD', ['bodø', 'bodå'])).toBeNull();
    expect(resolveDamagedKey('bod\uFFFD', ['bodøy'])).toBeNull();
    expect(resolveDamagedKey('t(r)oms\uFFFD', ['t(r)omsø'])).toBe('t(r)omsø');
    expect(resolveDamagedKey('bodø', ['bodø'])).toBeNull();
  });
});
