import { readRanking, readRankings } from '../choices.ts';
import { choicesMax } from '../limits.ts';
import type { Ballot, InvalidBallotHandler, VotingMethod } from '../types.ts';

const scratch = new Uint16Array(choicesMax);

/**
 * Ranked choice (Snapshot's `ranked-choice`): instant run-off over full rankings.
 * Snapshot's rules, exactly (src/voting/rankedChoice.ts in snapshot.js):
 * - a ballot must rank every choice once (partial rankings are invalid);
 * - each round counts every ballot for its highest-ranked remaining choice; the count stops
 *   when a choice has more than half the valid power (2 * top > total, exact), or when fewer
 *   than three choices remain;
 * - otherwise the choice with the least power is eliminated, the LOWEST-NUMBERED on a tie
 *   for last place.
 * Scores are the final round's counts (eliminated choices score 0); they add up to the total.
 * Exact sums, no rounding. Tie rule for the winner: the lowest-numbered among the top scores
 * (Snapshot's stable sort of the final round does the same).
 */
export const rankedChoice = {
  validate(choice: unknown, choiceCount: number): string | undefined {
    return readRanking(choice, choiceCount, scratch, 0);
  },

  score(ballots: readonly Ballot[], choiceCount: number, onInvalid?: InvalidBallotHandler): bigint[] {
    const { rankings, powers } = readRankings(ballots, choiceCount, onInvalid);
    return instantRunOff(rankings, powers, choiceCount);
  },
} satisfies VotingMethod;

/**
 * The run-off itself. Only the ballots of an eliminated choice move, each to its next
 * remaining choice, so the work is about (ballots * rounds of moves) rather than
 * ballots * choices per round.
 */
function instantRunOff(rankings: Uint16Array, powers: readonly bigint[], choiceCount: number): bigint[] {
  const counts = new Array<bigint>(choiceCount).fill(0n);
  const holders: number[][] = Array.from({ length: choiceCount }, () => []);
  const position = new Uint16Array(powers.length);
  let total = 0n;
  for (let ballot = 0; ballot < powers.length; ballot += 1) {
    const first = rankings[ballot * choiceCount] as number;
    const power = powers[ballot] as bigint;
    counts[first] = (counts[first] as bigint) + power;
    (holders[first] as number[]).push(ballot);
    total += power;
  }
  const eliminated = new Uint8Array(choiceCount);
  for (let remaining = choiceCount; remaining >= 3; remaining -= 1) {
    const { top, bottom } = extremes(counts, eliminated);
    if (2n * top > total) break;
    eliminated[bottom] = 1;
    for (const ballot of holders[bottom] as number[]) {
      let at = (position[ballot] as number) + 1;
      while (eliminated[rankings[ballot * choiceCount + at] as number] === 1) at += 1;
      position[ballot] = at;
      const next = rankings[ballot * choiceCount + at] as number;
      counts[next] = (counts[next] as bigint) + (powers[ballot] as bigint);
      (holders[next] as number[]).push(ballot);
    }
    counts[bottom] = 0n;
    holders[bottom] = [];
  }
  return counts;
}

/** The top count and the lowest-numbered remaining choice with the least power. */
function extremes(counts: readonly bigint[], eliminated: Uint8Array): { top: bigint; bottom: number } {
  let top = -1n;
  let bottom = -1;
  let least = 0n;
  for (let index = 0; index < counts.length; index += 1) {
    if (eliminated[index] === 1) continue;
    const count = counts[index] as bigint;
    if (count > top) top = count;
    if (bottom === -1 || count < least) {
      bottom = index;
      least = count;
    }
  }
  return { top, bottom };
}
