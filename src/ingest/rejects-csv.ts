import type { RejectedRecord } from './types.js';

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
 * The rejects file for --rejects: file, line, code, field and reason, then each
 * rejected record's raw fields as read (field_1 …). Comma separated, CRLF, every
 * cell from the input neutralised against formula injection.
 */
export function writeRejectsCsv(rejections: RejectedRecord[]): string {
  const width = rejections.reduce((max, r) => Math.max(max, r.raw.length), 0);
  const header = ['file', 'line', 'code', 'field', 'reason'];
  for (let i = 1; i <= width; i++) header.push(`field_${i}`);
  const lines = [header.join(',')];
  for (const r of rejections) {
    const cells = [r.file, String(r.line), r.code, r.field ?? '', r.message, ...r.raw];
    lines.push(cells.map((cell, i) => (i === 1 ? cell : quote(neutraliseFormula(cell)))).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
