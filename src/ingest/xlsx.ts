/**
 * Excel workbooks (.xlsx) as text cells, so that the rest of ingest reads them like
 * CSV cells. The reader is read-excel-file (its Node entry; it parses on the calling
 * thread), loaded on first use: importing this module costs nothing, and the CLI
 * bundle keeps it in dist/bundle/xlsx-reader.cjs.
 *
 * Cells become text as follows:
 * - string: as written, not trimmed ("" counts as empty);
 * - number: String(n), the shortest text that reads back as the same number (23.5, 1e+21);
 * - date (a number with a date format): `yyyy-mm-dd`, or `yyyy-mm-dd hh:mm:ss` (24-hour,
 *   rounded to the second) when it has a time of day. Serials below 1 (a time of day
 *   only) and 60 up to 61 (Lotus's fictitious 1900-02-29) stay number text, for the
 *   caller to treat as invalid dates;
 * - boolean: TRUE or FALSE;
 * - error (#N/A, #DIV/0!) and empty: "" (read-excel-file reads error cells as empty).
 *
 * rows[i] is Excel row i + 1: empty rows, also above the data, are []. Each row ends at
 * its last non-empty cell (trailing empty cells are dropped); empty cells before it are "".
 * Empty rows below the last data row are dropped.
 *
 * Known limits of read-excel-file 9.3: ISO date-times stored as text (t="d" cells, which
 * Excel does not write) are read in the local time zone; a 1904 date system flagged as
 * date1904="true" rather than "1" is not seen; error cells lose their text.
 */
import { InputError } from '../errors.js';

/** One worksheet's cells as text, row by row; rows[i] is Excel row i + 1 (empty rows kept as []). */
export interface SheetText {
  sheet: string;
  otherSheets: string[];
  rows: string[][];
}

/** Reads the first worksheet, or the one named `sheet` (case-insensitive match on the name). */
export async function readXlsx(bytes: Uint8Array, sheet?: string): Promise<SheetText> {
  const { default: readXlsxFile } = await import('read-excel-file/node');
  // The Node entry takes a Buffer (a plain Uint8Array would be taken for a file path).
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let sheets: { sheet: string; data: unknown[][] | undefined }[];
  try {
    // Every worksheet is parsed: the library has no cheaper way to list the names.
    sheets = (await inUtc(() => readXlsxFile(buffer, { trim: false }))) as typeof sheets;
  } catch (error) {
    throw new InputError(`cannot be read as an Excel workbook (${unreadableReason(error)})`, 'UNREADABLE_WORKBOOK');
  }
  // Chart sheets are listed among the sheets but have no cells.
  const worksheets = sheets.filter((s) => s.data !== undefined);
  if (worksheets.length === 0) {
    throw new InputError('cannot be read as an Excel workbook (it has no worksheets)', 'UNREADABLE_WORKBOOK');
  }
  let chosen = worksheets[0];
  if (sheet !== undefined) {
    const wanted = sheet.toLowerCase();
    const named = worksheets.find((s) => s.sheet.toLowerCase() === wanted);
    if (named === undefined) {
      const names = worksheets.map((s) => s.sheet).join(', ');
      throw new InputError(`sheet "${sheet}" is not in the workbook (its sheets: ${names})`, 'SHEET_NOT_FOUND');
    }
    chosen = named;
  }
  return {
    sheet: chosen.sheet,
    otherSheets: worksheets.filter((s) => s !== chosen).map((s) => s.sheet),
    rows: chosen.data!.map(rowText),
  };
}

/**
 * Runs `read` with the process in UTC. read-excel-file parses a date-time cell
 * stored as text (t="d", which openpyxl writes) with new Date(text), which reads
 * one without a zone in local time; in UTC its wall-clock time is kept. (Node
 * resets V8's time-zone cache when process.env.TZ is assigned.)
 */
async function inUtc<T>(read: () => Promise<T>): Promise<T> {
  const zone = process.env.TZ;
  process.env.TZ = 'UTC';
  try {
    return await read();
  } finally {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  }
}

function rowText(row: unknown[]): string[] {
  const cells = row.map(cellText);
  let end = cells.length;
  while (end > 0 && cells[end - 1] === '') end--;
  return end === cells.length ? cells : cells.slice(0, end);
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return excelDateText(value);
  return String(value);
}

const SECONDS_PER_DAY = 86_400;
/** Serial of 1970-01-01 in Excel's 1900 date system (days since 1899-12-30). */
const UNIX_EPOCH_SERIAL = 25_569;

/**
 * read-excel-file turns a date serial s into the UTC instant (s − 25569) days after
 * 1970-01-01 (after adding 1462 to serials of the 1904 date system), floored to the
 * millisecond. So the 1900-system serial comes back exactly to the second, and it is
 * read here as Excel does: from 61 (1900-03-01) on, days since 1899-12-30; below 60,
 * one day later, since Excel counts the fictitious 1900-02-29 (serial 60) as a day.
 */
function excelDateText(date: Date): string {
  const seconds = Math.round(date.getTime() / 1000) + UNIX_EPOCH_SERIAL * SECONDS_PER_DAY;
  if (seconds < SECONDS_PER_DAY || (seconds >= 60 * SECONDS_PER_DAY && seconds < 61 * SECONDS_PER_DAY)) {
    return String(seconds / SECONDS_PER_DAY);
  }
  const leapBugDay = seconds < 60 * SECONDS_PER_DAY ? SECONDS_PER_DAY : 0;
  const utc = new Date((seconds + leapBugDay - UNIX_EPOCH_SERIAL * SECONDS_PER_DAY) * 1000);
  const day = `${pad(utc.getUTCFullYear(), 4)}-${pad(utc.getUTCMonth() + 1)}-${pad(utc.getUTCDate())}`;
  if (seconds % SECONDS_PER_DAY === 0) return day;
  return `${day} ${pad(utc.getUTCHours())}:${pad(utc.getUTCMinutes())}:${pad(utc.getUTCSeconds())}`;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** A short reason for the person who sent the file; never a cell value or a file name. */
function unreadableReason(error: unknown): string {
  const name = (error as { name?: unknown } | null)?.name;
  const code = (error as { code?: unknown } | null)?.code;
  if (name === 'InvalidInputError') {
    switch (code) {
      case 'NO_DATA':
        return 'the file is empty';
      case 'XLS_FILE_NOT_SUPPORTED':
        // Password-protected .xlsx files are OLE containers too, like .xls.
        return 'an old .xls workbook or a password-protected one; save it as .xlsx without a password';
      case 'INVALID_ZIP':
        return 'the zip archive is damaged';
      default:
        return 'it is not an .xlsx file';
    }
  }
  if (name === 'InvalidSpreadsheetError') return 'the workbook parts are missing or damaged';
  return 'the workbook is damaged';
}
