// A worker thread of the weighted difference's bootstrap (bootstrapThreads.ts): computes
// replicates of the shared job until none is left. Bundled by scripts/bundle.mjs into
// dist/bundle/bootstrap-worker.cjs.
import { workerData } from 'node:worker_threads';
import type { ReplicateJobMessage } from './bootstrapThreads.js';
import { replicateLoop } from './weightedIncidenceDifference.js';

const message = workerData as ReplicateJobMessage;
const { design } = message.inputs;
replicateLoop({ ...message, inputs: { ...message.inputs, work: { ...design, weights: new Float64Array(design.nRows) } } });
