import type { IngestResult } from '../ingest/types.js';
import { inputBlock } from '../report/inputBlock.js';
import { renderJson } from '../report/render/json.js';
import type { Io } from './io.js';
import { readInputs } from './readInputs.js';
import type { ValidateOptions } from './validate.js';

/** The validate command's work: read every file, print what was found and every rejection. */
export async function runValidate(paths: string[], options: ValidateOptions, io: Io, setExit: (code: number) => void): Promise<void> {
  const result = await readInputs(paths, { ...options, strict: false, announceRejections: false }, io);
  io.stdout(options.format === 'json' ? renderJson({ input: inputBlock(result) }) : validationText(result));
  setExit(options.strict && result.rowsRejected > 0 ? 1 : 0);
}

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

function validationText(result: IngestResult): string {
  const lines: string[] = [];
  for (const f of result.files) {
    lines.push(`${f.path}`);
    lines.push(
      `  encoding ${f.encoding}, delimiter ${DELIMITER_NAMES[f.delimiter] ?? JSON.stringify(f.delimiter)}, header language ${f.headerLanguage}`,
    );
    const mapped = f.columns.map((c) => (c.canonical === null ? `${c.header} (ignored)` : c.header === c.canonical ? c.header : `${c.header} → ${c.canonical}`));
    lines.push(`  columns: ${mapped.join(', ')}`);
    lines.push(
      `  rows read ${f.rowsRead}, accepted ${f.rowsAccepted}, rejected ${f.rowsRejected}, duplicates collapsed ${f.duplicateRows}`,
    );
  }
  lines.push('');
  lines.push(
    `Total: rows read ${result.rowsRead} = accepted ${result.rowsAccepted} + rejected ${result.rowsRejected} + duplicates ${result.duplicateRows}`,
  );
  if (result.allowedColumns.length > 0) {
    lines.push(`Columns declared safe from the personal-data scan (--allow-column): ${result.allowedColumns.join(', ')}`);
  }
  if (result.rejections.length > 0) {
    lines.push('');
    lines.push('Rejected rows:');
    for (const r of result.rejections) {
      lines.push(`  ${r.file}:${r.line}${r.field === null ? '' : ` [${r.field}]`} ${r.code}: ${r.message}`);
    }
  }
  return lines.join('\n') + '\n';
}
