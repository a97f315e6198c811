/**
 * Exact sums of non-negative bigints in doubles. A value is split into limbs of `limbBits`
 * bits, each held in a double; a double adds integers exactly while they stay below 2^53, so
 * a caller adds at most 2^(53 - limbBits) limbs (times any multiplier) into a slot before it
 * calls `flush()`, which moves the doubles into bigints. Tallies add millions of powers:
 * doubles are many times faster than bigint additions, which allocate.
 */
export class LimbSums {
  /** slots * limbs doubles: slot s, limb k at s * limbs + k. Callers add into it directly. */
  readonly values: Float64Array;
  private readonly exact: bigint[];
  private readonly base: bigint;

  constructor(
    readonly slots: number,
    readonly limbs: number,
    readonly limbBits: number,
  ) {
    this.values = new Float64Array(slots * limbs);
    this.exact = new Array<bigint>(slots).fill(0n);
    this.base = 1n << BigInt(limbBits);
  }

  /** Moves every double into the exact sums. */
  flush(): void {
    const { values, limbs } = this;
    for (let slot = 0; slot < this.slots; slot += 1) {
      let sum = 0n;
      let any = false;
      for (let limb = limbs - 1; limb >= 0; limb -= 1) {
        const value = values[slot * limbs + limb] as number;
        if (value !== 0) any = true;
        sum = sum * this.base + BigInt(value);
      }
      if (!any) continue;
      this.exact[slot] = (this.exact[slot] as bigint) + sum;
      values.fill(0, slot * limbs, slot * limbs + limbs);
    }
  }

  /** The exact sums of every slot (flushes first). */
  totals(): bigint[] {
    this.flush();
    return [...this.exact];
  }

  /** Adds a bigint to a slot directly (values too large for the limbs). */
  addExact(slot: number, value: bigint): void {
    this.exact[slot] = (this.exact[slot] as bigint) + value;
  }
}

const safeUnits = BigInt(Number.MAX_SAFE_INTEGER);

/** How many limbs of `limbBits` bits the largest of `values` needs (at least one). */
export function limbCount(values: Iterable<bigint>, limbBits: number): number {
  let largest = 0n;
  for (const value of values) if (value > largest) largest = value;
  let limbs = 1;
  while (largest >> BigInt(limbs * limbBits) > 0n) limbs += 1;
  return limbs;
}

const shifts = Array.from({ length: 54 }, (_, bits) => BigInt(bits));
const fastSplitBelow = Array.from({ length: 54 }, (_, bits) => 1n << BigInt(bits + 50));

/** Writes the limbs of `value` (>= 0, below 2^(limbBits * limbs)) to out[0 .. limbs), least significant first. */
export function splitLimbs(value: bigint, out: Float64Array, limbs: number, limbBits: number): void {
  const base = 2 ** limbBits;
  let limb = 0;
  let rest: number;
  if (value <= safeUnits) {
    rest = Number(value);
  } else if (value < (fastSplitBelow[limbBits] as bigint)) {
    // value < 2^(limbBits + 50): Number(value) is within 2^(limbBits - 4) of it, and so is the
    // subtraction, so the quotient is within 1/8 of the exact upper part: rounding recovers it.
    const low = Number(BigInt.asUintN(limbBits, value));
    out[0] = low;
    limb = 1;
    rest = Math.round((Number(value) - low) / base);
  } else {
    const shift = shifts[limbBits] as bigint;
    let big = value;
    // Peel limbs off in bigints until the rest is an exact double.
    do {
      out[limb] = Number(BigInt.asUintN(limbBits, big));
      big >>= shift;
      limb += 1;
    } while (big > safeUnits);
    rest = Number(big);
  }
  for (; limb < limbs; limb += 1) {
    const low = rest % base;
    out[limb] = low;
    rest = (rest - low) / base;
  }
}
