import { apportion } from '../apportion.ts';
import { readWeights, weightEntries } from '../choices.ts';
import type { Ballot, InvalidBallotHandler, VotingMethod } from '../types.ts';

const entries = weightEntries();

/** Fixed-point precision of the per-choice sums before the final apportionment: 2^-64 of a base unit. */
export const weightedPrecisionBits = 64n;

/**
 * Weighted (Snapshot's `weighted`): each valid ballot splits its power over the choices in
 * proportion to its weights: choice i gets power * w_i / W (W = the ballot's weight sum).
 * Snapshot then rescales the per-choice sums to the valid power in floats; Polity does it
 * exactly:
 * 1. exact sums: ballots are grouped by W and A[W][i] = sum of power * w_i (exact bigint), so
 *    choice i's exact share is S_i = sum over W of A[W][i] / W;
 * 2. X_i = sum over W of floor(A[W][i] * 2^64 / W): S_i to 2^-64 of a base unit (floored);
 * 3. scores = apportion(total, X): floor(total * X_i / sum X), and the leftover units (fewer
 *    than the number of choices) one each to the largest remainders, the lowest-numbered
 *    choice first on equal remainders.
 * The scores add up to the valid power exactly, each within one base unit of S_i (up to the
 * 2^-64 step). Weights must be integers (see readWeights). Tie rule for the winner: the
 * lowest-numbered among the top scores.
 */
export const weighted = {
  validate(choice: unknown, choiceCount: number): string | undefined {
    return readWeights(choice, choiceCount, entries);
  },

  score(ballots: readonly Ballot[], choiceCount: number, onInvalid?: InvalidBallotHandler): bigint[] {
    const groups = new Map<number, bigint[]>();
    let total = 0n;
    for (let index = 0; index < ballots.length; index += 1) {
      const ballot = ballots[index] as Ballot;
      const reason = readWeights(ballot.choice, choiceCount, entries);
      if (reason !== undefined) {
        onInvalid?.(index, reason);
        continue;
      }
      const power = ballot.power;
      total += power;
      let sums = groups.get(entries.sum);
      if (sums === undefined) {
        sums = new Array<bigint>(choiceCount).fill(0n);
        groups.set(entries.sum, sums);
      }
      for (let entry = 0; entry < entries.count; entry += 1) {
        const index = entries.indices[entry] as number;
        sums[index] = (sums[index] as bigint) + power * smallBigInt(entries.weights[entry] as number);
      }
    }
    const fixed = new Array<bigint>(choiceCount).fill(0n);
    for (const [sum, sums] of groups) {
      const divisor = BigInt(sum);
      for (let index = 0; index < choiceCount; index += 1) {
        fixed[index] = (fixed[index] as bigint) + ((sums[index] as bigint) << weightedPrecisionBits) / divisor;
      }
    }
    return apportion(total, fixed);
  },
} satisfies VotingMethod;

const smallBigInts = Array.from({ length: 1024 }, (_, value) => BigInt(value));

/** BigInt(value) for a safe integer, without allocating for the usual small weights. */
export function smallBigInt(value: number): bigint {
  return value < 1024 ? (smallBigInts[value] as bigint) : BigInt(value);
}
