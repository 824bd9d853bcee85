import { Option, type Command } from 'commander';

export interface InputOptions {
  encoding?: string;
  mapping?: string;
  allowColumn?: string[];
  rejects?: string;
  strict?: boolean;
  idScope?: 'office' | 'global';
  sheet?: string;
  /** --max-rejected as given (a percentage). */
  maxRejected?: string;
  /** The report's --out file: refused when it is one of the inputs, skipped in input folders. */
  out?: string;
  /** validate lists the rejections on stdout itself; report announces them on stderr. */
  announceRejections?: boolean;
}

export const ID_SCOPES = ['office', 'global'] as const;
/** Rejections may remove at most this share (per cent) of either group's rows. */
export const DEFAULT_MAX_REJECTED = 5;

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Options every command that reads exports shares. */
export function addInputOptions(command: Command): Command {
  return command
    .option('--encoding <name>', 'override encoding detection: utf-8 or windows-1252')
    .option('--mapping <file.json>', 'extra column and value synonyms for an office export')
    .option('--allow-column <name>', 'declare a column checked and safe from the personal-data scan (repeatable)', collect)
    .addOption(new Option('--id-scope <scope>', 'a person is (office, person_id), or person_id alone across offices').choices(ID_SCOPES).default('office'))
    .option('--sheet <name>', 'worksheet to read from .xlsx workbooks (default: the first)')
    .option('--max-rejected <pct>', `fail (exit 1) when rejections remove more than this per cent of either group's rows`, String(DEFAULT_MAX_REJECTED))
    .option('--rejects <file.csv>', 'write every rejected record, with file, line, code and reason')
    .option('--strict', 'fail (exit 1) if any row is rejected (the same as --max-rejected 0)');
}
