import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ReplicateJob } from './weightedIncidenceDifference.js';

/** The worker's file name: bundled apart from the CLI by scripts/bundle.mjs. */
const WORKER_FILE = 'bootstrap-worker.cjs';

/** What a worker thread is given: the job's shared arrays, without the caller's `work`. */
export type ReplicateJobMessage = Omit<ReplicateJob, 'inputs'> & { inputs: Omit<ReplicateJob['inputs'], 'work'> };

/**
 * Starts threads − 1 worker threads on the job's replicates (the caller computes them
 * too, in replicateLoop). No worker is started when threads ≤ 1, when there is one
 * replicate or fewer, or when the worker script is not found (the sources run
 * unbundled, as in the unit tests): the caller then computes every replicate itself,
 * with the same result. Workers never keep the process alive, and a failed worker is
 * ignored: the caller computes what it left.
 */
export function startReplicateThreads(job: ReplicateJob, threads: number, workerScript?: URL): { stop: () => void } {
  const script = workerScript ?? defaultWorkerScript();
  const extra = Math.min(threads - 1, job.status.length - 1);
  if (script === null || !(extra >= 1)) return { stop: () => {} };
  const { work: _own, ...inputs } = job.inputs;
  const message: ReplicateJobMessage = { ...job, inputs };
  const workers: Worker[] = [];
  for (let k = 0; k < extra; k++) {
    const worker = new Worker(fileURLToPath(script), { workerData: message });
    worker.unref();
    // Errors arrive after the caller has finished every replicate itself; nothing is lost.
    worker.on('error', () => {});
    workers.push(worker);
  }
  return {
    stop: () => {
      for (const worker of workers) void worker.terminate();
    },
  };
}

function defaultWorkerScript(): URL | null {
  // Beside the bundle (dist/bundle/main.cjs), or from the unbundled build (dist/analysis/).
  for (const url of [new URL(`./${WORKER_FILE}`, import.meta.url), new URL(`../bundle/${WORKER_FILE}`, import.meta.url)]) {
    if (url.protocol === 'file:' && existsSync(url)) return url;
  }
  return null;
}
