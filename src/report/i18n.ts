import type { CanonicalColumn, IdScope, Place, SkipCode } from '../ingest/types.js';
import { formatCount, SUPPRESSED } from './format.js';

/** Words of the report in English, Bokmål and Nynorsk. */
export type Lang = 'en' | 'nb' | 'nn';

/** A place list in a footnote: the first places (a workbook's are rows), and whether more follow. */
export interface Places {
  places: ReadonlyArray<Place & { workbook: boolean }>;
  more: boolean;
}

/** The primary estimate's numbers, formatted, for the opening sentence. */
export interface PrimarySummaryText {
  hybrid: string;
  ifUsual: string;
  difference: string;
  differenceLow: string;
  differenceHigh: string;
  ratio: string;
  ratioLow: string;
  ratioHigh: string;
}

export interface Words {
  table: string;
  title: string;
  internalBanner: string;
  // table titles
  tSources: string;
  tOutcomes: string;
  tWorkOrEducation: string;
  tOffices: string;
  tOfficeEffects: string;
  tPooled: string;
  tBaseline: string;
  tMultinomial: string;
  relativeRiskRatio: string;
  fnMultinomial: (formula: string, n: number | null, clusters: number | null, by: 'counsellor' | 'office') => string;
  fnMultinomialEqual: (statistic: string, df: number, p: string, significant: boolean) => string;
  fnMultinomialWithheld: string;
  // labels
  file: string;
  encoding: string;
  delimiter: string;
  rowsRead: string;
  accepted: string;
  rejected: string;
  duplicates: string;
  total: string;
  hybrid: string;
  usual: string;
  hybridShort: string;
  usualShort: string;
  /** Separator inside an interval of possibly negative numbers. */
  intervalSeparator: string;
  outcome: string;
  job: string;
  apprenticeship: string;
  education: string;
  /** Apprenticeship and education as one category (disclosure control's table redesign). */
  apprenticeshipOrEducation: string;
  fnCategoriesMerged: (minCell: number) => string;
  none: string;
  workOrEducation: string;
  registered: string;
  notRegistered: string;
  allUsers: string;
  difference: string;
  pp: string;
  ci: string;
  office: string;
  measure: string;
  estimate: string;
  test: string;
  riskDifference: string;
  riskRatio: string;
  oddsRatio: string;
  fisher: string;
  chiSquare: string;
  /** Degrees of freedom, abbreviated. */
  df: string;
  crudeOr: string;
  mhOr: string;
  mhRd: string;
  cmh: string;
  breslowDay: string;
  gcmh: string;
  mhOrCounsellor: string;
  clogitOr: string;
  fnConditionalLogistic: (formula: string, n: number | null, used: number | null, total: number | null) => string;
  fnEValueConditional: (eValue: string, eValueCi: string, includesNull: boolean) => string;
  cmhCounsellor: string;
  fnCounsellor: (used: number, total: number) => string;
  fnCounsellorWithheld: string;
  adjustedOr: string;
  weightedRd: string;
  variable: string;
  age: string;
  women: string;
  priorWork: string;
  smd: string;
  smdAfter: string;
  meanSd: string;
  chartTitle: string;
  to: string;
  comma: string;
  tab: string;
  semicolon: string;
  warnings: string;
  notes: string;
  rejectedRows: string;
  /** After the first rejected rows listed: how many more there are and where to see them all. */
  moreRejectedRows: (count: number) => string;
  // The workbook (--format xlsx): an interval's limits and a standard deviation in columns of their own; the rejected rows' columns
  ciLower: string;
  ciUpper: string;
  sdShort: string;
  rejectionLine: string;
  rejectionField: string;
  rejectionCode: string;
  rejectionMessage: string;
  /** A model formula's variable names in the report's language (R functions such as strata() stay). */
  formulaTerms: Record<'work_or_education' | 'outcome' | 'group' | 'office' | 'age' | 'gender' | 'prior_work' | 'counsellor', string>;
  // footnotes
  fnSelection: string;
  fnAdjustedLimits: string;
  fnWilson: string;
  fnNewcombe: string;
  fnChiSquare: (stat: string, df: number, p: string) => string;
  fnFisher: (p: string) => string;
  fnFisherMonteCarlo: (p: string, replicates: number, seed: number) => string;
  fnSparse: string;
  /** The outcome table's tests computed with apprenticeship and education merged (disclosure control). */
  fnOutcomeTestsMerged: string;
  /** The outcome table's tests withheld (disclosure control). */
  fnOutcomeTestsWithheld: string;
  /** Offices with hidden cells merged into one stratum for the stratified analyses (disclosure control). */
  fnStrataMerged: (offices: string, strata: number) => string;
  /** The stratified 2 × 2 analyses withheld (disclosure control). */
  fnStratifiedWithheld: string;
  /** The generalized CMH withheld (disclosure control). */
  fnGeneralizedCmhWithheld: string;
  fnRatios: string;
  fnOffices: string;
  fnOfficeEmpty: (offices: string) => string;
  fnOfficeEffects: (tested: number) => string;
  fnMdd: (power: string, alpha: string) => string;
  randomEffects: string;
  fnMeta: (k: number, tau2: string, i2: string, q: string, df: number, p: string, predictionInterval: string, merged: boolean) => string;
  fnMetaWithheld: string;
  /** Minimum detectable difference, a column head. */
  mdd: string;
  fnMissingBounds: (lower: string, upper: string) => string;
  fnMissingBoundsWithheld: string;
  fnEValue: (eValue: string, eValueCi: string, includesNull: boolean) => string;
  fnHolmHidden: string;
  fnMantelHaenszel: string;
  fnBreslowDay: (excluded: number) => string;
  fnSato: string;
  /** `cr2Df` is the Satterthwaite df, formatted, when the CR2 variance is used (fewer than 30 clusters); null for HC0. */
  fnAdjusted: (formula: string, n: number | null, clusters: number, by: 'counsellor' | 'office', cr2Df: string | null) => string;
  fnWeighted: (n: number | null) => string;
  /** The report's opening sentence: the primary estimate in plain words. */
  summaryPrimary: (x: PrimarySummaryText) => string;
  summaryPrimaryWithheld: string;
  summaryPrimaryUndefined: string;
  primaryRd: string;
  primaryRr: string;
  fnPrimary: (terms: string, n: number | null, clusters: number | null, by: 'counsellor' | 'office', ess: string, maxWeight: string) => string;
  fnEValuePrimary: (eValue: string, eValueCi: string, includesNull: boolean) => string;
  fnModelsWithheld: string;
  fnInputNotesLeftOut: (minCell: number) => string;
  fnBaseline: string;
  fnRounding: (groups: string) => string;
  fnSuppressed: (cells: number, minCell: number) => string;
  fnNoSuppression: string;
  fnSuppressionLimits: string;
  fnAllowed: (columns: string) => string;
  fnRejected: (rejected: number, read: number) => string;
  fnNotRegistered: string;
  unreliable: string;
  // Table 1: what was read, skipped, merged or read as missing
  /** A worksheet, in the Encoding column: `xlsx, sheet "Ark1"`. */
  sheet: string;
  /** Quotes a value from the input. */
  quote: (text: string) => string;
  /** A canonical column in running text, lower case. */
  columnNames: Record<CanonicalColumn, string>;
  /** A date column that the notice does not name. */
  someDate: string;
  skipReasons: Record<SkipCode, string>;
  fnSkippedFile: (path: string, reason: string) => string;
  fnLinesBeforeHeader: (file: string, headerLine: number, sepLine: boolean, workbook: boolean) => string;
  fnSheetsIgnored: (sheets: number, files: readonly string[]) => string;
  fnValueMissing: (column: string, rows: number, first: Places) => string;
  fnUnknownLabel: (rows: number, column: string, label: string, first: Places, effect: 'rejected' | 'missing') => string;
  fnOfficeSpellings: (name: string, others: ReadonlyArray<{ spelling: string; rows: number }>) => string;
  fnOfficeNameEncoding: (rows: number, first: Places) => string;
  fnIdsInSeveralOffices: (ids: number, scope: IdScope) => string;
}

/** Words for a place: [one, many] lines of a text file and rows of a workbook. */
interface PlaceWords {
  line: [string, string];
  row: [string, string];
}

/** "a.csv lines 5, 9; b.xlsx row 3, …": places grouped by file, in the order given. */
function placeList({ places, more }: Places, words: PlaceWords): string {
  const byFile: Array<{ file: string; workbook: boolean; lines: number[] }> = [];
  for (const p of places) {
    const last = byFile[byFile.length - 1];
    if (last !== undefined && last.file === p.file) last.lines.push(p.line);
    else byFile.push({ file: p.file, workbook: p.workbook, lines: [p.line] });
  }
  const text = byFile.map((f) => `${f.file} ${(f.workbook ? words.row : words.line)[f.lines.length === 1 ? 0 : 1]} ${f.lines.join(', ')}`).join('; ');
  return more ? `${text}, …` : text;
}

const EN_PLACES: PlaceWords = { line: ['line', 'lines'], row: ['row', 'rows'] };
/** Bokmål and Nynorsk alike: "linje 5, 9", "rad 3". */
const NO_PLACES: PlaceWords = { line: ['linje', 'linje'], row: ['rad', 'rad'] };

/** "lines 1–2" / "line 1". */
const lineRange = (last: number, one: string, many: string) => (last === 1 ? `${one} 1` : `${many} 1–${last}`);
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const en: Words = {
  table: 'Table',
  title: 'The hybrid model compared with follow-up as usual',
  internalBanner: 'INTERNAL – contains small cells, not for publication',
  tSources: 'Data sources and row accounting',
  tOutcomes: 'Outcome by group. Number and per cent',
  tWorkOrEducation: 'Work or education, hybrid model vs as usual',
  tOffices: 'Work or education by office. Number and per cent',
  tOfficeEffects: 'The hybrid model against follow-up as usual, by office: work or education',
  tPooled: 'Pooled, adjusted and weighted estimates',
  tMultinomial: 'Each outcome against none, adjusted (multinomial model)',
  relativeRiskRatio: 'Relative-risk ratio',
  fnMultinomial: (formula, n, clusters, by) =>
    `Multinomial logistic regression ${formula} (N = ${n ?? SUPPRESSED}), none as the reference outcome, office as fixed effects, as nnet's multinom. Relative-risk ratio: how much more likely hybrid users were than as-usual users to end in this outcome rather than in none. Wald interval and p from standard errors clustered by ${by} (${clusters ?? SUPPRESSED} clusters, score-based sandwich with G/(G−1)).`,
  fnMultinomialEqual: (stat, df, p, significant) =>
    `Wald test that the hybrid model's effect is the same on job, apprenticeship and education: χ² = ${stat}, df = ${df}, ${p}.` +
    (significant ? '' : ' The data do not show that the effect differs between the outcomes: do not read differences between the rows above as real.'),
  fnMultinomialWithheld:
    'The multinomial model is withheld: it is fitted to the outcome table by group, which holds hidden or merged cells it would give away, or it has fewer than 10 residual degrees of freedom.',
  tBaseline: 'Characteristics at start by group (baseline)',
  file: 'File',
  encoding: 'Encoding',
  delimiter: 'Delim.',
  rowsRead: 'Read',
  accepted: 'Accepted',
  rejected: 'Rejected',
  duplicates: 'Dupl.',
  total: 'Total',
  hybrid: 'Hybrid model',
  usual: 'As usual',
  hybridShort: 'Hybrid',
  usualShort: 'As usual',
  intervalSeparator: ', ',
  outcome: 'Outcome',
  job: 'Job',
  apprenticeship: 'Apprenticeship',
  education: 'Education',
  apprenticeshipOrEducation: 'Apprenticeship or education',
  none: 'None',
  workOrEducation: 'Work or education',
  registered: 'Registered (N)',
  notRegistered: 'Not registered',
  allUsers: 'All users',
  difference: 'Difference',
  pp: 'pp',
  ci: '95% CI',
  office: 'Office',
  measure: 'Measure',
  estimate: 'Estimate',
  test: 'Test',
  riskDifference: 'Risk difference (pp)',
  riskRatio: 'Risk ratio',
  oddsRatio: 'Odds ratio',
  fisher: "Fisher's exact test",
  chiSquare: 'Chi-square',
  df: 'df',
  crudeOr: 'Crude odds ratio',
  mhOr: 'Mantel–Haenszel odds ratio',
  mhRd: 'Mantel–Haenszel risk difference (pp)',
  cmh: 'Cochran–Mantel–Haenszel',
  breslowDay: 'Breslow–Day homogeneity',
  gcmh: 'Generalized CMH, all outcomes',
  clogitOr: 'Conditional logistic odds ratio, within counsellor',
  fnConditionalLogistic: (formula, n, used, total) =>
    `Conditional logistic regression ${formula} (N = ${n ?? SUPPRESSED}): each counsellor's users compared with each other, so that counsellors with easier or smaller caseloads cannot bias it; exact conditional likelihood as survival's clogit, Wald interval and p; ${used ?? SUPPRESSED} of ${total ?? SUPPRESSED} counsellors have users both in and not in work or education and carry information.`,
  fnEValueConditional: (e, eCi, includesNull) =>
    `E-value for the conditional odds ratio (taken as √OR): ${e}; for its confidence limit closer to 1: ${eCi}.${includesNull ? ' The interval already includes no effect.' : ''}`,
  mhOrCounsellor: 'Mantel–Haenszel odds ratio, within counsellor',
  cmhCounsellor: 'Cochran–Mantel–Haenszel, within counsellor',
  fnCounsellor: (used, total) =>
    `Within counsellor: counsellors as strata, as they chose whom to follow up in the hybrid model; ${used} of ${total} counsellors have both groups and both outcomes and carry information. Registered users without a counsellor are left out. No Breslow–Day test by counsellor: the strata are too sparse.`,
  fnCounsellorWithheld:
    'The within-counsellor results are withheld: they are published only with Table 3 shown in full and over at least 10 informative counsellors.',
  adjustedOr: 'Adjusted odds ratio',
  weightedRd: 'Weighted risk difference (pp)',
  variable: 'Variable',
  age: 'Age, mean (SD)',
  women: 'Women, n (%)',
  priorWork: 'Prior work, n (%)',
  smd: 'SMD',
  smdAfter: 'SMD weighted',
  meanSd: 'mean (SD)',
  chartTitle: 'Outcome shares by group',
  to: 'to',
  comma: 'comma',
  tab: 'tab',
  semicolon: 'semicolon',
  warnings: 'Warnings',
  notes: 'Notes',
  rejectedRows: 'Rejected rows',
  moreRejectedRows: (count) => `… ${formatCount(count, 'en')} more (hybrid-eval validate lists them all)`,
  ciLower: '95% CI, lower',
  ciUpper: '95% CI, upper',
  sdShort: 'SD',
  rejectionLine: 'Line',
  rejectionField: 'Field',
  rejectionCode: 'Code',
  rejectionMessage: 'Message',
  formulaTerms: {
    work_or_education: 'work_or_education',
    outcome: 'outcome',
    group: 'group',
    office: 'office',
    age: 'age',
    gender: 'gender',
    prior_work: 'prior_work',
    counsellor: 'counsellor',
  },
  fnSelection:
    'Selection into the hybrid model was not random: counsellors chose the users they thought would benefit. Crude differences mix the effect of the model with the reasons for selection.',
  fnAdjustedLimits:
    'Adjustment and weighting remove differences in office, age, gender and prior work only. They cannot remove selection on what the data does not record (motivation, health, the counsellor’s judgement).',
  fnWilson: 'Per cent with 95% Wilson score interval.',
  fnNewcombe: "Difference hybrid − as usual in percentage points, with Newcombe's hybrid score interval.",
  fnChiSquare: (stat, df, p) => `Pearson chi-square without continuity correction: χ² = ${stat}, df = ${df}, ${p}.`,
  fnFisher: (p) => `Fisher's exact test, two-sided: ${p}.`,
  fnFisherMonteCarlo: (p, replicates, seed) =>
    `Fisher's exact test, two-sided, estimated by Monte Carlo (${replicates} tables, seed ${seed}) because exact enumeration was not feasible: ${p}.`,
  fnSparse: "Some expected counts are below 5: Fisher's exact test is the primary test.",
  fnCategoriesMerged: (minCell) =>
    `Apprenticeship and education are shown as one category, and the tests are computed on the table as shown: one of them counts fewer than ${minCell} persons in a group.`,
  fnOutcomeTestsMerged:
    'Both tests are computed with apprenticeship and education merged into one category: one of them holds a hidden cell, which the tests on the full table would give away.',
  fnOutcomeTestsWithheld:
    'The chi-square and Fisher tests of this table are withheld: they are computed from hidden cells and would give them away. Table 3 tests work or education.',
  fnStrataMerged: (offices, strata) =>
    `The pooled estimates and tests over offices are computed with ${offices} merged into one stratum (${strata === 1 ? 'so they are not stratified' : `${strata} strata in all`}): their cells are hidden, and the analyses by office would give them away.`,
  fnStratifiedWithheld: 'The CMH, Mantel–Haenszel and Breslow–Day results are withheld: they are computed from hidden cells and would give them away.',
  fnGeneralizedCmhWithheld:
    "The generalized CMH test is withheld: it is computed from each office's outcome table, which holds counts below the suppression limit.",
  fnRatios: 'Risk ratio with log (Katz) interval; odds ratio with log (Woolf) interval; undefined with a zero cell.',
  fnOffices: 'Among users with a registered outcome.',
  fnOfficeEffects: (tested) =>
    `Difference hybrid − as usual in percentage points (Newcombe's interval); odds ratio with Woolf's interval. p: Fisher's exact test within the office; p (Holm): adjusted for testing ${tested} offices (Holm). With about as few hybrid users per office as here, an office test has little power: a large p does not show that the model did not work there.`,
  mdd: 'MDD',
  randomEffects: 'Random effects (REML)',
  fnMeta: (k, tau2, i2, q, df, p, pi, merged) =>
    `Random effects: REML meta-analysis of the log odds ratios of ${k} offices${merged ? ' (those with hidden cells as one)' : ''} (1/2 added to every cell of a table with a zero cell), as metafor's rma; τ² = ${tau2}, I² = ${i2} %, Q = ${q} (df = ${df}), ${p}. 95 % prediction interval for an office's odds ratio: ${pi}.`,
  fnMetaWithheld: 'The random-effects meta-analysis over offices is withheld: it is computed from hidden cells and would give them away.',
  fnMdd: (power, alpha) =>
    `MDD: the smallest difference in percentage points a two-sided test at the ${alpha} % level detects with ${power} % power, at the as-usual share (normal approximation). An office whose difference is smaller than its MDD is too small to tell whether the model worked there.`,
  fnMissingBounds: (lower, upper) =>
    `Users without a registered outcome: had they all ended in work or education in one group and in none in the other, the difference would lie between ${lower} and ${upper} percentage points (worst and best case).`,
  fnMissingBoundsWithheld: 'The worst- and best-case bounds for users without a registered outcome are withheld: they would give hidden counts away.',
  fnEValue: (e, eCi, includesNull) =>
    `E-value for the adjusted odds ratio (taken as √OR, the outcome being common): ${e}; for its confidence limit closer to 1: ${eCi}. To explain the adjusted estimate away, an unmeasured confounder would have to be associated with both selection into the hybrid model and work or education by a risk ratio of at least ${e} each, beyond office, age, gender and prior work.` +
    (includesNull ? ' The interval already includes no effect.' : ''),
  fnHolmHidden: 'An office whose cells are hidden counts as p = 1 in the Holm adjustment, so the adjusted p-values shown are conservative.',
  fnOfficeEmpty: (offices) => `No p-value where a group is empty: ${offices}.`,
  fnMantelHaenszel:
    'Offices as strata. Mantel–Haenszel odds ratio with the Robins–Breslow–Greenland interval; Cochran–Mantel–Haenszel test without continuity correction.',
  fnBreslowDay: (excluded) => `Breslow–Day test without Tarone's correction; ${excluded} office(s) without information (a zero margin) left out.`,
  fnSato: 'Mantel–Haenszel risk difference with the Greenland–Robins/Sato variance.',
  fnAdjusted: (formula, n, clusters, by, cr2Df) =>
    `Logistic regression ${formula} (N = ${n ?? SUPPRESSED}), office as fixed effects; ` +
    (cr2Df === null
      ? `Wald interval and p from standard errors clustered by ${by} (${clusters} clusters, HC0 with G/(G−1)).`
      : `with only ${clusters} clusters (${by}), the bias-reduced CR2 standard error (as clubSandwich), and the interval and p from a t distribution with ${cr2Df} Satterthwaite degrees of freedom, since ordinary cluster-robust standard errors are too small with fewer than 30 clusters.`) +
    (by === 'office' ? ' There is no counsellor column, so standard errors are clustered by office.' : ''),
  fnWeighted: (n) =>
    `Propensity-score weighting (ATT: hybrid 1, as usual ps/(1−ps)) from a logistic model with the same covariates and office (N = ${n ?? SUPPRESSED}); interval from the sandwich of the stacked estimating equations, which counts the fitted propensity model, with the same clusters as the primary estimate.`,
  fnBaseline:
    'SMD: standardised mean difference hybrid − as usual (as tableone); |SMD| > 0.1 is commonly read as imbalance. Weighted: after ATT propensity weighting.',
  fnRounding: (groups) => `Percentages are rounded to one decimal; because of rounding the column for ${groups} does not add up to exactly 100.0.`,
  fnSuppressed: (cells, minCell) =>
    `${cells} cell(s) are suppressed (:) because they count fewer than ${minCell} persons, or because a hidden cell could otherwise be worked out from the totals.`,
  fnNoSuppression: 'No cell needed suppression.',
  fnSuppressionLimits:
    'Suppression is decided over all tables together: no hidden cell can be worked out from the counts, totals, shares, row accounting and statistics published, taken together. Statistics computed from hidden cells are computed on merged categories or offices, or withheld (see the footnotes).',
  summaryPrimary: (x) =>
    `Main result: ${x.hybrid} % of the users followed up in the hybrid model were in work or education when follow-up ended; had the same users been followed up as usual, an estimated ${x.ifUsual} % would have been, a difference of ${x.difference} percentage points (95 % CI ${x.differenceLow} to ${x.differenceHigh}; risk ratio ${x.ratio}, ${x.ratioLow} to ${x.ratioHigh}).`,
  summaryPrimaryWithheld: 'Main result: the primary estimate is withheld by disclosure control (see the notes).',
  summaryPrimaryUndefined: 'Main result: no primary estimate could be made from these data (see the warnings).',
  primaryRd: 'Primary: effect on hybrid users, AIPW (pp)',
  primaryRr: 'Primary: risk ratio, AIPW',
  fnPrimary: (terms, n, clusters, by, ess, maxWeight) =>
    `Primary estimate: the average effect on the users in the hybrid model (ATT), by augmented inverse-probability weighting (doubly robust, normalised). A logistic propensity model and a logistic model of work or education among the as-usual users, both on ${terms} (N = ${n ?? SUPPRESSED}). Interval from the sandwich of the stacked estimating equations, which counts both fitted models, clustered by ${by} (${clusters ?? SUPPRESSED} clusters, G/(G−1)); the risk ratio's interval by the delta method on the log scale. As-usual weights ps/(1−ps): effective sample size ${ess}, largest weight ${maxWeight}.`,
  fnEValuePrimary: (e, eCi, includesNull) =>
    `E-value for the primary risk ratio: ${e}; for its confidence limit closer to 1: ${eCi}. To explain the primary estimate away, an unmeasured confounder would have to be associated with both selection into the hybrid model and work or education by a risk ratio of at least ${e} each, beyond office, age, gender and prior work; weaker selection could not.` +
    (includesNull ? ' The interval already includes no effect.' : ''),
  fnModelsWithheld:
    'The adjusted and weighted estimates are withheld: they are fitted to a group whose size is hidden, or with fewer than 10 residual degrees of freedom.',
  fnInputNotesLeftOut: (minCell) =>
    `Notes on fewer than ${minCell} rows (labels that are not known, values read as missing, office spellings) are left out of a published report; \`hybrid-eval validate\` lists them all.`,
  fnAllowed: (columns) => `Columns declared checked and safe from the personal-data scan: ${columns}.`,
  fnRejected: (rejected, read) =>
    `${formatCount(rejected, 'en')} of ${formatCount(read, 'en')} rows were rejected and are not analysed (see Table 1 and \`hybrid-eval validate\`).`,
  fnNotRegistered: 'Users whose outcome is not yet registered are counted, but left out of every outcome statistic.',
  unreliable: 'not reliable (see warnings)',
  sheet: 'sheet',
  quote: (text) => `"${text}"`,
  columnNames: {
    person_id: 'person_id',
    office: 'office',
    counsellor_id: 'counsellor',
    group: 'group',
    outcome: 'outcome',
    age: 'age',
    gender: 'gender',
    prior_work: 'prior work',
    start_date: 'start date',
    end_date: 'end date',
  },
  someDate: 'a date',
  skipReasons: {
    HIDDEN: 'hidden (the name starts with a dot)',
    LOCK_FILE: 'the lock file of a spreadsheet open in Excel or LibreOffice',
    NOT_A_DATA_FILE: 'not a CSV, TSV, text, Excel or gzip file',
    OWN_OUTPUT: 'a report or rejects file written by hybrid-eval',
    NO_HEADER: 'not an export (no header row with the required columns)',
  },
  fnSkippedFile: (path, reason) => `${path} was not read: ${reason}.`,
  fnLinesBeforeHeader: (file, headerLine, sepLine, workbook) =>
    `${file}: ${lineRange(headerLine - 1, workbook ? 'row' : 'line', workbook ? 'rows' : 'lines')} skipped before the header ` +
    `${workbook ? 'in row' : 'on line'} ${headerLine}${sepLine ? '; line 1 is a sep= line naming the delimiter' : ''}.`,
  fnSheetsIgnored: (sheets, files) =>
    `${formatCount(sheets, 'en')} other ${sheets === 1 ? 'worksheet was' : 'worksheets were'} not read (in ${files.join(', ')}); ` +
    'only the first sheet, or the one named with --sheet, is read.',
  fnValueMissing: (column, rows, first) =>
    `${capitalise(column)} could not be read in ${formatCount(rows, 'en')} ${rows === 1 ? 'row' : 'rows'} and is counted as missing ` +
    `(first: ${placeList(first, EN_PLACES)}).`,
  fnUnknownLabel: (rows, column, label, first, effect) =>
    `${formatCount(rows, 'en')} ${rows === 1 ? 'row has' : 'rows have'} ${column} "${label}", not a known label ` +
    `(first: ${placeList(first, EN_PLACES)}); ` +
    (effect === 'rejected' ? 'rejected — add it with --mapping.' : 'counted as missing.'),
  fnOfficeSpellings: (name, others) =>
    `Office "${name}" also written ${others.map((o) => `"${o.spelling}" (${formatCount(o.rows, 'en')} ${o.rows === 1 ? 'row' : 'rows'})`).join(', ')}; ` +
    'counted as one office.',
  fnOfficeNameEncoding: (rows, first) =>
    `In ${formatCount(rows, 'en')} ${rows === 1 ? 'row' : 'rows'} the office name holds unreadable characters (U+FFFD, or mis-decoded letters such as "Ã¸"); ` +
    `the file's encoding may be wrong, see --encoding (first: ${placeList(first, EN_PLACES)}).`,
  fnIdsInSeveralOffices: (ids, scope) =>
    scope === 'office'
      ? `person_id values repeat across offices: ${formatCount(ids, 'en')} ${ids === 1 ? 'id occurs' : 'ids occur'} in more than one office; ` +
        'under --id-scope office each (office, person_id) is a different person.'
      : `${formatCount(ids, 'en')} person_id ${ids === 1 ? 'value occurs' : 'values occur'} in more than one office; ` +
        'under --id-scope global each person_id is one person across offices.',
};

const nb: Words = {
  table: 'Tabell',
  title: 'Hybridmodellen sammenlignet med oppfølging som vanlig',
  internalBanner: 'INTERNT – inneholder små celler, ikke for publisering',
  tSources: 'Datakilder og radregnskap',
  tOutcomes: 'Utfall etter gruppe. Antall og prosent',
  tWorkOrEducation: 'Arbeid eller utdanning, hybridmodellen mot som vanlig',
  tOffices: 'Arbeid eller utdanning etter kontor. Antall og prosent',
  tOfficeEffects: 'Hybridmodellen mot oppfølging som vanlig, etter kontor: arbeid eller utdanning',
  tPooled: 'Samlede, justerte og vektede estimater',
  tMultinomial: 'Hvert utfall mot ingen av delene, justert (multinomisk modell)',
  relativeRiskRatio: 'Relativ risikoratio',
  fnMultinomial: (formula, n, clusters, by) =>
    `Multinomisk logistisk regresjon ${formula} (N = ${n ?? SUPPRESSED}), ingen av delene som referanseutfall, kontor som faste effekter, som multinom i nnet. Relativ risikoratio: hvor mye mer sannsynlig det var at hybridbrukerne endte i dette utfallet heller enn i ingen av delene, sammenlignet med som vanlig-brukerne. Wald-intervall og p fra standardfeil gruppert på ${by === 'counsellor' ? 'veileder' : 'kontor'} (${clusters ?? SUPPRESSED} klynger, skårbasert sandwich med G/(G−1)).`,
  fnMultinomialEqual: (stat, df, p, significant) =>
    `Wald-test av at effekten av hybridmodellen er den samme på jobb, læreplass og utdanning: χ² = ${stat}, fg = ${df}, ${p}.` +
    (significant ? '' : ' Dataene viser ikke at effekten er forskjellig mellom utfallene: forskjeller mellom radene over bør ikke leses som reelle.'),
  fnMultinomialWithheld:
    'Den multinomiske modellen er holdt tilbake: den er tilpasset utfallstabellen etter gruppe, som har skjulte eller sammenslåtte celler den ville avsløre, eller den har færre enn 10 frihetsgrader i residualene.',
  tBaseline: 'Kjennetegn ved oppstart etter gruppe',
  file: 'Fil',
  encoding: 'Tegnsett',
  delimiter: 'Skilletegn',
  rowsRead: 'Lest',
  accepted: 'Godtatt',
  rejected: 'Avvist',
  duplicates: 'Dupl.',
  total: 'Totalt',
  hybrid: 'Hybridmodellen',
  usual: 'Som vanlig',
  hybridShort: 'Hybrid',
  usualShort: 'Som vanlig',
  intervalSeparator: '; ',
  outcome: 'Utfall',
  job: 'Jobb',
  apprenticeship: 'Læreplass',
  education: 'Utdanning',
  apprenticeshipOrEducation: 'Læreplass eller utdanning',
  none: 'Ingen',
  workOrEducation: 'Arbeid eller utdanning',
  registered: 'Registrert (N)',
  notRegistered: 'Ikke registrert',
  allUsers: 'Alle brukere',
  difference: 'Differanse',
  pp: 'p.p.',
  ci: '95 % KI',
  office: 'Kontor',
  measure: 'Mål',
  estimate: 'Estimat',
  test: 'Test',
  riskDifference: 'Risikodifferanse (prosentpoeng)',
  riskRatio: 'Relativ risiko',
  oddsRatio: 'Oddsratio',
  fisher: 'Fishers eksakte test',
  chiSquare: 'Kji-kvadrat',
  df: 'fg',
  crudeOr: 'Ujustert oddsratio',
  mhOr: 'Mantel–Haenszel oddsratio',
  mhRd: 'Mantel–Haenszel risikodifferanse (prosentpoeng)',
  cmh: 'Cochran–Mantel–Haenszel',
  breslowDay: 'Breslow–Day homogenitet',
  gcmh: 'Generalisert CMH, alle utfall',
  clogitOr: 'Betinget logistisk oddsratio, innen veileder',
  fnConditionalLogistic: (formula, n, used, total) =>
    `Betinget logistisk regresjon ${formula} (N = ${n ?? SUPPRESSED}): hver veileders brukere sammenlignes med hverandre, så veiledere med lettere eller mindre porteføljer ikke kan skjevstille estimatet; eksakt betinget likelihood som clogit i survival, Wald-intervall og p; ${used ?? SUPPRESSED} av ${total ?? SUPPRESSED} veiledere har brukere både i og utenfor arbeid eller utdanning og bærer informasjon.`,
  fnEValueConditional: (e, eCi, includesNull) =>
    `E-verdi for den betingede oddsratioen (tatt som √OR): ${e}; for konfidensgrensen nærmest 1: ${eCi}.${includesNull ? ' Intervallet omfatter allerede ingen effekt.' : ''}`,
  mhOrCounsellor: 'Mantel–Haenszel oddsratio, innen veileder',
  cmhCounsellor: 'Cochran–Mantel–Haenszel, innen veileder',
  fnCounsellor: (used, total) =>
    `Innen veileder: veiledere som strata, siden det var de som valgte hvem som skulle følges opp i hybridmodellen; ${used} av ${total} veiledere har begge grupper og begge utfall og bidrar med informasjon. Registrerte brukere uten veileder er utelatt. Ingen Breslow–Day-test per veileder: strataene er for tynne.`,
  fnCounsellorWithheld:
    'Resultatene innen veileder er holdt tilbake: de publiseres bare når tabell 3 vises i sin helhet og over minst 10 veiledere som bidrar med informasjon.',
  adjustedOr: 'Justert oddsratio',
  weightedRd: 'Vektet risikodifferanse (prosentpoeng)',
  variable: 'Variabel',
  age: 'Alder, gjennomsnitt (SA)',
  women: 'Kvinner, antall (%)',
  priorWork: 'Tidligere arbeid, antall (%)',
  smd: 'SMD',
  smdAfter: 'SMD vektet',
  meanSd: 'gjennomsnitt (SA)',
  chartTitle: 'Andel etter utfall og gruppe',
  to: 'til',
  comma: 'komma',
  tab: 'tabulator',
  semicolon: 'semikolon',
  warnings: 'Advarsler',
  notes: 'Merknader',
  rejectedRows: 'Avviste rader',
  moreRejectedRows: (count) => `… ${formatCount(count, 'nb')} til (hybrid-eval validate viser alle)`,
  ciLower: '95 % KI, nedre',
  ciUpper: '95 % KI, øvre',
  sdShort: 'SA',
  rejectionLine: 'Linje',
  rejectionField: 'Felt',
  rejectionCode: 'Kode',
  rejectionMessage: 'Melding',
  formulaTerms: {
    work_or_education: 'arbeid_eller_utdanning',
    outcome: 'utfall',
    group: 'gruppe',
    office: 'kontor',
    age: 'alder',
    gender: 'kjønn',
    prior_work: 'tidligere_arbeid',
    counsellor: 'veileder',
  },
  fnSelection:
    'Utvalget til hybridmodellen var ikke tilfeldig: veilederne valgte brukere de trodde ville ha nytte av den. Ujusterte forskjeller blander effekten av modellen med grunnene til utvelgelsen.',
  fnAdjustedLimits:
    'Justering og vekting fjerner bare forskjeller i kontor, alder, kjønn og tidligere arbeid. De kan ikke fjerne utvelgelse på forhold som ikke er registrert (motivasjon, helse, veilederens skjønn).',
  fnWilson: 'Prosent med 95 % Wilson-intervall.',
  fnNewcombe: 'Differanse hybridmodellen − som vanlig i prosentpoeng, med Newcombes hybride score-intervall.',
  fnChiSquare: (stat, df, p) => `Pearsons kji-kvadrattest uten kontinuitetskorreksjon: χ² = ${stat}, fg = ${df}, ${p}.`,
  fnFisher: (p) => `Fishers eksakte test, tosidig: ${p}.`,
  fnFisherMonteCarlo: (p, replicates, seed) =>
    `Fishers eksakte test, tosidig, anslått ved Monte Carlo (${replicates} tabeller, frø ${seed}) fordi eksakt opptelling ikke var mulig: ${p}.`,
  fnSparse: 'Noen forventede antall er under 5: Fishers eksakte test er hovedtesten.',
  fnCategoriesMerged: (minCell) =>
    `Læreplass og utdanning vises som én kategori, og testene er regnet på tabellen slik den vises: én av dem teller færre enn ${minCell} personer i en gruppe.`,
  fnOutcomeTestsMerged:
    'Begge testene er regnet med læreplass og utdanning slått sammen til én kategori: én av dem har en skjult celle, som testene på hele tabellen ville avsløre.',
  fnOutcomeTestsWithheld:
    'Kji-kvadrattesten og Fishers test for denne tabellen er holdt tilbake: de er regnet ut fra skjulte celler og ville avsløre dem. Tabell 3 tester arbeid eller utdanning.',
  fnStrataMerged: (offices, strata) =>
    `De samlede estimatene og testene over kontor er regnet med ${offices} slått sammen til ett stratum (${strata === 1 ? 'altså uten stratifisering' : `${strata} strata i alt`}): cellene deres er skjult, og analysene per kontor ville avsløre dem.`,
  fnStratifiedWithheld: 'CMH-, Mantel–Haenszel- og Breslow–Day-resultatene er holdt tilbake: de er regnet ut fra skjulte celler og ville avsløre dem.',
  fnGeneralizedCmhWithheld:
    'Den generaliserte CMH-testen er holdt tilbake: den er regnet ut fra utfallstabellen for hvert kontor, som har antall under grensen for prikking.',
  fnRatios: 'Relativ risiko med log-intervall (Katz); oddsratio med log-intervall (Woolf); udefinert ved en tom celle.',
  fnOffices: 'Blant brukere med registrert utfall.',
  fnOfficeEffects: (tested) =>
    `Differanse hybridmodellen − som vanlig i prosentpoeng (Newcombes intervall); oddsratio med Woolfs intervall. p: Fishers eksakte test innen kontoret; p (Holm): justert for at ${tested} kontor er testet (Holm). Med så få hybridbrukere per kontor som her har en test per kontor liten styrke: en stor p-verdi viser ikke at modellen ikke virket der.`,
  mdd: 'MDD',
  randomEffects: 'Tilfeldige effekter (REML)',
  fnMeta: (k, tau2, i2, q, df, p, pi, merged) =>
    `Tilfeldige effekter: REML-metaanalyse av log-oddsratioene for ${k} kontor${merged ? ' (de med skjulte celler som ett)' : ''} (1/2 lagt til i hver celle i en tabell med en tom celle), som rma i metafor; τ² = ${tau2}, I² = ${i2} %, Q = ${q} (fg = ${df}), ${p}. 95 % prediksjonsintervall for oddsratioen i et kontor: ${pi}.`,
  fnMetaWithheld: 'Metaanalysen med tilfeldige effekter over kontor er holdt tilbake: den er regnet ut fra skjulte celler og ville avsløre dem.',
  fnMdd: (power, alpha) =>
    `MDD: den minste differansen i prosentpoeng en tosidig test på ${alpha} %-nivå oppdager med ${power} % styrke, ved andelen i som vanlig-gruppen (normaltilnærming). Et kontor der differansen er mindre enn MDD, er for lite til å si om modellen virket der.`,
  fnMissingBounds: (lower, upper) =>
    `Brukere uten registrert utfall: hvis alle hadde endt i arbeid eller utdanning i den ene gruppen og i ingen av delene i den andre, ville differansen ligget mellom ${lower} og ${upper} prosentpoeng (verste og beste tilfelle).`,
  fnMissingBoundsWithheld: 'Grensene for verste og beste tilfelle for brukere uten registrert utfall er holdt tilbake: de ville avsløre skjulte antall.',
  fnEValue: (e, eCi, includesNull) =>
    `E-verdi for den justerte oddsratioen (tatt som √OR, siden utfallet er vanlig): ${e}; for konfidensgrensen nærmest 1: ${eCi}. For å forklare bort det justerte estimatet måtte en umålt forstyrrende faktor henge sammen med både utvelgelsen til hybridmodellen og arbeid eller utdanning med en relativ risiko på minst ${e} hver, utover kontor, alder, kjønn og tidligere arbeid.` +
    (includesNull ? ' Intervallet omfatter allerede ingen effekt.' : ''),
  fnHolmHidden: 'Et kontor med skjulte celler teller som p = 1 i Holm-justeringen, så de justerte p-verdiene som vises, er konservative.',
  fnOfficeEmpty: (offices) => `Ingen p-verdi der en gruppe er tom: ${offices}.`,
  fnMantelHaenszel:
    'Kontor som strata. Mantel–Haenszel oddsratio med Robins–Breslow–Greenland-intervall; Cochran–Mantel–Haenszel-test uten kontinuitetskorreksjon.',
  fnBreslowDay: (excluded) => `Breslow–Day-test uten Tarones korreksjon; ${excluded} kontor uten informasjon (en tom marginal) utelatt.`,
  fnSato: 'Mantel–Haenszel risikodifferanse med Greenland–Robins/Sato-varians.',
  fnAdjusted: (formula, n, clusters, by, cr2Df) =>
    `Logistisk regresjon ${formula} (N = ${n ?? SUPPRESSED}), kontor som faste effekter; ` +
    (cr2Df === null
      ? `Wald-intervall og p fra standardfeil gruppert på ${by === 'counsellor' ? 'veileder' : 'kontor'} (${clusters} klynger, HC0 med G/(G−1)).`
      : `med bare ${clusters} klynger (${by === 'counsellor' ? 'veileder' : 'kontor'}) den skjevhetskorrigerte CR2-standardfeilen (som clubSandwich), og intervall og p fra en t-fordeling med ${cr2Df} Satterthwaite-frihetsgrader, siden vanlige klyngerobuste standardfeil blir for små med færre enn 30 klynger.`) +
    (by === 'office' ? ' Det finnes ingen veilederkolonne, så standardfeilene er gruppert på kontor.' : ''),
  fnWeighted: (n) =>
    `Vekting med tilbøyelighetsskår (ATT: hybrid 1, som vanlig ps/(1−ps)) fra en logistisk modell med de samme kovariatene og kontor (N = ${n ?? SUPPRESSED}); intervall fra sandwich-variansen til de stablede estimeringsligningene, som tar hensyn til at skåren er estimert, med de samme klyngene som hovedestimatet.`,
  fnBaseline:
    'SMD: standardisert gjennomsnittsforskjell hybridmodellen − som vanlig (som tableone); |SMD| > 0,1 leses ofte som ubalanse. Vektet: etter ATT-vekting.',
  fnRounding: (groups) => `Prosentene er avrundet til én desimal; på grunn av avrunding summerer kolonnen for ${groups} seg ikke til nøyaktig 100,0.`,
  fnSuppressed: (cells, minCell) =>
    `${cells} celle(r) er skjult (:) fordi de teller færre enn ${minCell} personer, eller fordi en skjult celle ellers kunne regnes ut fra summene.`,
  fnNoSuppression: 'Ingen celler måtte skjules.',
  fnSuppressionLimits:
    'Prikkingen er avgjort for alle tabellene under ett: ingen skjult celle kan regnes ut fra antallene, summene, andelene, radregnskapet og statistikken som publiseres, sett under ett. Statistikk som er regnet ut fra skjulte celler, er regnet ut på sammenslåtte kategorier eller kontorer, eller holdt tilbake (se fotnotene).',
  summaryPrimary: (x) =>
    `Hovedresultat: ${x.hybrid} % av brukerne som ble fulgt opp i hybridmodellen, var i arbeid eller utdanning da oppfølgingen sluttet; hadde de samme brukerne fått oppfølging som vanlig, ville anslagsvis ${x.ifUsual} % vært det, en forskjell på ${x.difference} prosentpoeng (95 % KI ${x.differenceLow} til ${x.differenceHigh}; relativ risiko ${x.ratio}, ${x.ratioLow} til ${x.ratioHigh}).`,
  summaryPrimaryWithheld: 'Hovedresultat: hovedestimatet er holdt tilbake av hensyn til personvernet (se merknadene).',
  summaryPrimaryUndefined: 'Hovedresultat: dataene gir ikke grunnlag for et hovedestimat (se advarslene).',
  primaryRd: 'Hovedestimat: effekt for hybridbrukerne, AIPW (prosentpoeng)',
  primaryRr: 'Hovedestimat: relativ risiko, AIPW',
  fnPrimary: (terms, n, clusters, by, ess, maxWeight) =>
    `Hovedestimat: gjennomsnittlig effekt for brukerne i hybridmodellen (ATT), ved utvidet invers sannsynlighetsvekting (dobbelt robust, normalisert). En logistisk modell for tilbøyelighetsskår og en logistisk modell for arbeid eller utdanning blant som vanlig-brukerne, begge med ${terms} (N = ${n ?? SUPPRESSED}). Intervall fra sandwich-variansen til de stablede estimeringsligningene, som tar hensyn til begge de tilpassede modellene, gruppert på ${by === 'counsellor' ? 'veileder' : 'kontor'} (${clusters ?? SUPPRESSED} klynger, G/(G−1)); intervallet for den relative risikoen med deltametoden på log-skala. Vekter ps/(1−ps) for som vanlig-brukerne: effektivt utvalg ${ess}, største vekt ${maxWeight}.`,
  fnEValuePrimary: (e, eCi, includesNull) =>
    `E-verdi for hovedestimatets relative risiko: ${e}; for konfidensgrensen nærmest 1: ${eCi}. For å forklare bort hovedestimatet måtte en umålt forstyrrende faktor henge sammen med både utvelgelsen til hybridmodellen og arbeid eller utdanning med en relativ risiko på minst ${e} hver, utover kontor, alder, kjønn og tidligere arbeid; svakere utvelgelse kunne ikke gjort det.` +
    (includesNull ? ' Intervallet omfatter allerede ingen effekt.' : ''),
  fnModelsWithheld:
    'De justerte og vektede estimatene er holdt tilbake: de er tilpasset en gruppe der antallet er skjult, eller med færre enn 10 residuale frihetsgrader.',
  fnInputNotesLeftOut: (minCell) =>
    `Merknader om færre enn ${minCell} rader (ukjente verdier, verdier lest som manglende, skrivemåter for kontor) er utelatt fra en publisert rapport; \`hybrid-eval validate\` viser alle.`,
  fnAllowed: (columns) => `Kolonner erklært kontrollert og trygge for personopplysningssjekken: ${columns}.`,
  fnRejected: (rejected, read) =>
    `${formatCount(rejected, 'nb')} av ${formatCount(read, 'nb')} rader ble avvist og er ikke analysert (se tabell 1 og \`hybrid-eval validate\`).`,
  fnNotRegistered: 'Brukere uten registrert utfall er talt med, men holdt utenfor alle utfallsstatistikker.',
  unreliable: 'ikke pålitelig (se advarsler)',
  sheet: 'ark',
  quote: (text) => `«${text}»`,
  columnNames: {
    person_id: 'person_id',
    office: 'kontor',
    counsellor_id: 'veileder',
    group: 'gruppe',
    outcome: 'utfall',
    age: 'alder',
    gender: 'kjønn',
    prior_work: 'tidligere arbeid',
    start_date: 'startdato',
    end_date: 'sluttdato',
  },
  someDate: 'en dato',
  skipReasons: {
    HIDDEN: 'skjult (navnet begynner med punktum)',
    LOCK_FILE: 'låsefilen til et regneark som er åpent i Excel eller LibreOffice',
    NOT_A_DATA_FILE: 'ikke en CSV-, TSV-, tekst-, Excel- eller gzip-fil',
    OWN_OUTPUT: 'en rapport- eller avvisningsfil skrevet av hybrid-eval',
    NO_HEADER: 'ikke en eksportfil (ingen overskriftsrad med de påkrevde kolonnene)',
  },
  fnSkippedFile: (path, reason) => `${path} ble ikke lest: ${reason}.`,
  fnLinesBeforeHeader: (file, headerLine, sepLine, workbook) =>
    `${file}: ${lineRange(headerLine - 1, workbook ? 'rad' : 'linje', workbook ? 'rad' : 'linje')} er hoppet over før kolonneoverskriftene ` +
    `${workbook ? 'i rad' : 'på linje'} ${headerLine}${sepLine ? '; linje 1 er en sep=-linje som angir skilletegnet' : ''}.`,
  fnSheetsIgnored: (sheets, files) =>
    `${formatCount(sheets, 'nb')} ${sheets === 1 ? 'annet' : 'andre'} regneark ble ikke lest (i ${files.join(', ')}); ` +
    'bare det første arket, eller det som er valgt med --sheet, blir lest.',
  fnValueMissing: (column, rows, first) =>
    `${capitalise(column)} kunne ikke leses i ${formatCount(rows, 'nb')} ${rows === 1 ? 'rad' : 'rader'} og er regnet som manglende ` +
    `(første: ${placeList(first, NO_PLACES)}).`,
  fnUnknownLabel: (rows, column, label, first, effect) =>
    `${formatCount(rows, 'nb')} ${rows === 1 ? 'rad' : 'rader'} har ${column} «${label}», som ikke er en kjent verdi ` +
    `(første: ${placeList(first, NO_PLACES)}); ` +
    (effect === 'rejected' ? 'avvist – legg den til med --mapping.' : 'regnet som manglende.'),
  fnOfficeSpellings: (name, others) =>
    `Kontoret «${name}» er også skrevet ${others.map((o) => `«${o.spelling}» (${formatCount(o.rows, 'nb')} ${o.rows === 1 ? 'rad' : 'rader'})`).join(', ')}; ` +
    'regnet som ett kontor.',
  fnOfficeNameEncoding: (rows, first) =>
    `I ${formatCount(rows, 'nb')} ${rows === 1 ? 'rad' : 'rader'} inneholder kontornavnet uleselige tegn (U+FFFD, eller feiltolkede bokstaver som «Ã¸»); ` +
    `tegnsettet til filen kan være feil, se --encoding (første: ${placeList(first, NO_PLACES)}).`,
  fnIdsInSeveralOffices: (ids, scope) =>
    scope === 'office'
      ? `De samme person_id-verdiene går igjen på flere kontor: ${formatCount(ids, 'nb')} ${ids === 1 ? 'id' : 'id-er'} finnes på mer enn ett kontor; ` +
        'med --id-scope office er hvert par (kontor, person_id) en egen person.'
      : `${formatCount(ids, 'nb')} ${ids === 1 ? 'person_id-verdi' : 'person_id-verdier'} finnes på mer enn ett kontor; ` +
        'med --id-scope global er hver person_id én person på tvers av kontorene.',
};

/** Nynorsk, every word written out (no spread from Bokmål), so that a key missing here is a compile error. */
const nn: Words = {
  table: 'Tabell',
  title: 'Hybridmodellen samanlikna med oppfølging som vanleg',
  internalBanner: 'INTERNT – inneheld små celler, ikkje for publisering',
  tSources: 'Datakjelder og radrekneskap',
  tOutcomes: 'Utfall etter gruppe. Tal og prosent',
  tWorkOrEducation: 'Arbeid eller utdanning, hybridmodellen mot som vanleg',
  tOffices: 'Arbeid eller utdanning etter kontor. Tal og prosent',
  tOfficeEffects: 'Hybridmodellen mot oppfølging som vanleg, etter kontor: arbeid eller utdanning',
  tPooled: 'Samla, justerte og vekta estimat',
  tMultinomial: 'Kvart utfall mot ingen av delane, justert (multinomisk modell)',
  relativeRiskRatio: 'Relativ risikoratio',
  fnMultinomial: (formula, n, clusters, by) =>
    `Multinomisk logistisk regresjon ${formula} (N = ${n ?? SUPPRESSED}), ingen av delane som referanseutfall, kontor som faste effektar, som multinom i nnet. Relativ risikoratio: kor mykje meir sannsynleg det var at hybridbrukarane enda i dette utfallet heller enn i ingen av delane, samanlikna med som vanleg-brukarane. Wald-intervall og p frå standardfeil grupperte på ${by === 'counsellor' ? 'rettleiar' : 'kontor'} (${clusters ?? SUPPRESSED} klynger, skårbasert sandwich med G/(G−1)).`,
  fnMultinomialEqual: (stat, df, p, significant) =>
    `Wald-test av at effekten av hybridmodellen er den same på jobb, læreplass og utdanning: χ² = ${stat}, fg = ${df}, ${p}.` +
    (significant ? '' : ' Dataa viser ikkje at effekten er ulik mellom utfalla: skilnader mellom radene over bør ikkje lesast som reelle.'),
  fnMultinomialWithheld:
    'Den multinomiske modellen er halden tilbake: han er tilpassa utfallstabellen etter gruppe, som har skjulte eller samanslegne celler han ville avsløre, eller han har færre enn 10 fridomsgrader i residualane.',
  tBaseline: 'Kjenneteikn ved oppstart etter gruppe',
  file: 'Fil',
  encoding: 'Teiknsett',
  delimiter: 'Skiljeteikn',
  rowsRead: 'Lese',
  accepted: 'Godteke',
  rejected: 'Avvist',
  duplicates: 'Dupl.',
  total: 'Totalt',
  hybrid: 'Hybridmodellen',
  usual: 'Som vanleg',
  hybridShort: 'Hybrid',
  usualShort: 'Som vanleg',
  intervalSeparator: '; ',
  outcome: 'Utfall',
  job: 'Jobb',
  apprenticeship: 'Læreplass',
  education: 'Utdanning',
  apprenticeshipOrEducation: 'Læreplass eller utdanning',
  none: 'Ingen',
  workOrEducation: 'Arbeid eller utdanning',
  registered: 'Registrert (N)',
  notRegistered: 'Ikkje registrert',
  allUsers: 'Alle brukarar',
  difference: 'Differanse',
  pp: 'p.p.',
  ci: '95 % KI',
  office: 'Kontor',
  measure: 'Mål',
  estimate: 'Estimat',
  test: 'Test',
  riskDifference: 'Risikodifferanse (prosentpoeng)',
  riskRatio: 'Relativ risiko',
  oddsRatio: 'Oddsratio',
  fisher: 'Fishers eksakte test',
  chiSquare: 'Kji-kvadrat',
  df: 'fg',
  crudeOr: 'Ujustert oddsratio',
  mhOr: 'Mantel–Haenszel oddsratio',
  mhRd: 'Mantel–Haenszel risikodifferanse (prosentpoeng)',
  cmh: 'Cochran–Mantel–Haenszel',
  breslowDay: 'Breslow–Day homogenitet',
  gcmh: 'Generalisert CMH, alle utfall',
  clogitOr: 'Betinga logistisk oddsratio, innanfor rettleiar',
  fnConditionalLogistic: (formula, n, used, total) =>
    `Betinga logistisk regresjon ${formula} (N = ${n ?? SUPPRESSED}): brukarane til kvar rettleiar blir samanlikna med kvarandre, så rettleiarar med lettare eller mindre porteføljar ikkje kan skeivstille estimatet; eksakt betinga likelihood som clogit i survival, Wald-intervall og p; ${used ?? SUPPRESSED} av ${total ?? SUPPRESSED} rettleiarar har brukarar både i og utanfor arbeid eller utdanning og ber informasjon.`,
  fnEValueConditional: (e, eCi, includesNull) =>
    `E-verdi for den betinga oddsratioen (teken som √OR): ${e}; for konfidensgrensa nærast 1: ${eCi}.${includesNull ? ' Intervallet omfattar alt ingen effekt.' : ''}`,
  mhOrCounsellor: 'Mantel–Haenszel oddsratio, innanfor rettleiar',
  cmhCounsellor: 'Cochran–Mantel–Haenszel, innanfor rettleiar',
  fnCounsellor: (used, total) =>
    `Innanfor rettleiar: rettleiarar som strata, sidan det var dei som valde kven som skulle følgjast opp i hybridmodellen; ${used} av ${total} rettleiarar har begge grupper og begge utfall og bidreg med informasjon. Registrerte brukarar utan rettleiar er utelatne. Ingen Breslow–Day-test per rettleiar: strataa er for tynne.`,
  fnCounsellorWithheld:
    'Resultata innanfor rettleiar er haldne tilbake: dei blir publiserte berre når tabell 3 blir vist i heilskap og over minst 10 rettleiarar som bidreg med informasjon.',
  adjustedOr: 'Justert oddsratio',
  weightedRd: 'Vekta risikodifferanse (prosentpoeng)',
  variable: 'Variabel',
  age: 'Alder, gjennomsnitt (SA)',
  women: 'Kvinner, tal (%)',
  priorWork: 'Tidlegare arbeid, tal (%)',
  smd: 'SMD',
  smdAfter: 'SMD vekta',
  meanSd: 'gjennomsnitt (SA)',
  chartTitle: 'Del etter utfall og gruppe',
  to: 'til',
  comma: 'komma',
  tab: 'tabulator',
  semicolon: 'semikolon',
  warnings: 'Åtvaringar',
  notes: 'Merknader',
  rejectedRows: 'Avviste rader',
  moreRejectedRows: (count) => `… ${formatCount(count, 'nn')} til (hybrid-eval validate viser alle)`,
  ciLower: '95 % KI, nedre',
  ciUpper: '95 % KI, øvre',
  sdShort: 'SA',
  rejectionLine: 'Linje',
  rejectionField: 'Felt',
  rejectionCode: 'Kode',
  rejectionMessage: 'Melding',
  formulaTerms: {
    work_or_education: 'arbeid_eller_utdanning',
    outcome: 'utfall',
    group: 'gruppe',
    office: 'kontor',
    age: 'alder',
    gender: 'kjønn',
    prior_work: 'tidlegare_arbeid',
    counsellor: 'rettleiar',
  },
  fnSelection:
    'Utvalet til hybridmodellen var ikkje tilfeldig: rettleiarane valde brukarar dei trudde ville ha nytte av han. Ujusterte skilnader blandar effekten av modellen med grunnane til utveljinga.',
  fnAdjustedLimits:
    'Justering og vekting fjernar berre skilnader i kontor, alder, kjønn og tidlegare arbeid. Dei kan ikkje fjerne utveljing på tilhøve som ikkje er registrerte (motivasjon, helse, skjønnet til rettleiaren).',
  fnWilson: 'Prosent med 95 % Wilson-intervall.',
  fnNewcombe: 'Differanse hybridmodellen − som vanleg i prosentpoeng, med det hybride score-intervallet til Newcombe.',
  fnChiSquare: (stat, df, p) => `Pearsons kji-kvadrattest utan kontinuitetskorreksjon: χ² = ${stat}, fg = ${df}, ${p}.`,
  fnFisher: (p) => `Fishers eksakte test, tosidig: ${p}.`,
  fnFisherMonteCarlo: (p, replicates, seed) =>
    `Fishers eksakte test, tosidig, rekna ut ved Monte Carlo (${replicates} tabellar, frø ${seed}) fordi eksakt oppteljing ikkje var mogleg: ${p}.`,
  fnSparse: 'Nokre forventa tal er under 5: Fishers eksakte test er hovudtesten.',
  fnCategoriesMerged: (minCell) =>
    `Læreplass og utdanning blir viste som éin kategori, og testane er rekna på tabellen slik han blir vist: éin av dei tel færre enn ${minCell} personar i ei gruppe.`,
  fnOutcomeTestsMerged:
    'Begge testane er rekna med læreplass og utdanning slegne saman til éin kategori: éin av dei har ei skjult celle, som testane på heile tabellen ville avsløre.',
  fnOutcomeTestsWithheld:
    'Kji-kvadrattesten og Fishers test for denne tabellen er haldne tilbake: dei er rekna ut frå skjulte celler og ville avsløre dei. Tabell 3 testar arbeid eller utdanning.',
  fnStrataMerged: (offices, strata) =>
    `Dei samla estimata og testane over kontor er rekna med ${offices} slegne saman til eitt stratum (${strata === 1 ? 'altså utan stratifisering' : `${strata} strata i alt`}): cellene deira er skjulte, og analysane per kontor ville avsløre dei.`,
  fnStratifiedWithheld: 'CMH-, Mantel–Haenszel- og Breslow–Day-resultata er haldne tilbake: dei er rekna ut frå skjulte celler og ville avsløre dei.',
  fnGeneralizedCmhWithheld:
    'Den generaliserte CMH-testen er halden tilbake: han er rekna ut frå utfallstabellen for kvart kontor, som har tal under grensa for prikking.',
  fnRatios: 'Relativ risiko med log-intervall (Katz); oddsratio med log-intervall (Woolf); udefinert ved ei tom celle.',
  fnOffices: 'Blant brukarar med registrert utfall.',
  fnOfficeEffects: (tested) =>
    `Differanse hybridmodellen − som vanleg i prosentpoeng (Newcombes intervall); oddsratio med Woolfs intervall. p: Fishers eksakte test innanfor kontoret; p (Holm): justert for at ${tested} kontor er testa (Holm). Med så få hybridbrukarar per kontor som her har ein test per kontor lita styrke: ein stor p-verdi viser ikkje at modellen ikkje verka der.`,
  mdd: 'MDD',
  randomEffects: 'Tilfeldige effektar (REML)',
  fnMeta: (k, tau2, i2, q, df, p, pi, merged) =>
    `Tilfeldige effektar: REML-metaanalyse av log-oddsratioane for ${k} kontor${merged ? ' (dei med skjulte celler som eitt)' : ''} (1/2 lagt til i kvar celle i ein tabell med ei tom celle), som rma i metafor; τ² = ${tau2}, I² = ${i2} %, Q = ${q} (fg = ${df}), ${p}. 95 % prediksjonsintervall for oddsratioen i eit kontor: ${pi}.`,
  fnMetaWithheld: 'Metaanalysen med tilfeldige effektar over kontor er halden tilbake: han er rekna ut frå skjulte celler og ville avsløre dei.',
  fnMdd: (power, alpha) =>
    `MDD: den minste differansen i prosentpoeng ein tosidig test på ${alpha} %-nivå oppdagar med ${power} % styrke, ved delen i som vanleg-gruppa (normaltilnærming). Eit kontor der differansen er mindre enn MDD, er for lite til å seie om modellen verka der.`,
  fnMissingBounds: (lower, upper) =>
    `Brukarar utan registrert utfall: om alle hadde enda i arbeid eller utdanning i den eine gruppa og i ingen av delane i den andre, ville differansen lege mellom ${lower} og ${upper} prosentpoeng (verste og beste tilfelle).`,
  fnMissingBoundsWithheld: 'Grensene for verste og beste tilfelle for brukarar utan registrert utfall er haldne tilbake: dei ville avsløre skjulte tal.',
  fnEValue: (e, eCi, includesNull) =>
    `E-verdi for den justerte oddsratioen (teken som √OR, sidan utfallet er vanleg): ${e}; for konfidensgrensa nærast 1: ${eCi}. For å forklare bort det justerte estimatet måtte ein umålt forstyrrande faktor hengje saman med både utveljinga til hybridmodellen og arbeid eller utdanning med ein relativ risiko på minst ${e} kvar, utover kontor, alder, kjønn og tidlegare arbeid.` +
    (includesNull ? ' Intervallet omfattar alt ingen effekt.' : ''),
  fnHolmHidden: 'Eit kontor med skjulte celler tel som p = 1 i Holm-justeringa, så dei justerte p-verdiane som blir viste, er konservative.',
  fnOfficeEmpty: (offices) => `Ingen p-verdi der ei gruppe er tom: ${offices}.`,
  fnMantelHaenszel:
    'Kontor som strata. Mantel–Haenszel oddsratio med Robins–Breslow–Greenland-intervall; Cochran–Mantel–Haenszel-test utan kontinuitetskorreksjon.',
  fnBreslowDay: (excluded) =>
    `Breslow–Day-test utan korreksjonen til Tarone; ${excluded} kontor utan informasjon (ein tom marginal) ${excluded === 1 ? 'utelate' : 'utelatne'}.`,
  fnSato: 'Mantel–Haenszel risikodifferanse med Greenland–Robins/Sato-varians.',
  fnAdjusted: (formula, n, clusters, by, cr2Df) =>
    `Logistisk regresjon ${formula} (N = ${n ?? SUPPRESSED}), kontor som faste effektar; ` +
    (cr2Df === null
      ? `Wald-intervall og p frå standardfeil grupperte på ${by === 'counsellor' ? 'rettleiar' : 'kontor'} (${clusters} klynger, HC0 med G/(G−1)).`
      : `med berre ${clusters} klynger (${by === 'counsellor' ? 'rettleiar' : 'kontor'}) den skeivheitskorrigerte CR2-standardfeilen (som clubSandwich), og intervall og p frå ei t-fordeling med ${cr2Df} Satterthwaite-fridomsgrader, sidan vanlege klyngerobuste standardfeil blir for små med færre enn 30 klynger.`) +
    (by === 'office' ? ' Det finst inga rettleiarkolonne, så standardfeila er grupperte på kontor.' : ''),
  fnWeighted: (n) =>
    `Vekting med tilbøyelegheitsskår (ATT: hybrid 1, som vanleg ps/(1−ps)) frå ein logistisk modell med dei same kovariatane og kontor (N = ${n ?? SUPPRESSED}); intervall frå sandwich-variansen til dei stabla estimeringslikningane, som tek omsyn til at skåren er estimert, med dei same klyngene som hovudestimatet.`,
  fnBaseline:
    'SMD: standardisert skilnad i gjennomsnitt hybridmodellen − som vanleg (som tableone); |SMD| > 0,1 blir ofte lese som ubalanse. Vekta: etter ATT-vekting.',
  fnRounding: (groups) => `Prosentane er avrunda til éin desimal; på grunn av avrunding summerer kolonnen for ${groups} seg ikkje til nøyaktig 100,0.`,
  fnSuppressed: (cells, minCell) =>
    `${cells} ${cells === 1 ? 'celle er skjult (:) fordi ho tel' : 'celler er skjulte (:) fordi dei tel'} færre enn ${minCell} personar, eller fordi ei skjult celle elles kunne reknast ut frå summane.`,
  fnNoSuppression: 'Ingen celler måtte skjulast.',
  fnSuppressionLimits:
    'Prikkinga er avgjord for alle tabellane under eitt: inga skjult celle kan reknast ut frå tala, summane, delane, radrekneskapen og statistikken som blir publisert, sett under eitt. Statistikk som er rekna ut frå skjulte celler, er rekna ut på samanslegne kategoriar eller kontor, eller halden tilbake (sjå fotnotane).',
  summaryPrimary: (x) =>
    `Hovudresultat: ${x.hybrid} % av brukarane som vart følgde opp i hybridmodellen, var i arbeid eller utdanning då oppfølginga slutta; hadde dei same brukarane fått oppfølging som vanleg, ville etter overslaget ${x.ifUsual} % vore det, ein skilnad på ${x.difference} prosentpoeng (95 % KI ${x.differenceLow} til ${x.differenceHigh}; relativ risiko ${x.ratio}, ${x.ratioLow} til ${x.ratioHigh}).`,
  summaryPrimaryWithheld: 'Hovudresultat: hovudestimatet er halde tilbake av omsyn til personvernet (sjå merknadene).',
  summaryPrimaryUndefined: 'Hovudresultat: dataa gjev ikkje grunnlag for eit hovudestimat (sjå åtvaringane).',
  primaryRd: 'Hovudestimat: effekt for hybridbrukarane, AIPW (prosentpoeng)',
  primaryRr: 'Hovudestimat: relativ risiko, AIPW',
  fnPrimary: (terms, n, clusters, by, ess, maxWeight) =>
    `Hovudestimat: gjennomsnittleg effekt for brukarane i hybridmodellen (ATT), ved utvida invers sannsynsvekting (dobbelt robust, normalisert). Ein logistisk modell for tilbøyelegheitsskår og ein logistisk modell for arbeid eller utdanning blant som vanleg-brukarane, begge med ${terms} (N = ${n ?? SUPPRESSED}). Intervall frå sandwich-variansen til dei stabla estimeringslikningane, som tek omsyn til begge dei tilpassa modellane, gruppert på ${by === 'counsellor' ? 'rettleiar' : 'kontor'} (${clusters ?? SUPPRESSED} klynger, G/(G−1)); intervallet for den relative risikoen med deltametoden på log-skala. Vekter ps/(1−ps) for som vanleg-brukarane: effektivt utval ${ess}, største vekt ${maxWeight}.`,
  fnEValuePrimary: (e, eCi, includesNull) =>
    `E-verdi for den relative risikoen i hovudestimatet: ${e}; for konfidensgrensa nærast 1: ${eCi}. For å forklare bort hovudestimatet måtte ein umålt forstyrrande faktor hengje saman med både utveljinga til hybridmodellen og arbeid eller utdanning med ein relativ risiko på minst ${e} kvar, utover kontor, alder, kjønn og tidlegare arbeid; svakare utveljing kunne ikkje gjort det.` +
    (includesNull ? ' Intervallet omfattar alt ingen effekt.' : ''),
  fnModelsWithheld:
    'Dei justerte og vekta estimata er haldne tilbake: dei er tilpassa ei gruppe der talet er skjult, eller med færre enn 10 residuale fridomsgrader.',
  fnInputNotesLeftOut: (minCell) =>
    `Merknader om færre enn ${minCell} rader (ukjende verdiar, verdiar lesne som manglande, skrivemåtar for kontor) er utelatne frå ein publisert rapport; \`hybrid-eval validate\` viser alle.`,
  fnAllowed: (columns) => `Kolonnar erklærte kontrollerte og trygge for personopplysningssjekken: ${columns}.`,
  fnRejected: (rejected, read) =>
    `${formatCount(rejected, 'nn')} av ${formatCount(read, 'nn')} rader ${rejected === 1 ? 'vart avvist og er ikkje analysert' : 'vart avviste og er ikkje analyserte'} (sjå tabell 1 og \`hybrid-eval validate\`).`,
  fnNotRegistered: 'Brukarar utan registrert utfall er talde med, men haldne utanfor all utfallsstatistikk.',
  unreliable: 'ikkje påliteleg (sjå åtvaringar)',
  sheet: 'ark',
  quote: (text) => `«${text}»`,
  columnNames: {
    person_id: 'person_id',
    office: 'kontor',
    counsellor_id: 'rettleiar',
    group: 'gruppe',
    outcome: 'utfall',
    age: 'alder',
    gender: 'kjønn',
    prior_work: 'tidlegare arbeid',
    start_date: 'startdato',
    end_date: 'sluttdato',
  },
  someDate: 'ein dato',
  skipReasons: {
    HIDDEN: 'skjult (namnet byrjar med punktum)',
    LOCK_FILE: 'låsefila til eit rekneark som er ope i Excel eller LibreOffice',
    NOT_A_DATA_FILE: 'ikkje ei CSV-, TSV-, tekst-, Excel- eller gzip-fil',
    OWN_OUTPUT: 'ei rapport- eller avvisingsfil skriven av hybrid-eval',
    NO_HEADER: 'ikkje ei eksportfil (inga overskriftsrad med dei påkravde kolonnane)',
  },
  fnSkippedFile: (path, reason) => `${path} vart ikkje lesen: ${reason}.`,
  fnLinesBeforeHeader: (file, headerLine, sepLine, workbook) =>
    `${file}: ${lineRange(headerLine - 1, workbook ? 'rad' : 'linje', workbook ? 'rad' : 'linje')} er hoppa over før kolonneoverskriftene ` +
    `${workbook ? 'i rad' : 'på linje'} ${headerLine}${sepLine ? '; linje 1 er ei sep=-linje som gjev skiljeteiknet' : ''}.`,
  fnSheetsIgnored: (sheets, files) =>
    `${formatCount(sheets, 'nn')} ${sheets === 1 ? 'anna rekneark vart ikkje lese' : 'andre rekneark vart ikkje lesne'} (i ${files.join(', ')}); ` +
    'berre det første arket, eller det som er valt med --sheet, blir lese.',
  fnValueMissing: (column, rows, first) =>
    `${capitalise(column)} kunne ikkje lesast i ${formatCount(rows, 'nn')} ${rows === 1 ? 'rad' : 'rader'} og er rekna som manglande ` +
    `(første: ${placeList(first, NO_PLACES)}).`,
  fnUnknownLabel: (rows, column, label, first, effect) =>
    `${formatCount(rows, 'nn')} ${rows === 1 ? 'rad' : 'rader'} har ${column} «${label}», som ikkje er ein kjend verdi ` +
    `(første: ${placeList(first, NO_PLACES)}); ` +
    (effect === 'rejected' ? 'avvist – legg han til med --mapping.' : 'rekna som manglande.'),
  fnOfficeSpellings: (name, others) =>
    `Kontoret «${name}» er òg skrive ${others.map((o) => `«${o.spelling}» (${formatCount(o.rows, 'nn')} ${o.rows === 1 ? 'rad' : 'rader'})`).join(', ')}; ` +
    'rekna som eitt kontor.',
  fnOfficeNameEncoding: (rows, first) =>
    `I ${formatCount(rows, 'nn')} ${rows === 1 ? 'rad' : 'rader'} inneheld kontornamnet uleselege teikn (U+FFFD, eller feiltolka bokstavar som «Ã¸»); ` +
    `teiknsettet til fila kan vere feil, sjå --encoding (første: ${placeList(first, NO_PLACES)}).`,
  fnIdsInSeveralOffices: (ids, scope) =>
    scope === 'office'
      ? `Dei same person_id-verdiane går igjen på fleire kontor: ${formatCount(ids, 'nn')} ${ids === 1 ? 'id' : 'id-ar'} finst på meir enn eitt kontor; ` +
        'med --id-scope office er kvart par (kontor, person_id) ein eigen person.'
      : `${formatCount(ids, 'nn')} ${ids === 1 ? 'person_id-verdi' : 'person_id-verdiar'} finst på meir enn eitt kontor; ` +
        'med --id-scope global er kvar person_id éin person på tvers av kontora.',
};

export const WORDS: Record<Lang, Words> = { en, nb, nn };
