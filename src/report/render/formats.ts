import type { Lang } from '../i18n.js';
import type { ReportModel } from '../model.js';
import type { ReportDocument } from '../tables.js';

/** What every renderer is given besides the model and its tables. */
export interface RenderContext {
  lang: Lang;
  /** Colour level for the text format (0 elsewhere). */
  colourLevel: 0 | 1 | 2 | 3;
}

/** A renderer returns text (UTF-8 when written) or, for a binary format, bytes. */
export type Renderer = (model: ReportModel, doc: ReportDocument, context: RenderContext) => string | Uint8Array | Promise<string | Uint8Array>;

interface FormatSpecBase {
  /** The --format value. */
  name: string;
  /** The file extension a researcher expects, without the dot. */
  extension: string;
  /** Bytes that a terminal cannot show: written only to --out. */
  binary: boolean;
  /**
   * Where the renderer lives, relative to src/report/render/, when it is kept out of
   * the main bundle (scripts/bundle.mjs builds each into its own file); null when it
   * is small enough to be bundled.
   */
  apart: string | null;
}

/** Loads the renderer: a heavy one (and its libraries) only when its format is asked for. */
export type FormatSpec =
  | (FormatSpecBase & { tables: true; load: () => Promise<Renderer> })
  /** The model itself, without the numbered tables. */
  | (FormatSpecBase & { tables: false; load: () => Promise<(model: ReportModel, context: RenderContext) => string> });

/**
 * Every report format, in --format's order: the one list from which the CLI's choices,
 * the lazy loading, the bundle's separate files and the tests are derived.
 */
export const FORMAT_SPECS = [
  // Loaded on use: chalk's set-up (terminal detection) runs at import.
  { name: 'text', extension: 'txt', binary: false, apart: null, tables: true, load: async () => (await import('./text.js')).renderText },
  { name: 'md', extension: 'md', binary: false, apart: null, tables: true, load: async () => (await import('./markdown.js')).renderMarkdown },
  { name: 'json', extension: 'json', binary: false, apart: null, tables: false, load: async () => (await import('./json.js')).renderJsonReport },
  { name: 'csv', extension: 'csv', binary: false, apart: null, tables: true, load: async () => (await import('./csv.js')).renderCsv },
  { name: 'html', extension: 'html', binary: false, apart: 'html.ts', tables: true, load: async () => (await import('./html.js')).renderHtml },
  { name: 'docx', extension: 'docx', binary: true, apart: 'docx.ts', tables: true, load: async () => (await import('./docx.js')).renderDocx },
  { name: 'xlsx', extension: 'xlsx', binary: true, apart: 'xlsx.ts', tables: true, load: async () => (await import('./xlsx.js')).renderXlsx },
] as const satisfies readonly FormatSpec[];

export type Format = (typeof FORMAT_SPECS)[number]['name'];

export const FORMATS: readonly Format[] = FORMAT_SPECS.map((f) => f.name);

export function formatSpec(name: Format): FormatSpec {
  return FORMAT_SPECS.find((f) => f.name === name)!;
}
