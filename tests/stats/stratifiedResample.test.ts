/**
 * Stratified resampling of units (boot::boot(strata =)'s scheme with our seeded
 * generator): every stratum keeps its size, draws are reproducible, and each unit is
 * drawn once per replicate on average.
 */
import { describe, expect, it } from 'vitest';
import { seededUniform } from '../../src/stats/random.js';
import { stratifiedResampler } from '../../src/stats/stratifiedResample.js';
import { expectClose } from '../helpers/tolerance.js';

describe('stratifiedResampler', () => {
  const stratumOf = Int32Array.of(2, 0, 0, 1, 2, 0, 2, 2, 5);
  const resample = stratifiedResampler(stratumOf);

  it('keeps every stratum’s size and draws only within it', () => {
    const uniform = seededUniform(11);
    for (let b = 0; b < 200; b++) {
      const counts = new Int32Array(stratumOf.length);
      resample(uniform, counts);
      for (const s of [0, 1, 2, 5]) {
        const size = stratumOf.filter((x) => x === s).length;
        const drawn = Array.from(counts).reduce((a, c, u) => a + (stratumOf[u] === s ? c : 0), 0);
        expect(drawn).toBe(size);
      }
      // A stratum of one unit always draws it once.
      expect(counts[3]).toBe(1);
      expect(counts[8]).toBe(1);
    }
  });

  it('gives the same draws for the same seed and other draws for another', () => {
    const draw = (seed: number) => {
      const uniform = seededUniform(seed);
      return Array.from({ length: 20 }, () => {
        const counts = new Int32Array(stratumOf.length);
        resample(uniform, counts);
        return Array.from(counts);
      });
    };
    expect(draw(5)).toEqual(draw(5));
    expect(draw(5)).not.toEqual(draw(6));
  });

  it('draws each unit once per replicate on average', () => {
    const uniform = seededUniform(3);
    const total = new Float64Array(stratumOf.length);
    const replicates = 20000;
    for (let b = 0; b < replicates; b++) {
      const counts = new Int32Array(stratumOf.length);
      resample(uniform, counts);
      counts.forEach((c, u) => {
        total[u] += c;
      });
    }
    // Binomial(size·B, 1/size) / B: sd at most √(1/B) ≈ 0.007; 5 sd.
    total.forEach((t) => {
      expectClose(t / replicates, 1, { absolute: 0.04 });
    });
  });
});
