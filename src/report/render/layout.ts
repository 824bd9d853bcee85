import type { ReportTable } from '../tables.js';

/** Display width of a string in a monospace terminal (combining marks take no column). */
export function displayWidth(text: string): number {
  return [...text.normalize('NFC')].filter((ch) => !/\p{M}/u.test(ch)).length;
}

export function pad(text: string, width: number, align: 'l' | 'r'): string {
  const gap = Math.max(0, width - displayWidth(text));
  return align === 'l' ? text + ' '.repeat(gap) : ' '.repeat(gap) + text;
}

/** Column widths that fit the table's text. */
export function columnWidths(table: ReportTable): number[] {
  return table.head.map((h, j) => Math.max(...h.split('\n').map(displayWidth), ...table.rows.map((r) => displayWidth(r[j]?.text ?? ''))));
}

/** Lines of a table head; a head may hold '\n' to take two lines. */
export function headLines(head: string[]): string[][] {
  const depth = Math.max(...head.map((h) => h.split('\n').length));
  return Array.from({ length: depth }, (_, i) =>
    head.map((h) => {
      const parts = h.split('\n');
      return parts[i - (depth - parts.length)] ?? '';
    }),
  );
}
