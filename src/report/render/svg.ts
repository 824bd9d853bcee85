/** Inline SVG charts for the HTML report: no scripts, no external resources. */

export interface StackedRow {
  label: string;
  segments: Array<{ label: string; value: number | null; colour: string }>;
}

interface Estimate {
  estimate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

const FONT = 'font-family="system-ui, sans-serif" font-size="12"';

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** White on dark fills, near-black on light ones (WCAG relative luminance of a #rrggbb colour). */
function labelColour(fill: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(fill.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.3 ? '#1d1d1d' : '#fff';
}

/** Rough text width in pixels at 12 px, for laying out labels. */
function textWidth(text: string): number {
  return [...text].length * 6.6;
}

/** What every chart is told: its ids, title, number formats and axis title. */
interface ChartOptions {
  /** Prefix for ids inside the SVG (several charts share one HTML document). */
  id: string;
  title: string;
  format: (x: number) => string;
  /** Tick labels of the value axis. */
  tickFormat: (x: number) => string;
  axisTitle: string;
}

/**
 * Horizontal 100 % stacked bars, one per row, with a legend. A row with any
 * suppressed segment is not drawn; its label says so.
 */
export function stackedBars(
  rows: StackedRow[],
  options: ChartOptions & {
    /** Said of a row with nothing to draw. */
    suppressed: string;
    /** Legend entry of the hatched block that stands for hidden segments. */
    suppressedLegend: string;
  },
): string {
  const labelWidth = Math.ceil(Math.max(80, ...rows.map((r) => textWidth(r.label)))) + 12;
  const barWidth = 520;
  const rowHeight = 24;
  const legendHeight = 28;
  const width = labelWidth + barWidth + 36;
  const height = legendHeight + rows.length * rowHeight + 44;
  const hatch = `${options.id}-hatch`;
  const parts: string[] = [];
  const legend: Array<{ label: string; fill: string }> = (rows[0]?.segments ?? []).map((s) => ({ label: s.label, fill: s.colour }));
  const anyHatched = rows.some((r) => r.segments.some((s) => s.value === null) && r.segments.some((s) => s.value !== null));
  if (anyHatched) legend.push({ label: options.suppressedLegend, fill: `url(#${hatch})` });
  let lx = labelWidth;
  for (const s of legend) {
    parts.push(`<rect x="${lx}" y="6" width="12" height="12" fill="${s.fill}"/><text x="${lx + 16}" y="16" ${FONT}>${esc(s.label)}</text>`);
    lx += 28 + textWidth(s.label);
  }
  rows.forEach((row, i) => {
    const y = legendHeight + i * rowHeight;
    parts.push(`<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end" ${FONT}>${esc(row.label)}</text>`);
    const known = row.segments.filter((s) => s.value !== null).reduce((sum, s) => sum + (s.value as number), 0);
    if (row.segments.every((s) => s.value === null)) {
      parts.push(`<text x="${labelWidth + 4}" y="${y + 15}" ${FONT} fill="#666" font-style="italic">${esc(options.suppressed)}</text>`);
      return;
    }
    let x = labelWidth;
    let hidden = false;
    for (const s of row.segments) {
      if (s.value === null) {
        // Suppressed segments are drawn together as one hatched block of what the visible ones leave.
        if (!hidden) {
          const w = Math.max(0, 1 - known) * barWidth;
          parts.push(
            `<rect x="${x.toFixed(2)}" y="${y + 3}" width="${w.toFixed(2)}" height="${rowHeight - 6}" fill="url(#${hatch})"><title>${esc(`${row.label}: ${options.suppressed}`)}</title></rect>`,
          );
          x += w;
          hidden = true;
        }
        continue;
      }
      const w = s.value * barWidth;
      if (w > 0) {
        parts.push(
          `<rect x="${x.toFixed(2)}" y="${y + 3}" width="${w.toFixed(2)}" height="${rowHeight - 6}" fill="${s.colour}"><title>${esc(`${row.label}: ${s.label} ${options.format(s.value)}`)}</title></rect>`,
        );
        if (w > 42) {
          parts.push(
            `<text x="${(x + w / 2).toFixed(2)}" y="${y + 16}" text-anchor="middle" ${FONT} fill="${labelColour(s.colour)}">${esc(options.format(s.value))}</text>`,
          );
        }
      }
      x += w;
    }
  });
  const axisY = legendHeight + rows.length * rowHeight + 4;
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    const x = labelWidth + t * barWidth;
    parts.push(`<line x1="${x}" y1="${legendHeight}" x2="${x}" y2="${axisY}" stroke="#999" stroke-width="0.5"/>`);
    parts.push(`<text x="${x}" y="${axisY + 14}" text-anchor="middle" ${FONT} fill="#444">${esc(options.tickFormat(t))}</text>`);
  }
  parts.push(`<text x="${labelWidth + barWidth / 2}" y="${axisY + 32}" text-anchor="middle" ${FONT}>${esc(options.axisTitle)}</text>`);
  return svg(options.id, width, height, options.title, parts);
}

/**
 * Forest plot on a log scale: one line per office (estimate and 95 % interval),
 * the pooled estimate as a diamond, and a reference line at 1. Offices without
 * an estimate are listed below the plot.
 */
export function forestPlot(
  rows: Array<{ label: string; estimate: Estimate | null }>,
  pooled: { label: string; estimate: Estimate },
  options: ChartOptions & {
    /** Introduces the rows that could not be drawn. */
    left: string;
    /** Below the axis, left and right of the line at 1: which group an odds ratio below or above 1 favours. */
    lower: string;
    higher: string;
  },
): string {
  const drawable = rows.filter(
    (r) => r.estimate !== null && r.estimate.estimate !== null && r.estimate.ciLow !== null && r.estimate.ciHigh !== null && r.estimate.estimate > 0,
  );
  const pooledOk = pooled.estimate.estimate !== null && pooled.estimate.ciLow !== null && pooled.estimate.ciHigh !== null && pooled.estimate.estimate > 0;
  const skipped = [...rows.filter((r) => !drawable.includes(r)).map((r) => r.label), ...(pooledOk ? [] : [pooled.label])];
  const values = [
    ...drawable.flatMap((r) => [r.estimate!.ciLow as number, r.estimate!.ciHigh as number]),
    ...(pooledOk ? [pooled.estimate.ciLow as number, pooled.estimate.ciHigh as number] : []),
    1,
  ].filter((v) => v > 0 && Number.isFinite(v));
  const lo = Math.log(Math.min(...values)) - 0.1;
  const hi = Math.log(Math.max(...values)) + 0.1;
  const labelWidth = Math.ceil(Math.max(120, ...rows.map((r) => textWidth(r.label)), textWidth(pooled.label) * 1.2)) + 16;
  const plotWidth = 440;
  const valueWidth = 150;
  const rowHeight = 22;
  const n = drawable.length + (pooledOk ? 1 : 0);
  const top = 10;
  const width = labelWidth + plotWidth + valueWidth;
  const skippedLines = skipped.length > 0 ? wrap(`${options.left}: ${skipped.join(', ')}`, width - labelWidth - 8) : [];
  const height = top + n * rowHeight + 60 + skippedLines.length * 16;
  const x = (v: number) => labelWidth + ((Math.log(v) - lo) / (hi - lo)) * plotWidth;
  const parts: string[] = [];
  const bottom = top + n * rowHeight;
  parts.push(`<line x1="${x(1).toFixed(2)}" y1="${top}" x2="${x(1).toFixed(2)}" y2="${bottom}" stroke="#333" stroke-dasharray="4 3"/>`);
  const text = (e: Estimate) => `${options.format(e.estimate as number)} (${options.format(e.ciLow as number)}–${options.format(e.ciHigh as number)})`;
  drawable.forEach((r, i) => {
    const e = r.estimate!;
    const y = top + i * rowHeight + rowHeight / 2;
    const x1 = Math.max(labelWidth, x(e.ciLow as number));
    const x2 = Math.min(labelWidth + plotWidth, x(e.ciHigh as number));
    parts.push(`<text x="${labelWidth - 8}" y="${y + 4}" text-anchor="end" ${FONT}>${esc(r.label)}</text>`);
    parts.push(`<line x1="${x1.toFixed(2)}" y1="${y}" x2="${x2.toFixed(2)}" y2="${y}" stroke="#2166ac" stroke-width="2"/>`);
    parts.push(
      `<rect x="${(x(e.estimate as number) - 4).toFixed(2)}" y="${y - 4}" width="8" height="8" fill="#2166ac"><title>${esc(`${r.label}: ${text(e)}`)}</title></rect>`,
    );
    parts.push(`<text x="${labelWidth + plotWidth + 8}" y="${y + 4}" ${FONT}>${esc(text(e))}</text>`);
  });
  if (pooledOk) {
    const e = pooled.estimate;
    const y = top + drawable.length * rowHeight + rowHeight / 2;
    const [a, m, b] = [x(e.ciLow as number), x(e.estimate as number), x(e.ciHigh as number)];
    parts.push(`<text x="${labelWidth - 8}" y="${y + 4}" text-anchor="end" ${FONT} font-weight="bold">${esc(pooled.label)}</text>`);
    parts.push(
      `<polygon points="${a.toFixed(2)},${y} ${m.toFixed(2)},${y - 7} ${b.toFixed(2)},${y} ${m.toFixed(2)},${y + 7}" fill="#b2182b"><title>${esc(`${pooled.label}: ${text(e)}`)}</title></polygon>`,
    );
    parts.push(`<text x="${labelWidth + plotWidth + 8}" y="${y + 4}" ${FONT} font-weight="bold">${esc(text(e))}</text>`);
  }
  const ticks = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20].filter((t) => Math.log(t) >= lo && Math.log(t) <= hi);
  parts.push(`<line x1="${labelWidth}" y1="${bottom}" x2="${labelWidth + plotWidth}" y2="${bottom}" stroke="#333"/>`);
  for (const t of ticks) {
    parts.push(`<line x1="${x(t).toFixed(2)}" y1="${bottom}" x2="${x(t).toFixed(2)}" y2="${bottom + 4}" stroke="#333"/>`);
    parts.push(`<text x="${x(t).toFixed(2)}" y="${bottom + 16}" text-anchor="middle" ${FONT}>${esc(options.tickFormat(t))}</text>`);
  }
  const one = x(1);
  parts.push(`<text x="${(one - 6).toFixed(2)}" y="${bottom + 32}" text-anchor="end" ${FONT} fill="#444">${esc(`← ${options.lower}`)}</text>`);
  parts.push(`<text x="${(one + 6).toFixed(2)}" y="${bottom + 32}" ${FONT} fill="#444">${esc(`${options.higher} →`)}</text>`);
  parts.push(`<text x="${labelWidth + plotWidth / 2}" y="${bottom + 52}" text-anchor="middle" ${FONT}>${esc(options.axisTitle)}</text>`);
  skippedLines.forEach((line, i) => {
    parts.push(`<text x="${labelWidth}" y="${bottom + 72 + i * 16}" ${FONT} fill="#666" font-style="italic">${esc(line)}</text>`);
  });
  return svg(options.id, width, height, options.title, parts);
}

/** Splits text at spaces into lines of at most `width` pixels (a single long word keeps its own line). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line === '' ? word : `${line} ${word}`;
    if (line !== '' && textWidth(next) > width) {
      lines.push(line);
      line = word;
    } else {
      line = next;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

function svg(id: string, width: number, height: number, title: string, parts: string[]): string {
  const hatch = `<defs><pattern id="${id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#eeeeee"/><line x1="0" y1="0" x2="0" y2="6" stroke="#999999" stroke-width="2"/></pattern></defs>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${Math.ceil(width)} ${Math.ceil(height)}" width="${Math.ceil(width)}" height="${Math.ceil(height)}" id="${id}" role="img" aria-label="${esc(title)}"><title>${esc(title)}</title>${hatch}${parts.join('')}</svg>`;
}
