/**
 * The same bytes for the same report from a zip-based format (.docx, .xlsx): the zip
 * libraries under docx and write-excel-file stamp every entry with the time of writing.
 * ZIP layout: PKWARE APPNOTE.TXT 4.3.7 (local header), 4.3.12 (central directory),
 * 4.3.16 (end of central directory).
 */

/** The earliest time a zip entry can carry, for a report made without --timestamp. */
const NO_TIME = '1980-01-01T00:00:00Z';

export function packageTime(generatedAt: string | undefined): Date {
  const time = new Date(generatedAt ?? NO_TIME);
  return Number.isNaN(time.getTime()) || time < new Date(NO_TIME) ? new Date(NO_TIME) : time;
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
  if (end < 0) throw new Error('zip: no end of central directory record');
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  for (let i = 0; i < entries; i++) {
    if (view.getUint32(at, true) !== DIRECTORY_ENTRY) throw new Error(`zip: directory entry ${i} is not where the directory says`);
    const local = view.getUint32(at + 42, true);
    if (view.getUint32(local, true) !== LOCAL_HEADER) throw new Error(`zip: entry ${i} is not where the directory says`);
    for (const offset of [at + 12, local + 10]) {
      view.setUint16(offset, dosTime, true);
      view.setUint16(offset + 2, dosDate, true);
    }
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return out;
}
