import { apportion } from '../apportion.ts';
import { readWeights, weightEntries } from '../choices.ts';
import { isqrtFloorFast } from '../isqrt.ts';
import type { Ballot, InvalidBallotHandler, PartwiseScoring, VotingMethod } from '../types.ts';
import { additiveScore } from './additive.ts';
import { groupedKey, readGroupedKey } from './choice-sums.ts';
import { bitLength, RootBuckets, rootMantissa } from './quadratic-roots.ts';

const entries = weightEntries();

// Terms: the sum of m * t(w_i) under "e:i" (exponent, 0-based choice index).
const scoring: PartwiseScoring = {
  terms(ballot, choiceCount, emit) {
    const reason = readWeights(ballot.choice, choiceCount, entries);
    if (reason !== undefined) return reason;
    const power = ballot.power;
    if (power === 0n) return undefined;
    const exponent = rootExponent(power);
    const mantissa = BigInt(rootMantissa(power, entries.sum, exponent));
    for (let entry = 0; entry < entries.count; entry += 1) {
      emit(groupedKey(exponent, entries.indices[entry] as number), mantissa * weightRoot(entries.weights[entry] as number));
    }
    return undefined;
  },
  // Steps 1 and 3, the mantissas summed in doubles by (exponent, choice, weight) (see RootBuckets).
  sums(ballots, choiceCount, onInvalid) {
    const buckets = new RootBuckets(choiceCount);
    for (let index = 0; index < ballots.length; index += 1) {
      const ballot = ballots[index] as Ballot;
      const reason = readWeights(ballot.choice, choiceCount, entries);
      if (reason !== undefined) {
        onInvalid?.(index, reason);
        continue;
      }
      const power = ballot.power;
      if (power === 0n) continue;
      const exponent = rootExponent(power);
      const mantissa = rootMantissa(power, entries.sum, exponent);
      for (let entry = 0; entry < entries.count; entry += 1) {
        buckets.add(entries.indices[entry] as number, entries.weights[entry] as number, exponent, mantissa);
      }
    }
    return buckets.keyedSums(weightRoot);
  },
  // A key's part is its sum scaled to the smallest exponent there can be: the raw scores are
  // R_i * 2^(-smallestExponent). Step 4 squares them; apportion gives the same shares for
  // weights scaled by a common factor, so the scale does not matter.
  part(key, sum) {
    const { group: exponent, index } = readGroupedKey(key);
    return { index, value: sum << BigInt(exponent - smallestExponent) };
  },
  scores: (raw, validUnits) =>
    apportion(
      validUnits,
      raw.map((sum) => sum * sum),
    ),
};

/** Step 1's e for a power, with the weight sum in `entries`. */
function rootExponent(power: bigint): number {
  return Math.floor((bitLength(power) - bitLength(entries.sum)) / 2) - 40;
}

/**
 * Quadratic (Snapshot's `quadratic`): a valid ballot (weights as in `weighted`) adds
 * sqrt(power * w_i / W) to choice i; each choice's quadratic score is the square of that sum,
 * and the scores are rescaled to the valid power. Square roots are irrational, so Polity fixes
 * the rounding, in exact integers:
 * 1. per ballot (power > 0), sqrt(power / W) with at least 39 significant bits:
 *    e = floor((bitLength(power) - bitLength(W)) / 2) - 40 and
 *    m = floor(sqrt(power * 2^(-2e) / W))  (so sqrt(power / W) is m * 2^e, m in [2^39, 2^42));
 * 2. per weight t(w) = floor(2^40 * sqrt(w));
 * 3. R_i = sum over the ballots of m * 2^e * t(w_i), exact (as the integer R_i * 2^67: no e is below -67);
 * 4. scores = apportion(total, [R_i^2]): floor(total * R_i^2 / sum R^2), the leftover units
 *    one each to the largest remainders, the lowest-numbered choice first on equal ones.
 * Each root is a floor with a relative error below 2^-39, so R_i is within 2^-38 (relative) of
 * Snapshot's exact sum of roots. The scores add up to the valid power exactly. Tie rule for the
 * winner: the lowest-numbered among the top scores.
 */
export const quadratic = {
  validate(choice: unknown, choiceCount: number): string | undefined {
    return readWeights(choice, choiceCount, entries);
  },

  score(ballots: readonly Ballot[], choiceCount: number, onInvalid?: InvalidBallotHandler, powerTotal?: bigint): bigint[] {
    return additiveScore(scoring, ballots, choiceCount, onInvalid, powerTotal);
  },

  additive: scoring,
} satisfies VotingMethod;

/**
 * Below any exponent a ballot gets: e = floor((bitLength(power) - bitLength(W)) / 2) - 40 is at
 * least floor((1 - 54) / 2) - 40 = -67 (power 1, a weight sum below 2^54).
 */
const smallestExponent = -67;

/** t(w) = floor(2^40 * sqrt(w)). */
function weightRoot(weight: number): bigint {
  return weight < smallWeightRoots.length ? (smallWeightRoots[weight] as bigint) : isqrtFloorFast(BigInt(weight) << 80n);
}

/** t(w) for the weights ballots use most (a running tally asks per ballot, keyedSums per bucket), computed once. */
const smallWeightRoots = Array.from({ length: 256 }, (_, weight) => isqrtFloorFast(BigInt(weight) << 80n));
