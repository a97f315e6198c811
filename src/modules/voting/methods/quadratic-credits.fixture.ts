import { ballot, type MethodFixture } from './fixture.ts';

/** quadratic-credits: votes on a choice = isqrtFloor(credits spent on it); credits <= power. */
export const quadraticCreditsFixtures: MethodFixture[] = [
  {
    name: 'votes are integer square roots of credits',
    choiceCount: 3,
    // a (100) spends 64 on 1 and 36 on 2: 8 and 6 votes (all 100 credits).
    // b (50) spends 49 on 2: 7 votes (1 credit unspent).  c (30) spends "25" on 3: 5 votes.
    // d (10) spends 10 on 1: isqrt(10) = 3 votes (the floor: 3 votes cost 9).
    // 1: 8 + 3 = 11; 2: 6 + 7 = 13; 3: 5. Total 190.
    ballots: [ballot('a', 100, { '1': 64, '2': 36 }), ballot('b', 50, { '2': 49 }), ballot('c', 30, { '3': '25' }), ballot('d', 10, { '1': 10 })],
    expected: { scores: [11n, 13n, 5n], total: 190n, winner: 2 },
  },
  {
    name: 'equal power, spread thin, beats one whale',
    choiceCount: 2,
    // The whale's 10000 credits on 1: 100 votes. 100 voters of 100 on 2: 10 each, 1000.
    ballots: [
      ballot('whale', 10000, { '1': 10000 }),
      ...Array.from({ length: 100 }, (_, index) => ballot(`v${String(index).padStart(3, '0')}`, 100, { '2': 100 })),
    ],
    expected: { scores: [100n, 1000n], total: 20000n, winner: 2 },
  },
  {
    name: 'invalid credits',
    choiceCount: 2,
    // e spends 6 + 5 = 11 > 10; the rest are malformed. Only f counts: isqrt(15) = 3.
    ballots: [
      ballot('a', 5, { '1': -1 }),
      ballot('b', 5, { '1': 1.5 }),
      ballot('c', 5, { '1': '01' }),
      ballot('d', 5, { '1': 0 }),
      ballot('e', 10, { '1': 6, '2': 5 }),
      ballot('f', 20, { '2': '15' }),
      ballot('g', 5, {}),
      ballot('h', 5, [5]),
      ballot('i', 5, { '3': 1 }),
    ],
    expected: {
      scores: [0n, 3n],
      total: 20n,
      winner: 2,
      invalid: [
        { voter: 'a', reason: 'credits_invalid' },
        { voter: 'b', reason: 'credits_invalid' },
        { voter: 'c', reason: 'credits_invalid' },
        { voter: 'd', reason: 'credits_zero' },
        { voter: 'e', reason: 'credits_exceed_power' },
        { voter: 'g', reason: 'choice_empty' },
        { voter: 'h', reason: 'choice_not_object' },
        { voter: 'i', reason: 'choice_out_of_range' },
      ],
    },
  },
  {
    name: 'large credits (decimal strings in base units)',
    choiceCount: 2,
    // 10^24 credits: isqrt = 10^12 votes. 10^24 - 1: 10^12 - 1 (the floor).
    ballots: [ballot('a', 10n ** 24n, { '1': '1000000000000000000000000' }), ballot('b', 10n ** 24n, { '2': '999999999999999999999999' })],
    expected: { scores: [10n ** 12n, 10n ** 12n - 1n], total: 2n * 10n ** 24n, winner: 1 },
  },
];
