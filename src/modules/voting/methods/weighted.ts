import { apportion } from '../apportion.ts';
import { readWeights, weightEntries } from '../choices.ts';
import { LimbSums, limbCount, splitLimbs } from '../limbs.ts';
import { type Ballot, type InvalidBallotHandler, type VotingMethod, validPower } from '../types.ts';

const entries = weightEntries();

/** Fixed-point precision of the per-choice sums before the final apportionment: 2^-64 of a base unit. */
export const weightedPrecisionBits = 64n;

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
    const groups = new WeightGroups(choiceCount, limbCount(largestPower(ballots), limbBits));
    let refusedUnits = 0n;
    for (let index = 0; index < ballots.length; index += 1) {
      const ballot = ballots[index] as Ballot;
      const reason = readWeights(ballot.choice, choiceCount, entries);
      if (reason === undefined) groups.add(ballot.power);
      else {
        onInvalid?.(index, reason);
        refusedUnits += ballot.power;
      }
    }
    const fixed = new Array<bigint>(choiceCount).fill(0n);
    for (const [sum, sums] of groups.totals()) {
      const divisor = BigInt(sum);
      for (let index = 0; index < choiceCount; index += 1) {
        fixed[index] = (fixed[index] as bigint) + ((sums[index] as bigint) << weightedPrecisionBits) / divisor;
      }
    }
    return apportion(validPower(ballots, powerTotal, refusedUnits), fixed);
  },
} satisfies VotingMethod;

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
