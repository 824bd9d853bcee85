/** Reader events of the streaming reader and of the reference, for the differential tests. */
import { ByteRecordReader, type ByteRecordSink } from '../../src/ingest/byteReader.js';
import { MemorySource } from '../../src/ingest/byteSource.js';
import { chooseByteEncoding, decodeBytes } from '../../src/ingest/decode.js';
import { readRecords, type RecordSink } from '../../src/ingest/index.js';
import { normaliseLineEndings } from '../../src/ingest/records.js';
import type { MalformedLine } from '../../src/ingest/types.js';

export type Event = ['record', number, string[]] | ['malformed', number, string, MalformedLine];

/** Reader events of the reference on the whole text (empty records left out, as ingest ignores them). */
export function referenceEvents(data: Uint8Array, delimiter: string): Event[] {
  const text = normaliseLineEndings(decodeBytes(data).text);
  const out: Event[] = [];
  const sink: RecordSink = {
    record: (fields, line) => {
      if (!(fields.length === 1 && fields[0] === '')) out.push(['record', line, [...fields]]);
    },
    malformed: (line, raw, reason) => out.push(['malformed', line, raw, reason]),
  };
  readRecords(text, delimiter, sink, Infinity);
  return out;
}

/** Reader events of the streaming reader. */
export function streamEvents(data: Uint8Array, delimiter: string, chunkSize: number, recordLimit?: number, peak?: { window: number }): Event[] {
  const source = new MemorySource('x.csv', data);
  const encoding = chooseByteEncoding(source, undefined, 'x.csv')!;
  const out: Event[] = [];
  const sink: ByteRecordSink = {
    byteRecord: (r, decoder) => {
      const fields = Array.from({ length: r.count }, (_, i) => decoder.text(r.bytes, r.starts[i], r.ends[i], r.kinds[i]));
      if (!(fields.length === 1 && fields[0] === '')) out.push(['record', r.line, fields]);
    },
    malformed: (line, raw, reason) => out.push(['malformed', line, raw, reason]),
  };
  const reader = new ByteRecordReader(source, { delimiter, encoding, chunkSize, recordLimit }, sink);
  reader.read();
  if (peak !== undefined) peak.window = reader.peakWindow;
  return out;
}

/**
 * Pieces that generated CSV text is made of in the differential tests: delimiters,
 * line endings, quotes in and around fields, a BOM, labels, a date and an identity
 * number (`fnr`) bare and with a dash.
 */
export function textPieces(fnr: string): string[] {
  return [
    'a',
    'ø',
    ' ',
    ';',
    ',',
    '\t',
    '\n',
    '\r\n',
    '\r',
    '"',
    '""',
    '"x\ny"',
    '"a;""b"""',
    '\uFEFF',
    '\n\n',
    'x"y',
    'hybrid',
    'usual',
    'job',
    '30',
    '2022-03-01',
    'NAV A',
    fnr,
    `${fnr.slice(0, 6)}-${fnr.slice(6)}`,
  ];
}
