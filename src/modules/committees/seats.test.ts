import snapshotModule from '@snapshot-labs/snapshot.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tally } from '../voting/index.ts';
import { fillSeats, isValidChoice, keepCandidates, type SeatBallot, strike } from './seats.ts';

/** The shared library's run-off, as the seat filling reads it. */
function runOff(choiceCount: number, list: readonly SeatBallot[]) {
  const { winner, scores } = tally('ranked-choice', choiceCount, list);
  return winner === null ? undefined : { winner, finalRound: scores };
}

/** Runs are deterministic: a fixed seed unless FC_SEED pins another (fast-check prints it on failure). */
const seed = Number(process.env.FC_SEED ?? 20_260_104);
const fcOptions = { seed, numRuns: 300 };
console.info(`committee seats properties: fast-check seed ${seed} (set FC_SEED to change it)`);

/** `count` ballots of power 1 with the same choice. */
function ballots(...groups: [count: number, choice: number[]][]): SeatBallot[] {
  return groups.flatMap(([count, choice], g) => Array.from({ length: count }, (_, i) => ({ voter: `v${g}.${i}`, power: 1n, choice })));
}

/** The part of snapshot.js used here: its voting classes (the package is CommonJS; its default export differs by loader). */
// A type alias, not an interface with a construct signature: Biome 2.3.9 panics on the latter.
type SnapshotVotingClass = new (proposal: { choices: string[] }, votes: object[], strategies: object[], selected: number[]) => { getScores(): number[] };
const snapshotLoaded = snapshotModule as unknown as { default?: unknown };
const snapshot = (snapshotLoaded.default ?? snapshotLoaded) as { utils: { voting: Record<'approval' | 'ranked-choice', SnapshotVotingClass> } };

/** Snapshot's own ranked-choice scores for the same ballots (power as JS numbers). */
function snapshotRankedScores(choiceCount: number, list: readonly SeatBallot[]): number[] {
  const RankedChoice = snapshot.utils.voting['ranked-choice'];
  const votes = list.map((ballot) => ({ choice: [...ballot.choice], balance: Number(ballot.power), scores: [Number(ballot.power)] }));
  const proposal = { choices: Array.from({ length: choiceCount }, (_, i) => `c${i + 1}`) };
  return new RankedChoice(proposal, votes, [{}], []).getScores();
}

function snapshotApprovalScores(choiceCount: number, list: readonly SeatBallot[]): number[] {
  const Approval = snapshot.utils.voting.approval;
  const votes = list.map((ballot) => ({ choice: [...ballot.choice], balance: Number(ballot.power), scores: [Number(ballot.power)] }));
  const proposal = { choices: Array.from({ length: choiceCount }, (_, i) => `c${i + 1}`) };
  return new Approval(proposal, votes, [{}], []).getScores();
}

/** Snapshot's winner: the highest final score, the lowest-numbered on a tie. */
function winnerOf(scores: readonly number[]): number {
  return scores.reduce((best, score, i) => (score > (scores[best - 1] ?? -1) ? i + 1 : best), 1);
}

describe('ballot validity (Snapshot encodings)', () => {
  it.each<[string, number[], number, boolean, boolean]>([
    // name, choice, candidates, valid approval, valid ranking
    ['empty', [], 3, true, false],
    ['a subset', [3, 1], 3, true, false],
    ['a full ranking', [2, 3, 1], 3, true, true],
    ['a duplicate', [1, 1, 2], 3, false, false],
    ['out of range', [4], 3, false, false],
    ['zero', [0, 1, 2], 3, false, false],
    ['not an integer', [1.5, 2, 3], 3, false, false],
    ['anything with no candidates', [], 0, false, false],
  ])('%s', (_name, choice, count, approval, ranking) => {
    expect(isValidChoice('approval', choice, count)).toBe(approval);
    expect(isValidChoice('ranked-choice', choice, count)).toBe(ranking);
  });
});

describe('approval seats', () => {
  /*
   * Candidates A..E (1..5). Approvals: A 3 (v1, v2, v4), B 2 (v1, v3), C 2 (v2, v3),
   * D 2 (v3, v4), E 1 (v5); v6 approves nobody. Three seats: A, then B, C, D tie at 2 and
   * earlier standing decides: B and C.
   */
  const list = ballots([1, [1, 2]], [1, [1, 3]], [1, [2, 3, 4]], [1, [1, 4]], [1, [5]], [1, []]);

  it('counts each approval once per ballot, as Snapshot does', () => {
    expect(tally('approval', 5, list).scores).toEqual([3n, 2n, 2n, 2n, 1n]);
    expect(snapshotApprovalScores(5, list)).toEqual([3, 2, 2, 2, 1]);
  });

  it('fills three seats, ties broken by earlier standing', () => {
    expect(fillSeats('approval', 5, list, 3)).toEqual([
      { candidate: 1, votes: 3n },
      { candidate: 2, votes: 2n },
      { candidate: 3, votes: 2n },
    ]);
  });

  it('never seats a candidate nobody approved', () => {
    expect(fillSeats('approval', 5, ballots([2, [4]]), 3)).toEqual([{ candidate: 4, votes: 2n }]);
    expect(fillSeats('approval', 5, [], 3)).toEqual([]);
  });
});

describe('ranked-choice seats: sequential instant run-off', () => {
  /*
   * Candidates A, B, C, D (1..4), nine ballots:
   *   3 x A > C > B > D, 2 x B > C > A > D, 2 x C > B > A > D, 1 x D > B > C > A, 1 x D > C > B > A.
   * Seat 1, majority is more than 4.5:
   *   round 1: A 3, B 2, C 2, D 2; B, C and D tie for last: B (lowest-numbered) is out.
   *   round 2: A 3, C 4 (2 from B), D 2; D is out.
   *   round 3: A 3, C 6 (D's two ballots pass over B, out, to C): C wins with 6.
   * Seat 2, C struck, candidates A, B, D renumbered 1, 2, 3:
   *   round 1: A 3, B 4 (C's two first preferences went to B), D 2; D is out.
   *   round 2: A 3, B 6: B wins with 6.
   */
  const list = ballots([3, [1, 3, 2, 4]], [2, [2, 3, 1, 4]], [2, [3, 2, 1, 4]], [1, [4, 2, 3, 1]], [1, [4, 3, 2, 1]]);

  it('the first seat is what Snapshot computes', () => {
    expect(runOff(4, list)).toEqual({ winner: 3, finalRound: [3n, 0n, 6n, 0n] });
    expect(snapshotRankedScores(4, list)).toEqual([3, 0, 6, 0]);
  });

  it('fills two seats: C, then B', () => {
    expect(fillSeats('ranked-choice', 4, list, 2)).toEqual([
      { candidate: 3, votes: 6n },
      { candidate: 2, votes: 6n },
    ]);
  });

  it('the second seat is the run-off of the ballots with C struck', () => {
    const struck = strike(list, 3);
    expect(struck[0]?.choice).toEqual([1, 2, 3]);
    expect(runOff(3, struck)).toEqual({ winner: 2, finalRound: [3n, 6n, 0n] });
  });

  it('stops when fewer than three choices are left; a tie goes to the lowest-numbered', () => {
    expect(runOff(3, ballots([2, [3, 1, 2]], [2, [2, 1, 3]]))).toEqual({ winner: 2, finalRound: [0n, 2n, 2n] });
  });

  /*
   * Every choice still in the race takes part, with 0 when it is nobody's first preference
   * (Snapshot builds its candidate list from every ranked choice). Six choices, power 9:
   *   2 x 6>4>5>1>3>2, 1 x 2>5>1>4>3>6, 2 x 2>3>4>5>6>1, 1 x 6>4>1>5>3>2, 3 x 1>4>6>5>2>3.
   *   Rounds 1-3: 1 3, 2 3, 6 3 and 3, 4, 5 at 0: 3, then 4, then 5 are out (lowest-numbered).
   *   Round 4: 1 3, 2 3, 6 3, three left, no majority: 1 is out (lowest-numbered); its three
   *   ballots pass over 4 (out) to 6. Round 5: 2 3, 6 6: 6 wins.
   */
  it('counts choices nobody ranks first as 0 and eliminates them first, as Snapshot does', () => {
    const list = ballots([2, [6, 4, 5, 1, 3, 2]], [1, [2, 5, 1, 4, 3, 6]], [2, [2, 3, 4, 5, 6, 1]], [1, [6, 4, 1, 5, 3, 2]], [3, [1, 4, 6, 5, 2, 3]]);
    expect(runOff(6, list)).toEqual({ winner: 6, finalRound: [0n, 3n, 0n, 0n, 0n, 6n] });
    expect(snapshotRankedScores(6, list)).toEqual([0, 3, 0, 0, 0, 6]);
  });

  it('without a valid ballot nobody is elected; partial rankings do not count', () => {
    expect(runOff(3, ballots([2, [1, 2]]))).toBeUndefined();
    expect(fillSeats('ranked-choice', 3, [], 2)).toEqual([]);
  });

  it('fills no more seats than there are candidates', () => {
    expect(fillSeats('ranked-choice', 2, ballots([1, [2, 1]]), 5).map((seat) => seat.candidate)).toEqual([2, 1]);
  });
});

describe('keepCandidates', () => {
  it('strikes the dropped candidates and renumbers the rest', () => {
    const kept = keepCandidates(ballots([1, [4, 2, 1, 3]], [1, [2]]), [true, false, true, true]);
    expect(kept.map((ballot) => ballot.choice)).toEqual([[3, 1, 2], []]);
  });
});

/** Up to 7 choices and 40 ballots of power 1 to 5: full rankings. */
const rankedCase = fc.integer({ min: 1, max: 7 }).chain((count) =>
  fc.record({
    count: fc.constant(count),
    list: fc.array(
      fc.record({
        power: fc.integer({ min: 1, max: 5 }),
        choice: fc.shuffledSubarray(
          Array.from({ length: count }, (_, i) => i + 1),
          { minLength: count },
        ),
      }),
      { maxLength: 40 },
    ),
  }),
);

function toBallots(list: { power: number; choice: number[] }[]): SeatBallot[] {
  return list.map((ballot, i) => ({ voter: `v${i}`, power: BigInt(ballot.power), choice: ballot.choice }));
}

describe(`properties (seed ${seed})`, () => {
  it('the run-off winner and final round equal Snapshot rankedChoice', () => {
    fc.assert(
      fc.property(rankedCase, ({ count, list }) => {
        const result = runOff(count, toBallots(list));
        if (list.length === 0) return result === undefined;
        const expected = snapshotRankedScores(count, toBallots(list));
        expect(result?.finalRound.map(Number)).toEqual(expected);
        expect(result?.winner).toBe(winnerOf(expected));
        return true;
      }),
      fcOptions,
    );
  });

  it('approval scores equal Snapshot approval', () => {
    const approvalCase = fc.integer({ min: 1, max: 7 }).chain((count) =>
      fc.record({
        count: fc.constant(count),
        list: fc.array(fc.record({ power: fc.integer({ min: 1, max: 5 }), choice: fc.subarray(Array.from({ length: count }, (_, i) => i + 1)) }), {
          maxLength: 40,
        }),
      }),
    );
    fc.assert(
      fc.property(approvalCase, ({ count, list }) => {
        expect(tally('approval', count, toBallots(list)).scores.map(Number)).toEqual(snapshotApprovalScores(count, toBallots(list)));
      }),
      fcOptions,
    );
  });

  it('seats do not depend on ballot order, are distinct, and number at most min(seats, candidates)', () => {
    fc.assert(
      fc.property(
        rankedCase,
        fc.integer({ min: 1, max: 5 }),
        fc.constantFrom('approval' as const, 'ranked-choice' as const),
        ({ count, list }, seats, method) => {
          const forward = fillSeats(method, count, toBallots(list), seats);
          const backward = fillSeats(method, count, toBallots([...list].reverse()), seats);
          expect(backward).toEqual(forward);
          expect(new Set(forward.map((seat) => seat.candidate)).size).toBe(forward.length);
          expect(forward.length).toBeLessThanOrEqual(Math.min(seats, count));
          const cast = list.reduce((sum, ballot) => sum + BigInt(ballot.power), 0n);
          for (const seat of forward) expect(seat.votes).toBeLessThanOrEqual(cast);
        },
      ),
      fcOptions,
    );
  });
});
