import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isqrtFloor } from '../../../kernel/amount.ts';
import { votingSeed } from '../testing/arbitraries.ts';
import { bitLength, rootMantissa } from './quadratic-roots.ts';

describe('quadratic roots', () => {
  it('bitLength is exact for bigints and safe-integer doubles', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 130 }).chain((bits) => fc.bigInt({ min: 1n << BigInt(bits - 1), max: (1n << BigInt(bits)) - 1n })),
        (value) => {
          expect(bitLength(value)).toBe(value.toString(2).length);
          if (value <= BigInt(Number.MAX_SAFE_INTEGER)) expect(bitLength(Number(value))).toBe(value.toString(2).length);
        },
      ),
      { seed: votingSeed, numRuns: 2000 },
    );
    expect(bitLength((1n << 100n) - 1n)).toBe(100);
    expect(bitLength(2 ** 53 - 1)).toBe(53);
  });

  it('rootMantissa is floor(sqrt(power * 2^(-2e) / W)), below 2^42', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: (1n << 128n) - 1n }), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (power, weightSum) => {
        const exponent = Math.floor((bitLength(power) - bitLength(weightSum)) / 2) - 40;
        const shift = BigInt(-2 * exponent);
        const scaled = shift >= 0n ? (power << shift) / BigInt(weightSum) : (power >> -shift) / BigInt(weightSum);
        const mantissa = rootMantissa(power, weightSum, exponent);
        expect(BigInt(mantissa)).toBe(isqrtFloor(scaled));
        expect(mantissa >= 2 ** 39 && mantissa < 2 ** 42).toBe(true);
      }),
      { seed: votingSeed, numRuns: 3000 },
    );
  });

  it('rootMantissa is exact on perfect squares (where the double is closest to an integer)', () => {
    for (let root = 1n; root < 5000n; root += 7n) {
      const power = root * root;
      const exponent = Math.floor((bitLength(power) - 1) / 2) - 40;
      expect(BigInt(rootMantissa(power, 1, exponent))).toBe(isqrtFloor(power << BigInt(-2 * exponent)));
    }
  });
});
