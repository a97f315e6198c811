import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { isqrtFloor } from '../../kernel/amount.ts';
import { isqrtFloorFast } from './isqrt.ts';
import { pairLow52, pairRoot, smallRoot } from './methods/credits.ts';
import { votingSeed } from './testing/arbitraries.ts';

beforeAll(() => {
  console.info(`isqrt: fast-check seed ${votingSeed} (VOTING_SEED=<n> replays another)`);
});

/** Squares and their neighbours around every range boundary the fast paths use. */
function edges(): bigint[] {
  const values: bigint[] = [0n, 1n, 2n, 3n, 4n];
  for (const bits of [26n, 27n, 52n, 53n, 60n, 100n, 104n, 128n, 200n, 500n, 999n, 1000n, 1001n, 1500n]) {
    const root = 1n << (bits / 2n);
    for (const r of [root - 1n, root, root + 1n]) values.push(r * r - 1n, r * r, r * r + 1n, (r + 1n) * (r + 1n) - 1n);
    values.push((1n << bits) - 1n, 1n << bits, (1n << bits) + 1n);
  }
  return values.filter((value) => value >= 0n);
}

describe('isqrtFloorFast equals the kernel isqrtFloor', () => {
  it.each(edges().map((value) => [value]))('isqrt(%s)', (value) => {
    expect(isqrtFloorFast(value)).toBe(isqrtFloor(value));
  });

  it('on random values of every size', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1200 }).chain((bits) => fc.bigInt({ min: 0n, max: (1n << BigInt(bits)) - 1n })),
        (value) => {
          expect(isqrtFloorFast(value)).toBe(isqrtFloor(value));
        },
      ),
      { seed: votingSeed, numRuns: 3000 },
    );
  });

  it('on random perfect squares and their neighbours', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 1n << 200n }), fc.constantFrom(-1n, 0n, 1n), (root, offset) => {
        const value = root * root + offset;
        expect(isqrtFloorFast(value)).toBe(isqrtFloor(value));
      }),
      { seed: votingSeed, numRuns: 3000 },
    );
  });

  it('throws on negative values like the kernel', () => {
    expect(() => isqrtFloorFast(-1n)).toThrow(RangeError);
  });
});

describe('the double roots of quadratic-credits', () => {
  it('smallRoot equals isqrtFloor below 2^52', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 0, max: 2 ** 52 - 1 }),
          fc.integer({ min: 1, max: 2 ** 26 }).map((root) => Math.min(2 ** 52 - 1, root * root - 1)),
        ),
        (value) => {
          expect(BigInt(smallRoot(value))).toBe(isqrtFloor(BigInt(value)));
        },
      ),
      { seed: votingSeed, numRuns: 3000 },
    );
  });

  const split = 10n ** 15n;
  const pairRootOf = (value: bigint): number => pairRoot(Number(value / split), Number(value % split));

  /** Squares and their neighbours around the ranges pairRoot covers (10^15 to 10^30 - 1). */
  function pairEdges(): bigint[] {
    const values: bigint[] = [split, split + 1n, 10n ** 30n - 1n, (1n << 53n) - 1n, 1n << 53n, (1n << 53n) + 1n, (1n << 99n) - 1n];
    const roots = [
      31_622_777n,
      31_622_778n,
      10n ** 12n,
      10n ** 15n - 1n,
      (1n << 26n) + 1n,
      1n << 45n,
      (1n << 50n) - 1n,
      999_999_999_999_999n,
      123_456_789_012_345n,
    ];
    for (let digits = 8n; digits <= 15n; digits += 1n) roots.push(10n ** digits - 1n, 10n ** digits, 3n * 10n ** (digits - 1n) + 7n);
    for (const root of roots) for (const offset of [-2n, -1n, 0n, 1n, 2n]) values.push(root * root + offset);
    for (const root of roots) values.push(root * root + 2n * root, root * root + 2n * root + 1n);
    return values.filter((value) => value >= split && value < 10n ** 30n);
  }

  it.each(pairEdges().map((value) => [value]))('pairRoot(%s) is exact', (value) => {
    expect(BigInt(pairRootOf(value))).toBe(isqrtFloor(value));
  });

  it('pairRoot is isqrtFloor(high * 10^15 + low) on random values, squares and their neighbours', () => {
    const values = fc.oneof(
      fc.integer({ min: 50, max: 99 }).chain((bits) => fc.bigInt({ min: split, max: (1n << BigInt(bits)) - 1n })),
      // Near squares the double estimate is closest to an integer: the exact correction decides.
      fc
        .tuple(fc.bigInt({ min: 31_622_777n, max: 10n ** 15n - 1n }), fc.bigInt({ min: -3n, max: 3n }))
        .map(([root, offset]) => root * root + offset),
      fc.tuple(fc.integer({ min: 26, max: 49 }), fc.bigInt({ min: -2n, max: 2n })).map(([bits, offset]) => (1n << BigInt(2 * bits)) + offset),
    );
    fc.assert(
      fc.property(values, (value) => {
        fc.pre(value >= split && value < 10n ** 30n);
        expect(BigInt(pairRootOf(value))).toBe(isqrtFloor(value));
      }),
      { seed: votingSeed, numRuns: 20_000 },
    );
  });

  it('pairLow52 is (high * 10^15 + low) mod 2^52 for high <= 2^52', () => {
    const highs = fc.oneof(fc.integer({ min: 0, max: 2 ** 52 }), fc.constantFrom(0, 1, 2 ** 37 - 1, 2 ** 37, 2 ** 37 + 1, 2 ** 52 - 1, 2 ** 52, 10 ** 15 - 1));
    const lows = fc.oneof(fc.integer({ min: 0, max: 10 ** 15 - 1 }), fc.constantFrom(0, 1, 10 ** 15 - 1, 2 ** 49));
    fc.assert(
      fc.property(highs, lows, (high, low) => {
        expect(BigInt(pairLow52(high, low))).toBe((BigInt(high) * split + BigInt(low)) % (1n << 52n));
      }),
      { seed: votingSeed, numRuns: 20_000 },
    );
  });
});
