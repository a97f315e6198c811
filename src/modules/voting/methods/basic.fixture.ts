import { ballot, type MethodFixture } from './fixture.ts';

/** basic: 1 For, 2 Against, 3 Abstain; sums of power; abstentions never win. */
export const basicFixtures: MethodFixture[] = [
  {
    name: 'For wins',
    choiceCount: 3,
    // For = 40 + 5 = 45, Against = 25, Abstain = 10; total 80; 45 > 25 so For (1).
    ballots: [ballot('alice', 40, 1), ballot('bob', 25, 2), ballot('carol', 10, 3), ballot('dave', 5, 1)],
    expected: { scores: [45n, 25n, 10n], total: 80n, winner: 1 },
  },
  {
    name: 'a For/Against tie has no winner',
    choiceCount: 3,
    // For 30 = Against 30: no winner (the motion is not carried by the tally).
    ballots: [ballot('alice', 30, 1), ballot('bob', 30, 2)],
    expected: { scores: [30n, 30n, 0n], total: 60n, winner: null },
  },
  {
    name: 'abstentions never win',
    choiceCount: 3,
    // Abstain 100 is the largest score, but only For 10 vs Against 5 decides: For.
    ballots: [ballot('alice', 10, 1), ballot('bob', 5, 2), ballot('carol', 100, 3)],
    expected: { scores: [10n, 5n, 100n], total: 115n, winner: 1 },
  },
  {
    name: 'only abstentions',
    choiceCount: 3,
    ballots: [ballot('alice', 7, 3)],
    expected: { scores: [0n, 0n, 7n], total: 7n, winner: null },
  },
  {
    name: 'two choices (no Abstain): 3 is out of range',
    choiceCount: 2,
    // alice's 3 is invalid and her power leaves the total: Against 7 wins.
    ballots: [ballot('alice', 3, 3), ballot('bob', 7, 2)],
    expected: { scores: [0n, 7n], total: 7n, winner: 2, invalid: [{ voter: 'alice', reason: 'choice_out_of_range' }] },
  },
];
