import { ballot, type MethodFixture } from './fixture.ts';

/** single-choice: each ballot's power to its one choice. */
export const singleChoiceFixtures: MethodFixture[] = [
  {
    name: 'sums per choice',
    choiceCount: 4,
    // 1: d 5; 2: a 10 + c 15 = 25; 3: b 20; 4: 0. Total 10 + 20 + 15 + 5 = 50; 25 is the top: choice 2.
    ballots: [ballot('a', 10, 2), ballot('b', 20, 3), ballot('c', 15, 2), ballot('d', 5, 1)],
    expected: { scores: [5n, 25n, 20n, 0n], total: 50n, winner: 2 },
  },
  {
    name: 'a tie goes to the lowest-numbered choice',
    choiceCount: 3,
    // 1: 10 and 3: 10 tie at the top: choice 1.
    ballots: [ballot('a', 10, 1), ballot('b', 10, 3)],
    expected: { scores: [10n, 0n, 10n], total: 20n, winner: 1 },
  },
  {
    name: 'invalid choices count for nothing',
    choiceCount: 3,
    // Only d's 4 counts: 0 is out of range, 1.5 and "2" are not integers.
    ballots: [ballot('a', 10, 0), ballot('b', 7, 1.5), ballot('c', 3, '2'), ballot('d', 4, 2)],
    expected: {
      scores: [0n, 4n, 0n],
      total: 4n,
      winner: 2,
      invalid: [
        { voter: 'a', reason: 'choice_out_of_range' },
        { voter: 'b', reason: 'choice_not_integer' },
        { voter: 'c', reason: 'choice_not_integer' },
      ],
    },
  },
  {
    name: 'zero power has no winner',
    choiceCount: 2,
    ballots: [ballot('a', 0, 1)],
    expected: { scores: [0n, 0n], total: 0n, winner: null },
  },
];
