import { formatCount, formatNumber } from './format.js';
import type { Lang } from './i18n.js';

/**
 * The closed catalogue of the report's warnings: every code, its parameters and its
 * message in each language. A warning is stored in the model as code + params; its
 * message is written from the template of the report's language. The schema lists
 * the codes as an enum (schema/report.schema.json, checked by tests/report/warnings.test.ts).
 */

type Group = 'hybrid' | 'usual';
type ClusterBy = 'counsellor' | 'office';
type ExclusionReason = 'missingStartDate' | 'endBeforeStart' | 'startAfterExtraction';
type OutcomeName = 'job' | 'apprenticeship' | 'education' | 'none';
type None = Record<string, never>;

/** Each code's parameters. Design terms (`columns`) are column names of a model's design matrix. */
export interface WarningParams {
  // The outcome table and 2×2 tables
  EMPTY_GROUP: { group: Group };
  EMPTY_CATEGORY_DROPPED: { rows: number; columns: number };
  TOO_FEW_CATEGORIES: None;
  EXPECTED_BELOW_5: { cells: number; smallestExpected: number };
  SINGLE_TABLE: None;
  FISHER_MONTE_CARLO: { replicates: number; seed: number };
  RATIO_EMPTY_GROUP: None;
  RISK_RATIO_NO_EVENTS: None;
  ODDS_RATIO_ZERO_CELL: None;
  OFFICE_GROUP_EMPTY: { office: string; group: Group };
  // Stratified by office
  CMH_NO_INFORMATIVE_STRATA: None;
  MH_OR_UNDEFINED: None;
  MH_OR_INFINITE: None;
  MH_OR_ZERO: None;
  MH_RD_UNDEFINED: None;
  MH_RD_VARIANCE_UNDEFINED: None;
  MH_RD_ZERO_VARIANCE: None;
  BRESLOW_DAY_TOO_FEW_STRATA: None;
  BRESLOW_DAY_OR_UNDEFINED: None;
  BRESLOW_DAY_UNDEFINED: None;
  GCMH_EMPTY_CATEGORY: { rows: number; columns: number };
  GCMH_NO_INFORMATION: None;
  GCMH_SINGULAR_COVARIANCE: None;
  META_TOO_FEW: None;
  META_NO_VARIANCE: None;
  // Models
  GLM_SINGULAR: None;
  GLM_NOT_CONVERGED: { iterations: number };
  GLM_FITTED_0_1: None;
  GLM_DIVERGING_COEFFICIENT: { columns: string[]; maxEstimate: number; maxStandardError: number };
  COUNSELLOR_IN_SEVERAL_OFFICES: { counsellors: number };
  ADJUSTED_ONE_GROUP: None;
  ADJUSTED_COUNSELLOR_MISSING: { persons: number };
  ADJUSTED_GROUP_ALIASED: None;
  ADJUSTED_ALIASED_COLUMNS: { columns: string[] };
  ADJUSTED_UNRELIABLE: None;
  ADJUSTED_NO_ROBUST_SE: None;
  ADJUSTED_FEW_CLUSTERS: { clusters: number; clusterBy: ClusterBy };
  PS_ONE_GROUP: None;
  PS_OFFICE_ONE_GROUP: { offices: string[] };
  PS_NOT_CONVERGED: None;
  PS_SEPARATION: None;
  PS_FEW_CLUSTERS: None;
  PS_ZERO_VARIANCE: None;
  ATT_ONE_GROUP: None;
  ATT_TREATMENT_MODEL_FAILED: None;
  ATT_OUTCOME_MODEL_FAILED: None;
  ATT_SINGULAR: None;
  ATT_FEW_CLUSTERS: None;
  PRIMARY_NO_OVERLAP: { offices: string[] };
  PRIMARY_FEW_CLUSTERS: { clusters: number; clusterBy: ClusterBy };
  MULTINOM_SINGULAR: None;
  MULTINOM_NOT_CONVERGED: { iterations: number };
  MULTINOM_DIVERGING: { coefficients: string[]; maxEstimate: number; maxStandardError: number };
  MULTINOMIAL_ONE_GROUP: None;
  MULTINOMIAL_GROUP_ALIASED: None;
  MULTINOMIAL_ONE_OUTCOME: None;
  MULTINOMIAL_OUTCOME_ABSENT: { outcomes: OutcomeName[] };
  MULTINOMIAL_NOT_CONVERGED: None;
  MULTINOMIAL_FEW_CLUSTERS: None;
  MULTINOMIAL_SEPARATION: { outcomes: OutcomeName[] };
  CLOGIT_NO_INFORMATIVE_STRATA: None;
  CLOGIT_NOT_CONVERGED: { iterations: number };
  CLOGIT_SINGULAR: { columns: string[] };
  CLOGIT_DIVERGING: { columns: string[] };
  CONDITIONAL_LOGISTIC_STRATA_TOO_LARGE: None;
  CONDITIONAL_LOGISTIC_UNRELIABLE: None;
  // Time to outcome
  PERSONS_EXCLUDED_FROM_TIME: { reasons: ExclusionReason[] };
  NO_PERSONS_WITH_START_DATE: None;
  HORIZON_BEYOND_FOLLOW_UP: { group: Group; months: number[] };
  END_AFTER_EXTRACTION: { persons: number };
  HAZARD_RATIO_NOT_ESTIMABLE: { model: 'causeSpecific' | 'subdistribution' };
  COX_NO_EVENTS: None;
  COX_NOT_CONVERGED: { iterations: number };
  COX_SINGULAR: { columns: string[] };
  COX_DIVERGING: { columns: string[] };
  FINE_GRAY_NO_EVENTS: None;
  FINE_GRAY_SINGULAR: None;
  FINE_GRAY_NOT_CONVERGED: { iterations: number };
  GRAY_FEWER_THAN_TWO_GROUPS: { groups: number };
  GRAY_SINGULAR_VARIANCE: None;
  WEIGHTED_DIFFERENCE_COUNSELLOR_MISSING: { persons: number };
  WEIGHTED_DIFFERENCE_COUNSELLOR_IN_SEVERAL_OFFICES: { counsellors: number };
  WEIGHTED_DIFFERENCE_NO_PERSONS: None;
  WEIGHTED_DIFFERENCE_ONE_GROUP: None;
  WEIGHTED_DIFFERENCE_NO_OVERLAP: { offices: string[] };
  WEIGHTED_DIFFERENCE_FEW_CLUSTERS: { clusters: number; clusterBy: ClusterBy; minimum: number };
  WEIGHTED_DIFFERENCE_SINGLE_CLUSTER_OFFICE: { offices: string[] };
  WEIGHTED_DIFFERENCE_PS_NOT_CONVERGED: None;
  WEIGHTED_DIFFERENCE_SEPARATION: None;
  WEIGHTED_DIFFERENCE_HORIZON_BEYOND_FOLLOW_UP: { group: Group; months: number[] };
  WEIGHTED_DIFFERENCE_NOTHING_TO_RESAMPLE: { clusterBy: ClusterBy };
  WEIGHTED_DIFFERENCE_EXTREME_ORDER_STATISTICS: None;
  WEIGHTED_DIFFERENCE_FAILED_REPLICATES: { failed: number; replicates: number };
  WEIGHTED_DIFFERENCE_MANY_FAILED_REPLICATES: { failed: number; replicates: number };
}

export type WarningCode = keyof WarningParams;

/** One language's messages: a template for every code, so the compiler finds a missing one. */
export type WarningTemplates = { [C in WarningCode]: (p: WarningParams[C], f: NumberWords) => string };

/** How a template writes numbers and lists in its language. */
export interface NumberWords {
  /** A count, with the language's thousands separator. */
  count: (n: number) => string;
  /** A number with the language's decimal mark, to 3 significant digits. */
  number: (x: number) => string;
  /** "a, b and c" in the language. */
  list: (items: string[]) => string;
  /** A design term (column name of a model matrix) in words, e.g. age → alder; offices keep their names. */
  term: (name: string) => string;
}

const groupEn = (g: Group) => (g === 'hybrid' ? 'hybrid' : 'as-usual');
const clusterEn = (by: ClusterBy, n: number) => (by === 'office' ? (n === 1 ? 'office' : 'offices') : n === 1 ? 'counsellor' : 'counsellors');
const EXCLUSION_EN: Record<ExclusionReason, string> = {
  missingStartDate: 'no start date',
  endBeforeStart: 'an end date before the start date',
  startAfterExtraction: 'a start date after the extraction date',
};

const en: WarningTemplates = {
  EMPTY_GROUP: (p) => `No ${groupEn(p.group)} user has a registered outcome; comparisons are undefined.`,
  EMPTY_CATEGORY_DROPPED: (p, f) => `${f.count(p.rows)} empty row(s) and ${f.count(p.columns)} empty column(s) were dropped before the chi-square test.`,
  TOO_FEW_CATEGORIES: () => 'The chi-square test needs at least two non-empty rows and two non-empty columns.',
  EXPECTED_BELOW_5: (p, f) =>
    `${f.count(p.cells)} cell(s) have an expected count below 5 (minimum ${f.number(p.smallestExpected)}); the chi-square approximation may be poor.`,
  SINGLE_TABLE: () => 'Fewer than two non-empty rows or columns: only one table has these margins, so p = 1.',
  FISHER_MONTE_CARLO: (p, f) =>
    `Fisher's exact test was estimated by Monte Carlo (${f.count(p.replicates)} tables, seed ${p.seed}); exact enumeration was not feasible.`,
  RATIO_EMPTY_GROUP: () => 'The ratio is undefined: a group has no persons.',
  RISK_RATIO_NO_EVENTS: () => 'The risk ratio interval is undefined: a group has no events (no continuity correction is applied).',
  ODDS_RATIO_ZERO_CELL: () => 'The odds ratio is undefined: a cell of the 2×2 table is zero (no continuity correction is applied).',
  OFFICE_GROUP_EMPTY: (p) => `${p.office} has no ${groupEn(p.group)} users with a registered outcome; its Fisher p is left out.`,
  CMH_NO_INFORMATIVE_STRATA: () => 'No stratum has both groups and both outcomes, so the Cochran–Mantel–Haenszel test is undefined.',
  MH_OR_UNDEFINED: () => 'Every stratum has ad = bc = 0, so the Mantel–Haenszel odds ratio is undefined.',
  MH_OR_INFINITE: () => 'Every stratum has bc = 0, so the Mantel–Haenszel odds ratio is infinite.',
  MH_OR_ZERO: () => 'Every stratum has ad = 0, so the Mantel–Haenszel odds ratio is 0 and its interval is undefined.',
  MH_RD_UNDEFINED: () => 'No stratum has both groups, so the Mantel–Haenszel risk difference is undefined.',
  MH_RD_VARIANCE_UNDEFINED: () => "Sato's variance of the Mantel–Haenszel risk difference is negative or undefined, so no interval is given.",
  MH_RD_ZERO_VARIANCE: () => "Sato's variance is zero (no events in either group, or all events), so the interval has zero width and means nothing.",
  BRESLOW_DAY_TOO_FEW_STRATA: () => 'Fewer than two strata have both groups and both outcomes, so homogeneity of the odds ratio cannot be tested.',
  BRESLOW_DAY_OR_UNDEFINED: () => 'The Mantel–Haenszel odds ratio is 0, infinite or undefined, so the Breslow–Day test is undefined.',
  BRESLOW_DAY_UNDEFINED: () => 'An expected cell is zero, so the Breslow–Day statistic is undefined.',
  GCMH_EMPTY_CATEGORY: (p, f) =>
    `${f.count(p.rows)} empty row(s) and ${f.count(p.columns)} empty column(s) were dropped before the generalised CMH test; its degrees of freedom are reduced accordingly.`,
  GCMH_NO_INFORMATION: () => 'Fewer than two groups or two outcomes occur, so the generalised CMH test is undefined.',
  GCMH_SINGULAR_COVARIANCE: () =>
    'The covariance matrix of the generalised CMH test is singular (e.g. every stratum lacks one group), so the test is undefined.',
  META_TOO_FEW: () => 'Fewer than two offices have an estimate, so the random-effects meta-analysis is undefined.',
  META_NO_VARIANCE: () => 'An office has no positive sampling variance, so the random-effects meta-analysis is undefined.',
  GLM_SINGULAR: () => 'The weighted normal equations are singular (aliased columns or total separation), so the model cannot be fitted.',
  GLM_NOT_CONVERGED: (p) => `The logistic regression did not converge in ${p.iterations} iterations; its estimates are not reliable.`,
  GLM_FITTED_0_1: () => 'Fitted probabilities numerically 0 or 1 occurred: some groups are perfectly predicted (separation).',
  GLM_DIVERGING_COEFFICIENT: (p, f) =>
    `Coefficients diverge (|estimate| > ${p.maxEstimate} or SE > ${p.maxStandardError}), a sign of separation: ${f.list(p.columns.map(f.term))}.`,
  COUNSELLOR_IN_SEVERAL_OFFICES: (p, f) =>
    `${f.count(p.counsellors)} counsellor id(s) occur in more than one office and are treated as one counsellor (one cluster) each. If offices number their counsellors locally, make the ids unique (e.g. prefix the office) before clustering by counsellor.`,
  ADJUSTED_ONE_GROUP: () => 'The analysis sample lacks hybrid or usual users, so the adjusted odds ratio is undefined.',
  ADJUSTED_COUNSELLOR_MISSING: (p, f) => `${f.count(p.persons)} person(s) have no counsellor; each is treated as a cluster of its own.`,
  ADJUSTED_GROUP_ALIASED: () =>
    'Group is collinear with the other terms (e.g. hybrid users only in offices without usual users), so the adjusted odds ratio is undefined.',
  ADJUSTED_ALIASED_COLUMNS: (p, f) => `Collinear term(s) were dropped: ${f.list(p.columns.map(f.term))} (R reports them as NA).`,
  ADJUSTED_UNRELIABLE: () => 'The adjusted model did not converge or the group coefficient diverges (separation), so no adjusted odds ratio is reported.',
  ADJUSTED_NO_ROBUST_SE: () => 'Fewer than two clusters, so no cluster-robust standard error can be computed.',
  ADJUSTED_FEW_CLUSTERS: (p) =>
    `Only ${p.clusters} ${clusterEn(p.clusterBy, p.clusters)} as clusters, and the CR2 variance could not be computed; the HC0 standard errors shown are likely too small.`,
  PS_ONE_GROUP: () => 'The analysis sample lacks hybrid or usual users, so propensity weighting is undefined.',
  PS_OFFICE_ONE_GROUP: (p, f) =>
    `Office(s) with only one group in the sample: ${f.list(p.offices)}. Their propensity scores are 0 or 1, so they add no comparable usual users.`,
  PS_NOT_CONVERGED: () => 'The propensity model did not converge, so no weighted estimate is reported.',
  PS_SEPARATION: () =>
    'The propensity model separates some persons (propensity scores numerically 0 or 1); weights of those usual users are near 0 and the estimate rests on the remaining offices.',
  PS_FEW_CLUSTERS: () => 'Fewer than two clusters, so no cluster-robust interval can be given.',
  PS_ZERO_VARIANCE: () => 'The weighted outcome has no variation, so no interval is given.',
  ATT_ONE_GROUP: () => 'The data lack hybrid or as-usual users, so the effect on the hybrid users is undefined.',
  ATT_TREATMENT_MODEL_FAILED: () => 'The propensity model did not converge, so no estimate is given.',
  ATT_OUTCOME_MODEL_FAILED: () => 'The outcome model did not converge, so no estimate is given.',
  ATT_SINGULAR: () => 'A fitted model has a singular information matrix, so no variance is given.',
  ATT_FEW_CLUSTERS: () => 'Fewer than two clusters, so no variance is given.',
  PRIMARY_NO_OVERLAP: (p, f) =>
    `Office(s) with hybrid users but no as-usual users in the sample: ${f.list(p.offices)}. Nothing there shows what following as usual gives, so no primary estimate is made.`,
  PRIMARY_FEW_CLUSTERS: (p) =>
    p.clusterBy === 'office'
      ? `No counsellor column, so the interval is clustered by office (${p.clusters} clusters) and is likely too narrow.`
      : `Only ${p.clusters} counsellors as clusters, so the interval is likely too narrow.`,
  MULTINOM_SINGULAR: () => 'The information matrix of the multinomial model is singular (aliased or all-zero columns), so the model cannot be fitted.',
  MULTINOM_NOT_CONVERGED: (p) => `The multinomial regression did not converge in ${p.iterations} iterations; its estimates are not reliable.`,
  MULTINOM_DIVERGING: (p, f) =>
    `Coefficients diverge (|estimate| > ${p.maxEstimate} or SE > ${p.maxStandardError}), a sign of separation (a category with no counts in some group): ${f.list(p.coefficients)}.`,
  MULTINOMIAL_ONE_GROUP: () => 'The analysis sample lacks hybrid or usual users, so the multinomial model is undefined.',
  MULTINOMIAL_GROUP_ALIASED: () => 'Group is collinear with the other terms, so the multinomial model is undefined.',
  MULTINOMIAL_ONE_OUTCOME: () => 'The analysis sample has no one in none, or no one in any other outcome, so the multinomial model is undefined.',
  MULTINOMIAL_OUTCOME_ABSENT: (p, f) => `No one in the analysis sample ended in ${f.list(p.outcomes)}; the model compares the other outcomes with none.`,
  MULTINOMIAL_NOT_CONVERGED: () => 'The multinomial model did not converge, so no relative-risk ratios are given.',
  MULTINOMIAL_FEW_CLUSTERS: () => 'Fewer than two clusters, so no cluster-robust intervals can be given.',
  MULTINOMIAL_SEPARATION: (p, f) =>
    `The group effect on ${f.list(p.outcomes)} diverges (no one in a group reached it), so its ratio and the test of equal effects are not given.`,
  CLOGIT_NO_INFORMATIVE_STRATA: () => 'No stratum has both a case and a non-case, so the conditional likelihood is constant and nothing can be estimated.',
  CLOGIT_NOT_CONVERGED: (p) => `The conditional logistic regression did not converge in ${p.iterations} iterations; its estimates are not reliable.`,
  CLOGIT_SINGULAR: (p, f) =>
    `The information matrix is singular: no within-stratum information for ${f.list(p.columns.map(f.term))} (constant within strata or collinear), so its coefficient is not estimable.`,
  CLOGIT_DIVERGING: (p, f) => `The log-likelihood converged before ${f.list(p.columns.map(f.term))}: the estimate may be infinite (separation within strata).`,
  CONDITIONAL_LOGISTIC_STRATA_TOO_LARGE: () =>
    'The counsellor strata are too large for the exact conditional likelihood (thousands of users per counsellor), so no conditional odds ratio is given; the Mantel–Haenszel estimate by counsellor stands.',
  CONDITIONAL_LOGISTIC_UNRELIABLE: () =>
    'The conditional logistic model did not converge, or the group effect has no information or diverges within counsellors, so no conditional odds ratio is given.',
  PERSONS_EXCLUDED_FROM_TIME: (p) =>
    `Some persons are left out of the time-to-outcome analyses (${p.reasons.map((r) => EXCLUSION_EN[r]).join('; ')}); Table 9 counts them by group.`,
  NO_PERSONS_WITH_START_DATE: () => 'No person has a usable start date, so there is no time to an outcome to analyse.',
  HORIZON_BEYOND_FOLLOW_UP: (p, f) =>
    `No ${groupEn(p.group)} user is followed for ${f.list(p.months.map(String))} months; those cumulative incidences are not estimated.`,
  END_AFTER_EXTRACTION: (p, f) =>
    `${f.count(p.persons)} persons have an outcome registered after the extraction date; they are censored at the extraction date.`,
  HAZARD_RATIO_NOT_ESTIMABLE: (p) =>
    `The ${p.model === 'causeSpecific' ? 'cause-specific' : 'subdistribution'} hazard ratio of work or education is not estimated: it needs persons of both groups and at least one event.`,
  COX_NO_EVENTS: () => 'No one has an event, so the partial likelihood is constant and nothing can be estimated.',
  COX_NOT_CONVERGED: (p) => `The Cox regression did not converge in ${p.iterations} iterations; its estimates are not reliable.`,
  COX_SINGULAR: (p, f) =>
    `The information matrix is singular: ${f.list(p.columns.map(f.term))} is constant within strata or collinear with other columns, so its coefficient is not estimable.`,
  COX_DIVERGING: (p, f) => `The log-likelihood converged before ${f.list(p.columns.map(f.term))}: the estimate may be infinite (monotone likelihood).`,
  FINE_GRAY_NO_EVENTS: () => 'No one has the event of interest, so the Fine–Gray model cannot be estimated.',
  FINE_GRAY_SINGULAR: () => 'The information matrix is singular: a covariate is constant or collinear with others, so the Fine–Gray model cannot be fitted.',
  FINE_GRAY_NOT_CONVERGED: (p) => `The Fine–Gray regression did not converge in ${p.iterations} iterations; its estimates are not reliable.`,
  GRAY_FEWER_THAN_TWO_GROUPS: (p) => `Gray's test needs at least two groups with persons, but has ${p.groups}.`,
  GRAY_SINGULAR_VARIANCE: () => "The score covariance of Gray's test is singular, so the test is undefined.",
  WEIGHTED_DIFFERENCE_COUNSELLOR_MISSING: (p, f) =>
    `${f.count(p.persons)} persons have no counsellor and are left out of the weighted difference (as out of the Cox model).`,
  WEIGHTED_DIFFERENCE_COUNSELLOR_IN_SEVERAL_OFFICES: (p, f) =>
    `${f.count(p.counsellors)} counsellor ids occur in more than one office; the bootstrap resamples each office's share of such a counsellor as a cluster of its own, so that every office keeps its size.`,
  WEIGHTED_DIFFERENCE_NO_PERSONS: () => 'No person has a usable start date and complete covariates, so there is no weighted difference.',
  WEIGHTED_DIFFERENCE_ONE_GROUP: () => 'The sample lacks hybrid or usual users, so the weighted difference is undefined.',
  WEIGHTED_DIFFERENCE_NO_OVERLAP: (p, f) =>
    `Office(s) with only one group in the sample: ${f.list(p.offices)}. Their propensity scores are 0 or 1, so they add no comparable usual users.`,
  WEIGHTED_DIFFERENCE_FEW_CLUSTERS: (p) =>
    `Only ${p.clusters} ${clusterEn(p.clusterBy, p.clusters)} to resample; with fewer than ${p.minimum} clusters a cluster bootstrap interval tends to be too narrow.`,
  WEIGHTED_DIFFERENCE_SINGLE_CLUSTER_OFFICE: (p, f) =>
    `Office(s) with one counsellor: ${f.list(p.offices)}. Resampled within the office, that counsellor is drawn every time, so the interval leaves out the variation between counsellors there.`,
  WEIGHTED_DIFFERENCE_PS_NOT_CONVERGED: () => 'The propensity model did not converge, so no weighted difference is reported.',
  WEIGHTED_DIFFERENCE_SEPARATION: () =>
    'The propensity model separates some persons (propensity scores numerically 0 or 1); weights of those usual users are near 0 and the estimate rests on the other offices.',
  WEIGHTED_DIFFERENCE_HORIZON_BEYOND_FOLLOW_UP: (p, f) =>
    `No ${groupEn(p.group)} user is followed for ${f.list(p.months.map(String))} months; the weighted difference is not estimated there.`,
  WEIGHTED_DIFFERENCE_NOTHING_TO_RESAMPLE: (p) =>
    `Every ${p.clusterBy === 'office' ? 'replicate draws the one office' : 'office has one counsellor'}, so the cluster bootstrap has nothing to resample and no interval is given.`,
  WEIGHTED_DIFFERENCE_EXTREME_ORDER_STATISTICS: () =>
    'Too few bootstrap replicates for a 95 % percentile interval: its ends are the smallest and largest replicate.',
  WEIGHTED_DIFFERENCE_FAILED_REPLICATES: (p, f) =>
    `${f.count(p.failed)} of ${f.count(p.replicates)} bootstrap replicates gave no estimate (propensity model not fitted, or a group not followed to a horizon) and are left out of the interval.`,
  WEIGHTED_DIFFERENCE_MANY_FAILED_REPLICATES: (p, f) =>
    `${f.count(p.failed)} of ${f.count(p.replicates)} bootstrap replicates gave no estimate (propensity model not fitted, or a group not followed to a horizon) and are left out of the interval; with this many, the interval rests on a selected subset of replicates and may be too narrow.`,
};

/** Bokmål and Nynorsk words the templates share the shape of: a group's users, cluster units, outcomes, reasons. */
const usersNb = (g: Group) => (g === 'hybrid' ? 'hybridbrukere' : 'som vanlig-brukere');
const userNb = (g: Group) => (g === 'hybrid' ? 'hybridbruker' : 'som vanlig-bruker');
const clusterNb = (by: ClusterBy, n: number) => (by === 'office' ? 'kontor' : n === 1 ? 'veileder' : 'veiledere');
const monthsNb = (months: number[], f: NumberWords) =>
  `${f.list(months.map((m) => f.count(m)))} ${months.length === 1 && months[0] === 1 ? 'måned' : 'måneder'}`;
const OUTCOME_NB: Record<OutcomeName, string> = { job: 'jobb', apprenticeship: 'læreplass', education: 'utdanning', none: 'ingen av delene' };
const EXCLUSION_NB: Record<ExclusionReason, string> = {
  missingStartDate: 'uten startdato',
  endBeforeStart: 'sluttdato før startdato',
  startAfterExtraction: 'startdato etter uttrekksdatoen',
};
const rowsNb = (n: number, f: NumberWords) => `${f.count(n)} ${n === 1 ? 'tom rad' : 'tomme rader'}`;
const columnsNb = (n: number, f: NumberWords) => `${f.count(n)} ${n === 1 ? 'tom kolonne' : 'tomme kolonner'}`;
/** A multinomial coefficient `outcome:term` in words: "alder (jobb)". */
const coefficientNb = (name: string, f: NumberWords) => coefficientWords(name, f, OUTCOME_NB);

const nb: WarningTemplates = {
  EMPTY_GROUP: (p) => `Ingen ${usersNb(p.group)} har registrert utfall; sammenligningene er udefinerte.`,
  EMPTY_CATEGORY_DROPPED: (p, f) => `${rowsNb(p.rows, f)} og ${columnsNb(p.columns, f)} ble tatt ut før kji-kvadrattesten.`,
  TOO_FEW_CATEGORIES: () => 'Kji-kvadrattesten krever minst to rader og to kolonner som ikke er tomme.',
  EXPECTED_BELOW_5: (p, f) =>
    `${f.count(p.cells)} ${p.cells === 1 ? 'celle' : 'celler'} har forventet antall under 5 (minste ${f.number(p.smallestExpected)}); kji-kvadrattilnærmingen kan være dårlig.`,
  SINGLE_TABLE: () => 'Færre enn to rader eller kolonner som ikke er tomme: bare én tabell har disse marginalene, så p = 1.',
  FISHER_MONTE_CARLO: (p, f) =>
    `Fishers eksakte test ble estimert ved Monte Carlo (${f.count(p.replicates)} tabeller, frø ${p.seed}); eksakt opptelling var ikke mulig.`,
  RATIO_EMPTY_GROUP: () => 'Forholdstallet er udefinert: en gruppe har ingen personer.',
  RISK_RATIO_NO_EVENTS: () => 'Intervallet for relativ risiko er udefinert: en gruppe har ingen hendelser (det brukes ingen kontinuitetskorreksjon).',
  ODDS_RATIO_ZERO_CELL: () => 'Oddsratioen er udefinert: en celle i 2×2-tabellen er null (det brukes ingen kontinuitetskorreksjon).',
  OFFICE_GROUP_EMPTY: (p) => `${p.office} har ingen ${usersNb(p.group)} med registrert utfall; p-verdien fra Fishers test er utelatt for kontoret.`,
  CMH_NO_INFORMATIVE_STRATA: () => 'Ingen strata har begge grupper og begge utfall, så Cochran–Mantel–Haenszel-testen er udefinert.',
  MH_OR_UNDEFINED: () => 'Alle strata har ad = bc = 0, så Mantel–Haenszel-oddsratioen er udefinert.',
  MH_OR_INFINITE: () => 'Alle strata har bc = 0, så Mantel–Haenszel-oddsratioen er uendelig.',
  MH_OR_ZERO: () => 'Alle strata har ad = 0, så Mantel–Haenszel-oddsratioen er 0 og intervallet er udefinert.',
  MH_RD_UNDEFINED: () => 'Ingen strata har begge grupper, så Mantel–Haenszel-risikodifferansen er udefinert.',
  MH_RD_VARIANCE_UNDEFINED: () => 'Satos varians for Mantel–Haenszel-risikodifferansen er negativ eller udefinert, så det oppgis ikke noe intervall.',
  MH_RD_ZERO_VARIANCE: () =>
    'Satos varians er null (ingen hendelser i noen av gruppene, eller bare hendelser), så intervallet har null bredde og sier ingenting.',
  BRESLOW_DAY_TOO_FEW_STRATA: () => 'Færre enn to strata har begge grupper og begge utfall, så homogenitet i oddsratioen kan ikke testes.',
  BRESLOW_DAY_OR_UNDEFINED: () => 'Mantel–Haenszel-oddsratioen er 0, uendelig eller udefinert, så Breslow–Day-testen er udefinert.',
  BRESLOW_DAY_UNDEFINED: () => 'En forventet celle er null, så Breslow–Day-testobservatoren er udefinert.',
  GCMH_EMPTY_CATEGORY: (p, f) =>
    `${rowsNb(p.rows, f)} og ${columnsNb(p.columns, f)} ble tatt ut før den generaliserte CMH-testen; frihetsgradene er redusert tilsvarende.`,
  GCMH_NO_INFORMATION: () => 'Færre enn to grupper eller to utfall forekommer, så den generaliserte CMH-testen er udefinert.',
  GCMH_SINGULAR_COVARIANCE: () =>
    'Kovariansmatrisen til den generaliserte CMH-testen er singulær (for eksempel mangler hvert stratum én gruppe), så testen er udefinert.',
  META_TOO_FEW: () => 'Færre enn to kontor har et estimat, så metaanalysen med tilfeldige effekter er udefinert.',
  META_NO_VARIANCE: () => 'Et kontor har ingen positiv utvalgsvarians, så metaanalysen med tilfeldige effekter er udefinert.',
  GLM_SINGULAR: () => 'De vektede normalligningene er singulære (kolineære kolonner eller fullstendig separasjon), så modellen kan ikke tilpasses.',
  GLM_NOT_CONVERGED: (p, f) => `Den logistiske regresjonen konvergerte ikke på ${f.count(p.iterations)} iterasjoner; estimatene er ikke pålitelige.`,
  GLM_FITTED_0_1: () => 'Tilpassede sannsynligheter på numerisk 0 eller 1 forekom: noen grupper predikeres perfekt (separasjon).',
  GLM_DIVERGING_COEFFICIENT: (p, f) =>
    `Koeffisienter divergerer (|estimat| > ${f.count(p.maxEstimate)} eller standardfeil > ${f.count(p.maxStandardError)}), et tegn på separasjon: ${f.list(p.columns.map(f.term))}.`,
  COUNSELLOR_IN_SEVERAL_OFFICES: (p, f) =>
    `${f.count(p.counsellors)} ${p.counsellors === 1 ? 'veileder-id finnes' : 'veileder-id-er finnes'} på mer enn ett kontor og regnes som én veileder (én klynge) hver. Hvis kontorene nummererer veilederne sine lokalt, må id-ene gjøres unike (for eksempel med kontoret foran) før gruppering på veileder.`,
  ADJUSTED_ONE_GROUP: () => 'Analyseutvalget mangler hybridbrukere eller som vanlig-brukere, så den justerte oddsratioen er udefinert.',
  ADJUSTED_COUNSELLOR_MISSING: (p, f) => `${f.count(p.persons)} ${p.persons === 1 ? 'person' : 'personer'} har ingen veileder; hver regnes som en egen klynge.`,
  ADJUSTED_GROUP_ALIASED: () =>
    'Gruppe er kolineær med de andre leddene (for eksempel hybridbrukere bare på kontor uten som vanlig-brukere), så den justerte oddsratioen er udefinert.',
  ADJUSTED_ALIASED_COLUMNS: (p, f) => `Kolineære ledd ble tatt ut: ${f.list(p.columns.map(f.term))} (R rapporterer dem som NA).`,
  ADJUSTED_UNRELIABLE: () =>
    'Den justerte modellen konvergerte ikke, eller gruppekoeffisienten divergerer (separasjon), så det rapporteres ingen justert oddsratio.',
  ADJUSTED_NO_ROBUST_SE: () => 'Færre enn to klynger, så ingen klyngerobust standardfeil kan beregnes.',
  ADJUSTED_FEW_CLUSTERS: (p, f) =>
    `Bare ${f.count(p.clusters)} ${clusterNb(p.clusterBy, p.clusters)} som klynger, og CR2-variansen kunne ikke beregnes; HC0-standardfeilene som vises, er trolig for små.`,
  PS_ONE_GROUP: () => 'Analyseutvalget mangler hybridbrukere eller som vanlig-brukere, så vekting med tilbøyelighetsskår er udefinert.',
  PS_OFFICE_ONE_GROUP: (p, f) =>
    `Kontor med bare én gruppe i utvalget: ${f.list(p.offices)}. Tilbøyelighetsskårene der er 0 eller 1, så de gir ingen sammenlignbare som vanlig-brukere.`,
  PS_NOT_CONVERGED: () => 'Tilbøyelighetsmodellen konvergerte ikke, så det rapporteres ikke noe vektet estimat.',
  PS_SEPARATION: () =>
    'Tilbøyelighetsmodellen skiller ut noen personer fullstendig (tilbøyelighetsskår på numerisk 0 eller 1); vektene til disse som vanlig-brukerne er nær 0, og estimatet bygger på de øvrige kontorene.',
  PS_FEW_CLUSTERS: () => 'Færre enn to klynger, så det oppgis ikke noe klyngerobust intervall.',
  PS_ZERO_VARIANCE: () => 'Det vektede utfallet har ingen variasjon, så det oppgis ikke noe intervall.',
  ATT_ONE_GROUP: () => 'Dataene mangler hybridbrukere eller som vanlig-brukere, så effekten for hybridbrukerne er udefinert.',
  ATT_TREATMENT_MODEL_FAILED: () => 'Tilbøyelighetsmodellen konvergerte ikke, så det oppgis ikke noe estimat.',
  ATT_OUTCOME_MODEL_FAILED: () => 'Utfallsmodellen konvergerte ikke, så det oppgis ikke noe estimat.',
  ATT_SINGULAR: () => 'En tilpasset modell har singulær informasjonsmatrise, så det oppgis ingen varians.',
  ATT_FEW_CLUSTERS: () => 'Færre enn to klynger, så det oppgis ingen varians.',
  PRIMARY_NO_OVERLAP: (p, f) =>
    `Kontor med hybridbrukere, men ingen som vanlig-brukere i utvalget: ${f.list(p.offices)}. Der finnes ingenting som viser hva oppfølging som vanlig gir, så det lages ikke noe hovedestimat.`,
  PRIMARY_FEW_CLUSTERS: (p, f) =>
    p.clusterBy === 'office'
      ? `Ingen veilederkolonne, så intervallet er gruppert på kontor (${f.count(p.clusters)} ${p.clusters === 1 ? 'klynge' : 'klynger'}) og er trolig for smalt.`
      : `Bare ${f.count(p.clusters)} ${clusterNb('counsellor', p.clusters)} som klynger, så intervallet er trolig for smalt.`,
  MULTINOM_SINGULAR: () =>
    'Informasjonsmatrisen til den multinomiske modellen er singulær (kolineære kolonner eller kolonner med bare nuller), så modellen kan ikke tilpasses.',
  MULTINOM_NOT_CONVERGED: (p, f) => `Den multinomiske regresjonen konvergerte ikke på ${f.count(p.iterations)} iterasjoner; estimatene er ikke pålitelige.`,
  MULTINOM_DIVERGING: (p, f) =>
    `Koeffisienter divergerer (|estimat| > ${f.count(p.maxEstimate)} eller standardfeil > ${f.count(p.maxStandardError)}), et tegn på separasjon (en kategori uten observasjoner i en gruppe): ${f.list(p.coefficients.map((c) => coefficientNb(c, f)))}.`,
  MULTINOMIAL_ONE_GROUP: () => 'Analyseutvalget mangler hybridbrukere eller som vanlig-brukere, så den multinomiske modellen er udefinert.',
  MULTINOMIAL_GROUP_ALIASED: () => 'Gruppe er kolineær med de andre leddene, så den multinomiske modellen er udefinert.',
  MULTINOMIAL_ONE_OUTCOME: () =>
    'Ingen i analyseutvalget endte i ingen av delene, eller ingen endte i noe annet utfall, så den multinomiske modellen er udefinert.',
  MULTINOMIAL_OUTCOME_ABSENT: (p, f) =>
    `Ingen i analyseutvalget endte i ${f.list(p.outcomes.map((o) => OUTCOME_NB[o]))}; modellen sammenligner de andre utfallene med ingen av delene.`,
  MULTINOMIAL_NOT_CONVERGED: () => 'Den multinomiske modellen konvergerte ikke, så det oppgis ingen relative risikoratioer.',
  MULTINOMIAL_FEW_CLUSTERS: () => 'Færre enn to klynger, så det oppgis ingen klyngerobuste intervaller.',
  MULTINOMIAL_SEPARATION: (p, f) =>
    `Gruppeeffekten på ${f.list(p.outcomes.map((o) => OUTCOME_NB[o]))} divergerer (ingen i en av gruppene nådde utfallet), så ratioen og testen av like effekter oppgis ikke.`,
  CLOGIT_NO_INFORMATIVE_STRATA: () =>
    'Ingen strata har både personer med og uten hendelsen, så den betingede likelihooden er konstant og ingenting kan estimeres.',
  CLOGIT_NOT_CONVERGED: (p, f) =>
    `Den betingede logistiske regresjonen konvergerte ikke på ${f.count(p.iterations)} iterasjoner; estimatene er ikke pålitelige.`,
  CLOGIT_SINGULAR: (p, f) =>
    `Informasjonsmatrisen er singulær: ingen informasjon innen strata for ${f.list(p.columns.map(f.term))} (konstant innen strata eller kolineær), så koeffisienten kan ikke estimeres.`,
  CLOGIT_DIVERGING: (p, f) =>
    `Log-likelihooden konvergerte før koeffisienten for ${f.list(p.columns.map(f.term))}: estimatet kan være uendelig (separasjon innen strata).`,
  CONDITIONAL_LOGISTIC_STRATA_TOO_LARGE: () =>
    'Veilederstrataene er for store for eksakt betinget likelihood (tusenvis av brukere per veileder), så det oppgis ingen betinget oddsratio; Mantel–Haenszel-estimatet per veileder står.',
  CONDITIONAL_LOGISTIC_UNRELIABLE: () =>
    'Den betingede logistiske modellen konvergerte ikke, eller gruppeeffekten har ingen informasjon eller divergerer innen veileder, så det oppgis ingen betinget oddsratio.',
  PERSONS_EXCLUDED_FROM_TIME: (p) =>
    `Noen personer er utelatt fra analysene av tid til utfall (${p.reasons.map((r) => EXCLUSION_NB[r]).join('; ')}); tabell 9 teller dem etter gruppe.`,
  NO_PERSONS_WITH_START_DATE: () => 'Ingen personer har en brukbar startdato, så det finnes ingen tid til utfall å analysere.',
  HORIZON_BEYOND_FOLLOW_UP: (p, f) => `Ingen ${userNb(p.group)} følges i ${monthsNb(p.months, f)}; den kumulative insidensen estimeres ikke der.`,
  END_AFTER_EXTRACTION: (p, f) =>
    `${f.count(p.persons)} ${p.persons === 1 ? 'person' : 'personer'} har et utfall registrert etter uttrekksdatoen og sensureres ved uttrekksdatoen.`,
  HAZARD_RATIO_NOT_ESTIMABLE: (p) =>
    `${p.model === 'causeSpecific' ? 'Den årsaksspesifikke hasardratioen' : 'Subdistribusjons-hasardratioen'} for arbeid eller utdanning er ikke estimert: den krever personer i begge grupper og minst én hendelse.`,
  COX_NO_EVENTS: () => 'Ingen har en hendelse, så den partielle likelihooden er konstant og ingenting kan estimeres.',
  COX_NOT_CONVERGED: (p, f) => `Cox-regresjonen konvergerte ikke på ${f.count(p.iterations)} iterasjoner; estimatene er ikke pålitelige.`,
  COX_SINGULAR: (p, f) =>
    `Informasjonsmatrisen er singulær: ${f.list(p.columns.map(f.term))} er konstant innen strata eller kolineær med andre kolonner, så koeffisienten kan ikke estimeres.`,
  COX_DIVERGING: (p, f) =>
    `Log-likelihooden konvergerte før koeffisienten for ${f.list(p.columns.map(f.term))}: estimatet kan være uendelig (monoton likelihood).`,
  FINE_GRAY_NO_EVENTS: () => 'Ingen har hendelsen som studeres, så Fine–Gray-modellen kan ikke estimeres.',
  FINE_GRAY_SINGULAR: () => 'Informasjonsmatrisen er singulær: en kovariat er konstant eller kolineær med andre, så Fine–Gray-modellen kan ikke tilpasses.',
  FINE_GRAY_NOT_CONVERGED: (p, f) => `Fine–Gray-regresjonen konvergerte ikke på ${f.count(p.iterations)} iterasjoner; estimatene er ikke pålitelige.`,
  GRAY_FEWER_THAN_TWO_GROUPS: (p, f) => `Grays test krever minst to grupper med personer, men har ${f.count(p.groups)}.`,
  GRAY_SINGULAR_VARIANCE: () => 'Skårkovariansen i Grays test er singulær, så testen er udefinert.',
  WEIGHTED_DIFFERENCE_COUNSELLOR_MISSING: (p, f) =>
    `${f.count(p.persons)} ${p.persons === 1 ? 'person' : 'personer'} har ingen veileder og er utelatt fra den vektede forskjellen (som fra Cox-modellen).`,
  WEIGHTED_DIFFERENCE_COUNSELLOR_IN_SEVERAL_OFFICES: (p, f) =>
    `${f.count(p.counsellors)} ${p.counsellors === 1 ? 'veileder-id finnes' : 'veileder-id-er finnes'} på mer enn ett kontor; bootstrap trekker hvert kontors del av en slik veileder som en egen klynge, slik at hvert kontor beholder sin størrelse.`,
  WEIGHTED_DIFFERENCE_NO_PERSONS: () => 'Ingen personer har en brukbar startdato og fullstendige kovariater, så det finnes ingen vektet forskjell.',
  WEIGHTED_DIFFERENCE_ONE_GROUP: () => 'Utvalget mangler hybridbrukere eller som vanlig-brukere, så den vektede forskjellen er udefinert.',
  WEIGHTED_DIFFERENCE_NO_OVERLAP: (p, f) =>
    `Kontor med bare én gruppe i utvalget: ${f.list(p.offices)}. Tilbøyelighetsskårene der er 0 eller 1, så de gir ingen sammenlignbare som vanlig-brukere.`,
  WEIGHTED_DIFFERENCE_FEW_CLUSTERS: (p, f) =>
    `Bare ${f.count(p.clusters)} ${clusterNb(p.clusterBy, p.clusters)} å trekke fra; med færre enn ${f.count(p.minimum)} klynger blir et klyngebootstrap-intervall gjerne for smalt.`,
  WEIGHTED_DIFFERENCE_SINGLE_CLUSTER_OFFICE: (p, f) =>
    `Kontor med én veileder: ${f.list(p.offices)}. Når det trekkes innen kontoret, trekkes den veilederen hver gang, så intervallet fanger ikke opp variasjonen mellom veiledere der.`,
  WEIGHTED_DIFFERENCE_PS_NOT_CONVERGED: () => 'Tilbøyelighetsmodellen konvergerte ikke, så det rapporteres ingen vektet forskjell.',
  WEIGHTED_DIFFERENCE_SEPARATION: () =>
    'Tilbøyelighetsmodellen skiller ut noen personer fullstendig (tilbøyelighetsskår på numerisk 0 eller 1); vektene til disse som vanlig-brukerne er nær 0, og estimatet bygger på de andre kontorene.',
  WEIGHTED_DIFFERENCE_HORIZON_BEYOND_FOLLOW_UP: (p, f) =>
    `Ingen ${userNb(p.group)} følges i ${monthsNb(p.months, f)}; den vektede forskjellen estimeres ikke der.`,
  WEIGHTED_DIFFERENCE_NOTHING_TO_RESAMPLE: (p) =>
    `${p.clusterBy === 'office' ? 'Hvert replikat trekker det ene kontoret' : 'Hvert kontor har én veileder'}, så klyngebootstrap har ingenting å trekke fra, og det oppgis ikke noe intervall.`,
  WEIGHTED_DIFFERENCE_EXTREME_ORDER_STATISTICS: () =>
    'For få bootstrap-replikater for et 95 % persentilintervall: endepunktene er det minste og det største replikatet.',
  WEIGHTED_DIFFERENCE_FAILED_REPLICATES: (p, f) =>
    `${f.count(p.failed)} av ${f.count(p.replicates)} bootstrap-replikater ga ikke noe estimat (tilbøyelighetsmodellen ble ikke tilpasset, eller en gruppe ble ikke fulgt fram til et tidspunkt) og er utelatt fra intervallet.`,
  WEIGHTED_DIFFERENCE_MANY_FAILED_REPLICATES: (p, f) =>
    `${f.count(p.failed)} av ${f.count(p.replicates)} bootstrap-replikater ga ikke noe estimat (tilbøyelighetsmodellen ble ikke tilpasset, eller en gruppe ble ikke fulgt fram til et tidspunkt) og er utelatt fra intervallet; med så mange bygger intervallet på et selektert utvalg av replikatene og kan være for smalt.`,
};

const usersNn = (g: Group) => (g === 'hybrid' ? 'hybridbrukarar' : 'som vanleg-brukarar');
const userNn = (g: Group) => (g === 'hybrid' ? 'hybridbrukar' : 'som vanleg-brukar');
const clusterNn = (by: ClusterBy, n: number) => (by === 'office' ? 'kontor' : n === 1 ? 'rettleiar' : 'rettleiarar');
const monthsNn = (months: number[], f: NumberWords) =>
  `${f.list(months.map((m) => f.count(m)))} ${months.length === 1 && months[0] === 1 ? 'månad' : 'månader'}`;
const OUTCOME_NN: Record<OutcomeName, string> = { job: 'jobb', apprenticeship: 'læreplass', education: 'utdanning', none: 'ingen av delane' };
const EXCLUSION_NN: Record<ExclusionReason, string> = {
  missingStartDate: 'utan startdato',
  endBeforeStart: 'sluttdato før startdato',
  startAfterExtraction: 'startdato etter uttrekksdatoen',
};
const rowsNn = (n: number, f: NumberWords) => `${f.count(n)} ${n === 1 ? 'tom rad' : 'tomme rader'}`;
const columnsNn = (n: number, f: NumberWords) => `${f.count(n)} ${n === 1 ? 'tom kolonne' : 'tomme kolonnar'}`;
const coefficientNn = (name: string, f: NumberWords) => coefficientWords(name, f, OUTCOME_NN);

const nn: WarningTemplates = {
  EMPTY_GROUP: (p) => `Ingen ${usersNn(p.group)} har registrert utfall; samanlikningane er udefinerte.`,
  EMPTY_CATEGORY_DROPPED: (p, f) => `${rowsNn(p.rows, f)} og ${columnsNn(p.columns, f)} vart tekne ut før kji-kvadrattesten.`,
  TOO_FEW_CATEGORIES: () => 'Kji-kvadrattesten krev minst to rader og to kolonnar som ikkje er tomme.',
  EXPECTED_BELOW_5: (p, f) =>
    `${f.count(p.cells)} ${p.cells === 1 ? 'celle' : 'celler'} har forventa tal under 5 (minste ${f.number(p.smallestExpected)}); kji-kvadrattilnærminga kan vere dårleg.`,
  SINGLE_TABLE: () => 'Færre enn to rader eller kolonnar som ikkje er tomme: berre éin tabell har desse marginalane, så p = 1.',
  FISHER_MONTE_CARLO: (p, f) =>
    `Fishers eksakte test vart estimert ved Monte Carlo (${f.count(p.replicates)} tabellar, frø ${p.seed}); eksakt oppteljing var ikkje mogleg.`,
  RATIO_EMPTY_GROUP: () => 'Forholdstalet er udefinert: ei gruppe har ingen personar.',
  RISK_RATIO_NO_EVENTS: () => 'Intervallet for relativ risiko er udefinert: ei gruppe har ingen hendingar (det blir ikkje brukt nokon kontinuitetskorreksjon).',
  ODDS_RATIO_ZERO_CELL: () => 'Oddsratioen er udefinert: ei celle i 2×2-tabellen er null (det blir ikkje brukt nokon kontinuitetskorreksjon).',
  OFFICE_GROUP_EMPTY: (p) => `${p.office} har ingen ${usersNn(p.group)} med registrert utfall; p-verdien frå Fishers test er utelaten for kontoret.`,
  CMH_NO_INFORMATIVE_STRATA: () => 'Ingen strata har begge gruppene og begge utfalla, så Cochran–Mantel–Haenszel-testen er udefinert.',
  MH_OR_UNDEFINED: () => 'Alle strata har ad = bc = 0, så Mantel–Haenszel-oddsratioen er udefinert.',
  MH_OR_INFINITE: () => 'Alle strata har bc = 0, så Mantel–Haenszel-oddsratioen er uendeleg.',
  MH_OR_ZERO: () => 'Alle strata har ad = 0, så Mantel–Haenszel-oddsratioen er 0 og intervallet er udefinert.',
  MH_RD_UNDEFINED: () => 'Ingen strata har begge gruppene, så Mantel–Haenszel-risikodifferansen er udefinert.',
  MH_RD_VARIANCE_UNDEFINED: () =>
    'Variansen til Sato for Mantel–Haenszel-risikodifferansen er negativ eller udefinert, så det blir ikkje oppgjeve noko intervall.',
  MH_RD_ZERO_VARIANCE: () =>
    'Variansen til Sato er null (ingen hendingar i nokon av gruppene, eller berre hendingar), så intervallet har null breidd og seier ingenting.',
  BRESLOW_DAY_TOO_FEW_STRATA: () => 'Færre enn to strata har begge gruppene og begge utfalla, så homogenitet i oddsratioen kan ikkje testast.',
  BRESLOW_DAY_OR_UNDEFINED: () => 'Mantel–Haenszel-oddsratioen er 0, uendeleg eller udefinert, så Breslow–Day-testen er udefinert.',
  BRESLOW_DAY_UNDEFINED: () => 'Ei forventa celle er null, så Breslow–Day-testobservatoren er udefinert.',
  GCMH_EMPTY_CATEGORY: (p, f) =>
    `${rowsNn(p.rows, f)} og ${columnsNn(p.columns, f)} vart tekne ut før den generaliserte CMH-testen; fridomsgradene er reduserte tilsvarande.`,
  GCMH_NO_INFORMATION: () => 'Færre enn to grupper eller to utfall finst i dataa, så den generaliserte CMH-testen er udefinert.',
  GCMH_SINGULAR_COVARIANCE: () =>
    'Kovariansmatrisa til den generaliserte CMH-testen er singulær (til dømes manglar kvart stratum éi gruppe), så testen er udefinert.',
  META_TOO_FEW: () => 'Færre enn to kontor har eit estimat, så metaanalysen med tilfeldige effektar er udefinert.',
  META_NO_VARIANCE: () => 'Eit kontor har ingen positiv utvalsvarians, så metaanalysen med tilfeldige effektar er udefinert.',
  GLM_SINGULAR: () => 'Dei vekta normallikningane er singulære (kolineære kolonnar eller fullstendig separasjon), så modellen kan ikkje tilpassast.',
  GLM_NOT_CONVERGED: (p, f) => `Den logistiske regresjonen konvergerte ikkje på ${f.count(p.iterations)} iterasjonar; estimata er ikkje pålitelege.`,
  GLM_FITTED_0_1: () => 'Tilpassa sannsyn på numerisk 0 eller 1 førekom: nokre grupper blir predikerte perfekt (separasjon).',
  GLM_DIVERGING_COEFFICIENT: (p, f) =>
    `Koeffisientar divergerer (|estimat| > ${f.count(p.maxEstimate)} eller standardfeil > ${f.count(p.maxStandardError)}), eit teikn på separasjon: ${f.list(p.columns.map(f.term))}.`,
  COUNSELLOR_IN_SEVERAL_OFFICES: (p, f) =>
    `${f.count(p.counsellors)} ${p.counsellors === 1 ? 'rettleiar-id finst' : 'rettleiar-id-ar finst'} på meir enn eitt kontor og blir rekna som éin rettleiar (éi klynge) kvar. Dersom kontora nummererer rettleiarane sine lokalt, må id-ane gjerast unike (til dømes med kontoret framfor) før gruppering på rettleiar.`,
  ADJUSTED_ONE_GROUP: () => 'Analyseutvalet manglar hybridbrukarar eller som vanleg-brukarar, så den justerte oddsratioen er udefinert.',
  ADJUSTED_COUNSELLOR_MISSING: (p, f) =>
    `${f.count(p.persons)} ${p.persons === 1 ? 'person' : 'personar'} har ingen rettleiar; kvar blir rekna som ei eiga klynge.`,
  ADJUSTED_GROUP_ALIASED: () =>
    'Gruppe er kolineær med dei andre ledda (til dømes hybridbrukarar berre på kontor utan som vanleg-brukarar), så den justerte oddsratioen er udefinert.',
  ADJUSTED_ALIASED_COLUMNS: (p, f) => `Kolineære ledd vart tekne ut: ${f.list(p.columns.map(f.term))} (R rapporterer dei som NA).`,
  ADJUSTED_UNRELIABLE: () =>
    'Den justerte modellen konvergerte ikkje, eller gruppekoeffisienten divergerer (separasjon), så det blir ikkje rapportert nokon justert oddsratio.',
  ADJUSTED_NO_ROBUST_SE: () => 'Færre enn to klynger, så ingen klyngerobust standardfeil kan reknast ut.',
  ADJUSTED_FEW_CLUSTERS: (p, f) =>
    `Berre ${f.count(p.clusters)} ${clusterNn(p.clusterBy, p.clusters)} som klynger, og CR2-variansen kunne ikkje reknast ut; HC0-standardfeila som blir viste, er truleg for små.`,
  PS_ONE_GROUP: () => 'Analyseutvalet manglar hybridbrukarar eller som vanleg-brukarar, så vekting med tilbøyelegheitsskår er udefinert.',
  PS_OFFICE_ONE_GROUP: (p, f) =>
    `Kontor med berre éi gruppe i utvalet: ${f.list(p.offices)}. Tilbøyelegheitsskårane der er 0 eller 1, så dei gjev ingen samanliknbare som vanleg-brukarar.`,
  PS_NOT_CONVERGED: () => 'Tilbøyelegheitsmodellen konvergerte ikkje, så det blir ikkje rapportert noko vekta estimat.',
  PS_SEPARATION: () =>
    'Tilbøyelegheitsmodellen skil ut nokre personar fullstendig (tilbøyelegheitsskår på numerisk 0 eller 1); vektene til desse som vanleg-brukarane er nær 0, og estimatet byggjer på dei andre kontora.',
  PS_FEW_CLUSTERS: () => 'Færre enn to klynger, så det blir ikkje oppgjeve noko klyngerobust intervall.',
  PS_ZERO_VARIANCE: () => 'Det vekta utfallet har ingen variasjon, så det blir ikkje oppgjeve noko intervall.',
  ATT_ONE_GROUP: () => 'Dataa manglar hybridbrukarar eller som vanleg-brukarar, så effekten for hybridbrukarane er udefinert.',
  ATT_TREATMENT_MODEL_FAILED: () => 'Tilbøyelegheitsmodellen konvergerte ikkje, så det blir ikkje oppgjeve noko estimat.',
  ATT_OUTCOME_MODEL_FAILED: () => 'Utfallsmodellen konvergerte ikkje, så det blir ikkje oppgjeve noko estimat.',
  ATT_SINGULAR: () => 'Ein tilpassa modell har singulær informasjonsmatrise, så det blir ikkje oppgjeve nokon varians.',
  ATT_FEW_CLUSTERS: () => 'Færre enn to klynger, så det blir ikkje oppgjeve nokon varians.',
  PRIMARY_NO_OVERLAP: (p, f) =>
    `Kontor med hybridbrukarar, men ingen som vanleg-brukarar i utvalet: ${f.list(p.offices)}. Der finst ingenting som viser kva oppfølging som vanleg gjev, så det blir ikkje laga noko hovudestimat.`,
  PRIMARY_FEW_CLUSTERS: (p, f) =>
    p.clusterBy === 'office'
      ? `Inga rettleiarkolonne, så intervallet er gruppert på kontor (${f.count(p.clusters)} ${p.clusters === 1 ? 'klynge' : 'klynger'}) og er truleg for smalt.`
      : `Berre ${f.count(p.clusters)} ${clusterNn('counsellor', p.clusters)} som klynger, så intervallet er truleg for smalt.`,
  MULTINOM_SINGULAR: () =>
    'Informasjonsmatrisa til den multinomiske modellen er singulær (kolineære kolonnar eller kolonnar med berre nullar), så modellen kan ikkje tilpassast.',
  MULTINOM_NOT_CONVERGED: (p, f) => `Den multinomiske regresjonen konvergerte ikkje på ${f.count(p.iterations)} iterasjonar; estimata er ikkje pålitelege.`,
  MULTINOM_DIVERGING: (p, f) =>
    `Koeffisientar divergerer (|estimat| > ${f.count(p.maxEstimate)} eller standardfeil > ${f.count(p.maxStandardError)}), eit teikn på separasjon (ein kategori utan observasjonar i ei gruppe): ${f.list(p.coefficients.map((c) => coefficientNn(c, f)))}.`,
  MULTINOMIAL_ONE_GROUP: () => 'Analyseutvalet manglar hybridbrukarar eller som vanleg-brukarar, så den multinomiske modellen er udefinert.',
  MULTINOMIAL_GROUP_ALIASED: () => 'Gruppe er kolineær med dei andre ledda, så den multinomiske modellen er udefinert.',
  MULTINOMIAL_ONE_OUTCOME: () =>
    'Ingen i analyseutvalet enda i ingen av delane, eller ingen enda i noko anna utfall, så den multinomiske modellen er udefinert.',
  MULTINOMIAL_OUTCOME_ABSENT: (p, f) =>
    `Ingen i analyseutvalet enda i ${f.list(p.outcomes.map((o) => OUTCOME_NN[o]))}; modellen samanliknar dei andre utfalla med ingen av delane.`,
  MULTINOMIAL_NOT_CONVERGED: () => 'Den multinomiske modellen konvergerte ikkje, så det blir ikkje oppgjeve nokon relative risikoratioar.',
  MULTINOMIAL_FEW_CLUSTERS: () => 'Færre enn to klynger, så det blir ikkje oppgjeve nokon klyngerobuste intervall.',
  MULTINOMIAL_SEPARATION: (p, f) =>
    `Gruppeeffekten på ${f.list(p.outcomes.map((o) => OUTCOME_NN[o]))} divergerer (ingen i ei av gruppene nådde utfallet), så ratioen og testen av like effektar blir ikkje oppgjevne.`,
  CLOGIT_NO_INFORMATIVE_STRATA: () =>
    'Ingen strata har både personar med og utan hendinga, så den betinga likelihooden er konstant og ingenting kan estimerast.',
  CLOGIT_NOT_CONVERGED: (p, f) => `Den betinga logistiske regresjonen konvergerte ikkje på ${f.count(p.iterations)} iterasjonar; estimata er ikkje pålitelege.`,
  CLOGIT_SINGULAR: (p, f) =>
    `Informasjonsmatrisa er singulær: ingen informasjon innanfor strata for ${f.list(p.columns.map(f.term))} (konstant innanfor strata eller kolineær), så koeffisienten kan ikkje estimerast.`,
  CLOGIT_DIVERGING: (p, f) =>
    `Log-likelihooden konvergerte før koeffisienten for ${f.list(p.columns.map(f.term))}: estimatet kan vere uendeleg (separasjon innanfor strata).`,
  CONDITIONAL_LOGISTIC_STRATA_TOO_LARGE: () =>
    'Rettleiarstrataa er for store for eksakt betinga likelihood (tusenvis av brukarar per rettleiar), så det blir ikkje oppgjeve nokon betinga oddsratio; Mantel–Haenszel-estimatet per rettleiar står ved lag.',
  CONDITIONAL_LOGISTIC_UNRELIABLE: () =>
    'Den betinga logistiske modellen konvergerte ikkje, eller gruppeeffekten har ingen informasjon eller divergerer innanfor rettleiar, så det blir ikkje oppgjeve nokon betinga oddsratio.',
  PERSONS_EXCLUDED_FROM_TIME: (p) =>
    `Nokre personar er utelatne frå analysane av tid til utfall (${p.reasons.map((r) => EXCLUSION_NN[r]).join('; ')}); tabell 9 tel dei etter gruppe.`,
  NO_PERSONS_WITH_START_DATE: () => 'Ingen personar har ein brukbar startdato, så det finst inga tid til utfall å analysere.',
  HORIZON_BEYOND_FOLLOW_UP: (p, f) => `Ingen ${userNn(p.group)} blir følgd i ${monthsNn(p.months, f)}; den kumulative insidensen blir ikkje estimert der.`,
  END_AFTER_EXTRACTION: (p, f) =>
    `${f.count(p.persons)} ${p.persons === 1 ? 'person' : 'personar'} har eit utfall registrert etter uttrekksdatoen og blir ${p.persons === 1 ? 'sensurert' : 'sensurerte'} ved uttrekksdatoen.`,
  HAZARD_RATIO_NOT_ESTIMABLE: (p) =>
    `${p.model === 'causeSpecific' ? 'Den årsaksspesifikke hasardratioen' : 'Subdistribusjons-hasardratioen'} for arbeid eller utdanning er ikkje estimert: han krev personar i begge gruppene og minst éi hending.`,
  COX_NO_EVENTS: () => 'Ingen har ei hending, så den partielle likelihooden er konstant og ingenting kan estimerast.',
  COX_NOT_CONVERGED: (p, f) => `Cox-regresjonen konvergerte ikkje på ${f.count(p.iterations)} iterasjonar; estimata er ikkje pålitelege.`,
  COX_SINGULAR: (p, f) =>
    `Informasjonsmatrisa er singulær: ${f.list(p.columns.map(f.term))} er konstant innanfor strata eller kolineær med andre kolonnar, så koeffisienten kan ikkje estimerast.`,
  COX_DIVERGING: (p, f) =>
    `Log-likelihooden konvergerte før koeffisienten for ${f.list(p.columns.map(f.term))}: estimatet kan vere uendeleg (monoton likelihood).`,
  FINE_GRAY_NO_EVENTS: () => 'Ingen har hendinga som blir studert, så Fine–Gray-modellen kan ikkje estimerast.',
  FINE_GRAY_SINGULAR: () => 'Informasjonsmatrisa er singulær: ein kovariat er konstant eller kolineær med andre, så Fine–Gray-modellen kan ikkje tilpassast.',
  FINE_GRAY_NOT_CONVERGED: (p, f) => `Fine–Gray-regresjonen konvergerte ikkje på ${f.count(p.iterations)} iterasjonar; estimata er ikkje pålitelege.`,
  GRAY_FEWER_THAN_TWO_GROUPS: (p, f) => `Grays test krev minst to grupper med personar, men har ${f.count(p.groups)}.`,
  GRAY_SINGULAR_VARIANCE: () => 'Skårkovariansen i Grays test er singulær, så testen er udefinert.',
  WEIGHTED_DIFFERENCE_COUNSELLOR_MISSING: (p, f) =>
    `${f.count(p.persons)} ${p.persons === 1 ? 'person har ingen rettleiar og er utelaten' : 'personar har ingen rettleiar og er utelatne'} frå den vekta skilnaden (som frå Cox-modellen).`,
  WEIGHTED_DIFFERENCE_COUNSELLOR_IN_SEVERAL_OFFICES: (p, f) =>
    `${f.count(p.counsellors)} ${p.counsellors === 1 ? 'rettleiar-id finst' : 'rettleiar-id-ar finst'} på meir enn eitt kontor; bootstrap trekkjer delen til kvart kontor av ein slik rettleiar som ei eiga klynge, slik at kvart kontor held på storleiken sin.`,
  WEIGHTED_DIFFERENCE_NO_PERSONS: () => 'Ingen personar har ein brukbar startdato og fullstendige kovariatar, så det finst ingen vekta skilnad.',
  WEIGHTED_DIFFERENCE_ONE_GROUP: () => 'Utvalet manglar hybridbrukarar eller som vanleg-brukarar, så den vekta skilnaden er udefinert.',
  WEIGHTED_DIFFERENCE_NO_OVERLAP: (p, f) =>
    `Kontor med berre éi gruppe i utvalet: ${f.list(p.offices)}. Tilbøyelegheitsskårane der er 0 eller 1, så dei gjev ingen samanliknbare som vanleg-brukarar.`,
  WEIGHTED_DIFFERENCE_FEW_CLUSTERS: (p, f) =>
    `Berre ${f.count(p.clusters)} ${clusterNn(p.clusterBy, p.clusters)} å trekkje frå; med færre enn ${f.count(p.minimum)} klynger blir eit klyngebootstrap-intervall gjerne for smalt.`,
  WEIGHTED_DIFFERENCE_SINGLE_CLUSTER_OFFICE: (p, f) =>
    `Kontor med éin rettleiar: ${f.list(p.offices)}. Når det blir trekt innanfor kontoret, blir den rettleiaren trekt kvar gong, så intervallet fangar ikkje opp variasjonen mellom rettleiarar der.`,
  WEIGHTED_DIFFERENCE_PS_NOT_CONVERGED: () => 'Tilbøyelegheitsmodellen konvergerte ikkje, så det blir ikkje rapportert nokon vekta skilnad.',
  WEIGHTED_DIFFERENCE_SEPARATION: () =>
    'Tilbøyelegheitsmodellen skil ut nokre personar fullstendig (tilbøyelegheitsskår på numerisk 0 eller 1); vektene til desse som vanleg-brukarane er nær 0, og estimatet byggjer på dei andre kontora.',
  WEIGHTED_DIFFERENCE_HORIZON_BEYOND_FOLLOW_UP: (p, f) =>
    `Ingen ${userNn(p.group)} blir følgd i ${monthsNn(p.months, f)}; den vekta skilnaden blir ikkje estimert der.`,
  WEIGHTED_DIFFERENCE_NOTHING_TO_RESAMPLE: (p) =>
    `${p.clusterBy === 'office' ? 'Kvart replikat trekkjer det eine kontoret' : 'Kvart kontor har éin rettleiar'}, så klyngebootstrap har ingenting å trekkje frå, og det blir ikkje oppgjeve noko intervall.`,
  WEIGHTED_DIFFERENCE_EXTREME_ORDER_STATISTICS: () =>
    'For få bootstrap-replikat for eit 95 % persentilintervall: endepunkta er det minste og det største replikatet.',
  WEIGHTED_DIFFERENCE_FAILED_REPLICATES: (p, f) =>
    `${f.count(p.failed)} av ${f.count(p.replicates)} bootstrap-replikat gav ikkje noko estimat (tilbøyelegheitsmodellen vart ikkje tilpassa, eller ei gruppe vart ikkje følgd fram til eit tidspunkt) og er utelatne frå intervallet.`,
  WEIGHTED_DIFFERENCE_MANY_FAILED_REPLICATES: (p, f) =>
    `${f.count(p.failed)} av ${f.count(p.replicates)} bootstrap-replikat gav ikkje noko estimat (tilbøyelegheitsmodellen vart ikkje tilpassa, eller ei gruppe vart ikkje følgd fram til eit tidspunkt) og er utelatne frå intervallet; med så mange byggjer intervallet på eit selektert utval av replikata og kan vere for smalt.`,
};

/** `outcome:term` (vcov(multinom)'s names) in words: "alder (jobb)"; another name as a term. */
function coefficientWords(name: string, f: NumberWords, outcomes: Record<OutcomeName, string>): string {
  const colon = name.indexOf(':');
  const outcome = name.slice(0, colon);
  if (colon === -1 || !Object.hasOwn(outcomes, outcome)) return f.term(name);
  return `${f.term(name.slice(colon + 1))} (${outcomes[outcome as OutcomeName]})`;
}

export const WARNING_TEMPLATES: Record<Lang, WarningTemplates> = { en, nb, nn };

/** Every code, in catalogue order: the schema's enum. */
export const WARNING_CODES = Object.keys(en) as WarningCode[];

function isWarningCode(code: string): code is WarningCode {
  return Object.hasOwn(en, code);
}

type Params = Record<string, number | string | readonly (number | string)[]>;

/** A report warning: its code from the catalogue, the values its message names, and where it applies. */
export interface CataloguedWarning {
  code: WarningCode;
  params: Params;
  /** Written from the catalogue in the report's language (English in the model). */
  message: string;
  /** Where in the report the warning applies, e.g. "workOrEducation.oddsRatio". */
  context: string;
}

/** A warning from the catalogue; a code outside it is a programming error, never skipped. */
export function cataloguedWarning(code: string, params: Params | undefined, context: string): CataloguedWarning {
  if (!isWarningCode(code)) throw new Error(`warning code ${code} is not in the catalogue (src/report/warningCatalogue.ts)`);
  const warning = { code, params: params ?? {}, message: '', context };
  warning.message = warningMessage(warning, 'en');
  return warning;
}

/**
 * Design terms in words: every column name the analyses give a model (adjusted.ts's designLayout,
 * covariateTerms, timeToOutcome's Cox and Fine–Gray columns, withinCounsellor's clogit columns);
 * `office<Name>` is the office's name.
 */
const NB_TERMS: Record<string, string> = {
  '(Intercept)': 'konstantleddet',
  grouphybrid: 'hybridmodellen',
  group: 'gruppe',
  hybrid: 'hybridmodellen',
  age: 'alder',
  gender: 'kjønn',
  genderF: 'kvinne',
  female: 'kvinne',
  prior_work: 'tidligere arbeid',
};
const NN_TERMS: Record<string, string> = {
  '(Intercept)': 'konstantleddet',
  grouphybrid: 'hybridmodellen',
  group: 'gruppe',
  hybrid: 'hybridmodellen',
  age: 'alder',
  gender: 'kjønn',
  genderF: 'kvinne',
  female: 'kvinne',
  prior_work: 'tidlegare arbeid',
};
const NUMBER_WORDS: Record<Lang, NumberWords> = {
  en: numberWords('en', 'and', {}),
  nb: numberWords('nb', 'og', NB_TERMS),
  nn: numberWords('nn', 'og', NN_TERMS),
};

function numberWords(lang: Lang, and: string, terms: Record<string, string>): NumberWords {
  const officeTerm = /^office(.+)$/;
  return {
    count: (n) => formatCount(n, lang),
    number: (x) => formatNumber(x, x === 0 || !Number.isFinite(x) ? 0 : Math.max(0, 2 - Math.floor(Math.log10(Math.abs(x)))), lang),
    list: (items) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`),
    term: (name) => (Object.hasOwn(terms, name) ? terms[name] : (officeTerm.exec(name)?.[1] ?? name)),
  };
}

/** The warning's message in a language, from its code and params. */
export function warningMessage(warning: { code: WarningCode; params: Params }, lang: Lang): string {
  const template = WARNING_TEMPLATES[lang][warning.code] as (p: Params, f: NumberWords) => string;
  return template(warning.params, NUMBER_WORDS[lang]);
}
