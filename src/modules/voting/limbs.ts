/**
 * Exact sums of bigint powers in doubles. A power is split into 26-bit limbs, each held in a
 * double; a double adds integers exactly up to 2^53, so a limb accumulator takes up to 2^27
 * powers before it could round (ballotsMax is far below). Copeland adds every power to
 * choiceCount^2 / 2 pairwise sums: doubles make that ten times faster than bigint additions.
 */
export const limbBits = 26;
const limbBase = 2 ** limbBits;
const limbBaseUnits = BigInt(limbBase);
const safeUnits = BigInt(Number.MAX_SAFE_INTEGER);

/** How many limbs the largest of `values` needs (at least one). */
export function limbCount(values: readonly bigint[]): number {
  let largest = 0n;
  for (const value of values) if (value > largest) largest = value;
  return Math.max(1, Math.ceil(largest.toString(2).length / limbBits));
}

/** Writes the limbs of `value` (>= 0, below 2^(26 * count)) to out[offset .. offset + count), least significant first. */
export function writeLimbs(value: bigint, out: Float64Array, offset: number, count: number): void {
  if (value <= safeUnits) {
    let rest = Number(value);
    for (let limb = 0; limb < count; limb += 1) {
      const low = rest % limbBase;
      out[offset + limb] = low;
      rest = (rest - low) / limbBase;
    }
    return;
  }
  let rest = value;
  for (let limb = 0; limb < count; limb += 1) {
    out[offset + limb] = Number(BigInt.asUintN(limbBits, rest));
    rest >>= 26n;
  }
}

/** The exact bigint held in limbs sums[offset .. offset + count). */
export function readLimbs(sums: Float64Array, offset: number, count: number): bigint {
  let value = 0n;
  for (let limb = count - 1; limb >= 0; limb -= 1) value = value * limbBaseUnits + BigInt(sums[offset + limb] as number);
  return value;
}
