/** A uniform generator whose state can be saved and resumed elsewhere (another thread). */
export interface ResumableUniform {
  /** The next double in [0, 1). */
  uniform: () => number;
  /** The generator's state now: 4 unsigned 32-bit words. uniformFromState(save()) continues the same sequence. */
  save: () => Uint32Array;
  /** Moves on as `count` calls of uniform() would, without making the doubles. */
  advance: (count: number) => void;
}

/**
 * Seeded uniform generator for Monte Carlo tests: xoshiro128** (Blackman & Vigna 2018),
 * state seeded by splitmix32 so any 32-bit seed gives a well-mixed start. Returns doubles
 * in [0, 1) with 53 random bits, identical on every platform for the same seed.
 */
export function seededUniform(seed: number): () => number {
  return resumableUniform(seed).uniform;
}

/** seededUniform(seed), with its state saveable (see ResumableUniform). */
export function resumableUniform(seed: number): ResumableUniform {
  let x = seed >>> 0;
  const splitmix32 = (): number => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  const state = Uint32Array.of(splitmix32(), splitmix32(), splitmix32(), splitmix32());
  if ((state[0] | state[1] | state[2] | state[3]) === 0) state[0] = 1;
  return xoshiro128(state);
}

/** Continues a generator from a state saved by ResumableUniform.save. */
export function uniformFromState(state: ArrayLike<number>): () => number {
  if (state.length !== 4) throw new RangeError(`uniformFromState: a state has 4 words, got ${state.length}`);
  return xoshiro128(Uint32Array.from(state)).uniform;
}

function xoshiro128(state: Uint32Array): ResumableUniform {
  let s0 = state[0] | 0;
  let s1 = state[1] | 0;
  let s2 = state[2] | 0;
  let s3 = state[3] | 0;
  const next32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
  return {
    uniform: () => ((next32() >>> 5) * 67108864 + (next32() >>> 6)) / 9007199254740992,
    save: () => Uint32Array.of(s0, s1, s2, s3),
    advance: (count) => {
      for (let k = 0; k < count; k++) {
        next32();
        next32();
      }
    },
  };
}

function rotl(v: number, k: number): number {
  return (v << k) | (v >>> (32 - k));
}
