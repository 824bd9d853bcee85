import { isatty } from 'node:tty';

/** What a command may touch of the outside world; injected so tests run the real commands. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
}

export function processIo(): Io {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    stdoutIsTTY: process.stdout.isTTY === true,
    // isatty, not process.stderr.isTTY: that would set up the stderr stream on every run.
    stderrIsTTY: isatty(2),
    env: process.env,
    cwd: process.cwd(),
  };
}
