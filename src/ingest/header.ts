import { InputError } from '../errors.js';
import { MATCH_RANK, type HeaderMatch, type Vocabulary } from './mapping.js';
import { matchKey, safeEcho } from './normalise.js';
import { detached } from './personIndex.js';
import { isDirectIdentifierHeader } from './personal-data.js';
import type { Language } from './synonyms.js';
import { CANONICAL_COLUMNS, type CanonicalColumn } from './types.js';

/** Required columns; outcome must be present as a column but its value may be empty. */
const REQUIRED_COLUMNS: readonly CanonicalColumn[] = ['person_id', 'office', 'group', 'outcome'];

/** The header is looked for among this many first non-blank lines (title rows, notes above it). */
export const HEADER_SEARCH_LINES = 20;

/** A record as the header search sees it. */
export interface PeekedRecord {
  fields: string[];
  line: number;
}

/** True when `fields`, read as a header, names every required column. */
function mapsRequiredColumns(fields: string[], vocabulary: Vocabulary): boolean {
  const found = new Set<CanonicalColumn>();
  for (const field of fields) {
    const match = vocabulary.headers.get(matchKey(field));
    if (match !== undefined) found.add(match.column);
  }
  return REQUIRED_COLUMNS.every((column) => found.has(column));
}

/** The first of the records that maps every required column, or undefined. */
export function findHeader(records: PeekedRecord[], vocabulary: Vocabulary): PeekedRecord | undefined {
  return records.slice(0, HEADER_SEARCH_LINES).find((r) => mapsRequiredColumns(r.fields, vocabulary));
}

/**
 * The refusal when no header was found: a line that names some required columns
 * is taken as the header and the missing ones are named; otherwise what was looked
 * for, and the first line (masked).
 */
export function noHeaderError(name: string, records: PeekedRecord[], vocabulary: Vocabulary, what = 'lines'): InputError {
  if (records.length === 0) return new InputError(`${name}: the file is empty (no header line)`, 'EMPTY_FILE');
  let best: { record: PeekedRecord; found: CanonicalColumn[] } | undefined;
  for (const record of records) {
    const found = REQUIRED_COLUMNS.filter((column) => record.fields.some((f) => vocabulary.headers.get(matchKey(f))?.column === column));
    if (best === undefined || found.length > best.found.length) best = { record, found };
  }
  if (best !== undefined && best.found.length >= 2) {
    const missing = REQUIRED_COLUMNS.filter((c) => !best.found.includes(c));
    return new InputError(
      `${name}: required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing ` +
        `(header on line ${best.record.line}; name it with one of the known synonyms, or add one with --mapping)`,
      'MISSING_COLUMN',
    );
  }
  const first = records[0];
  return new InputError(
    `${name}: no header found in the first ${HEADER_SEARCH_LINES} ${what}: looked for a line naming the required columns ` +
      `${REQUIRED_COLUMNS.join(', ')} (or their synonyms, e.g. kontor, gruppe, utfall); ` +
      `line ${first.line} reads "${safeEcho(first.fields.join(' | ').trim(), 80)}". Name the columns with --mapping if the header uses other words`,
    'MISSING_COLUMN',
  );
}

/** The header of one file, resolved to canonical columns. */
export interface ResolvedHeader {
  /** Header cells (NFC), trailing empty ones dropped. */
  header: string[];
  /** Column index per canonical column, -1 when absent. */
  index: Record<CanonicalColumn, number>;
  columns: { header: string; canonical: CanonicalColumn | null }[];
  language: string;
}

/**
 * Maps a header row to canonical columns. Refuses a header that names a direct
 * identifier, two columns of equal strength for one canonical column, and a
 * missing required column. Within a file the strongest match wins (mapping file >
 * canonical name > built-in synonym).
 */
export function resolveHeader(fields: string[], vocabulary: Vocabulary, name: string, line: number): ResolvedHeader {
  // Detached: headers stay in the summary, and a slice would keep the file's text alive.
  const header = fields.map((f) => detached(f.normalize('NFC')));
  // Trailing empty header cells (Excel's `;;;`) are not columns.
  while (header.length > 1 && header[header.length - 1].trim() === '') header.pop();
  const label = (i: number) => (header[i].trim() === '' ? `number ${i + 1}` : `"${safeEcho(header[i].trim())}"`);
  const index = {} as Record<CanonicalColumn, number>;
  for (const column of CANONICAL_COLUMNS) index[column] = -1;
  const matches: (HeaderMatch | null)[] = header.map((h) => vocabulary.headers.get(matchKey(h)) ?? null);

  header.forEach((h, i) => {
    if (matches[i] === null && isDirectIdentifierHeader(h)) {
      throw new InputError(
        `${name}, line ${line}, column ${label(i)}: the header names a direct identifier ` +
          '(a name, address, phone number, e-mail or national identity number). Files with personal data ' +
          'are refused and nothing is reported; remove the column first.',
        'PERSONAL_DATA',
      );
    }
  });

  for (let i = 0; i < matches.length; i++) {
    const match = matches[i];
    if (match === null) continue;
    const other = index[match.column];
    if (other === -1) {
      index[match.column] = i;
      continue;
    }
    const rankNew = MATCH_RANK[match.source];
    const rankOld = MATCH_RANK[matches[other]!.source];
    if (rankNew > rankOld) {
      index[match.column] = i;
    } else if (rankNew === rankOld) {
      throw new InputError(
        `${name}: columns ${label(other)} and ${label(i)} both mean ${match.column}; remove one, or say which one with --mapping`,
        'AMBIGUOUS_COLUMN',
      );
    }
  }
  const columns = header.map((h, i) => {
    const match = matches[i];
    return { header: h, canonical: match !== null && index[match.column] === i ? match.column : null };
  });
  for (const column of REQUIRED_COLUMNS) {
    if (index[column] === -1) {
      throw new InputError(
        `${name}: required column ${column} is missing (header on line ${line}; name it with one of the known synonyms, or add one with --mapping)`,
        'MISSING_COLUMN',
      );
    }
  }
  const language = guessLanguage(columns.flatMap((c, i) => (c.canonical !== null ? [matches[i]!] : [])));
  return { header, index, columns, language };
}

/** Header language from the synonyms matched: one language, 'mixed', or 'canonical'. */
function guessLanguage(matches: HeaderMatch[]): string {
  const named = matches.filter((m) => m.source !== 'mapping');
  if (named.length === 0) return 'mixed';
  if (named.every((m) => m.source === 'canonical')) return 'canonical';
  let common: Language[] = ['en', 'nb', 'nn'];
  for (const m of named) common = common.filter((l) => m.languages.includes(l));
  if (common.length === 0) return 'mixed';
  if (common.length === 1) return common[0];
  if (common.length === 2 && common.includes('nb') && common.includes('nn')) return 'nb';
  return 'canonical';
}
