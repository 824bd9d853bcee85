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
    hybrid: ['hybridmodell', 'hybridmodellen', 'hybrid model', 'tett oppfølging', 'tett oppfylging', 'intervention', 'intervensjon'],
    usual: ['as usual', 'som vanlig', 'som vanleg', 'vanlig', 'vanleg', 'ordinær', 'ordinær oppfølging', 'control', 'kontroll', 'comparison'],
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
 * Headers that name a direct identifier: a file with such a column is refused.
 * Matched on the whole header after matchKey; the word lists below match by word.
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

/*
 * Matching by word (isDirectIdentifierHeader): the header after matchKey is split
 * into words at anything but letters and digits ("Tlf.", "Navn (fullt)", "e-post/telefon").
 */

/** A word that names a direct identifier wherever it stands ("Brukers tlf", "fnr_2"). */
export const DIRECT_IDENTIFIER_WORDS = [
  'fornavn',
  'etternavn',
  'mellomnavn',
  'førenamn',
  'fornamn',
  'etternamn',
  'mellomnamn',
  'firstname',
  'lastname',
  'fullname',
  'surname',
  'username',
  'telefon',
  'telefonnr',
  'telefonnummer',
  'telephone',
  'tlf',
  'tlfnr',
  'mobil',
  'mobilnr',
  'mobilnummer',
  'mobiltelefon',
  'mobile',
  'phone',
  'email',
  'epost',
  'mail',
  'fnr',
  'fødselsnummer',
  'fodselsnummer',
  'fødselsnr',
  'fodselsnr',
  'personnummer',
  'personnr',
  'ssn',
  'dnr',
  'hnr',
];

/**
 * Words that name an identifier unless the header is about an office or another
 * organisation ("kontor navn", "office name", "navn på NAV-kontor"): see NOT_PERSON_WORDS.
 */
export const WEAK_IDENTIFIER_WORDS = ['navn', 'namn', 'name', 'adresse', 'address'];

/** Words that make a weak identifier word name an organisation, not a person. */
export const NOT_PERSON_WORDS = [
  'kontor',
  'kontoret',
  'navkontor',
  'enhet',
  'enheten',
  'eining',
  'eininga',
  'office',
  'unit',
  'team',
  'avdeling',
  'department',
  'tiltak',
  'program',
  'programme',
  'kommune',
  'municipality',
  'bydel',
  'fylke',
  'county',
  'region',
  'arbeidsgiver',
  'arbeidsgjevar',
  'employer',
  'bedrift',
  'company',
  'skole',
  'school',
  'kurs',
  'course',
];

/** Words that keep a weak identifier word about a person even beside an organisation word. */
export const PERSON_WORDS = [
  'bruker',
  'brukeren',
  'brukar',
  'brukaren',
  'deltaker',
  'deltakeren',
  'deltakar',
  'deltakaren',
  'person',
  'personen',
  'kandidat',
  'klient',
  'user',
  'participant',
  'client',
  'full',
  'fullt',
  'first',
  'last',
  'privat',
  'private',
  'hjemme',
  'home',
];

/** Phrases (whole words, in order) that name a direct identifier. */
export const DIRECT_IDENTIFIER_PHRASES = [
  'e post',
  'e mail',
  'fullt navn',
  'fullt namn',
  'brukers navn',
  'brukaren sitt namn',
  'full name',
  'first name',
  'last name',
  'user name',
  'phone number',
  'telephone number',
  'mobile number',
  'd nummer',
  'h nummer',
  'social security',
];

/** Stems of compounds in -navn/-namn that name a person (brukernavn, etternavn, veiledernavn). */
const PERSON_NAME_STEMS = [
  'bruker',
  'brukar',
  'deltaker',
  'deltakar',
  'person',
  'kandidat',
  'klient',
  'kunde',
  'pasient',
  'elev',
  'etter',
  'for',
  'føre',
  'mellom',
  'kalle',
  'pike',
  'full',
  'fullt',
  'veileder',
  'rettleiar',
  'kontaktperson',
  'pårørende',
  'pårørande',
  'foresatt',
  'verge',
];

/**
 * Compound words ending in a suffix that name an identifier when the stem before
 * it is about a person (brukernavn, hjemmeadresse, telefonnummer). A linking
 * `s` or `e` after the stem is allowed (brukersnavn, fødselsnr). Other stems are
 * not identifiers: kontornavn, enhetsnavn, løpenummer, nettadresse.
 */
export const IDENTIFIER_COMPOUND_STEMS: Record<string, string[]> = {
  navn: PERSON_NAME_STEMS,
  namn: PERSON_NAME_STEMS,
  adresse: [
    'hjemme',
    'heime',
    'post',
    'bosted',
    'bustad',
    'bo',
    'privat',
    'gate',
    'folkeregister',
    'folkeregistrert',
    'epost',
    'mail',
    'email',
    'ip',
    'kontakt',
    'bruker',
    'brukar',
    'deltaker',
    'deltakar',
    'person',
  ],
  nummer: ['telefon', 'tlf', 'mobil', 'person', 'fødsel', 'fodsel', 'd', 'h', 'pass', 'konto', 'trygd', 'kontakt'],
  nr: ['telefon', 'tlf', 'mobil', 'person', 'fødsel', 'fodsel', 'f', 'd', 'h', 'pass', 'konto', 'trygd', 'kontakt'],
};

/** Word beginnings that name a contact detail (telefonnr, mobiltelefon, epostadresse, tlf2). */
export const DIRECT_IDENTIFIER_PREFIXES = ['telefon', 'tlf', 'mobil', 'epost', 'email', 'phone'];

/** Words with such a beginning that are not contact details (mobilitet, telefonmøter, telefonisk). */
export const NOT_IDENTIFIER_PREFIXES = [
  'mobilit',
  'mobilis',
  'telefonisk',
  'telefonmøt',
  'telefonmot',
  'telefonoppfølg',
  'telefonoppfylg',
  'telefonveiled',
  'telefonrettleiing',
  'telefontid',
  'telefonsamtal',
];
