import type { Lang } from './i18n.js';

/** Shown for a suppressed or undefined value. */
export const SUPPRESSED = ':';
export const UNDEFINED = '–';

/** Thin space (U+2009) between thousands in Norwegian, as in SSB's tables. */
export const THIN_SPACE = '\u2009';
/** Norwegian typography writes the minus sign U+2212. */
const MINUS = '\u2212';

/**
 * Fixed-decimal number in the report's language: 1,234.5 in English,
 * 1 234,5 (thin space, decimal comma, U+2212 minus) in Bokmål and Nynorsk.
 */
export function formatNumber(value: number, decimals: number, lang: Lang): string {
  const rounded = value.toFixed(decimals);
  const negative = rounded.startsWith('-') && Number(rounded) !== 0;
  const [whole, fraction] = rounded.replace('-', '').split('.');
  const separator = lang === 'en' ? ',' : THIN_SPACE;
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
  const text = fraction === undefined ? grouped : `${grouped}${lang === 'en' ? '.' : ','}${fraction}`;
  return negative ? `${lang === 'en' ? '-' : MINUS}${text}` : text;
}

/** A count; null → ":". */
export function formatCount(value: number | null | undefined, lang: Lang): string {
  return value === null || value === undefined ? SUPPRESSED : formatNumber(value, 0, lang);
}

/** A fraction as a percentage with one decimal; null → ":". */
export function formatPercent(fraction: number | null | undefined, lang: Lang): string {
  return fraction === null || fraction === undefined ? SUPPRESSED : formatNumber(fraction * 100, 1, lang);
}

/** An interval, e.g. "(16.5–30.8)" or "(-27.4, -10.1)"; null → "". */
export function formatInterval(low: number | null | undefined, high: number | null | undefined, format: (x: number) => string, separator: string): string {
  if (low === null || low === undefined || high === null || high === undefined) return '';
  return `(${format(low)}${separator}${format(high)})`;
}

/** p-values as evaluation reports print them: "p = 0.034", "p < 0.001". */
export function formatP(p: number | null | undefined, lang: Lang): string {
  if (p === null || p === undefined) return UNDEFINED;
  if (p < 0.001) return `p < ${formatNumber(0.001, 3, lang)}`;
  return `p = ${formatNumber(p, 3, lang)}`;
}
