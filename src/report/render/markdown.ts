import type { Lang } from '../i18n.js';
import type { ReportModel } from '../model.js';
import { rejectedField, rejectionMessage } from '../inputMessages.js';
import type { ReportDocument, ReportTable } from '../tables.js';

/** GitHub Markdown: the same numbered tables and footnotes, ready to paste into a report. */
export function renderMarkdown(model: ReportModel, doc: ReportDocument, options: { lang: Lang }): string {
  const out: string[] = [`# ${escapeMarkdown(doc.title)}`, ''];
  if (doc.banner !== null) out.push(`> **${escapeMarkdown(doc.banner)}**`, '');
  out.push(`**${escapeMarkdown(doc.summary)}**`, '');
  out.push(escapeMarkdown(doc.notes[0]), '');
  for (const table of doc.tables) out.push(...renderTable(table, doc), '');
  if (doc.notes.length > 1) {
    out.push(`## ${escapeMarkdown(doc.words.notes)}`, '');
    for (const note of doc.notes.slice(1)) out.push(`- ${escapeMarkdown(note)}`);
    out.push('');
  }
  if (model.input.rejections.length > 0) {
    out.push(`## ${escapeMarkdown(doc.words.rejectedRows)} (${model.input.rejections.length})`, '');
    for (const r of model.input.rejections) {
      out.push(
        `- \`${escapeMarkdown(r.file)}:${r.line}\`${r.field === null ? '' : ` [${escapeMarkdown(rejectedField(r.field, options.lang))}]`} ${r.code}: ${escapeMarkdown(rejectionMessage(r, options.lang))}`,
      );
    }
    out.push('');
  }
  if (doc.warnings.length > 0) {
    out.push(`## ${escapeMarkdown(doc.words.warnings)}`, '');
    for (const w of doc.warnings) out.push(`- ${escapeMarkdown(w)}`);
    out.push('');
  }
  if (doc.banner !== null) out.push(`> **${escapeMarkdown(doc.banner)}**`, '');
  return out.join('\n');
}

function renderTable(table: ReportTable, doc: ReportDocument): string[] {
  const row = (cells: string[]) => `| ${cells.map((c) => (c === '' ? ' ' : escapeMarkdown(c))).join(' | ')} |`;
  const out = [
    `**${escapeMarkdown(doc.words.table)} ${table.number}. ${escapeMarkdown(table.title)}**`,
    '',
    row(table.head.map((h) => h.replace(/\n/g, ' '))),
    `|${table.align.map((a) => (a === 'r' ? '---:' : ':---')).join('|')}|`,
    ...table.rows.map((r) => row(r.map((c) => c.text))),
  ];
  if (table.footnotes.length > 0) out.push('', ...table.footnotes.map((f) => `*${escapeMarkdown(f)}*  `));
  return out;
}

/** Escapes what would break a GitHub table or start formatting; input labels are untrusted. */
function escapeMarkdown(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/([*_`<>[\]])/g, '\\$1')
    .replace(/\r?\n/g, ' ');
}
