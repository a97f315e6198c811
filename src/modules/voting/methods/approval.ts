import { readIndexList } from '../choices.ts';
import { choicesMax } from '../limits.ts';
import type { Ballot, InvalidBallotHandler, PartwiseScoring, VotingMethod } from '../types.ts';
import { additiveScore } from './additive.ts';
import { indexKey, indexPart, keyedByIndex, rawScores } from './choice-sums.ts';

const scratch = new Uint16Array(choicesMax);

// Terms: the power under the 0-based index of each approved choice.
const scoring: PartwiseScoring = {
  terms(ballot, choiceCount, emit) {
    const read = readIndexList(ballot.choice, choiceCount, scratch, 0);
    if (typeof read === 'string') return read;
    for (let position = 0; position < read; position += 1) emit(indexKey(scratch[position] as number), ballot.power);
    return undefined;
  },
  sums(ballots, choiceCount, onInvalid) {
    const scores = new Array<bigint>(choiceCount).fill(0n);
    for (let index = 0; index < ballots.length; index += 1) {
      const ballot = ballots[index] as Ballot;
      const read = readIndexList(ballot.choice, choiceCount, scratch, 0);
      if (typeof read === 'string') {
        onInvalid?.(index, read);
        continue;
      }
      const power = ballot.power;
      for (let position = 0; position < read; position += 1) {
        const choice = scratch[position] as number;
        scores[choice] = (scores[choice] as bigint) + power;
      }
    }
    return keyedByIndex(scores);
  },
  part: indexPart,
  scores: rawScores,
};

/**
 * Approval (Snapshot's `approval`): the choice is a list of distinct indices; each approved
 * choice receives the voter's whole power. An empty list is valid (it approves nothing; its
 * power still counts in the total, as in Snapshot). Exact sums, no rounding. A score never
 * exceeds the total, but the scores together may (up to choiceCount times it). Tie rule: the
 * lowest-numbered choice among the top scores.
 */
export const approval = {
  validate(choice: unknown, choiceCount: number): string | undefined {
    const read = readIndexList(choice, choiceCount, scratch, 0);
    return typeof read === 'string' ? read : undefined;
  },

  score(ballots: readonly Ballot[], choiceCount: number, onInvalid?: InvalidBallotHandler, powerTotal?: bigint): bigint[] {
    return additiveScore(scoring, ballots, choiceCount, onInvalid, powerTotal);
  },

  additive: scoring,
} satisfies VotingMethod;
