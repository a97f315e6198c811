import type { Ballot, InvalidBallot } from '../types.ts';

/**
 * A hand-computed tally: the fixture files beside each method list these, with the
 * arithmetic in comments, and fixtures.test.ts checks every one through `tally()`.
 */
export interface MethodFixture {
  name: string;
  choiceCount: number;
  ballots: Ballot[];
  expected: {
    scores: bigint[];
    total: bigint;
    winner: number | null;
    /** Sorted by voter; none when omitted. */
    invalid?: InvalidBallot[];
  };
}

export function ballot(voter: string, power: number | bigint, choice: unknown): Ballot {
  return { voter, power: BigInt(power), choice };
}
