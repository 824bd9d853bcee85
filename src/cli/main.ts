import { Command, CommanderError } from 'commander';
import { sourceMappedStack } from './sourceMappedStack.js';
import { InputError, UsageError } from '../errors.js';
import { processIo, type Io } from './io.js';
import { registerReport } from './report.js';
import { registerSimulate } from './simulate.js';
import { registerValidate } from './validate.js';
import { packageVersion } from './version.js';

/** Exit codes: 0 ok, 1 input refused or failed, 2 usage error. */
export const EXIT_OK = 0;
export const EXIT_INPUT = 1;
export const EXIT_USAGE = 2;

/** Assembles the program; each command lives in its own module. */
export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('hybrid-eval')
    .description(
      'Compare hybrid-model users with "as usual" users on outcomes (job, apprenticeship, education, none)\n' +
        'from NAV office exports (CSV, TSV, Excel), and print an evaluation report.',
    )
    .version(packageVersion(), '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (text, write) => write(text) });
  registerReport(program, io, setExit);
  registerValidate(program, io, setExit);
  registerSimulate(program, io, setExit);
  for (const command of program.commands) command.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  return program;
}

/**
 * Runs the CLI and returns the exit code. Typed errors are mapped to exit codes
 * here and only here; no stack trace is ever shown (set HYBRID_EVAL_DEBUG=1 to see one).
 */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  let exitCode = EXIT_OK;
  try {
    // Inside the try: building reads package.json, which a broken install may lack.
    const program = buildProgram(io, (code) => {
      exitCode = code;
    });
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT_USAGE;
    }
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    return exitCodeFor(error, io);
  }
}

function exitCodeFor(error: unknown, io: Io): number {
  if (error instanceof CommanderError) {
    // Commander has already written its message to stderr.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') {
      return EXIT_OK;
    }
    return EXIT_USAGE;
  }
  if (error instanceof UsageError) {
    io.stderr(`hybrid-eval: usage error: ${error.message}\n`);
    return EXIT_USAGE;
  }
  if (error instanceof InputError) {
    io.stderr(`hybrid-eval: ${error.message}\n`);
    return EXIT_INPUT;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`hybrid-eval: internal error: ${message}\n`);
  if (io.env.HYBRID_EVAL_DEBUG && error instanceof Error && error.stack) io.stderr(`${sourceMappedStack(error.stack)}\n`);
  return EXIT_INPUT;
}
