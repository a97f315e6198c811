import { ballot, type MethodFixture } from './fixture.ts';

/**
 * quadratic (Snapshot's): choice i's score is (sum of sqrt(power * w_i / W))^2, rescaled to the
 * valid power. Perfect squares keep the roots exact; the last step is the apportionment.
 */
export const quadraticFixtures: MethodFixture[] = [
  {
    name: 'sums of roots, squared, rescaled',
    choiceCount: 2,
    // Roots: a sqrt(16) = 4 and b sqrt(9) = 3 on 1; c sqrt(25) = 5 on 2.
    // Squares: 1: 7^2 = 49, 2: 5^2 = 25 (sum 74). Total 50.
    // 1: 50 * 49 / 74 = 33.108 (2450 = 33 * 74 + 8), 2: 50 * 25 / 74 = 16.891 (1250 = 16 * 74 + 66).
    // Floors 33 + 16 = 49; the leftover unit to the larger remainder (66): 2. Snapshot: 33.108, 16.892.
    ballots: [ballot('a', 16, { '1': 1 }), ballot('b', 9, { '1': 1 }), ballot('c', 25, { '2': 1 })],
    expected: { scores: [33n, 17n], total: 50n, winner: 1 },
  },
  {
    name: 'a split ballot',
    choiceCount: 2,
    // a 32 {1:1, 2:1}: sqrt(32 / 2) = 4 on each. b 4 {2:1}: sqrt(4) = 2 on 2.
    // Squares: 1: 4^2 = 16, 2: (4 + 2)^2 = 36 (sum 52). Total 36.
    // 1: 36 * 16 / 52 = 11.077 (576 = 11 * 52 + 4), 2: 36 * 36 / 52 = 24.923 (1296 = 24 * 52 + 48).
    // Floors 11 + 24 = 35; the leftover unit to 2 (remainder 48).
    ballots: [ballot('a', 32, { '1': 1, '2': 1 }), ballot('b', 4, { '2': 1 })],
    expected: { scores: [11n, 25n], total: 36n, winner: 2 },
  },
  {
    name: 'many small voters beat one whale',
    choiceCount: 2,
    // The whale: sqrt(10000) = 100 on 1. Four voters of 2500: 4 * sqrt(2500) = 200 on 2.
    // Squares 10000 and 40000 (sum 50000); total 20000: 1: 4000, 2: 16000 exactly.
    ballots: [ballot('whale', 10000, { '1': 1 }), ...['p', 'q', 'r', 's'].map((voter) => ballot(voter, 2500, { '2': 3 }))],
    expected: { scores: [4000n, 16000n], total: 20000n, winner: 2 },
  },
  {
    name: 'invalid maps (the same rules as weighted)',
    choiceCount: 2,
    ballots: [ballot('a', 1, { '1': 0 }), ballot('b', 4, { '2': 1 })],
    expected: { scores: [0n, 4n], total: 4n, winner: 2, invalid: [{ voter: 'a', reason: 'weights_zero' }] },
  },
];
