import type { CanonicalColumn, LabelledColumn } from './types.js';

export type Language = 'en' | 'nb' | 'nn';
const EN: Language[] = ['en'];
const NB: Language[] = ['nb'];
const NN: Language[] = ['nn'];
const NO: Language[] = ['nb', 'nn'];
const ANY: Language[] = ['en', 'nb', 'nn'];

/** Built-in header synonyms (besides the canonical names), with the languages they belong to. */
export const COLUMN_SYNONYMS: Record<CanonicalColumn, [string, Language[]][]> = {
  person_id: [
    ['id', ANY],
    ['bruker_id', NB],
    ['brukar_id', NN],
    ['deltaker_id', NB],
    ['deltakar_id', NN],
    ['lopenummer', NO],
    ['løpenummer', NO],
  ],
  office: [
    ['kontor', NO],
    ['nav_kontor', NO],
    ['navkontor', NO],
    ['enhet', NB],
    ['eining', NN],
  ],
  counsellor_id: [
    ['counselor_id', EN],
    ['veileder', NB],
    ['veileder_id', NB],
    ['rettleiar', NN],
    ['rettleiar_id', NN],
  ],
  group: [
    ['gruppe', NO],
    ['arm', EN],
    ['modell', NO],
  ],
  outcome: [
    ['utfall', NO],
    ['resultat', NO],
    ['status', ANY],
    ['sluttstatus', NO],
  ],
  age: [['alder', NO]],
  gender: [
    ['sex', EN],
    ['kjønn', NO],
    ['kjonn', NO],
  ],
  prior_work: [
    ['tidligere_arbeid', NB],
    ['tidlegare_arbeid', NN],
    ['arbeidserfaring', NO],
  ],
  start_date: [
    ['startdato', NO],
    ['oppstart', NO],
    ['inntaksdato', NO],
  ],
  end_date: [
    ['sluttdato', NO],
    ['avslutningsdato', NO],
    ['utfallsdato', NO],
  ],
};

/** Built-in value synonyms per labelled column (canonical values are always accepted too). */
export const VALUE_SYNONYMS: { [C in LabelledColumn]: Record<string, string[]> } = {
  group: {
    hybrid: [
      'hybridmodell',
      'hybridmodellen',
      'hybrid model',
      'tett oppfølging',
      'tett oppfylging',
      'intervention',
      'intervensjon',
    ],
    usual: [
      'as usual',
      'som vanlig',
      'som vanleg',
      'vanlig',
      'vanleg',
      'ordinær',
      'ordinær oppfølging',
      'control',
      'kontroll',
      'comparison',
    ],
  },
  outcome: {
    job: ['jobb', 'arbeid', 'i arbeid', 'employment', 'employed', 'work'],
    apprenticeship: ['læreplass', 'lærling', 'lærekandidat', 'apprentice'],
    education: ['utdanning', 'skole', 'school', 'studies'],
    none: ['ingen', 'ingenting', 'ikke i aktivitet', 'ikkje i aktivitet', 'no outcome'],
  },
  gender: {
    F: ['K', 'kvinne', 'female', 'woman'],
    M: ['mann', 'male', 'man'],
  },
  prior_work: {
    '1': ['ja', 'yes', 'y', 'true'],
    '0': ['nei', 'no', 'n', 'false'],
  },
};

/**
 * Headers that name a direct identifier: a file with such a column is refused
 * (matched on the whole header after matchKey).
 */
export const DIRECT_IDENTIFIER_HEADERS = [
  'navn',
  'name',
  'fornavn',
  'etternavn',
  'mellomnavn',
  'fullt navn',
  'full name',
  'first name',
  'last name',
  'surname',
  'adresse',
  'address',
  'postadresse',
  'bostedsadresse',
  'telefon',
  'telefonnummer',
  'tlf',
  'phone',
  'phone number',
  'mobil',
  'mobilnummer',
  'mobile',
  'e post',
  'epost',
  'e postadresse',
  'email',
  'e mail',
  'fnr',
  'fødselsnummer',
  'fodselsnummer',
  'fødselsnr',
  'personnummer',
  'personnr',
  'dnr',
  'd nummer',
];
