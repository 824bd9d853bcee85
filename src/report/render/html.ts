import type { Lang } from '../i18n.js';
import { rejectedField, rejectionMessage } from '../inputMessages.js';
import type { ReportModel } from '../model.js';
import type { ReportDocument, ReportTable } from '../tables.js';
import { reportFigures } from './figures.js';

/**
 * One self-contained HTML file: the same numbered tables, footnotes and notes,
 * and inline SVG charts (stacked bars of outcomes by group, overall and per office;
 * a forest plot of the office odds ratios with the pooled estimate). No scripts,
 * no external fonts, stylesheets or requests. Every text from the input is escaped.
 */
export function renderHtml(model: ReportModel, doc: ReportDocument, options: { lang: Lang }): string {
  const figures = reportFigures(model, doc, options.lang);
  const body: string[] = [];
  body.push(`<h1>${esc(doc.title)}</h1>`);
  if (doc.banner !== null) body.push(`<p class="banner" role="alert">${esc(doc.banner)}</p>`);
  body.push(`<p class="summary"><strong>${esc(doc.summary)}</strong></p>`);
  body.push(`<p class="lead">${esc(doc.notes[0])}</p>`);
  for (const table of doc.tables) {
    body.push(renderTable(table, doc));
    // Figure caption above the chart, numbered like the tables (as in Norwegian evaluation reports).
    for (const f of figures.filter((f) => f.after === table.id)) {
      body.push(
        `<figure id="figure-${f.number}"><figcaption>${esc(`${f.label} ${f.number}. ${f.title}`)}</figcaption>${f.svg(`figure-${f.number}-chart`)}</figure>`,
      );
    }
  }
  if (doc.notes.length > 1)
    body.push(
      `<h2>${esc(doc.words.notes)}</h2><ul>${doc.notes
        .slice(1)
        .map((n) => `<li>${esc(n)}</li>`)
        .join('')}</ul>`,
    );
  if (model.input.rejections.length > 0) {
    body.push(
      `<h2>${esc(doc.words.rejectedRows)} (${model.input.rejections.length})</h2><ul class="mono">${model.input.rejections
        .map(
          (r) =>
            `<li>${esc(`${r.file}:${r.line}${r.field === null ? '' : ` [${rejectedField(r.field, options.lang)}]`} ${r.code}: ${rejectionMessage(r, options.lang)}`)}</li>`,
        )
        .join('')}</ul>`,
    );
  }
  if (doc.warnings.length > 0) body.push(`<h2>${esc(doc.words.warnings)}</h2><ul>${doc.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>`);
  if (doc.banner !== null) body.push(`<p class="banner">${esc(doc.banner)}</p>`);
  return `<!DOCTYPE html>
<html lang="${options.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="hybrid-eval ${esc(model.tool.version)}">
<title>${esc(doc.title)}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;max-width:62rem;margin:2rem auto;padding:0 1rem;color:#1d1d1d;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.5rem}h2{font-size:1.15rem;margin-top:2rem}
table{border-collapse:collapse;margin:1.75rem 0 .5rem;font-variant-numeric:tabular-nums;font-size:.92rem}
caption{text-align:left;font-weight:600;padding-bottom:.4rem}
th,td{padding:.25rem .6rem;border-bottom:1px solid #ddd;vertical-align:bottom}th{border-bottom:2px solid #333;font-weight:600}
tbody th{font-weight:normal;border-bottom:1px solid #ddd}td.r,th.r{text-align:right;white-space:nowrap}td.l,th.l{text-align:left}
tr.rule td{border-bottom:1.5px solid #666}
.footnotes{font-size:.85rem;color:#444;margin:.25rem 0 1rem;padding-left:1.2rem}
.banner{background:#b2182b;color:#fff;font-weight:700;padding:.6rem 1rem;border-radius:4px}
.lead{font-style:italic}.mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem}
figure{margin:1.75rem 0 1rem}figcaption{font-weight:600;padding-bottom:.4rem}svg{max-width:100%;height:auto}
</style>
</head>
<body>
${body.join('\n')}
</body>
</html>
`;
}

function renderTable(table: ReportTable, doc: ReportDocument): string {
  const head = `<tr>${table.head.map((h, j) => `<th scope="col" class="${table.align[j]}">${esc(h).replace(/\n/g, '<br>')}</th>`).join('')}</tr>`;
  const rows = table.rows
    .map((row, i) => {
      const rule = table.ruleAfter?.includes(i) ? ' class="rule"' : '';
      return `<tr${rule}>${row
        .map((cell, j) => (j === 0 ? `<th scope="row" class="l">${esc(cell.text)}</th>` : `<td class="${table.align[j]}">${esc(cell.text)}</td>`))
        .join('')}</tr>`;
    })
    .join('\n');
  const notes = table.footnotes.length > 0 ? `<ol class="footnotes">${table.footnotes.map((f) => `<li>${esc(f)}</li>`).join('')}</ol>` : '';
  return `<table id="table-${table.number}">
<caption>${esc(doc.words.table)} ${table.number}. ${esc(table.title)}</caption>
<thead>${head}</thead>
<tbody>
${rows}
</tbody>
</table>
${notes}`;
}

/** Escapes text for HTML element content and attribute values. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
