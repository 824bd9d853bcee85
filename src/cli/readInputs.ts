import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError, UsageError } from '../errors.js';
import { ingestInto, loadMappingFile, RecordCollector, writeRejectsCsv } from '../ingest/index.js';
import type { CanonicalSink, IngestResult, IngestSummary } from '../ingest/types.js';
import type { InputOptions } from './inputOptions.js';
import type { Io } from './io.js';
import { progressBar } from './progress.js';

const ENCODINGS = ['utf-8', 'utf8', 'windows-1252', 'cp1252', 'latin1', 'iso-8859-1'];

/** Reads and validates the exports; writes --rejects; enforces --strict. */
export async function readInputs(paths: string[], options: InputOptions, io: Io): Promise<IngestResult> {
  const sink = new RecordCollector();
  const summary = await readInputsInto(paths, options, io, sink);
  return { records: sink.records(), ...summary };
}

/** readInputs with the accepted records streamed into `sink` instead of returned. */
export async function readInputsInto(
  paths: string[],
  options: InputOptions,
  io: Io,
  sink: CanonicalSink,
): Promise<IngestSummary> {
  if (paths.length === 0) throw new UsageError('no input paths given: name CSV files or folders of them');
  if (options.encoding !== undefined && !ENCODINGS.includes(options.encoding.toLowerCase())) {
    throw new UsageError(`--encoding must be utf-8 or windows-1252, not "${options.encoding}"`);
  }
  const mapping = options.mapping === undefined ? undefined : loadMappingFile(resolve(io.cwd, options.mapping));
  // Paths stay as the user wrote them, so that reports name files the same way on every machine.
  const progress = progressBar(paths, io);
  let result: IngestSummary;
  try {
    result = await ingestInto(
      paths,
      { encoding: options.encoding, mapping, allowColumns: options.allowColumn ?? [], onProgress: progress?.onProgress },
      sink,
    );
  } finally {
    progress?.done();
  }
  if (options.rejects !== undefined) {
    try {
      const target = resolve(io.cwd, options.rejects);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, writeRejectsCsv(result.rejections));
    } catch (error) {
      throw new InputError(`cannot write --rejects file ${options.rejects}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  }
  if (result.rowsRejected > 0 && options.announceRejections !== false) {
    io.stderr(
      `hybrid-eval: ${result.rowsRejected} of ${result.rowsRead} rows rejected` +
        (options.rejects === undefined ? ' (list them with `hybrid-eval validate` or --rejects FILE)' : ` (written to ${options.rejects})`) +
        '\n',
    );
  }
  if (options.strict && result.rowsRejected > 0) {
    throw new InputError(`--strict: ${result.rowsRejected} rows were rejected; no report written`, 'STRICT_REJECTIONS');
  }
  return result;
}
