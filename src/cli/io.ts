import { isatty } from 'node:tty';

/** What a command may touch of the outside world; injected so tests run the real commands. */
export interface Io {
  /** Data: text, or the bytes of a binary format written to a pipe. */
  stdout: (data: string | Uint8Array) => void;
  stderr: (text: string) => void;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
}

export function processIo(): Io {
  return {
    stdout: (data) => void process.stdout.write(data),
    stderr: (text) => void process.stderr.write(text),
    stdoutIsTTY: process.stdout.isTTY === true,
    // isatty, not process.stderr.isTTY: that would set up the stderr stream on every run.
    stderrIsTTY: isatty(2),
    env: process.env,
    cwd: process.cwd(),
  };
}
