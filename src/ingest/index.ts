/**
 * Ingest: office exports → canonical records with accounting.
 *
 * sources.ts lists inputs (folders recursively, with every file not read listed
 * and why) and opens them as byte sources (byteSource.ts: a file read in pieces;
 * gzip through zlib and `-` (stdin) held as bytes). tableReader.ts recognises the
 * format from the content and opens it as a table: CSV/TSV (the encoding chosen
 * without decoding the file, decode.ts; the delimiter, a `sep=` line and the header
 * found among the first 20 lines, decoded; records read from bytes by byteReader.ts,
 * cells decoded by cellDecoder.ts; UTF-16 and other forced encodings decoded whole
 * and read by fastReader.ts; both tested against csv-parse in records.ts) or an
 * .xlsx workbook (xlsx.ts). fileReader.ts turns rows into canonical records or
 * coded rejections; run.ts settles duplicates and conflicts across files under
 * the id scope, merges office spellings (office.ts) and counts notices and unknown
 * labels. Decisions:
 * - Only the required fields (person_id, office, group) and the outcome reject a
 *   row; an unreadable age, gender, prior work or date becomes missing with a notice.
 * - Each rejected row gets one rejection: the first problem in column order.
 * - A person is (office, person_id) by default, person_id alone with idScope global;
 *   identical rows collapse, any difference rejects every row of that person.
 * - A stray quote is MALFORMED_CSV for its line and reading resumes on the next line.
 * - Personal data (identity numbers, phone numbers, e-mail addresses in any cell,
 *   identifier headers) refuses the input, naming the place, never the value.
 * - Messages never echo person_id, and mask identity numbers, phone numbers and e-mail.
 */
export {
  ingest,
  ingestInto,
  ingestSources,
  ingestText,
  listInputFiles,
} from './ingest.js';
export type { ByteSource } from './ingest.js';
export { loadMappingFile, validateMapping } from './mapping.js';
export { writeRejectsCsv, neutraliseFormula } from './rejects-csv.js';
export { findIdentityNumber } from './personal-data.js';
export { readRecords } from './records.js';
export { readRecordsFast } from './fastReader.js';
export type { RecordSink } from './records.js';
export { excelSerialDate, isNotAvailable, isTotalLabel, parseAge, parseDate, parseWholeNumber } from './values.js';
export { officeKey, encodingDamage, repairMojibake } from './office.js';
export * from './types.js';
