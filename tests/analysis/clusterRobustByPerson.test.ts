/**
 * The fast path (model fitted on covariate patterns that span counsellors, scores
 * added per person) must equal the straightforward path: one design row per person
 * and clusterRobustVcov on it. Both are also checked against R elsewhere.
 */
import { describe, expect, it } from 'vitest';
import { analysisSample, buildPatternDesign } from '../../src/analysis/adjusted.js';
import { clusterRobustVcov, clusterRobustVcovByPerson } from '../../src/stats/clusterRobust.js';
import { fitLogistic, type LogisticDesign } from '../../src/stats/logistic.js';
import { isWorkOrEducation } from '../../src/analysis/workOrEducation.js';
import { loadPersons } from '../helpers/persons.js';
import { expectClose } from '../helpers/tolerance.js';

describe('clusterRobustVcovByPerson', () => {
  for (const name of ['realistic', 'edge']) {
    it(`equals the person-level sandwich on ${name} data`, () => {
      const cols = loadPersons(name);
      const sample = analysisSample(cols);
      const response = (i: number) => (isWorkOrEducation(cols.outcome[i]) ? 1 : 0);
      const patterns = buildPatternDesign(cols, sample, { includeGroup: true, response });
      const fast = fitLogistic(patterns.design);
      const cluster = Int32Array.from(sample.rows, (i) => cols.counsellor[i]);
      const byPerson = clusterRobustVcovByPerson(patterns.design, fast, patterns.patternOfPerson, cluster)!;

      // One row per person: the pattern's row, with frequency weight 1.
      const { p } = patterns.design;
      const n = sample.rows.length;
      const x = new Float64Array(n * p);
      const y = new Float64Array(n);
      patterns.patternOfPerson.forEach((r, s) => {
        x.set(patterns.design.x.subarray(r * p, (r + 1) * p), s * p);
        y[s] = patterns.design.y[r];
      });
      const personDesign: LogisticDesign = { ...patterns.design, x, y, weights: new Float64Array(n).fill(1), nRows: n };
      const slow = fitLogistic(personDesign);
      const reference = clusterRobustVcov(personDesign, slow, cluster)!;

      expect(patterns.design.nRows).toBeLessThan(n);
      expect(byPerson.clusters).toBe(reference.clusters);
      for (let k = 0; k < p * p; k++) {
        expectClose(byPerson.vcov[k], reference.vcov[k], { relative: 1e-9, absolute: 1e-15 });
      }
      for (let j = 0; j < p; j++) {
        expectClose(fast.coefficients[j], slow.coefficients[j], { relative: 1e-9, absolute: 1e-12 });
      }
    });
  }
});
