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
  EXPECTED_BELOW_5: (p, f) => `${f.count(p.cells)} cell(s) have an expected count below 5 (minimum ${f.number(p.smallestExpected)}); the chi-square approximation may be poor.`,
  SINGLE_TABLE: () => 'Fewer than two non-empty rows or columns: only one table has these margins, so p = 1.',
  FISHER_MONTE_CARLO: (p, f) => `Fisher's exact test was estimated by Monte Carlo (${f.count(p.replicates)} tables, seed ${p.seed}); exact enumeration was not feasible.`,
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
  GCMH_EMPTY_CATEGORY: (p, f) => `${f.count(p.rows)} empty row(s) and ${f.count(p.columns)} empty column(s) were dropped before the generalised CMH test; its degrees of freedom are reduced accordingly.`,
  GCMH_NO_INFORMATION: () => 'Fewer than two groups or two outcomes occur, so the generalised CMH test is undefined.',
  GCMH_SINGULAR_COVARIANCE: () => 'The covariance matrix of the generalised CMH test is singular (e.g. every stratum lacks one group), so the test is undefined.',
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
  ADJUSTED_GROUP_ALIASED: () => 'Group is collinear with the other terms (e.g. hybrid users only in offices without usual users), so the adjusted odds ratio is undefined.',
  ADJUSTED_ALIASED_COLUMNS: (p, f) => `Collinear term(s) were dropped: ${f.list(p.columns.map(f.term))} (R reports them as NA).`,
  ADJUSTED_UNRELIABLE: () => 'The adjusted model did not converge or the group coefficient diverges (separation), so no adjusted odds ratio is reported.',
  ADJUSTED_NO_ROBUST_SE: () => 'Fewer than two clusters, so no cluster-robust standard error can be computed.',
  ADJUSTED_FEW_CLUSTERS: (p) =>
    `Only ${p.clusters} ${clusterEn(p.clusterBy, p.clusters)} as clusters, and the CR2 variance could not be computed; the HC0 standard errors shown are likely too small.`,
  PS_ONE_GROUP: () => 'The analysis sample lacks hybrid or usual users, so propensity weighting is undefined.',
  PS_OFFICE_ONE_GROUP: (p, f) => `Office(s) with only one group in the sample: ${f.list(p.offices)}. Their propensity scores are 0 or 1, so they add no comparable usual users.`,
  PS_NOT_CONVERGED: () => 'The propensity model did not converge, so no weighted estimate is reported.',
  PS_SEPARATION: () => 'The propensity model separates some persons (propensity scores numerically 0 or 1); weights of those usual users are near 0 and the estimate rests on the remaining offices.',
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
  END_AFTER_EXTRACTION: (p, f) => `${f.count(p.persons)} persons have an outcome registered after the extraction date; they are censored at the extraction date.`,
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
  WEIGHTED_DIFFERENCE_EXTREME_ORDER_STATISTICS: () => 'Too few bootstrap replicates for a 95 % percentile interval: its ends are the smallest and largest replicate.',
  WEIGHTED_DIFFERENCE_FAILED_REPLICATES: (p, f) =>
    `${f.count(p.failed)} of ${f.count(p.replicates)} bootstrap replicates gave no estimate (propensity model not fitted, or a group not followed to a horizon) and are left out of the interval.`,
  WEIGHTED_DIFFERENCE_MANY_FAILED_REPLICATES: (p, f) =>
    `${f.count(p.failed)} of ${f.count(p.replicates)} bootstrap replicates gave no estimate (propensity model not fitted, or a group not followed to a horizon) and are left out of the interval; with this many, the interval rests on a selected subset of replicates and may be too narrow.`,
};

export const WARNING_TEMPLATES: Record<Lang, WarningTemplates> = { en, nb: en, nn: en };

/** Every code, in catalogue order: the schema's enum. */
export const WARNING_CODES = Object.keys(en) as WarningCode[];

export function isWarningCode(code: string): code is WarningCode {
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

const NB_TERMS = { age: 'alder', gender: 'kjønn', genderF: 'kvinne', female: 'kvinne', prior_work: 'tidligere arbeid', hybrid: 'hybridmodellen' };
const NUMBER_WORDS: Record<Lang, NumberWords> = {
  en: numberWords('en', 'and', {}),
  nb: numberWords('nb', 'og', NB_TERMS),
  nn: numberWords('nn', 'og', { ...NB_TERMS, prior_work: 'tidlegare arbeid' }),
};

function numberWords(lang: Lang, and: string, terms: Record<string, string>): NumberWords {
  const officeTerm = /^office(.+)$/;
  return {
    count: (n) => formatCount(n, lang),
    number: (x) => formatNumber(x, x === 0 || !Number.isFinite(x) ? 0 : Math.max(0, 2 - Math.floor(Math.log10(Math.abs(x)))), lang),
    list: (items) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`),
    term: (name) => terms[name] ?? officeTerm.exec(name)?.[1] ?? name,
  };
}

/** The warning's message in a language, from its code and params. */
export function warningMessage(warning: { code: WarningCode; params: Params }, lang: Lang): string {
  const template = WARNING_TEMPLATES[lang][warning.code] as (p: Params, f: NumberWords) => string;
  return template(warning.params, NUMBER_WORDS[lang]);
}
