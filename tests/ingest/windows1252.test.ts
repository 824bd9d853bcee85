/**
 * Windows-1252 by the WHATWG table, on every Node version: Node 20's own TextDecoder
 * decodes 0x80–0x9F as C1 controls, Node 22 and 24 as the standard says.
 */
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../src/ingest/decode.js';
import { decodeWindows1252 } from '../../src/ingest/windows1252.js';

const all = Uint8Array.from({ length: 256 }, (_, i) => i);

describe('decodeWindows1252', () => {
  it('gives the standard characters for 0x80–0x9F (index-windows-1252)', () => {
    const text = decodeWindows1252(Uint8Array.from([0x80, 0x85, 0x8a, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0x99, 0x9f]));
    expect(text).toBe('€…Š‘’“”–—™Ÿ');
    // The five bytes the standard leaves unassigned stay C1 controls.
    expect([...decodeWindows1252(Uint8Array.from([0x81, 0x8d, 0x8f, 0x90, 0x9d]))].map((c) => c.codePointAt(0))).toEqual([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
  });

  it('is Latin-1 elsewhere, one character per byte', () => {
    const text = decodeWindows1252(all);
    expect(text.length).toBe(256);
    for (let b = 0; b < 256; b++) if (b < 0x80 || b >= 0xa0) expect(text.codePointAt(b)).toBe(b);
  });

  it('equals TextDecoder where the running Node follows the standard', () => {
    const native = new TextDecoder('windows-1252').decode(all);
    if (native[0x80] !== '€') return; // Node 20: its decoder gives U+0080 (the reason for this table)
    expect(decodeWindows1252(all)).toBe(native);
  });

  it('is what a Windows-1252 export and --encoding windows-1252 are read with', () => {
    const bytes = Uint8Array.from([...Buffer.from('office;note\nNAV Bod'), 0xf8, ...Buffer.from(' '), 0x96, ...Buffer.from(' sentrum;'), 0x80, 0x92, 0x0a]);
    expect(decodeBytes(bytes).text).toBe('office;note\nNAV Bodø – sentrum;€’\n');
    expect(decodeBytes(bytes, 'windows-1252').text).toBe('office;note\nNAV Bodø – sentrum;€’\n');
    expect(decodeBytes(bytes, 'latin1').text).toBe('office;note\nNAV Bodø – sentrum;€’\n');
  });
});
