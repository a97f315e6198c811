import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { votingMethods } from './registry.ts';
import { tally } from './tally.ts';
import { invalidChoice, tallyCase, votingSeed } from './testing/arbitraries.ts';
import { type Ballot, type BallotType, ballotTypes } from './types.ts';

/**
 * Properties of every tally (fast-check, fixed seed; VOTING_SEED=<n> replays another):
 * - the result does not depend on the order of the ballots;
 * - invalid ballots never count: adding them changes nothing but the invalid list;
 * - a method scores the same with and without the power total tally() passes it;
 * - the bounds each method promises on its scores (see `scoreBounds`).
 */
const runs = { seed: votingSeed, numRuns: 300 };

beforeAll(() => {
  console.info(`voting properties: fast-check seed ${votingSeed}`);
});

function sum(values: readonly bigint[]): bigint {
  return values.reduce((total, value) => total + value, 0n);
}

/**
 * What holds for each type, with total = the valid power:
 * - basic, single-choice, ranked-choice: the scores add up to the total (power is counted once);
 * - weighted, quadratic, copeland: rescaled to the total: they add up to it exactly (when it is
 *   not zero); a copeland score is a share of Copeland points, not power cast for the choice;
 * - approval: each score is at most the total (together up to choiceCount times it);
 * - quadratic-credits: votes, not power: each vote costs at least one credit, so the scores
 *   add up to at most the credits spent, at most the total.
 */
function scoreBounds(type: BallotType, scores: readonly bigint[], total: bigint): void {
  expect(scores.every((score) => score >= 0n)).toBe(true);
  switch (type) {
    case 'approval':
      expect(scores.every((score) => score <= total)).toBe(true);
      return;
    case 'quadratic-credits':
      expect(sum(scores) <= total).toBe(true);
      return;
    case 'copeland':
    case 'weighted':
    case 'quadratic':
      expect(sum(scores)).toBe(total === 0n ? 0n : total);
      return;
    default:
      expect(sum(scores)).toBe(total);
  }
}

describe.each(ballotTypes.map((type) => [type]))('%s properties', (type) => {
  it('does not depend on the order of the ballots', () => {
    fc.assert(
      fc.property(
        tallyCase(type).chain((tallied) =>
          fc.tuple(fc.constant(tallied), fc.shuffledSubarray(tallied.ballots, { minLength: tallied.ballots.length, maxLength: tallied.ballots.length })),
        ),
        ([{ choiceCount, ballots }, shuffled]) => {
          expect(tally(type, choiceCount, shuffled)).toEqual(tally(type, choiceCount, ballots));
        },
      ),
      runs,
    );
  });

  it('keeps its score bounds, and the total is the valid power', () => {
    fc.assert(
      fc.property(tallyCase(type), ({ choiceCount, ballots }) => {
        const result = tally(type, choiceCount, ballots);
        const invalid = new Set(result.invalid.map(({ voter }) => voter));
        expect(result.total).toBe(sum(ballots.filter(({ voter }) => !invalid.has(voter)).map(({ power }) => power)));
        scoreBounds(type, result.scores, result.total);
      }),
      runs,
    );
  });

  it('never counts invalid ballots', () => {
    fc.assert(
      fc.property(
        tallyCase(type).chain((tallied) =>
          fc.tuple(
            fc.constant(tallied),
            fc.array(fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 6n }), invalidChoice(type, tallied.choiceCount)), { minLength: 1, maxLength: 5 }),
          ),
        ),
        ([{ choiceCount, ballots }, extra]) => {
          const before = tally(type, choiceCount, ballots);
          const spoiled = extra.map(([power, choice], index) => ({ voter: `x${index}`, power, choice }));
          const after = tally(type, choiceCount, [...spoiled.slice(0, 2), ...ballots, ...spoiled.slice(2)]);
          expect(after.scores).toEqual(before.scores);
          expect(after.total).toBe(before.total);
          expect(after.winner).toBe(before.winner);
          expect(after.invalid.filter(({ voter }) => voter.startsWith('x')).map(({ voter }) => voter)).toEqual(spoiled.map(({ voter }) => voter));
        },
      ),
      runs,
    );
  });

  it('scores the same whether or not the caller passes the power total', () => {
    fc.assert(
      fc.property(
        tallyCase(type).chain((tallied) =>
          fc.tuple(
            fc.constant(tallied),
            fc.array(fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 6n }), invalidChoice(type, tallied.choiceCount)), { maxLength: 3 }),
          ),
        ),
        ([{ choiceCount, ballots }, extra]) => {
          const all = [...ballots, ...extra.map(([power, choice], index) => ({ voter: `x${index}`, power, choice }))];
          const method = votingMethods[type];
          expect(method.score(all, choiceCount, undefined, sum(all.map(({ power }) => power)))).toEqual(method.score(all, choiceCount));
        },
      ),
      runs,
    );
  });

  it('refuses every ballot of a voter who appears twice, wherever they are', () => {
    fc.assert(
      fc.property(tallyCase(type, { maxBallots: 6 }), fc.nat(), ({ choiceCount, ballots }, at) => {
        fc.pre(ballots.length > 0);
        const copied = ballots[at % ballots.length] as Ballot;
        const result = tally(type, choiceCount, [...ballots, { ...copied }]);
        const refused = result.invalid.filter(({ voter }) => voter === copied.voter);
        expect(refused).toEqual([
          { voter: copied.voter, reason: 'duplicate_voter' },
          { voter: copied.voter, reason: 'duplicate_voter' },
        ]);
        const without = tally(
          type,
          choiceCount,
          ballots.filter((ballot) => ballot.voter !== copied.voter),
        );
        expect({ scores: result.scores, total: result.total, winner: result.winner }).toEqual({
          scores: without.scores,
          total: without.total,
          winner: without.winner,
        });
      }),
      runs,
    );
  });
});

describe('weighted is within one unit of the exact split', () => {
  it('each score is within one base unit of the exact rational share', () => {
    fc.assert(
      fc.property(tallyCase('weighted'), ({ choiceCount, ballots }) => {
        const result = tally('weighted', choiceCount, ballots);
        const invalid = new Set(result.invalid.map(({ voter }) => voter));
        // Exact shares as fractions over a common denominator: the product of the weight sums.
        const valid = ballots.filter(({ voter }) => !invalid.has(voter));
        const sums = valid.map(({ choice }) => BigInt(Object.values(choice as Record<string, number>).reduce((a, b) => a + b, 0)));
        const denominator = sums.reduce((a, b) => a * b, 1n);
        result.scores.forEach((score, index) => {
          let numerator = 0n;
          valid.forEach(({ power, choice }, at) => {
            const weight = BigInt((choice as Record<string, number>)[String(index + 1)] ?? 0);
            numerator += (power * weight * denominator) / (sums[at] as bigint);
          });
          const difference = score * denominator - numerator;
          expect(difference < denominator && difference > -denominator).toBe(true);
        });
      }),
      { ...runs, numRuns: 200 },
    );
  });
});
