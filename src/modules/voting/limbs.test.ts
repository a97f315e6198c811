import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LimbSums, limbCount, splitLimbs } from './limbs.ts';
import { votingSeed } from './testing/arbitraries.ts';

describe('limb sums', () => {
  it.each([26, 32, 40])('split and summed back exactly with %i-bit limbs', (bits) => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), fc.bigInt({ min: 0n, max: 1n << 60n })), { minLength: 1, maxLength: 40 }),
        (values) => {
          const limbs = limbCount(values, bits);
          const sums = new LimbSums(1, limbs, bits);
          const parts = new Float64Array(limbs);
          for (const value of values) {
            splitLimbs(value, parts, limbs, bits);
            for (let limb = 0; limb < limbs; limb += 1) {
              expect(Number.isInteger(parts[limb]) && (parts[limb] as number) >= 0 && (parts[limb] as number) < 2 ** bits).toBe(true);
              sums.values[limb] = (sums.values[limb] as number) + (parts[limb] as number);
            }
          }
          expect(sums.totals()).toEqual([values.reduce((a, b) => a + b, 0n)]);
        },
      ),
      { seed: votingSeed, numRuns: 300 },
    );
  });

  it('limbCount covers the largest value', () => {
    expect(limbCount([], 26)).toBe(1);
    expect(limbCount([(1n << 26n) - 1n], 26)).toBe(1);
    expect(limbCount([1n << 26n], 26)).toBe(2);
    expect(limbCount([10n ** 24n], 40)).toBe(2);
  });

  it('flushes into exact sums and can take bigints directly', () => {
    const sums = new LimbSums(2, 2, 26);
    sums.values[0] = 5;
    sums.values[1] = 1;
    sums.flush();
    sums.values[2] = 3;
    sums.addExact(1, 1n << 100n);
    expect(sums.totals()).toEqual([5n + (1n << 26n), 3n + (1n << 100n)]);
  });
});
