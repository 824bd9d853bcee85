/**
 * Ingest: CSV exports from NAV offices → canonical records with accounting.
 *
 * One record reader with file, stdin (`-`), buffer and string adapters
 * (ingest.ts): a hand-written RFC 4180 reader (fastReader.ts) that hands
 * malformed chunks to the reference reader, csv-parse (records.ts); the two give
 * identical results (tests/ingest/differential.test.ts). Accepted records stream
 * into a CanonicalSink (ingestInto); ingest() collects them in an array. Decisions:
 * - Folders: *.csv, *.tsv, *.txt (any case), sorted by name, not recursive;
 *   hidden files and `~$` lock files are skipped; a file named twice is read once.
 * - Blank lines, and lines holding only delimiters or spaces, are not rows.
 * - Each rejected row gets one rejection: the first problem in column order
 *   (FIELD_COUNT, then REQUIRED_EMPTY, group, outcome, age, gender, prior_work, dates).
 * - Unknown gender or prior_work labels reject the row (UNKNOWN_GENDER,
 *   UNKNOWN_PRIOR_WORK) rather than becoming missing: a silent guess would bias
 *   the adjusted analyses. Empty values are missing and fine.
 * - Duplicates and conflicts are settled among valid rows only, across files:
 *   identical canonical content → one kept, the rest duplicateRows; any
 *   difference → every row of that person_id rejected as CONFLICTING_ID.
 * - A stray quote is MALFORMED_CSV for its line and reading resumes on the next
 *   line (csv-parse's relax_quotes would silently merge lines instead).
 * - Personal data: every cell of every column (rejected and malformed rows too,
 *   and header cells) is scanned for valid fnr/D/H/synthetic numbers, also as
 *   DDMMYY NNNNN or DDMMYY-NNNNN inside text. allowColumns names a column by its
 *   header or its canonical name (`person_id`); an allowed column is skipped
 *   entirely, including when it is the ID column. It does not exempt a header
 *   that names a direct identifier (navn, e-post, fnr …): such a column must go.
 * - Messages never echo person_id, and mask any 11-digit run in echoed labels.
 */
export {
  ingest,
  ingestInto,
  ingestSources,
  ingestText,
  listInputFiles,
  RecordCollector,
  REQUIRED_COLUMNS,
  FOLDER_EXTENSIONS,
} from './ingest.js';
export type { ByteSource } from './ingest.js';
export { loadMappingFile, validateMapping } from './mapping.js';
export { writeRejectsCsv, neutraliseFormula } from './rejects-csv.js';
export { findIdentityNumber, findPersonalData, identityNumberOffsets, personalDataOffsets, isDirectIdentifierHeader } from './personal-data.js';
export { decodeBytes, checkEncodingLabel, encodingChange } from './decode.js';
export { readRecords, sniffDelimiter, normaliseLineEndings } from './records.js';
export { readRecordsFast } from './fastReader.js';
export type { RecordSink } from './records.js';
export { excelSerialDate, isNotAvailable, isTotalLabel, parseAge, parseDate, parseWholeNumber } from './values.js';
export { officeKey, encodingDamage, repairMojibake } from './office.js';
export { sniffContent } from './sources.js';
export * from './types.js';
