import { apportion } from '../apportion.ts';
import { readWeights, weightEntries } from '../choices.ts';
import { LimbSums, limbCount, splitLimbs } from '../limbs.ts';
import type { Ballot, InvalidBallotHandler, PartwiseScoring, VotingMethod } from '../types.ts';
import { additiveScore } from './additive.ts';
import { groupedKey, readGroupedKey } from './choice-sums.ts';

const entries = weightEntries();

/** Fixed-point precision of the per-choice sums before the final apportionment: 2^-64 of a base unit. */
export const weightedPrecisionBits = 64n;

// Terms: A[W][i] under "W:i" (the 0-based choice index).
const scoring: PartwiseScoring = {
  terms(ballot, choiceCount, emit) {
    const reason = readWeights(ballot.choice, choiceCount, entries);
    if (reason !== undefined) return reason;
    for (let entry = 0; entry < entries.count; entry += 1) {
      emit(groupedKey(entries.sum, entries.indices[entry] as number), ballot.power * BigInt(entries.weights[entry] as number));
    }
    return undefined;
  },
  // Step 1 in limb sums (see WeightGroups).
  sums(ballots, choiceCount, onInvalid) {
    const groups = new WeightGroups(choiceCount, limbCount(largestPower(ballots), limbBits));
    for (let index = 0; index < ballots.length; index += 1) {
      const ballot = ballots[index] as Ballot;
      const reason = readWeights(ballot.choice, choiceCount, entries);
      if (reason === undefined) groups.add(ballot.power);
      else onInvalid?.(index, reason);
    }
    const sums = new Map<string, bigint>();
    for (const [weightSum, totals] of groups.totals()) {
      totals.forEach((sum, index) => {
        if (sum !== 0n) sums.set(groupedKey(weightSum, index), sum);
      });
    }
    return sums;
  },
  // A key's part is step 2's term for its W; the raw scores are the X_i.
  part(key, sum) {
    const { group: weightSum, index } = readGroupedKey(key);
    return { index, value: fixedShare(sum, BigInt(weightSum)) };
  },
  scores: (raw, validUnits) => apportion(validUnits, raw),
};

/**
 * Weighted (Snapshot's `weighted`): each valid ballot splits its power over the choices in
 * proportion to its weights: choice i gets power * w_i / W (W = the ballot's weight sum).
 * Snapshot then rescales the per-choice sums to the valid power in floats; Polity does it
 * exactly:
 * 1. exact sums: ballots are grouped by W and A[W][i] = sum of power * w_i (exact), so
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

  score(ballots: readonly Ballot[], choiceCount: number, onInvalid?: InvalidBallotHandler, powerTotal?: bigint): bigint[] {
    return additiveScore(scoring, ballots, choiceCount, onInvalid, powerTotal);
  },

  additive: scoring,
} satisfies VotingMethod;

/** Step 2 for one weight sum W and choice: floor(A[W][i] * 2^64 / W). */
function fixedShare(sum: bigint, weightSum: bigint): bigint {
  return (sum << weightedPrecisionBits) / weightSum;
}

function largestPower(ballots: readonly Ballot[]): bigint[] {
  let largest = 0n;
  for (let index = 0; index < ballots.length; index += 1) {
    const power = (ballots[index] as Ballot).power;
    if (power > largest) largest = power;
  }
  return [largest];
}

const limbBits = 32;
/** A group's doubles take limbs * weights adding up to 2^21 before it flushes (2^32 * 2^21 = 2^53). */
const loadMax = 2 ** 21;

interface WeightGroup {
  sums: LimbSums;
  /** Sum of the weight sums added into the doubles since the last flush. */
  load: number;
}

/**
 * A[W][i] = sum of power * w_i, per weight sum W, in limb sums (exact). Each group tracks the
 * weights added since its last flush and flushes before a double could pass 2^53; a ballot
 * whose weight sum alone is too large goes straight to bigints.
 */
class WeightGroups {
  private readonly groups = new Map<number, WeightGroup>();
  private readonly power: Float64Array;

  constructor(
    private readonly choiceCount: number,
    private readonly limbs: number,
  ) {
    this.power = new Float64Array(limbs);
  }

  /** Adds the ballot in `entries`. */
  add(power: bigint): void {
    const sum = entries.sum;
    const group = this.group(sum);
    if (sum > loadMax) {
      for (let entry = 0; entry < entries.count; entry += 1)
        group.sums.addExact(entries.indices[entry] as number, power * BigInt(entries.weights[entry] as number));
      return;
    }
    if (group.load + sum > loadMax) {
      group.sums.flush();
      group.load = 0;
    }
    group.load += sum;
    const { limbs } = this;
    splitLimbs(power, this.power, limbs, limbBits);
    const values = group.sums.values;
    for (let entry = 0; entry < entries.count; entry += 1) {
      const at = (entries.indices[entry] as number) * limbs;
      const weight = entries.weights[entry] as number;
      for (let limb = 0; limb < limbs; limb += 1) values[at + limb] = (values[at + limb] as number) + (this.power[limb] as number) * weight;
    }
  }

  totals(): [number, bigint[]][] {
    return [...this.groups].map(([sum, group]) => [sum, group.sums.totals()]);
  }

  private group(sum: number): WeightGroup {
    let group = this.groups.get(sum);
    if (group === undefined) {
      group = { sums: new LimbSums(this.choiceCount, this.limbs, limbBits), load: 0 };
      this.groups.set(sum, group);
    }
    return group;
  }
}
