import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { matchKey } from './normalise.js';
import { COLUMN_SYNONYMS, VALUE_SYNONYMS, type Language } from './synonyms.js';
import { CANONICAL_COLUMNS, LABELLED_VALUES, type CanonicalColumn, type LabelledColumn, type MappingFile } from './types.js';

/** Reads and validates a --mapping file; any problem is a UsageError naming it. */
export function loadMappingFile(path: string): MappingFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new UsageError(`mapping file ${path}: cannot be read (${code})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UsageError(`mapping file ${path}: not valid JSON (${(error as Error).message})`);
  }
  return validateMapping(value, `mapping file ${path}`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: unknown, where: string, context: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v.trim() !== '')) {
    throw new UsageError(`${context}: ${where} must be an array of strings`);
  }
  return value as string[];
}

/** Checks the shape of a parsed mapping file; `context` prefixes every message. */
export function validateMapping(value: unknown, context = 'mapping'): MappingFile {
  if (!isPlainObject(value)) throw new UsageError(`${context}: must be a JSON object with "columns" and/or "values"`);
  for (const key of Object.keys(value)) {
    if (key !== 'columns' && key !== 'values') {
      throw new UsageError(`${context}: unknown key "${key}" (expected "columns" or "values")`);
    }
  }
  const result: MappingFile = {};
  if (value.columns !== undefined) {
    if (!isPlainObject(value.columns)) throw new UsageError(`${context}: columns must be an object`);
    const columns: Record<string, string[]> = {};
    const seen = new Map<string, string>();
    for (const [column, labels] of Object.entries(value.columns)) {
      if (!(CANONICAL_COLUMNS as readonly string[]).includes(column)) {
        throw new UsageError(`${context}: columns.${column} is not a canonical column (one of ${CANONICAL_COLUMNS.join(', ')})`);
      }
      columns[column] = stringList(labels, `columns.${column}`, context);
      for (const label of columns[column]) {
        const other = seen.get(matchKey(label));
        if (other !== undefined && other !== column) {
          throw new UsageError(`${context}: header "${label}" is mapped to both ${other} and ${column}`);
        }
        seen.set(matchKey(label), column);
      }
    }
    result.columns = columns;
  }
  if (value.values !== undefined) {
    if (!isPlainObject(value.values)) throw new UsageError(`${context}: values must be an object`);
    const values: Record<string, Record<string, string[]>> = {};
    for (const [column, byValue] of Object.entries(value.values)) {
      if (!Object.hasOwn(LABELLED_VALUES, column)) {
        throw new UsageError(`${context}: values.${column} is not a labelled column (one of ${Object.keys(LABELLED_VALUES).join(', ')})`);
      }
      if (!isPlainObject(byValue)) throw new UsageError(`${context}: values.${column} must be an object`);
      const allowed = LABELLED_VALUES[column as LabelledColumn] as readonly string[];
      const seen = new Map<string, string>();
      values[column] = {};
      for (const [canonical, labels] of Object.entries(byValue)) {
        if (!allowed.includes(canonical)) {
          throw new UsageError(`${context}: values.${column}.${canonical} is not a value of ${column} (one of ${allowed.join(', ')})`);
        }
        values[column][canonical] = stringList(labels, `values.${column}.${canonical}`, context);
        for (const label of values[column][canonical]) {
          const other = seen.get(matchKey(label));
          if (other !== undefined && other !== canonical) {
            throw new UsageError(`${context}: ${column} label "${label}" is mapped to both ${other} and ${canonical}`);
          }
          seen.set(matchKey(label), canonical);
        }
      }
    }
    result.values = values as MappingFile['values'];
  }
  return result;
}

/** How a header came to its canonical column; a higher rank wins within a file. */
export type MatchSource = 'builtin' | 'canonical' | 'mapping';
export const MATCH_RANK: Record<MatchSource, number> = { builtin: 0, canonical: 1, mapping: 2 };

export interface HeaderMatch {
  column: CanonicalColumn;
  source: MatchSource;
  languages: Language[];
}

/** Lookup tables built once from the built-in synonyms and a mapping file. */
export interface Vocabulary {
  headers: Map<string, HeaderMatch>;
  values: Record<LabelledColumn, Map<string, string>>;
}

export function buildVocabulary(mapping: MappingFile | undefined): Vocabulary {
  const headers = new Map<string, HeaderMatch>();
  for (const column of CANONICAL_COLUMNS) {
    for (const [label, languages] of COLUMN_SYNONYMS[column]) {
      headers.set(matchKey(label), { column, source: 'builtin', languages });
    }
  }
  for (const column of CANONICAL_COLUMNS) {
    headers.set(matchKey(column), { column, source: 'canonical', languages: ['en'] });
  }
  for (const [column, labels] of Object.entries(mapping?.columns ?? {})) {
    for (const label of labels ?? []) {
      headers.set(matchKey(label), { column: column as CanonicalColumn, source: 'mapping', languages: [] });
    }
  }

  const values = {} as Record<LabelledColumn, Map<string, string>>;
  for (const column of Object.keys(LABELLED_VALUES) as LabelledColumn[]) {
    const table = new Map<string, string>();
    for (const [canonical, labels] of Object.entries(VALUE_SYNONYMS[column])) {
      for (const label of labels) table.set(matchKey(label), canonical);
    }
    for (const canonical of LABELLED_VALUES[column]) table.set(matchKey(canonical), canonical);
    const mapped = (mapping?.values?.[column] ?? {}) as Record<string, string[] | undefined>;
    for (const [canonical, labels] of Object.entries(mapped)) {
      for (const label of labels ?? []) table.set(matchKey(label), canonical);
    }
    values[column] = table;
  }
  return { headers, values };
}
