import { describe, expect, it } from 'vitest';
import { WORDS } from '../../src/report/i18n.js';
import { TIME_WORDS } from '../../src/report/i18nTime.js';
import { CHART_WORDS } from '../../src/report/render/figures.js';
import { INPUT_MESSAGES } from '../../src/report/inputMessages.js';
import { warningMessage, type WarningCode } from '../../src/report/warningCatalogue.js';
import { texts, timeSamples, wordSamples } from './dictionarySamples.js';
import { NOTICE_SAMPLES, REJECTION_SAMPLES, SKIP_SAMPLES, WARNING_SAMPLES } from './messageSamples.js';

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
  'hver',
  'hvert',
  'hverandre', // kvar, kvart, kvarandre
  'noen',
  'noe', // nokon, noko
  'bare', // berre
  'fra', // frå
  'hvor',
  'hva',
  'hvem',
  'hvordan',
  'hvorfor',
  'hvilken',
  'hvilke',
  'hvilket', // kor, kva, kven, korleis, kvifor, kva for
  'antall',
  'antallet', // tal, talet
  'beregne',
  'beregnet',
  'beregning',
  'beregninger', // rekne ut, rekna ut, utrekning
  'regnes', // reknast (regnet is Nynorsk too: the rain)
  'veileder',
  'veilederen',
  'veiledere',
  'veilederne',
  'veileders', // rettleiar …
  'bruker',
  'brukeren',
  'brukere',
  'brukerne', // brukar … (bruker is Bokmål's noun; Nynorsk's verb form is brukar)
  'kontorer',
  'kontorene', // kontor, kontora
  'ble', // vart, blei
  'mye',
  'mer',
  'meget', // mykje, meir
  'uten',
  'utenfor',
  'innen',
  'innenfor', // utan, utanfor, innan, innanfor
  'hele',
  'fortsatt',
  'dataene',
  'delene',
  'deres',
  'fikk',
  'gikk', // heile, framleis, dataa, delane, deira, fekk, gjekk
  'nærmest',
  'høyere', // nærast, høgare
  'tidligere',
  'vanlig',
  'vanlige',
  'mulig',
  'pålitelig',
  'sannsynlig',
  'gjennomsnittlig', // -leg
  'samlet',
  'samlede',
  'vektet',
  'vektede',
  'avrundet',
  'prikket',
  'skrevet',
  'holdt', // samla, vekta, avrunda, prikka, skrive, halde (hoppet is Nynorsk too: the jump)
  'holdes',
  'vises',
  'leses',
  'følges',
  'publiseres',
  'utelates',
  'skjules',
  'sammenlignes', // -ast / blir …
  'utvalg',
  'utvalget',
  'utvelgelse',
  'utvelgelsen', // utval, utveljing
  'tabeller',
  'kategorier',
  'verdier',
  'advarsler',
  'advarslene', // tabellar, kategoriar, verdiar, åtvaringar
  'en',
  'ett', // ein, eitt (et is Nynorsk too: eats)
]);
/** Bokmål spellings inside a word: hv- (kv-), sammen (saman), tegn (teikn), navn (namn), -het (-heit), -lig (-leg). */
const BOKMAAL_PATTERNS: readonly RegExp[] = [
  /^hv/,
  /^sammen/,
  /^uten/,
  /tegn/,
  /navn/,
  /^.{2,}het(en|er|ene)?$/,
  /^.{2,}hets.+/,
  /^.{2,}lig(e|t|ere|st|ste)?$/,
];

/** The Bokmål-only forms in a text, lower case, in order. */
function bokmaalForms(text: string): string[] {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  return words.filter((w) => BOKMAAL_ONLY.has(w) || BOKMAAL_PATTERNS.some((p) => p.test(w)));
}

/** Every input message of a language, from the sample params, with its code. */
function inputMessages(lang: 'nb' | 'nn'): Array<[string, string]> {
  const all = (templates: object, samples: object) =>
    Object.entries(samples).flatMap(([code, list]) =>
      (list as unknown[]).map((p): [string, string] => [code, (templates as Record<string, (x: unknown) => string>)[code](p)]),
    );
  const m = INPUT_MESSAGES[lang];
  return [...all(m.rejections, REJECTION_SAMPLES), ...all(m.skippedFiles, SKIP_SAMPLES), ...all(m.notices, NOTICE_SAMPLES)];
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

  it('nor do the warnings, rejected rows, skipped files and notices, for every code', () => {
    const forms = (lang: 'nb' | 'nn') =>
      [
        ...Object.entries(WARNING_SAMPLES).flatMap(([code, samples]) =>
          samples.map((params) => ({ at: code, forms: bokmaalForms(warningMessage({ code: code as WarningCode, params }, lang)) })),
        ),
        ...inputMessages(lang).map(([at, text]) => ({ at, forms: bokmaalForms(text) })),
      ].filter((x) => x.forms.length > 0);
    expect(forms('nn')).toEqual([]);
    expect(forms('nb').length).toBeGreaterThan(50);
  });

  it('are written out, not borrowed from Bokmål', () => {
    for (const [byLang] of Object.values(DICTIONARIES)) {
      for (const [key, value] of Object.entries(byLang.nn)) {
        if (typeof value === 'object' || typeof value === 'function') expect(value, key).not.toBe((byLang.nb as object as Record<string, unknown>)[key]);
      }
    }
  });
});
