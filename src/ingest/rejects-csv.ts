import { CANONICAL_COLUMNS, type RejectedRecord } from './types.js';

/** First characters that make a spreadsheet read a cell as a formula (OWASP), incl. full-width forms. */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** Prefixes `'` to a cell a spreadsheet would run as a formula (OWASP CSV injection). */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/**
 * The rejects file for --rejects: file, line, code, field and reason, then the
 * row's cells of the canonical columns (person_id … end_date) as read; a column
 * the file does not have is empty. Unmapped columns (comments, free text) are never
 * written. Comma separated, CRLF, every cell from the input neutralised against
 * formula injection.
 */
export function writeRejectsCsv(rejections: RejectedRecord[]): string {
  const header = ['file', 'line', 'code', 'field', 'reason', ...CANONICAL_COLUMNS];
  const lines = [header.join(',')];
  for (const r of rejections) {
    const cells = [r.file, String(r.line), r.code, r.field ?? '', r.message, ...r.cells.map((c) => c ?? '')];
    lines.push(cells.map((cell, i) => (i === 1 ? cell : quote(neutraliseFormula(cell)))).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
