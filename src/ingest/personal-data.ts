import { createRequire } from 'node:module';
import { matchKey } from './normalise.js';
import { DIRECT_IDENTIFIER_HEADERS } from './synonyms.js';

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

const IDENTIFIER_HEADERS = new Set(DIRECT_IDENTIFIER_HEADERS.map(matchKey));

/** True when a header names a direct identifier (name, address, phone, e-mail, fnr …). */
export function isDirectIdentifierHeader(header: string): boolean {
  return IDENTIFIER_HEADERS.has(matchKey(header));
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
