/**
 * Cluster-robust HC0 covariance with G/(G − 1), checked against R
 * `sandwich::vcovCL(fit, cluster = ~counsellor, type = "HC0", cadjust = TRUE)`
 * for the person-level glm of tests/fixtures/r/adjusted.R, computed from person
 * rows and from aggregated patterns that keep the cluster id.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clusterRobustVcov } from '../../src/stats/clusterRobust.js';
import { fitLogistic, type LogisticDesign } from '../../src/stats/logistic.js';
import { expectClose } from '../helpers/tolerance.js';

interface GlmFixture {
  columnNames: string[];
  x: number[][];
  y: number[];
  cluster: number[];
  vcovCL: number[][];
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/r/adjusted.json', import.meta.url), 'utf8')) as { glm: GlmFixture };

function design(g: GlmFixture, aggregate: boolean): { design: LogisticDesign; cluster: Int32Array } {
  const index = new Map<string, number>();
  const x: number[][] = [];
  const y: number[] = [];
  const w: number[] = [];
  const cl: number[] = [];
  g.x.forEach((row, i) => {
    const key = aggregate ? `${row.join(',')}|${g.y[i]}|${g.cluster[i]}` : String(i);
    let r = index.get(key);
    if (r === undefined) {
      r = w.length;
      index.set(key, r);
      x.push(row);
      y.push(g.y[i]);
      w.push(0);
      cl.push(g.cluster[i]);
    }
    w[r] += 1;
  });
  return {
    design: {
      x: Float64Array.from(x.flat()),
      y: Float64Array.from(y),
      weights: Float64Array.from(w),
      nRows: w.length,
      p: g.columnNames.length,
      columnNames: g.columnNames,
    },
    cluster: Int32Array.from(cl),
  };
}

describe('clusterRobustVcov (sandwich::vcovCL HC0, cadjust = TRUE)', () => {
  it.each([
    ['person rows', false],
    ['aggregated patterns', true],
  ] as const)('matches vcovCL on %s', (_label, aggregate) => {
    const { design: d, cluster } = design(fixture.glm, aggregate);
    const fit = fitLogistic(d);
    const robust = clusterRobustVcov(d, fit, cluster)!;
    expect(robust.clusters).toBe(new Set(fixture.glm.cluster).size);
    const p = d.p;
    for (let i = 0; i < p; i++) {
      // Diagonal to 1e-6; off-diagonal relative to the diagonal scale.
      expectClose(robust.vcov[i * p + i], fixture.glm.vcovCL[i][i], { relative: 1e-6 }, `vcov[${i}][${i}]`);
      for (let j = 0; j < p; j++) {
        const scale = Math.sqrt(fixture.glm.vcovCL[i][i] * fixture.glm.vcovCL[j][j]);
        expectClose(robust.vcov[i * p + j], fixture.glm.vcovCL[i][j], { absolute: 1e-6 * scale }, `vcov[${i}][${j}]`);
      }
    }
  });

  it('is null with a single cluster', () => {
    const { design: d } = design(fixture.glm, false);
    const fit = fitLogistic(d);
    expect(clusterRobustVcov(d, fit, new Int32Array(d.nRows))).toBeNull();
  });
});
