import { ballot, type MethodFixture } from './fixture.ts';

/** approval: each approved choice receives the ballot's whole power; an empty ballot is valid. */
export const approvalFixtures: MethodFixture[] = [
  {
    name: 'each approved choice gets the whole power',
    choiceCount: 3,
    // 1: a 10 + d 7 = 17; 2: a 10 + b 20 = 30; 3: d 7. c's empty ballot is valid: total
    // 10 + 20 + 5 + 7 = 42. The scores add up to 54 > 42: approval counts power once per choice.
    ballots: [ballot('a', 10, [1, 2]), ballot('b', 20, [2]), ballot('c', 5, []), ballot('d', 7, [3, 1])],
    expected: { scores: [17n, 30n, 7n], total: 42n, winner: 2 },
  },
  {
    name: 'invalid lists',
    choiceCount: 3,
    // Only e counts: [2] gets 1.
    ballots: [ballot('a', 1, [1, 1]), ballot('b', 1, [4]), ballot('c', 1, [1, 2, 3, 1]), ballot('d', 1, 1), ballot('e', 1, [2]), ballot('f', 1, [0.5])],
    expected: {
      scores: [0n, 1n, 0n],
      total: 1n,
      winner: 2,
      invalid: [
        { voter: 'a', reason: 'choice_duplicate' },
        { voter: 'b', reason: 'choice_out_of_range' },
        { voter: 'c', reason: 'choice_too_long' },
        { voter: 'd', reason: 'choice_not_array' },
        { voter: 'f', reason: 'choice_not_integer' },
      ],
    },
  },
  {
    name: 'only empty ballots: valid power, no winner',
    choiceCount: 2,
    ballots: [ballot('a', 4, []), ballot('b', 6, [])],
    expected: { scores: [0n, 0n], total: 10n, winner: null },
  },
];
