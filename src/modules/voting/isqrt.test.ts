import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isqrtFloor } from '../../kernel/amount.ts';
import { isqrtFloorFast } from './isqrt.ts';
import { pairRoot, smallRoot } from './methods/credits.ts';
import { votingSeed } from './testing/arbitraries.ts';

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

  it('pairRoot is isqrtFloor(high * 10^15 + low) whenever it answers', () => {
    let answered = 0;
    const values = fc.integer({ min: 50, max: 99 }).chain((bits) => fc.bigInt({ min: 10n ** 15n, max: (1n << BigInt(bits)) - 1n }));
    fc.assert(
      fc.property(values, fc.constantFrom(-1n, 0n, 1n, 7n), (base, offset) => {
        // Perfect squares and their neighbours half of the time: there the double is hardest.
        const root = isqrtFloor(base);
        const value = offset === 7n ? base : root * root + offset;
        if (value < 10n ** 15n || value >= 10n ** 30n) return;
        const answer = pairRoot(Number(value / 10n ** 15n), Number(value % 10n ** 15n));
        if (answer < 0) return;
        answered += 1;
        expect(BigInt(answer)).toBe(isqrtFloor(value));
      }),
      { seed: votingSeed, numRuns: 5000 },
    );
    // It answers for most values below 10^26 that are not next to a square, and gives up near squares.
    expect(answered).toBeGreaterThan(500);
  });
});
