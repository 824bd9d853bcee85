import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.js';

/**
 * Every number the report model publishes, by where it comes from and how
 * disclosure control treats it. A number added to the model fails this test until
 * it is placed here, with the reason it is safe or the rule that hides it.
 */
const SOURCES: [pattern: RegExp, source: string][] = [
  [/^groups\.(hybrid|usual)\.(n|outcomeMissing)$/, 'a cell (total, missing): suppressed with what derives from it'],
  [/^outcomes\.table\.(hybrid|usual)\.\w+$/, 'a cell (outcome): suppressed'],
  [/^outcomes\.byLevel\.\w+\.(hybrid|usual)\.(count|proportion|ciLow|ciHigh)$/, 'a cell with its registered N: hidden with either'],
  [/^outcomes\.byLevel\.\w+\.difference\.(estimate|ciLow|ciHigh)$/, 'cells of both groups: hidden with any'],
  [/^outcomes\.(chiSquare\.(statistic|df|pValue)|fisherExact\.pValue)$/, 'the outcome table: merged or withheld when a cell is hidden'],
  [/^workOrEducation\.(hybrid|usual)\.(n|positive|proportion|ciLow|ciHigh)$/, 'cells (registered, positive): suppressed'],
  [
    /^workOrEducation\.(riskDifference|riskRatio|oddsRatio)\.(estimate|ciLow|ciHigh)$|^workOrEducation\.(chiSquare\.(statistic|df|pValue)|fisherExact\.pValue)$/,
    'the work-or-education table: hidden with a hidden positive count or registered N',
  ],
  [/^offices\.#\.(hybrid|usual)\.(n|positive)$/, 'a cell (office): suppressed'],
  [/^offices\.#\.(fisherExact\.pValue|oddsRatio\.(estimate|ciLow|ciHigh))$/, "an office's cells: hidden with any"],
  [
    /^stratified\.(cmh|breslowDay|generalizedCmh)\.(statistic|df|pValue)$|^stratified\.breslowDay\.strataExcluded$|^stratified\.(mantelHaenszelOddsRatio|mantelHaenszelRiskDifference)\.(estimate|ciLow|ciHigh)$|^stratified\.strata(Used|Total)$/,
    'the offices: merged into one stratum or withheld when an office holds a hidden cell; the generalized CMH withheld with a small office outcome count',
  ],
  [/^baseline\.#\.(hybrid|usual)\.(n|count|proportion|missing)$|^baseline\.#\.smd$/, 'cells (baseline count, missing, group total): suppressed with the group total'],
  [/^baseline\.#\.(hybrid|usual)\.(mean|sd)$/, 'every person of the group: hidden with a small group (not yet in the audit)'],
  [/^adjusted\./, 'a model fitted to every person with complete covariates (not yet in the audit)'],
  [/^weighted\./, 'a model fitted to every person with complete covariates (not yet in the audit)'],
  [/^input\.(rowsRead|rowsAccepted|rowsRejected|duplicateRows)$|^input\.files\.#\.(rowsRead|rowsAccepted|rowsRejected|duplicateRows|headerLine)$/, "row accounting: in the audit (a file's accepted rows are its office's persons)"],
  [/^input\.(notices|unknownLabels|officeSpellings)\.#\.(count|rows|spellings\.#\.rows|examples\.#\.line|first\.line)$/, 'rows of the input by what was read in them, not by group or outcome'],
  [/^input\.rejections\.#\.line$/, 'places in the input files, not counts'],
  [/^disclosureControl\.(minCell|suppressedCells)$/, 'settings, and how many cells are hidden'],
];

function numericPaths(value: unknown, path: string[] = [], out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => numericPaths(v, [...path, '#'], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) numericPaths(v, [...path, k], out);
  else if (typeof value === 'number') out.add(path.join('.'));
  return out;
}

describe('every published number has a recorded source', () => {
  it('in the full (unsuppressed) model of pilots with every kind of table', async () => {
    const paths = new Set<string>();
    for (const pilot of ['tests/fixtures/pipeline/realistic', 'tests/fixtures/pipeline/tiny', 'tests/fixtures/ingest/rejections.csv']) {
      const run = await runCli(['report', pilot, '--format', 'json', '--no-suppress', '--max-rejected', '100']);
      expect(run.code, run.stderr).toBe(0);
      for (const p of numericPaths(JSON.parse(run.stdout))) paths.add(p);
    }
    const unplaced = [...paths].filter((p) => !SOURCES.some(([pattern]) => pattern.test(p)));
    expect(unplaced).toEqual([]);
    const twice = [...paths].filter((p) => SOURCES.filter(([pattern]) => pattern.test(p)).length > 1);
    expect(twice).toEqual([]);
    const unused = SOURCES.filter(([pattern]) => ![...paths].some((p) => pattern.test(p))).map(([, source]) => source);
    expect(unused).toEqual([]);
  });
});
