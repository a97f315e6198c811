import { approval } from './methods/approval.ts';
import { basic } from './methods/basic.ts';
import { copeland } from './methods/copeland.ts';
import { quadratic } from './methods/quadratic.ts';
import { quadraticCredits } from './methods/quadratic-credits.ts';
import { rankedChoice } from './methods/ranked-choice.ts';
import { singleChoice } from './methods/single-choice.ts';
import { weighted } from './methods/weighted.ts';
import type { BallotType, VotingMethod } from './types.ts';

/** Every ballot type's method; `satisfies` makes a missing or extra type a compile error. */
export const votingMethods = {
  basic,
  'single-choice': singleChoice,
  approval,
  'ranked-choice': rankedChoice,
  weighted,
  quadratic,
  copeland,
  'quadratic-credits': quadraticCredits,
} satisfies Record<BallotType, VotingMethod>;
