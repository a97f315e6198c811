import { describe, expect, it } from 'vitest';
import { createPrng } from './prng.ts';

const draw = (seed: number, count: number): number[] => {
  const prng = createPrng(seed);
  return Array.from({ length: count }, () => prng.nextUint32());
};

describe('createPrng', () => {
  it('gives the same sequence for the same seed', () => {
    expect(draw(7, 1000)).toEqual(draw(7, 1000));
  });

  it('gives different sequences for different seeds', () => {
    expect(draw(7, 8)).not.toEqual(draw(8, 8));
  });

  it('keeps its sequence across releases (simulations replay from recorded seeds)', () => {
    // Frozen from this implementation: a change here breaks every recorded seed.
    expect(draw(42, 4)).toEqual([2837322924, 544945897, 479756282, 3500138142]);
  });

  it('nextUint32 stays within 32 bits', () => {
    for (const value of draw(3, 10_000)) expect(value >>> 0).toBe(value);
  });

  it.each([1, 2, 3, 7, 10, 1000, 2 ** 31 + 5, 2 ** 32])('nextInt(%i) stays in [0, bound)', (bound) => {
    const prng = createPrng(bound);
    for (let i = 0; i < 2000; i += 1) {
      const value = prng.nextInt(bound);
      expect(Number.isInteger(value) && value >= 0 && value < bound).toBe(true);
    }
  });

  it('nextInt reaches every value of a small range', () => {
    const prng = createPrng(11);
    const seen = new Set<number>();
    for (let i = 0; i < 500; i += 1) seen.add(prng.nextInt(6));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it.each([0, -1, 1.5, 2 ** 32 + 1, Number.NaN])('nextInt rejects the bound %d', (bound) => {
    expect(() => createPrng(1).nextInt(bound)).toThrow(RangeError);
  });

  it('nextBigInt stays in [0, bound) for bounds beyond 2^64', () => {
    const prng = createPrng(5);
    const bound = (1n << 100n) + 12_345n;
    for (let i = 0; i < 1000; i += 1) {
      const value = prng.nextBigInt(bound);
      expect(value >= 0n && value < bound).toBe(true);
    }
    expect(() => prng.nextBigInt(0n)).toThrow(RangeError);
  });

  it('pick returns items of the list and refuses an empty one', () => {
    const prng = createPrng(9);
    const items = ['a', 'b', 'c'] as const;
    for (let i = 0; i < 100; i += 1) expect(items).toContain(prng.pick(items));
    expect(() => prng.pick([])).toThrow(RangeError);
  });
});
