import { apportion } from '../apportion.ts';
import { readWeights, weightEntries } from '../choices.ts';
import { isqrtFloorFast } from '../isqrt.ts';
import { type Ballot, type InvalidBallotHandler, type VotingMethod, validPower } from '../types.ts';
import { bitLength, RootBuckets, rootMantissa } from './quadratic-roots.ts';

const entries = weightEntries();

/**
 * Quadratic (Snapshot's `quadratic`): a valid ballot (weights as in `weighted`) adds
 * sqrt(power * w_i / W) to choice i; each choice's quadratic score is the square of that sum,
 * and the scores are rescaled to the valid power. Square roots are irrational, so Polity fixes
 * the rounding, in exact integers:
 * 1. per ballot (power > 0), sqrt(power / W) with at least 39 significant bits:
 *    e = floor((bitLength(power) - bitLength(W)) / 2) - 40 and
 *    m = floor(sqrt(power * 2^(-2e) / W))  (so sqrt(power / W) is m * 2^e, m in [2^39, 2^42));
 * 2. per weight t(w) = floor(2^40 * sqrt(w));
 * 3. R_i = sum over the ballots of m * 2^e * t(w_i), exact (as an integer times 2^(-smallest e));
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
    const buckets = new RootBuckets(choiceCount);
    let refusedUnits = 0n;
    for (let index = 0; index < ballots.length; index += 1) {
      const ballot = ballots[index] as Ballot;
      const reason = readWeights(ballot.choice, choiceCount, entries);
      if (reason !== undefined) {
        onInvalid?.(index, reason);
        refusedUnits += ballot.power;
        continue;
      }
      const power = ballot.power;
      if (power === 0n) continue;
      const exponent = Math.floor((bitLength(power) - bitLength(entries.sum)) / 2) - 40;
      const mantissa = rootMantissa(power, entries.sum, exponent);
      for (let entry = 0; entry < entries.count; entry += 1) {
        buckets.add(entries.indices[entry] as number, entries.weights[entry] as number, exponent, mantissa);
      }
    }
    const rootSums = buckets.rootSums(weightRoot);
    return apportion(
      validPower(ballots, powerTotal, refusedUnits),
      rootSums.map((sum) => sum * sum),
    );
  },
} satisfies VotingMethod;

/** t(w) = floor(2^40 * sqrt(w)). */
function weightRoot(weight: number): bigint {
  return isqrtFloorFast(BigInt(weight) << 80n);
}
