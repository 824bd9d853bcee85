import { describe, expect, it } from 'vitest';
import { ingestSources, type IngestResult } from '../../src/ingest/index.js';
import { encode } from '../helpers/mutatedExports.js';
import { bytes } from './helpers.js';
import { referenceEvents, streamEvents } from './readerEvents.js';

/**
 * The streaming reader reads a source `chunkSize` bytes at a time from the first
 * byte after a leading BOM (so chunk boundaries fall at bom + k·chunkSize), and a
 * record cut by a boundary is carried into the next read. Each input below holds
 * tokens that break a reader when cut: a doubled quote, a closing quote, an
 * opening quote, CRLF (ending a record, and inside a quoted field), a multi-byte
 * UTF-8 character, a Windows-1252 byte, a delimiter, a BOM, a malformed line.
 * For each token the test finds the chunk sizes from 2 to 7 that cut it (and
 * fails if none does), then reads the input at those sizes and at 1, and
 * compares with the reference reader (csv-parse over the whole text).
 */
const HEADER = 'person_id;office;counsellor_id;group;outcome;age;start_date;note';

interface Token {
  what: string;
  /** The token's bytes, found in the input (first occurrence from `after`). */
  bytes: number[];
  after?: number;
}

async function read(data: Uint8Array, reader: 'stream' | 'csv-parse', chunkSize?: number): Promise<IngestResult | string> {
  try {
    return await ingestSources([{ name: 'cut.csv', bytes: data }], { reader, chunkSize });
  } catch (error) {
    return `${(error as { code?: string }).code}: ${(error as Error).message}`;
  }
}

function indexOf(data: Uint8Array, token: number[], from = 0): number {
  outer: for (let i = from; i + token.length <= data.length; i++) {
    for (let k = 0; k < token.length; k++) if (data[i + k] !== token[k]) continue outer;
    return i;
  }
  return -1;
}

/** Chunk sizes from 2 to 7 whose boundaries fall inside the token at `at` (between two of its bytes). */
function cuttingSizes(at: number, length: number, bom: number): number[] {
  const sizes: number[] = [];
  for (let size = 2; size <= 7; size++) {
    for (let cut = at + 1; cut < at + length; cut++) {
      if ((cut - bom) % size === 0 && !sizes.includes(size)) sizes.push(size);
    }
  }
  return sizes;
}

async function expectCutsRead(data: Uint8Array, tokens: Token[], bom = 0, delimiter = ';'): Promise<void> {
  const reference = await read(data, 'csv-parse');
  expect(await read(data, 'stream'), 'default chunk size').toEqual(reference);
  expect(await read(data, 'stream', 1), 'one byte at a time').toEqual(reference);
  // Every record with its line, not only the lines a rejection or notice shows.
  const events = referenceEvents(data, delimiter);
  for (let size = 1; size <= 7; size++) expect(streamEvents(data, delimiter, size), `events, ${size}-byte chunks`).toEqual(events);
  for (const token of tokens) {
    const at = indexOf(data, token.bytes, token.after ?? 0);
    expect(at, `${token.what} is in the input`).toBeGreaterThanOrEqual(0);
    // A one-byte token is cut from its neighbours: a boundary before or after it.
    const [start, length] = token.bytes.length === 1 ? [at - 1, 3] : [at, token.bytes.length];
    const sizes = cuttingSizes(start, length, bom);
    expect(sizes.length, `some chunk size from 2 to 7 cuts ${token.what}`).toBeGreaterThan(0);
    for (const size of sizes) expect(await read(data, 'stream', size), `${token.what}, cut by ${size}-byte chunks`).toEqual(reference);
  }
}

const ascii = (text: string) => [...bytes(text)];

describe('chunk boundaries inside tokens (streaming reader = reference)', () => {
  it('quotes: doubled, closing, opening, and a quoted field across lines', async () => {
    const text = `${HEADER}\nA1;"NAV ""Øst""";V1;hybrid;job;30;2022-03-01;"a;b"\nA2;NAV A;V1;usual;none;31;;"line 1\nline 2"\n`;
    await expectCutsRead(bytes(text), [
      { what: 'a doubled quote', bytes: ascii('""') },
      { what: 'a closing quote and the delimiter after it', bytes: ascii('";') },
      { what: 'a delimiter and the opening quote after it', bytes: ascii(';"') },
      { what: 'a line break inside a quoted field', bytes: ascii('1\nl') },
    ]);
  });

  it('CRLF: ending records, inside a quoted field, and lone CR', async () => {
    const text = `${HEADER}\r\nA1;NAV A;V1;hybrid;job;30;;"a\r\nb"\r\nA2;NAV A;V1;usual;none;31;;x\rA3;NAV A;;usual;;;;\r\n\r\nA4;NAV A;;what;;;;\r\n`;
    const data = bytes(text);
    await expectCutsRead(data, [
      { what: 'the CRLF ending the header', bytes: ascii('\r\n') },
      { what: 'a CRLF inside a quoted field', bytes: ascii('a\r\nb') },
      { what: 'the CRLF after a closing quote', bytes: ascii('"\r\n') },
      { what: 'a lone CR ending a record', bytes: ascii('x\rA') },
    ]);
    const result = (await read(data, 'stream', 2)) as IngestResult;
    expect(result.rowsRead).toBe(4);
    expect(result.files[0].headerLine).toBe(1);
    // CRLF and lone CR are one line break each; the quoted field spans two lines.
    expect(result.rejections.map((r) => [r.code, r.line])).toEqual([['UNKNOWN_GROUP', 7]]);
  });

  it('multi-byte UTF-8 characters (2, 3 and 4 bytes) and a delimiter after one', async () => {
    const text = `${HEADER}\nA1;NAV Bodø;V1;hybrid;job;30;;€ og 😀\nA2;NAV Tromsø;V2;usual;none;31;;–\n`;
    await expectCutsRead(bytes(text), [
      { what: 'ø (2 bytes)', bytes: [0xc3, 0xb8] },
      { what: '€ (3 bytes)', bytes: [0xe2, 0x82, 0xac] },
      { what: '😀 (4 bytes)', bytes: [0xf0, 0x9f, 0x98, 0x80] },
      { what: 'ø and the delimiter after it', bytes: [0xb8, 0x3b], after: 80 },
    ]);
  });

  it('Windows-1252 bytes, recognised without decoding the file whole', async () => {
    // 0x96 (– in Windows-1252) is put in as a byte: Node 20's TextDecoder('windows-1252') reads
    // 0x80–0x9F as latin1 does (U+0096), Node 22 and 24 as Windows-1252 (U+2013), and encode()
    // maps characters as the running Node's decoder reads them.
    const data = new Uint8Array([
      ...encode(`${HEADER}\nA1;NAV Bærum;V1;hybrid;job;30;;x`, 'windows-1252'),
      0x96,
      ...encode('\nA2;NAV Tromsø;V2;usual;none;31;;x\n', 'windows-1252'),
    ]);
    await expectCutsRead(data, [
      { what: 'æ (0xE6)', bytes: [0xe6] },
      { what: 'ø (0xF8)', bytes: [0xf8] },
      { what: '0x96 (– in Windows-1252) before a line break', bytes: [0x96, 0x0a] },
    ]);
    expect(((await read(data, 'stream', 3)) as IngestResult).files[0].encoding).toBe('windows-1252');
  });

  it('delimiters of every kind, and empty fields between them', async () => {
    for (const [delimiter, name] of [
      [';', 'semicolon'],
      [',', 'comma'],
      ['\t', 'tab'],
    ]) {
      const text = `${HEADER.replaceAll(';', delimiter)}\nA1${delimiter}NAV A${delimiter}${delimiter}hybrid${delimiter}job${delimiter}${delimiter}${delimiter}\n`;
      const d = delimiter.charCodeAt(0);
      await expectCutsRead(
        bytes(text),
        [
          { what: `a ${name} between two fields`, bytes: [0x31, d, 0x4e] },
          { what: `two ${name}s (an empty field)`, bytes: [d, d] },
        ],
        0,
        delimiter,
      );
    }
  });

  it('a BOM, a second BOM and a BOM where reading resumes after a malformed line', async () => {
    const text = `\uFEFF\uFEFF${HEADER}\nA1;NAV A;V1;hybrid;job;30;;ab"c\n\uFEFFA2;NAV A;V1;usual;none;31;;ok\n`;
    const data = bytes(text);
    await expectCutsRead(
      data,
      [
        { what: 'the second BOM', bytes: [0xef, 0xbb, 0xbf], after: 3 },
        { what: 'the BOM after the malformed line', bytes: [0x0a, 0xef, 0xbb, 0xbf], after: 10 },
        { what: 'the stray quote', bytes: ascii('b"c') },
      ],
      3,
    );
    const result = (await read(data, 'stream', 2)) as IngestResult;
    expect(result.rejections.map((r) => [r.code, r.line])).toEqual([['MALFORMED_CSV', 2]]);
    expect(result.records.map((r) => r.personId)).toEqual(['A2']); // its BOM dropped, as csv-parse does where it resumes
  });

  it('a quote never closed: reported on its line, and reading resumes on the next', async () => {
    const text = `${HEADER}\nA1;NAV A;V1;hybrid;job;30;;"open\nA2;NAV A;V1;usual;none;31;;x\nA3;NAV A;V1;usual;none;32;;y`;
    const data = bytes(text);
    await expectCutsRead(data, [
      { what: 'the opening quote', bytes: ascii(';"o') },
      { what: 'the last byte', bytes: ascii(';y') },
    ]);
    const result = (await read(data, 'stream', 4)) as IngestResult;
    expect(result.rejections.map((r) => [r.code, r.line])).toEqual([['MALFORMED_CSV', 2]]);
    expect(result.rowsAccepted).toBe(2);
  });
});

/**
 * A record longer than the reader's limit (64 MiB by default; a few bytes here)
 * is skimmed to its end without being held: a quote never closed early in a
 * large file must not make the reader hold the rest of the file.
 */
describe('records longer than the limit', () => {
  const rows = Array.from({ length: 300 }, (_, i) => `A${i};NAV A;V1;usual;none;31;;x`).join('\n');
  const inputs: Record<string, string> = {
    'a quote never closed, then many lines': `${HEADER}\nA0;NAV A;V1;hybrid;job;30;;"open\n${rows}\n`,
    'a long quoted field that ends well': `${HEADER}\nA0;NAV A;V1;hybrid;job;30;;"${'a\nb;'.repeat(60)}"\n${rows.slice(0, 500)}\n`,
    'a long line with a stray quote far in': `${HEADER}\nA0;NAV A;V1;hybrid;job;30;;${'x'.repeat(300)}"y\nA1;NAV A;V1;usual;none;31;;z\n`,
    'text after a closing quote far in': `${HEADER}\nA0;NAV A;V1;hybrid;job;30;;"${'q'.repeat(300)}"z\nA1;NAV A;V1;usual;none;31;;z\n`,
    'a long unquoted last line': `${HEADER}\nA0;NAV A;V1;hybrid;job;30;;${'x'.repeat(300)}`,
  };
  for (const [name, text] of Object.entries(inputs)) {
    it(name, () => {
      const data = bytes(text);
      const events = referenceEvents(data, ';');
      for (const recordLimit of [1, 5, 16, 64]) {
        for (const chunkSize of [1, 3, 7, 16]) {
          expect(streamEvents(data, ';', chunkSize, recordLimit), `limit ${recordLimit}, ${chunkSize}-byte chunks`).toEqual(events);
        }
      }
    });
  }

  it('holds a bounded window after a quote never closed', () => {
    const data = bytes(inputs['a quote never closed, then many lines']);
    const peak = { window: 0 };
    streamEvents(data, ';', 16, 64, peak);
    expect(data.length).toBeGreaterThan(9000);
    expect(peak.window).toBeLessThanOrEqual(256);
    const unbounded = { window: 0 };
    streamEvents(data, ';', 16, Number.MAX_SAFE_INTEGER, unbounded);
    expect(unbounded.window, 'without the limit the window holds the rest of the file').toBeGreaterThan(data.length / 2);
  });
});
