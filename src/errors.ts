/**
 * Typed errors, mapped to exit codes in one place (cli/main.ts):
 * UsageError → 2, InputError → 1. Anything else is an internal error (1).
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly exitCode = 2;
}

export class InputError extends Error {
  override readonly name = 'InputError';
  readonly exitCode = 1;
  constructor(
    message: string,
    readonly code: string = 'INPUT_FAILED',
  ) {
    super(message);
  }
}
