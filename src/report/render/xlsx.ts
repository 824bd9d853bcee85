import writeXlsxFile, { type Cell, type CellObject, type Row } from 'write-excel-file/node';
import { rejectedField, rejectionMessage } from '../inputMessages.js';
import { findElement, getSelfClosingTagMarkup, prependMarkupInsideElement, replaceElement } from 'write-excel-file/utility';
import { formatNumber, SUPPRESSED, UNDEFINED } from '../format.js';
import type { Lang, Words } from '../i18n.js';
import type { ReportModel } from '../model.js';
import type { ReportDocument, ReportTable, TableCell } from '../tables.js';
import type { RenderContext } from './formats.js';
import { packageTime, stampZipEntries } from './zipTimes.js';

/**
 * One Excel workbook: a sheet per numbered table (title, frozen header, rows, footnotes)
 * and a notes sheet. Every statistic is a number cell of its own, stored at full
 * precision with a number format that rounds it as the report does; Excel shows the
 * decimal separator of the reader's machine. Hidden values are the text ":", undefined
 * ones "–". Text from input files is written as text cells, never as formulas.
 */
export async function renderXlsx(model: ReportModel, doc: ReportDocument, context: RenderContext): Promise<Uint8Array> {
  const sheets: Sheet[] = [...doc.tables.map((table) => tableSheet(table, doc, context.lang)), notesSheet(model, doc)];
  // Excel's own default font; LibreOffice substitutes a font of the same widths.
  const bytes = await writeXlsxFile(sheets, { fontFamily: 'Calibri', fontSize: 11, features: [fitToPageWidth] }).toBuffer();
  // Dated 1980-01-01, the earliest time a zip entry can hold.
  return stampZipEntries(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), packageTime(undefined));
}

/** A sheet and its options (the last overload of writeXlsxFile takes a list of them). */
type Sheet = Parameters<typeof writeXlsxFile>[0][number];
type WorkbookFeature = NonNullable<NonNullable<Parameters<typeof writeXlsxFile>[1]>['features']>[number];

/**
 * Printed (and converted to PDF), each sheet is scaled to the width of one landscape
 * page, so a table's columns stay together; it runs on over as many pages as it needs.
 * ECMA-376 part 1, 18.3.1.65 (pageSetUpPr fitToPage) and 18.3.1.63 (pageSetup fitToWidth,
 * fitToHeight 0: as many pages as needed).
 */
const fitToPageWidth: WorkbookFeature = {
  files: {
    transform: {
      'xl/worksheets/sheet{id}.xml': {
        transform: (xml) => {
          const pageSetup = findElement(xml, 'pageSetup');
          if (pageSetup === undefined) return xml;
          const fitted = replaceElement(
            xml,
            pageSetup,
            getSelfClosingTagMarkup('pageSetup', { ...pageSetup.openingTagAttributes, fitToWidth: 1, fitToHeight: 0 }),
          );
          // sheetPr is the first child of a worksheet.
          return prependMarkupInsideElement(fitted, findElement(fitted, 'worksheet')!, '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
        },
      },
    },
  },
};

/** Excel's limits on a sheet name: at most 31 characters, none of [ ] : * ? / \. */
export function sheetName(text: string): string {
  return [...text.replace(/[[\]:*?/\\]/g, ' ').trim()].slice(0, 31).join('').trim();
}

/** Columns in characters: the widest text, within limits (titles and footnotes wrap over the whole table). */
const MIN_WIDTH = 6;
const MAX_WIDTH = 64;

/** Decimals of statistics the report always shows alike; counts are whole numbers with thousands. */
const DECIMALS: Record<string, number> = { percent: 1, differencePp: 1, mddPp: 1, mean: 1, sd: 1, statistic: 2, smd: 2, smdWeighted: 2 };
const COUNTS = new Set(['count', 'n', 'atRisk']);
/** Statistics whose columns are named by their own words rather than by the report's column head. */
const LIMITS = new Set(['ciLow', 'ciHigh', 'pValue']);

/** A column of the sheet: one statistic position (slot) of one column of the report's table. */
interface SheetColumn {
  source: number;
  slot: number;
  header: string;
}

/**
 * The report shows several statistics in one cell ("45.2 (40.1–50.3)"): each gets a
 * column of its own. A report column splits into as many columns as its fullest cell
 * has statistics; the first keeps the column's head (without "(95% CI)"), the others
 * are named after what they hold.
 */
export function sheetColumns(table: ReportTable, w: Words): SheetColumn[] {
  const label = (statistic: string, k: number, head: string) =>
    statistic === 'ciLow'
      ? w.ciLower
      : statistic === 'ciHigh'
        ? w.ciUpper
        : statistic === 'pValue'
          ? 'p'
          : statistic === 'sd'
            ? w.sdShort
            : statistic === 'percent'
              ? '%'
              : k === 0
                ? head
                : w.estimate;
  return table.head.flatMap((rawHead, j) => {
    const head = rawHead.replace(/\n/g, ' ');
    const slots = Math.max(1, ...table.rows.map((row) => row[j]?.values?.length ?? 0));
    if (slots === 1) return [{ source: j, slot: 0, header: head }];
    const bare = head.replace(`(${w.ci})`, '').replace(/\s+/g, ' ').trim();
    return Array.from({ length: slots }, (_, k) => {
      const statistics = [...new Set(table.rows.flatMap((row) => (row[j]?.values?.[k] === undefined ? [] : [row[j].values![k][0]])))];
      const words = [...new Set(statistics.map((s) => label(s, k, bare)))].join(' / ');
      const header = statistics.every((s) => LIMITS.has(s)) ? words : k === 0 ? bare : `${bare}, ${words}`;
      return { source: j, slot: k, header };
    });
  });
}

function tableSheet(table: ReportTable, doc: ReportDocument, lang: Lang): Sheet {
  const w = doc.words;
  const columns = sheetColumns(table, w);
  const right = (c: SheetColumn) => table.align[c.source] === 'r';
  const rows: Row[] = table.rows.map((row, i) => {
    const rule = table.ruleAfter?.includes(i) && i < table.rows.length - 1 ? { bottomBorderStyle: 'thin' as const } : {};
    const rowText = row.map((cell) => cell.text).join(' ');
    return columns.map((c) => withStyle(sheetCell(row[c.source], c.slot, right(c), lang, rowText), rule));
  });
  // A head wraps onto two or three lines rather than widen a column of short numbers.
  const widths = columnWidths(rows, columns.length).map((width, j) => {
    const head = columns[j].header;
    const longestWord = Math.max(...head.split(' ').map((word) => [...word].length));
    return Math.min(MAX_WIDTH, Math.max(width, longestWord + 2, Math.ceil([...head].length / 2) + 1));
  });
  const headLines = Math.max(...columns.map((c, j) => wrappedLines(c.header, widths[j] - 1)));
  const headRow: Row = columns.map((c) =>
    text(c.header, {
      fontWeight: 'bold',
      bottomBorderStyle: 'thin',
      wrap: true,
      alignVertical: 'bottom',
      ...(right(c) ? { align: 'right' } : {}),
      ...(headLines > 1 ? { height: headLines * LINE_HEIGHT } : {}),
    }),
  );
  const title = `${w.table} ${table.number}. ${table.title}`;
  const titleRow =
    doc.banner === null
      ? paragraph(title, widths, { fontWeight: 'bold' })
      : paragraph(`*** ${doc.banner} *** ${title}`, widths, { fontWeight: 'bold', textColor: '#C00000' });
  const footnotes: Row[] = table.footnotes.length === 0 ? [] : [[null], ...table.footnotes.map((f) => paragraph(f, widths))];
  return {
    sheet: sheetName(`${w.table} ${table.number}`),
    data: [titleRow, headRow, ...wrapLongText(rows, widths), ...footnotes],
    columns: widths.map((width) => ({ width })),
    stickyRowsCount: 2,
    orientation: 'landscape',
  };
}

/** One statistic of a report cell: a number, ":" (hidden) or "–" (undefined); a cell without statistics keeps its text. */
function sheetCell(cell: TableCell | undefined, slot: number, right: boolean, lang: Lang, rowText: string): Cell {
  if (cell === undefined) return null;
  if (cell.values === undefined) {
    if (slot > 0 || cell.text === '') return null;
    // A number the report shows without a statistic behind it (the 100.0 % base of Table 2).
    const shown = right ? numberShown(cell.text, lang) : null;
    return shown === null ? text(cell.text, right ? { align: 'right' } : {}) : number(shown.value, decimalFormat(shown.decimals));
  }
  const entry = cell.values[slot];
  if (entry === undefined) return null;
  const [statistic, value] = entry;
  // A cell the report hides shows none of its statistics.
  if (cell.text === SUPPRESSED) return text(SUPPRESSED, { align: 'right' });
  if (value === null || !Number.isFinite(value)) return text(nullMark(cell.text), { align: 'right' });
  // An interval the report leaves out (one limit undefined) is rounded as the row's estimate.
  return number(value, numberFormat(statistic, /\d/.test(cell.text) ? cell.text : rowText, lang));
}

/** ":" where the report shows the value hidden (alone or in brackets, "53 (:)"), else "–" (undefined, or not shown). */
function nullMark(text: string): string {
  return /(^|[\s(])[:]([\s)]|$)/.test(text) ? SUPPRESSED : UNDEFINED;
}

/**
 * Excel number formats, written as in the report: one decimal for percentages and
 * percentage points, two for ratios and test statistics, three for p (with "< 0.001"
 * for smaller p, in the report's decimal separator), whole counts with thousands.
 */
function numberFormat(statistic: string, shownText: string, lang: Lang): string {
  if (COUNTS.has(statistic)) return '#,##0';
  if (statistic === 'pValue') return `[<0.001]"< ${formatNumber(0.001, 3, lang)}";0.000`;
  // An estimate and its interval are percentage points or a ratio: as many decimals as the report shows.
  return decimalFormat(DECIMALS[statistic] ?? decimalsShown(shownText, lang) ?? 2);
}

function decimalFormat(decimals: number): string {
  return decimals === 0 ? '#,##0' : `0.${'0'.repeat(decimals)}`;
}

/** Decimals of the first number in a report cell's text ("1,57 (0,52; 4,74)" → 2). */
function decimalsShown(text: string, lang: Lang): number | null {
  const match = (lang === 'en' ? /\d+(?:\.(\d+))?/ : /\d+(?:,(\d+))?/).exec(text);
  return match === null ? null : (match[1]?.length ?? 0);
}

/** A cell's text when it is one number in the report's language ("2,408.5", "2 408,5", "−3,1"), else null. */
function numberShown(text: string, lang: Lang): { value: number; decimals: number } | null {
  const match = (lang === 'en' ? /^(-?)(\d{1,3}(?:,\d{3})*|\d+)(?:\.(\d+))?$/ : /^([−-]?)(\d{1,3}(?:\u2009\d{3})*|\d+)(?:,(\d+))?$/).exec(text);
  if (match === null) return null;
  const value = Number(`${match[1] === '' ? '' : '-'}${match[2].replace(/[,\u2009]/g, '')}.${match[3] ?? '0'}`);
  return { value, decimals: match[3]?.length ?? 0 };
}

function notesSheet(model: ReportModel, doc: ReportDocument): Sheet {
  const w = doc.words;
  const bold = { fontWeight: 'bold' } as const;
  const rejections = model.input.rejections;
  const rejectedTable: Row[] =
    rejections.length === 0
      ? []
      : [
          [w.file, w.rejectionLine, w.rejectionField, w.rejectionCode, w.rejectionMessage].map((h, i) =>
            text(h, { ...bold, bottomBorderStyle: 'thin', ...(i === 1 ? { align: 'right' } : {}) }),
          ),
          ...rejections.map((r) => [
            text(r.file),
            number(r.line, '0'),
            text(r.field === null ? '' : rejectedField(r.field, doc.lang)),
            text(r.code),
            text(rejectionMessage(r, doc.lang)),
          ]),
        ];
  // The rejected rows' table sets the widths, with room for the paragraphs above it.
  const widths = rejectedTable.length === 0 ? [NOTES_WIDTH] : columnWidths(rejectedTable);
  if (widths.reduce((a, b) => a + b, 0) < NOTES_WIDTH) widths[widths.length - 1] += NOTES_WIDTH - widths.reduce((a, b) => a + b, 0);
  const data: Row[] = [
    paragraph(doc.title, widths, bold),
    ...(doc.banner === null ? [] : [paragraph(doc.banner, widths, { fontWeight: 'bold', textColor: '#C00000' })]),
    paragraph(doc.summary, widths, bold),
    [null],
    ...doc.notes.map((note) => paragraph(note, widths)),
    ...(doc.warnings.length === 0 ? [] : [[null], paragraph(w.warnings, widths, bold), ...doc.warnings.map((x) => paragraph(x, widths))]),
    ...(rejections.length === 0 ? [] : [[null], paragraph(`${w.rejectedRows} (${rejections.length})`, widths, bold), ...wrapLongText(rejectedTable, widths)]),
  ];
  return { sheet: sheetName(w.notes), data, columns: widths.map((width) => ({ width })), orientation: 'landscape' };
}

/** The notes sheet is at least this wide, in characters. */
const NOTES_WIDTH = 100;
/** Calibri 11's line height, in points. */
const LINE_HEIGHT = 15;

/**
 * A paragraph (a title, a footnote, a note) over the whole width of the table above or
 * below it, wrapped. Excel does not fit a merged row's height to its text, so the
 * height is counted here: a word-wrap at the width in characters, which an average
 * character is narrower than.
 */
function paragraph(value: string, widths: number[], style: Style = {}): Row {
  const lines = wrappedLines(
    value,
    widths.reduce((a, b) => a + b, 0),
  );
  const cell = text(value, {
    ...style,
    wrap: true,
    alignVertical: 'top',
    ...(widths.length > 1 ? { columnSpan: widths.length } : {}),
    ...(lines > 1 ? { height: lines * LINE_HEIGHT } : {}),
  });
  return [cell, ...widths.slice(1).map(() => null)];
}

type Style = Omit<CellObject, 'value' | 'type' | 'format'>;

/** Text from the report or its input: always a text cell, so "=…" stays text and is never a formula. */
function text(value: string, style: Style = {}): CellObject {
  return { value, type: String, ...style };
}

function number(value: number, format: string): CellObject {
  return { value, type: Number, format };
}

function withStyle(cell: Cell, style: Style): Cell {
  if (Object.keys(style).length === 0) return cell;
  return cell === null || cell === undefined ? { ...style } : { ...(cell as CellObject), ...style };
}

/** Text cells wider than their column (a long label or path) wrap, in a row as high as they need. */
function wrapLongText(rows: Row[], widths: number[]): Row[] {
  return rows.map((row) => {
    const lines = Math.max(
      1,
      ...row.map((cell, j) => {
        const value = (cell as CellObject | null)?.value;
        return typeof value === 'string' && [...value].length + 2 > widths[j] ? wrappedLines(value, widths[j] - 1) : 1;
      }),
    );
    if (lines === 1) return row;
    return row.map((cell, j) => {
      const value = (cell as CellObject | null)?.value;
      const wrap = typeof value === 'string' && [...value].length + 2 > widths[j] ? { wrap: true } : {};
      return withStyle(cell, { ...wrap, alignVertical: 'top', height: lines * LINE_HEIGHT });
    });
  });
}

/** Lines a text takes word-wrapped at `width` characters (a word longer than a line is broken). */
function wrappedLines(value: string, width: number): number {
  let lines = 1;
  let used = 0;
  for (const word of value.split(' ')) {
    const length = [...word].length;
    if (used > 0 && used + 1 + length > width) {
      lines++;
      used = length;
    } else used += (used > 0 ? 1 : 0) + length;
    while (used > width) {
      lines++;
      used -= width;
    }
  }
  return lines;
}

/** Width of each column from the longest text shown in it (numbers as formatted, roughly). */
function columnWidths(rows: Row[], count = 0): number[] {
  const widths: number[] = new Array<number>(count).fill(MIN_WIDTH);
  for (const row of rows) {
    row.forEach((cell, j) => {
      const shown = widthOf(cell);
      widths[j] = Math.max(widths[j] ?? MIN_WIDTH, Math.min(MAX_WIDTH, shown + 2));
    });
  }
  return widths;
}

function widthOf(cell: Cell): number {
  if (cell === null || cell === undefined) return 0;
  const c = cell as CellObject;
  if (typeof c.value === 'number') {
    const decimals = /\.(0+)/.exec(c.format ?? '')?.[1].length ?? 0;
    return formatNumber(c.value, decimals, 'en').length + (c.format?.startsWith('[<') ? 2 : 0);
  }
  return [...String(c.value ?? '')].length;
}
