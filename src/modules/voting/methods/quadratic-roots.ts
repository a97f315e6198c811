import { isqrtFloorFast } from '../isqrt.ts';
import { groupedKey } from './choice-sums.ts';

/**
 * The exact pieces of the quadratic tally (methods/quadratic.ts): bit lengths, per-ballot root
 * mantissas and their sums, computed in doubles where the result is provably exact.
 */

const powersOfTwo = Array.from({ length: 140 }, (_, bits) => 1n << BigInt(bits));

/** Bits of a positive integer (bitLength(1) = 1), exact for bigints and safe-integer doubles. */
export function bitLength(value: bigint | number): number {
  if (typeof value === 'number') {
    const high = Math.floor(value / 4294967296);
    return high > 0 ? 64 - Math.clz32(high) : 32 - Math.clz32(value);
  }
  // The double's exponent is right or one off (rounding up to a power of two): fix it exactly.
  let bits = Math.max(1, Math.floor(Math.log2(Number(value))) + 1);
  while (bits < powersOfTwo.length && value >= (powersOfTwo[bits] as bigint)) bits += 1;
  while (bits > 1 && value < (powersOfTwo[bits - 1] as bigint)) bits -= 1;
  return bits;
}

/**
 * m = floor(sqrt(power * 2^(-2e) / weightSum)), with m below 2^42. The double estimate has a
 * relative error below 2^-51 (the power's rounding, the division, the root); when it is
 * farther than estimate * 2^-49 from an integer its floor is m. Otherwise (about one ballot in
 * 500) m is taken in bigints.
 */
export function rootMantissa(power: bigint, weightSum: number, exponent: number): number {
  const estimate = Math.sqrt(Number(power) / weightSum) * 2 ** -exponent;
  const floor = Math.floor(estimate);
  const fraction = estimate - floor;
  const margin = estimate * 2 ** -49;
  if (fraction > margin && fraction < 1 - margin) return floor;
  const shift = BigInt(-2 * exponent);
  const scaled = shift >= 0n ? (power << shift) / BigInt(weightSum) : (power >> -shift) / BigInt(weightSum);
  return Number(isqrtFloorFast(scaled));
}

const limbBase = 2 ** 26;
const smallWeightMax = 256;
/** Exponents run from -66 (power 1, weights summing to 2^53) to 24 (power 2^128, weight 1). */
const exponentOffset = 70;
const exponentCount = 100;

/**
 * Sums of root mantissas by (exponent, choice, weight), each sum in two 26-bit limbs held in
 * doubles (mantissas are below 2^42: exact for 2^27 ballots). Weights of smallWeightMax and
 * above (rare) are kept in a map.
 */
export class RootBuckets {
  /** Per exponent: choiceCount * smallWeightMax * 2 doubles. */
  private readonly byExponent: (Float64Array | undefined)[] = new Array(exponentCount);
  private readonly large = new Map<string, { index: number; weight: number; exponent: number; low: number; high: number }>();

  constructor(private readonly choiceCount: number) {}

  add(index: number, weight: number, exponent: number, mantissa: number): void {
    const low = mantissa % limbBase;
    const high = (mantissa - low) / limbBase;
    if (weight >= smallWeightMax) {
      const key = `${index}:${weight}:${exponent}`;
      const bucket = this.large.get(key);
      if (bucket) {
        bucket.low += low;
        bucket.high += high;
      } else this.large.set(key, { index, weight, exponent, low, high });
      return;
    }
    let table = this.byExponent[exponent + exponentOffset];
    if (table === undefined) {
      table = new Float64Array(this.choiceCount * smallWeightMax * 2);
      this.byExponent[exponent + exponentOffset] = table;
    }
    const at = (index * smallWeightMax + weight) * 2;
    table[at] = (table[at] as number) + low;
    table[at + 1] = (table[at + 1] as number) + high;
  }

  /** The sum of t(w) * mantissa sum over the weights, by "e:i" (exponent, 0-based choice index): exact, zeros left out. */
  keyedSums(weightRoot: (weight: number) => bigint): Map<string, bigint> {
    const sums = new Map<string, bigint>();
    const add = (index: number, weight: number, exponent: number, sum: bigint): void => {
      if (sum === 0n) return;
      const key = groupedKey(exponent, index);
      sums.set(key, (sums.get(key) ?? 0n) + weightRoot(weight) * sum);
    };
    this.byExponent.forEach((table, slot) => {
      if (table === undefined) return;
      for (let at = 0; at < table.length; at += 2) {
        const bucket = at / 2;
        add(
          Math.floor(bucket / smallWeightMax),
          bucket % smallWeightMax,
          slot - exponentOffset,
          BigInt(table[at] as number) + BigInt(table[at + 1] as number) * 67108864n,
        );
      }
    });
    for (const { index, weight, exponent, low, high } of this.large.values()) add(index, weight, exponent, BigInt(low) + BigInt(high) * 67108864n);
    return sums;
  }
}
