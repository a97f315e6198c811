import { ballot, type MethodFixture } from './fixture.ts';

/** weighted: power split by the weights, then apportioned to whole base units (largest remainder). */
export const weightedFixtures: MethodFixture[] = [
  {
    name: 'split by weight, the leftover unit to the largest remainder',
    choiceCount: 3,
    // a 60 {1:1, 2:2} (W 3): 1 gets 60 * 1/3 = 20, 2 gets 60 * 2/3 = 40.
    // b 30 {3:1}: 3 gets 30.  c 10 {1:3, 2:1} (W 4): 1 gets 7.5, 2 gets 2.5.
    // Exact: 1: 27.5, 2: 42.5, 3: 30 (total 100). Floors 27 + 42 + 30 = 99; the leftover unit
    // goes to the largest remainder: 1 and 2 both have .5, the lowest-numbered (1) gets it.
    ballots: [ballot('a', 60, { '1': 1, '2': 2 }), ballot('b', 30, { '3': 1 }), ballot('c', 10, { '1': 3, '2': 1 })],
    expected: { scores: [28n, 42n, 30n], total: 100n, winner: 2 },
  },
  {
    name: 'halves of single units',
    choiceCount: 2,
    // Three voters of 1 split evenly: exact 1.5 and 1.5; floors 1 + 1, the leftover unit to
    // choice 1 (equal remainders): 2 and 1. Snapshot's floats say 1.5 and 1.5.
    ballots: [ballot('a', 1, { '1': 1, '2': 1 }), ballot('b', 1, { '1': 1, '2': 1 }), ballot('c', 1, { '1': 1, '2': 1 })],
    expected: { scores: [2n, 1n], total: 3n, winner: 1 },
  },
  {
    name: 'thirds',
    choiceCount: 3,
    // 10 split three ways: 3.33 each; floors 3 + 3 + 3, the leftover unit to choice 1.
    ballots: [ballot('a', 10, { '1': 5, '2': 5, '3': 5 })],
    expected: { scores: [4n, 3n, 3n], total: 10n, winner: 1 },
  },
  {
    name: 'zero weights and invalid maps',
    choiceCount: 3,
    // a's weight 0 on 1 is allowed: all of her 10 go to 2. The others are invalid.
    ballots: [
      ballot('a', 10, { '1': 0, '2': 5 }),
      ballot('b', 1, { '1': 0 }),
      ballot('c', 1, {}),
      ballot('d', 1, { '4': 1 }),
      ballot('e', 1, { '1': 1.5 }),
      ballot('f', 1, { '01': 1 }),
      ballot('g', 1, { '1': -1 }),
      ballot('h', 1, [1]),
      ballot('i', 1, { '1': 2 ** 52, '2': 2 ** 52 }),
    ],
    expected: {
      scores: [0n, 10n, 0n],
      total: 10n,
      winner: 2,
      invalid: [
        { voter: 'b', reason: 'weights_zero' },
        { voter: 'c', reason: 'choice_empty' },
        { voter: 'd', reason: 'choice_out_of_range' },
        { voter: 'e', reason: 'weight_invalid' },
        { voter: 'f', reason: 'choice_key_invalid' },
        { voter: 'g', reason: 'weight_invalid' },
        { voter: 'h', reason: 'choice_not_object' },
        { voter: 'i', reason: 'weights_too_large' },
      ],
    },
  },
];
