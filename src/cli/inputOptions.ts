import type { Command } from 'commander';

export interface InputOptions {
  encoding?: string;
  mapping?: string;
  allowColumn?: string[];
  rejects?: string;
  strict?: boolean;
  /** validate lists the rejections on stdout itself; report announces them on stderr. */
  announceRejections?: boolean;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Options every command that reads exports shares. */
export function addInputOptions(command: Command): Command {
  return command
    .option('--encoding <name>', 'override encoding detection: utf-8 or windows-1252')
    .option('--mapping <file.json>', 'extra column and value synonyms for an office export')
    .option('--allow-column <name>', 'declare a column checked and safe from the personal-data scan (repeatable)', collect)
    .option('--rejects <file.csv>', 'write every rejected record, with file, line, code and reason')
    .option('--strict', 'fail (exit 1) if any row is rejected');
}
