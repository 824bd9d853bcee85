import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// The pipeline's direction: ingest → table → analysis → report, stats a pure library
// beneath analysis, cli (and simulate, a command's helper) on top. Imports point only
// down it, and no module imports itself back through others.
const ALLOWED: Record<string, string[]> = {
  ingest: ['ingest', 'errors'],
  table: ['table', 'ingest'],
  stats: ['stats'],
  analysis: ['analysis', 'stats', 'table', 'ingest'],
  report: ['report', 'analysis', 'stats', 'table', 'ingest', 'errors'],
  simulate: ['simulate', 'ingest', 'stats'],
  cli: ['cli', 'report', 'analysis', 'stats', 'table', 'ingest', 'simulate', 'errors'],
  errors: [],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const layerOf = (file: string) => relative('src', file).split(/[/\\]/)[0].replace(/\.ts$/, '');

/** Runtime imports: `import type` is erased, so it makes no cycle (but still points somewhere). */
function importsOf(file: string, runtimeOnly = false): string[] {
  const text = readFileSync(file, 'utf8');
  const statements = [...text.matchAll(/^(import|export)\s[^;]*?from\s*'(\.{1,2}\/[^']+)'|import\(\s*'(\.{1,2}\/[^']+)'/gms)];
  const specs = statements.filter((m) => !runtimeOnly || !/^(import|export) type\s/.test(m[0])).map((m) => m[2] ?? m[3]);
  return specs.map((s) => normalize(join(dirname(file), s)).replace(/\.js$/, '.ts'));
}

describe('architecture', () => {
  const files = sourceFiles('src');
  const graph = new Map(files.map((f) => [normalize(f), importsOf(f)]));
  const runtime = new Map(files.map((f) => [normalize(f), importsOf(f, true)]));

  it('imports point only down the pipeline', () => {
    const wrong = [...graph].flatMap(([file, deps]) => deps.filter((d) => !ALLOWED[layerOf(file)].includes(layerOf(d))).map((d) => `${file} → ${d}`));
    expect(wrong).toEqual([]);
  });

  it('has no import cycles', () => {
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const dep of runtime.get(file) ?? []) visit(dep, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of runtime.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it('keeps domain words out of src/stats (numbers in, plain results out)', () => {
    // "hybrid score" is Newcombe's name for his interval, not the hybrid model.
    const domain = /\b(offices?|counsellors?|hybrid(?! score)|usual|apprenticeship|NAV)\b/i;
    const found = files
      .filter((f) => layerOf(f) === 'stats')
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .flatMap((line, i) => (domain.test(line) ? [`${f}:${i + 1}: ${line.trim()}`] : [])),
      );
    expect(found).toEqual([]);
  });

  it('knows every layer in src', () => {
    expect([...new Set(files.map(layerOf))].filter((l) => !(l in ALLOWED))).toEqual([]);
  });
});
