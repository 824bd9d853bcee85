import { Chalk } from 'chalk';
import type { Lang } from '../i18n.js';
import type { ReportModel } from '../model.js';
import type { ChartGroup, ReportDocument, ReportTable } from '../tables.js';
import { formatCount, formatNumber, SUPPRESSED } from '../format.js';
import { TIME_WORDS } from '../i18nTime.js';
import { rejectedField, rejectionMessage } from '../inputMessages.js';
import type { IncidenceCurve } from '../timeTables.js';
import { columnWidths, displayWidth, headLines, pad } from './layout.js';

export interface TextOptions {
  lang: Lang;
  colourLevel: 0 | 1 | 2 | 3;
}

/** Widest line the text report writes. */
export const TEXT_WIDTH = 100;
const BLOCKS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** The report for a terminal: numbered tables, footnotes, a bar chart; colour only when asked. */
export function renderText(model: ReportModel, doc: ReportDocument, options: TextOptions): string {
  const c = new Chalk({ level: options.colourLevel });
  const out: string[] = [];
  out.push(c.bold(doc.title));
  out.push('═'.repeat(Math.min(TEXT_WIDTH, displayWidth(doc.title))));
  if (doc.banner !== null) out.push('', c.bold.red(`*** ${doc.banner} ***`));
  out.push('', ...wrap(doc.summary, TEXT_WIDTH).map((l) => c.bold(l)));
  out.push('', ...wrap(doc.notes[0], TEXT_WIDTH));
  for (const table of doc.tables) {
    out.push('', ...renderTable(table, doc, c));
    if (table.id === 'outcomes') out.push('', ...barChart(doc.chart, doc, c));
    if (table.id === 'timeToOutcome') out.push('', ...curveChart(doc.curves, doc, c));
  }
  if (doc.notes.length > 1) {
    out.push('', c.bold(doc.words.notes));
    for (const note of doc.notes.slice(1)) out.push(...wrap(note, TEXT_WIDTH));
  }
  if (model.input.rejections.length > 0) {
    out.push('', c.bold(`${doc.words.rejectedRows} (${model.input.rejections.length})`));
    for (const r of model.input.rejections.slice(0, 20)) {
      out.push(
        ...wrap(
          `${r.file}:${r.line}${r.field === null ? '' : ` [${rejectedField(r.field, options.lang)}]`} ${r.code}: ${rejectionMessage(r, options.lang)}`,
          TEXT_WIDTH,
          '  ',
        ),
      );
    }
    if (model.input.rejections.length > 20) out.push(`  ${doc.words.moreRejectedRows(model.input.rejections.length - 20)}`);
  }
  if (doc.warnings.length > 0) {
    out.push('', c.bold.yellow(doc.words.warnings));
    for (const warning of doc.warnings) out.push(...wrap(warning, TEXT_WIDTH, '  '));
  }
  if (doc.banner !== null) out.push('', c.bold.red(`*** ${doc.banner} ***`));
  return `${out.join('\n')}\n`;
}

function renderTable(full: ReportTable, doc: ReportDocument, c: InstanceType<typeof Chalk>): string[] {
  // File paths can be long: keep their ends, which name the files.
  const table = full.id === 'sources' ? { ...full, rows: full.rows.map((r) => [{ text: shortenPath(r[0].text, 36) }, ...r.slice(1)]) } : full;
  const widths = columnWidths(table);
  const line = (cells: string[]) =>
    cells
      .map((text, j) => pad(text, widths[j], table.align[j]))
      .join('  ')
      .trimEnd();
  const total = widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
  const rule = '─'.repeat(Math.min(TEXT_WIDTH, total));
  const out = [c.bold(`${doc.words.table} ${table.number}. ${table.title}`), rule, ...headLines(table.head).map((h) => c.bold(line(h))), rule];
  table.rows.forEach((row, i) => {
    const text = line(row.map((cell) => cell.text));
    out.push(text.includes(SUPPRESSED) ? text.replace(/(^|\s):(?=\s|$)/g, (m) => c.dim(m)) : text);
    if (table.ruleAfter?.includes(i) && i < table.rows.length - 1) out.push(c.dim(rule));
  });
  out.push(rule);
  for (const note of table.footnotes) out.push(...wrap(note, TEXT_WIDTH, '  ', '¹ '.slice(0, 0)));
  return out;
}

/** Horizontal bars of outcome shares per group, in Unicode eighth blocks. */
function barChart(chart: ChartGroup[], doc: ReportDocument, c: InstanceType<typeof Chalk>): string[] {
  const width = 40;
  const labelWidth = Math.max(...chart.flatMap((g) => g.shares.map((s) => displayWidth(s.label))));
  const groupWidth = Math.max(...chart.map((g) => displayWidth(g.label)));
  const colours = [c.green, c.cyan, c.blue, c.gray];
  const out = [c.bold(doc.words.chartTitle)];
  for (const group of chart) {
    group.shares.forEach((s, i) => {
      const head = `${pad(i === 0 ? group.label : '', groupWidth, 'l')}  ${pad(s.label, labelWidth, 'l')}  `;
      if (s.share === null) {
        out.push(`${head}${pad(SUPPRESSED, width, 'l')}  ${SUPPRESSED}`);
        return;
      }
      const eighths = Math.round(s.share * width * 8);
      const bar = '█'.repeat(Math.floor(eighths / 8)) + BLOCKS[eighths % 8];
      out.push(`${head}${colours[i](bar)}${' '.repeat(width - displayWidth(bar))}  ${pad(formatNumber(s.share * 100, 1, doc.lang), 5, 'r')} %`);
    });
  }
  return out;
}

/**
 * The published curves of work or education as a compact character plot: one column
 * per month (or more when there are few), each group's step held from one published
 * month to the next; the numbers at risk every three months under it.
 */
function curveChart(curves: IncidenceCurve[], doc: ReportDocument, c: InstanceType<typeof Chalk>): string[] {
  const tw = TIME_WORDS[doc.lang];
  const marks = [c.blue('●'), c.red('○')];
  const both = c.magenta('◉');
  const drawn = curves.map((curve) => curve.points.filter((p) => p.estimate !== null).sort((a, b) => a.month - b.month));
  const out = [c.bold(tw.chartTitle)];
  if (drawn.every((points) => points.length === 0)) return [...out, tw.chartNothing];
  const lastMonth = Math.max(3, ...drawn.flatMap((points) => points.map((p) => p.month)));
  const perMonth = Math.max(1, Math.floor(60 / lastMonth));
  const columns = lastMonth * perMonth + 1;
  const height = 11;
  const yMax = Math.ceil(Math.max(0.1, ...drawn.flatMap((points) => points.map((p) => p.estimate!))) * 10) / 10;
  const grid: number[][] = Array.from({ length: height }, () => new Array<number>(columns).fill(0));
  drawn.forEach((points, k) => {
    for (let col = 0; col < columns; col++) {
      const month = col / perMonth;
      const at = points.filter((p) => p.month <= month).at(-1);
      if (at === undefined || month > points[points.length - 1].month) continue;
      const row = height - 1 - Math.round((at.estimate! / yMax) * (height - 1));
      grid[row][col] |= 1 << k;
    }
  });
  const pct = (v: number) => `${formatNumber(v * 100, 0, doc.lang)} %`;
  const axisWidth = Math.max(...[0, yMax / 2, yMax].map((v) => displayWidth(pct(v))));
  grid.forEach((cells, r) => {
    const value = ((height - 1 - r) / (height - 1)) * yMax;
    const label = r === 0 || r === height - 1 || r === Math.floor((height - 1) / 2) ? pct(value) : '';
    const line = cells.map((m) => (m === 3 ? both : m === 1 ? marks[0] : m === 2 ? marks[1] : ' ')).join('');
    out.push(`${pad(label, axisWidth, 'r')} ┤${line}`.trimEnd());
  });
  const riskText = (curve: IncidenceCurve, m: number) => {
    const end = curve.points.length === 0 ? -1 : Math.max(...curve.points.map((p) => p.month));
    if (m > end) return '';
    const point = curve.points.find((p) => p.month === m);
    return point === undefined || point.atRisk === null ? SUPPRESSED : formatCount(point.atRisk, doc.lang);
  };
  // Ticks every 3, 6 or 12 months, as far apart as the widest number at risk needs.
  const widest = Math.max(2, ...curves.flatMap((curve) => curve.points.map((p) => displayWidth(riskText(curve, p.month)))));
  const tickStep = [3, 6, 12].find((step) => step * perMonth >= widest + 2) ?? 12;
  const ticks = Array.from({ length: Math.floor(lastMonth / tickStep) + 1 }, (_, k) => tickStep * k);
  const tickLine = (cell: (month: number) => string) => {
    let text = '';
    for (const m of ticks) {
      const at = m * perMonth;
      const label = cell(m);
      text = text.padEnd(Math.max(text.length + 1, at - Math.floor(label.length / 2)), ' ') + label;
    }
    return text;
  };
  out.push(`${' '.repeat(axisWidth)} └${'─'.repeat(columns)}`);
  out.push(`${' '.repeat(axisWidth + 2)}${tickLine((m) => String(m)).trimStart()}  ${tw.chartMonths}`);
  out.push(tw.atRisk);
  curves.forEach((curve, k) => {
    out.push(`${marks[k]} ${curve.label}`);
    out.push(`${' '.repeat(axisWidth + 2)}${tickLine((m) => riskText(curve, m)).trimStart()}`.trimEnd());
  });
  return out;
}

/** Wraps a paragraph at `width` columns; continuation lines are indented. */
export function wrap(text: string, width: number, indent = '', first = ''): string[] {
  const words = text.split(' ');
  const lines: string[] = [];
  let current = indent + first;
  for (const word of words) {
    if (displayWidth(current) + 1 + displayWidth(word) > width && current.trim() !== '') {
      lines.push(current.trimEnd());
      current = `${indent}  ${word}`;
    } else {
      current = current.trim() === '' ? `${current}${word}` : `${current} ${word}`;
    }
  }
  if (current.trim() !== '') lines.push(current.trimEnd());
  return lines;
}

/** Keeps the end of a long path, which names the file. */
function shortenPath(path: string, max: number): string {
  return [...path].length <= max ? path : `…${[...path].slice(-(max - 1)).join('')}`;
}
