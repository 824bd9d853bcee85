/**
 * A .docx with the same bytes for the same report. docx dates docProps/core.xml (created,
 * modified) and every zip entry with the current time; here both carry the report's
 * generatedAt (given with --timestamp), else 1980-01-01, the earliest time a zip entry
 * can hold. core.xml is written here and given to docx's packer in place of its own; the
 * entries' times are set in the finished zip, where they lie outside the compressed
 * data, so nothing is compressed twice.
 */

/** The earliest time a zip entry can carry, for a report made without --timestamp. */
const NO_TIME = '1980-01-01T00:00:00Z';

export function packageTime(generatedAt: string | undefined): Date {
  const time = new Date(generatedAt ?? NO_TIME);
  return Number.isNaN(time.getTime()) || time < new Date(NO_TIME) ? new Date(NO_TIME) : time;
}

/** docProps/core.xml: title, creator and the two dates, as docx writes it. */
export function coreProperties(options: { title: string; creator: string; time: Date }): { path: string; data: string } {
  const w3c = options.time.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const date = (name: string) => `<dcterms:${name} xsi:type="dcterms:W3CDTF">${w3c}</dcterms:${name}>`;
  return {
    path: 'docProps/core.xml',
    data:
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      `<dc:title>${xml(options.title)}</dc:title><dc:creator>${xml(options.creator)}</dc:creator><cp:lastModifiedBy>${xml(options.creator)}</cp:lastModifiedBy>` +
      `<cp:revision>1</cp:revision>${date('created')}${date('modified')}</cp:coreProperties>`,
  };
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

/**
 * Sets every entry's modification time in a zip (APPNOTE 4.3.7 and 4.3.12: the time at
 * byte 10 of a local header and 12 of its central directory entry). MS-DOS time has no
 * time zone: the UTC clock's is written, in two-second steps.
 */
export function stampZipEntries(zip: Uint8Array, time: Date): Uint8Array {
  const out = new Uint8Array(zip);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const dosTime = (time.getUTCHours() << 11) | (time.getUTCMinutes() << 5) | (time.getUTCSeconds() >> 1);
  const dosDate = ((time.getUTCFullYear() - 1980) << 9) | ((time.getUTCMonth() + 1) << 5) | time.getUTCDate();
  let end = out.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== END_OF_DIRECTORY) end--;
  if (end < 0) throw new Error('docx: the package has no zip directory');
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  for (let i = 0; i < entries; i++) {
    if (view.getUint32(at, true) !== DIRECTORY_ENTRY) throw new Error(`docx: zip directory entry ${i} is not where the directory says`);
    const local = view.getUint32(at + 42, true);
    if (view.getUint32(local, true) !== LOCAL_HEADER) throw new Error(`docx: zip entry ${i} is not where the directory says`);
    for (const offset of [at + 12, local + 10]) {
      view.setUint16(offset, dosTime, true);
      view.setUint16(offset + 2, dosDate, true);
    }
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return out;
}
