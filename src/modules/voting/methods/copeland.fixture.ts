import { ballot, type MethodFixture } from './fixture.ts';

/**
 * copeland (Snapshot's, 0.17): victory score V (2 per pairwise win, 1 per pairwise tie) plus
 * Average Support; in integers raw = 2 * (choices - 1) * total * V + support, apportioned to
 * the total. F[x][y] below is the power ranking x above y.
 */
export const copelandFixtures: MethodFixture[] = [
  {
    name: 'a Condorcet cycle is decided by average support',
    choiceCount: 3,
    // a 40 [1,2,3], b 35 [2,3,1], c 25 [3,1,2]; total 100.
    // F[1][2] = 40 + 25 = 65 > F[2][1] = 35: 1 beats 2.  F[1][3] = 40 < F[3][1] = 60: 3 beats 1.
    // F[2][3] = 40 + 35 = 75 > F[3][2] = 25: 2 beats 3.  A cycle: V = 2, 2, 2.
    // Support: 1: 65 + 40 = 105; 2: 35 + 75 = 110; 3: 60 + 25 = 85.
    // raw = 2 * 2 * 100 * 2 + support = 905, 910, 885 (sum 2700).
    // 100 * raw / 2700 = 33.52, 33.70, 32.78: floors 33 + 33 + 32 = 98; remainders (of 2700)
    // 1400, 1900, 2100: the 2 leftover units go to 3 and then 2.
    ballots: [ballot('a', 40, [1, 2, 3]), ballot('b', 35, [2, 3, 1]), ballot('c', 25, [3, 1, 2])],
    expected: { scores: [33n, 34n, 33n], total: 100n, winner: 2 },
  },
  {
    name: 'a Condorcet winner',
    choiceCount: 3,
    // a 60 [1,2,3], b 40 [2,3,1]; total 100.
    // 1 beats 2 (60 to 40) and 3 (60 to 40); 2 beats 3 (100 to 0): V = 4, 2, 0.
    // Support: 1: 60 + 60 = 120; 2: 40 + 100 = 140; 3: 40 + 0 = 40.
    // raw = 400 * V + support = 1720, 940, 40 (sum 2700): 63.70, 34.81, 1.48; floors 63 + 34 + 1
    // = 98; remainders 1900, 2200, 1300: the leftover units go to 2 and then 1.
    ballots: [ballot('a', 60, [1, 2, 3]), ballot('b', 40, [2, 3, 1])],
    expected: { scores: [64n, 35n, 1n], total: 100n, winner: 1 },
  },
  {
    name: 'a pairwise tie is worth 1 to each side',
    choiceCount: 3,
    // a 10 [2,3,1], b 5 [1,2,3], c 5 [3,1,2]; total 20.
    // F[1][2] = b 5 + c 5 = 10 = F[2][1] = a 10: a tie.  F[3][1] = a 10 + c 5 = 15 > F[1][3] = 5:
    // 3 beats 1.  F[2][3] = a 10 + b 5 = 15 > F[3][2] = 5: 2 beats 3.
    // V: 1: 1 (tie); 2: 1 + 2 = 3; 3: 2.  Support: 1: 10 + 5 = 15; 2: 10 + 15 = 25; 3: 15 + 5 = 20.
    // raw = 2 * 2 * 20 * V + support = 95, 265, 180 (sum 540); 20 * raw / 540 = 3.52, 9.81, 6.67;
    // floors 3 + 9 + 6 = 18; remainders (of 540) 280, 440, 360: the 2 leftover units to 2 and 3.
    ballots: [ballot('a', 10, [2, 3, 1]), ballot('b', 5, [1, 2, 3]), ballot('c', 5, [3, 1, 2])],
    expected: { scores: [3n, 10n, 7n], total: 20n, winner: 2 },
  },
  {
    name: 'a pairwise tie between two choices',
    choiceCount: 2,
    // F[1][2] = F[2][1] = 10: V = 1, 1; support 10, 10; raw = 2 * 1 * 20 * 1 + 10 = 50 each.
    ballots: [ballot('a', 10, [1, 2]), ballot('b', 10, [2, 1])],
    expected: { scores: [10n, 10n], total: 20n, winner: 1 },
  },
  {
    name: 'one choice takes the whole total',
    choiceCount: 1,
    ballots: [ballot('a', 7, [1])],
    expected: { scores: [7n], total: 7n, winner: 1 },
  },
  {
    name: 'partial rankings are invalid (Snapshot 0.17 requires full ones)',
    choiceCount: 3,
    ballots: [ballot('a', 5, [1, 2])],
    expected: { scores: [0n, 0n, 0n], total: 0n, winner: null, invalid: [{ voter: 'a', reason: 'ranking_incomplete' }] },
  },
];
