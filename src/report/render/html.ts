import type { Lang } from '../i18n.js';
import type { ReportModel } from '../model.js';
import type { ReportDocument, ReportTable } from '../tables.js';
import { formatCount, formatNumber, SUPPRESSED } from '../format.js';
import { TIME_WORDS } from '../i18nTime.js';
import { rejectedField, rejectionMessage } from '../inputMessages.js';
import { incidenceCurves } from './incidenceCurves.js';
import { forestPlot, stackedBars, type StackedRow } from './svg.js';

interface ChartWords {
  figure: string;
  overall: string;
  byOffice: string;
  forest: string;
  suppressed: string;
  suppressedLegend: string;
  pooled: string;
  left: string;
  shareAxis: string;
  orAxis: string;
  lower: string;
  higher: string;
}

/** Chart words kept here: only the HTML report draws charts with axes. */
export const CHART_WORDS: Record<Lang, ChartWords> = {
  en: {
    figure: 'Figure',
    overall: 'Outcome by group. Per cent of users with a registered outcome',
    byOffice: 'Work or education by office and group. Per cent',
    forest: 'Odds ratio of work or education, hybrid model vs as usual, by office (log scale), with the Mantel–Haenszel pooled estimate',
    suppressed: 'suppressed or undefined, not drawn',
    suppressedLegend: 'Suppressed',
    pooled: 'Mantel–Haenszel, pooled',
    left: 'Not drawn (zero cell, empty group or suppressed)',
    shareAxis: 'Per cent of users with a registered outcome',
    orAxis: 'Odds ratio with 95 % CI (log scale)',
    lower: 'higher in as usual',
    higher: 'higher in hybrid model',
  },
  nb: {
    figure: 'Figur',
    overall: 'Utfall etter gruppe. Prosent av brukere med registrert utfall',
    byOffice: 'Arbeid eller utdanning etter kontor og gruppe. Prosent',
    forest: 'Oddsratio for arbeid eller utdanning, hybridmodell mot som vanlig, etter kontor (logaritmisk skala), med samlet Mantel–Haenszel-estimat',
    suppressed: 'skjult eller udefinert, ikke tegnet',
    suppressedLegend: 'Skjult',
    pooled: 'Mantel–Haenszel, samlet',
    left: 'Ikke tegnet (tom celle, tom gruppe eller skjult)',
    shareAxis: 'Prosent av brukere med registrert utfall',
    orAxis: 'Oddsratio med 95 % KI (logaritmisk skala)',
    lower: 'høyere i som vanlig',
    higher: 'høyere i hybridmodellen',
  },
  nn: {
    figure: 'Figur',
    overall: 'Utfall etter gruppe. Prosent av brukarar med registrert utfall',
    byOffice: 'Arbeid eller utdanning etter kontor og gruppe. Prosent',
    forest: 'Oddsratio for arbeid eller utdanning, hybridmodell mot som vanleg, etter kontor (logaritmisk skala), med samla Mantel–Haenszel-estimat',
    suppressed: 'skjult eller udefinert, ikkje teikna',
    suppressedLegend: 'Skjult',
    pooled: 'Mantel–Haenszel, samla',
    left: 'Ikkje teikna (tom celle, tom gruppe eller skjult)',
    shareAxis: 'Prosent av brukarar med registrert utfall',
    orAxis: 'Oddsratio med 95 % KI (logaritmisk skala)',
    lower: 'høgare i som vanleg',
    higher: 'høgare i hybridmodellen',
  },
};

/** Outcome colours: work-like outcomes in greens and blues, none in grey. */
export const OUTCOME_COLOURS = ['#1b7837', '#5aae61', '#2166ac', '#bababa'];

/**
 * One self-contained HTML file: the same numbered tables, footnotes and notes,
 * and inline SVG charts (stacked bars of outcomes by group, overall and per office;
 * a forest plot of the office odds ratios with the pooled estimate). No scripts,
 * no external fonts, stylesheets or requests. Every text from the input is escaped.
 */
export function renderHtml(model: ReportModel, doc: ReportDocument, options: { lang: Lang }): string {
  const cw = CHART_WORDS[options.lang];
  const pct = (x: number) => `${formatNumber(x * 100, 1, options.lang)} %`;
  const overall: StackedRow[] = doc.chart.map((g) => ({
    label: g.label,
    segments: g.shares.map((s, i) => ({ label: s.label, value: s.share, colour: OUTCOME_COLOURS[i] })),
  }));
  const byOffice: StackedRow[] = model.offices.flatMap((o) =>
    (['hybrid', 'usual'] as const).map((g) => {
      const n = o[g].n;
      const positive = o[g].positive;
      const share = n === null || positive === null || n === 0 ? null : positive / n;
      return {
        label: `${o.office} – ${g === 'hybrid' ? doc.words.hybridShort : doc.words.usualShort}`,
        segments: [
          { label: doc.words.workOrEducation, value: share, colour: OUTCOME_COLOURS[0] },
          { label: doc.words.none, value: share === null ? null : 1 - share, colour: OUTCOME_COLOURS[3] },
        ],
      };
    }),
  );
  const forestRows = model.offices.map((o) => ({ label: o.office, estimate: o.oddsRatio ?? null }));
  const mh = model.stratified.mantelHaenszelOddsRatio;
  const body: string[] = [];
  body.push(`<h1>${esc(doc.title)}</h1>`);
  if (doc.banner !== null) body.push(`<p class="banner" role="alert">${esc(doc.banner)}</p>`);
  body.push(`<p class="summary"><strong>${esc(doc.summary)}</strong></p>`);
  body.push(`<p class="lead">${esc(doc.notes[0])}</p>`);
  let figures = 0;
  // Figure caption above the chart, numbered like the tables (as in Norwegian evaluation reports).
  const figure = (title: string, chart: (id: string) => string) => {
    figures += 1;
    return `<figure id="figure-${figures}"><figcaption>${esc(`${cw.figure} ${figures}. ${title}`)}</figcaption>${chart(`figure-${figures}-chart`)}</figure>`;
  };
  for (const table of doc.tables) {
    body.push(renderTable(table, doc));
    if (table.id === 'outcomes') {
      body.push(
        figure(cw.overall, (id) =>
          stackedBars(overall, { id, title: cw.overall, format: pct, tickFormat: (x) => `${formatNumber(x * 100, 0, options.lang)} %`, suppressed: cw.suppressed, suppressedLegend: cw.suppressedLegend, axisTitle: cw.shareAxis }),
        ),
      );
    }
    if (table.id === 'offices') {
      body.push(
        figure(cw.byOffice, (id) =>
          stackedBars(byOffice, { id, title: cw.byOffice, format: pct, tickFormat: (x) => `${formatNumber(x * 100, 0, options.lang)} %`, suppressed: cw.suppressed, suppressedLegend: cw.suppressedLegend, axisTitle: cw.shareAxis }),
        ),
      );
    }
    if (table.id === 'timeToOutcome') {
      const tw = TIME_WORDS[options.lang];
      body.push(
        figure(tw.chartTitle, (id) =>
          incidenceCurves(doc.curves, {
            id,
            title: tw.chartTitle,
            monthsAxis: tw.chartMonths,
            valueAxis: tw.chartAxis,
            atRisk: tw.atRisk,
            nothing: tw.chartNothing,
            format: (x) => `${formatNumber(x * 100, 0, options.lang)} %`,
            count: (n) => formatCount(n, options.lang),
            hidden: SUPPRESSED,
          }),
        ),
      );
    }
    if (table.id === 'officeEffects') {
      body.push(
        figure(cw.forest, (id) =>
          forestPlot(forestRows, { label: cw.pooled, estimate: mh }, {
            id,
            title: cw.forest,
            format: (x) => formatNumber(x, 2, options.lang),
            tickFormat: (x) => formatNumber(x, x < 1 ? 1 : 0, options.lang),
            left: cw.left,
            axisTitle: cw.orAxis,
            lower: cw.lower,
            higher: cw.higher,
          }),
        ),
      );
    }
  }
  if (doc.notes.length > 1) body.push(`<h2>${esc(doc.words.notes)}</h2><ul>${doc.notes.slice(1).map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`);
  if (model.input.rejections.length > 0) {
    body.push(
      `<h2>${esc(doc.words.rejectedRows)} (${model.input.rejections.length})</h2><ul class="mono">${model.input.rejections
        .map((r) => `<li>${esc(`${r.file}:${r.line}${r.field === null ? '' : ` [${rejectedField(r.field, options.lang)}]`} ${r.code}: ${rejectionMessage(r, options.lang)}`)}</li>`)
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
