/** Parsers for the free-form canonical values: whole numbers, ages and dates, as offices and Excel write them. */

const WHOLE_NUMBER = /^([+\-\u2212]?)(\d{1,3}(?:[ \u00A0\u202F]\d{3})+|\d+)$/;

/**
 * A whole number as Norwegians write it: U+2212 or '-' for minus, and a space,
 * U+00A0 or U+202F between thousands (Intl.NumberFormat('nb-NO') output). Null otherwise.
 */
export function parseWholeNumber(text: string): number | null {
  const match = WHOLE_NUMBER.exec(text.trim());
  if (match === null) return null;
  const value = Number(match[2].replace(/[ \u00A0\u202F]/g, ''));
  if (!Number.isSafeInteger(value)) return null;
  return match[1] === '' || match[1] === '+' ? value : -value;
}

export const MIN_AGE = 15;
export const MAX_AGE = 80;

/** `23`, `23.0`, `23,0` (Excel's number formats) and `23 år` / `23 years` (free text). */
const AGE = /^(\d{1,3})(?:[.,]0+)?(?:\s*(?:år|år gammal|år gammel|years?|yrs?|y))?$/i;

/**
 * Age in whole years within [MIN_AGE, MAX_AGE], or null when it is not one:
 * `23`, `23.0`, `23,0`, `23 år`. A fraction (`23.5`) is not a whole age.
 */
export function parseAge(text: string): number | null {
  const match = AGE.exec(text.trim());
  if (match === null) return null;
  const value = Number(match[1]);
  return value >= MIN_AGE && value <= MAX_AGE ? value : null;
}

/** Optional time part after a date: `00:00`, `00:00:00`, `12.30`, `T08:15:00.000Z`, `kl. 12:00`. */
const TIME = String.raw`(?:(?:[ T]|\s+kl\.?\s*)\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?`;
const ISO_DATE = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})${TIME}$`, 'i');
const NORWEGIAN_DATE = new RegExp(String.raw`^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})${TIME}$`, 'i');
/**
 * An Excel serial date, possibly with a time fraction. Five digits only (1927-05-18
 * onwards): a four-digit number in a date column is more likely a year than a serial.
 */
const SERIAL = /^(\d{5})(?:[.,]\d+)?$/;
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;
/** The last serial date this tool reads: 2100-12-31. */
const MAX_SERIAL = 73415;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function iso(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Excel's serial date in the 1900 date system as ISO, or null. Serial 1 is
 * 1900-01-01; serial 60 is 1900-02-29, a day that did not exist (Lotus 1-2-3's
 * leap-year bug, kept by Excel), so it is not a date; after it, serial n is n days
 * after 1899-12-30.
 */
export function excelSerialDate(serial: number): string | null {
  if (!Number.isInteger(serial) || serial < 1 || serial === 60 || serial > MAX_SERIAL) return null;
  const epoch = serial < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const date = new Date(epoch + serial * 86_400_000);
  return iso(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/**
 * A calendar date as ISO yyyy-mm-dd, or null when unreadable, not a real date, or
 * outside 1900–2100. Read: `2022-03-01`, `01.03.2022`, `1.3.2022`, `01.03.22`
 * (two-digit years as Excel reads them: 00–29 → 2000–2029, 30–99 → 1930–1999),
 * any of these followed by a time (`2022-03-01 00:00:00`, the time is dropped),
 * and Excel serial dates (`44621` = 2022-03-01). `01/03/2022` is not read: day
 * and month order is ambiguous.
 */
export function parseDate(text: string): string | null {
  const trimmed = text.trim();
  let year: number, month: number, day: number;
  const isoMatch = ISO_DATE.exec(trimmed);
  const norwegian = isoMatch === null ? NORWEGIAN_DATE.exec(trimmed) : null;
  if (isoMatch !== null) {
    [year, month, day] = [Number(isoMatch[1]), Number(isoMatch[2]), Number(isoMatch[3])];
  } else if (norwegian !== null) {
    [day, month, year] = [Number(norwegian[1]), Number(norwegian[2]), Number(norwegian[3])];
    if (norwegian[3].length === 2) year += year < 30 ? 2000 : 1900;
  } else {
    const serial = SERIAL.exec(trimmed);
    return serial === null ? null : excelSerialDate(Number(serial[1]));
  }
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return null;
  if (day > daysInMonth(year, month)) return null;
  return iso(year, month, day);
}

/**
 * What exports write for "no value": Excel's #N/A (Norwegian Excel: #I/T), NA,
 * N/A, a dash, `(blank)` from pivot tables, NULL from databases, and "not
 * registered" in Bokmål, Nynorsk and English. Compared lower case, trimmed, with
 * runs of white space as one space.
 */
const NOT_AVAILABLE = new Set([
  '#n/a',
  '#na',
  '#i/t',
  'na',
  'n/a',
  'n.a.',
  '-',
  '–',
  '—',
  '(blank)',
  '(tom)',
  'null',
  'ikke registrert',
  'ikkje registrert',
  'not registered',
  'uregistrert',
]);

/** True for an empty cell or one of the "no value" words above. */
export function isNotAvailable(raw: string): boolean {
  const key = raw.trim();
  if (key === '') return true;
  if (key.length > 24) return false;
  return NOT_AVAILABLE.has(key.toLowerCase().replace(/\s+/g, ' '));
}

/** Words that start a sum row at the bottom of a spreadsheet: `Sum`, `Totalt`, `Total`, `I alt`. */
const TOTAL_WORDS = new Set(['sum', 'sum totalt', 'totalsum', 'totalt', 'total', 'totals', 'grand total', 'i alt', 'summert']);

/** True when a cell reads as the label of a total row. */
export function isTotalLabel(raw: string): boolean {
  const key = raw.trim();
  if (key.length === 0 || key.length > 12) return false;
  return TOTAL_WORDS.has(key.toLowerCase().replace(/:$/, '').replace(/\s+/g, ' ').trim());
}
