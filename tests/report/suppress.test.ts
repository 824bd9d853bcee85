import fc from 'fast-check';
import { cataloguedWarning } from '../../src/report/warningCatalogue.js';
import { describe, expect, it } from 'vitest';
import type { CanonicalRecord, IngestSummary } from '../../src/ingest/types.js';
import { OUTCOMES } from '../../src/ingest/types.js';
import { buildReport } from '../../src/report/build.js';
import type { ReportModel } from '../../src/report/model.js';
import { applySuppression } from '../../src/report/suppress.js';
import { buildTables } from '../../src/report/tables.js';
import { pearsonChiSquare } from '../disclosure/attacker.js';
import { buildTable } from '../../src/table/build.js';

const summary = (n: number): IngestSummary => ({
  files: [],
  skippedFiles: [],
  rejections: [],
  notices: [],
  unknownLabels: [],
  officeSpellings: [],
  idScope: 'office',
  rowsByGroup: { hybrid: { read: 0, rejected: 0 }, usual: { read: 0, rejected: 0 }, unknown: 0 },
  rowsRead: n,
  rowsAccepted: n,
  rowsRejected: 0,
  duplicateRows: 0,
  columnsPresent: { counsellorId: true, age: true, gender: true, priorWork: true },
  allowedColumns: [],
});

/** A pilot with the given outcome counts per office and group. */
function modelFrom(cells: number[][][]): ReportModel {
  const records: CanonicalRecord[] = [];
  let id = 0;
  cells.forEach((office, k) => {
    office.forEach((counts, g) => {
      counts.forEach((count, o) => {
        for (let i = 0; i < count; i++) {
          id += 1;
          records.push({
            personId: `P${id}`,
            office: `NAV ${String.fromCharCode(65 + k)}`,
            counsellorId: `C${k}${i % 3}`,
            group: g === 0 ? 'hybrid' : 'usual',
            outcome: o === 4 ? null : OUTCOMES[o],
            age: 18 + (id % 40),
            gender: id % 2 === 0 ? 'F' : 'M',
            priorWork: id % 3 === 0 ? 1 : 0,
            startDate: null,
            endDate: null,
          });
        }
      });
    });
  });
  const table = buildTable(records, summary(records.length).columnsPresent);
  return buildReport(summary(records.length), table, { version: 'test' });
}

/** Every published count, and the lines (rows and columns) each table is read by. */
function publishedLines(m: ReportModel): Array<Array<number | null>> {
  const lines: Array<Array<number | null>> = [];
  for (const g of ['hybrid', 'usual'] as const) {
    const outcomes = OUTCOMES.map((o) => m.outcomes.table[g][o]);
    lines.push([...outcomes, m.workOrEducation[g].n]);
    lines.push([...outcomes.slice(0, 3), m.workOrEducation[g].positive]);
    lines.push([m.workOrEducation[g].positive, m.outcomes.table[g].none, m.workOrEducation[g].n]);
    lines.push([m.groups[g].outcomeMissing, m.groups[g].n, m.workOrEducation[g].n]);
    lines.push([...m.offices.map((o) => o[g].n), m.workOrEducation[g].n]);
    lines.push([...m.offices.map((o) => o[g].positive), m.workOrEducation[g].positive]);
  }
  lines.push([m.groups.hybrid.outcomeMissing, m.groups.usual.outcomeMissing]);
  lines.push([m.groups.hybrid.n, m.groups.usual.n]);
  lines.push([m.workOrEducation.hybrid.positive, m.workOrEducation.usual.positive]);
  for (const o of m.offices) {
    lines.push([o.hybrid.n, o.usual.n]);
  }
  return lines;
}

function allCounts(m: ReportModel): Array<number | null> {
  return [
    ...Object.values(m.groups).flatMap((g) => [g.n, g.outcomeMissing]),
    ...Object.values(m.outcomes.table).flatMap((row) => Object.values(row)),
    ...OUTCOMES.flatMap((o) => [m.outcomes.byLevel[o].hybrid.count, m.outcomes.byLevel[o].usual.count]),
    m.workOrEducation.hybrid.n,
    ...m.baseline.flatMap((row) => [row.hybrid.n, row.usual.n]),
    m.workOrEducation.hybrid.positive,
    m.workOrEducation.usual.n,
    m.workOrEducation.usual.positive,
    ...m.offices.flatMap((o) => [o.hybrid.n, o.hybrid.positive, o.usual.n, o.usual.positive]),
    ...m.baseline.flatMap((row) =>
      (['hybrid', 'usual'] as const).flatMap((g) => {
        const x = row[g] as { missing: number | null; count?: number | null };
        return [x.missing, x.count ?? 0];
      }),
    ),
  ];
}

describe('small-cell suppression', () => {
  it('hides counts 1–4, keeps zeros, and hides what is derived from a hidden count', () => {
    // office A: hybrid 2 job, 0 apprenticeship, 6 education, 9 none, 0 missing; usual large
    const model = modelFrom([
      [
        [2, 0, 6, 9, 0],
        [30, 12, 20, 80, 5],
      ],
      [
        [1, 5, 5, 10, 0],
        [40, 15, 25, 90, 6],
      ],
    ]);
    const { model: s, suppressedCells } = applySuppression(model, 5);
    expect(s.outcomes.table.hybrid.job).toBeNull();
    expect(s.outcomes.byLevel.job.hybrid.proportion).toBeNull();
    expect(s.outcomes.byLevel.job.difference.estimate).toBeNull();
    expect(s.outcomes.table.hybrid.apprenticeship === null || s.outcomes.table.hybrid.apprenticeship >= 5).toBe(true);
    expect(s.disclosureControl).toMatchObject({ applied: true, minCell: 5, suppressedCells });
    expect(s.disclosureControl.withheld).toEqual(expect.arrayContaining(['outcomes.chiSquare', 'outcomes.fisherExact']));
    expect(suppressedCells).toBeGreaterThanOrEqual(2);
    // the unsuppressed model is left alone
    expect(model.outcomes.table.hybrid.job).toBe(3);
  });

  it('a field it must hide that is not where it should be is an error, not a skip', () => {
    const model = modelFrom([
      [
        [2, 0, 6, 9, 0],
        [30, 12, 20, 80, 5],
      ],
    ]);
    // As if the field had been renamed in the model: the Wilson lower bound would be published.
    const renamed = structuredClone(model) as unknown as { outcomes: { byLevel: { job: { hybrid: Record<string, unknown> } } } };
    renamed.outcomes.byLevel.job.hybrid.cilow = renamed.outcomes.byLevel.job.hybrid.ciLow;
    delete renamed.outcomes.byLevel.job.hybrid.ciLow;
    // The renamed field has no recorded source (publishedNumbers.ts)...
    expect(() => applySuppression(renamed as unknown as ReportModel, 5)).toThrow(
      'disclosure control: no recorded source for outcomes.byLevel.job.hybrid.cilow in the report model',
    );
    // ...and a field that is gone is not where suppression must hide it.
    const removed = structuredClone(model) as unknown as { outcomes: { byLevel: { job: { hybrid: Record<string, unknown> } } } };
    delete removed.outcomes.byLevel.job.hybrid.ciLow;
    expect(() => applySuppression(removed as unknown as ReportModel, 5)).toThrow(
      'disclosure control: no value at outcomes.byLevel.job.hybrid.ciLow in the report model',
    );
    expect(() => applySuppression(model, 5)).not.toThrow();
  });

  it('tests the outcome table with apprenticeship and education merged when one of them is hidden', () => {
    // hybrid: 12 job, 2 apprenticeship, 7 education, 20 none; usual large.
    const model = modelFrom([
      [
        [12, 2, 7, 20, 0],
        [60, 25, 30, 150, 6],
      ],
    ]);
    const { model: s } = applySuppression(model, 5);
    expect(s.outcomes.table.hybrid.apprenticeship).toBeNull();
    expect(s.outcomes.table.hybrid.job).toBe(12);
    expect(s.disclosureControl.merged).toContainEqual({
      statistics: ['outcomes.chiSquare', 'outcomes.fisherExact'],
      categories: ['apprenticeship', 'education'],
    });
    expect(s.disclosureControl.withheld).not.toContain('outcomes.chiSquare');
    // The 2 × 3 table job | apprenticeship + education | none, by the attacker's own chi-square.
    const merged = pearsonChiSquare([
      [12, 9, 20],
      [60, 55, 150],
    ]);
    expect(s.outcomes.chiSquare.df).toBe(2);
    expect(Math.abs(s.outcomes.chiSquare.statistic! - merged.statistic)).toBeLessThan(1e-12 * merged.statistic);
    expect(s.outcomes.chiSquare.statistic).not.toBe(model.outcomes.chiSquare.statistic);
    expect(s.outcomes.fisherExact.pValue).not.toBeNull();
    // What is published gives it: job, none and work or education.
    expect(s.workOrEducation.hybrid.positive! - s.outcomes.table.hybrid.job!).toBe(9);
    // The table itself is redesigned: one row for both categories, in both groups, with
    // Wilson shares and the Newcombe difference as the other rows have; neither apart.
    expect(s.outcomes.merged).toMatchObject({ categories: ['apprenticeship', 'education'], hybrid: { count: 9 }, usual: { count: 55 } });
    expect(s.outcomes.merged!.hybrid.proportion).toBeCloseTo(9 / 41, 15);
    expect(s.outcomes.merged!.difference.estimate).toBeCloseTo(9 / 41 - 55 / 265, 15);
    expect(s.outcomes.table.usual.apprenticeship).toBeNull();
    expect(s.outcomes.byLevel.education.hybrid.proportion).toBeNull();
    expect(s.disclosureControl.merged).toContainEqual({ statistics: ['outcomes.table'], categories: ['apprenticeship', 'education'] });
    // Merged, nothing in the outcome table needs hiding: the redesign saves the usual cells.
    expect(s.disclosureControl.hidden.filter((p) => p.startsWith('outcomes.'))).toEqual([]);
    expect(s.warnings.filter((w) => w.context === 'outcomes.chiSquare').every((w) => !w.message.includes('0.9'))).toBe(true);
  });

  it('withholds the outcome table tests when job or none is hidden too', () => {
    const model = modelFrom([
      [
        [3, 2, 7, 20, 0],
        [60, 25, 30, 150, 6],
      ],
    ]);
    const { model: s } = applySuppression(model, 5);
    expect(s.outcomes.table.hybrid.job).toBeNull();
    expect(s.outcomes.chiSquare).toEqual({ statistic: null, df: model.outcomes.chiSquare.df, pValue: null });
    expect(s.outcomes.fisherExact.pValue).toBeNull();
    expect(s.disclosureControl.withheld).toEqual(expect.arrayContaining(['outcomes.chiSquare', 'outcomes.fisherExact']));
    expect(s.warnings.filter((w) => w.context.startsWith('outcomes.'))).toEqual([]);
    const notes = buildTables(s, { lang: 'en' }).tables[1].footnotes;
    expect(notes).toContain(
      'The chi-square and Fisher tests of this table are withheld: they are computed from hidden cells and would give them away. Table 3 tests work or education.',
    );
    expect(notes.some((n) => n.startsWith('Pearson chi-square'))).toBe(false);
  });

  it('hides the work-or-education tests and their warnings with a hidden positive count', () => {
    // hybrid: 1 job, 1 education, 6 none: 2 in work or education, hidden; expected counts below 5.
    const model = modelFrom([
      [
        [1, 0, 1, 6, 0],
        [60, 25, 30, 150, 6],
      ],
    ]);
    expect(model.warnings.some((w) => w.context === 'workOrEducation.chiSquare')).toBe(true);
    const { model: s } = applySuppression(model, 5);
    expect(s.workOrEducation.hybrid.positive).toBeNull();
    expect(s.workOrEducation.chiSquare).toEqual({ statistic: null, df: 1, pValue: null });
    expect(s.workOrEducation.fisherExact.pValue).toBeNull();
    expect(s.workOrEducation.oddsRatio).toEqual({ estimate: null, ciLow: null, ciHigh: null });
    expect(s.warnings.filter((w) => w.context.startsWith('workOrEducation.') || w.context.startsWith('outcomes.'))).toEqual([]);
  });

  it('merges the offices with hidden cells into one stratum for the stratified analyses', () => {
    // Offices A and B have few hybrid users (hidden), C many.
    const model = modelFrom([
      [
        [1, 0, 1, 2, 0],
        [30, 12, 20, 80, 5],
      ],
      [
        [2, 0, 0, 1, 0],
        [25, 10, 15, 70, 4],
      ],
      [
        [10, 5, 6, 20, 0],
        [40, 15, 25, 90, 6],
      ],
    ]);
    const { model: s } = applySuppression(model, 5);
    expect(s.offices[0].hybrid.n).toBeNull();
    expect(s.offices[2].hybrid.n).toBe(41);
    expect(s.disclosureControl.merged).toContainEqual({
      statistics: [
        'stratified.cmh',
        'stratified.mantelHaenszelOddsRatio',
        'stratified.breslowDay',
        'stratified.mantelHaenszelRiskDifference',
        'officeEffects.metaAnalysis',
      ],
      offices: ['NAV A', 'NAV B'],
    });
    // The meta-analysis has two studies: C, and A + B as one.
    expect(s.officeEffects.metaAnalysis.k).toBe(2);
    expect(s.officeEffects.metaAnalysis.heterogeneity.df).toBe(1);
    // Strata: C alone, and A + B from the published totals minus C.
    const strata = [
      { a: 21, b: 20, c: 80, d: 90 },
      { a: 4, b: 3, c: 112, d: 150 },
    ];
    // Cochran–Mantel–Haenszel without continuity correction, written out (Agresti 2013, 6.4.2):
    // (Σ a − E[a])² / Σ Var(a), E[a] = (a+b)(a+c)/n, Var(a) = (a+b)(c+d)(a+c)(b+d) / (n²(n−1)).
    let deviation = 0;
    let variance = 0;
    for (const { a, b, c, d } of strata) {
      const n = a + b + c + d;
      deviation += a - ((a + b) * (a + c)) / n;
      variance += ((a + b) * (c + d) * (a + c) * (b + d)) / (n * n * (n - 1));
    }
    const statistic = (deviation * deviation) / variance;
    expect(s.stratified.cmh.df).toBe(1);
    expect(Math.abs(s.stratified.cmh.statistic! - statistic)).toBeLessThan(1e-12 * statistic);
    expect(s.stratified.strataTotal).toBe(2);
    expect(s.stratified.cmh.statistic).not.toBe(model.stratified.cmh.statistic);
    // The published totals give the merged stratum: registered minus office C.
    expect(s.workOrEducation.hybrid.n! - s.offices[2].hybrid.n!).toBe(7);
    const notes = buildTables(s, { lang: 'en' }).tables.find((t) => t.id === 'pooled')!.footnotes;
    expect(notes).toContain(
      'The pooled estimates and tests over offices are computed with NAV A, NAV B merged into one stratum (2 strata in all): their cells are hidden, and the analyses by office would give them away.',
    );
  });

  it("withholds the generalized CMH when an office's outcome table holds a small count, and keeps it when none does", () => {
    const cells = [
      [
        [10, 6, 7, 20, 0],
        [30, 12, 20, 80, 5],
      ],
      [
        [8, 5, 9, 22, 0],
        [25, 10, 15, 70, 4],
      ],
    ];
    const model = modelFrom(cells);
    const outcomes = (c: number[][][]) => c.map((office) => office.map((row) => row.slice(0, 4)));
    const kept = applySuppression(model, 5, undefined, outcomes(cells)).model;
    expect(kept.stratified.generalizedCmh).toEqual(model.stratified.generalizedCmh);
    // (Only the within-counsellor results go: this pilot has fewer than 10 counsellors.)
    expect(kept.disclosureControl.withheld).toEqual(['withinCounsellor']);
    const small = structuredClone(cells);
    small[1][0] = [8, 3, 9, 22, 0];
    const smallModel = modelFrom(small);
    const withheld = applySuppression(smallModel, 5, undefined, outcomes(small)).model;
    expect(withheld.stratified.generalizedCmh).toEqual({ statistic: null, df: smallModel.stratified.generalizedCmh.df, pValue: null });
    expect(withheld.disclosureControl.withheld).toContain('stratified.generalizedCmh');
  });

  it('--min-cell 3 gives Statistics Norway’s rule: 3 and 4 are shown', () => {
    const model = modelFrom([
      [
        [3, 4, 6, 9, 0],
        [30, 12, 20, 80, 5],
      ],
    ]);
    const { model: s } = applySuppression(model, 3);
    expect(s.outcomes.table.hybrid.job).toBe(3);
    expect(s.outcomes.table.hybrid.apprenticeship).toBe(4);
  });

  it('hides one more cell, not 0, when the hidden cells of a line add up to 0', () => {
    // Offices A and B: 2 and 3 hybrid users, all with none; office C holds every hybrid
    // positive. Hidden A and B positives would each be the column total less C's: 0.
    const model = modelFrom([
      [
        [0, 0, 0, 2, 0],
        [10, 5, 5, 40, 0],
      ],
      [
        [0, 0, 0, 3, 0],
        [12, 5, 6, 45, 0],
      ],
      [
        [6, 0, 0, 9, 0],
        [11, 6, 5, 50, 0],
      ],
    ]);
    const { model: s } = applySuppression(model, 5);
    expect(s.offices[0].hybrid.positive).toBeNull();
    expect(s.offices[1].hybrid.positive).toBeNull();
    const shown = s.offices.map((o) => o.hybrid.positive).filter((v): v is number => v !== null);
    expect(s.workOrEducation.hybrid.positive === null || s.workOrEducation.hybrid.positive - shown.reduce((a, b) => a + b, 0) > 0).toBe(true);
  });

  it('Holm-adjusts the shown offices with a hidden office counted as p = 1', () => {
    const model = modelFrom([
      [
        [2, 0, 0, 1, 0],
        [10, 5, 5, 40, 0],
      ],
      [
        [8, 2, 2, 6, 0],
        [12, 5, 6, 45, 0],
      ],
      [
        [7, 2, 1, 9, 0],
        [11, 6, 5, 50, 0],
      ],
      [
        [9, 3, 3, 12, 0],
        [20, 8, 7, 70, 0],
      ],
    ]);
    const { model: s } = applySuppression(model, 5);
    const hidden = s.offices.map((o) => [o.hybrid, o.usual].some((g) => g.n === null || g.positive === null));
    expect(hidden[0]).toBe(true);
    expect(hidden.filter(Boolean).length).toBeLessThan(4);
    // Holm by hand, the hidden offices' p counted as 1 (they sort last).
    const p = model.offices.map((o, k) => (hidden[k] ? 1 : o.fisherExact!.pValue!));
    const order = [0, 1, 2, 3].sort((a, b) => p[a] - p[b]);
    const expected: number[] = [];
    order.reduce((running, k, i) => (expected[k] = Math.max(running, Math.min(1, (4 - i) * p[k]))), 0);
    s.offices.forEach((o, k) => {
      if (hidden[k]) expect(o.pValueHolm).toBeNull();
      else expect(o.pValueHolm).toBeCloseTo(expected[k], 14);
    });
    // Unsuppressed, Holm is over the real p-values, and differs.
    const shown = hidden.indexOf(false);
    expect(model.offices[shown].pValueHolm).not.toBeCloseTo(s.offices[shown].pValueHolm!, 14);
  });

  it('publishes the within-counsellor results over 10 informative counsellors or more, with Table 3 shown', () => {
    const office = [
      [9, 3, 3, 12, 0],
      [20, 8, 7, 70, 0],
    ];
    // Three counsellors an office (modelFrom): 3 offices give 9, 4 give 12.
    const three = applySuppression(modelFrom([office, office, office]), 5).model;
    expect(three.workOrEducation.hybrid.n).not.toBeNull();
    expect(three.disclosureControl.withheld).toContain('withinCounsellor');
    expect(three.withinCounsellor.mantelHaenszelOddsRatio.estimate).toBeNull();
    const four = applySuppression(modelFrom([office, office, office, office]), 5).model;
    expect(four.withinCounsellor.strataUsed).toBe(12);
    expect(four.withinCounsellor.mantelHaenszelOddsRatio.estimate).not.toBeNull();
    expect(four.disclosureControl.withheld).not.toContain('withinCounsellor');
  });

  it('leaves out a warning that counts fewer than min-cell persons', () => {
    const model = modelFrom([
      [
        [10, 5, 5, 40, 0],
        [30, 12, 20, 80, 5],
      ],
    ]);
    const warn = (n: number) => cataloguedWarning('ADJUSTED_COUNSELLOR_MISSING', { persons: n }, 'adjusted');
    const codes = (n: number) => applySuppression({ ...model, warnings: [warn(n)] }, 5).model.warnings.map((w) => w.code);
    expect(codes(2)).toEqual([]);
    expect(codes(7)).toEqual(['ADJUSTED_COUNSELLOR_MISSING']);
    expect(() => applySuppression({ ...model, warnings: [{ ...warn(2), params: {} }] }, 5)).toThrow(/has no persons parameter/);
  });

  it('property: no visible count from 1 to minCell−1, and no line holds exactly one suppressed cell', () => {
    const cellCount = fc.integer({ min: 0, max: 12 });
    const group = fc.array(cellCount, { minLength: 5, maxLength: 5 });
    const office = fc.tuple(group, fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 5, maxLength: 5 }));
    fc.assert(
      fc.property(fc.array(office, { minLength: 1, maxLength: 5 }), fc.integer({ min: 3, max: 6 }), (offices, minCell) => {
        const model = modelFrom(offices.map(([h, u]) => [h, u]));
        const { model: s } = applySuppression(model, minCell);
        for (const value of allCounts(s)) {
          if (value !== null) expect(value === 0 || value >= minCell).toBe(true);
        }
        for (const line of publishedLines(s)) {
          expect(line.filter((v) => v === null).length).not.toBe(1);
        }
      }),
      { numRuns: 150, seed: 20221110 },
    );
  });
});
