import type { Lang } from '../report/i18n.js';
import type { Format } from '../report/render/formats.js';
import type { InputOptions } from './inputOptions.js';

export { FORMATS, type Format } from '../report/render/formats.js';

/** The report command's languages, and its options as commander parses them. */
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
  threads?: string;
}
