import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { tally, validateChoice } from './tally.ts';
import { tallyCase, votingSeed } from './testing/arbitraries.ts';
import type { Ballot, BallotType } from './types.ts';

/**
 * Differential tests against Snapshot's own scoring code (@snapshot-labs/snapshot.js, a dev
 * dependency; skipped when it is not installed). Snapshot counts in floats, Polity in exact
 * integers:
 * - single-choice, basic, approval, ranked-choice: sums of powers. With integer powers below
 *   2^53 Snapshot's floats are exact, so the scores must be EQUAL.
 * - weighted, quadratic, copeland: Snapshot rescales in floats; Polity apportions whole base
 *   units (each score within one unit of its exact share), so they must agree within
 *   1 + 1e-9 * total (the 1e-9 covers Snapshot's float error, far larger than Polity's
 *   2^-38 for quadratic roots).
 * - powers of 18-decimal tokens (up to 10^24 base units, beyond float precision): within
 *   1e-9 of the total for every type.
 * Validity must agree on every ballot of the generators (valid ones and the invalid forms both
 * sides refuse); the forms where Polity is stricter on purpose are listed in `stricter`.
 */

interface SnapshotVote {
  choice: unknown;
  balance: number;
  scores: number[];
}
/** A snapshot.js voting class: a constructor with a static isValidChoice (a type alias: Biome 2.3.9 panics on construct signatures in interfaces). */
type SnapshotVoting = (new (
  proposal: { choices: string[] },
  votes: SnapshotVote[],
  strategies: unknown[],
  selected: unknown,
) => { getScores(): number[] }) & { isValidChoice(choice: unknown, choices: string[]): boolean };

const snapshotTypes = ['basic', 'single-choice', 'approval', 'ranked-choice', 'weighted', 'quadratic', 'copeland'] as const;
type SnapshotType = (typeof snapshotTypes)[number];

async function loadSnapshot(): Promise<Record<SnapshotType, SnapshotVoting> | null> {
  try {
    const loaded = (await import('@snapshot-labs/snapshot.js')) as unknown as { default: { utils: { voting: Record<SnapshotType, SnapshotVoting> } } };
    return loaded.default.utils.voting;
  } catch {
    return null;
  }
}

const voting = await loadSnapshot();
const exactTypes = new Set<BallotType>(['basic', 'single-choice', 'approval', 'ranked-choice']);
const runs = { seed: votingSeed, numRuns: 400 };

function labels(choiceCount: number): string[] {
  return Array.from({ length: choiceCount }, (_, index) => `choice ${index + 1}`);
}

function snapshotScores(Voting: SnapshotVoting, choiceCount: number, ballots: readonly Ballot[]): number[] {
  const votes = ballots.map(({ choice, power }) => ({ choice, balance: Number(power), scores: [Number(power)] }));
  return new Voting({ choices: labels(choiceCount) }, votes, [{ name: 'ticket', network: '1', params: {} }], undefined).getScores();
}

/** Choices both Polity and Snapshot refuse (for the validity parity check). */
const bothRefuse: Record<SnapshotType, unknown[]> = {
  basic: [0, 4, 1.5, '1', null, [1]],
  'single-choice': [0, 4, 1.5, '1', null, [1]],
  approval: [1, null, [0], [4], [1, 1], [1.5]],
  'ranked-choice': [[], [1, 2], [1, 1, 2], [1, 2, 4], 'x', null],
  copeland: [[], [1, 2], [1, 1, 2], [1, 2, 4], [1, 2, 2.5], 'x'],
  weighted: [{}, { '1': 0 }, { '1': -1 }, { '4': 1 }, { '0': 2 }, [1], null, { '1': '2' }],
  quadratic: [{}, { '1': 0 }, { '1': -1 }, { '4': 1 }, { '0': 2 }, [1], null, { '1': '2' }],
};

/** Forms Snapshot accepts and Polity refuses, on purpose (see choices.ts). With 3 choices. */
const stricter: [SnapshotType, unknown, string][] = [
  ['approval', ['1'], 'choice_not_integer'],
  ['ranked-choice', ['1', 2, 3], 'choice_not_integer'],
  ['weighted', { '1': 0.5 }, 'weight_invalid'],
  ['weighted', { '01': 1 }, 'choice_key_invalid'],
  ['quadratic', { '1e0': 1 }, 'choice_key_invalid'],
];

beforeAll(() => {
  console.info(`snapshot differential: ${voting ? 'snapshot.js installed' : 'snapshot.js NOT installed, skipped'}; fast-check seed ${votingSeed}`);
});

describe.skipIf(voting === null)('differential: Polity against snapshot.js', () => {
  describe.each(snapshotTypes.map((type) => [type]))('%s', (type) => {
    const Voting = (voting as Record<SnapshotType, SnapshotVoting>)[type];

    it('scores the same ballots the same (small integer powers)', () => {
      fc.assert(
        fc.property(
          tallyCase(type, { maxPower: 10n ** 6n }).chain((tallied) =>
            fc.tuple(fc.constant(tallied), fc.array(fc.constantFrom(...bothRefuse[type]), { maxLength: 3 })),
          ),
          ([{ choiceCount, ballots }, refused]) => {
            const all = [...ballots, ...refused.map((choice, index) => ({ voter: `x${index}`, power: 5n, choice }))];
            const ours = tally(type, choiceCount, all);
            const theirs = snapshotScores(Voting, choiceCount, all);
            const total = Number(ours.total);
            ours.scores.forEach((score, index) => {
              const theirScore = theirs[index] as number;
              if (exactTypes.has(type)) expect(Number(score)).toBe(theirScore);
              else expect(Math.abs(Number(score) - theirScore)).toBeLessThanOrEqual(1 + 1e-9 * total);
            });
            for (const ballot of all) {
              expect(validateChoice(type, ballot.choice, choiceCount) === undefined).toBe(Voting.isValidChoice(ballot.choice, labels(choiceCount)));
            }
          },
        ),
        runs,
      );
    });

    it('agrees within 1e-9 of the total for 18-decimal powers', () => {
      fc.assert(
        fc.property(tallyCase(type, { maxPower: 10n ** 24n }), ({ choiceCount, ballots }) => {
          const ours = tally(type, choiceCount, ballots);
          const theirs = snapshotScores(Voting, choiceCount, ballots);
          const tolerance = 1e-9 * Number(ours.total) + 1;
          ours.scores.forEach((score, index) => {
            expect(Math.abs(Number(score) - (theirs[index] as number))).toBeLessThanOrEqual(tolerance);
          });
        }),
        { ...runs, numRuns: 200 },
      );
    });
  });

  it.each(stricter)('%s %j: Snapshot accepts it, Polity refuses it (%s)', (type, choice, reason) => {
    const Voting = (voting as Record<SnapshotType, SnapshotVoting>)[type];
    expect(Voting.isValidChoice(choice, labels(3))).toBe(true);
    expect(validateChoice(type, choice, 3)).toBe(reason);
  });
});
