import { describe, expect, it } from 'vitest';
import { attEstimate, type AttData } from '../../src/stats/augmentedWeightingAtt.js';
import { mulberry32 } from '../../src/simulate/random.js';
import { expectClose } from '../helpers/tolerance.js';

// R reference values for these estimators come from tests/fixtures/r/att.R through the
// pipeline pilots (tests/cli/pipeline.test.ts: primary and weighted) and
// tests/analysis/propensityWeighting.test.ts. Here: properties that hold for any data.

interface Person {
  x: number[];
  a: number;
  y: number;
  cluster: number;
}

function persons(seed: number, n: number): Person[] {
  const rand = mulberry32(seed);
  return Array.from({ length: n }, () => {
    const b = rand() < 0.4 ? 1 : 0;
    const age = 20 + Math.floor(rand() * 8);
    const a = rand() < 1 / (1 + Math.exp(-(-2 + 0.8 * b - 0.1 * (age - 24)))) ? 1 : 0;
    const y = rand() < 1 / (1 + Math.exp(-(-0.7 + 0.6 * a + 0.5 * b))) ? 1 : 0;
    return { x: [1, b, age], a, y, cluster: Math.floor(rand() * 30) };
  });
}

/** One row per person (frequency 1), or one row per distinct (x, a, y). */
function design(people: Person[], aggregate: boolean): AttData {
  const key = (p: Person) => `${p.x.join(',')}|${p.a}|${p.y}`;
  const rowOf = new Map<string, number>();
  const rows: Person[] = [];
  const frequency: number[] = [];
  const patternOfPerson = new Int32Array(people.length);
  people.forEach((p, s) => {
    const k = aggregate ? key(p) : String(s);
    let r = rowOf.get(k);
    if (r === undefined) {
      r = rows.push(p) - 1;
      rowOf.set(k, r);
      frequency.push(0);
    }
    frequency[r] += 1;
    patternOfPerson[s] = r;
  });
  return {
    x: Float64Array.from(rows.flatMap((p) => p.x)),
    p: 3,
    nRows: rows.length,
    columnNames: ['(Intercept)', 'b', 'age'],
    treatment: Uint8Array.from(rows.map((p) => p.a)),
    response: Uint8Array.from(rows.map((p) => p.y)),
    frequency: Float64Array.from(frequency),
    patternOfPerson,
    clusterOfPerson: Int32Array.from(people.map((p) => p.cluster)),
  };
}

describe('attEstimate', () => {
  const people = persons(7, 3000);

  it.each([true, false])('gives the same result on persons and on aggregated patterns (augmented: %s)', (augmented) => {
    const byPerson = attEstimate(design(people, false), { augmented });
    const aggregated = attEstimate(design(people, true), { augmented });
    expect(design(people, true).nRows).toBeLessThan(200);
    expectClose(aggregated.meanTreated, byPerson.meanTreated, { relative: 1e-9 }, 'meanTreated');
    expectClose(aggregated.meanUntreated, byPerson.meanUntreated, { relative: 1e-9 }, 'meanUntreated');
    expectClose(aggregated.difference.standardError, byPerson.difference.standardError, { relative: 1e-9 }, 'difference.standardError');
    expectClose(aggregated.ratio.standardErrorLog, byPerson.ratio.standardErrorLog, { relative: 1e-9 }, 'ratio.standardErrorLog');
    expect(aggregated.clusters).toBe(30);
  });

  it('without augmentation, the treated mean is the treated share and the untreated weights vary', () => {
    const r = attEstimate(design(people, true), { augmented: false });
    const d = design(people, true);
    expectClose(r.meanTreated, people.filter((p) => p.a === 1 && p.y === 1).length / people.filter((p) => p.a === 1).length, { absolute: 5e-15 });
    expect(r.weights.max).toBeGreaterThan(r.weights.min!);
    expect(d.frequency.reduce((s, f) => s + f, 0)).toBe(3000);
  });

  it('counts the fitted models: the stacked variance differs from treating them as known', () => {
    const r = attEstimate(design(people, true), { augmented: true });
    expect(r.difference.standardError).not.toBeNull();
    // With one cluster per person the G/(G−1) factor is (n)/(n−1); with 30 clusters the SE must change.
    const perPerson = attEstimate({ ...design(people, true), clusterOfPerson: Int32Array.from(people.map((_, s) => s)) }, { augmented: true });
    expect(perPerson.difference.standardError).not.toBeCloseTo(r.difference.standardError!, 6);
  });

  it('is undefined with one group, and gives no variance with one cluster', () => {
    const treatedOnly = people.map((p) => ({ ...p, a: 1 }));
    expect(attEstimate(design(treatedOnly, true), { augmented: true }).warnings.map((w) => w.code)).toEqual(['ATT_ONE_GROUP']);
    const oneCluster = attEstimate({ ...design(people, true), clusterOfPerson: new Int32Array(people.length) }, { augmented: true });
    expect(oneCluster.meanTreated).not.toBeNull();
    expect(oneCluster.difference.ciLow).toBeNull();
    expect(oneCluster.warnings.map((w) => w.code)).toEqual(['ATT_FEW_CLUSTERS']);
  });
});
