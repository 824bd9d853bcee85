import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { UsageError } from '../errors.js';

/** `--config hybrid-eval.json`: inputs, mapping, options and output paths, so a CI job is one line. */
export interface ReportConfig {
  inputs?: string[];
  format?: string;
  out?: string;
  lang?: string;
  minCell?: number;
  suppress?: boolean;
  mapping?: string;
  encoding?: string;
  allowColumns?: string[];
  rejects?: string;
  strict?: boolean;
  seed?: number;
  timestamp?: boolean;
  idScope?: string;
  sheet?: string;
  maxRejected?: number;
  extractionDate?: string;
  horizons?: string;
  threads?: number;
}

const KINDS: Record<keyof ReportConfig, 'string' | 'string[]' | 'number' | 'boolean'> = {
  inputs: 'string[]',
  format: 'string',
  out: 'string',
  lang: 'string',
  minCell: 'number',
  suppress: 'boolean',
  mapping: 'string',
  encoding: 'string',
  allowColumns: 'string[]',
  rejects: 'string',
  strict: 'boolean',
  seed: 'number',
  timestamp: 'boolean',
  idScope: 'string',
  sheet: 'string',
  maxRejected: 'number',
  extractionDate: 'string',
  horizons: 'string',
  threads: 'number',
};
const PATH_KEYS = new Set(['out', 'mapping', 'rejects']);

/**
 * Reads and checks a config file. Relative paths in it are relative to the config
 * file's folder. Every problem is reported, one per line, as a usage error.
 */
export function loadConfig(path: string): ReportConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `config file ${path} does not exist` : `config file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new UsageError(`config file ${path} must hold a JSON object`);
  const problems: string[] = [];
  const config: Record<string, unknown> = {};
  const base = dirname(path);
  const rebase = (p: string) => (isAbsolute(p) ? p : join(base, p));
  for (const [key, value] of Object.entries(raw)) {
    const kind = KINDS[key as keyof ReportConfig];
    if (kind === undefined) {
      problems.push(`unknown key "${key}" (known: ${Object.keys(KINDS).join(', ')})`);
      continue;
    }
    const ok =
      kind === 'string[]'
        ? Array.isArray(value) && value.every((v) => typeof v === 'string')
        : kind === 'number'
          ? typeof value === 'number' && Number.isFinite(value)
          : typeof value === kind;
    if (!ok) {
      problems.push(`"${key}" must be ${kind === 'string[]' ? 'an array of strings' : `a ${kind}`}`);
      continue;
    }
    if (key === 'inputs') config[key] = (value as string[]).map(rebase);
    else if (PATH_KEYS.has(key)) config[key] = rebase(value as string);
    else config[key] = value;
  }
  if (problems.length > 0) throw new UsageError(`config file ${path}:\n  ${problems.join('\n  ')}`);
  return config as ReportConfig;
}
