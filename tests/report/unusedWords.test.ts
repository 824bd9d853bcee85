/**
 * No dead words: every key of the report's dictionaries (WORDS, TIME_WORDS) and every
 * code of the warning catalogue is used somewhere in src/ outside the file that defines
 * it. knip finds unused exports and dependencies, not unused keys of an object, so this
 * test does that part. A key is used when the source names it as a property (`.key`),
 * as a string ('key', "key") or in a destructuring pattern.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WORDS } from '../../src/report/i18n.js';
import { TIME_WORDS } from '../../src/report/i18nTime.js';
import { WARNING_TEMPLATES } from '../../src/report/warningCatalogue.js';

const srcRoot = new URL('../../src/', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? sourceFiles(path) : e.name.endsWith('.ts') ? [path] : [];
  });
}

/** The source of src/ with one file left out, so a key's own definition does not count as a use. */
function sourceOutside(definedIn: string): string {
  return sourceFiles(srcRoot)
    .filter((f) => !f.endsWith(definedIn))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const used = (key: string, text: string) =>
  new RegExp(`\\.${escapeRegExp(key)}\\b|['"\`]${escapeRegExp(key)}['"\`]|[{,]\\s*${escapeRegExp(key)}\\s*[,}:]`).test(text);

/** Keys of a dictionary that the given source never uses. */
const unusedKeys = (keys: string[], text: string) => keys.filter((k) => !used(k, text));

describe('dictionaries and the warning catalogue hold no unused entries', () => {
  it('every key of WORDS is used outside i18n.ts', () => {
    // i18n.ts's own helpers may use a word (e.g. one template quoting another): count
    // those uses too, but not the key's definitions, which are `key:` and never `.key`.
    const text = `${sourceOutside('report/i18n.ts')}\n${readFileSync(join(srcRoot, 'report/i18n.ts'), 'utf8').replace(/^\s*\w+\??:/gm, '')}`;
    expect(unusedKeys(Object.keys(WORDS.en), text)).toEqual([]);
  });

  it('every key of TIME_WORDS is used outside i18nTime.ts', () => {
    expect(unusedKeys(Object.keys(TIME_WORDS.en), sourceOutside('report/i18nTime.ts'))).toEqual([]);
  });

  it('every warning code of the catalogue is raised somewhere', () => {
    expect(unusedKeys(Object.keys(WARNING_TEMPLATES.en), sourceOutside('report/warningCatalogue.ts'))).toEqual([]);
  });

  it('finds an unused key (the check can fail)', () => {
    expect(unusedKeys(['tSources', 'noSuchWordAnywhere'], sourceOutside('report/i18n.ts'))).toEqual(['noSuchWordAnywhere']);
  });
});
