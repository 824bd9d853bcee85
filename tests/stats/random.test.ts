/** The seeded generator's saved states: a resumed generator continues the same sequence. */
import { describe, expect, it } from 'vitest';
import { resumableUniform, seededUniform, uniformFromState } from '../../src/stats/random.js';

describe('resumableUniform and uniformFromState', () => {
  it('is seededUniform, and a state saved after k draws resumes with draw k + 1', () => {
    for (const seed of [0, 1, 20250113, 2 ** 32 - 1]) {
      const reference = seededUniform(seed);
      const expected = Array.from({ length: 50 }, () => reference());
      const generator = resumableUniform(seed);
      const states: Uint32Array[] = [];
      const got = expected.map(() => {
        states.push(generator.save());
        return generator.uniform();
      });
      expect(got).toEqual(expected);
      const advanced = resumableUniform(seed);
      advanced.advance(17);
      expect(advanced.uniform()).toBe(expected[17]);
      for (const k of [0, 1, 17, 49]) {
        const resumed = uniformFromState(states[k]);
        expect(Array.from({ length: 50 - k }, () => resumed())).toEqual(expected.slice(k));
      }
      for (const u of expected) expect(u >= 0 && u < 1).toBe(true);
    }
  });

  it('saves copies: drawing on does not change a saved state', () => {
    const generator = resumableUniform(7);
    const state = generator.save();
    const before = Array.from(state);
    generator.uniform();
    expect(Array.from(state)).toEqual(before);
    expect(() => uniformFromState([1, 2, 3])).toThrow(/4 words/);
  });
});
