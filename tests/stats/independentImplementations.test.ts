/**
 * The adjusted analyses and the Fisher test against small, independent implementations
 * in tests/stats/independent/ (they import nothing from src but types): person-level
 * Newton–Raphson fits instead of covariate patterns, the sandwiches by their textbook
 * formulas with n_g × n_g matrices for CR2, propensity weighting and its stacked
 * sandwich by direct formulas, and Fisher's test by listing every table with the
 * observed margins. Numbers are compared, never messages. Seeded persons cover missing
 * values, fractional ages, absent covariates and counsellors, and fewer than 30
 * clusters (CR2).
 *
 * Tolerances (relative unless said), with the largest differences seen:
 * - ESTIMATE 1e-10: odds ratios, risk differences and their stacked-sandwich intervals,
 *   weights. glm stops at a relative deviance change below 1e-8, where its coefficients
 *   are already accurate to about 1e-12; Newton here runs to rounding. Seen: 3.2e-12.
 * - COVARIANCE 2e-6: model-based and cluster-robust SEs, Satterthwaite df and the Wald
 *   interval of the adjusted model. glm (and src, to match R) takes the covariance from
 *   its last IRLS solve, one step before the estimate, which here differs from the
 *   covariance at the maximum by about 2e-7 relative (with glm's epsilon at 1e-15 the
 *   SEs agree to 1e-13). Seen: 5.5e-7 (CR2).
 * - P_VALUE 1e-5: a normal p-value moves about z² times as much as the SE, relatively.
 *   Seen: 6.7e-7 (p = 4e-4).
 * - SMD absolute 1e-11: SMDs after weighting are close to 0. Seen: 1.2e-12.
 * - FISHER 1e-12: sums of a few thousand probabilities. Seen: 6.8e-14 (every 2 × 2 with
 *   cells up to 12, 2 × 3 up to 5 and 2 × 4 up to 3, once).
 * With CR2 the interval and p come from Student t on df (src/stats/studentT.ts, checked
 * against R's pt and qt in clusterRobustCr2.test.ts); here only the SE and df are compared.
 */
import { describe, expect, it } from 'vitest';
import { adjustedEstimate } from '../../src/analysis/adjusted.js';
import { propensityWeighting } from '../../src/analysis/propensityWeighting.js';
import { fisherExact } from '../../src/stats/fisherExact.js';
import { mulberry32 } from '../../src/simulate/random.js';
import { emptyPersonColumns, type PersonColumns } from '../../src/table/types.js';
import { expectClose } from '../helpers/tolerance.js';
import { adjustedByPerson } from './independent/adjustedByPerson.js';
import { fisherByEnumeration } from './independent/fisherByEnumeration.js';
import { normalTwoSidedP } from './independent/normalTail.js';
import { propensityByPerson } from './independent/propensityByPerson.js';

const ESTIMATE = { relative: 1e-10 };
const COVARIANCE = { relative: 2e-6 };
const P_VALUE = { relative: 1e-5 };
const SMD = { absolute: 1e-11 };
const FISHER = { relative: 1e-12 };

interface Scenario {
  seed: number;
  n: number;
  offices: number;
  counsellorsPerOffice: number;
  missing: number;
  fractionalAges: boolean;
  has: PersonColumns['has'];
}

/** Persons whose outcome depends on group, office, age, gender and prior work. */
function seededPersons(sc: Scenario): PersonColumns {
  const rand = mulberry32(sc.seed);
  const { n, counsellorsPerOffice: k } = sc;
  const cols = emptyPersonColumns(
    n,
    Array.from({ length: sc.offices }, (_, o) => `O${o}`),
    Array.from({ length: sc.offices * k }, (_, c) => `C${c}`),
    sc.has,
  );
  const gone = () => rand() < sc.missing;
  for (let i = 0; i < n; i++) {
    const o = Math.floor(rand() * sc.offices);
    cols.office[i] = o;
    cols.counsellor[i] = gone() ? -1 : o * k + Math.floor(rand() * k);
    cols.hybrid[i] = rand() < 0.2 + 0.1 * (o % 3) ? 1 : 0;
    const age = 18 + rand() * 45;
    cols.age[i] = gone() ? Number.NaN : sc.fractionalAges && rand() < 0.3 ? age : Math.floor(age);
    cols.female[i] = gone() ? -1 : rand() < 0.5 ? 1 : 0;
    cols.priorWork[i] = gone() ? -1 : rand() < 0.4 ? 1 : 0;
    const eta = -1 + 0.4 * cols.hybrid[i] + 0.2 * (o % 2) - 0.02 * (age - 40) + 0.5 * Math.max(0, cols.priorWork[i]);
    const positive = rand() < 1 / (1 + Math.exp(-eta));
    cols.outcome[i] = gone() ? -1 : positive ? Math.floor(rand() * 3) : 3;
  }
  return cols;
}

const all = { counsellor: true, age: true, gender: true, priorWork: true };
const scenarios: (Scenario & { variance: 'HC0' | 'CR2' })[] = [
  { seed: 1, n: 400, offices: 3, counsellorsPerOffice: 10, missing: 0.05, fractionalAges: false, has: all, variance: 'HC0' },
  { seed: 2, n: 3000, offices: 8, counsellorsPerOffice: 10, missing: 0.02, fractionalAges: false, has: all, variance: 'HC0' },
  { seed: 3, n: 1500, offices: 5, counsellorsPerOffice: 10, missing: 0.1, fractionalAges: true, has: all, variance: 'HC0' },
  // One office and no counsellor column: one cluster, so no robust SE and no weighted interval.
  {
    seed: 4,
    n: 800,
    offices: 1,
    counsellorsPerOffice: 10,
    missing: 0.03,
    fractionalAges: false,
    has: { counsellor: false, age: true, gender: false, priorWork: true },
    variance: 'HC0',
  },
  {
    seed: 5,
    n: 1200,
    offices: 4,
    counsellorsPerOffice: 10,
    missing: 0,
    fractionalAges: false,
    has: { counsellor: true, age: false, gender: true, priorWork: false },
    variance: 'HC0',
  },
  // 10 counsellors and a few persons without one (clusters of one): CR2.
  { seed: 6, n: 300, offices: 2, counsellorsPerOffice: 5, missing: 0.02, fractionalAges: false, has: all, variance: 'CR2' },
  // Offices as clusters and as fixed effects (B_g singular): CR2.
  {
    seed: 7,
    n: 360,
    offices: 4,
    counsellorsPerOffice: 10,
    missing: 0.02,
    fractionalAges: true,
    has: { counsellor: false, age: true, gender: true, priorWork: true },
    variance: 'CR2',
  },
];

describe('adjusted analyses equal person-level fits by their formulas', () => {
  for (const sc of scenarios) {
    const label = `seed ${sc.seed}: ${sc.n} persons, ${sc.offices} office(s), ${sc.variance}${sc.fractionalAges ? ', fractional ages' : ''}`;
    it(`${label}: adjusted odds ratio`, () => {
      const actual = adjustedEstimate(seededPersons(sc));
      const expected = adjustedByPerson(seededPersons(sc));
      expect([actual.n, actual.clusters, actual.variance]).toEqual([expected.n, expected.clusters, sc.variance]);
      expect(expected.variance).toBe(sc.variance);
      expectClose(actual.oddsRatio.estimate, expected.oddsRatio.estimate, ESTIMATE, 'odds ratio');
      expectClose(actual.standardError.modelBased, expected.standardError.modelBased, COVARIANCE, 'model-based SE');
      expectClose(actual.standardError.clusterRobust, expected.standardError.clusterRobust, COVARIANCE, 'cluster-robust SE');
      expectClose(actual.df, expected.df, COVARIANCE, 'Satterthwaite df');
      if (expected.variance === 'HC0') {
        expectClose(actual.oddsRatio.ciLow, expected.oddsRatio.ciLow, COVARIANCE, 'interval, low');
        expectClose(actual.oddsRatio.ciHigh, expected.oddsRatio.ciHigh, COVARIANCE, 'interval, high');
        expectClose(actual.oddsRatio.pValue, expected.oddsRatio.pValue, P_VALUE, 'p');
      }
    });
    it(`${label}: propensity weighting`, () => {
      const actual = propensityWeighting(seededPersons(sc));
      const expected = propensityByPerson(seededPersons(sc));
      expect(actual.n).toBe(expected.n);
      expectClose(actual.riskDifference.estimate, expected.riskDifference.estimate, ESTIMATE, 'risk difference');
      expectClose(actual.riskDifference.ciLow, expected.riskDifference.ciLow, ESTIMATE, 'interval, low');
      expectClose(actual.riskDifference.ciHigh, expected.riskDifference.ciHigh, ESTIMATE, 'interval, high');
      expect(actual.smdAfter.map((s) => s.variable)).toEqual(expected.smdAfter.map((s) => s.variable));
      actual.smdAfter.forEach((s, j) => {
        expectClose(s.smd, expected.smdAfter[j].smd, SMD, `SMD of ${s.variable}`);
      });
      expectClose(actual.weights.min, expected.weights.min, ESTIMATE, 'smallest weight');
      expectClose(actual.weights.max, expected.weights.max, ESTIMATE, 'largest weight');
      expectClose(actual.weights.effectiveSampleSizeUsual, expected.weights.effectiveSampleSizeUsual, ESTIMATE, 'effective sample size');
    });
  }
});

const transposed = (t: number[][]) => t[0].map((_, j) => t.map((row) => row[j]));

describe('fisherExact equals the enumeration of all tables', () => {
  const tables: number[][][] = [
    [
      [3, 1],
      [1, 3],
    ],
    [
      [0, 5],
      [5, 0],
    ],
    [
      [10, 0],
      [0, 1],
    ],
    [
      [2, 7],
      [8, 2],
    ],
    [
      [0, 0],
      [3, 4],
    ],
    [
      [1, 0],
      [0, 0],
    ],
    [
      [2, 0, 3],
      [1, 4, 0],
    ],
    [
      [1, 0, 2],
      [3, 0, 1],
    ],
    [
      [0, 0, 0],
      [1, 2, 3],
    ],
    [
      [4, 4, 4],
      [4, 4, 4],
    ],
    [
      [3, 1, 0, 2],
      [0, 2, 4, 1],
    ],
    [
      [5, 0, 1, 0],
      [0, 3, 0, 4],
    ],
    [
      [1, 1, 1, 1],
      [1, 1, 1, 1],
    ],
    [
      [0, 6, 2, 9],
      [7, 0, 3, 1],
    ],
    // 3 × 3 with an empty row or column: 2 × 3 and 3 × 2 once they are dropped.
    [
      [2, 1, 3],
      [0, 0, 0],
      [4, 0, 1],
    ],
    [
      [2, 0, 3],
      [1, 0, 4],
      [5, 0, 0],
    ],
  ];
  for (const table of tables) {
    it(`${JSON.stringify(table)} and its transpose`, () => {
      const expected = fisherByEnumeration(table);
      for (const t of [table, transposed(table)]) {
        const actual = fisherExact(t);
        expect(actual.method).toBe('exact');
        expect(actual.tables).toBe(expected.tables);
        expectClose(actual.pValue, expected.pValue, FISHER, JSON.stringify(t));
      }
    });
  }

  it('on seeded 2 × k tables with small counts', () => {
    const rand = mulberry32(11);
    for (let trial = 0; trial < 40; trial++) {
      const k = 2 + (trial % 4);
      const table = [0, 1].map(() => Array.from({ length: k }, () => (rand() < 0.15 ? 0 : Math.floor(rand() * 8))));
      const expected = fisherByEnumeration(table);
      const actual = fisherExact(table);
      expect(actual.tables, JSON.stringify(table)).toBe(expected.tables);
      expectClose(actual.pValue, expected.pValue, FISHER, JSON.stringify(table));
    }
  });

  it('on every 2 × 2 table with cells up to 7 and every 2 × 3 with cells up to 3 (ties included)', () => {
    for (const [k, largest] of [
      [2, 7],
      [3, 3],
    ]) {
      const cells = new Array<number>(2 * k).fill(0);
      const visit = (i: number): void => {
        if (i === 2 * k) {
          const table = [cells.slice(0, k), cells.slice(k)];
          expectClose(fisherExact(table).pValue, fisherByEnumeration(table).pValue, FISHER, JSON.stringify(table));
          return;
        }
        for (let v = 0; v <= largest; v++) {
          cells[i] = v;
          visit(i + 1);
        }
      };
      visit(0);
    }
  });

  it('by Monte Carlo, within 4.5 standard errors of the enumerated p', () => {
    for (const table of [
      [
        [3, 1, 0, 2],
        [0, 2, 4, 1],
      ],
      [
        [4, 4, 4],
        [4, 4, 4],
      ],
      [
        [0, 6, 2, 9],
        [7, 0, 3, 1],
      ],
    ]) {
      const replicates = 4000;
      const actual = fisherExact(table, { maxTables: 1, replicates });
      const { pValue } = fisherByEnumeration(table);
      expect(actual.method).toBe('monte-carlo');
      expectClose(actual.pValue, pValue, { absolute: 4.5 * Math.sqrt((pValue * (1 - pValue)) / replicates) + 1 / (replicates + 1) }, JSON.stringify(table));
    }
  });

  it('rejects a 3 × 3 table, which only the enumeration handles', () => {
    const table = [
      [2, 1, 0],
      [0, 2, 1],
      [1, 0, 3],
    ];
    expect(() => fisherExact(table)).toThrow(RangeError);
    expect(fisherByEnumeration(table).tables).toBeGreaterThan(1);
  });
});

describe('the independent implementations on values known by hand or from R', () => {
  it('Fisher’s tea tasting: p = (1 + 16 + 16 + 1)/70', () => {
    expectClose(
      fisherByEnumeration([
        [3, 1],
        [1, 3],
      ]).pValue,
      34 / 70,
      FISHER,
    );
    expect(
      fisherByEnumeration([
        [3, 1],
        [1, 3],
      ]).tables,
    ).toBe(5);
  });

  it('normal two-sided p-values: R 2 * pnorm(-z)', () => {
    const r: [number, number][] = [
      [0.5, 0.6170750774519738],
      [1, 0.3173105078629141],
      [1.959963984540054, 0.05],
      [3, 0.002699796063260207],
      [5, 5.733031437583878e-7],
      [10, 1.523970604832105e-23],
    ];
    for (const [z, p] of r) expectClose(normalTwoSidedP(z), p, { relative: 1e-10 }, `z = ${z}`);
  });
});
