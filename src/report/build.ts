import { GROUPS, OUTCOMES, type IngestSummary } from '../ingest/types.js';
import { cell, pooledCounts, type AnalysisTable } from '../table/build.js';
import { HYBRID, MISSING_OUTCOME, USUAL, type OutcomeCounts } from '../table/types.js';
import { pearsonChiSquare } from '../stats/chiSquare.js';
import { fisherExact, type FisherResult as FisherExactResult } from '../stats/fisherExact.js';
import { holm } from '../stats/holm.js';
import { minimumDetectableDifference } from '../stats/minimumDetectableDifference.js';
import { newcombeDifference } from '../stats/newcombe.js';
import { oddsRatioWoolf, riskRatioKatz } from '../stats/twoByTwo.js';
import { adjustedEstimate, type AdjustedEstimate } from '../analysis/adjusted.js';
import { baselineTable, type BaselineRow as AnalysisBaselineRow } from '../analysis/baseline.js';
import { breslowDay } from '../stats/breslowDay.js';
import { cochranMantelHaenszel, isInformativeStratum, type Stratum2x2 } from '../stats/cmh.js';
import { generalizedCmh } from '../stats/generalizedCmh.js';
import { mantelHaenszelOddsRatio } from '../stats/mantelHaenszelOddsRatio.js';
import { mantelHaenszelRiskDifference } from '../stats/mantelHaenszelRiskDifference.js';
import { propensityWeighting, type PropensityWeightingResult } from '../analysis/propensityWeighting.js';
import { primaryEstimate, type PrimaryEstimate } from '../analysis/primary.js';
import { multinomialEstimate, type MultinomialEstimate } from '../analysis/multinomial.js';
import type { StatWarning } from '../stats/types.js';
import { wilsonInterval } from '../stats/wilson.js';
import { missingOutcomeBounds } from '../analysis/missingOutcomeBounds.js';
import { officeMetaAnalysis } from '../analysis/officeMeta.js';
import { withinCounsellor } from '../analysis/withinCounsellor.js';
import type { RandomEffectsMeta } from '../stats/randomEffectsMeta.js';
import { workOrEducationTable } from '../analysis/workOrEducation.js';
import { cataloguedWarning } from './warningCatalogue.js';
import { commonOutcomeRiskRatio, eValue, eValueInterval } from '../stats/eValue.js';
import { timeToOutcome } from '../analysis/timeToOutcome.js';
import { weightedIncidenceDifference } from '../analysis/weightedIncidenceDifference.js';
import { inputBlock } from './inputBlock.js';
import { timeToOutcomeBlock } from './timeToOutcomeBlock.js';
import {
  SCHEMA_VERSION,
  type MetaAnalysisBlock,
  type AdjustedBlock,
  type BaselineRow,
  type EValueBlock,
  type FisherResult,
  type MultinomialBlock,
  type OfficeRow,
  type PrimaryBlock,
  type ReportModel,
  type ReportWarning,
  type WeightedBlock,
} from './model.js';

/** The minimum detectable difference: two-sided 5 % level, 80 % power. */
const MDD_ALPHA = 0.05;
const MDD_POWER = 0.8;

export interface BuildOptions {
  version: string;
  seed?: number;
  timestamp?: string;
  /** Days since 1970-01-01 of the extraction (--extraction-date); default the latest date in the data. */
  extractionDay?: number;
  /** Months at which cumulative incidence is given (--horizons). */
  horizonMonths?: readonly number[];
  /** Threads for the weighted difference's bootstrap (--threads); default 1. The model is the same for any number. */
  threads?: number;
  /**
   * Called between the analyses that allocate arrays per person, so that one's are
   * freed before the next allocates (the CLI gives a full garbage collection for a
   * large input). The model does not depend on it.
   */
  release?: () => void;
}

/** A Fisher p with its log₁₀ where exact (see FisherResult). */
function fisherP(fisher: FisherExactResult): FisherResult {
  if (fisher.log10PValue !== undefined) return { pValue: fisher.pValue, log10PValue: fisher.log10PValue };
  if (fisher.log10PValueAtMost !== undefined) return { pValue: fisher.pValue, log10PValueAtMost: fisher.log10PValueAtMost };
  return { pValue: fisher.pValue };
}

/** The outcome table's Fisher test as the model holds it: the p, how it was computed, and the Monte Carlo settings. */
export function fisherBlock(fisher: FisherExactResult): ReportModel['outcomes']['fisherExact'] {
  return {
    ...fisherP(fisher),
    method: fisher.method,
    ...(fisher.method === 'monte-carlo' ? { replicates: fisher.replicates, seed: fisher.seed } : {}),
  };
}

/** Builds the report model (unsuppressed) from ingest accounting and the analysis table. */
export function buildReport(ingest: IngestSummary, table: AnalysisTable, options: BuildOptions): ReportModel {
  const warnings: ReportWarning[] = [];
  const note = (context: string, list: readonly StatWarning[] | undefined) => {
    for (const w of list ?? []) warnings.push(cataloguedWarning(w.code, w.params, context));
  };
  const pooled = pooledCounts(table.counts);
  const registered = pooled.map((row) => row.slice(0, OUTCOMES.length));

  const groups = Object.fromEntries(
    GROUPS.map((g, gi) => [g, { n: pooled[gi].reduce((a, b) => a + b, 0), outcomeMissing: pooled[gi][MISSING_OUTCOME] }]),
  ) as ReportModel['groups'];
  const nRegistered = registered.map((row) => row.reduce((a, b) => a + b, 0));
  for (const [gi, g] of GROUPS.entries()) {
    if (nRegistered[gi] === 0) {
      warnings.push(cataloguedWarning('EMPTY_GROUP', { group: g }, `groups.${g}`));
    }
  }

  const outcomeTable = Object.fromEntries(
    GROUPS.map((g, gi) => [g, Object.fromEntries(OUTCOMES.map((o, oi) => [o, registered[gi][oi]]))]),
  ) as ReportModel['outcomes']['table'];

  const byLevel = Object.fromEntries(
    OUTCOMES.map((o, oi) => {
      const [h, u] = [registered[HYBRID][oi], registered[USUAL][oi]];
      const wh = wilsonInterval(h, nRegistered[HYBRID]);
      const wu = wilsonInterval(u, nRegistered[USUAL]);
      const diff = newcombeDifference(h, nRegistered[HYBRID], u, nRegistered[USUAL]);
      return [
        o,
        {
          hybrid: { count: h, ...wh },
          usual: { count: u, ...wu },
          difference: { estimate: diff.estimate, ciLow: diff.ciLow, ciHigh: diff.ciHigh },
        },
      ];
    }),
  ) as ReportModel['outcomes']['byLevel'];

  const chi = pearsonChiSquare(registered);
  note('outcomes.chiSquare', chi.warnings);
  const fisher = fisherExact(registered, { seed: options.seed });
  if (fisher.method === 'monte-carlo') {
    warnings.push(cataloguedWarning('FISHER_MONTE_CARLO', { replicates: fisher.replicates!, seed: fisher.seed! }, 'outcomes.fisherExact'));
  }

  const woe = workOrEducationTable(registered);
  const [a, b, c, d] = woe;
  const nh = a + b;
  const nu = c + d;
  const woeChi = pearsonChiSquare([
    [a, b],
    [c, d],
  ]);
  note('workOrEducation.chiSquare', woeChi.warnings);
  const rd = newcombeDifference(a, nh, c, nu);
  const rr = riskRatioKatz(a, nh, c, nu);
  note('workOrEducation.riskRatio', rr.warnings);
  const or = oddsRatioWoolf(a, b, c, d);
  note('workOrEducation.oddsRatio', or.warnings);
  const woeFisher = fisherExact([
    [a, b],
    [c, d],
  ]);
  const wh = wilsonInterval(a, nh);
  const wu = wilsonInterval(c, nu);

  const offices = officeRows(table.counts, note);
  if (table.counsellorsInSeveralOffices > 0) {
    warnings.push(cataloguedWarning('COUNSELLOR_IN_SEVERAL_OFFICES', { counsellors: table.counsellorsInSeveralOffices }, 'adjusted'));
  }
  const counsellor = withinCounsellor(table.persons);
  note('withinCounsellor', counsellor.warnings);
  options.release?.();
  const meta = officeMetaAnalysis(offices.map(officeStratum));
  note('officeEffects.metaAnalysis', meta.warnings);
  const adjusted = adjustedEstimate(table.persons);
  note('adjusted', adjusted.warnings);
  options.release?.();
  const weighted = propensityWeighting(table.persons);
  note('weighted', weighted.warnings);
  const primary = primaryEstimate(table.persons);
  note('primary', primary.warnings);
  const multinomial = multinomialEstimate(table.persons);
  note('multinomial', multinomial.warnings);
  options.release?.();
  const time = timeToOutcome(table.persons, { extractionDay: options.extractionDay, horizonMonths: options.horizonMonths, release: options.release });
  note('timeToOutcome', time.warnings);
  options.release?.();
  const weightedTime = weightedIncidenceDifference(table.persons, {
    extractionDay: options.extractionDay,
    seed: options.seed,
    threads: options.threads,
    release: options.release,
  });
  note('timeToOutcome', weightedTime.warnings);
  options.release?.();

  const model: ReportModel = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'hybrid-eval', version: options.version },
    ...(options.timestamp === undefined ? {} : { generatedAt: options.timestamp }),
    internal: false,
    banner: null,
    input: inputBlock(ingest),
    primary: primaryBlock(primary),
    groups,
    outcomes: {
      table: outcomeTable,
      byLevel,
      merged: null,
      chiSquare: { statistic: chi.statistic, df: chi.df, pValue: chi.pValue },
      fisherExact: fisherBlock(fisher),
    },
    workOrEducation: {
      hybrid: { n: nh, positive: a, proportion: wh.proportion, ciLow: wh.ciLow, ciHigh: wh.ciHigh },
      usual: { n: nu, positive: c, proportion: wu.proportion, ciLow: wu.ciLow, ciHigh: wu.ciHigh },
      riskDifference: { estimate: rd.estimate, ciLow: rd.ciLow, ciHigh: rd.ciHigh },
      riskRatio: { estimate: rr.estimate, ciLow: rr.ciLow, ciHigh: rr.ciHigh },
      oddsRatio: { estimate: or.estimate, ciLow: or.ciLow, ciHigh: or.ciHigh },
      fisherExact: fisherP(woeFisher),
      chiSquare: { statistic: woeChi.statistic, df: woeChi.df, pValue: woeChi.pValue },
    },
    offices,
    stratified: stratifiedEstimates(table.counts, note),
    adjusted: adjustedBlock(adjusted),
    baseline: baselineTable(table.persons).map(baselineRow),
    weighted: weightedBlock(weighted),
    multinomial: multinomialBlock(multinomial),
    withinCounsellor: {
      available: counsellor.available,
      mantelHaenszelOddsRatio: counsellor.mantelHaenszelOddsRatio,
      cmh: counsellor.cmh,
      strataUsed: counsellor.strataUsed,
      strataTotal: counsellor.strataTotal,
      conditionalLogistic: {
        n: counsellor.conditionalLogistic.n,
        formula: counsellor.conditionalLogistic.formula,
        oddsRatio: { ...counsellor.conditionalLogistic.oddsRatio },
        strataUsed: counsellor.conditionalLogistic.strataInformative,
        strataTotal: counsellor.conditionalLogistic.strataTotal,
        converged: counsellor.conditionalLogistic.converged,
      },
    },
    officeEffects: {
      minimumDetectableDifference: {
        alpha: MDD_ALPHA,
        power: MDD_POWER,
        overall: minimumDetectableDifference(nu > 0 ? c / nu : null, nh, nu, MDD_ALPHA, MDD_POWER),
        byOffice: offices.map((o) => ({
          office: o.office,
          difference: minimumDetectableDifference(o.usual.n! > 0 ? o.usual.positive! / o.usual.n! : null, o.hybrid.n!, o.usual.n!, MDD_ALPHA, MDD_POWER),
        })),
      },
      metaAnalysis: metaAnalysisBlock(meta),
    },
    sensitivity: {
      primaryRiskRatio: {
        riskRatio: primary.riskRatio.estimate,
        eValue: eValue(primary.riskRatio.estimate),
        eValueCi: eValueInterval(primary.riskRatio.ciLow, primary.riskRatio.ciHigh),
      },
      adjustedOddsRatio: commonOutcomeEValues(adjusted.oddsRatio),
      conditionalOddsRatio: commonOutcomeEValues(counsellor.conditionalLogistic.oddsRatio),
    },
    timeToOutcome: timeToOutcomeBlock(time, weightedTime, table.persons.has.counsellor ? 'counsellor' : 'office'),
    missingOutcomeBounds: missingOutcomeBounds(
      { positive: a, registered: nh, notRegistered: groups.hybrid.outcomeMissing! },
      { positive: c, registered: nu, notRegistered: groups.usual.outcomeMissing! },
    ),
    disclosureControl: { applied: false, minCell: 5, suppressedCells: 0, hidden: [], merged: [], withheld: [] },
    warnings,
  };
  return model;
}

/** An office's work-or-education 2 × 2 table from its published counts. */
function officeStratum(o: OfficeRow): Stratum2x2 {
  return { a: o.hybrid.positive!, b: o.hybrid.n! - o.hybrid.positive!, c: o.usual.positive!, d: o.usual.n! - o.usual.positive! };
}

/** The meta-analysis as the report publishes it: odds ratios, key by key. */
export function metaAnalysisBlock(m: RandomEffectsMeta): MetaAnalysisBlock {
  const exp = (x: number | null) => (x === null ? null : Math.exp(x));
  return {
    k: m.k,
    oddsRatio: { estimate: exp(m.estimate), ciLow: exp(m.ciLow), ciHigh: exp(m.ciHigh), pValue: m.pValue },
    predictionInterval: { low: exp(m.piLow), high: exp(m.piHigh) },
    tau2: m.tau2,
    i2: m.i2,
    heterogeneity: { statistic: m.q, df: m.qDf, pValue: m.qPValue },
  };
}

/** E-values of an odds ratio, taken as √OR because work or education is common. */
function commonOutcomeEValues(or: { estimate: number | null; ciLow: number | null; ciHigh: number | null }): EValueBlock {
  const rr = (x: number | null) => commonOutcomeRiskRatio(x);
  return {
    riskRatio: rr(or.estimate),
    eValue: eValue(rr(or.estimate)),
    eValueCi: eValueInterval(rr(or.ciLow), rr(or.ciHigh)),
  };
}

/** The primary estimate as the report publishes it, key by key. */
function primaryBlock(p: PrimaryEstimate): PrimaryBlock {
  return {
    estimand: p.estimand,
    method: p.method,
    n: p.n,
    terms: [...p.terms],
    clusterBy: p.clusterBy,
    clusters: p.clusters,
    meanHybrid: p.meanHybrid,
    meanHybridIfUsual: p.meanHybridIfUsual,
    riskDifference: { estimate: p.riskDifference.estimate, ciLow: p.riskDifference.ciLow, ciHigh: p.riskDifference.ciHigh, pValue: p.riskDifference.pValue },
    riskRatio: { estimate: p.riskRatio.estimate, ciLow: p.riskRatio.ciLow, ciHigh: p.riskRatio.ciHigh },
    weights: { effectiveSampleSizeUsual: p.weights.effectiveSampleSizeUsual, max: p.weights.max },
  };
}

/** The multinomial model as the report publishes it, key by key. */
function multinomialBlock(m: MultinomialEstimate): MultinomialBlock {
  return {
    n: m.n,
    formula: m.formula,
    clusterBy: m.clusterBy,
    clusters: m.clusters,
    relativeRiskRatios: m.relativeRiskRatios.map((r) => ({ outcome: r.outcome, estimate: r.estimate, ciLow: r.ciLow, ciHigh: r.ciHigh, pValue: r.pValue })),
    equalEffects: { statistic: m.equalEffects.statistic, df: m.equalEffects.df, pValue: m.equalEffects.pValue },
    converged: m.converged,
  };
}

/** The adjusted model as the report publishes it, key by key. */
function adjustedBlock(a: AdjustedEstimate): AdjustedBlock {
  return {
    n: a.n,
    formula: a.formula,
    clusters: a.clusters,
    clusterBy: a.clusterBy,
    variance: a.variance,
    df: a.df,
    oddsRatio: { estimate: a.oddsRatio.estimate, ciLow: a.oddsRatio.ciLow, ciHigh: a.oddsRatio.ciHigh, pValue: a.oddsRatio.pValue },
    standardError: { modelBased: a.standardError.modelBased, clusterRobust: a.standardError.clusterRobust },
    converged: a.converged,
  };
}

/** The weighted comparison as the report publishes it, key by key. */
function weightedBlock(w: PropensityWeightingResult): WeightedBlock {
  return {
    n: w.n,
    riskDifference: { estimate: w.riskDifference.estimate, ciLow: w.riskDifference.ciLow, ciHigh: w.riskDifference.ciHigh },
    smdAfter: w.smdAfter.map((x) => (x.level === undefined ? { variable: x.variable, smd: x.smd } : { variable: x.variable, level: x.level, smd: x.smd })),
    weights: { min: w.weights.min, max: w.weights.max, effectiveSampleSizeUsual: w.weights.effectiveSampleSizeUsual },
  };
}

/** A baseline row as the report publishes it, key by key. */
function baselineRow(row: AnalysisBaselineRow): BaselineRow {
  if (row.variable === 'age') {
    const summary = (x: typeof row.hybrid) => ({ n: x.n, mean: x.mean, sd: x.sd, missing: x.missing });
    return { variable: row.variable, hybrid: summary(row.hybrid), usual: summary(row.usual), smd: row.smd };
  }
  const summary = (x: typeof row.hybrid) => ({ n: x.n, count: x.count, proportion: x.proportion, missing: x.missing });
  return row.variable === 'gender'
    ? { variable: row.variable, level: row.level, hybrid: summary(row.hybrid), usual: summary(row.usual), smd: row.smd }
    : { variable: row.variable, level: row.level, hybrid: summary(row.hybrid), usual: summary(row.usual), smd: row.smd };
}

/** Offices as strata: work or education vs none (2×2×K), and the full outcome table (2×4×K). */
function stratifiedEstimates(counts: OutcomeCounts, note: (context: string, list: readonly StatWarning[] | undefined) => void): ReportModel['stratified'] {
  const strata2x2: Stratum2x2[] = [];
  const strata2x4: number[][][] = [];
  counts.offices.forEach((_, k) => {
    const row = (g: number) => OUTCOMES.map((_, o) => cell(counts, k, g, o));
    const [a, b, c, d] = workOrEducationTable([row(HYBRID), row(USUAL)]);
    strata2x2.push({ a, b, c, d });
    strata2x4.push([row(HYBRID), row(USUAL)]);
  });
  const gcmh = generalizedCmh(strata2x4);
  note('stratified.generalizedCmh', gcmh.warnings);
  return withGeneralizedCmh(stratifiedTwoByTwo(strata2x2, note), { statistic: gcmh.statistic, df: gcmh.df, pValue: gcmh.pValue });
}

/** The stratified block in its published key order (the JSON's bytes stay stable). */
export function withGeneralizedCmh(
  twoByTwo: Omit<ReportModel['stratified'], 'generalizedCmh'>,
  generalizedCmh: ReportModel['stratified']['generalizedCmh'],
): ReportModel['stratified'] {
  const { cmh, mantelHaenszelOddsRatio, breslowDay, mantelHaenszelRiskDifference, strataUsed, strataTotal } = twoByTwo;
  return { cmh, mantelHaenszelOddsRatio, breslowDay, generalizedCmh, mantelHaenszelRiskDifference, strataUsed, strataTotal };
}

/**
 * The office-stratified analyses of 2×2 work-or-education strata: CMH, Mantel–Haenszel
 * odds ratio and risk difference, Breslow–Day. Also used by disclosure control, on
 * offices merged into one stratum.
 */
export function stratifiedTwoByTwo(
  strata2x2: Stratum2x2[],
  note: (context: string, list: readonly StatWarning[] | undefined) => void,
): Omit<ReportModel['stratified'], 'generalizedCmh'> {
  const cmh = cochranMantelHaenszel(strata2x2);
  note('stratified.cmh', cmh.warnings);
  const mhOr = mantelHaenszelOddsRatio(strata2x2);
  note('stratified.mantelHaenszelOddsRatio', mhOr.warnings);
  const bd = breslowDay(strata2x2);
  note('stratified.breslowDay', bd.warnings);
  const mhRd = mantelHaenszelRiskDifference(strata2x2);
  note('stratified.mantelHaenszelRiskDifference', mhRd.warnings);
  return {
    cmh: { statistic: cmh.statistic, df: cmh.df, pValue: cmh.pValue },
    mantelHaenszelOddsRatio: { estimate: mhOr.estimate, ciLow: mhOr.ciLow, ciHigh: mhOr.ciHigh },
    breslowDay: { statistic: bd.statistic, df: bd.df, pValue: bd.pValue, strataExcluded: bd.strataExcluded },
    mantelHaenszelRiskDifference: { estimate: mhRd.estimate, ciLow: mhRd.ciLow, ciHigh: mhRd.ciHigh },
    strataUsed: strata2x2.filter(isInformativeStratum).length,
    strataTotal: strata2x2.length,
  };
}

/**
 * Work or education by office: counts, and the office's effect when both groups have
 * users (risk difference with Newcombe's interval, Woolf odds ratio, Fisher p, and the
 * Fisher p Holm-adjusted over the offices tested, as R's p.adjust(method = "holm")).
 */
function officeRows(counts: OutcomeCounts, note: (context: string, list: readonly StatWarning[] | undefined) => void): OfficeRow[] {
  const rows = counts.offices.map((office, k) => {
    const row = (g: number) => OUTCOMES.map((_, o) => cell(counts, k, g, o));
    const [a, b, c, d] = workOrEducationTable([row(HYBRID), row(USUAL)]);
    const rd = newcombeDifference(a, a + b, c, c + d);
    const result: OfficeRow = {
      office,
      hybrid: { n: a + b, positive: a },
      usual: { n: c + d, positive: c },
      riskDifference: { estimate: rd.estimate, ciLow: rd.ciLow, ciHigh: rd.ciHigh },
    };
    if (a + b > 0 && c + d > 0) {
      result.fisherExact = {
        pValue: fisherExact([
          [a, b],
          [c, d],
        ]).pValue,
      };
      const or = oddsRatioWoolf(a, b, c, d);
      result.oddsRatio = { estimate: or.estimate, ciLow: or.ciLow, ciHigh: or.ciHigh };
    } else {
      note(`offices.${office}`, [
        {
          code: 'OFFICE_GROUP_EMPTY',
          params: { office, group: a + b === 0 ? 'hybrid' : 'usual' },
          message: `${office} has no ${a + b === 0 ? 'hybrid' : 'as-usual'} users with a registered outcome; its Fisher p is left out.`,
        },
      ]);
    }
    return result;
  });
  return withHolm(rows);
}

/** Each tested office's Fisher p, Holm-adjusted over the offices tested, in the published key order. */
function withHolm(rows: OfficeRow[]): OfficeRow[] {
  const adjusted = holm(rows.map((r) => (r.fisherExact === undefined ? null : r.fisherExact.pValue)));
  return rows.map((r, k) => {
    const { office, hybrid, usual, riskDifference, fisherExact, oddsRatio } = r;
    return {
      office,
      hybrid,
      usual,
      riskDifference,
      ...(fisherExact === undefined ? {} : { fisherExact, pValueHolm: adjusted[k] }),
      ...(oddsRatio === undefined ? {} : { oddsRatio }),
    };
  });
}
