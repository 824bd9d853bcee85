import { InputError } from '../errors.js';
import { checkEncodingLabel } from './decode.js';
import { detached } from './personIndex.js';
import { skipMessageEn } from './messages.js';
import { IngestRun } from './run.js';
import type { ByteSource as InputBytes } from './byteSource.js';
import { listInputFiles, memorySourceOf, openInputSource } from './sources.js';
import { NotAnExport, openTable } from './tableReader.js';
import type { CanonicalRecord, CanonicalSink, FileSummary, IngestOptions, IngestResult, IngestSummary } from './types.js';

export { listInputFiles } from './sources.js';

/** One input before decoding: the name used in messages and its bytes. */
export interface ByteSource {
  name: string;
  bytes: Uint8Array;
}

/**
 * Reads exports (CSV, TSV, text, .xlsx, gzip; files, folders read recursively, or
 * `-` for standard input) into canonical records with full accounting. Files are
 * read one at a time, so only one file's content is in memory at once.
 */
export async function ingest(paths: string[], options: IngestOptions = {}): Promise<IngestResult> {
  const sink = new RecordCollector();
  const summary = await ingestInto(paths, options, sink);
  return { records: sink.records(), ...summary };
}

/**
 * Like ingest, but each accepted record goes to `sink` as it is read (and is
 * taken back with sink.remove when a later row makes its person conflicting),
 * so that the records need not be held in memory. Returns the accounting.
 * `exclude`: files this run writes (--out, --rejects), skipped in folders.
 */
export async function ingestInto(paths: string[], options: IngestOptions, sink: CanonicalSink, exclude: string[] = []): Promise<IngestSummary> {
  const list = listInputFiles(paths, exclude);
  const inputs: Input[] = list.files.map((path) => ({
    name: path === '-' ? '<stdin>' : path,
    inFolder: list.inFolder.has(path),
    open: () => openInputSource(path, options.encoding),
  }));
  return ingestInputs(inputs, options, sink, list.skipped);
}

/** A sink that keeps every accepted record, for ingest() and tests. */
class RecordCollector implements CanonicalSink {
  private readonly kept: (CanonicalRecord | null)[] = [];
  private removed = 0;
  add(record: CanonicalRecord): number {
    // A long person_id sliced from a file's text would keep that text alive.
    if (record.personId.length >= 13) record.personId = detached(record.personId);
    return this.kept.push(record) - 1;
  }
  remove(index: number): void {
    if (this.kept[index] !== null) this.removed++;
    this.kept[index] = null;
  }
  nameOffices(names: Map<string, string>): void {
    for (const record of this.kept) if (record !== null) record.office = names.get(record.office) ?? record.office;
  }
  records(): CanonicalRecord[] {
    return this.removed === 0 ? (this.kept as CanonicalRecord[]) : this.kept.filter((r): r is CanonicalRecord => r !== null);
  }
}

/** Buffer adapter: the same pipeline over bytes already in memory (tests). */
export async function ingestSources(sources: ByteSource[], options: IngestOptions = {}): Promise<IngestResult> {
  const sink = new RecordCollector();
  const summary = await ingestInputs(
    sources.map((source) => ({
      name: source.name,
      inFolder: false,
      open: async () => memorySourceOf(source.name, source.bytes),
    })),
    options,
    sink,
    [],
  );
  return { records: sink.records(), ...summary };
}

/** String adapter: one decoded text, as if read from a file called `name`. */
export async function ingestText(name: string, text: string, options: IngestOptions = {}): Promise<IngestResult> {
  const sink = new RecordCollector();
  const summary = await ingestInputs([{ name, inFolder: false, open: async () => ({ source: text, compression: null }) }], options, sink, []);
  return { records: sink.records(), ...summary };
}

interface Input {
  name: string;
  /** Found in a folder (a .txt there without a header is skipped rather than refused). */
  inFolder: boolean;
  /** Its bytes, read as the reader asks (or a decoded text, for ingestText). */
  open(): Promise<{ source: InputBytes | string; compression: FileSummary['compression'] }>;
}

const READERS = ['stream', 'fast', 'csv-parse'] as const;

/** Reader chosen by IngestOptions.reader, else HYBRID_EVAL_READER, else the streaming one. */
function chooseReader(options: IngestOptions): (typeof READERS)[number] {
  const fromEnvironment = READERS.find((reader) => reader === process.env.HYBRID_EVAL_READER);
  return options.reader ?? fromEnvironment ?? 'stream';
}

async function ingestInputs(inputs: Input[], options: IngestOptions, sink: CanonicalSink, skipped: IngestSummary['skippedFiles']): Promise<IngestSummary> {
  if (options.encoding !== undefined) checkEncodingLabel(options.encoding);
  const run = new IngestRun(options, sink);
  for (const file of skipped) run.skipFile(file);
  const reader = chooseReader(options);
  for (const [index, input] of inputs.entries()) {
    const { source, compression } = await input.open();
    const lenient = input.inFolder && /\.txt(\.gz)?$/i.test(input.name);
    try {
      let table: Awaited<ReturnType<typeof openTable>>;
      try {
        const open = { encoding: options.encoding, sheet: options.sheet, reader, chunkSize: options.chunkSize };
        table = await openTable(input.name, source, open, run.vocab, lenient);
      } catch (error) {
        if (error instanceof NotAnExport) {
          const skip = { code: 'NO_HEADER', params: { lines: error.lines } } as const;
          run.skipFile({ path: input.name, ...skip, message: skipMessageEn(skip) });
          continue;
        }
        throw error;
      }
      run.readFile(input.name, table, compression, index);
    } finally {
      if (typeof source !== 'string') source.close();
    }
  }
  const summary = run.finish();
  if (summary.files.length === 0) throw new InputError('no export was read: every file was skipped (see above)', 'INPUT_NOT_FOUND');
  return summary;
}
