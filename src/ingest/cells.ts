import type { Vocabulary } from './mapping.js';
import { matchKey } from './normalise.js';
import { officeKey } from './office.js';
import { detached } from './personIndex.js';
import type { LabelledColumn } from './types.js';
import { isNotAvailable, MAX_AGE, MIN_AGE, parseAge, parseDate } from './values.js';

/**
 * Cell parsers for one run. Each returns null for an empty cell and undefined for
 * a value it cannot read. Memoised on the raw cell, which also makes repeated
 * office and counsellor names share one string.
 */
export interface CellParsers {
  clean: (raw: string) => string;
  /** Office key of a cleaned office name (see officeKey). */
  officeKey: (clean: string) => string;
  labels: Record<LabelledColumn, (raw: string) => string | null | undefined>;
  age: (raw: string) => number | null | undefined;
  date: (raw: string) => string | null | undefined;
}

const MEMO_LIMIT = 100_000;

function memoised<V>(parse: (raw: string) => V): (raw: string) => V {
  const cache = new Map<string, V>();
  // The previous cell first: offices and counsellors come in runs.
  let lastRaw: string | undefined;
  let lastValue: V | undefined;
  return (raw) => {
    if (raw === lastRaw) return lastValue as V;
    let value = cache.get(raw);
    if (value === undefined && !cache.has(raw)) {
      value = parse(raw);
      // Kept strings are detached from the file's text (see detached).
      if (typeof value === 'string') value = detached(value) as V;
      if (cache.size < MEMO_LIMIT) cache.set(detached(raw), value);
    }
    lastRaw = raw;
    lastValue = value;
    return value as V;
  };
}

/** A parser that tries `fast` first; `fast` returns undefined when it cannot tell. */
function withFastPath<V>(fast: (raw: string) => V | undefined, slow: (raw: string) => V | undefined) {
  return (raw: string): V | undefined => fast(raw) ?? slow(raw);
}

/** Age written as two plain digits within range (what parseAge would give), else undefined. */
function plainAge(raw: string): number | undefined {
  if (raw.length !== 2) return undefined;
  const tens = raw.charCodeAt(0) - 48;
  const ones = raw.charCodeAt(1) - 48;
  if (tens >>> 0 > 9 || ones >>> 0 > 9) return undefined;
  const age = tens * 10 + ones;
  return age >= MIN_AGE && age <= MAX_AGE ? age : undefined;
}

/**
 * A date already in canonical yyyy-mm-dd form and real (what parseDate would give), else
 * undefined. Digits are read without helper calls: a pilot's rows are mostly read by V8's
 * interpreter, where a call per character is not inlined and costs.
 */
function plainIsoDate(raw: string): string | undefined {
  if (raw.length !== 10 || raw.charCodeAt(4) !== 45 || raw.charCodeAt(7) !== 45) return undefined;
  const y0 = raw.charCodeAt(0) - 48;
  const y1 = raw.charCodeAt(1) - 48;
  const y2 = raw.charCodeAt(2) - 48;
  const y3 = raw.charCodeAt(3) - 48;
  const m0 = raw.charCodeAt(5) - 48;
  const m1 = raw.charCodeAt(6) - 48;
  const d0 = raw.charCodeAt(8) - 48;
  const d1 = raw.charCodeAt(9) - 48;
  if (y0 >>> 0 > 9 || y1 >>> 0 > 9 || y2 >>> 0 > 9 || y3 >>> 0 > 9) return undefined;
  if (m0 >>> 0 > 9 || m1 >>> 0 > 9 || d0 >>> 0 > 9 || d1 >>> 0 > 9) return undefined;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 28) return undefined;
  return raw;
}

export function cellParsers(vocabulary: Vocabulary): CellParsers {
  // An empty cell or a "no value" word (#N/A, NA, -, Ikke registrert …) is missing (null).
  const label = (column: LabelledColumn) =>
    memoised((raw) => (raw.trim() === '' ? null : (vocabulary.values[column].get(matchKey(raw)) ?? (isNotAvailable(raw) ? null : undefined))));
  return {
    // Runs of white space (a line break inside a quoted cell, a no-break space) become one
    // space, so that an office written across two lines is the same office and prints on one.
    // A "no value" word (#N/A, NA, -, Ikke registrert …) is empty.
    clean: memoised((raw) => (isNotAvailable(raw) ? '' : raw.normalize('NFC').trim().replace(/\s+/g, ' '))),
    officeKey: memoised(officeKey),
    labels: { group: label('group'), outcome: label('outcome'), gender: label('gender'), prior_work: label('prior_work') },
    age: withFastPath(
      plainAge,
      memoised((raw) => (isNotAvailable(raw) ? null : (parseAge(raw) ?? undefined))),
    ),
    date: withFastPath(
      plainIsoDate,
      memoised((raw) => (isNotAvailable(raw) ? null : (parseDate(raw) ?? undefined))),
    ),
  };
}
