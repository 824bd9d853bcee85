import { closeSync, readdirSync, readSync, realpathSync, statSync, openSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { InputError, UsageError } from '../errors.js';
import { skipMessageEn } from './messages.js';
import type { SkippedFile, SkipReason } from './types.js';
import { FileSource, headOf, MemorySource, PipeSource, type ByteSource } from './byteSource.js';
import { checkEncodingLabel } from './decode.js';
import { EncodingWatch } from './encodingWatch.js';
import { GzipSource } from './gzipSource.js';

/** File name endings read from a folder (any letter case). */
const FOLDER_EXTENSIONS = ['.csv', '.tsv', '.txt', '.xlsx', '.xlsm', '.csv.gz', '.tsv.gz', '.txt.gz'];

/** Workbook formats that cannot be read: named in the refusal rather than skipped. */
const UNREADABLE_WORKBOOKS: Record<string, string> = {
  '.xls': 'an Excel 97–2003 workbook (.xls)',
  '.xlsb': 'an Excel binary workbook (.xlsb)',
  '.ods': 'an OpenDocument spreadsheet (.ods)',
  '.numbers': 'a Numbers spreadsheet',
};

/** The inputs named on the command line, folders expanded, and the files in those folders not read. */
export interface InputList {
  files: string[];
  /** Files found in a folder rather than named: a .txt among them without a header is skipped, not refused. */
  inFolder: Set<string>;
  skipped: SkippedFile[];
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Expands folders into their input files, recursively, sorted by path. Every file
 * in a folder is either listed to be read or listed as skipped with its reason:
 * hidden files and folders, Excel/LibreOffice lock files (`~$…`, `.~lock…`), and
 * files of other kinds. `-` is standard input. A file named twice is read once.
 * `exclude` names files this run writes (--out, --rejects): they are skipped as
 * the tool's own output. A workbook that cannot be read (.xls, .ods) is refused.
 */
export function listInputFiles(paths: string[], exclude: string[] = []): InputList {
  if (paths.length === 0) throw new UsageError('no input files or folders given');
  const files: string[] = [];
  const skipped: SkippedFile[] = [];
  const inFolder = new Set<string>();
  const seen = new Set<string>();
  const excluded = new Set(exclude.map((p) => resolve(p)));
  const add = (file: string) => {
    const key = file === '-' ? '-' : resolve(file);
    if (!seen.has(key)) {
      seen.add(key);
      files.push(file);
    }
  };
  for (const path of paths) {
    if (path === '-') {
      add(path);
      continue;
    }
    let isFolder: boolean;
    try {
      isFolder = statSync(path).isDirectory();
    } catch {
      throw new InputError(`${path}: no such file or folder`, 'INPUT_NOT_FOUND');
    }
    if (!isFolder) {
      add(path);
      continue;
    }
    const before = files.length;
    walk(
      path,
      (file, name) => {
        const skip = skipReason(file, name, excluded);
        if (skip !== null) {
          skipped.push({ path: file, ...skip, message: skipMessageEn(skip) });
        } else {
          add(file);
          inFolder.add(file);
        }
      },
      (folder) => {
        const hidden = { code: 'HIDDEN', params: { kind: 'folder' } } as const;
        skipped.push({ path: folder, ...hidden, message: skipMessageEn(hidden) });
      },
    );
    if (files.length === before) {
      throw new InputError(
        `${path}: the folder holds no .csv, .tsv, .txt, .xlsx or .gz files` +
          (skipped.length > 0
            ? ` (skipped: ${skipped
                .filter((s) => s.path.startsWith(path))
                .map((s) => relative(path, s.path))
                .slice(0, 5)
                .join(', ')})`
            : ''),
        'INPUT_NOT_FOUND',
      );
    }
  }
  return { files, inFolder, skipped };
}

/**
 * Visits every file under `folder`, sorted by path; hidden folders are reported,
 * not entered. Symbolic links are followed, each folder entered once (a link back
 * up the tree is not a loop).
 */
function walk(
  folder: string,
  visit: (file: string, name: string) => void,
  hiddenFolder: (folder: string) => void,
  entered = new Set<string>([realpathSync(folder)]),
): void {
  const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => byCodePoint(a.name, b.name));
  for (const entry of entries) {
    const path = join(folder, entry.name);
    let isFolder = entry.isDirectory();
    if (entry.isSymbolicLink()) {
      try {
        isFolder = statSync(path).isDirectory();
      } catch {
        throw new InputError(`${path}: a link to nothing (no such file or folder)`, 'INPUT_NOT_FOUND');
      }
    }
    if (isFolder) {
      if (entry.name.startsWith('.')) {
        hiddenFolder(path);
        continue;
      }
      const real = realpathSync(path);
      if (entered.has(real)) continue;
      entered.add(real);
      walk(path, visit, hiddenFolder, entered);
    } else if (entry.isFile() || entry.isSymbolicLink()) {
      visit(path, entry.name);
    }
  }
}

function skipReason(path: string, name: string, excluded: Set<string>): SkipReason | null {
  const lower = name.toLowerCase();
  if (lower.startsWith('~$') || lower.startsWith('.~lock')) return { code: 'LOCK_FILE', params: {} };
  if (name.startsWith('.')) return { code: 'HIDDEN', params: { kind: 'file' } };
  if (excluded.has(resolve(path))) return { code: 'OWN_OUTPUT', params: { writtenBy: 'thisRun' } };
  for (const [ext, kind] of Object.entries(UNREADABLE_WORKBOOKS)) {
    if (lower.endsWith(ext)) {
      throw new InputError(`${path}: ${kind} cannot be read; save it as .xlsx or CSV, or move it out of the folder`, 'UNREADABLE_FORMAT');
    }
  }
  if (!FOLDER_EXTENSIONS.some((ext) => lower.endsWith(ext))) {
    const dot = lower.lastIndexOf('.');
    return { code: 'NOT_A_DATA_FILE', params: { extension: dot > 0 ? lower.slice(dot) : null } };
  }
  if (isOwnOutput(path)) return { code: 'OWN_OUTPUT', params: { writtenBy: 'earlierRun' } };
  return null;
}

/** First lines of hybrid-eval's own CSV outputs: the tidy report and the --rejects file. */
const OWN_HEADERS = ['table,row,column,statistic,value', 'file,line,code,field,reason'];

function isOwnOutput(path: string): boolean {
  let head: Buffer;
  try {
    const fd = openSync(path, 'r');
    try {
      head = Buffer.alloc(64);
      head = head.subarray(0, readSync(fd, head, 0, 64, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
  const text = head.toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '');
  return OWN_HEADERS.some((h) => text.startsWith(h));
}

/** What the first bytes of an input say it is. */
export type ContentKind = 'gzip' | 'xlsx' | 'text' | { refused: string };

/**
 * Recognises an input by its first bytes, not its name: gzip, an .xlsx workbook
 * (a ZIP holding xl/), other ZIPs, old Office files, PDFs and images, and any
 * other binary content (NUL or control bytes in the first 8 KB, outside UTF-16).
 */
export function sniffContent(bytes: Uint8Array): ContentKind {
  const b = bytes;
  if (b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b) return 'gzip';
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 0x03 || b[2] === 0x05)) {
    const head = Buffer.from(b.buffer, b.byteOffset, Math.min(b.length, 1 << 20)).toString('latin1');
    if (head.includes('xl/')) return 'xlsx';
    if (head.includes('word/')) return { refused: 'a Word document, not a CSV, TSV or Excel file' };
    if (head.includes('content.xml')) return { refused: 'an OpenDocument file, not a CSV, TSV or Excel file (save it as .xlsx or CSV)' };
    return { refused: 'a ZIP archive, not a CSV, TSV or Excel file' };
  }
  if (b.length >= 4 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) {
    return { refused: 'an old Office file (Excel 97–2003 .xls or similar), which cannot be read; save it as .xlsx or CSV' };
  }
  if (b.length >= 4 && b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46) return { refused: 'a PDF, not a CSV, TSV or Excel file' };
  const utf16 = b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff));
  if (!utf16) {
    const n = Math.min(b.length, 8192);
    let control = 0;
    let nulAtOdd = 0;
    let nulAtEven = 0;
    for (let i = 0; i < n; i++) if (b[i] === 0) i % 2 === 0 ? nulAtEven++ : nulAtOdd++;
    if (nulAtOdd + nulAtEven > 0 && Math.max(nulAtOdd, nulAtEven) * 4 > n && Math.min(nulAtOdd, nulAtEven) === 0) {
      return {
        refused:
          'UTF-16 text without a byte-order mark, which cannot be told apart from binary data; save it as UTF-8 (or as Excel "Unicode text", which has the mark)',
      };
    }
    for (let i = 0; i < n; i++) {
      const c = b[i];
      if (c === 0) return { refused: 'binary data (it holds NUL bytes), not a CSV, TSV or Excel file' };
      if (c < 9 || (c > 13 && c < 32 && c !== 27)) control++;
    }
    if (control > 0 && control * 100 > n) return { refused: 'binary data, not a CSV, TSV or Excel file' };
  }
  return 'text';
}

/**
 * A file or standard input (`-`) as a byte source. A regular file is read in
 * pieces as the reader asks, and a gzip file is inflated in pieces as it is read
 * (GzipSource). Standard input and other pipes cannot be read twice: one is read
 * in pieces once (PipeSource), its encoding decided as it goes (EncodingWatch)
 * unless `encoding` names it. A gzip pipe, or one in an encoding the streaming
 * reader does not decode (UTF-16), is held in memory (compressed, when gzip).
 */
export async function openInputSource(path: string, encoding?: string): Promise<{ source: ByteSource; compression: 'gzip' | null }> {
  const name = path === '-' ? '<stdin>' : path;
  let fd = 0;
  if (path !== '-') {
    let file: FileSource;
    try {
      file = new FileSource(name, path);
    } catch (error) {
      throw unreadable(path, error);
    }
    if (file.regular) {
      if (sniffContent(headOf(file, 2)) !== 'gzip') return { source: file, compression: null };
      file.close();
      return { source: new GzipSource(name, { path }, file.size), compression: 'gzip' };
    }
    fd = file.detach();
  }
  // Without an encoding given, a pipe's is decided as it is read (EncodingWatch).
  const pipe = new PipeSource(name, fd, path !== '-', encoding === undefined ? new EncodingWatch() : null);
  try {
    const gzip = sniffContent(headOf(pipe, 2)) === 'gzip';
    if (!gzip && (encoding === undefined || STREAMED_ENCODINGS.has(checkEncodingLabel(encoding)))) return { source: pipe, compression: null };
    const bytes = pipe.readAll();
    pipe.close();
    return memorySourceOf(name, bytes);
  } catch (error) {
    pipe.close();
    throw error;
  }
}

/** Forced encodings under which a pipe is read in pieces (chooseByteEncoding needs no pass over them). */
const STREAMED_ENCODINGS = new Set(['utf-8', 'windows-1252']);

function unreadable(path: string, error: unknown): InputError {
  return new InputError(`${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`, 'INPUT_UNREADABLE');
}

/** Bytes in memory as a byte source, inflated as they are read when they are gzip (the buffer adapter, standard input). */
export function memorySourceOf(name: string, bytes: Uint8Array): { source: ByteSource; compression: 'gzip' | null } {
  if (sniffContent(bytes) === 'gzip') return { source: new GzipSource(name, { bytes }, bytes.length), compression: 'gzip' };
  return { source: new MemorySource(name, bytes), compression: null };
}
