import type { NoticeFacts } from '../../src/ingest/messages.js';
import type { NoticeCode, RejectionCode, RejectionParams, SkipCode, SkipParams } from '../../src/ingest/types.js';
import type { WarningCode, WarningParams } from '../../src/report/warningCatalogue.js';

/**
 * Sample params for every warning, rejection, skipped file and notice, reaching each
 * template's branches (one and many, counsellor and office, each group, each reason).
 * Typed by the catalogues, so a new code without a sample is a compile error.
 */

const columns = ['grouphybrid', 'officeBodø', 'age', 'genderF', 'prior_work', 'female', 'hybrid', 'group', 'gender', '(Intercept)'];

export const WARNING_SAMPLES: { [C in WarningCode]: WarningParams[C][] } = {
  EMPTY_GROUP: [{ group: 'hybrid' }, { group: 'usual' }],
  EMPTY_CATEGORY_DROPPED: [
    { rows: 1, columns: 1 },
    { rows: 2, columns: 0 },
  ],
  TOO_FEW_CATEGORIES: [{}],
  EXPECTED_BELOW_5: [
    { cells: 1, smallestExpected: 0.4321 },
    { cells: 3, smallestExpected: 2.5 },
  ],
  SINGLE_TABLE: [{}],
  FISHER_MONTE_CARLO: [{ replicates: 100000, seed: 20221110 }],
  RATIO_EMPTY_GROUP: [{}],
  RISK_RATIO_NO_EVENTS: [{}],
  ODDS_RATIO_ZERO_CELL: [{}],
  OFFICE_GROUP_EMPTY: [
    { office: 'NAV Bodø', group: 'hybrid' },
    { office: 'NAV Vadsø', group: 'usual' },
  ],
  CMH_NO_INFORMATIVE_STRATA: [{}],
  MH_OR_UNDEFINED: [{}],
  MH_OR_INFINITE: [{}],
  MH_OR_ZERO: [{}],
  MH_RD_UNDEFINED: [{}],
  MH_RD_VARIANCE_UNDEFINED: [{}],
  MH_RD_ZERO_VARIANCE: [{}],
  BRESLOW_DAY_TOO_FEW_STRATA: [{}],
  BRESLOW_DAY_OR_UNDEFINED: [{}],
  BRESLOW_DAY_UNDEFINED: [{}],
  GCMH_EMPTY_CATEGORY: [
    { rows: 1, columns: 1 },
    { rows: 0, columns: 2 },
  ],
  GCMH_NO_INFORMATION: [{}],
  GCMH_SINGULAR_COVARIANCE: [{}],
  META_TOO_FEW: [{}],
  META_NO_VARIANCE: [{}],
  GLM_SINGULAR: [{}],
  GLM_NOT_CONVERGED: [{ iterations: 25 }],
  GLM_FITTED_0_1: [{}],
  GLM_DIVERGING_COEFFICIENT: [
    { columns: ['grouphybrid'], maxEstimate: 10, maxStandardError: 100 },
    { columns, maxEstimate: 10, maxStandardError: 100 },
  ],
  COUNSELLOR_IN_SEVERAL_OFFICES: [{ counsellors: 1 }, { counsellors: 12 }],
  ADJUSTED_ONE_GROUP: [{}],
  ADJUSTED_COUNSELLOR_MISSING: [{ persons: 1 }, { persons: 1234 }],
  ADJUSTED_GROUP_ALIASED: [{}],
  ADJUSTED_ALIASED_COLUMNS: [{ columns: ['officeTromsø'] }, { columns }],
  ADJUSTED_UNRELIABLE: [{}],
  ADJUSTED_NO_ROBUST_SE: [{}],
  ADJUSTED_FEW_CLUSTERS: [
    { clusters: 1, clusterBy: 'office' },
    { clusters: 4, clusterBy: 'office' },
    { clusters: 1, clusterBy: 'counsellor' },
    { clusters: 7, clusterBy: 'counsellor' },
  ],
  PS_ONE_GROUP: [{}],
  PS_OFFICE_ONE_GROUP: [{ offices: ['NAV Bodø'] }, { offices: ['NAV Bodø', 'NAV Vadsø', 'NAV Alta'] }],
  PS_NOT_CONVERGED: [{}],
  PS_SEPARATION: [{}],
  PS_FEW_CLUSTERS: [{}],
  PS_ZERO_VARIANCE: [{}],
  ATT_ONE_GROUP: [{}],
  ATT_TREATMENT_MODEL_FAILED: [{}],
  ATT_OUTCOME_MODEL_FAILED: [{}],
  ATT_SINGULAR: [{}],
  ATT_FEW_CLUSTERS: [{}],
  PRIMARY_NO_OVERLAP: [{ offices: ['NAV Bodø'] }, { offices: ['NAV Bodø', 'NAV Vadsø'] }],
  PRIMARY_FEW_CLUSTERS: [
    { clusters: 1, clusterBy: 'office' },
    { clusters: 3, clusterBy: 'office' },
    { clusters: 9, clusterBy: 'counsellor' },
  ],
  MULTINOM_SINGULAR: [{}],
  MULTINOM_NOT_CONVERGED: [{ iterations: 100 }],
  MULTINOM_DIVERGING: [
    { coefficients: ['apprenticeship:grouphybrid'], maxEstimate: 10, maxStandardError: 100 },
    {
      coefficients: ['job:(Intercept)', 'education:officeBodø', 'apprenticeship:age', 'job:genderF', 'education:prior_work'],
      maxEstimate: 10,
      maxStandardError: 100,
    },
  ],
  MULTINOMIAL_ONE_GROUP: [{}],
  MULTINOMIAL_GROUP_ALIASED: [{}],
  MULTINOMIAL_ONE_OUTCOME: [{}],
  MULTINOMIAL_OUTCOME_ABSENT: [{ outcomes: ['apprenticeship'] }, { outcomes: ['job', 'apprenticeship', 'education'] }],
  MULTINOMIAL_NOT_CONVERGED: [{}],
  MULTINOMIAL_FEW_CLUSTERS: [{}],
  MULTINOMIAL_SEPARATION: [{ outcomes: ['education'] }, { outcomes: ['job', 'apprenticeship'] }],
  CLOGIT_NO_INFORMATIVE_STRATA: [{}],
  CLOGIT_NOT_CONVERGED: [{ iterations: 30 }],
  CLOGIT_SINGULAR: [{ columns: ['group'] }, { columns: ['age', 'gender', 'prior_work'] }],
  CLOGIT_DIVERGING: [{ columns: ['group'] }, { columns: ['gender', 'prior_work'] }],
  CONDITIONAL_LOGISTIC_STRATA_TOO_LARGE: [{}],
  CONDITIONAL_LOGISTIC_UNRELIABLE: [{}],
  PERSONS_EXCLUDED_FROM_TIME: [{ reasons: ['missingStartDate'] }, { reasons: ['missingStartDate', 'endBeforeStart', 'startAfterExtraction'] }],
  NO_PERSONS_WITH_START_DATE: [{}],
  HORIZON_BEYOND_FOLLOW_UP: [
    { group: 'hybrid', months: [1] },
    { group: 'usual', months: [12, 24] },
  ],
  END_AFTER_EXTRACTION: [{ persons: 1 }, { persons: 7 }],
  HAZARD_RATIO_NOT_ESTIMABLE: [{ model: 'causeSpecific' }, { model: 'subdistribution' }],
  COX_NO_EVENTS: [{}],
  COX_NOT_CONVERGED: [{ iterations: 20 }],
  COX_SINGULAR: [{ columns: ['hybrid'] }, { columns: ['age', 'female', 'prior_work'] }],
  COX_DIVERGING: [{ columns: ['hybrid'] }, { columns: ['female', 'officeBodø'] }],
  FINE_GRAY_NO_EVENTS: [{}],
  FINE_GRAY_SINGULAR: [{}],
  FINE_GRAY_NOT_CONVERGED: [{ iterations: 50 }],
  GRAY_FEWER_THAN_TWO_GROUPS: [{ groups: 1 }, { groups: 0 }],
  GRAY_SINGULAR_VARIANCE: [{}],
  WEIGHTED_DIFFERENCE_COUNSELLOR_MISSING: [{ persons: 1 }, { persons: 40 }],
  WEIGHTED_DIFFERENCE_COUNSELLOR_IN_SEVERAL_OFFICES: [{ counsellors: 1 }, { counsellors: 3 }],
  WEIGHTED_DIFFERENCE_NO_PERSONS: [{}],
  WEIGHTED_DIFFERENCE_ONE_GROUP: [{}],
  WEIGHTED_DIFFERENCE_NO_OVERLAP: [{ offices: ['NAV Bodø'] }, { offices: ['NAV Bodø', 'NAV Alta'] }],
  WEIGHTED_DIFFERENCE_FEW_CLUSTERS: [
    { clusters: 1, clusterBy: 'office', minimum: 20 },
    { clusters: 6, clusterBy: 'counsellor', minimum: 20 },
  ],
  WEIGHTED_DIFFERENCE_SINGLE_CLUSTER_OFFICE: [{ offices: ['NAV Bodø'] }, { offices: ['NAV Bodø', 'NAV Vadsø'] }],
  WEIGHTED_DIFFERENCE_PS_NOT_CONVERGED: [{}],
  WEIGHTED_DIFFERENCE_SEPARATION: [{}],
  WEIGHTED_DIFFERENCE_HORIZON_BEYOND_FOLLOW_UP: [
    { group: 'usual', months: [1] },
    { group: 'hybrid', months: [6, 12, 24] },
  ],
  WEIGHTED_DIFFERENCE_NOTHING_TO_RESAMPLE: [{ clusterBy: 'office' }, { clusterBy: 'counsellor' }],
  WEIGHTED_DIFFERENCE_EXTREME_ORDER_STATISTICS: [{}],
  WEIGHTED_DIFFERENCE_FAILED_REPLICATES: [{ failed: 1, replicates: 999 }],
  WEIGHTED_DIFFERENCE_MANY_FAILED_REPLICATES: [{ failed: 120, replicates: 999 }],
};

const named = { header: 'Modell', position: 3, beyondHeader: false };
const unnamed = { header: null, position: 7, beyondHeader: false };
const beyond = { header: null, position: 12, beyondHeader: true };

export const REJECTION_SAMPLES: { [C in RejectionCode]: RejectionParams[C][] } = {
  FIELD_COUNT: [{ fields: 12, columns: 10 }],
  REQUIRED_EMPTY: [
    { column: named, field: 'group', value: '' },
    { column: unnamed, field: 'person_id', value: 'NA' },
    { column: beyond, field: 'office', value: '#N/A' },
  ],
  TOTAL_ROW: [{}],
  UNKNOWN_GROUP: [{ column: named, label: 'Pilot' }],
  UNKNOWN_OUTCOME: [{ column: unnamed, label: 'Ukjent' }],
  CONFLICTING_ID: [
    {
      rows: 2,
      places: [
        { file: 'a.csv', line: 4 },
        { file: 'b.csv', line: 9 },
      ],
      more: 0,
      scope: 'office',
    },
    { rows: 7, places: [1, 2, 3, 4, 5].map((line) => ({ file: 'a.csv', line })), more: 2, scope: 'global' },
  ],
  MALFORMED_CSV: [
    { reason: 'quoteNotClosed', parserCode: null },
    { reason: 'invalidClosingQuote', parserCode: null },
    { reason: 'invalidOpeningQuote', parserCode: null },
    { reason: 'unreadable', parserCode: null },
  ],
};

export const SKIP_SAMPLES: { [C in SkipCode]: SkipParams[C][] } = {
  HIDDEN: [{ kind: 'file' }, { kind: 'folder' }],
  LOCK_FILE: [{}],
  NOT_A_DATA_FILE: [{ extension: '.docx' }, { extension: null }],
  OWN_OUTPUT: [{ writtenBy: 'thisRun' }, { writtenBy: 'earlierRun' }],
  NO_HEADER: [{ lines: 20 }],
};

const first = [
  { file: 'a.csv', line: 5 },
  { file: 'b.xlsx', line: 3 },
];

export const NOTICE_SAMPLES: { [C in NoticeCode]: NoticeFacts<C>[] } = {
  INVALID_AGE: [
    { params: {}, column: 'age', count: 1, examples: first.slice(0, 1) },
    { params: {}, column: 'age', count: 14, examples: first },
  ],
  INVALID_DATE: [
    { params: {}, column: 'start_date', count: 2, examples: first },
    { params: {}, column: 'end_date', count: 1, examples: first.slice(0, 1) },
  ],
  UNKNOWN_GENDER: [{ params: {}, column: 'gender', count: 3, examples: first }],
  UNKNOWN_PRIOR_WORK: [{ params: {}, column: 'prior_work', count: 1, examples: first.slice(0, 1) }],
  OFFICE_SPELLINGS_MERGED: [
    {
      params: {
        office: 'NAV Bodø',
        spellings: [
          { spelling: 'Nav Bodø', rows: 12 },
          { spelling: 'BODØ', rows: 1 },
        ],
      },
      column: 'office',
      count: 34,
      examples: [],
    },
  ],
  OFFICE_NAME_ENCODING: [
    { params: { spelling: 'NAV BodÃ¸', damage: 'mojibake', resolution: 'repaired', into: '' }, column: 'office', count: 4, examples: first },
    {
      params: { spelling: 'NAV Bod\uFFFD', damage: 'replacement', resolution: 'merged', into: 'NAV Bodø' },
      column: 'office',
      count: 1,
      examples: first.slice(0, 1),
    },
    { params: { spelling: 'NAV V\uFFFDds\uFFFD', damage: 'replacement', resolution: 'keptApart', into: '' }, column: 'office', count: 2, examples: first },
  ],
  ID_IN_SEVERAL_OFFICES: [{ params: {}, column: 'person_id', count: 1240, examples: [] }],
  SHEETS_IGNORED: [{ params: { file: 'c.xlsx', sheet: 'Ark1', ignored: ['Ark2', 'Ark3'] }, column: null, count: 2, examples: [{ file: 'c.xlsx', line: 1 }] }],
  LINES_BEFORE_HEADER: [
    { params: { file: 'a.csv', headerLine: 2, sepLine: false }, column: null, count: 1, examples: [{ file: 'a.csv', line: 1 }] },
    { params: { file: 'a.csv', headerLine: 2, sepLine: true }, column: null, count: 1, examples: [{ file: 'a.csv', line: 1 }] },
    { params: { file: 'a.csv', headerLine: 4, sepLine: true }, column: null, count: 1, examples: [{ file: 'a.csv', line: 1 }] },
  ],
};
