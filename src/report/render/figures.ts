import type { Lang } from '../i18n.js';
import type { ReportModel } from '../model.js';
import type { ReportDocument, ReportTable } from '../tables.js';
import { formatCount, formatNumber, SUPPRESSED } from '../format.js';
import { TIME_WORDS } from '../i18nTime.js';
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

/** Chart words kept here: only the HTML and Word reports draw charts with axes. */
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
const OUTCOME_COLOURS = ['#1b7837', '#5aae61', '#2166ac', '#bababa'];

/** One chart of the report, placed after the table it illustrates. */
export interface ReportFigure {
  /** Numbered in the order the figures appear, like the tables. */
  number: number;
  /** The table the figure follows. */
  after: ReportTable['id'];
  /** The caption's word for a figure ("Figure", "Figur"), which Word's caption numbering also uses. */
  label: string;
  title: string;
  /** The chart as SVG; `id` prefixes the ids inside it, which must be unique in a document. */
  svg: (id: string) => string;
}

/**
 * The report's charts and where they go: stacked bars of outcomes by group after the
 * outcome table and of work or education by office after the office table, the
 * cumulative incidence curves after the time-to-outcome table, and a forest plot of
 * the office odds ratios with the pooled estimate after the office effects.
 */
export function reportFigures(model: ReportModel, doc: ReportDocument, lang: Lang): ReportFigure[] {
  const cw = CHART_WORDS[lang];
  const pct = (x: number) => `${formatNumber(x * 100, 1, lang)} %`;
  const tickPct = (x: number) => `${formatNumber(x * 100, 0, lang)} %`;
  const bars = (title: string, rows: StackedRow[]) => ({
    title,
    svg: (id: string) =>
      stackedBars(rows, {
        id,
        title,
        format: pct,
        tickFormat: tickPct,
        suppressed: cw.suppressed,
        suppressedLegend: cw.suppressedLegend,
        axisTitle: cw.shareAxis,
      }),
  });
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
  const tw = TIME_WORDS[lang];
  const charts: Partial<Record<ReportTable['id'], { title: string; svg: (id: string) => string }>> = {
    outcomes: bars(cw.overall, overall),
    offices: bars(cw.byOffice, byOffice),
    timeToOutcome: {
      title: tw.chartTitle,
      svg: (id) =>
        incidenceCurves(doc.curves, {
          id,
          title: tw.chartTitle,
          monthsAxis: tw.chartMonths,
          valueAxis: tw.chartAxis,
          atRisk: tw.atRisk,
          nothing: tw.chartNothing,
          format: tickPct,
          count: (n) => formatCount(n, lang),
          hidden: SUPPRESSED,
        }),
    },
    officeEffects: {
      title: cw.forest,
      svg: (id) =>
        forestPlot(
          model.offices.map((o) => ({ label: o.office, estimate: o.oddsRatio ?? null })),
          { label: cw.pooled, estimate: model.stratified.mantelHaenszelOddsRatio },
          {
            id,
            title: cw.forest,
            format: (x) => formatNumber(x, 2, lang),
            tickFormat: (x) => formatNumber(x, x < 1 ? 1 : 0, lang),
            left: cw.left,
            axisTitle: cw.orAxis,
            lower: cw.lower,
            higher: cw.higher,
          },
        ),
    },
  };
  const figures: ReportFigure[] = [];
  for (const table of doc.tables) {
    const chart = charts[table.id];
    if (chart !== undefined) figures.push({ number: figures.length + 1, after: table.id, label: cw.figure, ...chart });
  }
  return figures;
}
