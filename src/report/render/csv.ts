import type { Lang } from '../i18n.js';
import type { ReportModel } from '../model.js';
import type { ReportDocument } from '../tables.js';

/**
 * One tidy table that a spreadsheet or R reads directly: one line per statistic of
 * every table cell, keyed by `table,row,column,statistic` ids that are the same in
 * every language (an English and a Norwegian file of the same data join on them),
 * then the value (suppressed: ":"), then the table's number and the translated
 * labels. Safe against formula injection (OWASP): a text cell starting with
 * = + - @ tab or CR is prefixed with '. Numbers are written as plain numbers.
 */
export function renderCsv(model: ReportModel, doc: ReportDocument, _options: { lang: Lang }): string {
  const lines = [['table', 'row', 'column', 'statistic', 'value', 'table_number', 'table_title', 'row_label', 'column_label'].join(',')];
  // An INTERNAL report says so on its first line, the banner's words as its label.
  if (doc.banner !== null) lines.push(['report', 'internal', '', 'internal', '1', '', '', textCell(doc.banner), ''].join(','));
  for (const table of doc.tables) {
    for (const [i, row] of table.rows.entries()) {
      const rowLabel = rowLabelOf(table, i);
      row.slice(1).forEach((cell, j) => {
        for (const [statistic, value] of cell.values ?? []) {
          lines.push(
            [
              table.id,
              textCell(table.rowKeys[i]),
              table.columnKeys[j + 1],
              statistic,
              value === null ? ':' : numberCell(value),
              String(table.number),
              textCell(table.title),
              textCell(rowLabel),
              textCell(table.head[j + 1].replace(/\n/g, ' ')),
            ].join(','),
          );
        }
      });
    }
  }
  for (const [statistic, value] of [
    ['minCell', model.disclosureControl.minCell],
    ['suppressedCells', model.disclosureControl.suppressedCells],
  ] as const) {
    lines.push(['report', 'disclosureControl', '', statistic, String(value), '', '', '', ''].join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** A row's label: its first cell; in Table 9, whose label spans a row per group, that label and the group. */
function rowLabelOf(table: ReportDocument['tables'][number], i: number): string {
  if (table.id !== 'timeToOutcome') return table.rows[i][0].text;
  let k = i;
  while (k > 0 && table.rows[k][0].text === '') k--;
  return `${table.rows[k][0].text}, ${table.rows[i][1].text}`;
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
