/**
 * The optimised adjusted analyses (integer pattern keys, designs shared between the
 * outcome and propensity models, sparse design rows, person loops over typed arrays)
 * and the optimised Fisher test (shared log-factorials, no count pass when the
 * enumeration is small) must give exactly the results of the straightforward code
 * they replaced, frozen in tests/stats/reference/. Seeded data sets cover missing
 * values, fractional ages (the map fallback), absent covariates and counsellors.
 */
import { describe, expect, it } from 'vitest';
import { adjustedEstimate } from '../../src/analysis/adjusted.js';
import { fisherExact } from '../../src/stats/fisherExact.js';
import { propensityWeighting } from '../../src/analysis/propensityWeighting.js';
import { mulberry32 } from '../../src/simulate/random.js';
import { emptyPersonColumns, type PersonColumns } from '../../src/table/types.js';
import { adjustedEstimate as referenceAdjusted } from './reference/adjusted.js';
import { fisherExact as referenceFisher } from './reference/fisherExact.js';
import { propensityWeighting as referencePropensity } from './reference/propensityWeighting.js';

interface Scenario {
  seed: number;
  n: number;
  offices: number;
  missing: number;
  fractionalAges: boolean;
  has: PersonColumns['has'];
}

/** Persons whose outcome depends on group, office, age, gender and prior work. */
function seededPersons(sc: Scenario): PersonColumns {
  const rand = mulberry32(sc.seed);
  const { n } = sc;
  const cols = emptyPersonColumns(
    n,
    Array.from({ length: sc.offices }, (_, k) => `O${k}`),
    // Ten counsellors per office: at least 30 clusters, the HC0 variance the frozen code has (CR2 below 30).
    Array.from({ length: sc.offices * 10 }, (_, k) => `C${k}`),
    sc.has,
  );
  const gone = () => rand() < sc.missing;
  for (let i = 0; i < n; i++) {
    const o = Math.floor(rand() * sc.offices);
    cols.office[i] = o;
    cols.counsellor[i] = gone() ? -1 : o * 10 + Math.floor(rand() * 10);
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
const scenarios: Scenario[] = [
  { seed: 1, n: 400, offices: 3, missing: 0.05, fractionalAges: false, has: all },
  { seed: 2, n: 3000, offices: 8, missing: 0.02, fractionalAges: false, has: all },
  { seed: 3, n: 1500, offices: 5, missing: 0.1, fractionalAges: true, has: all },
  { seed: 4, n: 800, offices: 1, missing: 0.03, fractionalAges: false, has: { counsellor: false, age: true, gender: false, priorWork: true } },
  { seed: 5, n: 1200, offices: 4, missing: 0, fractionalAges: false, has: { counsellor: true, age: false, gender: true, priorWork: false } },
];

/** The numbers and the warnings' codes: messages and their parameters are the report's business. */
function codesOnly<T extends { warnings?: readonly { code: string }[] }>(result: T) {
  return { ...result, warnings: result.warnings?.map((w) => w.code) };
}

describe('optimised adjusted analyses equal the straightforward code', () => {
  for (const sc of scenarios) {
    it(`seed ${sc.seed}: ${sc.n} persons, ${sc.offices} office(s)${sc.fractionalAges ? ', fractional ages' : ''}`, () => {
      // Separate column objects, so that neither side sees the other's cached designs.
      // With at least 30 clusters (or none) the variance is HC0, which the frozen code computes.
      const { variance, df, ...adjusted } = adjustedEstimate(seededPersons(sc));
      expect([variance, df]).toEqual(['HC0', null]);
      expect(codesOnly(adjusted)).toEqual(codesOnly(referenceAdjusted(seededPersons(sc))));
      // The weighted estimate's interval is no longer the frozen code's HC0 one: it is the
      // stacked estimating-equation sandwich, checked against R in tests/cli/pipeline.test.ts
      // and tests/analysis/propensityWeighting.test.ts; with one cluster there is none
      // (PS_FEW_CLUSTERS), where HC0 gave one. Everything else must be equal.
      const optimised = propensityWeighting(seededPersons(sc));
      const reference = referencePropensity(seededPersons(sc));
      const withoutInterval = (r: typeof optimised) => ({
        ...r,
        riskDifference: r.riskDifference.estimate,
        warnings: r.warnings.filter((w) => w.code !== 'PS_FEW_CLUSTERS').map((w) => w.code),
      });
      expect(withoutInterval(optimised)).toEqual(withoutInterval(reference));
    });
  }
});

describe('optimised fisherExact equals the straightforward code', () => {
  it('on seeded 2 x k tables (exact and Monte Carlo)', () => {
    const rand = mulberry32(11);
    for (let trial = 0; trial < 40; trial++) {
      const k = 2 + (trial % 4);
      const scale = trial % 5 === 4 ? 3000 : 60;
      const table = [0, 1].map(() => Array.from({ length: k }, () => Math.floor(rand() * scale)));
      const opts = { replicates: 2000, maxTables: trial % 3 === 0 ? 50 : undefined };
      expect(codesOnly(fisherExact(table, opts))).toEqual(codesOnly(referenceFisher(table, opts)));
    }
  });
});
