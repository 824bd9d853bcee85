import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { DIALECTS, writeInDialect } from '../simulate/dialects.js';
import { officeFileName, simulatePilot } from '../simulate/pilot.js';
import type { Io } from './io.js';

interface SimulateOptions {
  seed: string;
  out: string;
  rows?: string;
  dialects?: boolean;
}

function wholeNumber(name: string, value: string, min: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min || !Number.isSafeInteger(Number(value))) {
    throw new UsageError(`${name} must be a whole number ≥ ${min}, not "${value}"`);
  }
  return Number(value);
}

/** `hybrid-eval simulate`: writes a seeded synthetic pilot, one canonical CSV per office. */
export function registerSimulate(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('simulate')
    .description('write a synthetic pilot (eight office exports) for demos, tests and benchmarks')
    .requiredOption('--seed <n>', 'random seed; the same seed gives byte-identical files')
    .requiredOption('--out <dir>', 'folder to write the office CSV files into (created if missing)')
    .option('--rows <n>', 'approximate total rows (default: the pilot design, about 2,500)')
    .option('--dialects', 'write each office as its own system would: other delimiters, encodings, languages and labels')
    .action((options: SimulateOptions) => {
      const seed = wholeNumber('--seed', options.seed, 0);
      const rows = options.rows === undefined ? undefined : wholeNumber('--rows', options.rows, 1);
      const offices = simulatePilot({ seed, rows });
      mkdirSync(options.out, { recursive: true });
      let total = 0;
      offices.forEach((office, i) => {
        const bytes = options.dialects ? writeInDialect(office.csv, DIALECTS[i % DIALECTS.length], seed) : office.csv;
        writeFileSync(join(options.out, officeFileName(office.office)), bytes);
        total += office.rows;
      });
      io.stderr(`hybrid-eval: wrote ${offices.length} synthetic office exports, ${total} rows, to ${options.out}\n`);
      setExit(0);
    });
}
