import type { ReportModel } from './model.js';

/**
 * Every number the report model publishes: where it is computed from, and how
 * disclosure control (suppress.ts) protects it. Paths are dot-separated with `#`
 * for an array index. A number the model publishes that no entry (or more than
 * one) places is an error when a report is made, not a skip: a field added or
 * renamed without a decision on its disclosure is not published.
 */
export interface PublishedNumber {
  path: RegExp;
  /** What the number is computed from. */
  from: string;
  /** How suppress.ts protects it. */
  protection: string;
}

export const PUBLISHED_NUMBERS: readonly PublishedNumber[] = [
  {
    path: /^groups\.(hybrid|usual)\.(n|outcomeMissing)$/,
    from: "a group's persons; those with no registered outcome",
    protection: 'cells: primary below min-cell, secondary in their lines',
  },
  { path: /^outcomes\.table\.(hybrid|usual)\.\w+$/, from: 'persons by group and outcome', protection: 'cells' },
  {
    path: /^outcomes\.byLevel\.\w+\.(hybrid|usual)\.(count|proportion|ciLow|ciHigh)$/,
    from: 'an outcome cell and its registered N',
    protection: 'hidden with either',
  },
  { path: /^outcomes\.byLevel\.\w+\.difference\.(estimate|ciLow|ciHigh)$/, from: 'the cells of both groups', protection: 'hidden with any' },
  {
    path: /^outcomes\.merged\.(hybrid|usual)\.(count|proportion|ciLow|ciHigh)$|^outcomes\.merged\.difference\.(estimate|ciLow|ciHigh)$/,
    from: 'apprenticeship and education together, by group (work or education minus job)',
    protection: 'a cell in the lines of the outcome table; its categories are then not published apart',
  },
  {
    path: /^outcomes\.(chiSquare\.(statistic|df|pValue)|fisherExact\.(pValue|log10PValue|log10PValueAtMost))$/,
    from: 'the outcome table',
    protection: 'with a hidden cell: computed on the table with apprenticeship and education merged, or withheld',
  },
  { path: /^outcomes\.fisherExact\.(replicates|seed)$/, from: 'settings of the Monte Carlo test', protection: 'no persons counted' },
  {
    path: /^workOrEducation\.(hybrid|usual)\.(n|positive|proportion|ciLow|ciHigh)$/,
    from: 'registered persons and those in work or education, by group',
    protection: 'cells',
  },
  {
    path: /^workOrEducation\.(riskDifference|riskRatio|oddsRatio)\.(estimate|ciLow|ciHigh)$|^workOrEducation\.(chiSquare\.(statistic|df|pValue)|fisherExact\.(pValue|log10PValue|log10PValueAtMost))$/,
    from: 'the work-or-education 2 × 2 table',
    protection: 'hidden with a hidden positive count or registered N',
  },
  { path: /^offices\.#\.(hybrid|usual)\.(n|positive)$/, from: 'registered persons and positives by office and group', protection: 'cells' },
  {
    path: /^offices\.#\.(fisherExact\.pValue|(oddsRatio|riskDifference)\.(estimate|ciLow|ciHigh))$/,
    from: "an office's 2 × 2 table",
    protection: 'hidden with any of its cells',
  },
  {
    path: /^offices\.#\.pValueHolm$/,
    from: "every tested office's Fisher p",
    protection: "hidden with the office's cells; the others recomputed with each hidden office's p counted as 1",
  },
  {
    path: /^stratified\.(cmh|breslowDay)\.(statistic|df|pValue)$|^stratified\.breslowDay\.strataExcluded$|^stratified\.(mantelHaenszelOddsRatio|mantelHaenszelRiskDifference)\.(estimate|ciLow|ciHigh)$|^stratified\.strata(Used|Total)$/,
    from: "every office's 2 × 2 table",
    protection: 'offices with a hidden cell merged into one stratum (its cells are published totals minus published offices), or withheld',
  },
  {
    path: /^stratified\.generalizedCmh\.(statistic|df|pValue)$/,
    from: "every office's outcome table (never published)",
    protection: 'withheld when any count in them is from 1 to min-cell − 1',
  },
  {
    path: /^baseline\.#\.(hybrid|usual)\.(n|count|proportion|missing)$|^baseline\.#\.smd$/,
    from: 'baseline counts and missing values by group, over the group total',
    protection: 'cells, the shares and SMD hidden with the count or the group total',
  },
  { path: /^baseline\.#\.(hybrid|usual)\.(mean|sd)$/, from: 'every person of the group', protection: 'hidden with a small group' },
  {
    path: /^adjusted\.(n|clusters|df|oddsRatio\.(estimate|ciLow|ciHigh|pValue)|standardError\.(modelBased|clusterRobust))$/,
    from: 'a regression on every registered person with complete covariates',
    protection: 'withheld when a group total is below min-cell or the residual degrees of freedom are fewer than 10 (Eurostat)',
  },
  {
    path: /^weighted\.(n|riskDifference\.(estimate|ciLow|ciHigh)|smdAfter\.#\.smd|weights\.(min|max|effectiveSampleSizeUsual))$/,
    from: 'a weighted comparison of every registered person with complete covariates',
    protection: 'withheld with the adjusted model; a weighted SMD of shares hidden with the baseline count',
  },
  {
    path: /^primary\.(n|clusters|meanHybrid|meanHybridIfUsual|riskDifference\.(estimate|ciLow|ciHigh|pValue)|riskRatio\.(estimate|ciLow|ciHigh)|weights\.(effectiveSampleSizeUsual|max))$/,
    from: 'a doubly robust (AIPW) comparison of every registered person with complete covariates; the hybrid share is their positives over their number',
    protection: "withheld with the adjusted model, and when Table 3's hybrid positives are hidden (the hybrid share would give them back)",
  },
  {
    path: /^multinomial\.(n|clusters|relativeRiskRatios\.#\.(estimate|ciLow|ciHigh|pValue)|equalEffects\.(statistic|df|pValue))$/,
    from: 'a multinomial regression of the four outcomes on every registered person with complete covariates',
    protection: 'withheld with the adjusted model, and when any outcome cell of Table 2 is hidden or its categories are merged (it would give the cells back)',
  },
  {
    path: /^withinCounsellor\.(mantelHaenszelOddsRatio\.(estimate|ciLow|ciHigh)|cmh\.(statistic|df|pValue)|strata(Used|Total))$/,
    from: "every counsellor's 2 × 2 table (never published)",
    protection: 'withheld with a hidden cell of Table 3 (the table they sum to), or with fewer than 10 informative counsellors',
  },
  {
    path: /^withinCounsellor\.conditionalLogistic\.(n|strata(Used|Total)|oddsRatio\.(estimate|ciLow|ciHigh|pValue))$/,
    from: 'a conditional logistic regression on every registered person with complete covariates and a counsellor, counsellors as strata (never published)',
    protection: 'withheld with the within-counsellor statistics, and with the adjusted model',
  },
  {
    path: /^sensitivity\.conditionalOddsRatio\.(riskRatio|eValue|eValueCi)$/,
    from: 'the conditional odds ratio and its interval',
    protection: 'withheld with the conditional odds ratio',
  },
  {
    path: /^officeEffects\.minimumDetectableDifference\.(alpha|power)$/,
    from: 'settings',
    protection: 'no persons counted',
  },
  {
    path: /^officeEffects\.minimumDetectableDifference\.overall$|^officeEffects\.minimumDetectableDifference\.byOffice\.#\.difference$/,
    from: "both groups' registered N and the as-usual share (overall, or the office's)",
    protection: "hidden with those cells (overall: with Table 3's; by office: with the office's)",
  },
  {
    path: /^officeEffects\.metaAnalysis\.(k|tau2|i2|oddsRatio\.(estimate|ciLow|ciHigh|pValue)|predictionInterval\.(low|high)|heterogeneity\.(statistic|df|pValue))$/,
    from: "every office's 2 × 2 table",
    protection: 'offices with a hidden cell merged into one (published totals minus published offices), or withheld',
  },
  {
    path: /^sensitivity\.adjustedOddsRatio\.(riskRatio|eValue|eValueCi)$/,
    from: 'the adjusted odds ratio and its interval',
    protection: 'withheld with the adjusted model',
  },
  {
    path: /^sensitivity\.primaryRiskRatio\.(riskRatio|eValue|eValueCi)$/,
    from: 'the primary risk ratio and its interval',
    protection: 'withheld with the primary estimate',
  },
  {
    path: /^timeToOutcome\.(included|censored)\.(hybrid|usual)$|^timeToOutcome\.excluded\.#\.(hybrid|usual)$/,
    from: 'persons by group in the time-to-outcome analyses: included, censored at the extraction date, left out by reason',
    protection: 'cells: hidden from 1 to min-cell − 1; included hidden with its group total or a hidden exclusion (it is the total less them)',
  },
  {
    path: /^timeToOutcome\.horizons\.#$|^timeToOutcome\.cumulativeIncidence\.#\.months$|^timeToOutcome\.curves\.#\.points\.#\.month$|^timeToOutcome\.weightedDifference\.#\.months$/,
    from: 'settings: whole months since start',
    protection: 'no persons counted',
  },
  {
    path: /^timeToOutcome\.cumulativeIncidence\.#\.(estimate|ciLow|ciHigh|events|atRisk)$|^timeToOutcome\.curves\.#\.points\.#\.(estimate|events|atRisk)$/,
    from: "a group's event and censoring times up to a whole month",
    protection:
      'each published step rests on 0 or at least min-cell events and at least min-cell at risk, the at-risk count falls by 0 or at least min-cell, and so does the tail to Table 2; otherwise the month is left out (the curve coarsened) or the cell hidden; work or education = the three outcomes, so never one hidden cell in a line',
  },
  {
    path: /^timeToOutcome\.grayTest\.(statistic|df|pValue)$|^timeToOutcome\.(causeSpecificHazardRatio|subdistributionHazardRatio)\.(n|events|clusters|strata|hazardRatio\.(estimate|ciLow|ciHigh|pValue))$/,
    from: "both groups' event times; regressions on every person in the time-to-outcome analyses with complete covariates",
    protection: 'withheld when a group is small or has from 1 to min-cell − 1 events of work or education',
  },
  {
    path: /^timeToOutcome\.weightedDifference\.#\.(estimate|ciLow|ciHigh)$|^timeToOutcome\.weighting\.(n|clusters|replicates|failedReplicates|seed|effectiveSampleSizeUsual|maxWeight)$/,
    from: "both groups' cumulative incidence of work or education at the month, the usual group weighted to the hybrid group; bootstrap settings",
    protection: "withheld with the comparisons, and at a month where either group's cell of work or education is hidden",
  },
  {
    path: /^missingOutcomeBounds\.(lower|upper)$/,
    from: "both groups' positives, registered N and not registered",
    protection: 'withheld when any of those is hidden',
  },
  {
    path: /^input\.(rowsRead|rowsAccepted|rowsRejected|duplicateRows)$|^input\.files\.#\.(rowsRead|rowsAccepted|rowsRejected|duplicateRows|headerLine)$/,
    from: 'rows of the input files (accepted rows: both group totals; a file holding one office: its persons)',
    protection: 'published: rows refused for their form, not persons by a characteristic; accepted rows are in the audit',
  },
  {
    path: /^input\.(notices|unknownLabels)\.#\.(count|examples\.#\.line|first\.line)$|^input\.officeSpellings\.#\.spellings\.#\.rows$/,
    from: 'rows of the input by a value read in them (a label, a missing value, a spelling)',
    protection: 'a note on fewer than min-cell rows is left out of a published report',
  },
  {
    path: /^input\.rejections\.#\.line$|^input\.rejections\.#\.params\.(column\.position|places\.#\.line)$|^input\.notices\.#\.params\.headerLine$/,
    from: "places in the input files: lines, and a column's position in its row",
    protection: 'not counts',
  },
  {
    path: /^input\.rejections\.#\.params\.(fields|columns|rows|more)$/,
    from: "one rejected row: its fields and its header's columns; for CONFLICTING_ID, the rows that carry its person_id (all rejected) and those not listed",
    protection:
      "the list of rejected rows is left out of a published report; a row count is of one id's rows, each of them a rejected row the list itself names",
  },
  { path: /^input\.skippedFiles\.#\.params\.lines$/, from: 'settings: lines searched for a header', protection: 'no persons counted' },
  {
    path: /^input\.notices\.#\.params\.spellings\.#\.rows$/,
    from: 'rows of the input by the spelling of their office name',
    protection: 'a spelling on fewer than min-cell rows is left out of a published report, as in officeSpellings',
  },
  {
    path: /^warnings\.#\.params\.persons$/,
    from: 'persons without a counsellor, or with an outcome registered after the extraction date',
    protection: 'the warning is left out when it counts from 1 to min-cell − 1 persons',
  },
  {
    path: /^warnings\.#\.params\.(cells|smallestExpected|rows|columns)$/,
    from: "a published test's table: its empty rows and columns, and expected counts from its margins",
    protection: 'left out with the test when it is withheld; computed on the merged table when the test is',
  },
  {
    path: /^warnings\.#\.params\.(iterations|maxEstimate|maxStandardError|replicates|failed|seed|minimum|months\.#|clusters|groups|counsellors)$/,
    from: 'settings of a method; counts of clusters (counsellors, offices) or groups, not persons',
    protection: 'no persons counted',
  },
  { path: /^disclosureControl\.(minCell|suppressedCells)$/, from: 'settings; how many cells are hidden', protection: 'no persons counted' },
];

/** Every path in `value` that holds a number, arrays written as `#`. */
export function numericPaths(value: unknown, path: string[] = [], out = new Set<string>()): Set<string> {
  if (Array.isArray(value))
    value.forEach((v) => {
      numericPaths(v, [...path, '#'], out);
    });
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) numericPaths(v, [...path, k], out);
  else if (typeof value === 'number') out.add(path.join('.'));
  return out;
}

/** Numbers in the model that no entry places, or that more than one does. */
export function unplacedNumbers(model: ReportModel, registry: readonly PublishedNumber[] = PUBLISHED_NUMBERS): string[] {
  return [...numericPaths(model)].filter((p) => registry.filter((entry) => entry.path.test(p)).length !== 1);
}

/** Throws when the model publishes a number with no recorded source. */
export function assertPlaced(model: ReportModel): void {
  const unplaced = unplacedNumbers(model);
  if (unplaced.length > 0) {
    throw new Error(`disclosure control: no recorded source for ${unplaced.join(', ')} in the report model`);
  }
}
