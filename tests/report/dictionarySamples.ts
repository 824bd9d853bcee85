import type { Places, Words } from '../../src/report/i18n.js';
import type { TimeWords } from '../../src/report/i18nTime.js';

/**
 * Sample arguments for the template functions of the report's dictionaries (WORDS,
 * TIME_WORDS), reaching each branch, and a walk over every text of a dictionary.
 * Used by nynorsk.test.ts and noEnglish.test.ts.
 */

/** For each template function of a dictionary, argument lists that reach each of its branches. */
export type Samples<T> = {
  [K in keyof T as T[K] extends (...args: never[]) => string ? K : never]: T[K] extends (...args: infer A) => string ? A[] : never;
};

const places: Places = {
  places: [
    { file: 'a.csv', line: 5, workbook: false },
    { file: 'a.csv', line: 9, workbook: false },
    { file: 'b.xlsx', line: 3, workbook: true },
  ],
  more: true,
};
const onePlace: Places = { places: [{ file: 'a.csv', line: 5, workbook: false }], more: false };

export const wordSamples: Samples<Words> = {
  fnMultinomial: [
    ['y ~ x', 2321, 54, 'counsellor'],
    ['y ~ x', null, null, 'office'],
  ],
  fnMultinomialEqual: [
    ['2,37', 2, 'p = 0,306', false],
    ['9,10', 2, 'p = 0,011', true],
  ],
  fnCategoriesMerged: [[5]],
  fnConditionalLogistic: [
    ['y ~ x', 2321, 54, 54],
    ['y ~ x', null, null, null],
  ],
  fnEValueConditional: [
    ['1,96', '1,39', false],
    ['1,20', '1,00', true],
  ],
  fnCounsellor: [[1, 54]],
  fnChiSquare: [['23,11', 3, 'p < 0,001']],
  fnFisher: [['p < 0,001']],
  fnFisherMonteCarlo: [['p = 0,034', 10000, 20221110]],
  fnStrataMerged: [
    ['NAV A, NAV B', 7],
    ['NAV A, NAV B', 1],
  ],
  fnOfficeEmpty: [['NAV A']],
  fnOfficeEffects: [[8]],
  fnMdd: [['80', '5']],
  fnMeta: [
    [7, '0,000', '0,0', '1,57', 6, 'p = 0,955', '(1,60; 3,37)', true],
    [7, '0,000', '0,0', '1,57', 6, 'p = 0,955', '(1,60; 3,37)', false],
  ],
  fnMissingBounds: [['−2,0', '30,1']],
  fnEValue: [
    ['1,99', '1,34', false],
    ['1,20', '1,00', true],
  ],
  fnBreslowDay: [[0], [1], [2]],
  fnAdjusted: [
    ['y ~ x', 2321, 54, 'counsellor', null],
    ['y ~ x', null, 12, 'office', '9,4'],
  ],
  fnWeighted: [[2321], [null]],
  summaryPrimary: [
    [{ hybrid: '47,3', ifUsual: '34,9', difference: '12,4', differenceLow: '2,7', differenceHigh: '22,1', ratio: '1,36', ratioLow: '1,10', ratioHigh: '1,67' }],
  ],
  fnPrimary: [
    ['office + age', 2321, 54, 'counsellor', '1 266,4', '0,40'],
    ['office + age', null, null, 'office', ':', ':'],
  ],
  fnEValuePrimary: [
    ['2,05', '1,43', false],
    ['1,20', '1,00', true],
  ],
  fnInputNotesLeftOut: [[5]],
  fnRounding: [['som vanleg']],
  fnSuppressed: [
    [1, 5],
    [22, 5],
  ],
  fnAllowed: [['x, y']],
  fnRejected: [
    [1, 100],
    [3, 2408],
  ],
  quote: [['x']],
  moreRejectedRows: [[1], [2408]],
  fnSkippedFile: [['a.csv', 'x']],
  fnLinesBeforeHeader: [
    ['a.csv', 2, false, false],
    ['a.csv', 4, true, false],
    ['b.xlsx', 3, false, true],
  ],
  fnSheetsIgnored: [
    [1, ['b.xlsx']],
    [2, ['b.xlsx', 'c.xlsx']],
  ],
  fnValueMissing: [
    ['x', 1, onePlace],
    ['x', 3, places],
  ],
  fnUnknownLabel: [
    [1, 'x', 'y', onePlace, 'rejected'],
    [3, 'x', 'y', places, 'missing'],
  ],
  fnOfficeSpellings: [
    [
      'NAV A',
      [
        { spelling: 'Nav A', rows: 1 },
        { spelling: 'NAV  A', rows: 2 },
      ],
    ],
  ],
  fnOfficeNameEncoding: [
    [1, onePlace],
    [3, places],
  ],
  fnIdsInSeveralOffices: [
    [1, 'office'],
    [3, 'office'],
    [1, 'global'],
    [3, 'global'],
  ],
};

export const timeSamples: Samples<TimeWords> = {
  months: [[1], [6]],
  weightedDifference: [[6]],
  fnOrigin: [
    ['16.06.2024', true],
    ['16.06.2024', false],
    [null, false],
  ],
  fnExcluded: [['x 1 / 2']],
  fnCensored: [['3', '83']],
  fnMonthly: [[5]],
  fnMonthsLeftOut: [['x 3, 5']],
  fnCox: [
    ['x, y', '2 408', '689', '54', 'counsellor'],
    ['', '2 408', '689', '8', 'office'],
  ],
  fnFineGray: [['x, y'], ['']],
  fnWeighted: [
    ['2 408', '1 337,3', 999, '0', 20221110, 'counsellor'],
    ['2 408', '1 337,3', 999, '2', 20221110, 'office'],
  ],
  fnComparisonsWithheld: [[5]],
};

/** Every text of a dictionary, with where it comes from: strings, nested records, and each function's output for its samples. */
export function texts(dictionary: object, samples: Record<string, unknown[][]>, prefix = ''): Array<[string, string]> {
  return Object.entries(dictionary).flatMap(([key, value]): Array<[string, string]> => {
    const at = `${prefix}${key}`;
    if (typeof value === 'string') return [[at, value]];
    if (typeof value === 'function') {
      const calls = samples[key];
      if (calls === undefined || calls.length === 0) throw new Error(`no sample arguments for ${at}`);
      return calls.map((args, i) => [`${at}#${i}`, (value as (...a: unknown[]) => string)(...args)]);
    }
    if (value !== null && typeof value === 'object') return texts(value, samples, `${at}.`);
    throw new Error(`${at} is neither text, a record nor a template`);
  });
}
