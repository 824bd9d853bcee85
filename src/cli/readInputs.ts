import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError, UsageError } from '../errors.js';
import { ingestInto, listInputFiles, loadMappingFile, writeRejectsCsv } from '../ingest/index.js';
import { GROUPS, type CanonicalSink, type IngestSummary } from '../ingest/types.js';
import { DEFAULT_MAX_REJECTED, ID_SCOPES, type InputOptions } from './inputOptions.js';
import type { Io } from './io.js';
import { progressBar } from './progress.js';

const ENCODINGS = ['utf-8', 'utf8', 'windows-1252', 'cp1252', 'latin1', 'iso-8859-1'];
/** Unknown labels named one per line on stderr; the rest are counted. */
const STDERR_LABELS = 10;

/**
 * A sink that keeps no record: validate needs only the accounting, so that its
 * memory, like the report's, grows with the persons and not with the rows. It
 * numbers the records as they come, as a sink that kept them would (any other
 * numbering is remembered by the run, one entry a record).
 */
export function discardingSink(): CanonicalSink {
  let added = 0;
  return { add: () => added++, remove: () => {}, readsPersonId: false };
}

/** The --max-rejected limit in per cent: --strict means 0. */
function rejectedLimit(options: InputOptions): number {
  if (options.strict) return 0;
  const text = options.maxRejected ?? String(DEFAULT_MAX_REJECTED);
  if (!/^\d+(\.\d+)?$/.test(text) || Number(text) > 100) {
    throw new UsageError(`--max-rejected must be a percentage from 0 to 100, not "${text}"`);
  }
  return Number(text);
}

/**
 * Reads and validates the exports, streaming the accepted records into `sink`,
 * and writes --rejects. The caller checks the rejected share (checkRejectedShare):
 * report before analysing, validate after printing what it found.
 */
export async function readInputsInto(paths: string[], options: InputOptions, io: Io, sink: CanonicalSink): Promise<IngestSummary> {
  if (paths.length === 0) throw new UsageError('no input paths given: name CSV or Excel files, or folders of them');
  if (options.encoding !== undefined && !ENCODINGS.includes(options.encoding.toLowerCase())) {
    throw new UsageError(`--encoding must be utf-8 or windows-1252, not "${options.encoding}"`);
  }
  const idScope = options.idScope ?? 'office';
  if (!ID_SCOPES.includes(idScope)) throw new UsageError(`--id-scope must be office or global, not "${String(idScope)}"`);
  rejectedLimit(options);
  const mapping = options.mapping === undefined ? undefined : loadMappingFile(resolve(io.cwd, options.mapping));
  const outputs = [options.out, options.rejects].filter((p): p is string => p !== undefined).map((p) => resolve(io.cwd, p));
  refuseOverwritingInputs(paths, outputs, io);
  // Paths stay as the user wrote them, so that reports name files the same way on every machine.
  const progress = progressBar(paths, io);
  let result: IngestSummary;
  try {
    result = await ingestInto(
      paths,
      {
        encoding: options.encoding,
        mapping,
        allowColumns: options.allowColumn ?? [],
        idScope,
        sheet: options.sheet,
        onProgress: progress?.onProgress,
      },
      sink,
      outputs,
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
  announce(result, options, io);
  return result;
}

/** --out and --rejects must not name an input: the export would be overwritten. */
function refuseOverwritingInputs(paths: string[], outputs: string[], io: Io): void {
  if (outputs.length === 0) return;
  const inputs = new Set(
    listInputFiles(paths)
      .files.filter((p) => p !== '-')
      .map((p) => resolve(io.cwd, p)),
  );
  for (const output of outputs) {
    if (inputs.has(output)) throw new UsageError(`${output} is one of the inputs; writing the report or rejects there would overwrite an export`);
  }
}

/** Skipped files, notices and unknown labels, one line each on stderr; rejected rows in one line. */
function announce(result: IngestSummary, options: InputOptions, io: Io): void {
  for (const file of result.skippedFiles) io.stderr(`hybrid-eval: skipped ${file.path}: ${file.message}\n`);
  for (const notice of result.notices) io.stderr(`hybrid-eval: note: ${notice.message}\n`);
  if (result.rowsRejected > 0 && options.announceRejections !== false) {
    io.stderr(
      `hybrid-eval: ${result.rowsRejected} of ${result.rowsRead} rows rejected` +
        (options.rejects === undefined ? ' (list them with `hybrid-eval validate` or --rejects FILE)' : ` (written to ${options.rejects})`) +
        '\n',
    );
  }
  const labels = [...result.unknownLabels].sort((a, b) => b.count - a.count);
  for (const label of labels.slice(0, STDERR_LABELS)) {
    const rows = label.count === 1 ? '1 row has' : `${label.count} rows have`;
    const effect = label.effect === 'rejected' ? 'add it with --mapping' : 'counted as missing (add it with --mapping)';
    io.stderr(`hybrid-eval: ${rows} ${label.column} "${label.label}", which is not a known label; ${effect}\n`);
  }
  if (labels.length > STDERR_LABELS) io.stderr(`hybrid-eval: and ${labels.length - STDERR_LABELS} more unknown labels (see \`hybrid-eval validate\`)\n`);
}

/**
 * Fails (exit 1) when rejections remove more than --max-rejected per cent of either
 * group's rows. Rows whose group could not be read count against both groups: they
 * may all belong to either. Total rows are not persons and do not count.
 */
export function checkRejectedShare(result: IngestSummary, options: InputOptions): void {
  const limit = rejectedLimit(options);
  const unknown = result.rowsByGroup.unknown;
  for (const group of GROUPS) {
    const { read, rejected } = result.rowsByGroup[group];
    const denominator = read + unknown;
    const removed = rejected + unknown;
    if (denominator === 0 || removed * 100 <= limit * denominator) continue;
    const share = ((removed / denominator) * 100).toFixed(1);
    const flag = options.strict ? '--strict' : `--max-rejected ${limit}`;
    throw new InputError(
      `${flag}: rejections remove ${share} % of the ${group === 'hybrid' ? 'hybrid' : 'as-usual'} rows ` +
        `(${removed} of ${denominator}${unknown > 0 ? `, counting ${unknown} rows whose group could not be read` : ''}), ` +
        `more than ${limit} %; no report written. See the rejections (\`hybrid-eval validate\`), or raise --max-rejected`,
      'TOO_MANY_REJECTED',
    );
  }
}
