import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GeneratedBy } from './helpers/generatedBy.js';
import { tempDir } from './helpers/tempDir.js';

// `npm run fixtures` (scripts/fixtures.mjs) keeps its promise: it runs every generator
// under tests/fixtures, its manifest (tests/fixtures/DESCRIPTION) lists exactly the R
// packages the scripts use, and every fixture R wrote names the R and packages that
// wrote it. None of this needs R.

interface Plan {
  manifest: string;
  packages: string[];
  generators: string[];
}
const listed = spawnSync(process.execPath, ['scripts/fixtures.mjs', '--list'], { encoding: 'utf8' });
const plan = JSON.parse(listed.stdout) as Plan;

/** Packages that come with R itself, which the manifest does not list. */
const BASE_R = new Set([
  'base',
  'compiler',
  'datasets',
  'graphics',
  'grDevices',
  'grid',
  'methods',
  'parallel',
  'splines',
  'stats',
  'stats4',
  'tcltk',
  'tools',
  'utils',
]);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(`${dir}/${e.name}`) : [`${dir}/${e.name}`]));
}
const fixtureFiles = filesUnder('tests/fixtures');
const rScripts = fixtureFiles.filter((f) => f.endsWith('.R'));

/** R code with its comments blanked: a # outside a string starts one. */
function withoutComments(code: string): string {
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (quote !== null) {
      out += ch;
      if (ch === '\\') out += code[++i] ?? '';
      else if (ch === quote) quote = null;
    } else if (ch === '#') {
      while (i + 1 < code.length && code[i + 1] !== '\n') i++;
    } else {
      if (ch === '"' || ch === "'" || ch === '`') quote = ch;
      out += ch;
    }
  }
  return out;
}

const code = new Map(rScripts.map((f) => [f, withoutComments(readFileSync(f, 'utf8'))]));

/** The files an R script sources, as written (paths from the repo root). */
const sourced = (script: string) => [...code.get(script)!.matchAll(/\bsource\(\s*"([^"]+)"/g)].map((m) => m[1]);

/** Packages an R script loads: library(x), require(x), requireNamespace("x"), loadNamespace("x"), x::f, x:::f. */
function packagesUsed(rCode: string): string[] {
  const calls = [...rCode.matchAll(/\b(?:library|require|requireNamespace|loadNamespace)\(\s*["']?([A-Za-z][A-Za-z0-9.]*)/g)].map((m) => m[1]);
  const qualified = [...rCode.matchAll(/\b([A-Za-z][A-Za-z0-9.]*):::?[A-Za-z._]/g)].map((m) => m[1]);
  return [...new Set([...calls, ...qualified])].filter((p) => !BASE_R.has(p)).sort();
}

describe('npm run fixtures', () => {
  it('lists its plan without R (--list)', () => {
    expect(listed.status, listed.stderr).toBe(0);
    expect(plan.manifest).toBe('tests/fixtures/DESCRIPTION');
    for (const script of plan.generators) expect(existsSync(script), script).toBe(true);
  });

  it('runs every generator under tests/fixtures, or one that sources it', () => {
    const reached = new Set<string>();
    const visit = (script: string) => {
      if (reached.has(script)) return;
      reached.add(script);
      if (script.endsWith('.R')) sourced(script).forEach(visit);
    };
    plan.generators.forEach(visit);
    const scripts = fixtureFiles.filter((f) => f.endsWith('.R') || f.endsWith('.mjs'));
    expect(scripts.filter((f) => !reached.has(f))).toEqual([]);
    // A helper is sourced, not run on its own.
    const helpers = new Set(rScripts.flatMap(sourced));
    expect(plan.generators.filter((g) => helpers.has(g))).toEqual([]);
  });

  it('runs the pilots before the R scripts that read them, and pipeline.R last', () => {
    const at = (script: string) => plan.generators.indexOf(script);
    const readers = rScripts.filter((f) => code.get(f)!.includes('"tests/fixtures/pipeline'));
    expect(readers.length).toBeGreaterThan(0);
    for (const reader of readers) expect(at(reader), reader).toBeGreaterThan(at('tests/fixtures/pipeline/make-pilots.mjs'));
    // The ties pilot is made from the realistic one, and read by the R scripts that name it.
    expect(at('tests/fixtures/r/ties/make.mjs')).toBeGreaterThan(at('tests/fixtures/pipeline/make-pilots.mjs'));
    const tiesReaders = rScripts.filter((f) => code.get(f)!.includes('"tests/fixtures/r/ties'));
    expect(tiesReaders.length).toBeGreaterThan(0);
    for (const reader of tiesReaders) expect(at(reader), reader).toBeGreaterThan(at('tests/fixtures/r/ties/make.mjs'));
    expect(at('tests/fixtures/pipeline/pipeline.R')).toBe(plan.generators.length - 1);
  });

  it('lists in its manifest exactly the R packages the scripts load', () => {
    const used = [...new Set(rScripts.flatMap((f) => packagesUsed(code.get(f)!)))].sort();
    expect(used).toEqual([...plan.packages].sort());
  });

  it('finds packages in library(), requireNamespace() and pkg::, not in comments', () => {
    const rCode = withoutComments(
      'library(jsonlite)  # and boot::boot.ci\nif (requireNamespace("nnet")) x <- "#"; stats::qnorm(0.5); survival:::coxph.wtest(v, b)\n',
    );
    expect(packagesUsed(rCode)).toEqual(['jsonlite', 'nnet', 'survival']);
  });

  it('every fixture R wrote says which script, R and packages wrote it, and one R wrote them all', () => {
    const written = fixtureFiles.filter((f) => (f.startsWith('tests/fixtures/r/') && f.endsWith('.json')) || f.endsWith('/expected.json'));
    expect(written.length).toBeGreaterThan(20);
    const versions = new Map<string, Set<string>>();
    for (const file of written) {
      const fixture = JSON.parse(readFileSync(file, 'utf8')) as { generatedBy: GeneratedBy };
      expect(Object.keys(fixture)[0], file).toBe('generatedBy');
      const { script, R, packages } = fixture.generatedBy;
      const expectedScript = file.endsWith('/expected.json') ? 'tests/fixtures/pipeline/pipeline.R' : file.replace(/\.json$/, '.R');
      expect(script, file).toBe(expectedScript);
      expect(plan.generators, file).toContain(script);
      expect(R, file).toMatch(/^\d+\.\d+\.\d+/);
      expect(plan.packages, file).toEqual(expect.arrayContaining(Object.keys(packages)));
      for (const [name, version] of Object.entries({ R, ...packages })) versions.set(name, (versions.get(name) ?? new Set()).add(version));
    }
    for (const [name, seen] of versions) expect([...seen], `${name} versions across the fixtures`).toHaveLength(1);
    // Each R generator in tests/fixtures/r wrote a JSON beside it.
    const rGenerators = plan.generators.filter((g) => g.startsWith('tests/fixtures/r/') && g.endsWith('.R'));
    for (const g of rGenerators) expect(written, g).toContain(g.replace(/\.R$/, '.json'));
  });

  it('is documented with the Debian package of every R package in the manifest', () => {
    const readme = readFileSync('README.md', 'utf8');
    const install = /apt-get install (r-base-core [^`]*?)\n\s*```/.exec(readme);
    expect(install).not.toBeNull();
    const debian = install![1].split(/[\s\\]+/).filter((p) => p !== '');
    expect(debian).toEqual(['r-base-core', ...plan.packages.map((p) => `r-cran-${p.toLowerCase()}`)]);
  });

  it('stops before running anything when a package is missing, naming it and its Debian package', () => {
    const dir = tempDir('fixtures-r');
    const ran = join(dir, 'ran');
    // A stand-in Rscript: answers the installation check without epiR, and records any other call.
    const answer = ['R\t4.2.2', 'UTF-8\tTRUE', ...plan.packages.map((p) => `${p}\t${p === 'epiR' ? '' : '1.0'}`)].join('\\n');
    writeFileSync(join(dir, 'Rscript'), `#!/bin/sh\nif [ "$2" = "-e" ]; then printf '${answer}\\n'; else touch '${ran}'; fi\n`);
    chmodSync(join(dir, 'Rscript'), 0o755);
    const run = spawnSync(process.execPath, ['scripts/fixtures.mjs'], { encoding: 'utf8', env: { ...process.env, RSCRIPT: join(dir, 'Rscript') } });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('R packages missing (listed in tests/fixtures/DESCRIPTION): epiR');
    expect(run.stderr).toContain('apt-get install r-cran-epir');
    expect(existsSync(ran)).toBe(false);
  });

  it('fails with a clear message without R', () => {
    const run = spawnSync(process.execPath, ['scripts/fixtures.mjs'], { encoding: 'utf8', env: { ...process.env, RSCRIPT: '/nonexistent/Rscript' } });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^npm run fixtures: R is not installed: no \/nonexistent\/Rscript found\. On Debian: apt-get install r-base-core r-cran-/);
  });
});
