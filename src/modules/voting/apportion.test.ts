import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apportion } from './apportion.ts';
import { votingSeed } from './testing/arbitraries.ts';

describe('apportion (largest remainder)', () => {
  it.each([
    ['exact shares', 100n, [1n, 3n], [25n, 75n]],
    ['one leftover unit to the largest remainder', 10n, [1n, 2n], [3n, 7n]],
    ['equal remainders: the lowest-numbered first', 10n, [1n, 1n, 1n], [4n, 3n, 3n]],
    ['two leftover units', 5n, [1n, 1n, 1n], [2n, 2n, 1n]],
    ['zero weights take nothing', 7n, [0n, 5n, 0n], [0n, 7n, 0n]],
    ['all weights zero: an equal split', 7n, [0n, 0n], [4n, 3n]],
    ['a zero total', 0n, [3n, 1n], [0n, 0n]],
    ['no weights', 5n, [], []],
  ])('%s', (_name, total, weights, expected) => {
    expect(apportion(total, weights)).toEqual(expected);
  });

  it('refuses negative inputs', () => {
    expect(() => apportion(-1n, [1n])).toThrow(RangeError);
    expect(() => apportion(1n, [-1n])).toThrow(RangeError);
  });

  it('adds up to the total, each share within one unit of its exact proportion, monotone in the weights', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 30n }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 40n }), { minLength: 1, maxLength: 12 }),
        (total, weights) => {
          const shares = apportion(total, weights);
          expect(shares.reduce((a, b) => a + b, 0n)).toBe(total);
          const sum = weights.reduce((a, b) => a + b, 0n);
          if (sum === 0n) return;
          shares.forEach((share, index) => {
            const exact = total * (weights[index] as bigint); // share * sum must be within one sum of it
            expect(share * sum > exact - sum && share * sum < exact + sum).toBe(true);
            weights.forEach((other, at) => {
              if ((weights[index] as bigint) > other) expect(share >= (shares[at] as bigint)).toBe(true);
            });
          });
        },
      ),
      { seed: votingSeed, numRuns: 500 },
    );
  });
});
