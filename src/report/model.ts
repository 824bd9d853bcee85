import type { Group, Outcome } from '../ingest/types.js';
import type { InputBlock } from './inputBlock.js';
import type { CataloguedWarning } from './warningCatalogue.js';

// The report model has its own types: the public JSON changes only when these do,
// never because a stats or analysis result type changed (build.ts maps key by key).

/** An estimate with its 95 % interval; null = undefined or hidden. */
export interface Estimate {
  estimate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

/** A test: statistic, degrees of freedom and p-value. */
export interface TestResult {
  statistic: number | null;
  df: number;
  pValue: number | null;
}

export interface ContinuousSummary {
  n: number | null;
  mean: number | null;
  sd: number | null;
  missing: number | null;
}

export interface BinarySummary {
  n: number | null;
  count: number | null;
  proportion: number | null;
  missing: number | null;
}

/** Table 6: a covariate by group, with the standardised difference. */
export type BaselineRow =
  | { variable: 'age'; hybrid: ContinuousSummary; usual: ContinuousSummary; smd: number | null }
  | { variable: 'gender'; level: 'F'; hybrid: BinarySummary; usual: BinarySummary; smd: number | null }
  | { variable: 'prior_work'; level: '1'; hybrid: BinarySummary; usual: BinarySummary; smd: number | null };

/** A random-effects meta-analysis on the odds-ratio scale. */
export interface MetaAnalysisBlock {
  /** Offices (studies) with an estimate. */
  k: number;
  oddsRatio: Estimate & { pValue: number | null };
  /** 95 % prediction interval for an office's true odds ratio. */
  predictionInterval: { low: number | null; high: number | null };
  /** Between-office variance of the log odds ratio, and I² as a fraction. */
  tau2: number | null;
  i2: number | null;
  /** Cochran's Q test of heterogeneity. */
  heterogeneity: TestResult;
}

/** The covariate-adjusted logistic model; n and the estimates are null when withheld. */
export interface AdjustedBlock {
  n: number | null;
  formula: string;
  clusters: number;
  clusterBy: 'counsellor' | 'office';
  /** HC0 with G/(G − 1), or CR2 (fewer than 30 clusters) with a t interval on `df` Satterthwaite degrees of freedom. */
  variance: 'HC0' | 'CR2';
  df: number | null;
  oddsRatio: Estimate & { pValue: number | null };
  standardError: { modelBased: number | null; clusterRobust: number | null };
  converged: boolean;
}

/** The propensity-weighted (ATT) risk difference; n and the estimates are null when withheld. */
export interface WeightedBlock {
  n: number | null;
  riskDifference: Estimate;
  smdAfter: { variable: 'age' | 'gender' | 'prior_work'; level?: 'F' | '1'; smd: number | null }[];
  weights: { min: number | null; max: number | null; effectiveSampleSizeUsual: number | null };
}

/**
 * The primary estimate: the effect of the hybrid model on its users (ATT) on work or
 * education, by augmented inverse-probability weighting; null when withheld or undefined.
 */
export interface PrimaryBlock {
  estimand: 'ATT';
  method: 'AIPW';
  n: number | null;
  /** Terms of the propensity and outcome models (R formula notation). */
  terms: string[];
  clusterBy: 'counsellor' | 'office';
  clusters: number | null;
  /** Share in work or education among hybrid users. */
  meanHybrid: number | null;
  /** Estimated share had the same users been followed as usual. */
  meanHybridIfUsual: number | null;
  riskDifference: Estimate & { pValue: number | null };
  riskRatio: Estimate;
  weights: { effectiveSampleSizeUsual: number | null; max: number | null };
}

/** All four outcomes at once: a multinomial logistic model with none as the reference outcome; numbers null when withheld. */
export interface MultinomialBlock {
  n: number | null;
  formula: string;
  clusterBy: 'counsellor' | 'office';
  clusters: number | null;
  /** Relative-risk ratio hybrid vs usual of each outcome against none, with cluster-robust 95 % CI and p. */
  relativeRiskRatios: ({ outcome: 'job' | 'apprenticeship' | 'education' } & Estimate & { pValue: number | null })[];
  /** Wald test (cluster-robust) that the group effect is equal for job, apprenticeship and education. */
  equalEffects: TestResult;
  converged: boolean;
}

/** E-values of one estimate: its risk ratio (or √OR), for the estimate and for the confidence limit closer to 1. */
export interface EValueBlock {
  riskRatio: number | null;
  eValue: number | null;
  eValueCi: number | null;
}

/** A hazard ratio of work or education, hybrid vs as usual, from a regression on time to outcome; numbers null when withheld. */
export interface HazardRatioBlock {
  /** Persons in the model (time-to-outcome sample, complete covariates) and those with work or education among them. */
  n: number | null;
  events: number | null;
  /** Design columns besides hybrid. */
  covariates: string[];
  hazardRatio: Estimate & { pValue: number | null };
  converged: boolean;
}

/** The events whose cumulative incidence the report gives: the three outcomes and the three pooled. */
export type TimeToOutcomeEvent = 'workOrEducation' | 'job' | 'apprenticeship' | 'education';

/** Time from start_date to the registered outcome, with none competing. */
export interface TimeToOutcomeBlock {
  /** ISO date follow-up is censored at; null when the data hold no date. */
  extractionDate: string | null;
  /** true when the extraction date is the latest date in the data (no --extraction-date). */
  extractionDateFromData: boolean;
  /** Months since start at which cumulative incidence is given. */
  horizons: number[];
  /** Persons in these analyses, by group. */
  included: Record<Group, number | null>;
  /** Persons followed until the extraction date without a registered outcome (or an end date), by group. */
  censored: Record<Group, number | null>;
  /** Persons left out, by reason and group. */
  excluded: { reason: 'missingStartDate' | 'endBeforeStart' | 'startAfterExtraction'; hybrid: number | null; usual: number | null }[];
  /** Aalen–Johansen cumulative incidence per group, event and horizon, with survfit's log 95 % interval; atRisk and events (cumulative) at the horizon. */
  cumulativeIncidence: ({ group: Group; outcome: TimeToOutcomeEvent; months: number } & Estimate & { atRisk: number | null; events: number | null })[];
  /** The cumulative incidence of work or education per group at whole months, as published (disclosure control may drop months). */
  curves: { group: Group; points: { month: number; estimate: number | null; atRisk: number | null; events: number | null }[] }[];
  /** Gray's test of equal cumulative incidence of work or education. */
  grayTest: TestResult;
  /** Cox, stratified by office, Efron ties, robust variance clustered by counsellor (by office without a counsellor column). */
  causeSpecificHazardRatio: HazardRatioBlock & { clusterBy: 'counsellor' | 'office'; clusters: number | null; strata: number | null };
  /** Fine–Gray (crr), office as dummies, none competing. */
  subdistributionHazardRatio: HazardRatioBlock;
  /** Work or education, hybrid − ATT-weighted as usual, at 6 and 12 months, with a cluster-bootstrap percentile 95 % interval. */
  weightedDifference: ({ months: number } & Estimate)[];
  /** How the weighted difference was computed. */
  weighting: {
    n: number | null;
    clusterBy: 'counsellor' | 'office';
    clusters: number | null;
    replicates: number;
    failedReplicates: number | null;
    seed: number;
    effectiveSampleSizeUsual: number | null;
    maxWeight: number | null;
  };
}

export const SCHEMA_VERSION = '3';

export interface ProportionCI {
  count: number | null;
  proportion: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

/** Outcome categories published together, with their count and share per group. */
export interface MergedOutcome {
  categories: Outcome[];
  hybrid: ProportionCI;
  usual: ProportionCI;
  difference: Estimate;
}

/** A warning from the closed catalogue (src/report/warningCatalogue.ts). */
export type ReportWarning = CataloguedWarning;

export interface OfficeRow {
  office: string;
  hybrid: { n: number | null; positive: number | null };
  usual: { n: number | null; positive: number | null };
  /** Work or education, hybrid − usual, with Newcombe's interval; null when a group is empty. */
  riskDifference: Estimate;
  /** Left out when a group is empty in that office. */
  fisherExact?: { pValue: number | null };
  /** The Fisher p, Holm-adjusted over the offices tested; left out with fisherExact. */
  pValueHolm?: number | null;
  /** Odds ratio within the office (Woolf interval), for the forest plot; null with a zero cell. */
  oddsRatio?: Estimate;
}

/**
 * A Fisher p-value. Where the test is exact, log10PValue is log₁₀ p, also where p itself
 * underflows to 0 (large registers: below about 1e-308); where p was only shown to be
 * below the smallest double, log10PValueAtMost bounds it instead. Both are absent for a
 * Monte Carlo p; with a withheld p they are null or absent.
 */
export interface FisherResult {
  pValue: number | null;
  log10PValue?: number | null;
  log10PValueAtMost?: number | null;
}

export interface ReportModel {
  schemaVersion: string;
  tool: { name: 'hybrid-eval'; version: string };
  generatedAt?: string;
  internal: boolean;
  banner: string | null;
  input: InputBlock;
  primary: PrimaryBlock;
  groups: Record<Group, { n: number | null; outcomeMissing: number | null }>;
  outcomes: {
    table: Record<Group, Record<Outcome, number | null>>;
    byLevel: Record<Outcome, { hybrid: ProportionCI; usual: ProportionCI; difference: Estimate }>;
    /**
     * Disclosure control's table redesign: apprenticeship and education published as one
     * category when either is sparse (their own rows are then null); null otherwise.
     */
    merged: MergedOutcome | null;
    chiSquare: TestResult;
    fisherExact: FisherResult & { method: 'exact' | 'monte-carlo'; replicates?: number; seed?: number };
  };
  workOrEducation: {
    hybrid: { n: number | null; positive: number | null; proportion: number | null; ciLow: number | null; ciHigh: number | null };
    usual: { n: number | null; positive: number | null; proportion: number | null; ciLow: number | null; ciHigh: number | null };
    riskDifference: Estimate;
    riskRatio: Estimate;
    oddsRatio: Estimate;
    fisherExact: FisherResult;
    chiSquare: TestResult;
  };
  offices: OfficeRow[];
  stratified: {
    cmh: TestResult;
    mantelHaenszelOddsRatio: Estimate;
    /** df and strataExcluded are null when disclosure control withholds the test (they count informative offices). */
    breslowDay: Omit<TestResult, 'df'> & { df: number | null; strataExcluded: number | null };
    generalizedCmh: TestResult;
    mantelHaenszelRiskDifference: Estimate;
    /** Offices that carry information for the 2×2×K analyses (n ≥ 2, no zero margin). */
    /** null when the stratified analyses are withheld. */
    strataUsed: number | null;
    strataTotal: number;
  };
  adjusted: AdjustedBlock;
  baseline: BaselineRow[];
  weighted: WeightedBlock;
  multinomial: MultinomialBlock;
  /** Work or education by group within each counsellor's caseload (counsellors as strata). */
  withinCounsellor: {
    /** False when the input has no counsellor column. */
    available: boolean;
    mantelHaenszelOddsRatio: Estimate;
    cmh: TestResult;
    /** Counsellors with both groups and both outcomes, of all; null when withheld. */
    strataUsed: number | null;
    strataTotal: number | null;
    /** Conditional logistic regression with counsellors as strata and the covariates (exact likelihood, as survival::clogit). */
    conditionalLogistic: {
      n: number | null;
      formula: string;
      oddsRatio: Estimate & { pValue: number | null };
      /** Counsellors with someone in and someone not in work or education, of all in the sample. */
      strataUsed: number | null;
      strataTotal: number | null;
      converged: boolean;
    };
  };
  /** Offices as effects: what the office comparisons can detect. */
  officeEffects: {
    /** The smallest difference in work or education a test detects with this power at this level (normal approximation, at the as-usual share). */
    minimumDetectableDifference: {
      alpha: number;
      power: number;
      overall: number | null;
      byOffice: { office: string; difference: number | null }[];
    };
    /** Random-effects (REML) meta-analysis of the offices' log odds ratios, reported as odds ratios. */
    metaAnalysis: MetaAnalysisBlock;
  };
  /** How strong unmeasured selection would have to be to explain an estimate away (E-values). */
  sensitivity: {
    /** The primary risk ratio and its E-values. */
    primaryRiskRatio: EValueBlock;
    /** The adjusted odds ratio taken as a risk ratio √OR (the outcome is common), and its E-values. */
    adjustedOddsRatio: EValueBlock;
    /** The conditional (within-counsellor) odds ratio taken as √OR, and its E-values. */
    conditionalOddsRatio: EValueBlock;
  };
  timeToOutcome: TimeToOutcomeBlock;
  /** The crude risk difference with the not registered counted at the two extremes. */
  missingOutcomeBounds: { lower: number | null; upper: number | null };
  disclosureControl: {
    applied: boolean;
    minCell: number;
    suppressedCells: number;
    /** Where the hidden cells are in the model, below min-cell or hidden to protect one (which, is not said). */
    hidden: string[];
    /**
     * Statistics computed on a table with outcome categories, or offices (strata),
     * merged, because a category or an office held a hidden cell.
     */
    merged: { statistics: string[]; categories?: Outcome[]; offices?: string[] }[];
    /** Statistics withheld (null), because they are computed from hidden cells. */
    withheld: string[];
  };
  warnings: ReportWarning[];
}
