import { GROUPS, OUTCOMES, type CanonicalColumn, type Group, type NoticeCode } from '../ingest/types.js';
import { warningMessage } from './warningCatalogue.js';
import { formatCount, formatInterval, formatNumber, formatP, formatPercent, SUPPRESSED, UNDEFINED } from './format.js';
import { WORDS, type Lang, type Words } from './i18n.js';
import type { EValueBlock, ReportModel } from './model.js';
import { timeToOutcomeTables, type IncidenceCurve } from './timeTables.js';

export type { Lang };

/** One cell: its text, and the statistics it shows (for the tidy CSV). */
export interface TableCell {
  text: string;
  values?: Array<[statistic: string, value: number | null]>;
}

/** A numbered, titled table with footnotes, shared by every renderer. */
export interface ReportTable {
  number: number;
  id: 'sources' | 'outcomes' | 'workOrEducation' | 'offices' | 'officeEffects' | 'pooled' | 'multinomial' | 'baseline' | 'timeToOutcome' | 'timeComparisons';
  title: string;
  head: string[];
  /** 'l' or 'r' per column. */
  align: Array<'l' | 'r'>;
  rows: TableCell[][];
  /**
   * Each column's id and each row's id, the same in every language, so that the tidy
   * CSV of an English and a Norwegian report join (a file, an office: its name).
   */
  columnKeys: string[];
  rowKeys: string[];
  /** Rows after which a rule is drawn (e.g. before totals). */
  ruleAfter?: number[];
  footnotes: string[];
}

/** Outcome shares per group, for the bar charts. */
export interface ChartGroup {
  group: Group;
  label: string;
  shares: Array<{ outcome: string; label: string; share: number | null }>;
}

export interface ReportDocument {
  lang: Lang;
  words: Words;
  title: string;
  banner: string | null;
  tables: ReportTable[];
  chart: ChartGroup[];
  /** Each group's published curve of work or education by month. */
  curves: IncidenceCurve[];
  /** The opening sentence: the primary estimate in plain words. */
  summary: string;
  /** Report-level notes: selection, suppression, rejections. */
  notes: string[];
  warnings: string[];
}

interface BuildTablesOptions {
  lang: Lang;
}

/** Builds the numbered tables, footnotes and notes of the report from the (suppressed) model. */
export function buildTables(model: ReportModel, options: BuildTablesOptions): ReportDocument {
  const lang = options.lang;
  const w = WORDS[lang];
  const pct = (x: number) => formatNumber(x * 100, 1, lang);
  const pp = (x: number) => formatNumber(x * 100, 1, lang);
  const ratio = (x: number) => formatNumber(x, 2, lang);
  const count = (x: number | null | undefined) => formatCount(x, lang);
  const groupLabel = (g: Group) => (g === 'hybrid' ? w.hybrid : w.usual);
  /** A model formula with its variable names in the report's language. */
  const formula = (text: string) => text.replace(/\b[a-z_]+\b(?!\()/g, (name) => w.formulaTerms[name as keyof Words['formulaTerms']] ?? name);
  const outcomeLabel = (o: string) => w[o as 'job' | 'apprenticeship' | 'education' | 'none'];
  const percentCell = (p: number | null, lo: number | null, hi: number | null): TableCell => ({
    text: p === null ? SUPPRESSED : `${pct(p)} ${formatInterval(lo, hi, pct, '–')}`.trim(),
    values: [
      ['percent', p === null ? null : p * 100],
      ['ciLow', lo === null ? null : lo * 100],
      ['ciHigh', hi === null ? null : hi * 100],
    ],
  });
  const estimateCell = (
    e: { estimate: number | null; ciLow: number | null; ciHigh: number | null },
    format: (x: number) => string,
    scale = 1,
  ): [TableCell, TableCell] => [
    { text: e.estimate === null ? UNDEFINED : format(e.estimate), values: [['estimate', e.estimate === null ? null : e.estimate * scale]] },
    {
      text: formatInterval(e.ciLow, e.ciHigh, format, w.intervalSeparator),
      values: [
        ['ciLow', e.ciLow === null ? null : e.ciLow * scale],
        ['ciHigh', e.ciHigh === null ? null : e.ciHigh * scale],
      ],
    },
  ];
  const pCell = (p: number | null | undefined): TableCell => ({ text: formatP(p, lang), values: [['pValue', p ?? null]] });
  const tables: ReportTable[] = [];
  const sparse = model.warnings.some((x) => x.code === 'EXPECTED_BELOW_5');

  // Table 1: data sources and row accounting.
  const input = model.input;
  const delimiterName = (d: string) => (d === ',' ? w.comma : d === ';' ? w.semicolon : d === '\t' ? w.tab : d === '' ? UNDEFINED : d);
  /** Plain CSV shows its encoding; a workbook its sheet, and compression is added to either. */
  const encodingText = (f: (typeof input.files)[number]) =>
    [
      f.format === 'xlsx' ? (f.sheet === null ? 'xlsx' : `xlsx, ${w.sheet} ${w.quote(f.sheet)}`) : f.encoding,
      ...(f.compression === null ? [] : [f.compression]),
    ].join(', ');
  tables.push({
    number: 1,
    id: 'sources',
    title: w.tSources,
    head: [w.file, w.encoding, w.delimiter, w.rowsRead, w.accepted, w.rejected, w.duplicates],
    columnKeys: ['file', 'encoding', 'delimiter', 'rowsRead', 'rowsAccepted', 'rowsRejected', 'duplicateRows'],
    rowKeys: [...model.input.files.map((f) => f.path), 'total'],
    align: ['l', 'l', 'l', 'r', 'r', 'r', 'r'],
    rows: [
      ...model.input.files.map((f) => [
        { text: f.path },
        { text: encodingText(f) },
        { text: delimiterName(f.delimiter) },
        { text: count(f.rowsRead), values: [['count', f.rowsRead]] as TableCell['values'] },
        { text: count(f.rowsAccepted), values: [['count', f.rowsAccepted]] as TableCell['values'] },
        { text: count(f.rowsRejected), values: [['count', f.rowsRejected]] as TableCell['values'] },
        { text: count(f.duplicateRows), values: [['count', f.duplicateRows]] as TableCell['values'] },
      ]),
      [
        { text: w.total },
        { text: '' },
        { text: '' },
        { text: count(model.input.rowsRead), values: [['count', model.input.rowsRead]] },
        { text: count(model.input.rowsAccepted), values: [['count', model.input.rowsAccepted]] },
        { text: count(model.input.rowsRejected), values: [['count', model.input.rowsRejected]] },
        { text: count(model.input.duplicateRows), values: [['count', model.input.duplicateRows]] },
      ],
    ],
    ruleAfter: [model.input.files.length - 1],
    footnotes: sourceFootnotes(input, w),
  });

  // Table 2: outcome by group.
  const registered = (g: Group) => model.workOrEducation[g].n;
  /** A count per group below the outcome rows; the registered N is the 100 % base. */
  const totalRow = (label: string, hybrid: number | null, usual: number | null, base: boolean): TableCell[] => {
    const percent = (n: number | null): TableCell => ({
      text: !base ? '' : n === null ? SUPPRESSED : n === 0 ? UNDEFINED : formatNumber(100, 1, lang),
    });
    return [
      { text: label },
      { text: count(hybrid), values: [['count', hybrid]] },
      percent(hybrid),
      { text: count(usual), values: [['count', usual]] },
      percent(usual),
      { text: '' },
    ];
  };
  // The categories as published: apprenticeship and education as one when disclosure control merged them.
  const merged = model.outcomes.merged;
  const levels = OUTCOMES.flatMap((o) => {
    if (merged === null || !merged.categories.includes(o)) return [{ outcome: o as string, label: outcomeLabel(o), level: model.outcomes.byLevel[o] }];
    return o === merged.categories[0] ? [{ outcome: 'apprenticeshipOrEducation', label: w.apprenticeshipOrEducation, level: merged }] : [];
  });
  const roundingOff: string[] = [];
  for (const g of GROUPS) {
    const shares = levels.map((l) => l.level[g].proportion);
    if (shares.every((s) => s !== null)) {
      const sum = shares.reduce((s, x) => s + Math.round((x as number) * 1000) / 10, 0);
      if (Math.abs(sum - 100) > 1e-9) roundingOff.push(groupLabel(g));
    }
  }
  const fisherOutcome = model.outcomes.fisherExact;
  const outcomeTestsWithheld = model.disclosureControl.withheld.includes('outcomes.chiSquare');
  const outcomeTestsMerged = model.disclosureControl.merged.some((m) => m.statistics.includes('outcomes.chiSquare'));
  tables.push({
    number: 2,
    id: 'outcomes',
    title: w.tOutcomes,
    head: [
      w.outcome,
      `${w.hybridShort}\nn`,
      `${w.hybridShort}\n% (${w.ci})`,
      `${w.usualShort}\nn`,
      `${w.usualShort}\n% (${w.ci})`,
      `${w.difference}\n${w.pp} (${w.ci})`,
    ],
    columnKeys: ['outcome', 'hybridCount', 'hybridPercent', 'usualCount', 'usualPercent', 'difference'],
    rowKeys: [...levels.map((l) => l.outcome), 'registered', 'notRegistered', 'allUsers'],
    align: ['l', 'r', 'r', 'r', 'r', 'r'],
    rows: [
      ...levels.map(({ label, level }) => {
        const d = level.difference;
        return [
          { text: label },
          { text: count(level.hybrid.count), values: [['count', level.hybrid.count]] as TableCell['values'] },
          percentCell(level.hybrid.proportion, level.hybrid.ciLow, level.hybrid.ciHigh),
          { text: count(level.usual.count), values: [['count', level.usual.count]] as TableCell['values'] },
          percentCell(level.usual.proportion, level.usual.ciLow, level.usual.ciHigh),
          {
            text: d.estimate === null ? SUPPRESSED : `${pp(d.estimate)} ${formatInterval(d.ciLow, d.ciHigh, pp, w.intervalSeparator)}`.trim(),
            values: [
              ['differencePp', d.estimate === null ? null : d.estimate * 100],
              ['ciLow', d.ciLow === null ? null : d.ciLow * 100],
              ['ciHigh', d.ciHigh === null ? null : d.ciHigh * 100],
            ] as TableCell['values'],
          },
        ];
      }),
      totalRow(w.registered, registered('hybrid'), registered('usual'), true),
      totalRow(w.notRegistered, model.groups.hybrid.outcomeMissing, model.groups.usual.outcomeMissing, false),
      totalRow(w.allUsers, model.groups.hybrid.n, model.groups.usual.n, false),
    ],
    ruleAfter: [levels.length - 1],
    footnotes: [
      w.fnWilson,
      w.fnNewcombe,
      ...(merged === null ? [] : [w.fnCategoriesMerged(model.disclosureControl.minCell)]),
      ...(outcomeTestsWithheld
        ? [w.fnOutcomeTestsWithheld]
        : [
            w.fnChiSquare(
              model.outcomes.chiSquare.statistic === null ? UNDEFINED : formatNumber(model.outcomes.chiSquare.statistic, 2, lang),
              model.outcomes.chiSquare.df,
              formatP(model.outcomes.chiSquare.pValue, lang),
            ),
            fisherOutcome.method === 'monte-carlo'
              ? w.fnFisherMonteCarlo(formatP(fisherOutcome.pValue, lang), fisherOutcome.replicates ?? 0, fisherOutcome.seed ?? 0)
              : w.fnFisher(formatP(fisherOutcome.pValue, lang)),
            ...(outcomeTestsMerged && merged === null ? [w.fnOutcomeTestsMerged] : []),
          ]),
      ...(sparse ? [w.fnSparse] : []),
      w.fnNotRegistered,
      ...(roundingOff.length > 0 ? [w.fnRounding(roundingOff.join(', '))] : []),
    ],
  });

  /** The worst/best-case bounds for the not registered, when there are any (and whether withheld). */
  function missingBoundsNote(): string[] {
    if (model.groups.hybrid.outcomeMissing === 0 && model.groups.usual.outcomeMissing === 0) return [];
    if (model.disclosureControl.withheld.includes('missingOutcomeBounds')) return [w.fnMissingBoundsWithheld];
    const { lower, upper } = model.missingOutcomeBounds;
    return lower === null || upper === null ? [] : [w.fnMissingBounds(pp(lower), pp(upper))];
  }

  // Table 3: work or education, hybrid vs as usual.
  const woe = model.workOrEducation;
  const groupRow = (g: Group): TableCell[] => [
    { text: groupLabel(g) },
    { text: count(woe[g].n), values: [['n', woe[g].n]] },
    { text: count(woe[g].positive), values: [['count', woe[g].positive]] },
    percentCell(woe[g].proportion, woe[g].ciLow, woe[g].ciHigh),
    { text: '' },
  ];
  /** Label, estimate, interval and p; `blanks` empty cells after the label (table 3 has an N column). */
  const estimateRow = (
    label: string,
    e: { estimate: number | null; ciLow: number | null; ciHigh: number | null },
    format: (x: number) => string,
    scale: number,
    p?: number | null,
    blanks = 0,
  ): TableCell[] => {
    const [est, ci] = estimateCell(e, format, scale);
    return [{ text: label }, ...Array.from({ length: blanks }, () => ({ text: '' })), est, ci, p === undefined ? { text: '' } : pCell(p)];
  };
  /** A row whose statistics disclosure control hid: its values print as ":" (hidden), not "–" (undefined). */
  const hiddenRow = (row: TableCell[], hidden: boolean): TableCell[] =>
    hidden ? row.map((c, i) => (i === 0 || c.values === undefined ? c : { ...c, text: SUPPRESSED })) : row;
  const woeHidden = GROUPS.some((g) => woe[g].n === null || woe[g].positive === null);
  tables.push({
    number: 3,
    id: 'workOrEducation',
    title: w.tWorkOrEducation,
    head: [w.measure, 'N', 'n', `% / ${w.estimate}`, `${w.ci} / p`],
    columnKeys: ['measure', 'total', 'count', 'percentOrEstimate', 'intervalOrP'],
    rowKeys: ['hybrid', 'usual', 'riskDifference', 'riskRatio', 'oddsRatio', 'fisherExact', 'chiSquare'],
    align: ['l', 'r', 'r', 'r', 'r'],
    rows: [
      groupRow('hybrid'),
      groupRow('usual'),
      ...(
        [
          // Under "% / estimate" and "CI / p", after the N and n columns; no p column of their own.
          estimateRow(w.riskDifference, woe.riskDifference, pp, 100, undefined, 2).slice(0, 5),
          estimateRow(w.riskRatio, woe.riskRatio, ratio, 1, undefined, 2).slice(0, 5),
          estimateRow(w.oddsRatio, woe.oddsRatio, ratio, 1, undefined, 2).slice(0, 5),
          [{ text: w.fisher }, { text: '' }, { text: '' }, { text: '' }, pCell(woe.fisherExact.pValue)],
          [
            { text: `${w.chiSquare} (${w.df} = ${woe.chiSquare.df})` },
            { text: '' },
            { text: '' },
            {
              text: woe.chiSquare.statistic === null ? UNDEFINED : formatNumber(woe.chiSquare.statistic, 2, lang),
              values: [['statistic', woe.chiSquare.statistic]],
            },
            pCell(woe.chiSquare.pValue),
          ],
        ] as TableCell[][]
      ).map((row) => hiddenRow(row, woeHidden)),
    ],
    ruleAfter: [1],
    footnotes: [w.fnWilson, w.fnNewcombe, w.fnRatios, ...(sparse ? [w.fnSparse] : []), ...missingBoundsNote()],
  });

  // Table 4: offices.
  const emptyOffices = model.offices.filter((o) => o.fisherExact === undefined).map((o) => o.office);
  const share = (n: number | null, positive: number | null) => (n === null || positive === null || n === 0 ? null : positive / n);
  tables.push({
    number: 4,
    id: 'offices',
    title: w.tOffices,
    head: [w.office, `${w.hybridShort}\nN`, `${w.hybridShort}\nn`, `${w.hybridShort}\n%`, `${w.usualShort}\nN`, `${w.usualShort}\nn`, `${w.usualShort}\n%`],
    columnKeys: ['office', 'hybridTotal', 'hybridCount', 'hybridPercent', 'usualTotal', 'usualCount', 'usualPercent'],
    rowKeys: [...model.offices.map((o) => o.office), 'total'],
    align: ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
    rows: [
      ...model.offices.map((o) => [
        { text: o.office },
        { text: count(o.hybrid.n), values: [['n', o.hybrid.n]] as TableCell['values'] },
        { text: count(o.hybrid.positive), values: [['count', o.hybrid.positive]] as TableCell['values'] },
        percentText(share(o.hybrid.n, o.hybrid.positive), o.hybrid.n, lang),
        { text: count(o.usual.n), values: [['n', o.usual.n]] as TableCell['values'] },
        { text: count(o.usual.positive), values: [['count', o.usual.positive]] as TableCell['values'] },
        percentText(share(o.usual.n, o.usual.positive), o.usual.n, lang),
      ]),
      [
        { text: w.total },
        { text: count(woe.hybrid.n), values: [['n', woe.hybrid.n]] },
        { text: count(woe.hybrid.positive), values: [['count', woe.hybrid.positive]] },
        percentText(woe.hybrid.proportion, woe.hybrid.n, lang),
        { text: count(woe.usual.n), values: [['n', woe.usual.n]] },
        { text: count(woe.usual.positive), values: [['count', woe.usual.positive]] },
        percentText(woe.usual.proportion, woe.usual.n, lang),
      ],
    ],
    ruleAfter: [model.offices.length - 1],
    footnotes: [w.fnOffices],
  });

  // Table 5: the effect by office, with Holm-adjusted p-values beside the raw ones.
  const officeHidden = (o: (typeof model.offices)[number]) => GROUPS.some((g) => o[g].n === null || o[g].positive === null);
  const holmConservative = model.offices.some((o) => o.fisherExact !== undefined && officeHidden(o));
  const effectCell = (
    e: { estimate: number | null; ciLow: number | null; ciHigh: number | null },
    format: (x: number) => string,
    scale: number,
  ): TableCell => ({
    text: e.estimate === null ? UNDEFINED : `${format(e.estimate)} ${formatInterval(e.ciLow, e.ciHigh, format, w.intervalSeparator)}`.trim(),
    values: [
      ['estimate', e.estimate === null ? null : e.estimate * scale],
      ['ciLow', e.ciLow === null ? null : e.ciLow * scale],
      ['ciHigh', e.ciHigh === null ? null : e.ciHigh * scale],
    ],
  });
  const mdd = model.officeEffects.minimumDetectableDifference;
  const meta = model.officeEffects.metaAnalysis;
  const metaNote = (): string[] => {
    if (model.disclosureControl.withheld.includes('officeEffects.metaAnalysis')) return [w.fnMetaWithheld];
    if (meta.oddsRatio.estimate === null) return [];
    const merged = model.disclosureControl.merged.some((m) => m.statistics.includes('officeEffects.metaAnalysis'));
    return [
      w.fnMeta(
        meta.k,
        formatNumber(meta.tau2 ?? 0, 3, lang),
        formatNumber((meta.i2 ?? 0) * 100, 1, lang),
        formatNumber(meta.heterogeneity.statistic ?? 0, 2, lang),
        meta.heterogeneity.df,
        formatP(meta.heterogeneity.pValue, lang),
        formatInterval(meta.predictionInterval.low, meta.predictionInterval.high, ratio, w.intervalSeparator),
        merged,
      ),
    ];
  };
  const mddCell = (d: number | null): TableCell => ({ text: d === null ? UNDEFINED : pp(d), values: [['mddPp', d === null ? null : d * 100]] });
  tables.push({
    number: 5,
    id: 'officeEffects',
    title: w.tOfficeEffects,
    head: [w.office, `${w.difference}\n${w.pp} (${w.ci})`, `${w.oddsRatio}\n(${w.ci})`, 'p', `p\n(Holm)`, `${w.mdd}\n${w.pp}`],
    columnKeys: ['office', 'difference', 'oddsRatio', 'pValue', 'pValueHolm', 'minimumDetectableDifference'],
    rowKeys: [...model.offices.map((o) => o.office), 'total', 'randomEffects'],
    align: ['l', 'r', 'r', 'r', 'r', 'r'],
    rows: [
      ...model.offices.map((o, k) =>
        hiddenRow(
          [
            { text: o.office },
            effectCell(o.riskDifference, pp, 100),
            o.oddsRatio === undefined ? { text: '' } : effectCell(o.oddsRatio, ratio, 1),
            o.fisherExact === undefined ? { text: '' } : pCell(o.fisherExact.pValue),
            o.fisherExact === undefined ? { text: '' } : pCell(o.pValueHolm),
            mddCell(mdd.byOffice[k].difference),
          ],
          officeHidden(o),
        ),
      ),
      hiddenRow(
        [
          { text: w.total },
          effectCell(woe.riskDifference, pp, 100),
          effectCell(woe.oddsRatio, ratio, 1),
          pCell(woe.fisherExact.pValue),
          { text: '' },
          mddCell(mdd.overall),
        ],
        woeHidden,
      ),
      hiddenRow(
        [{ text: w.randomEffects }, { text: '' }, effectCell(meta.oddsRatio, ratio, 1), pCell(meta.oddsRatio.pValue), { text: '' }, { text: '' }],
        model.disclosureControl.withheld.includes('officeEffects.metaAnalysis'),
      ),
    ],
    ruleAfter: [model.offices.length - 1],
    footnotes: [
      w.fnOfficeEffects(model.offices.filter((o) => o.fisherExact !== undefined).length),
      w.fnMdd(formatNumber(mdd.power * 100, 0, lang), formatNumber(mdd.alpha * 100, 0, lang)),
      ...metaNote(),
      ...(holmConservative ? [w.fnHolmHidden] : []),
      ...(emptyOffices.length > 0 ? [w.fnOfficeEmpty(emptyOffices.join(', '))] : []),
    ],
  });

  // Table 6: pooled, adjusted and weighted.
  const s = model.stratified;
  const adj = model.adjusted;
  // A statistic withheld by disclosure control shows the suppression symbol, not "undefined".
  const testRow = (label: string, t: { statistic: number | null; df: number | null; pValue: number | null }, path: string): TableCell[] => {
    const withheld = model.disclosureControl.withheld.includes(path);
    return [
      { text: `${label} (χ², ${w.df} = ${t.df ?? SUPPRESSED})` },
      { text: withheld ? SUPPRESSED : t.statistic === null ? UNDEFINED : formatNumber(t.statistic, 2, lang), values: [['statistic', t.statistic]] },
      { text: '' },
      withheld ? { text: SUPPRESSED, values: [['pValue', null]] } : pCell(t.pValue),
    ];
  };
  // Fitted but withheld (separation, non-convergence) is said so; not fitted at all is just undefined.
  const modelsWithheld = model.disclosureControl.withheld.includes('adjusted');
  const wc = model.withinCounsellor;
  const counsellorWithheld = model.disclosureControl.withheld.includes('withinCounsellor');
  const clogitWithheld = counsellorWithheld || model.disclosureControl.withheld.includes('withinCounsellor.conditionalLogistic');
  const prim = model.primary;
  const primaryWithheld = model.disclosureControl.withheld.includes('primary');
  const eValueNote = (e: EValueBlock, text: Words['fnEValue']): string[] =>
    e.eValue === null || e.eValueCi === null ? [] : [text(ratio(e.eValue), ratio(e.eValueCi), e.eValueCi === 1)];
  const adjustedUnreliable = adj.oddsRatio.estimate === null && model.warnings.some((x) => x.code === 'ADJUSTED_UNRELIABLE');
  tables.push({
    number: 6,
    id: 'pooled',
    title: w.tPooled,
    head: [w.measure, w.estimate, w.ci, 'p'],
    columnKeys: ['measure', 'estimate', 'interval', 'pValue'],
    rowKeys: [
      'primaryRiskDifference',
      'primaryRiskRatio',
      'crudeOddsRatio',
      'mantelHaenszelOddsRatio',
      'mantelHaenszelRiskDifference',
      'cmh',
      'breslowDay',
      'generalizedCmh',
      ...(wc.available ? ['counsellorMantelHaenszelOddsRatio', 'counsellorCmh', 'conditionalOddsRatio'] : []),
      'adjustedOddsRatio',
      'weightedRiskDifference',
    ],
    align: ['l', 'r', 'r', 'r'],
    rows: [
      hiddenRow(estimateRow(w.primaryRd, prim.riskDifference, pp, 100, prim.riskDifference.pValue), primaryWithheld),
      hiddenRow(estimateRow(w.primaryRr, prim.riskRatio, ratio, 1), primaryWithheld),
      hiddenRow(estimateRow(w.crudeOr, woe.oddsRatio, ratio, 1, woe.fisherExact.pValue), woeHidden),
      hiddenRow(estimateRow(w.mhOr, s.mantelHaenszelOddsRatio, ratio, 1), model.disclosureControl.withheld.includes('stratified.mantelHaenszelOddsRatio')),
      hiddenRow(
        estimateRow(w.mhRd, s.mantelHaenszelRiskDifference, pp, 100),
        model.disclosureControl.withheld.includes('stratified.mantelHaenszelRiskDifference'),
      ),
      testRow(w.cmh, s.cmh, 'stratified.cmh'),
      testRow(w.breslowDay, s.breslowDay, 'stratified.breslowDay'),
      testRow(w.gcmh, s.generalizedCmh, 'stratified.generalizedCmh'),
      ...(wc.available
        ? [
            hiddenRow(estimateRow(w.mhOrCounsellor, wc.mantelHaenszelOddsRatio, ratio, 1), counsellorWithheld),
            testRow(w.cmhCounsellor, wc.cmh, 'withinCounsellor'),
            hiddenRow(estimateRow(w.clogitOr, wc.conditionalLogistic.oddsRatio, ratio, 1, wc.conditionalLogistic.oddsRatio.pValue), clogitWithheld),
          ]
        : []),
      adjustedUnreliable
        ? [{ text: w.adjustedOr }, { text: w.unreliable }, { text: '' }, { text: '' }]
        : hiddenRow(estimateRow(w.adjustedOr, adj.oddsRatio, ratio, 1, adj.oddsRatio.pValue), modelsWithheld),
      hiddenRow(estimateRow(w.weightedRd, model.weighted.riskDifference, pp, 100), modelsWithheld),
    ],
    ruleAfter: [1, 2, 7, ...(wc.available ? [10] : [])],
    footnotes: [
      w.fnSelection,
      w.fnPrimary(
        formula(prim.terms.join(' + ')),
        prim.n,
        prim.clusters,
        prim.clusterBy,
        prim.weights.effectiveSampleSizeUsual === null ? SUPPRESSED : formatNumber(prim.weights.effectiveSampleSizeUsual, 1, lang),
        prim.weights.max === null ? SUPPRESSED : formatNumber(prim.weights.max, 2, lang),
      ),
      ...eValueNote(model.sensitivity.primaryRiskRatio, w.fnEValuePrimary),
      w.fnMantelHaenszel,
      ...(s.breslowDay.strataExcluded === null ? [] : [w.fnBreslowDay(s.breslowDay.strataExcluded)]),
      ...model.disclosureControl.merged
        .filter((m) => m.offices !== undefined && m.statistics.includes('stratified.cmh'))
        .map((m) => w.fnStrataMerged(m.offices!.join(', '), s.strataTotal)),
      ...(model.disclosureControl.withheld.includes('stratified.cmh') ? [w.fnStratifiedWithheld] : []),
      ...(model.disclosureControl.withheld.includes('stratified.generalizedCmh') ? [w.fnGeneralizedCmhWithheld] : []),
      w.fnSato,
      ...(!wc.available ? [] : counsellorWithheld ? [w.fnCounsellorWithheld] : [w.fnCounsellor(wc.strataUsed ?? 0, wc.strataTotal ?? 0)]),
      ...(!wc.available || clogitWithheld
        ? []
        : [
            w.fnConditionalLogistic(
              formula(wc.conditionalLogistic.formula),
              wc.conditionalLogistic.n,
              wc.conditionalLogistic.strataUsed,
              wc.conditionalLogistic.strataTotal,
            ),
            ...eValueNote(model.sensitivity.conditionalOddsRatio, w.fnEValueConditional),
          ]),
      w.fnAdjusted(
        formula(adj.formula),
        adj.n,
        adj.clusters,
        adj.clusterBy,
        adj.variance === 'CR2' ? (adj.df === null ? SUPPRESSED : formatNumber(adj.df, 1, lang)) : null,
      ),
      w.fnWeighted(model.weighted.n),
      ...(model.disclosureControl.withheld.includes('adjusted') ? [w.fnModelsWithheld] : []),
      ...eValueNote(model.sensitivity.adjustedOddsRatio, w.fnEValue),
      w.fnAdjustedLimits,
    ],
  });

  // Table 7: all four outcomes, adjusted (multinomial).
  const mn = model.multinomial;
  const multinomialWithheld = model.disclosureControl.withheld.includes('multinomial');
  const eq = mn.equalEffects;
  tables.push({
    number: 7,
    id: 'multinomial',
    title: w.tMultinomial,
    head: [w.outcome, w.relativeRiskRatio, w.ci, 'p'],
    columnKeys: ['outcome', 'relativeRiskRatio', 'interval', 'pValue'],
    rowKeys: mn.relativeRiskRatios.map((r) => r.outcome),
    align: ['l', 'r', 'r', 'r'],
    rows: mn.relativeRiskRatios.map((r) => hiddenRow(estimateRow(outcomeLabel(r.outcome), r, ratio, 1, r.pValue), multinomialWithheld)),
    footnotes: [
      w.fnMultinomial(formula(mn.formula), mn.n, mn.clusters, mn.clusterBy),
      ...(multinomialWithheld
        ? [w.fnMultinomialWithheld]
        : eq.statistic === null || eq.pValue === null
          ? []
          : [w.fnMultinomialEqual(formatNumber(eq.statistic, 2, lang), eq.df, formatP(eq.pValue, lang), eq.pValue < 0.05)]),
    ],
  });

  // Table 8: baseline.
  const after = new Map(model.weighted.smdAfter.map((x) => [x.variable, x.smd]));
  const smdText = (x: number | null | undefined) => (x === null || x === undefined ? UNDEFINED : formatNumber(x, 2, lang));
  tables.push({
    number: 8,
    id: 'baseline',
    title: w.tBaseline,
    head: [w.variable, w.hybrid, w.usual, w.smd, w.smdAfter],
    columnKeys: ['variable', 'hybrid', 'usual', 'smd', 'smdWeighted'],
    rowKeys: model.baseline.map((row) => row.variable),
    align: ['l', 'r', 'r', 'r', 'r'],
    rows: model.baseline.map((row) => {
      const label = row.variable === 'age' ? w.age : row.variable === 'gender' ? w.women : w.priorWork;
      const summary = (g: Group): TableCell => {
        const x = row[g] as { n: number | null; mean?: number | null; sd?: number | null; count?: number | null; proportion?: number | null };
        if (row.variable === 'age') {
          return {
            text:
              x.mean === null || x.mean === undefined
                ? x.n === null
                  ? SUPPRESSED
                  : UNDEFINED
                : `${formatNumber(x.mean, 1, lang)} (${x.sd === null || x.sd === undefined ? UNDEFINED : formatNumber(x.sd, 1, lang)})`,
            values: [
              ['mean', x.mean ?? null],
              ['sd', x.sd ?? null],
            ],
          };
        }
        return {
          text: x.count === null || x.count === undefined ? SUPPRESSED : `${count(x.count)} (${formatPercent(x.proportion, lang)})`,
          values: [
            ['count', x.count ?? null],
            ['percent', x.proportion === null || x.proportion === undefined ? null : x.proportion * 100],
          ],
        };
      };
      return [
        { text: label },
        summary('hybrid'),
        summary('usual'),
        // An SMD of shares hidden by disclosure control is hidden, not undefined.
        { text: smdHidden(row) ? SUPPRESSED : smdText(row.smd), values: [['smd', row.smd]] },
        {
          text: modelsWithheld || (after.get(row.variable) === null && smdHidden(row)) ? SUPPRESSED : smdText(after.get(row.variable)),
          values: [['smdWeighted', after.get(row.variable) ?? null]],
        },
      ];
    }),
    footnotes: [w.fnBaseline, w.fnSelection],
  });

  // Tables 9 and 10: time to outcome.
  const time = timeToOutcomeTables(model, w, lang, 9);
  tables.push(...time.tables);

  const notes: string[] = [w.fnSelection];
  if (model.disclosureControl.applied) {
    const dc = model.disclosureControl;
    const limits = dc.suppressedCells > 0 || dc.withheld.length > 0 || dc.merged.length > 0 ? ` ${w.fnSuppressionLimits}` : '';
    notes.push(`${dc.suppressedCells > 0 ? w.fnSuppressed(dc.suppressedCells, dc.minCell) : w.fnNoSuppression}${limits} ${w.fnInputNotesLeftOut(dc.minCell)}`);
  }
  const chart: ChartGroup[] = GROUPS.map((g) => ({
    group: g,
    label: groupLabel(g),
    shares: levels.map((l) => ({ outcome: l.outcome, label: l.label, share: l.level[g].proportion })),
  }));
  const orUndefined = (x: number | null, format: (v: number) => string) => (x === null ? UNDEFINED : format(x));
  const summary = primaryWithheld
    ? w.summaryPrimaryWithheld
    : prim.meanHybrid === null || prim.meanHybridIfUsual === null || prim.riskDifference.estimate === null
      ? w.summaryPrimaryUndefined
      : w.summaryPrimary({
          hybrid: pct(prim.meanHybrid),
          ifUsual: pct(prim.meanHybridIfUsual),
          difference: pp(prim.riskDifference.estimate),
          differenceLow: orUndefined(prim.riskDifference.ciLow, pp),
          differenceHigh: orUndefined(prim.riskDifference.ciHigh, pp),
          ratio: orUndefined(prim.riskRatio.estimate, ratio),
          ratioLow: orUndefined(prim.riskRatio.ciLow, ratio),
          ratioHigh: orUndefined(prim.riskRatio.ciHigh, ratio),
        });
  for (const table of tables) {
    if (table.rowKeys.length !== table.rows.length || table.columnKeys.length !== table.head.length) {
      throw new Error(
        `table ${table.id}: ${table.rowKeys.length} row ids for ${table.rows.length} rows, ${table.columnKeys.length} column ids for ${table.head.length} columns`,
      );
    }
  }
  return {
    lang,
    words: w,
    title: w.title,
    summary,
    banner: model.internal ? w.internalBanner : null,
    tables,
    chart,
    curves: time.curves,
    notes,
    warnings: model.warnings.map((x) => `${x.code} (${x.context}): ${warningMessage(x, lang)}`),
  };
}

/**
 * Notices of an optional value read as missing, and the column each is about when
 * the notice names none (INVALID_DATE may concern either date).
 */
const VALUE_MISSING: Partial<Record<NoticeCode, CanonicalColumn | null>> = {
  INVALID_AGE: 'age',
  INVALID_DATE: null,
  // UNKNOWN_GENDER and UNKNOWN_PRIOR_WORK are told by the unknown-label footnotes, label by label.
};

/**
 * Table 1's footnotes, one per item: first the files (skipped, lines before the
 * header, other worksheets), then the rows (rejected, unknown labels, values read
 * as missing), then offices and ids. LINES_BEFORE_HEADER and OFFICE_SPELLINGS_MERGED
 * notices are told from files[].headerLine and officeSpellings, once.
 */
function sourceFootnotes(input: ReportModel['input'], w: Words): string[] {
  const notices = (code: NoticeCode) => input.notices.filter((n) => n.code === code);
  const workbooks = new Set(input.files.filter((f) => f.format === 'xlsx').map((f) => f.path));
  const places = (list: ReadonlyArray<{ file: string; line: number }>, more: boolean) => ({
    places: list.map((p) => ({ ...p, workbook: workbooks.has(p.file) })),
    more,
  });
  const first = (n: (typeof input.notices)[number]) => places(n.examples, n.count > n.examples.length);
  const columnName = (column: CanonicalColumn | null) => (column === null ? w.someDate : w.columnNames[column]);
  return [
    ...input.skippedFiles.map((s) => w.fnSkippedFile(s.path, w.skipReasons[s.code])),
    ...input.files.filter((f) => f.headerLine > 1).map((f) => w.fnLinesBeforeHeader(f.path, f.headerLine, f.sepLine, f.format === 'xlsx')),
    ...notices('SHEETS_IGNORED').map((n) => w.fnSheetsIgnored(n.count, [...new Set(n.examples.map((p) => p.file))])),
    ...(input.rowsRejected > 0 ? [w.fnRejected(input.rowsRejected, input.rowsRead)] : []),
    ...input.unknownLabels.map((u) => w.fnUnknownLabel(u.count, w.columnNames[u.column], u.label, places([u.first], false), u.effect)),
    ...input.notices
      .filter((n) => n.code in VALUE_MISSING)
      .map((n) => w.fnValueMissing(columnName(n.column ?? VALUE_MISSING[n.code] ?? null), n.count, first(n))),
    ...input.officeSpellings.map((o) =>
      w.fnOfficeSpellings(
        o.name,
        o.spellings.filter((s) => s.spelling !== o.name),
      ),
    ),
    ...notices('OFFICE_NAME_ENCODING').map((n) => w.fnOfficeNameEncoding(n.count, first(n))),
    ...notices('ID_IN_SEVERAL_OFFICES').map((n) => w.fnIdsInSeveralOffices(n.count, input.idScope)),
    ...(input.allowedColumns.length > 0 ? [w.fnAllowed(input.allowedColumns.join(', '))] : []),
  ];
}

/** An SMD of shares that disclosure control hid (its shares are hidden), not one that is undefined. */
function smdHidden(row: ReportModel['baseline'][number]): boolean {
  const share = (x: unknown) => (x as { proportion?: number | null }).proportion;
  return row.smd === null && (share(row.hybrid) === null || share(row.usual) === null);
}

function percentText(share: number | null, n: number | null, lang: Lang): TableCell {
  if (n === 0) return { text: UNDEFINED, values: [['percent', null]] };
  return { text: formatPercent(share, lang), values: [['percent', share === null ? null : share * 100]] };
}
