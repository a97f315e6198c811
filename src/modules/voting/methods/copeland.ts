import { apportion } from '../apportion.ts';
import { readRanking, readRankings } from '../choices.ts';
import { limbCount, readLimbs, writeLimbs } from '../limbs.ts';
import { choicesMax } from '../limits.ts';
import type { Ballot, InvalidBallotHandler, VotingMethod } from '../types.ts';

const scratch = new Uint16Array(choicesMax);

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

  score(ballots: readonly Ballot[], choiceCount: number, onInvalid?: InvalidBallotHandler): bigint[] {
    const { rankings, powers } = readRankings(ballots, choiceCount, onInvalid);
    const total = powers.reduce((sum, power) => sum + power, 0n);
    if (total === 0n || choiceCount === 1) return apportion(total, new Array<bigint>(choiceCount).fill(0n));
    const above = pairwise(rankings, powers, choiceCount);
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
} satisfies VotingMethod;

/** above[a * choiceCount + b] = the power ranking a above b (exact: limb sums in doubles). */
function pairwise(rankings: Uint16Array, powers: readonly bigint[], choiceCount: number): bigint[] {
  const limbs = limbCount(powers);
  const sums = new Float64Array(choiceCount * choiceCount * limbs);
  const power = new Float64Array(limbs);
  for (let ballot = 0; ballot < powers.length; ballot += 1) {
    writeLimbs(powers[ballot] as bigint, power, 0, limbs);
    const start = ballot * choiceCount;
    for (let high = 0; high < choiceCount - 1; high += 1) {
      const row = (rankings[start + high] as number) * choiceCount;
      for (let low = high + 1; low < choiceCount; low += 1) {
        const at = (row + (rankings[start + low] as number)) * limbs;
        for (let limb = 0; limb < limbs; limb += 1) sums[at + limb] = (sums[at + limb] as number) + (power[limb] as number);
      }
    }
  }
  return Array.from({ length: choiceCount * choiceCount }, (_, pair) => readLimbs(sums, pair * limbs, limbs));
}
