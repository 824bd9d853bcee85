import { describe, expect, it } from 'vitest';
import { EXACT_WORK_LIMIT, withinCounsellor } from '../../src/analysis/withinCounsellor.js';
import { emptyPersonColumns } from '../../src/table/types.js';

// The R reference values of the within-counsellor analyses are in the pipeline pilots
// (tests/cli/pipeline.test.ts: mantelhaen.test and survival::clogit). Here: the guard
// that keeps the exact conditional likelihood from running for hours on huge strata.

/** One office, `counsellors` counsellors of `size` persons, a third in work, every twentieth hybrid. */
function caseloads(counsellors: number, size: number) {
  const n = counsellors * size;
  const cols = emptyPersonColumns(
    n,
    ['O'],
    Array.from({ length: counsellors }, (_, k) => `C${k}`),
    {
      counsellor: true,
      age: true,
      gender: true,
      priorWork: true,
    },
  );
  for (let i = 0; i < n; i++) {
    cols.counsellor[i] = Math.floor(i / size);
    cols.hybrid[i] = i % 20 === 0 ? 1 : 0;
    cols.outcome[i] = i % 3 === 0 ? 0 : 3;
    cols.age[i] = 20 + (i % 37);
    cols.female[i] = i % 2;
    cols.priorWork[i] = (i >> 1) % 2;
  }
  return cols;
}

describe('withinCounsellor: conditional logistic regression', () => {
  it('fits caseloads of ordinary size', () => {
    const result = withinCounsellor(caseloads(40, 120));
    expect(result.conditionalLogistic.oddsRatio.estimate).not.toBeNull();
    expect(result.conditionalLogistic.strataTotal).toBe(40);
    expect(result.warnings.map((w) => w.code)).not.toContain('CONDITIONAL_LOGISTIC_STRATA_TOO_LARGE');
  });

  it('is not fitted, with a warning, when the strata are too large for the exact likelihood', () => {
    // 4 strata of 16,000 with a third cases: 4 · 16,000 · 5,334 ≈ 3.4e8 terms per iteration.
    const result = withinCounsellor(caseloads(4, 16000));
    expect(4 * 16000 * 5334).toBeGreaterThan(EXACT_WORK_LIMIT);
    expect(result.conditionalLogistic.oddsRatio.estimate).toBeNull();
    expect(result.warnings.map((w) => w.code)).toContain('CONDITIONAL_LOGISTIC_STRATA_TOO_LARGE');
    expect(result.mantelHaenszelOddsRatio.estimate).not.toBeNull();
  });
});
