import { choiceIndexReason } from '../choices.ts';
import type { Ballot, InvalidBallotHandler, PartwiseScoring, VotingMethod } from '../types.ts';
import { additiveScore } from './additive.ts';
import { indexKey, indexPart, keyedByIndex, rawScores } from './choice-sums.ts';

// Terms: the power under the 0-based index of the choice.
const scoring: PartwiseScoring = {
  terms(ballot, choiceCount, emit) {
    const reason = choiceIndexReason(ballot.choice, choiceCount);
    if (reason === undefined) emit(indexKey((ballot.choice as number) - 1), ballot.power);
    return reason;
  },
  sums(ballots, choiceCount, onInvalid) {
    const scores = new Array<bigint>(choiceCount).fill(0n);
    for (let index = 0; index < ballots.length; index += 1) {
      const ballot = ballots[index] as Ballot;
      const choice = ballot.choice;
      if (typeof choice !== 'number' || !Number.isInteger(choice) || choice < 1 || choice > choiceCount) {
        onInvalid?.(index, choiceIndexReason(choice, choiceCount) as string);
        continue;
      }
      scores[choice - 1] = (scores[choice - 1] as bigint) + ballot.power;
    }
    return keyedByIndex(scores);
  },
  part: indexPart,
  scores: rawScores,
};

/**
 * Single choice (Snapshot's `single-choice`): the choice is one index in 1..choiceCount; all
 * the voter's power goes to it. Exact: scores are sums of powers, no rounding. Tie rule: the
 * lowest-numbered choice among the top scores (as Snapshot lists equal scores).
 */
export const singleChoice = {
  validate(choice: unknown, choiceCount: number): string | undefined {
    return choiceIndexReason(choice, choiceCount);
  },

  score(ballots: readonly Ballot[], choiceCount: number, onInvalid?: InvalidBallotHandler, powerTotal?: bigint): bigint[] {
    return additiveScore(scoring, ballots, choiceCount, onInvalid, powerTotal);
  },

  additive: scoring,
} satisfies VotingMethod;
