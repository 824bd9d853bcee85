/**
 * An attacker who reads everything a report publishes and bounds every hidden
 * count by integer programming (HiGHS, compiled to WebAssembly), written apart
 * from the disclosure code it audits. Unknowns are the finest counts the report is
 * built from: persons per office × group × outcome (with "not registered"), and per
 * group the baseline counts and missing values. Every published count, total and
 * proportion is a linear fact about them; so is each file's accepted rows, given
 * which office the file holds (an attacker can read that from the file name).
 *
 * So are the accepted rows in all (both groups' persons) and the adjusted model's N
 * (registered persons less at most the baseline table's missing values).
 *
 * Linear facts alone are `attack`; `attackWithChiSquare` then keeps only the
 * completions of the pooled outcome table that reproduce the published Pearson
 * chi-square. Not used yet: the other non-linear statistics (intervals, Fisher,
 * CMH, Mantel–Haenszel, means). They can only narrow the bounds further, so what
 * this attacker recovers is a lower bound of what a stronger one recovers.
 */
import { createRequire } from 'node:module';

// highs is CommonJS whose types describe an ES default export: required as it is.
const highsLoader = createRequire(import.meta.url)('highs') as typeof import('highs').default;

const GROUPS = ['hybrid', 'usual'] as const;
const OUTCOMES = ['job', 'apprenticeship', 'education', 'none'] as const;
const CELLS = [...OUTCOMES, 'missing'] as const;
type Group = (typeof GROUPS)[number];

/** The part of the report JSON the attacker reads. */
export interface PublishedReport {
  input: { rowsAccepted: number | null; files: { path: string; rowsAccepted: number | null }[] };
  adjusted: { n: number | null };
  groups: Record<Group, { n: number | null; outcomeMissing: number | null }>;
  outcomes: {
    table: Record<Group, Record<(typeof OUTCOMES)[number], number | null>>;
    byLevel: Record<(typeof OUTCOMES)[number], Record<Group, { count: number | null; proportion: number | null }>>;
    /** Apprenticeship and education published as one category. */
    merged?: {
      categories: string[];
      hybrid: { count: number | null; proportion: number | null };
      usual: { count: number | null; proportion: number | null };
    } | null;
    chiSquare?: { statistic: number | null; df: number };
  };
  disclosureControl?: { merged: { statistics: string[] }[] };
  workOrEducation: Record<Group, { n: number | null; positive: number | null; proportion: number | null }>;
  offices: { office: string; hybrid: { n: number | null; positive: number | null }; usual: { n: number | null; positive: number | null } }[];
  baseline: {
    variable: string;
    hybrid: { n: number | null; count?: number | null; proportion?: number | null; missing: number | null };
    usual: { n: number | null; count?: number | null; proportion?: number | null; missing: number | null };
  }[];
}

/** A hidden count, what the attacker could narrow it to, and its true value. */
export interface Bound {
  cell: string;
  truth: number;
  min: number;
  max: number;
}

/** A linear expression: variable → coefficient. */
type Linear = Map<string, number>;

const sum = (...parts: Linear[]): Linear => {
  const out: Linear = new Map();
  for (const part of parts) for (const [v, c] of part) out.set(v, (out.get(v) ?? 0) + c);
  return out;
};
const scaled = (e: Linear, k: number): Linear => new Map([...e].map(([v, c]) => [v, c * k]));
const variable = (name: string): Linear => new Map([[name, 1]]);

function text(e: Linear): string {
  const terms = [...e].filter(([, c]) => c !== 0).map(([v, c], i) => `${c < 0 ? '-' : i === 0 ? '' : '+'} ${Math.abs(c)} ${v}`);
  return terms.length === 0 ? '0 zero' : terms.join(' ');
}

/**
 * Bounds every count that `published` hides (null) and `internal` (the same
 * report with --no-suppress) shows. `officeOfFile` maps a file's path to the
 * office it holds, or omits it when the attacker cannot tell.
 */
export async function attack(published: PublishedReport, internal: PublishedReport, officeOfFile: (path: string) => string | undefined): Promise<Bound[]> {
  const offices = published.offices.map((o) => o.office);
  const x = (k: number, g: Group, o: (typeof CELLS)[number]) => variable(`x_${k}_${g}_${o}`);
  const cellsOf = (g: Group, outcomes: readonly (typeof CELLS)[number][], ks: number[] = offices.map((_, k) => k)) =>
    sum(...ks.flatMap((k) => outcomes.map((o) => x(k, g, o))));
  const registered = (g: Group, ks?: number[]) => cellsOf(g, OUTCOMES, ks);
  const positive = (g: Group, ks?: number[]) => cellsOf(g, ['job', 'apprenticeship', 'education'], ks);
  const total = (g: Group, ks?: number[]) => cellsOf(g, CELLS, ks);
  const b = (i: number, g: Group, what: 'count' | 'missing') => variable(`b_${i}_${g}_${what}`);

  const constraints: string[] = [];
  const equal = (e: Linear, value: number | null | undefined) => {
    if (value !== null && value !== undefined) constraints.push(`${text(e)} = ${value}`);
  };
  /** count = proportion × base, to the JSON's precision: |count − p·base| ≤ 1e-6·base. */
  const ratio = (count: Linear, proportion: number | null | undefined, base: Linear) => {
    if (proportion === null || proportion === undefined) return;
    const e = sum(count, scaled(base, -proportion));
    constraints.push(`${text(sum(e, scaled(base, -1e-6)))} <= 0`, `${text(sum(e, scaled(base, 1e-6)))} >= 0`);
  };

  const targets: { cell: string; expression: Linear; truth: number }[] = [];
  const hidden = (cell: string, expression: Linear, shown: number | null | undefined, truth: number | null | undefined) => {
    if ((shown === null || shown === undefined) && typeof truth === 'number') targets.push({ cell, expression, truth });
  };

  for (const g of GROUPS) {
    for (const o of OUTCOMES) {
      const count = cellsOf(g, [o]);
      equal(count, published.outcomes.table[g][o]);
      ratio(count, published.outcomes.byLevel[o][g].proportion, registered(g));
      hidden(`outcome.${g}.${o}`, count, published.outcomes.table[g][o], internal.outcomes.table[g][o]);
    }
    const merged = published.outcomes.merged;
    if (merged !== null && merged !== undefined) {
      const both = cellsOf(g, merged.categories as (typeof CELLS)[number][]);
      equal(both, merged[g].count);
      ratio(both, merged[g].proportion, registered(g));
      const truth = internal.outcomes.table[g];
      hidden(
        `outcome.${g}.${merged.categories.join('+')}`,
        both,
        merged[g].count,
        merged.categories.reduce((t, o) => t + (truth[o as (typeof OUTCOMES)[number]] ?? 0), 0),
      );
    }
    equal(cellsOf(g, ['missing']), published.groups[g].outcomeMissing);
    hidden(`missing.${g}`, cellsOf(g, ['missing']), published.groups[g].outcomeMissing, internal.groups[g].outcomeMissing);
    equal(total(g), published.groups[g].n);
    hidden(`total.${g}`, total(g), published.groups[g].n, internal.groups[g].n);
    const woe = published.workOrEducation[g];
    equal(registered(g), woe.n);
    equal(positive(g), woe.positive);
    ratio(positive(g), woe.proportion, registered(g));
    hidden(`registered.${g}`, registered(g), woe.n, internal.workOrEducation[g].n);
    hidden(`positive.${g}`, positive(g), woe.positive, internal.workOrEducation[g].positive);
    published.offices.forEach((office, k) => {
      equal(registered(g, [k]), office[g].n);
      equal(positive(g, [k]), office[g].positive);
      hidden(`office.${office.office}.${g}.n`, registered(g, [k]), office[g].n, internal.offices[k][g].n);
      hidden(`office.${office.office}.${g}.positive`, positive(g, [k]), office[g].positive, internal.offices[k][g].positive);
    });
    published.baseline.forEach((row, i) => {
      const shown = row[g];
      const truth = internal.baseline[i][g];
      equal(b(i, g, 'missing'), shown.missing);
      hidden(`baseline.${row.variable}.${g}.missing`, b(i, g, 'missing'), shown.missing, truth.missing);
      const n = sum(total(g), scaled(b(i, g, 'missing'), -1));
      equal(n, shown.n);
      if ('count' in truth) {
        equal(b(i, g, 'count'), shown.count);
        ratio(b(i, g, 'count'), shown.proportion, n);
        constraints.push(`${text(sum(b(i, g, 'count'), scaled(n, -1)))} <= 0`);
        hidden(`baseline.${row.variable}.${g}.count`, b(i, g, 'count'), shown.count, truth.count);
      }
      constraints.push(`${text(sum(b(i, g, 'missing'), scaled(total(g), -1)))} <= 0`);
    });
  }
  // Row accounting: the accepted rows are the persons of both groups.
  equal(sum(total('hybrid'), total('usual')), published.input.rowsAccepted);
  // The adjusted model's N: registered persons less those with a covariate missing,
  // who are at most as many as the missing values of the baseline table.
  const adjustedN = published.adjusted.n;
  if (adjustedN !== null) {
    const registeredBoth = sum(registered('hybrid'), registered('usual'));
    const missingAll = sum(...published.baseline.flatMap((_, i) => GROUPS.map((g) => b(i, g, 'missing'))));
    constraints.push(`${text(registeredBoth)} >= ${adjustedN}`, `${text(sum(registeredBoth, scaled(missingAll, -1)))} <= ${adjustedN}`);
  }
  // A file's accepted rows are the persons of the office it holds.
  const byOffice = new Map<number, number>();
  for (const file of published.input.files) {
    const office = officeOfFile(file.path);
    const k = office === undefined ? -1 : offices.indexOf(office);
    if (k === -1 || file.rowsAccepted === null) continue;
    byOffice.set(k, (byOffice.get(k) ?? 0) + file.rowsAccepted);
  }
  for (const [k, rows] of byOffice) equal(sum(total('hybrid', [k]), total('usual', [k])), rows);

  const names = new Set<string>();
  for (const c of constraints) for (const m of c.matchAll(/[xb]_[\w.]+/g)) names.add(m[0]);
  for (const t of targets) for (const v of t.expression.keys()) names.add(v);
  const highs = await highsLoader();
  const solve = (sense: 'Minimize' | 'Maximize', objective: Linear): number => {
    const lp = [
      sense,
      ` obj: ${text(objective)}`,
      'Subject To',
      ...constraints.map((c, i) => ` c${i}: ${c}`),
      ' zero_is_zero: 1 zero = 0',
      'Bounds',
      ...[...names].map((v) => ` 0 <= ${v} <= 100000`),
      ' 0 <= zero <= 0',
      'General',
      ` ${[...names].join(' ')}`,
      'End',
      '',
    ].join('\n');
    const result = highs.solve(lp);
    if (result.Status !== 'Optimal') throw new Error(`attacker: the LP is ${result.Status} (the published numbers contradict each other?)`);
    return Math.round(result.ObjectiveValue);
  };
  return targets.map(({ cell, expression, truth }) => ({
    cell,
    truth,
    min: solve('Minimize', expression),
    max: solve('Maximize', expression),
  }));
}

/**
 * Hidden counts the attacker recovered exactly, or narrowed into 1..minCell − 1. A
 * bound that leaves out the true value is the attacker's own error.
 */
export function disclosed(bounds: Bound[], minCell: number): Bound[] {
  const wrong = bounds.filter((b) => b.truth < b.min || b.truth > b.max);
  if (wrong.length > 0) throw new Error(`attacker: bounds exclude the true value: ${JSON.stringify(wrong)}`);
  return bounds.filter((b) => b.min === b.max || (b.min >= 1 && b.max <= minCell - 1));
}

/** Pearson's chi-square of a 2 × c table, columns that are all zero left out (as the report does). */
export function pearsonChiSquare(table: number[][]): { statistic: number; df: number } {
  const columns = table[0].map((_, j) => j).filter((j) => table[0][j] + table[1][j] > 0);
  const rows = table.map((r) => columns.reduce((s, j) => s + r[j], 0));
  const n = rows[0] + rows[1];
  let statistic = 0;
  for (const j of columns) {
    const column = table[0][j] + table[1][j];
    for (let i = 0; i < 2; i++) {
      const expected = (rows[i] * column) / n;
      statistic += (table[i][j] - expected) ** 2 / expected;
    }
  }
  return { statistic, df: columns.length - 1 };
}

/**
 * The linear bounds, then the pooled outcome cells narrowed to the values of the
 * completions (within those bounds, with every published group sum) whose Pearson
 * chi-square equals the published one to 1e-9 relative. Gives up (keeps the linear
 * bounds) beyond `limit` completions.
 */
export async function attackWithChiSquare(
  published: PublishedReport,
  internal: PublishedReport,
  officeOfFile: (path: string) => string | undefined,
  limit = 5_000_000,
): Promise<Bound[]> {
  const bounds = await attack(published, internal, officeOfFile);
  const chi = published.outcomes.chiSquare;
  if (chi === undefined || chi.statistic === null) return bounds;
  // A chi-square of the table with categories merged is computed from published values.
  if (published.disclosureControl?.merged.some((m) => m.statistics.includes('outcomes.chiSquare'))) return bounds;
  const range = (g: Group, o: string): [number, number] => {
    const shown = published.outcomes.table[g][o as (typeof OUTCOMES)[number]];
    if (shown !== null) return [shown, shown];
    const b = bounds.find((x) => x.cell === `outcome.${g}.${o}`)!;
    return [b.min, b.max];
  };
  const ranges = GROUPS.map((g) => OUTCOMES.map((o) => range(g, o)));
  const size = ranges.flat().reduce((n, [lo, hi]) => n * (hi - lo + 1), 1);
  if (size > limit) return bounds;
  const registered = GROUPS.map((g) => published.workOrEducation[g].n);
  const positives = GROUPS.map((g) => published.workOrEducation[g].positive);
  const seen = GROUPS.map(() => OUTCOMES.map(() => [Infinity, -Infinity]));
  const cell = [
    [0, 0, 0, 0],
    [0, 0, 0, 0],
  ];
  const visit = (index: number): void => {
    if (index === 8) {
      for (let g = 0; g < 2; g++) {
        const sumAll = cell[g][0] + cell[g][1] + cell[g][2] + cell[g][3];
        if (registered[g] !== null && sumAll !== registered[g]) return;
        if (positives[g] !== null && cell[g][0] + cell[g][1] + cell[g][2] !== positives[g]) return;
      }
      const got = pearsonChiSquare(cell);
      if (got.df !== chi.df || Math.abs(got.statistic - chi.statistic!) > 1e-9 * Math.max(1, chi.statistic!)) return;
      for (let g = 0; g < 2; g++) {
        for (let o = 0; o < 4; o++) {
          seen[g][o][0] = Math.min(seen[g][o][0], cell[g][o]);
          seen[g][o][1] = Math.max(seen[g][o][1], cell[g][o]);
        }
      }
      return;
    }
    const g = index >> 2;
    const o = index & 3;
    const [lo, hi] = ranges[g][o];
    for (let v = lo; v <= hi; v++) {
      cell[g][o] = v;
      visit(index + 1);
    }
  };
  visit(0);
  return bounds.map((b) => {
    const match = /^outcome\.(hybrid|usual)\.(\w+)$/.exec(b.cell);
    if (match === null) return b;
    const [min, max] = seen[GROUPS.indexOf(match[1] as Group)][OUTCOMES.indexOf(match[2] as (typeof OUTCOMES)[number])];
    return min === Infinity ? b : { ...b, min: Math.max(b.min, min), max: Math.min(b.max, max) };
  });
}
