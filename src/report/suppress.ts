import { GROUPS, OUTCOMES, type IngestNotice, type NoticeCode, type Outcome } from '../ingest/types.js';
import { newcombeDifference } from '../stats/newcombe.js';
import { wilsonInterval } from '../stats/wilson.js';
import { pearsonChiSquare } from '../stats/chiSquare.js';
import { FISHER_DEFAULT_SEED } from '../stats/defaults.js';
import { fisherExact } from '../stats/fisherExact.js';
import { holm } from '../stats/holm.js';
import type { Stratum2x2 } from '../stats/cmh.js';
import type { StatWarning } from '../stats/types.js';
import { fisherBlock, metaAnalysisBlock, stratifiedTwoByTwo, withGeneralizedCmh } from './build.js';
import { officeMetaAnalysis } from '../analysis/officeMeta.js';
import type { ReportModel } from './model.js';
import { noticeMessageEn } from '../ingest/messages.js';
import { assertPlaced } from './publishedNumbers.js';
import { protectTimeToOutcome } from './suppressTimeToOutcome.js';
import { cataloguedWarning, type CataloguedWarning } from './warningCatalogue.js';

/** The banner every format prints when suppression is turned off. */
const INTERNAL_BANNER = 'INTERNAL – contains small cells, not for publication';

/**
 * What Table 3 computes from both groups' positives and registered N: the estimates
 * with their intervals, and the tests (a 2 × 2 chi-square or Fisher p with published
 * margins pins the cell).
 */
const WORK_OR_EDUCATION_COMPARISONS = [
  ...['riskDifference', 'riskRatio', 'oddsRatio'].flatMap((m) => ['estimate', 'ciLow', 'ciHigh'].map((f) => `workOrEducation.${m}.${f}`)),
  'workOrEducation.chiSquare.statistic',
  'workOrEducation.chiSquare.pValue',
  'workOrEducation.fisherExact.pValue',
  'workOrEducation.fisherExact.log10PValue?',
  'workOrEducation.fisherExact.log10PValueAtMost?',
  'officeEffects.minimumDetectableDifference.overall',
];

/** A published count, where it lives in the model, and what is derived from it. */
interface Cell {
  id: string;
  value: number;
  /** Paths (dot-separated, numeric parts index arrays) set to null when the cell is suppressed. */
  paths: string[];
  /** Tie-break preference: lower is chosen first among equal values. */
  order: number;
  /** Chosen first for secondary suppression in its lines (a total whose parts are published elsewhere). */
  preferred: boolean;
}

export interface SuppressionResult {
  model: ReportModel;
  suppressedCells: number;
  /** Ids of the suppressed cells, by reason. */
  primary: string[];
  secondary: string[];
}

/**
 * Disclosure control over every table at once, as Statistics Norway practises it.
 * First the table is redesigned: a sparse apprenticeship or education is published
 * merged with the other. Primary: every count from 1 to minCell − 1, and every group
 * whose total is that small, is hidden with what is derived from it (percentages,
 * intervals, differences, ratios, p-values of the office tables). Secondary: every
 * line (a total with its parts, within and across tables, Table 1's row accounting
 * included) must hold either no hidden cell or at least two; until that holds, the
 * smallest visible cell of an offending line is hidden as well. Statistics computed
 * from hidden cells are then recomputed on merged categories or offices, or withheld
 * (protectOutcomeTests, protectStratified, protectModels), and Table 1's notes on a
 * few rows are left out (protectInputNotes). Every number the model publishes must
 * have a place in publishedNumbers.ts. tests/disclosure/ audits the result with an
 * attacker that reads all of it together.
 */
export function applySuppression(
  unsuppressed: ReportModel,
  minCell: number,
  seed = FISHER_DEFAULT_SEED,
  /** Registered outcome counts per office (in model.offices' order) × group × outcome, never published. */
  officeOutcomes?: number[][][],
): SuppressionResult {
  assertPlaced(unsuppressed);
  const small = (v: number | null | undefined) => typeof v === 'number' && v >= 1 && v < minCell;
  // Table redesign before suppression: a sparse apprenticeship or education is published
  // merged with the other, which hides less than secondary suppression of large cells.
  const merging = GROUPS.some((g) => SPARSE_CATEGORIES.some((o) => small(unsuppressed.outcomes.table[g][o])));
  const model = merging ? withMergedOutcome(unsuppressed) : unsuppressed;
  const cells = new Map<string, Cell>();
  const lines: string[][] = [];
  const primary = new Set<string>();
  /** Paths hidden because their whole group is small. */
  const wholeGroup: string[] = [];
  let order = 0;
  const add = (id: string, value: number | null, paths: string[], preferred = false) => {
    if (value === null) return;
    cells.set(id, { id, value, paths: [...paths], order: order++, preferred });
  };

  // Outcomes by group: 2 × (4 outcomes + not registered), rows add to groups.*.n.
  /** The outcome categories as published: apprenticeship and education as one, when merged. */
  const published = merging ? ['job', MERGED, 'none'] : [...OUTCOMES];
  for (const g of GROUPS) {
    if (merging) {
      const level = model.outcomes.merged![g];
      add(`outcome.${g}.${MERGED}`, level.count, [
        ...['count', 'proportion', 'ciLow', 'ciHigh'].map((f) => `outcomes.merged.${g}.${f}`),
        ...['estimate', 'ciLow', 'ciHigh'].map((f) => `outcomes.merged.difference.${f}`),
      ]);
    }
    for (const o of OUTCOMES) {
      if (merging && SPARSE_CATEGORIES.includes(o)) continue;
      add(`outcome.${g}.${o}`, model.outcomes.table[g][o], [
        `outcomes.table.${g}.${o}`,
        `outcomes.byLevel.${o}.${g}.count`,
        `outcomes.byLevel.${o}.${g}.proportion`,
        `outcomes.byLevel.${o}.${g}.ciLow`,
        `outcomes.byLevel.${o}.${g}.ciHigh`,
        `outcomes.byLevel.${o}.difference.estimate`,
        `outcomes.byLevel.${o}.difference.ciLow`,
        `outcomes.byLevel.${o}.difference.ciHigh`,
      ]);
    }
    add(`missing.${g}`, model.groups[g].outcomeMissing, [`groups.${g}.outcomeMissing`]);
    // groups.*.n = registered (published as workOrEducation.*.n) + not registered.
    // Hiding the group total rather than the registered N keeps the outcome percentages' base visible.
    // Baseline n = group total − missing values, so it goes with the total; so do the
    // shares (count ÷ n gives n back) and the standardised differences of shares (with
    // the other group's share published, the SMD gives this group's share back).
    add(
      `total.${g}`,
      model.groups[g].n,
      [
        `groups.${g}.n`,
        ...model.baseline.flatMap((row, i) =>
          'count' in row[g] ? [`baseline.${i}.${g}.n`, `baseline.${i}.${g}.proportion`, `baseline.${i}.smd`] : [`baseline.${i}.${g}.n`],
        ),
      ],
      true,
    );
    // A group's registered N is the base of its shares: hidden, it takes them (a share and its
    // count give it back), and every comparison made from them, with it.
    add(`registered.${g}`, model.workOrEducation[g].n, [
      `workOrEducation.${g}.n`,
      ...['proportion', 'ciLow', 'ciHigh'].map((f) => `workOrEducation.${g}.${f}`),
      ...WORK_OR_EDUCATION_COMPARISONS,
      ...OUTCOMES.flatMap((o) => [
        ...['proportion', 'ciLow', 'ciHigh'].map((f) => `outcomes.byLevel.${o}.${g}.${f}`),
        ...['estimate', 'ciLow', 'ciHigh'].map((f) => `outcomes.byLevel.${o}.difference.${f}`),
      ]),
      ...(merging
        ? [
            ...['proportion', 'ciLow', 'ciHigh'].map((f) => `outcomes.merged.${g}.${f}`),
            ...['estimate', 'ciLow', 'ciHigh'].map((f) => `outcomes.merged.difference.${f}`),
          ]
        : []),
    ]);
    lines.push([`missing.${g}`, `total.${g}`, `registered.${g}`]);
    add(`positive.${g}`, model.workOrEducation[g].positive, [
      `workOrEducation.${g}.positive`,
      `workOrEducation.${g}.proportion`,
      `workOrEducation.${g}.ciLow`,
      `workOrEducation.${g}.ciHigh`,
      ...WORK_OR_EDUCATION_COMPARISONS,
    ]);
    // A line is a total with its parts, all of them members: a hidden total whose parts are
    // all shown is not hidden at all. (All users = registered + not registered is the line above.)
    lines.push([...published.map((o) => `outcome.${g}.${o}`), `registered.${g}`]);
    lines.push([...published.filter((o) => o !== 'none').map((o) => `outcome.${g}.${o}`), `positive.${g}`]);
    lines.push([`positive.${g}`, `outcome.${g}.none`, `registered.${g}`]);
    const n = model.groups[g].n;
    if (small(n)) {
      for (const o of OUTCOMES) primary.add(`outcome.${g}.${o}`);
      primary.add(`missing.${g}`);
      primary.add(`positive.${g}`);
      primary.add(`total.${g}`);
      primary.add(`registered.${g}`);
    }
  }
  // Across groups: the accepted rows (Table 1) are both totals, and the not registered are
  // those less the registered. An outcome's count in both groups together is not published.
  lines.push(GROUPS.map((g) => `missing.${g}`));
  lines.push(GROUPS.map((g) => `total.${g}`));
  lines.push(GROUPS.map((g) => `positive.${g}`));

  // Offices: per office and group N and positives; negatives (N − positives) are derivable.
  model.offices.forEach((office, k) => {
    // Optional (?): an office without users of one group has no Fisher p or odds ratio.
    const officePaths = [
      `offices.${k}.fisherExact.pValue?`,
      `offices.${k}.pValueHolm?`,
      `officeEffects.minimumDetectableDifference.byOffice.${k}.difference`,
      ...['estimate', 'ciLow', 'ciHigh'].flatMap((f) => [`offices.${k}.oddsRatio.${f}?`, `offices.${k}.riskDifference.${f}`]),
    ];
    for (const g of GROUPS) {
      const { n, positive } = office[g];
      add(`office.${k}.${g}.n`, n, [`offices.${k}.${g}.n`, ...officePaths]);
      add(`office.${k}.${g}.positive`, positive, [`offices.${k}.${g}.positive`, ...officePaths]);
      if (small(n)) {
        primary.add(`office.${k}.${g}.n`);
        primary.add(`office.${k}.${g}.positive`);
      }
      if (n !== null && positive !== null && (small(positive) || small(n - positive))) primary.add(`office.${k}.${g}.positive`);
    }
    // A file holding one office publishes its users in Table 1: both groups' N and the
    // office's not registered (never published, and pinned when there are none at all).
    lines.push(GROUPS.map((g) => `office.${k}.${g}.n`));
  });
  for (const g of GROUPS) {
    // Each office column against its group total.
    lines.push([...model.offices.map((_, k) => `office.${k}.${g}.n`), `registered.${g}`]);
    lines.push([...model.offices.map((_, k) => `office.${k}.${g}.positive`), `positive.${g}`]);
  }

  // Baseline: counts of women and of prior work per group; missing values per group.
  model.baseline.forEach((row, i) => {
    const countIds: string[] = [];
    for (const g of GROUPS) {
      const summary = row[g] as { n: number; missing: number; count?: number };
      add(`baseline.${i}.${g}.missing`, summary.missing, [`baseline.${i}.${g}.missing`, `baseline.${i}.${g}.n`]);
      if (small(summary.missing)) primary.add(`baseline.${i}.${g}.missing`);
      if (summary.count !== undefined) {
        add(`baseline.${i}.${g}.count`, summary.count, [`baseline.${i}.${g}.count`, `baseline.${i}.${g}.proportion`, `baseline.${i}.smd`]);
        if (small(summary.count) || small(summary.n - summary.count)) primary.add(`baseline.${i}.${g}.count`);
        countIds.push(`baseline.${i}.${g}.count`);
      }
    }
    lines.push(GROUPS.map((g) => `baseline.${i}.${g}.missing`));
    if (countIds.length > 0) lines.push(countIds);
  });

  for (const [id, cell] of cells) if (small(cell.value)) primary.add(id);
  // A line of zeros (no hybrid user of any office in work or education, say) is
  // published as its total: hiding one of its zeros would hide nothing.
  const pinnedZeros = new Set(lines.filter((line) => line.every((id) => cells.get(id)?.value === 0)).flat());
  for (const id of pinnedZeros) primary.delete(id);
  const suppressed = new Set([...primary].filter((id) => cells.has(id)));
  const secondary: string[] = [];
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      const present = line.filter((id) => cells.has(id));
      const hiddenHere = present.filter((id) => suppressed.has(id));
      // One hidden cell is its line's total less the others. Hidden cells that add up to 0
      // are each 0 (an office's few hybrid users, all with none): one more, not 0, is hidden.
      const sumZero = hiddenHere.length > 1 && hiddenHere.every((id) => cells.get(id)!.value === 0);
      if (hiddenHere.length !== 1 && !sumZero) continue;
      const candidates = present
        .filter((id) => !suppressed.has(id) && !pinnedZeros.has(id) && !(sumZero && cells.get(id)!.value === 0))
        .map((id) => cells.get(id)!);
      if (candidates.length === 0) continue;
      // The smallest visible cell; a non-zero one if there is any (zeros reveal no one).
      candidates.sort(
        (a, b) => Number(b.preferred) - Number(a.preferred) || Number(a.value === 0) - Number(b.value === 0) || a.value - b.value || a.order - b.order,
      );
      suppressed.add(candidates[0].id);
      secondary.push(candidates[0].id);
      changed = true;
    }
  }

  // A group whose registered N is hidden (a small group, or to protect one) hides its
  // baseline summaries too: tied to what the tables show, so it tells nothing more.
  for (const g of GROUPS) {
    if (!suppressed.has(`registered.${g}`)) continue;
    model.baseline.forEach((row, i) => {
      for (const f of Object.keys(row[g])) wholeGroup.push(`baseline.${i}.${g}.${f}`);
      wholeGroup.push(`baseline.${i}.smd`);
    });
  }
  const out = structuredClone(model);
  const nulled = [...[...suppressed].flatMap((id) => cells.get(id)!.paths), ...wholeGroup, ...(merging ? mergedAway(model) : [])];
  for (const path of nulled) setNull(out, path);
  // A warning about a statistic that is hidden goes with it (the expected-count warning
  // prints the smallest expected count, which is made from the hidden margins).
  const gone = new Set(nulled.map((path) => path.replace(/\?$/, '').split('.').slice(0, -1).join('.')));
  out.warnings = out.warnings.filter((w) => !gone.has(w.context));
  out.disclosureControl = {
    applied: true,
    minCell,
    suppressedCells: suppressed.size,
    hidden: [...cells.values()].filter((c) => suppressed.has(c.id)).map((c) => c.paths[0]),
    merged: [],
    withheld: [],
  };
  if (merging) out.disclosureControl.merged.push({ statistics: ['outcomes.table'], categories: [...SPARSE_CATEGORIES] });
  protectOutcomeTests(model, out, suppressed, seed, merging);
  protectStratified(model, out, suppressed, minCell, officeOutcomes);
  protectModels(model, out, suppressed, merging);
  protectHolm(model, out);
  protectWithinCounsellor(model, out, suppressed);
  const time = protectTimeToOutcome(model, out, suppressed, minCell, merging);
  out.disclosureControl.hidden.push(...time.hidden);
  out.disclosureControl.suppressedCells += time.hidden.length;
  out.disclosureControl.withheld.push(...time.withheld);
  // The bounds give the not registered back from the published shares.
  if (GROUPS.some((g) => ['registered', 'positive', 'missing', 'total'].some((c) => suppressed.has(`${c}.${g}`)))) {
    out.missingOutcomeBounds = { lower: null, upper: null };
    out.disclosureControl.withheld.push('missingOutcomeBounds');
  }
  protectInputNotes(out, small);
  protectWarnings(out, suppressed, small);
  out.internal = false;
  out.banner = null;
  assertPlaced(out);
  return {
    model: out,
    suppressedCells: suppressed.size,
    primary: [...primary].filter((id) => cells.has(id)),
    secondary,
  };
}

/** Categories merged when either is sparse, and the id of the merged one. */
const SPARSE_CATEGORIES: readonly Outcome[] = ['apprenticeship', 'education'];
const MERGED = 'apprenticeshipOrEducation';

/** The model with `outcomes.merged` filled: apprenticeship and education as one category. */
function withMergedOutcome(model: ReportModel): ReportModel {
  const count = (g: 'hybrid' | 'usual') => SPARSE_CATEGORIES.reduce((s, o) => s + model.outcomes.table[g][o]!, 0);
  const [h, u] = [count('hybrid'), count('usual')];
  const [nh, nu] = [model.workOrEducation.hybrid.n!, model.workOrEducation.usual.n!];
  const difference = newcombeDifference(h, nh, u, nu);
  const out = structuredClone(model);
  out.outcomes.merged = {
    categories: [...SPARSE_CATEGORIES],
    hybrid: { count: h, ...wilsonInterval(h, nh) },
    usual: { count: u, ...wilsonInterval(u, nu) },
    difference: { estimate: difference.estimate, ciLow: difference.ciLow, ciHigh: difference.ciHigh },
  };
  return out;
}

/**
 * What the merged categories no longer publish on their own: every count and share, and
 * the differences. A group with none in either keeps its zeros (hiding them hides nothing).
 */
function mergedAway(model: ReportModel): string[] {
  return SPARSE_CATEGORIES.flatMap((o) => [
    ...GROUPS.filter((g) => model.outcomes.merged![g].count !== 0).flatMap((g) => [
      `outcomes.table.${g}.${o}`,
      ...['count', 'proportion', 'ciLow', 'ciHigh'].map((f) => `outcomes.byLevel.${o}.${g}.${f}`),
    ]),
    ...['estimate', 'ciLow', 'ciHigh'].map((f) => `outcomes.byLevel.${o}.difference.${f}`),
  ]);
}

/** The tests of the outcome table, and the warnings about them. */
const OUTCOME_TESTS = ['outcomes.chiSquare', 'outcomes.fisherExact'];

/**
 * The chi-square and Fisher tests of the outcome table are computed from its eight
 * cells; with one of them hidden they would give it back (a search over the
 * completions the published margins allow finds the one with the published
 * statistic). When job and none are shown for both groups, apprenticeship and
 * education together are too (work or education minus job): the tests are then
 * computed on the table with those two merged, from published values only.
 * Otherwise they are withheld; Table 3 tests work or education.
 */
function protectOutcomeTests(model: ReportModel, out: ReportModel, suppressed: Set<string>, seed: number, merging: boolean): void {
  const hidden = (id: string) => suppressed.has(id);
  if (!merging && !GROUPS.some((g) => OUTCOMES.some((o) => hidden(`outcome.${g}.${o}`)))) return;
  out.warnings = out.warnings.filter((w) => !OUTCOME_TESTS.includes(w.context));
  const canMerge = GROUPS.every(
    (g) => !hidden(`outcome.${g}.job`) && !hidden(`outcome.${g}.none`) && !hidden(merging ? `outcome.${g}.${MERGED}` : `positive.${g}`),
  );
  if (!canMerge) {
    out.outcomes.chiSquare = { statistic: null, df: model.outcomes.chiSquare.df, pValue: null };
    out.outcomes.fisherExact = { pValue: null, method: 'exact' };
    out.disclosureControl.withheld.push(...OUTCOME_TESTS);
    return;
  }
  const table = GROUPS.map((g) => {
    const cells = model.outcomes.table[g];
    return [cells.job!, cells.apprenticeship! + cells.education!, cells.none!];
  });
  const chi = pearsonChiSquare(table);
  out.outcomes.chiSquare = { statistic: chi.statistic, df: chi.df, pValue: chi.pValue };
  for (const w of chi.warnings ?? []) out.warnings.push(cataloguedWarning(w.code, w.params, 'outcomes.chiSquare'));
  const fisher = fisherExact(table, { seed });
  out.outcomes.fisherExact = fisherBlock(fisher);
  if (fisher.method === 'monte-carlo') {
    out.warnings.push(cataloguedWarning('FISHER_MONTE_CARLO', { replicates: fisher.replicates!, seed: fisher.seed! }, 'outcomes.fisherExact'));
  }
  out.disclosureControl.merged.push({ statistics: [...OUTCOME_TESTS], categories: ['apprenticeship', 'education'] });
}

/** The office-stratified statistics (Table 5), and the warnings about them. */
const STRATIFIED_2X2 = ['stratified.cmh', 'stratified.mantelHaenszelOddsRatio', 'stratified.breslowDay', 'stratified.mantelHaenszelRiskDifference'];
const GENERALIZED_CMH = 'stratified.generalizedCmh';
const META = 'officeEffects.metaAnalysis';

/**
 * The stratified analyses are computed from every office's cells. With an office's
 * cells hidden, its 2 × 2 table would be given back by them (as the attacker finds
 * the outcome table's from its chi-square); the offices with hidden cells are then
 * merged into one stratum, whose cells are the group totals minus the shown offices'
 * (published already), and the analyses are computed on the merged strata. If a
 * group's totals are hidden too, they are withheld. The generalized CMH is computed
 * from each office's outcome table, which is never published: it is withheld when any
 * of those counts is from 1 to min-cell − 1 (or, not knowing them, when anything is
 * hidden).
 */
function protectStratified(model: ReportModel, out: ReportModel, suppressed: Set<string>, minCell: number, officeOutcomes?: number[][][]): void {
  const small = (v: number) => v >= 1 && v < minCell;
  const gcmhUnsafe = officeOutcomes === undefined ? suppressed.size > 0 : officeOutcomes.some((office) => office.some((row) => row.some(small)));
  const hiddenOffices = model.offices.flatMap((_office, k) =>
    GROUPS.some((g) => suppressed.has(`office.${k}.${g}.n`) || suppressed.has(`office.${k}.${g}.positive`)) ? [k] : [],
  );
  if (hiddenOffices.length > 0) {
    out.warnings = out.warnings.filter((w) => !STRATIFIED_2X2.includes(w.context));
    const totalsHidden = GROUPS.some((g) => suppressed.has(`registered.${g}`) || suppressed.has(`positive.${g}`));
    out.warnings = out.warnings.filter((w) => w.context !== META);
    if (totalsHidden) {
      out.officeEffects.metaAnalysis = metaAnalysisBlock(officeMetaAnalysis([]));
      out.disclosureControl.withheld.push(META);
      for (const path of STRATIFIED_2X2) setNullsIn(out, path);
      // Which offices carry information (no zero margin) says something of their hidden cells.
      out.stratified.breslowDay.df = null;
      out.stratified.breslowDay.strataExcluded = null;
      out.stratified.strataUsed = null;
      out.disclosureControl.withheld.push(...STRATIFIED_2X2);
    } else {
      const stratum = (ks: number[]): Stratum2x2 => {
        const sum = (g: 'hybrid' | 'usual', f: 'n' | 'positive') => ks.reduce((s, k) => s + model.offices[k][g][f]!, 0);
        return {
          a: sum('hybrid', 'positive'),
          b: sum('hybrid', 'n') - sum('hybrid', 'positive'),
          c: sum('usual', 'positive'),
          d: sum('usual', 'n') - sum('usual', 'positive'),
        };
      };
      const shown = model.offices.map((_, k) => k).filter((k) => !hiddenOffices.includes(k));
      const note = (context: string, list: readonly StatWarning[] | undefined) => {
        for (const w of list ?? []) out.warnings.push(cataloguedWarning(w.code, w.params, context));
      };
      const strata = [...shown.map((k) => stratum([k])), stratum(hiddenOffices)];
      const merged = stratifiedTwoByTwo(strata, note);
      out.stratified = withGeneralizedCmh(merged, out.stratified.generalizedCmh);
      const meta = officeMetaAnalysis(strata);
      note(META, meta.warnings);
      out.officeEffects.metaAnalysis = metaAnalysisBlock(meta);
      out.disclosureControl.merged.push({ statistics: [...STRATIFIED_2X2, META], offices: hiddenOffices.map((k) => model.offices[k].office) });
    }
  }
  if (gcmhUnsafe) {
    out.warnings = out.warnings.filter((w) => w.context !== GENERALIZED_CMH);
    out.stratified.generalizedCmh = { statistic: null, df: model.stratified.generalizedCmh.df, pValue: null };
    out.disclosureControl.withheld.push(GENERALIZED_CMH);
  }
}

/**
 * Holm-adjusted office p-values depend on every office's p, hidden ones too (the
 * adjusted p of a shown office can equal a multiple of a hidden one). They are
 * recomputed with each hidden office's p counted as 1: the family stays all offices
 * tested, and the adjusted p-values shown are conservative and reveal nothing hidden.
 */
function protectHolm(model: ReportModel, out: ReportModel): void {
  const hidden = out.offices.map((o, k) => o.fisherExact !== undefined && o.fisherExact.pValue === null && model.offices[k].fisherExact?.pValue !== null);
  if (!hidden.some(Boolean)) return;
  const adjusted = holm(out.offices.map((o, k) => (o.fisherExact === undefined ? null : hidden[k] ? 1 : o.fisherExact.pValue)));
  out.offices.forEach((o, k) => {
    if (o.fisherExact !== undefined) o.pValueHolm = hidden[k] ? null : adjusted[k];
  });
}

/** Informative strata a statistic over unpublished strata (counsellors) needs to be published. */
const MIN_UNPUBLISHED_STRATA = 10;

/**
 * Counsellor strata are never published; the statistics over them are published with
 * the pooled table they sum to (Table 3) and over at least MIN_UNPUBLISHED_STRATA
 * informative counsellors, where one statistic cannot pin any stratum.
 */
function protectWithinCounsellor(model: ReportModel, out: ReportModel, suppressed: Set<string>): void {
  const counsellor = model.withinCounsellor;
  const woeHidden = GROUPS.some((g) => suppressed.has(`registered.${g}`) || suppressed.has(`positive.${g}`));
  if (!counsellor.available || (!woeHidden && (counsellor.strataUsed ?? 0) >= MIN_UNPUBLISHED_STRATA)) return;
  setNullsIn(out, 'withinCounsellor.mantelHaenszelOddsRatio');
  setNullsIn(out, 'withinCounsellor.cmh');
  out.withinCounsellor.strataUsed = null;
  out.withinCounsellor.strataTotal = null;
  withholdConditionalLogistic(out);
  out.warnings = out.warnings.filter((w) => w.context !== 'withinCounsellor');
  out.disclosureControl.withheld.push('withinCounsellor');
}

/** The conditional logistic model and its E-values, nulled. */
function withholdConditionalLogistic(out: ReportModel): void {
  const cl = out.withinCounsellor.conditionalLogistic;
  cl.n = null;
  cl.strataUsed = null;
  cl.strataTotal = null;
  setNullsIn(out, 'withinCounsellor.conditionalLogistic.oddsRatio');
  setNullsIn(out, 'sensitivity.conditionalOddsRatio');
}

/** Eurostat's rule for regression output: at least this many residual degrees of freedom. */
const MIN_RESIDUAL_DF = 10;

/**
 * The adjusted and weighted estimates are fitted to every registered person with
 * complete covariates. As Eurostat's output-checking guidelines treat regressions:
 * they are withheld when the residual degrees of freedom are fewer than 10, and
 * here also when a group's registered N is hidden (a small group, or one hidden to
 * protect another: tied to what Table 2 shows, it tells nothing more). A weighted SMD of a share goes with the share's count (the hybrid
 * group's weights are 1, so it holds that group's share).
 */
function protectModels(model: ReportModel, out: ReportModel, suppressed: Set<string>, merging: boolean): void {
  const parameters = modelParameters(model.adjusted.formula, model.offices.length);
  const unsafe = GROUPS.some((g) => suppressed.has(`registered.${g}`)) || (model.adjusted.n ?? 0) - parameters < MIN_RESIDUAL_DF;
  // The primary estimate's hybrid share is that group's positives over its sample size.
  if (unsafe || suppressed.has(`positive.hybrid`)) {
    out.warnings = out.warnings.filter((w) => w.context !== 'primary');
    out.primary.n = null;
    out.primary.clusters = null;
    out.primary.meanHybrid = null;
    out.primary.meanHybridIfUsual = null;
    setNullsIn(out, 'primary.riskDifference');
    setNullsIn(out, 'primary.riskRatio');
    setNullsIn(out, 'primary.weights');
    setNullsIn(out, 'sensitivity.primaryRiskRatio');
    if (model.primary.n !== null && model.primary.n > 0) out.disclosureControl.withheld.push('primary');
  }
  // The multinomial model is fitted to the outcome table by group: with a hidden or merged
  // outcome cell, or fewer than 10 residual df for its (K − 1) × parameters, it is withheld.
  const outcomeHidden = merging || [...suppressed].some((id) => id.startsWith('outcome.'));
  const multinomialParameters = 3 * parameters;
  if (unsafe || outcomeHidden || (model.multinomial.n ?? 0) - multinomialParameters < MIN_RESIDUAL_DF) {
    out.warnings = out.warnings.filter((w) => w.context !== 'multinomial');
    out.multinomial.n = null;
    out.multinomial.clusters = null;
    for (const row of out.multinomial.relativeRiskRatios) {
      row.estimate = null;
      row.ciLow = null;
      row.ciHigh = null;
      row.pValue = null;
    }
    setNullsIn(out, 'multinomial.equalEffects');
    if ((model.multinomial.n ?? 0) > 0) out.disclosureControl.withheld.push('multinomial');
  }
  if (unsafe) {
    out.warnings = out.warnings.filter((w) => w.context !== 'adjusted' && w.context !== 'weighted');
    out.adjusted.n = null;
    out.adjusted.df = null;
    setNullsIn(out, 'adjusted.oddsRatio');
    setNullsIn(out, 'adjusted.standardError');
    out.weighted.n = null;
    setNullsIn(out, 'weighted.riskDifference');
    setNullsIn(out, 'weighted.weights');
    for (const row of out.weighted.smdAfter) row.smd = null;
    setNullsIn(out, 'sensitivity.adjustedOddsRatio');
    if ((model.adjusted.n ?? 0) > 0) out.disclosureControl.withheld.push('adjusted', 'weighted');
    if (out.withinCounsellor.conditionalLogistic.n !== null && out.withinCounsellor.conditionalLogistic.n > 0) {
      withholdConditionalLogistic(out);
      out.disclosureControl.withheld.push('withinCounsellor.conditionalLogistic');
    }
    return;
  }
  out.weighted.smdAfter.forEach((row, j) => {
    const i = model.baseline.findIndex((b) => b.variable === row.variable);
    if (i !== -1 && GROUPS.some((g) => suppressed.has(`baseline.${i}.${g}.count`))) {
      if (out.weighted.smdAfter[j].smd !== null) out.disclosureControl.withheld.push(`weighted.smdAfter.${row.variable}`);
      out.weighted.smdAfter[j].smd = null;
    }
  });
}

/** Coefficients of the adjusted model: intercept, group, office − 1, and one per further term. */
function modelParameters(formula: string, offices: number): number {
  const terms = formula
    .split('~')[1]
    .split('+')
    .map((t) => t.trim());
  return 1 + terms.reduce((p, t) => p + (t === 'office' ? Math.max(offices - 1, 0) : 1), 0);
}

/**
 * The list of rejected rows is left out. Table 1's notes that count rows by a value read in them (a label such as
 * gender "X", a value read as missing, an office spelling, ids in several offices):
 * one on fewer than min-cell rows is left out. The report says so whether or not
 * any is left out, so that the sentence reveals nothing; `validate` lists them all.
 */
function protectInputNotes(out: ReportModel, small: (v: number | null) => boolean): void {
  const input = out.input;
  // Rejected rows one by one, with the labels read in them, are for the researcher
  // (`validate`, --rejects); a published report gives their number (Table 1).
  if (input.rejections.length > 0) out.disclosureControl.withheld.push('input.rejections');
  input.rejections = [];
  input.notices = input.notices
    .filter((n) => !(PERSON_NOTICES.has(n.code) && small(n.count)))
    .flatMap((n): IngestNotice[] => {
      if (n.code !== 'OFFICE_SPELLINGS_MERGED') return [n];
      // As officeSpellings: a spelling on fewer than min-cell rows is not published, nor
      // counted in the notice's rows (the total less the published spellings would give it).
      const spellings = n.params.spellings.filter((s) => !small(s.rows));
      if (spellings.length === 0) return [];
      const hiddenRows = n.params.spellings.reduce((sum, s) => sum + (small(s.rows) ? s.rows : 0), 0);
      const kept: IngestNotice = { ...n, count: n.count - hiddenRows, params: { ...n.params, spellings } };
      return [{ ...kept, message: noticeMessageEn(kept) }];
    });
  input.unknownLabels = input.unknownLabels.filter((u) => !small(u.count));
  input.officeSpellings = input.officeSpellings
    .map((o) => ({ ...o, spellings: o.spellings.filter((s) => s.spelling === o.name || !small(s.rows)) }))
    .filter((o) => o.spellings.length > 1);
}

/**
 * Warnings that count persons or name offices by what their persons lack: one on fewer
 * than min-cell persons is left out (as Table 1's notes are), and the offices with only
 * one group in the propensity model's sample are not named when an office's cells are
 * hidden (it would say that all of a hidden few lack a covariate or an outcome).
 */
function protectWarnings(out: ReportModel, suppressed: Set<string>, small: (v: number | null) => boolean): void {
  const officeHidden = [...suppressed].some((id) => id.startsWith('office.'));
  out.warnings = out.warnings.filter((w) => {
    switch (w.code) {
      case 'ADJUSTED_COUNSELLOR_MISSING':
      case 'WEIGHTED_DIFFERENCE_COUNSELLOR_MISSING':
      case 'END_AFTER_EXTRACTION':
        return !small(personsOf(w));
      case 'PS_OFFICE_ONE_GROUP':
      case 'WEIGHTED_DIFFERENCE_NO_OVERLAP':
        return !officeHidden;
      default:
        return true;
    }
  });
}

/** Notices whose count is of rows (persons) by a value read in them; the others count sheets or lines. */
const PERSON_NOTICES = new Set<NoticeCode>([
  'INVALID_AGE',
  'INVALID_DATE',
  'UNKNOWN_GENDER',
  'UNKNOWN_PRIOR_WORK',
  'OFFICE_SPELLINGS_MERGED',
  'OFFICE_NAME_ENCODING',
  'ID_IN_SEVERAL_OFFICES',
]);

/** Sets every number directly under `path` (an estimate or a test) to null. */
function setNullsIn(target: ReportModel, path: string): void {
  const node = path.split('.').reduce<unknown>((n, part) => (n as Record<string, unknown>)[part], target) as Record<string, unknown>;
  for (const key of Object.keys(node)) if (typeof node[key] === 'number' && key !== 'df' && key !== 'strataExcluded') node[key] = null;
}

/** With --no-suppress: nothing hidden, and the model says it is for internal use only. */
export function markInternal(model: ReportModel, minCell: number): ReportModel {
  assertPlaced(model);
  return {
    ...model,
    internal: true,
    banner: INTERNAL_BANNER,
    disclosureControl: { applied: false, minCell, suppressedCells: 0, hidden: [], merged: [], withheld: [] },
  };
}

/**
 * Sets the value at `path` (dot-separated, numeric parts index arrays) to null. A
 * path that does not lead to a value is an error, not a skip: a renamed field would
 * otherwise be published. A path ending in `?` may be absent (a value the model
 * leaves out).
 */
function setNull(target: unknown, path: string): void {
  const optional = path.endsWith('?');
  const parts = (optional ? path.slice(0, -1) : path).split('.');
  let node = target as Record<string, unknown> | undefined;
  for (const part of parts.slice(0, -1)) {
    node = node?.[part] as Record<string, unknown> | undefined;
    if (node === undefined && optional) return;
    if (node === null || node === undefined) throw new Error(`disclosure control: no value at ${path} in the report model`);
  }
  const last = parts[parts.length - 1];
  if (node !== undefined && last in node) node[last] = null;
  else if (!optional) throw new Error(`disclosure control: no value at ${path} in the report model`);
}

/** The persons a warning counts (its `persons` parameter); a protected warning without one is a programming error. */
function personsOf(warning: CataloguedWarning): number {
  const persons = warning.params.persons;
  if (typeof persons !== 'number') throw new Error(`disclosure control: ${warning.code} has no persons parameter`);
  return persons;
}
