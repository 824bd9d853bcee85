import { type Command, Option } from 'commander';
import { addInputOptions, type InputOptions } from './inputOptions.js';
import type { Io } from './io.js';

export interface ValidateOptions extends InputOptions {
  format: 'text' | 'json';
}

/** `hybrid-eval validate`: what was detected in each file, and every rejected row. */
export function registerValidate(program: Command, io: Io, setExit: (code: number) => void): void {
  const command = program
    .command('validate')
    .description('check exports: detected encoding, delimiter and columns, row accounting, rejections')
    .argument('<paths...>', 'export files (CSV, TSV, .xlsx, .gz) or folders of them, - for standard input')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'));
  addInputOptions(command).action(async (paths: string[], options: ValidateOptions) => {
    const { runValidate } = await import('./validateRun.js');
    await runValidate(paths, options, io, setExit);
  });
}
