/**
 * A ZIP archive with every entry's modification time set to 1980-01-01 00:00, the
 * earliest a ZIP (MS-DOS) time can hold, as reproducible builds do. fflate, under
 * write-excel-file, stamps each entry with the time of writing, so the same report
 * written twice would differ in these bytes only. The archive is changed in place.
 * ZIP layout: PKWARE APPNOTE.TXT 4.3.7 (local header), 4.3.12 (central directory),
 * 4.3.16 (end of central directory).
 */
export function withFixedZipTimes(zip: Uint8Array): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.byteLength - 22;
  // fflate writes no archive comment, so the end record is the last 22 bytes.
  if (end < 0 || view.getUint32(end, true) !== 0x06054b50) throw new Error('withFixedZipTimes: no end of central directory record');
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  for (let i = 0; i < entries; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error('withFixedZipTimes: malformed central directory');
    setTime(view, at + 12);
    const local = view.getUint32(at + 42, true);
    if (view.getUint32(local, true) !== 0x04034b50) throw new Error('withFixedZipTimes: malformed local header');
    setTime(view, local + 10);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return zip;
}

/** MS-DOS time 00:00:00 and date 1980-01-01 (day 1, month 1 << 5, year 0 << 9). */
function setTime(view: DataView, offset: number): void {
  view.setUint16(offset, 0, true);
  view.setUint16(offset + 2, (1 << 5) | 1, true);
}
