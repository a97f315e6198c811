import type { VotingMethod } from '../types.ts';
import { singleChoice } from './single-choice.ts';

/** Choice numbers of a basic ballot. */
export const basicChoices = { for: 1, against: 2, abstain: 3 } as const;

/**
 * Basic (Snapshot's `basic`): single choice over For (1), Against (2) and, when the proposal
 * offers it, Abstain (3); scored exactly as single choice. The winner is For when For has more
 * power than Against, Against when it has more, and none on a tie or when nobody voted For or
 * Against: abstentions never win (they count towards quorum; the governance module applies the
 * support threshold for / (for + against)).
 */
export const basic = {
  validate: singleChoice.validate,
  score: singleChoice.score,
  additive: singleChoice.additive,
  winner(scores: readonly bigint[]): number | null {
    const forUnits = scores[0] ?? 0n;
    const againstUnits = scores[1] ?? 0n;
    if (forUnits > againstUnits) return basicChoices.for;
    if (againstUnits > forUnits) return basicChoices.against;
    return null;
  },
} satisfies VotingMethod;
