import { apportion } from '../apportion.ts';
import { readWeights, weightEntries } from '../choices.ts';
import { isqrtFloorFast } from '../isqrt.ts';
import type { Ballot, InvalidBallotHandler, VotingMethod } from '../types.ts';
import { smallBigInt } from './weighted.ts';

const entries = weightEntries();

/** Fixed-point precision of the square roots: 2^-64. */
export const quadraticPrecisionBits = 64n;
const twicePrecision = 2n * quadraticPrecisionBits;

/**
 * Quadratic (Snapshot's `quadratic`): a valid ballot (weights as in `weighted`) adds
 * sqrt(power * w_i / W) to choice i; each choice's quadratic score is the square of that sum,
 * and the scores are rescaled to the valid power. Square roots are irrational, so Polity fixes
 * the rounding, in exact integers:
 * 1. per ballot s = floor(2^64 * sqrt(power / W)) = isqrtFloor(floor(power * 2^128 / W));
 *    per weight t(w) = floor(2^64 * sqrt(w)) = isqrtFloor(w * 2^128);
 * 2. R_i = sum over the ballots of s * t(w_i)  (about 2^128 * Snapshot's sum of roots;
 *    computed as sum over w of t(w) * (sum of s with weight w on choice i), the same number);
 * 3. scores = apportion(total, [R_i^2]): floor(total * R_i^2 / sum R^2), the leftover units
 *    one each to the largest remainders, the lowest-numbered choice first on equal ones.
 * The scores add up to the valid power exactly. Each root is floored at 2^-64, a relative
 * error below 2^-37 for any power of at least one base unit. Tie rule for the winner: the
 * lowest-numbered among the top scores.
 */
export const quadratic = {
  validate(choice: unknown, choiceCount: number): string | undefined {
    return readWeights(choice, choiceCount, entries);
  },

  score(ballots: readonly Ballot[], choiceCount: number, onInvalid?: InvalidBallotHandler): bigint[] {
    const buckets = new RootBuckets(choiceCount);
    let total = 0n;
    for (let index = 0; index < ballots.length; index += 1) {
      const ballot = ballots[index] as Ballot;
      const reason = readWeights(ballot.choice, choiceCount, entries);
      if (reason !== undefined) {
        onInvalid?.(index, reason);
        continue;
      }
      total += ballot.power;
      const root = isqrtFloorFast((ballot.power << twicePrecision) / smallBigInt(entries.sum));
      if (root === 0n) continue;
      for (let entry = 0; entry < entries.count; entry += 1) buckets.add(entries.indices[entry] as number, entries.weights[entry] as number, root);
    }
    const squares = buckets.rootSums().map((sum) => sum * sum);
    return apportion(total, squares);
  },
} satisfies VotingMethod;

const smallWeightMax = 256;

/** Sums of per-ballot roots by (choice, weight), so each weight's root is taken once. */
class RootBuckets {
  private readonly small: bigint[];
  /** Weights of smallWeightMax and above (rare): key `${index}:${weight}`. */
  private readonly large = new Map<string, { index: number; weight: number; sum: bigint }>();

  constructor(private readonly choiceCount: number) {
    this.small = new Array<bigint>(choiceCount * smallWeightMax).fill(0n);
  }

  add(index: number, weight: number, root: bigint): void {
    if (weight < smallWeightMax) {
      const slot = index * smallWeightMax + weight;
      this.small[slot] = (this.small[slot] as bigint) + root;
      return;
    }
    const key = `${index}:${weight}`;
    const bucket = this.large.get(key);
    if (bucket) bucket.sum += root;
    else this.large.set(key, { index, weight, sum: root });
  }

  /** R_i = sum over w of t(w) * bucket(i, w). */
  rootSums(): bigint[] {
    const sums = new Array<bigint>(this.choiceCount).fill(0n);
    for (let index = 0; index < this.choiceCount; index += 1) {
      for (let weight = 1; weight < smallWeightMax; weight += 1) {
        const bucket = this.small[index * smallWeightMax + weight] as bigint;
        if (bucket !== 0n) sums[index] = (sums[index] as bigint) + weightRoot(weight) * bucket;
      }
    }
    for (const { index, weight, sum } of this.large.values()) sums[index] = (sums[index] as bigint) + weightRoot(weight) * sum;
    return sums;
  }
}

/** t(w) = floor(2^64 * sqrt(w)). */
function weightRoot(weight: number): bigint {
  return isqrtFloorFast(BigInt(weight) << twicePrecision);
}
