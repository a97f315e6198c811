import { ballot, type MethodFixture } from './fixture.ts';

/** ranked-choice: instant run-off on full rankings (Snapshot's rules). */
export const rankedChoiceFixtures: MethodFixture[] = [
  {
    name: 'run-off over two rounds',
    choiceCount: 4,
    // Total 100, a majority needs more than 50.
    // Round 1 (first choices): 1: a 30; 2: b 25; 3: c 20; 4: d 15 + e 10 = 25. Top 30: no
    //   majority; least is 3 (20): eliminated, c moves to her next choice 2: 2 = 45.
    // Round 2: 1: 30; 2: 45; 4: 25. No majority; least is 4 (25): eliminated; d's next
    //   remaining choice is 2 (3 is out): 2 = 60; e's is 2: 2 = 70.
    // Two choices remain: stop. Final round: 1: 30, 2: 70; eliminated choices score 0.
    ballots: [
      ballot('a', 30, [1, 2, 3, 4]),
      ballot('b', 25, [2, 1, 3, 4]),
      ballot('c', 20, [3, 2, 1, 4]),
      ballot('d', 15, [4, 3, 2, 1]),
      ballot('e', 10, [4, 2, 1, 3]),
    ],
    expected: { scores: [30n, 70n, 0n, 0n], total: 100n, winner: 2 },
  },
  {
    name: 'a tie for last place eliminates the lowest-numbered choice',
    choiceCount: 3,
    // Round 1: 1: 4, 2: 4, 3: 5 (total 13, no majority). 1 and 2 tie for last: 1 (the
    // lowest-numbered) is eliminated; a moves to 2: 2 = 8, 3 = 5. Two remain: stop.
    // (Eliminating 2 instead would have moved b to 3 and made 3 win 9 to 4.)
    ballots: [ballot('a', 4, [1, 2, 3]), ballot('b', 4, [2, 3, 1]), ballot('c', 5, [3, 1, 2])],
    expected: { scores: [0n, 8n, 5n], total: 13n, winner: 2 },
  },
  {
    name: 'a first-round majority ends the count',
    choiceCount: 3,
    // 2 has 60 > 100 / 2 in round 1: nothing is eliminated, the final round is round 1.
    ballots: [ballot('a', 60, [2, 1, 3]), ballot('b', 40, [1, 2, 3])],
    expected: { scores: [40n, 60n, 0n], total: 100n, winner: 2 },
  },
  {
    name: 'two choices tie: the lowest-numbered wins',
    choiceCount: 2,
    ballots: [ballot('a', 5, [1, 2]), ballot('b', 5, [2, 1])],
    expected: { scores: [5n, 5n], total: 10n, winner: 1 },
  },
  {
    name: 'partial and malformed rankings are invalid',
    choiceCount: 3,
    ballots: [ballot('a', 1, [1, 2]), ballot('b', 1, [1, 2, 2]), ballot('c', 1, [1, 2, 4]), ballot('d', 1, [1, 2, 3, 1]), ballot('e', 2, [3, 2, 1])],
    expected: {
      scores: [0n, 0n, 2n],
      total: 2n,
      winner: 3,
      invalid: [
        { voter: 'a', reason: 'ranking_incomplete' },
        { voter: 'b', reason: 'choice_duplicate' },
        { voter: 'c', reason: 'choice_out_of_range' },
        { voter: 'd', reason: 'choice_too_long' },
      ],
    },
  },
];
