import { GROUPS, type Group } from '../ingest/types.js';
import { formatCount, formatInterval, formatNumber, formatP, SUPPRESSED, UNDEFINED } from './format.js';
import type { Lang, Words } from './i18n.js';
import { TIME_WORDS } from './i18nTime.js';
import type { ReportModel, TimeToOutcomeEvent } from './model.js';
import type { ReportTable, TableCell } from './tables.js';

/** A group's published curve of work or education, for the figures. */
export interface IncidenceCurve {
  group: Group;
  label: string;
  points: { month: number; estimate: number | null; atRisk: number | null }[];
}

const EVENTS: readonly TimeToOutcomeEvent[] = ['workOrEducation', 'job', 'apprenticeship', 'education'];

/**
 * The time-to-outcome tables: cumulative incidence by group at the horizons
 * (`first`), and the comparisons between the groups (`first + 1`), with the curves
 * for the figures.
 */
export function timeToOutcomeTables(model: ReportModel, w: Words, lang: Lang, first: number): { tables: ReportTable[]; curves: IncidenceCurve[] } {
  const tw = TIME_WORDS[lang];
  const t = model.timeToOutcome;
  const pct = (x: number) => formatNumber(x * 100, 1, lang);
  const ratio = (x: number) => formatNumber(x, 2, lang);
  const count = (x: number | null) => formatCount(x, lang);
  const groupLabel = (g: Group) => (g === 'hybrid' ? w.hybrid : w.usual);
  const shortLabel = (g: Group) => (g === 'hybrid' ? w.hybridShort : w.usualShort);
  const eventLabel = (e: TimeToOutcomeEvent) => (e === 'workOrEducation' ? w.workOrEducation : w[e]);
  const cell = (g: Group, e: TimeToOutcomeEvent, months: number) => t.cumulativeIncidence.find((c) => c.group === g && c.outcome === e && c.months === months)!;
  let beyond = false;
  const incidenceCell = (g: Group, e: TimeToOutcomeEvent, months: number): TableCell => {
    const c = cell(g, e, months);
    const values: TableCell['values'] = [
      ['percent', c.estimate === null ? null : c.estimate * 100],
      ['ciLow', c.ciLow === null ? null : c.ciLow * 100],
      ['ciHigh', c.ciHigh === null ? null : c.ciHigh * 100],
    ];
    if (c.estimate === null) {
      const undefinedHere = c.atRisk === 0;
      beyond ||= undefinedHere;
      return { text: undefinedHere ? UNDEFINED : SUPPRESSED, values };
    }
    // No event yet: 0 with no interval (survfit's limits are 0 or NA there).
    if (c.estimate === 0) return { text: pct(0), values };
    return { text: `${pct(c.estimate)} ${formatInterval(c.ciLow, c.ciHigh, pct, '–')}`.trim(), values };
  };
  const dc = model.disclosureControl;
  const excludedParts = t.excluded.filter((x) => x.hybrid !== 0 || x.usual !== 0).map((x) => `${tw.reasons[x.reason]} ${count(x.hybrid)} / ${count(x.usual)}`);
  const incidenceRows: TableCell[][] = EVENTS.flatMap((e) =>
    GROUPS.map((g, i) => [{ text: i === 0 ? eventLabel(e) : '' }, { text: shortLabel(g) }, ...t.horizons.map((m) => incidenceCell(g, e, m))]),
  );
  const atRiskRows: TableCell[][] = GROUPS.map((g, i) => [
    { text: i === 0 ? tw.atRisk : '' },
    { text: shortLabel(g) },
    ...t.horizons.map((m) => {
      const n = cell(g, 'workOrEducation', m).atRisk;
      return { text: count(n), values: [['atRisk', n]] as TableCell['values'] };
    }),
  ]);
  // Months of a curve that disclosure control left out: those missing between 0 and its last published month.
  const leftOut = t.curves.flatMap((c) => {
    const shown = new Set(c.points.map((p) => p.month));
    const last = Math.max(-1, ...shown);
    const missing = Array.from({ length: last + 1 }, (_, m) => m).filter((m) => !shown.has(m));
    return missing.length === 0 ? [] : [`${groupLabel(c.group).toLowerCase()} ${missing.join(', ')}`];
  });
  const date = t.extractionDate === null ? null : lang === 'en' ? t.extractionDate : t.extractionDate.split('-').reverse().join('.');
  const incidence: ReportTable = {
    number: first,
    id: 'timeToOutcome',
    title: tw.tIncidence,
    head: [w.outcome, tw.group, ...t.horizons.map((m) => tw.months(m))],
    align: ['l', 'l', ...t.horizons.map(() => 'r' as const)],
    rows: [...incidenceRows, ...atRiskRows],
    columnKeys: ['outcome', 'group', ...t.horizons.map((m) => `month${m}`)],
    rowKeys: [...EVENTS, 'atRisk'].flatMap((key) => GROUPS.map((g) => `${key}.${g}`)),
    ruleAfter: EVENTS.map((_, k) => 2 * k + 1),
    footnotes: [
      tw.fnOrigin(date, t.extractionDateFromData),
      tw.fnAalenJohansen,
      tw.fnCensored(count(t.censored.hybrid), count(t.censored.usual)),
      ...(excludedParts.length > 0 ? [tw.fnExcluded(excludedParts.join('; '))] : []),
      ...(beyond ? [tw.fnBeyond] : []),
      ...(dc.applied ? [tw.fnMonthly(dc.minCell)] : []),
      ...(leftOut.length > 0 ? [tw.fnMonthsLeftOut(leftOut.join('; '))] : []),
    ],
  };

  const cox = t.causeSpecificHazardRatio;
  const fg = t.subdistributionHazardRatio;
  const withheld = dc.withheld.includes('timeToOutcome.comparisons');
  const hidden = (x: number | null) => (x === null && withheld ? SUPPRESSED : UNDEFINED);
  const estimateRow = (
    label: string,
    e: { estimate: number | null; ciLow: number | null; ciHigh: number | null },
    format: (x: number) => string,
    scale: number,
    p?: number | null,
  ): TableCell[] => [
    { text: label },
    { text: e.estimate === null ? hidden(e.estimate) : format(e.estimate), values: [['estimate', e.estimate === null ? null : e.estimate * scale]] },
    {
      text: formatInterval(e.ciLow, e.ciHigh, format, w.intervalSeparator),
      values: [
        ['ciLow', e.ciLow === null ? null : e.ciLow * scale],
        ['ciHigh', e.ciHigh === null ? null : e.ciHigh * scale],
      ],
    },
    p === undefined ? { text: '' } : { text: p === null && withheld ? SUPPRESSED : formatP(p, lang), values: [['pValue', p]] },
  ];
  const covariateNames = (list: readonly string[]) =>
    list
      .filter((c) => !c.startsWith('office'))
      .map((c) => (c === 'age' ? w.columnNames.age : c === 'female' ? w.columnNames.gender : c === 'prior_work' ? w.columnNames.prior_work : c))
      .join(', ');
  const gray = t.grayTest;
  const weightedWithheld = dc.withheld.some((x) => x.startsWith('timeToOutcome.weightedDifference'));
  const pp = (x: number) => formatNumber(x * 100, 1, lang);
  const ess = t.weighting.effectiveSampleSizeUsual;
  const comparisons: ReportTable = {
    number: first + 1,
    id: 'timeComparisons',
    title: tw.tComparisons,
    head: [w.measure, w.estimate, w.ci, 'p'],
    columnKeys: ['measure', 'estimate', 'interval', 'pValue'],
    rowKeys: ['grayTest', 'causeSpecificHazardRatio', 'subdistributionHazardRatio', ...t.weightedDifference.map((d) => `weightedDifference${d.months}`)],
    align: ['l', 'r', 'r', 'r'],
    rows: [
      [
        { text: tw.grayTest },
        {
          text: gray.statistic === null ? hidden(null) : `${formatNumber(gray.statistic, 2, lang)} (${gray.df} ${w.df})`,
          values: [['statistic', gray.statistic]],
        },
        { text: '' },
        { text: gray.pValue === null && withheld ? SUPPRESSED : formatP(gray.pValue, lang), values: [['pValue', gray.pValue]] },
      ],
      estimateRow(tw.causeSpecificHr, cox.hazardRatio, ratio, 1, cox.hazardRatio.pValue),
      estimateRow(tw.subdistributionHr, fg.hazardRatio, ratio, 1, fg.hazardRatio.pValue),
      ...t.weightedDifference.map((d) => {
        const row = estimateRow(tw.weightedDifference(d.months), d, pp, 100);
        return d.estimate === null && weightedWithheld ? row.map((c, i) => (i === 1 ? { ...c, text: SUPPRESSED } : c)) : row;
      }),
    ],
    footnotes: [
      tw.fnGray,
      tw.fnCox(covariateNames(cox.covariates), count(cox.n), count(cox.events), count(cox.clusters), cox.clusterBy),
      tw.fnFineGray(covariateNames(fg.covariates.length > 0 ? fg.covariates : cox.covariates)),
      ...(t.weightedDifference.length > 0
        ? [
            tw.fnWeighted(
              count(t.weighting.n),
              ess === null ? SUPPRESSED : formatNumber(ess, 1, lang),
              t.weighting.replicates,
              // Withheld (null) or none: nothing to say about failed replicates.
              t.weighting.failedReplicates === null ? '0' : count(t.weighting.failedReplicates),
              t.weighting.seed,
              t.weighting.clusterBy,
            ),
          ]
        : []),
      tw.fnReading,
      ...(withheld ? [tw.fnComparisonsWithheld(dc.minCell)] : weightedWithheld ? [tw.fnWeightedWithheld] : []),
    ],
  };
  const curves: IncidenceCurve[] = t.curves.map((c) => ({
    group: c.group,
    label: groupLabel(c.group),
    points: c.points.map((p) => ({ month: p.month, estimate: p.estimate, atRisk: p.atRisk })),
  }));
  return { tables: [incidence, comparisons], curves };
}
