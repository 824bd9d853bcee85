import type { Place } from '../ingest/types.js';
import { inputBlock, type InputBlock } from '../report/inputBlock.js';
import { renderJson } from '../report/render/json.js';
import type { Io } from './io.js';
import { checkRejectedShare, discardingSink, readInputsInto } from './readInputs.js';
import { InputError } from '../errors.js';
import type { ValidateOptions } from './validate.js';

/** The validate command's work: read every file, print what was found and every rejection. */
export async function runValidate(paths: string[], options: ValidateOptions, io: Io, setExit: (code: number) => void): Promise<void> {
  const result = await readInputsInto(paths, { ...options, announceRejections: false }, io, discardingSink());
  const input = inputBlock(result);
  io.stdout(options.format === 'json' ? renderJson({ input }) : validationText(input));
  // The same limit as the report's (--max-rejected, --strict), checked after printing what was found.
  try {
    checkRejectedShare(result, options);
    setExit(0);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    io.stderr(`hybrid-eval: ${error.message.replace('; no report written', '')}\n`);
    setExit(1);
  }
}

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const rows = (n: number) => plural(n, 'row', 'rows');
const place = (p: Place) => `${p.file}:${p.line}`;

/**
 * What validate prints for people, from the same `input` block that `--format json`
 * prints: per file what was detected, the accounting, and everything skipped,
 * merged, read as missing or rejected.
 */
export function validationText(result: InputBlock): string {
  const lines: string[] = [];
  for (const f of result.files) {
    const unit = f.format === 'xlsx' ? 'row' : 'line';
    lines.push(`${f.path}`);
    const format = `${f.format}${f.compression === null ? '' : ` (${f.compression})`}`;
    const detected =
      f.format === 'xlsx'
        ? `${format}${f.sheet === null ? '' : `, sheet ${JSON.stringify(f.sheet)}`}, header language ${f.headerLanguage}`
        : `${format}, encoding ${f.encoding}, delimiter ${DELIMITER_NAMES[f.delimiter] ?? JSON.stringify(f.delimiter)}, header language ${f.headerLanguage}`;
    lines.push(`  ${detected}`);
    const skipped = f.headerLine === 2 ? `${unit} 1` : `${unit}s 1–${f.headerLine - 1}`;
    lines.push(`  header on ${unit} ${f.headerLine}${f.headerLine > 1 ? ` (${skipped} skipped before it${f.sepLine ? '; line 1 is a sep= line' : ''})` : ''}`);
    const mapped = f.columns.map((c) =>
      c.canonical === null ? `${c.header} (ignored)` : c.header === c.canonical ? c.header : `${c.header} → ${c.canonical}`,
    );
    lines.push(`  columns: ${mapped.join(', ')}`);
    lines.push(`  rows read ${f.rowsRead}, accepted ${f.rowsAccepted}, rejected ${f.rowsRejected}, duplicates collapsed ${f.duplicateRows}`);
  }
  lines.push('');
  lines.push(`Total: rows read ${result.rowsRead} = accepted ${result.rowsAccepted} + rejected ${result.rowsRejected} + duplicates ${result.duplicateRows}`);
  lines.push(
    result.idScope === 'office'
      ? 'Person identity: office + person_id (--id-scope office); the same person_id in two offices is two persons.'
      : 'Person identity: person_id alone, across offices (--id-scope global).',
  );
  if (result.allowedColumns.length > 0) {
    lines.push(`Columns declared safe from the personal-data scan (--allow-column): ${result.allowedColumns.join(', ')}`);
  }
  const section = (title: string, count: number, body: string[]) => {
    if (count > 0) lines.push('', `${title} (${count}):`, ...body);
  };
  section(
    'Files not read',
    result.skippedFiles.length,
    result.skippedFiles.map((s) => `  ${s.path}: ${s.message} [${s.code}]`),
  );
  section(
    'Office spellings merged',
    result.officeSpellings.length,
    result.officeSpellings.map((o) => {
      const main = o.spellings.find((s) => s.spelling === o.name);
      const others = o.spellings.filter((s) => s.spelling !== o.name).map((s) => `${JSON.stringify(s.spelling)} (${rows(s.rows)})`);
      return `  ${JSON.stringify(o.name)}${main === undefined ? '' : ` (${rows(main.rows)})`} also written ${others.join(', ')}`;
    }),
  );
  section(
    'Notices',
    result.notices.length,
    // Each message already says how many and where first.
    result.notices.map((n) => `  ${n.code}${n.column === null ? '' : ` [${n.column}]`}: ${n.message}`),
  );
  const labelColumns = [...new Set(result.unknownLabels.map((u) => u.column))];
  section(
    'Unknown labels',
    result.unknownLabels.length,
    labelColumns.flatMap((column) => [
      `  ${column}:`,
      ...result.unknownLabels
        .filter((u) => u.column === column)
        .map(
          (u) =>
            `    ${JSON.stringify(u.label)}: ${rows(u.count)}, first ${place(u.first)}, ` +
            (u.effect === 'rejected' ? 'rejected (add it with --mapping)' : 'counted as missing'),
        ),
    ]),
  );
  section(
    'Rejected rows',
    result.rejections.length,
    result.rejections.map((r) => `  ${r.file}:${r.line}${r.field === null ? '' : ` [${r.field}]`} ${r.code}: ${r.message}`),
  );
  return `${lines.join('\n')}\n`;
}
