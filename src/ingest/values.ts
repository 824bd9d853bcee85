/** Parsers for the free-form canonical values: whole numbers and dates. */

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

/** Age in whole years within [MIN_AGE, MAX_AGE], or null when it is not one. */
export function parseAge(text: string): number | null {
  const value = parseWholeNumber(text);
  return value !== null && value >= MIN_AGE && value <= MAX_AGE ? value : null;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const NORWEGIAN_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A calendar date written `2022-03-01`, `01.03.2022` or `1.3.2022`, as ISO
 * yyyy-mm-dd; null when unreadable, not a real date, or outside 1900–2100.
 */
export function parseDate(text: string): string | null {
  const trimmed = text.trim();
  let year: number, month: number, day: number;
  let match = ISO_DATE.exec(trimmed);
  if (match !== null) {
    [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    match = NORWEGIAN_DATE.exec(trimmed);
    if (match === null) return null;
    [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return null;
  if (day > daysInMonth(year, month)) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
