import type { Lang } from '../i18n.js';
import type { ReportModel } from '../model.js';
import type { ReportDocument } from '../tables.js';

/**
 * One tidy table, `table,row,column,statistic,value`, that a spreadsheet or R reads
 * directly: one line per statistic of every table cell; suppressed values are ":".
 * Safe against formula injection (OWASP): a text cell starting with = + - @ tab or
 * CR is prefixed with '. Numeric values are written as plain numbers, never prefixed.
 */
export function renderCsv(model: ReportModel, doc: ReportDocument, _options: { lang: Lang }): string {
  const lines = [['table', 'row', 'column', 'statistic', 'value'].join(',')];
  if (doc.banner !== null) lines.push(['0', 'banner', '', 'text', textCell(doc.banner)].join(','));
  for (const table of doc.tables) {
    for (const [i, row] of table.rows.entries()) {
      const rowLabel = table.rowKeys?.[i] ?? row[0].text;
      row.slice(1).forEach((cell, j) => {
        for (const [statistic, value] of cell.values ?? []) {
          lines.push(
            [String(table.number), textCell(rowLabel), textCell(table.head[j + 1].replace(/\n/g, ' ')), statistic, value === null ? ':' : numberCell(value)].join(','),
          );
        }
      });
    }
  }
  lines.push(['0', 'disclosureControl', '', 'minCell', String(model.disclosureControl.minCell)].join(','));
  lines.push(['0', 'disclosureControl', '', 'suppressedCells', String(model.disclosureControl.suppressedCells)].join(','));
  return lines.join('\r\n') + '\r\n';
}

/** Text from input files or labels: neutralised, then quoted when needed (RFC 4180). */
export function textCell(text: string): string {
  const safe = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Full precision, as JavaScript writes doubles; R reads it back exactly. */
function numberCell(value: number): string {
  return Number.isFinite(value) ? String(value) : ':';
}
