import { statSync } from 'node:fs';
import { listInputFiles } from '../ingest/index.js';
import type { Io } from './io.js';

/** Inputs larger than this get a progress bar (on a TTY only). */
const PROGRESS_THRESHOLD_BYTES = 20 * 1024 * 1024;

/**
 * A progress bar on stderr while large inputs are read: only when stderr is a
 * terminal and the inputs add up to more than about 20 MB. Returns the
 * IngestOptions.onProgress callback and a function that clears the bar, or null.
 */
export function progressBar(paths: string[], io: Io): { onProgress: (file: number, fraction: number) => void; done: () => void } | null {
  if (!io.stderrIsTTY || io.env.TERM === 'dumb') return null;
  let sizes: number[];
  try {
    sizes = listInputFiles(paths).files.map((p) => (p === '-' ? 0 : statSync(p).size));
  } catch {
    return null; // ingest reports the problem itself
  }
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total <= PROGRESS_THRESHOLD_BYTES) return null;
  const before = sizes.map((_, i) => sizes.slice(0, i).reduce((a, b) => a + b, 0));
  const width = 30;
  let last = -1;
  return {
    onProgress: (file, fraction) => {
      const done = Math.min(total, before[file] + fraction * sizes[file]);
      const percent = Math.floor((done / total) * 100);
      if (percent === last) return;
      last = percent;
      const filled = Math.round((done / total) * width);
      const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
      io.stderr(`\rReading exports ▕${'█'.repeat(filled)}${' '.repeat(width - filled)}▏ ${String(percent).padStart(3)} %  ${mb(done)}/${mb(total)} MB`);
    },
    done: () => io.stderr('\r\u001b[2K'),
  };
}
