import { isqrtFloor } from '../../kernel/amount.ts';

const exactDoubleMax = 2 ** 52;
const exactDoubleMaxUnits = BigInt(exactDoubleMax);
/** Above this a double cannot seed the root (Number(n) would be Infinity). */
const seedableMax = 1n << 1000n;
const newtonFrom = 1n << 100n;

/**
 * The same function as the kernel's `isqrtFloor` (largest r with r*r <= n), about four times
 * faster: a tally takes millions of roots. Below 2^52 the double square root is corrected in
 * exact integer doubles; above, it seeds Newton's method (53 correct bits, so one or two
 * steps), and the result is checked and nudged with exact bigint products. Tested equal to
 * `isqrtFloor` on edge and random values (isqrt.test.ts).
 */
export function isqrtFloorFast(n: bigint): bigint {
  if (n < exactDoubleMaxUnits) {
    if (n < 0n) return isqrtFloor(n); // throws the kernel's RangeError
    const value = Number(n);
    let root = Math.floor(Math.sqrt(value));
    // Products of integers below 2^26 are exact in doubles.
    while (root * root > value) root -= 1;
    while ((root + 1) * (root + 1) <= value) root += 1;
    return BigInt(root);
  }
  if (n >= seedableMax) return isqrtFloor(n);
  let root = BigInt(Math.floor(Math.sqrt(Number(n))));
  // The seed has a relative error near 2^-52, so below 2^100 it is within a few units of the
  // root; above, each Newton step squares the relative error (52, 104, 208 ... bits).
  for (let step = 0; n >= newtonFrom && step < 5; step += 1) {
    const next = (root + n / root) >> 1n;
    if (next === root) break;
    const gap = next > root ? next - root : root - next;
    root = next;
    if (gap <= 1n) break;
  }
  while (root * root > n) root -= 1n;
  while ((root + 1n) * (root + 1n) <= n) root += 1n;
  return root;
}
