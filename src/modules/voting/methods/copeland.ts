import { apportion } from '../apportion.ts';
import { readRanking, readRankings } from '../choices.ts';
import { LimbSums, limbCount, splitLimbs } from '../limbs.ts';
import { choicesMax } from '../limits.ts';
import type { Ballot, InvalidBallotHandler, PartwiseScoring, VotingMethod } from '../types.ts';
import { additiveScore } from './additive.ts';
import { indexKey, indexPart, keyedByIndex } from './choice-sums.ts';

const scratch = new Uint16Array(choicesMax);

// Terms: the power ranking a above b under the index a * choiceCount + b of the pairwise matrix.
const scoring: PartwiseScoring = {
  terms(ballot, choiceCount, emit) {
    const reason = readRanking(ballot.choice, choiceCount, scratch, 0);
    if (reason !== undefined) return reason;
    for (let high = 0; high < choiceCount - 1; high += 1) {
      const row = (scratch[high] as number) * choiceCount;
      for (let low = high + 1; low < choiceCount; low += 1) emit(indexKey(row + (scratch[low] as number)), ballot.power);
    }
    return undefined;
  },
  sums(ballots, choiceCount, onInvalid) {
    const { rankings, powers } = readRankings(ballots, choiceCount, onInvalid);
    return keyedByIndex(pairwise(rankings, powers, choiceCount));
  },
  part: indexPart,
  rawLength: (choiceCount) => choiceCount * choiceCount,
  // The raw scores are the pairwise matrix: above[a * choiceCount + b].
  scores(above, total, choiceCount) {
    if (total === 0n || choiceCount === 1) return apportion(total, new Array<bigint>(choiceCount).fill(0n));
    const raw = new Array<bigint>(choiceCount).fill(0n);
    const scale = 2n * BigInt(choiceCount - 1) * total;
    for (let choice = 0; choice < choiceCount; choice += 1) {
      let victories = 0n;
      let support = 0n;
      for (let other = 0; other < choiceCount; other += 1) {
        if (other === choice) continue;
        const mine = above[choice * choiceCount + other] as bigint;
        const theirs = above[other * choiceCount + choice] as bigint;
        victories += mine > theirs ? 2n : mine === theirs ? 1n : 0n;
        support += mine;
      }
      raw[choice] = scale * victories + support;
    }
    return apportion(total, raw);
  },
};

/**
 * Copeland (Snapshot's `copeland`, snapshot.js 0.17): full rankings; every pair of choices is
 * compared by the power that ranks one above the other. Snapshot counts each pair from both
 * sides, so a pairwise win is worth 2 and a pairwise tie 1 to each (the victory score V).
 * Ties in V are broken by Average Support: 0.5 * support / ((choiceCount - 1) * total), where
 * support = the power ranking the choice above each other choice, summed over its matchups.
 * The scores are then rescaled to the valid power. In exact integers, multiplying every
 * Snapshot score by 2 * (choiceCount - 1) * total:
 *   raw_c = 2 * (choiceCount - 1) * total * V_c + support_c
 *   scores = apportion(total, raw): floor(total * raw_c / sum raw), the leftover units one each
 *   to the largest remainders, the lowest-numbered choice first on equal remainders.
 * The scores add up to the valid power (a choice's score is its share of the Copeland points,
 * not power cast for it). One choice takes the whole total; no valid power gives zeros.
 * Tie rule for the winner: the lowest-numbered among the top scores.
 */
export const copeland = {
  validate(choice: unknown, choiceCount: number): string | undefined {
    return readRanking(choice, choiceCount, scratch, 0);
  },

  score(ballots: readonly Ballot[], choiceCount: number, onInvalid?: InvalidBallotHandler, powerTotal?: bigint): bigint[] {
    return additiveScore(scoring, ballots, choiceCount, onInvalid, powerTotal);
  },

  additive: scoring,
} satisfies VotingMethod;

/** Limbs of 40 bits, so 8,192 ballots fit in a double before a flush (2^13 * 2^40 = 2^53). */
const pairLimbBits = 40;
const ballotsPerFlush = 4096;

/** above[a * choiceCount + b] = the power ranking a above b (exact: limb sums in doubles). */
function pairwise(rankings: Uint16Array, powers: readonly bigint[], choiceCount: number): bigint[] {
  const limbs = limbCount(powers, pairLimbBits);
  const sums = new LimbSums(choiceCount * choiceCount, limbs, pairLimbBits);
  const values = sums.values;
  const power = new Float64Array(limbs);
  for (let ballot = 0; ballot < powers.length; ballot += 1) {
    if (ballot % ballotsPerFlush === ballotsPerFlush - 1) sums.flush();
    splitLimbs(powers[ballot] as bigint, power, limbs, pairLimbBits);
    const start = ballot * choiceCount;
    if (limbs === 2) addPairs2(values, rankings, start, choiceCount, power[0] as number, power[1] as number);
    else addPairs(values, rankings, start, choiceCount, power, limbs);
  }
  return sums.totals();
}

/** One ballot's pairs: every choice ranked above another adds the power to (above, below). */
function addPairs(values: Float64Array, rankings: Uint16Array, start: number, choiceCount: number, power: Float64Array, limbs: number): void {
  const end = start + choiceCount;
  for (let high = start; high < end - 1; high += 1) {
    const row = (rankings[high] as number) * choiceCount;
    for (let low = high + 1; low < end; low += 1) {
      const at = (row + (rankings[low] as number)) * limbs;
      for (let limb = 0; limb < limbs; limb += 1) values[at + limb] = (values[at + limb] as number) + (power[limb] as number);
    }
  }
}

/** addPairs for two limbs (powers below 2^80, up to 10^6 tokens of 18 decimals): the common case, unrolled. */
function addPairs2(values: Float64Array, rankings: Uint16Array, start: number, choiceCount: number, low0: number, high0: number): void {
  const end = start + choiceCount;
  for (let high = start; high < end - 1; high += 1) {
    const row = (rankings[high] as number) * choiceCount;
    for (let low = high + 1; low < end; low += 1) {
      const at = (row + (rankings[low] as number)) * 2;
      values[at] = (values[at] as number) + low0;
      values[at + 1] = (values[at + 1] as number) + high0;
    }
  }
}
