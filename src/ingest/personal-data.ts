import { createRequire } from 'node:module';
import { matchKey } from './normalise.js';
import {
  DIRECT_IDENTIFIER_HEADERS,
  DIRECT_IDENTIFIER_PHRASES,
  DIRECT_IDENTIFIER_PREFIXES,
  DIRECT_IDENTIFIER_WORDS,
  IDENTIFIER_COMPOUND_STEMS,
  NOT_IDENTIFIER_PREFIXES,
  NOT_PERSON_WORDS,
  PERSON_WORDS,
  WEAK_IDENTIFIER_WORDS,
} from './synonyms.js';

/**
 * Eleven digits not part of a longer digit run, optionally split after the
 * birth date as `DDMMYY NNNNN` or `DDMMYY-NNNNN` (also with U+00A0 or a dash variant).
 */
const CANDIDATE = /(?<!\d)(\d{6})[ \u00A0\-\u2010-\u2015\u2212]?(\d{5})(?!\d)/g;
const SIX_DIGITS = /\d{6}/;

type Idnr = (value: string) => { status: string; type?: string };
let validator: Idnr | undefined;
/** NAV's validator, loaded only when some text holds a candidate. */
function idnr(value: string): { status: string; type?: string } {
  validator ??= (createRequire(import.meta.url)('@navikt/fnrvalidator') as { idnr: Idnr }).idnr;
  return validator(value);
}

const KIND: Record<string, string> = {
  fnr: 'a national identity number (fødselsnummer)',
  dnr: 'a D-number',
  hnr: 'an H-number',
  tnr: 'a synthetic test identity number',
  'dnr-and-hnr': 'a D-number',
  'dnr-and-tnr': 'a synthetic D-number',
};

/**
 * Describes the first valid Norwegian identity number (fnr, D-, H- or synthetic
 * number, with the 2032 checksum rule, by NAV's own validator) inside `text`,
 * or returns null. Never returns the number itself.
 */
export function findIdentityNumber(text: string): string | null {
  if (text.length < 11 || !SIX_DIGITS.test(text)) return null;
  CANDIDATE.lastIndex = 0;
  for (let match = CANDIDATE.exec(text); match !== null; match = CANDIDATE.exec(text)) {
    const result = idnr(match[1] + match[2]);
    if (result.status === 'valid') return KIND[result.type ?? ''] ?? 'an identity number';
  }
  return null;
}

/** The header vocabulary as match keys, made on the first header checked, not at start-up. */
let headerWords:
  | {
      headers: Set<string>;
      words: Set<string>;
      weak: Set<string>;
      organisation: Set<string>;
      person: Set<string>;
      phrases: string[];
      compounds: (readonly [string, Set<string>])[];
    }
  | undefined;
function vocabulary(): NonNullable<typeof headerWords> {
  headerWords ??= {
    headers: new Set(DIRECT_IDENTIFIER_HEADERS.map(matchKey)),
    words: new Set(DIRECT_IDENTIFIER_WORDS.map(matchKey)),
    weak: new Set(WEAK_IDENTIFIER_WORDS.map(matchKey)),
    organisation: new Set(NOT_PERSON_WORDS.map(matchKey)),
    person: new Set(PERSON_WORDS.map(matchKey)),
    phrases: DIRECT_IDENTIFIER_PHRASES.map((phrase) => ` ${matchKey(phrase)} `),
    compounds: Object.entries(IDENTIFIER_COMPOUND_STEMS).map(([suffix, stems]) => [suffix, new Set(stems.map(matchKey))] as const),
  };
  return headerWords;
}
const WORD_SEPARATOR = /[^\p{L}\p{N}]+/u;

/** `word`, or `word` without a trailing linking letter, is in `set` (brukers → bruker). */
function inSet(set: ReadonlySet<string>, word: string, linking: RegExp): boolean {
  return set.has(word) || (linking.test(word) && set.has(word.slice(0, -1)));
}

/** One word of a header that names an identifier by itself, as a compound or by its beginning. */
function isIdentifierWord(word: string): boolean {
  const { words: IDENTIFIER_WORDS, compounds: COMPOUNDS } = vocabulary();
  if (IDENTIFIER_WORDS.has(word)) return true;
  if (NOT_IDENTIFIER_PREFIXES.some((prefix) => word.startsWith(prefix))) return false;
  if (DIRECT_IDENTIFIER_PREFIXES.some((prefix) => word.startsWith(prefix))) return true;
  for (const [suffix, stems] of COMPOUNDS) {
    if (word.length > suffix.length && word.endsWith(suffix)) {
      if (inSet(stems, word.slice(0, -suffix.length), /[se]$/)) return true;
    }
  }
  return false;
}

/**
 * True when a header names a direct identifier (name, address, phone, e-mail,
 * fnr …): the whole header is one of DIRECT_IDENTIFIER_HEADERS, or, word by word
 * (split at anything but letters and digits after matchKey), it holds an
 * identifier phrase or word, a person compound (brukernavn, hjemmeadresse,
 * telefonnummer), a contact-detail beginning (telefon…, mobil…), or a bare
 * navn/name/adresse/address that is not about an organisation ("kontor navn").
 * Office and unit names and the ids mapped as canonical columns are not identifiers.
 */
export function isDirectIdentifierHeader(header: string): boolean {
  const { headers: IDENTIFIER_HEADERS, phrases: PHRASES, weak: WEAK_WORDS, organisation: ORGANISATION_WORDS, person: PERSON } = vocabulary();
  const key = matchKey(header);
  if (IDENTIFIER_HEADERS.has(key)) return true;
  const words = key.split(WORD_SEPARATOR).filter((word) => word !== '');
  const joined = ` ${words.join(' ')} `;
  if (IDENTIFIER_HEADERS.has(joined.trim()) || PHRASES.some((phrase) => joined.includes(phrase))) return true;
  if (words.some(isIdentifierWord)) return true;
  if (!words.some((word) => WEAK_WORDS.has(word))) return false;
  const organisation = words.some((word) => inSet(ORGANISATION_WORDS, word, /s$/));
  return !organisation || words.some((word) => inSet(PERSON, word, /s$/));
}

/**
 * Offsets in `text` of every valid identity number, in one regex pass over the
 * whole text. A candidate never spans a delimiter, quote or line break, so each
 * lies inside one cell, and a cell holds one exactly when its record's span
 * holds an offset found here: the reader then scans that record cell by cell.
 */
export function identityNumberOffsets(text: string): number[] {
  const offsets: number[] = [];
  const candidate = CANDIDATE;
  candidate.lastIndex = 0;
  for (let match = candidate.exec(text); match !== null; match = candidate.exec(text)) {
    if (idnr(match[1] + match[2]).status === 'valid') offsets.push(match.index);
  }
  return offsets;
}

/*
 * Phone numbers (Norwegian, FIELD-NOTES): 8 digits, the first 2–9, optionally
 * after +47 or 0047 (and a space), unbroken or grouped 3-2-3, 2-2-2-2 or 4-4 by a
 * space or U+00A0. Never across a delimiter, quote or line break, and never glued
 * to a letter, digit, `_`, `@`, `#`, `+` or dash: the separators `;` `,` tab `"`
 * and line breaks are neither matched nor looked at as neighbours, so a hit lies
 * inside one cell and a cell on its own gives the same answer as in the file.
 * That is why a decimal comma cannot be told apart (`0,91234567` is a hit);
 * a decimal point can (`12345678.5`, `0.12345678` are not).
 * Grouped numbers are not part of a longer run of spaced digits ("1234 5678 9012").
 * Unbroken 8-digit dates (yyyymmdd, ddmmyyyy, 19xx/20xx) are not phone numbers.
 * An 8-digit pseudonymous id (`40012345`) IS a hit here; the file reader lets it
 * pass in the id columns only (isBareEightDigitId).
 */
const DASHES = String.raw`\-\u2010-\u2015\u2212`;
const NOT_AFTER = String.raw`(?<![\p{L}\p{N}_@#+${DASHES}]|\p{N}[.:])`;
const NOT_BEFORE = String.raw`(?![\p{L}\p{N}_@${DASHES}]|[.:]\p{N})`;
/** After the first digit: 3-2-3, 2-2-2-2 or 4-4, not continued by another spaced group. */
const GROUPED = String.raw`(?:\d{2}[ \u00A0]\d{2}[ \u00A0]\d{3}|\d[ \u00A0]\d{2}[ \u00A0]\d{2}[ \u00A0]\d{2}|\d{3}[ \u00A0]\d{4})(?![ \u00A0]\p{N})`;
const DAY = String.raw`(?:0[1-9]|[12]\d|3[01])`;
const MONTH = '(?:0[1-9]|1[0-2])';
const YEAR = String.raw`(?:19|20)\d\d`;
const DATE8 = `(?:${YEAR}${MONTH}${DAY}|${DAY}${MONTH}${YEAR})`;
const PHONE_SOURCE =
  String.raw`${NOT_AFTER}(?:(?:\+|00)47[ \u00A0]?[2-9](?:\d{7}|${GROUPED})` +
  String.raw`|(?<!\p{N}[ \u00A0])(?:(?!${DATE8})[2-9]\d{7}|[2-9]${GROUPED}))${NOT_BEFORE}`;
/** The phone and combined patterns, made on first use: compiling their Unicode classes is left out of start-up. */
let phonePattern: RegExp | undefined;
let idOrPhonePattern: RegExp | undefined;
const PHONE = (): RegExp => (phonePattern ??= new RegExp(PHONE_SOURCE, 'u'));

/** Identity-number candidates (group 1 and 2) or phone numbers, in one pass. */
const ID_OR_PHONE = (): RegExp => (idOrPhonePattern ??= new RegExp(`${CANDIDATE.source}|${PHONE_SOURCE}`, 'gu'));

/*
 * E-mail addresses: local@domain.tld, the local part of letters (incl. æøå),
 * digits and `._%+-`, domain labels of letters, digits and inner hyphens, and a
 * top-level domain of 2+ letters. Found from each `@` (indexOf), so a file
 * without one costs one scan; a lone `@` or "@home" is none.
 */
const EMAIL_LOCAL_CHAR = /[\p{L}\p{N}._%+-]/u;
const EMAIL_DOMAIN = /(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+\p{L}{2,}(?![\p{L}\p{N}_-]|\.[\p{L}\p{N}])/uy;

function isEmailLocalChar(code: number): boolean {
  if (code < 0x80) {
    return (
      (code >= 0x61 && code <= 0x7a) || // a-z
      (code >= 0x41 && code <= 0x5a) || // A-Z
      (code >= 0x30 && code <= 0x39) || // 0-9
      code === 0x2e ||
      code === 0x5f ||
      code === 0x25 ||
      code === 0x2b ||
      code === 0x2d // . _ % + -
    );
  }
  return EMAIL_LOCAL_CHAR.test(String.fromCharCode(code));
}

/** Start offsets of the e-mail addresses in `text`, ascending; stops after the first when `first`. */
function emailOffsets(text: string, first: boolean): number[] {
  const offsets: number[] = [];
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && isEmailLocalChar(text.charCodeAt(start - 1))) start--;
    if (start === at) continue;
    EMAIL_DOMAIN.lastIndex = at + 1;
    if (!EMAIL_DOMAIN.test(text)) continue;
    offsets.push(start);
    if (first) break;
  }
  return offsets;
}

/**
 * Describes the first personal data found inside `text` (a cell or free text):
 * an identity number (as findIdentityNumber, checked first), a Norwegian phone
 * number or an e-mail address; null when there is none. Never returns the value.
 */
export function findPersonalData(text: string): string | null {
  const identityNumber = findIdentityNumber(text);
  if (identityNumber !== null) return identityNumber;
  if (text.length >= 8 && MAY_HOLD_PHONE.test(text) && PHONE().test(text)) return PHONE_NUMBER;
  if (text.length >= 6 && emailOffsets(text, true).length > 0) return 'an e-mail address';
  return null;
}

/** Two ascending lists merged into one, without repeats. */
function mergeAscending(a: number[], b: number[]): number[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const merged: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i++] : b[j++];
    if (merged.length === 0 || merged[merged.length - 1] !== next) merged.push(next);
  }
  return merged;
}

/**
 * Offsets (ascending) in a whole file's text of every valid identity number,
 * phone number and e-mail address: one regex pass for identity numbers and phone
 * numbers, and one indexOf('@') pass. As with identityNumberOffsets, no hit spans
 * a delimiter, quote or line break, and findPersonalData finds something in a
 * cell exactly when its record's span holds an offset found here.
 */
export function personalDataOffsets(text: string): number[] {
  const offsets: number[] = [];
  const pattern = ID_OR_PHONE();
  // The exact pattern (Unicode classes, lookarounds) is slow over a whole file. Every
  // identity or phone number holds a run of 8 digits, 6 digits, a dash and a digit, or a
  // digit, a space and a digit, which two plain patterns find fast (one pattern with both
  // is slower). The exact one then runs on the cell around each such
  // place only: no hit spans a cell's bounds.
  const hints = mergeAscending(matchOffsets(DIGIT_RUN, text), matchOffsets(SPACED_DIGITS, text));
  let done = 0;
  for (const hint of hints) {
    if (hint < done) continue;
    const start = Math.max(done, cellStart(text, hint));
    const end = cellEnd(text, hint + 1);
    const cell = text.slice(start, end);
    pattern.lastIndex = 0;
    for (let match = pattern.exec(cell); match !== null; match = pattern.exec(cell)) {
      if (match[1] === undefined || idnr(match[1] + match[2]).status === 'valid') {
        offsets.push(start + match.index);
      } else {
        pattern.lastIndex = match.index + 1; // an invalid candidate hides nothing, but look again to be sure
      }
    }
    done = end;
  }
  return mergeAscending(offsets, emailOffsets(text, false));
}

/** What findPersonalData says of a phone number. */
export const PHONE_NUMBER = 'a phone number';

/**
 * An id column's cell that is 8 bare digits: a pseudonym format as common as it is
 * alike to an unbroken phone number. In person_id and counsellor_id it is taken as
 * an id; a phone number written as one (+47, 0047, grouped by spaces) is still refused.
 */
export function isBareEightDigitId(cell: string): boolean {
  return /^\s*\d{8}\s*$/.test(cell);
}

/** Text that may hold a phone number: 8 digits in a row, or a digit, a space and a digit. */
const MAY_HOLD_PHONE = /\d{8}|\d[ \u00A0]\d/;

/** Places that may hold an identity or phone number (see personalDataOffsets). */
const DIGIT_RUN = /(?<!\d)\d{6}(?:\d\d|[-\u2010-\u2015\u2212]\d)/g;
const SPACED_DIGITS = /\d[ \u00A0]\d/g;

function matchOffsets(pattern: RegExp, text: string): number[] {
  const offsets: number[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) offsets.push(match.index);
  return offsets;
}

/** Characters no hit spans: delimiters, quotes and line breaks. */
function isCellBound(code: number): boolean {
  return code === 10 || code === 13 || code === 34 || code === 59 || code === 44 || code === 9;
}

function cellStart(text: string, from: number): number {
  let i = from;
  while (i > 0 && !isCellBound(text.charCodeAt(i - 1))) i--;
  return i;
}

function cellEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && !isCellBound(text.charCodeAt(i))) i++;
  return i;
}
