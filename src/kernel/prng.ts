/**
 * A seeded pseudo-random generator (SplitMix32 seeding xoshiro128**) for simulations and
 * randomized tests. Never used for keys or tokens: those come from node:crypto.
 */
export interface Prng {
  readonly seed: number;
  nextUint32(): number;
  /** Uniform integer in [0, bound), bound <= 2^32. */
  nextInt(bound: number): number;
  /** Uniform bigint in [0, bound). */
  nextBigInt(bound: bigint): bigint;
  pick<T>(items: readonly T[]): T;
}

export function createPrng(seed: number): Prng {
  let s = seed >>> 0;
  const splitMix = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  const state = [splitMix(), splitMix(), splitMix(), splitMix()] as [number, number, number, number];
  const rotl = (x: number, k: number): number => ((x << k) | (x >>> (32 - k))) >>> 0;
  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(state[1], 5) >>> 0, 7), 9) >>> 0;
    const t = (state[1] << 9) >>> 0;
    state[2] ^= state[0];
    state[3] ^= state[1];
    state[1] ^= state[2];
    state[0] ^= state[3];
    state[2] ^= t;
    state[3] = rotl(state[3], 11);
    return result;
  };
  const nextInt = (bound: number): number => {
    if (!Number.isInteger(bound) || bound <= 0 || bound > 2 ** 32) throw new RangeError('bound must be in 1..2^32');
    // Rejection sampling keeps the distribution uniform.
    const limit = 2 ** 32 - (2 ** 32 % bound);
    for (;;) {
      const value = nextUint32();
      if (value < limit) return value % bound;
    }
  };
  const nextBigInt = (bound: bigint): bigint => {
    if (bound <= 0n) throw new RangeError('bound must be positive');
    const words = Math.ceil(bound.toString(2).length / 32) + 1;
    let value = 0n;
    for (let i = 0; i < words; i += 1) value = (value << 32n) | BigInt(nextUint32());
    return value % bound; // the extra word makes the modulo bias below 2^-32
  };
  return {
    seed,
    nextUint32,
    nextInt,
    nextBigInt,
    pick: <T>(items: readonly T[]): T => {
      const item = items[nextInt(items.length)];
      if (item === undefined) throw new RangeError('cannot pick from an empty list');
      return item;
    },
  };
}
