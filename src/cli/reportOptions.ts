import type { Lang } from '../report/i18n.js';
import type { InputOptions } from './inputOptions.js';

/** The report command's formats and languages, and its options as commander parses them. */
export const FORMATS = ['text', 'md', 'json', 'csv', 'html'] as const;
export type Format = (typeof FORMATS)[number];
export const LANGS = ['en', 'nb', 'nn'] as const;

export interface ReportOptions extends InputOptions {
  format: Format;
  out?: string;
  lang: Lang;
  minCell: string;
  suppress: boolean;
  seed?: string;
  timestamp?: boolean;
  config?: string;
  extractionDate?: string;
  horizons?: string;
}
