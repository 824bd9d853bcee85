import { type Command, Option } from 'commander';
import { FISHER_DEFAULT_SEED } from '../stats/defaults.js';
import { addInputOptions } from './inputOptions.js';
import type { Io } from './io.js';
import { FORMATS, LANGS, type ReportOptions } from './reportOptions.js';

/** `hybrid-eval report`: the evaluation report. */
export function registerReport(program: Command, io: Io, setExit: (code: number) => void): void {
  const command = program
    .command('report')
    .description('compare hybrid-model and "as usual" users and print the evaluation report')
    .argument('[paths...]', 'export files (CSV, TSV, .xlsx, .gz) or folders of them, - for standard input (or "inputs" in --config)')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('text'))
    .option('--out <file>', 'write the report to a file instead of stdout')
    .addOption(new Option('--lang <lang>', 'language of the report').choices(LANGS).default('en'))
    .option('--min-cell <n>', "suppress counts from 1 to n−1 (3 gives Statistics Norway's rule; at least 3 unless --no-suppress)", '5')
    .option('--no-suppress', 'turn small-cell suppression off: INTERNAL use only, never for publication')
    .option('--seed <n>', 'seed for Monte Carlo p-values and the bootstrap', String(FISHER_DEFAULT_SEED))
    .option('--extraction-date <YYYY-MM-DD>', 'censor follow-up without a registered outcome at this date (default: the latest date in the data)')
    .option('--horizons <months>', 'months since start at which time to outcome is tabulated, comma-separated', '3,6,12,18')
    .option('--threads <n>', 'threads for the bootstrap (default: the cores, at most 4); the report is the same for any number')
    .option('--timestamp', 'stamp the report with the time it was made (off: output is byte-identical per input)')
    .option('--config <file.json>', 'read inputs, options and output paths from a JSON file; flags override it');
  addInputOptions(command).action(async (paths: string[], options: ReportOptions, cmd: Command) => {
    // The analysis and its renderers load only when a report is asked for (not for --help).
    const { runReport } = await import('./reportRun.js');
    await runReport(paths, options, cmd, io, setExit);
  });
}
