import { rejectedField, rejectionMessage } from '../inputMessages.js';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  SimpleField,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type FileChild,
  type IBorderOptions,
} from 'docx';
import type { Lang } from '../i18n.js';
import type { ReportModel } from '../model.js';
import type { ReportDocument, ReportTable } from '../tables.js';
import { reportFigures, type ReportFigure } from './figures.js';
import type { RenderContext } from './formats.js';
import { columnWidths } from './layout.js';
import { coreProperties } from './docxPackage.js';
import { packageTime, stampZipEntries } from './zipTimes.js';
import { svgToPng } from './svgToPng.js';

/** A4 with 2.5 cm margins, in twips (1/20 pt): the width that tables and figures fill. */
const PAGE = { width: 11906, height: 16838, margin: 1418 };
const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;
/** The text width in pixels at 96 to the inch, as docx sizes images. */
const TEXT_WIDTH_PX = Math.floor((TEXT_WIDTH / 1440) * 96);
/** Font sizes in half-points: body text, tables and their footnotes. */
const SIZE = { body: 22, table: 17, footnote: 16 };
const LANGUAGE: Record<Lang, string> = { en: 'en-GB', nb: 'nb-NO', nn: 'nn-NO' };
const RULE: IBorderOptions = { style: BorderStyle.SINGLE, size: 8, color: '333333' };
const THIN_RULE: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '888888' };
const NO_RULE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'auto' };
/** Rejected rows listed before "… n more", as in the text report. */
const REJECTIONS_LISTED = 20;

/**
 * The whole report as one Word document: the numbered tables as Word tables (caption
 * above, header row repeated on each page), the figures as SVG with a PNG for older
 * readers, the notes, rejected rows and warnings. Word's built-in styles (Heading 1
 * and 2, Caption) carry the structure, so a template's styles and a table of contents
 * or list of tables take it up; caption numbers are SEQ fields like Word's own.
 * The same input gives the same bytes (see docxPackage.ts).
 */
export async function renderDocx(model: ReportModel, doc: ReportDocument, context: RenderContext): Promise<Uint8Array> {
  const figures = reportFigures(model, doc, context.lang);
  const body: FileChild[] = [];
  body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(doc.title)] }));
  if (doc.banner !== null) body.push(banner(doc.banner));
  body.push(new Paragraph({ children: [new TextRun({ text: doc.summary, bold: true })] }));
  body.push(new Paragraph({ children: [new TextRun({ text: doc.notes[0], italics: true })] }));
  for (const table of doc.tables) {
    body.push(caption(doc.words.table, table.number, table.title), wordTable(table), ...table.footnotes.map(footnote));
    for (const figure of figures.filter((f) => f.after === table.id)) body.push(caption(figure.label, figure.number, figure.title), image(figure));
  }
  if (doc.notes.length > 1) {
    body.push(heading2(doc.words.notes), ...doc.notes.slice(1).map((n) => new Paragraph({ text: n })));
  }
  const rejections = model.input.rejections;
  if (rejections.length > 0) {
    body.push(heading2(`${doc.words.rejectedRows} (${rejections.length})`));
    for (const r of rejections.slice(0, REJECTIONS_LISTED)) {
      body.push(
        new Paragraph({
          style: 'RejectedRow',
          text: `${r.file}:${r.line}${r.field === null ? '' : ` [${rejectedField(r.field, doc.lang)}]`} ${r.code}: ${rejectionMessage(r, doc.lang)}`,
        }),
      );
    }
    if (rejections.length > REJECTIONS_LISTED) body.push(new Paragraph({ text: doc.words.moreRejectedRows(rejections.length - REJECTIONS_LISTED) }));
  }
  if (doc.warnings.length > 0) body.push(heading2(doc.words.warnings), ...doc.warnings.map((w) => new Paragraph({ text: w })));
  if (doc.banner !== null) body.push(banner(doc.banner));

  const creator = `hybrid-eval ${model.tool.version}`;
  const word = new Document({
    title: doc.title,
    creator,
    lastModifiedBy: creator,
    styles: {
      default: {
        // Arial: Word has it everywhere, and LibreOffice lays it out the same with Liberation Sans.
        document: { run: { font: 'Arial', size: SIZE.body, language: { value: LANGUAGE[context.lang] } }, paragraph: { spacing: { after: 120 } } },
        caption: {
          run: { bold: true, italics: false, color: '000000', size: SIZE.body },
          paragraph: { spacing: { before: 360, after: 80 }, keepNext: true },
        },
      },
      paragraphStyles: [
        {
          id: 'TableText',
          name: 'Table text',
          basedOn: 'Normal',
          quickFormat: true,
          run: { size: SIZE.table },
          paragraph: { spacing: { before: 0, after: 0 } },
        },
        {
          id: 'TableFootnote',
          name: 'Table footnote',
          basedOn: 'Normal',
          quickFormat: true,
          run: { size: SIZE.footnote, color: '444444' },
          paragraph: { spacing: { before: 40, after: 0 } },
        },
        { id: 'RejectedRow', name: 'Rejected row', basedOn: 'Normal', run: { size: SIZE.footnote, font: 'Consolas' }, paragraph: { spacing: { after: 0 } } },
      ],
    },
    sections: [
      {
        properties: {
          page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin } },
        },
        // An INTERNAL report says so on every printed page.
        headers: doc.banner === null ? undefined : { default: new Header({ children: [banner(doc.banner)] }) },
        footers: {
          default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT] })] })] }),
        },
        children: body,
      },
    ],
  });
  const time = packageTime(model.generatedAt);
  const zip = await Packer.toBuffer(word, false, [coreProperties({ title: doc.title, creator, time })]);
  return stampZipEntries(zip, time);
}

function heading2(text: string): Paragraph {
  return new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(text)] });
}

/** White on red, as the HTML report shows it. */
function banner(text: string): Paragraph {
  return new Paragraph({
    shading: { type: ShadingType.CLEAR, fill: 'B2182B', color: 'auto' },
    children: [new TextRun({ text, bold: true, color: 'FFFFFF' })],
  });
}

/**
 * "Table 3. Title" in Word's Caption style, its number a SEQ field with the number already
 * in it, as Word's Insert Caption writes it: Word's list of tables and cross-references
 * count it, and Word has no fields to update on opening.
 */
function caption(label: string, number: number, title: string): Paragraph {
  return new Paragraph({
    style: 'Caption',
    children: [new TextRun(`${label} `), new SimpleField(`SEQ ${label} \\* ARABIC`, String(number)), new TextRun(`. ${title}`)],
  });
}

function footnote(text: string): Paragraph {
  return new Paragraph({ style: 'TableFootnote', text });
}

/**
 * A table across the text width, without vertical lines: rules above and below the header
 * and at the end, a thin one where the report draws one (before totals). Columns share the
 * width in proportion to their longest text, so nothing runs past the margin.
 */
function wordTable(table: ReportTable): Table {
  const widths = columnWidths(table).map((w) => Math.max(w, 3) + 2);
  const total = widths.reduce((a, b) => a + b, 0);
  const twips = widths.map((w) => Math.floor((w / total) * TEXT_WIDTH));
  twips[twips.length - 1] += TEXT_WIDTH - twips.reduce((a, b) => a + b, 0);
  const align = (j: number) => (table.align[j] === 'r' ? AlignmentType.RIGHT : AlignmentType.LEFT);
  const cell = (j: number, lines: string[], options: { bold?: boolean; bottom?: IBorderOptions }) =>
    new TableCell({
      width: { size: twips[j], type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.BOTTOM,
      margins: { left: 70, right: 70, top: 20, bottom: 20 },
      borders: options.bottom === undefined ? undefined : { bottom: options.bottom },
      children: [
        new Paragraph({
          style: 'TableText',
          alignment: align(j),
          children: lines.map((text, i) => new TextRun({ text, bold: options.bold, break: i > 0 ? 1 : undefined })),
        }),
      ],
    });
  const head = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: table.head.map((h, j) => cell(j, h.split('\n'), { bold: true, bottom: RULE })),
  });
  const rows = table.rows.map(
    (row, i) =>
      new TableRow({
        cantSplit: true,
        children: row.map((c, j) => cell(j, [c.text], { bottom: table.ruleAfter?.includes(i) && i < table.rows.length - 1 ? THIN_RULE : undefined })),
      }),
  );
  return new Table({
    rows: [head, ...rows],
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: twips,
    layout: TableLayoutType.FIXED,
    borders: { top: RULE, bottom: RULE, left: NO_RULE, right: NO_RULE, insideHorizontal: NO_RULE, insideVertical: NO_RULE },
  });
}

/** The chart as SVG, with a PNG (twice the SVG's size) for readers that do not draw SVG. */
function image(figure: ReportFigure): Paragraph {
  const svg = figure.svg(`figure-${figure.number}-chart`);
  const size = /<svg [^>]*width="(\d+)" height="(\d+)"/.exec(svg);
  if (size === null) throw new Error(`figure ${figure.number}: the chart has no width and height`);
  const [width, height] = [Number(size[1]), Number(size[2])];
  const scale = Math.min(1, TEXT_WIDTH_PX / width);
  const transformation = { width: Math.round(width * scale), height: Math.round(height * scale) };
  return new Paragraph({
    keepLines: true,
    children: [
      new ImageRun({
        type: 'svg',
        data: Buffer.from(svg, 'utf8'),
        fallback: { type: 'png', data: svgToPng(svg, 2) },
        transformation,
        // A fixed id: docx would otherwise count drawings across documents made in one process.
        altText: { id: String(figure.number), name: `${figure.label} ${figure.number}`, title: figure.title, description: figure.title },
      }),
    ],
  });
}
