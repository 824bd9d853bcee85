import { describe, expect, it } from 'vitest';
import { WORDS, type Places, type Words } from '../../src/report/i18n.js';
import { TIME_WORDS, type TimeWords } from '../../src/report/i18nTime.js';
import { CHART_WORDS } from '../../src/report/render/html.js';

/**
 * Every Nynorsk dictionary is written out in Nynorsk: no Bokmål-only word form in any
 * string, nor in any text a template function makes from sample arguments.
 */

/**
 * Word forms that are Bokmål and never correct Nynorsk (Nynorsk in the comments). Words that
 * are right in both (mellom, eller, etter, fordi, kan, vekt, utfall, ingen …) are not here, nor is
 * også: Nynorsk allows it beside òg (this report writes òg).
 */
const BOKMAAL_ONLY = new Set([
  'ikke', // ikkje
  'hvis', // dersom, viss
  'hver', 'hvert', 'hverandre', // kvar, kvart, kvarandre
  'noen', 'noe', // nokon, noko
  'bare', // berre
  'fra', // frå
  'hvor', 'hva', 'hvem', 'hvordan', 'hvorfor', 'hvilken', 'hvilke', 'hvilket', // kor, kva, kven, korleis, kvifor, kva for
  'antall', 'antallet', // tal, talet
  'beregne', 'beregnet', 'beregning', 'beregninger', // rekne ut, rekna ut, utrekning
  'regnes', // reknast (regnet is Nynorsk too: the rain)
  'veileder', 'veilederen', 'veiledere', 'veilederne', 'veileders', // rettleiar …
  'bruker', 'brukeren', 'brukere', 'brukerne', // brukar … (bruker is Bokmål's noun; Nynorsk's verb form is brukar)
  'kontorer', 'kontorene', // kontor, kontora
  'ble', // vart, blei
  'mye', 'mer', 'meget', // mykje, meir
  'uten', 'utenfor', 'innen', 'innenfor', // utan, utanfor, innan, innanfor
  'hele', 'fortsatt', 'dataene', 'delene', 'deres', 'fikk', 'gikk', // heile, framleis, dataa, delane, deira, fekk, gjekk
  'nærmest', 'høyere', // nærast, høgare
  'tidligere', 'vanlig', 'vanlige', 'mulig', 'pålitelig', 'sannsynlig', 'gjennomsnittlig', // -leg
  'samlet', 'samlede', 'vektet', 'vektede', 'avrundet', 'prikket', 'skrevet', 'holdt', // samla, vekta, avrunda, prikka, skrive, halde (hoppet is Nynorsk too: the jump)
  'holdes', 'vises', 'leses', 'følges', 'publiseres', 'utelates', 'skjules', 'sammenlignes', // -ast / blir …
  'utvalg', 'utvalget', 'utvelgelse', 'utvelgelsen', // utval, utveljing
  'tabeller', 'kategorier', 'verdier', 'advarsler', 'advarslene', // tabellar, kategoriar, verdiar, åtvaringar
  'en', 'ett', // ein, eitt (et is Nynorsk too: eats)
]);
/** Bokmål spellings inside a word: hv- (kv-), sammen (saman), tegn (teikn), navn (namn), -het (-heit), -lig (-leg). */
const BOKMAAL_PATTERNS: readonly RegExp[] = [/^hv/, /^sammen/, /^uten/, /tegn/, /navn/, /^.{2,}het(en|er|ene)?$/, /^.{2,}hets.+/, /^.{2,}lig(e|t|ere|st|ste)?$/];

/** The Bokmål-only forms in a text, lower case, in order. */
function bokmaalForms(text: string): string[] {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  return words.filter((w) => BOKMAAL_ONLY.has(w) || BOKMAAL_PATTERNS.some((p) => p.test(w)));
}

/** For each template function of a dictionary, argument lists that reach each of its branches. */
type Samples<T> = {
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

const wordSamples: Samples<Words> = {
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

const timeSamples: Samples<TimeWords> = {
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
function texts(dictionary: object, samples: Record<string, unknown[][]>, prefix = ''): Array<[string, string]> {
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

const DICTIONARIES = {
  words: [WORDS, wordSamples],
  time: [TIME_WORDS, timeSamples],
  chart: [CHART_WORDS, {}],
} as const;

const found = (lang: 'nb' | 'nn') =>
  Object.entries(DICTIONARIES).flatMap(([name, [byLang, samples]]) =>
    texts(byLang[lang], samples as Record<string, unknown[][]>, `${name}.`)
      .map(([at, text]) => ({ at, forms: bokmaalForms(text) }))
      .filter((x) => x.forms.length > 0),
  );

describe('Nynorsk dictionaries', () => {
  it('recognise Bokmål-only forms and leave Nynorsk ones alone', () => {
    expect(bokmaalForms('Ikke registrert, hvis hver bruker')).toEqual(['ikke', 'hvis', 'hver', 'bruker']);
    expect(bokmaalForms('Skilletegn, kontornavnet, skjevhetskorrigerte, tidligere, sammenslåtte')).toHaveLength(5);
    expect(bokmaalForms('Ikkje registrert, dersom kvar brukar òg; også, mellom, eller, etter, fordi, vekt, utfall, største, regnet, hoppet, et')).toEqual([]);
  });

  it('find Bokmål in Bokmål (the walk reaches every kind of text)', () => {
    const places = new Set(found('nb').map((x) => x.at.split(/[.#]/)[0]));
    expect([...places].sort()).toEqual(['chart', 'time', 'words']);
    expect(found('nb').length).toBeGreaterThan(50);
  });

  it('hold no Bokmål-only word form, in any string or template output', () => {
    expect(found('nn')).toEqual([]);
  });

  it('are written out, not borrowed from Bokmål', () => {
    for (const [byLang] of Object.values(DICTIONARIES)) {
      for (const [key, value] of Object.entries(byLang.nn)) {
        if (typeof value === 'object' || typeof value === 'function') expect(value, key).not.toBe((byLang.nb as object as Record<string, unknown>)[key]);
      }
    }
  });
});
