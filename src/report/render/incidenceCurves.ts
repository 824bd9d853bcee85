import type { IncidenceCurve } from '../timeTables.js';

/** How a curve is drawn: hybrid solid, as usual dashed, so that print in grey still tells them apart. */
const STYLES = [
  { colour: '#1f5fa8', dash: '' },
  { colour: '#c4521b', dash: ' stroke-dasharray="6 3"' },
];
const FONT = 'font-family="system-ui, sans-serif" font-size="12"';

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface CurveChartOptions {
  id: string;
  title: string;
  monthsAxis: string;
  valueAxis: string;
  atRisk: string;
  /** Said when no curve has a point to draw. */
  nothing: string;
  format: (fraction: number) => string;
  count: (n: number | null) => string;
  /** Shown at a month of the at-risk table that disclosure control left out. */
  hidden: string;
}

/**
 * Stepped cumulative incidence curves per group, with the numbers at risk under the
 * axis every three months. Only published points are drawn: a month that disclosure
 * control left out is joined into the next step, so the curve holds its value until
 * the next published month.
 */
export function incidenceCurves(curves: IncidenceCurve[], options: CurveChartOptions): string {
  const drawn = curves.filter((c) => c.points.some((p) => p.estimate !== null));
  const labelWidth = Math.max(72, ...curves.map((c) => [...c.label].length * 6.6 + 12));
  const plotWidth = 520;
  const plotHeight = 220;
  const top = 30;
  const lastMonth = Math.max(3, ...drawn.flatMap((c) => c.points.map((p) => p.month)));
  const maxValue = Math.max(0.1, ...drawn.flatMap((c) => c.points.map((p) => p.estimate ?? 0)));
  const yMax = Math.ceil(maxValue * 10) / 10;
  const x = (month: number) => labelWidth + (month / lastMonth) * plotWidth;
  const y = (value: number) => top + plotHeight - (value / yMax) * plotHeight;
  const bottom = top + plotHeight;
  const parts: string[] = [];
  // Legend.
  let lx = labelWidth;
  curves.forEach((c, i) => {
    const s = STYLES[i % STYLES.length];
    parts.push(
      `<line x1="${lx}" y1="12" x2="${lx + 22}" y2="12" stroke="${s.colour}" stroke-width="2.5"${s.dash}/><text x="${lx + 28}" y="16" ${FONT}>${esc(c.label)}</text>`,
    );
    lx += 44 + [...c.label].length * 6.6;
  });
  // Value axis and grid.
  const step = yMax <= 0.3 ? 0.05 : 0.1;
  for (let v = 0; v <= yMax + 1e-9; v += step) {
    parts.push(`<line x1="${labelWidth}" y1="${y(v).toFixed(2)}" x2="${labelWidth + plotWidth}" y2="${y(v).toFixed(2)}" stroke="#e3e3e3"/>`);
    parts.push(`<text x="${labelWidth - 6}" y="${(y(v) + 4).toFixed(2)}" text-anchor="end" ${FONT} fill="#444">${esc(options.format(v))}</text>`);
  }
  parts.push(`<text transform="translate(14 ${top + plotHeight / 2}) rotate(-90)" text-anchor="middle" ${FONT}>${esc(options.valueAxis)}</text>`);
  // Month axis, ticks every three months.
  const ticks = Array.from({ length: Math.floor(lastMonth / 3) + 1 }, (_, k) => 3 * k);
  parts.push(`<line x1="${labelWidth}" y1="${bottom}" x2="${labelWidth + plotWidth}" y2="${bottom}" stroke="#333"/>`);
  for (const m of ticks) {
    parts.push(`<line x1="${x(m).toFixed(2)}" y1="${bottom}" x2="${x(m).toFixed(2)}" y2="${bottom + 4}" stroke="#333"/>`);
    parts.push(`<text x="${x(m).toFixed(2)}" y="${bottom + 16}" text-anchor="middle" ${FONT} fill="#444">${m}</text>`);
  }
  parts.push(`<text x="${labelWidth + plotWidth / 2}" y="${bottom + 34}" text-anchor="middle" ${FONT}>${esc(options.monthsAxis)}</text>`);
  if (drawn.length === 0) {
    parts.push(`<text x="${labelWidth + 8}" y="${top + 20}" ${FONT} fill="#666" font-style="italic">${esc(options.nothing)}</text>`);
  }
  // Curves: steps through the published points only.
  curves.forEach((c, i) => {
    const s = STYLES[i % STYLES.length];
    const points = c.points.filter((p) => p.estimate !== null).sort((a, b) => a.month - b.month);
    if (points.length === 0) return;
    let d = `M${x(points[0].month).toFixed(2)},${y(points[0].estimate!).toFixed(2)}`;
    for (const p of points.slice(1)) d += ` H${x(p.month).toFixed(2)} V${y(p.estimate!).toFixed(2)}`;
    const last = points[points.length - 1];
    parts.push(
      `<path d="${d}" fill="none" stroke="${s.colour}" stroke-width="2.5"${s.dash}><title>${esc(`${c.label}: ${options.format(last.estimate!)} (${last.month})`)}</title></path>`,
    );
  });
  // Numbers at risk under the axis.
  const riskTop = bottom + 58;
  parts.push(`<text x="4" y="${riskTop}" ${FONT} font-weight="600">${esc(options.atRisk)}</text>`);
  curves.forEach((c, i) => {
    const rowY = riskTop + 18 * (i + 1);
    parts.push(`<text x="4" y="${rowY}" ${FONT} fill="${STYLES[i % STYLES.length].colour}">${esc(c.label)}</text>`);
    const end = c.points.length === 0 ? -1 : Math.max(...c.points.map((p) => p.month));
    for (const m of ticks) {
      if (m > end) continue;
      const point = c.points.find((p) => p.month === m);
      const text = point === undefined || point.atRisk === null ? options.hidden : options.count(point.atRisk);
      parts.push(`<text x="${x(m).toFixed(2)}" y="${rowY}" text-anchor="middle" ${FONT}>${esc(text)}</text>`);
    }
  });
  const width = labelWidth + plotWidth + 24;
  const height = riskTop + 18 * curves.length + 10;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${Math.ceil(width)} ${height}" width="${Math.ceil(width)}" height="${height}" id="${options.id}" role="img" aria-label="${esc(options.title)}"><title>${esc(options.title)}</title>${parts.join('')}</svg>`;
}
