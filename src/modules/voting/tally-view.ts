import { formatAmount } from '../../kernel/amount.ts';
import type { BallotType, InvalidBallot, TallyResult } from './types.ts';

/** A tally as JSON shows it: `polity tally --json` prints this. */
export interface TallyView {
  type: BallotType;
  /** One per choice, decimal strings in token units (quadratic-credits: whole votes). */
  scores: string[];
  /** Power of the valid ballots, token units. */
  total: string;
  winner: number | null;
  invalid: InvalidBallot[];
}

/**
 * Formats a tally with the token's decimals, exactly (formatAmount). Quadratic-credits
 * scores are votes, integer square roots of base-unit credits, not power: they are printed
 * as whole numbers.
 */
export function tallyView(result: TallyResult, decimals: number): TallyView {
  const scoreDecimals = result.type === 'quadratic-credits' ? 0 : decimals;
  return {
    type: result.type,
    scores: result.scores.map((score) => formatAmount(score, scoreDecimals)),
    total: formatAmount(result.total, decimals),
    winner: result.winner,
    invalid: result.invalid.map(({ voter, reason }) => ({ voter, reason })),
  };
}
