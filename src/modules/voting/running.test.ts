import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RunningTally } from './running.ts';
import { tally } from './tally.ts';
import { invalidChoice, type TallyCase, tallyCase, validChoice, votingSeed } from './testing/arbitraries.ts';
import { type Ballot, type BallotType, ballotTypes } from './types.ts';

const runs = { seed: votingSeed, numRuns: 200 };

/** A change of one voter's ballot: the voter picked by `at`, a new power, and a choice valid or not. */
function edits(type: BallotType, choiceCount: number): fc.Arbitrary<{ at: number; power: bigint; choice: unknown }[]> {
  return fc.array(
    fc
      .tuple(fc.nat(), fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 24n }), fc.constantFrom(0n, 1n)))
      .chain(([at, power]) =>
        fc
          .oneof({ weight: 4, arbitrary: validChoice(type, choiceCount, power) }, { weight: 1, arbitrary: invalidChoice(type, choiceCount) })
          .map((choice) => ({ at, power, choice })),
      ),
    { maxLength: 8 },
  );
}

/**
 * After the ballots of a case, then after each of a sequence of changes, the running tally
 * (built in bulk, as the engine on a first read, or ballot by ballot) equals tally().
 */
function holdsToTally(type: BallotType, cases: fc.Arbitrary<TallyCase>) {
  return fc.property(
    cases.chain((tallied) => fc.tuple(fc.constant(tallied), edits(type, tallied.choiceCount), fc.boolean())),
    ([{ choiceCount, ballots }, changes, bulk]) => {
      const running = bulk ? RunningTally.of(type, choiceCount, ballots) : new RunningTally(type, choiceCount);
      const current = new Map<string, Ballot>();
      for (const ballot of ballots) {
        if (!bulk) running.add(ballot);
        current.set(ballot.voter, ballot);
      }
      expect(running.result()).toEqual(tally(type, choiceCount, [...current.values()]));
      for (const { at, power, choice } of changes) {
        // An existing voter changes their ballot, or a new one votes.
        const voter = at % 3 === 0 || current.size === 0 ? `new${at}` : [...current.keys()][at % current.size];
        const previous = current.get(voter as string);
        if (previous) running.remove(previous);
        const next = { voter: voter as string, power, choice };
        running.add(next);
        current.set(next.voter, next);
        expect(running.result()).toEqual(tally(type, choiceCount, [...current.values()]));
      }
    },
  );
}

describe('RunningTally', () => {
  it('refuses what tally() refuses for the call itself', () => {
    expect(() => new RunningTally('nope' as BallotType, 3)).toThrow(expect.objectContaining({ code: 'tally_type_unknown' }));
    expect(() => new RunningTally('basic', 4)).toThrow(expect.objectContaining({ code: 'tally_choices_invalid' }));
  });

  it('hands out a frozen result, the same one until the next change', () => {
    const running = new RunningTally('single-choice', 2);
    running.add({ voter: 'a', power: 5n, choice: 1 });
    const result = running.result();
    expect(running.result()).toBe(result);
    expect(() => (result.scores as bigint[]).push(1n)).toThrow(TypeError);
    expect(() => {
      (result as { total: bigint }).total = 0n;
    }).toThrow(TypeError);
    running.add({ voter: 'b', power: 2n, choice: 2 });
    expect(running.result()).not.toBe(result);
    expect(running.result().scores).toEqual([5n, 2n]);
  });

  describe.each(ballotTypes.map((type) => [type]))('%s', (type) => {
    it('equals tally() of the current ballots after every change', () => {
      fc.assert(holdsToTally(type, tallyCase(type, { maxPower: 10n ** 24n })), runs);
    });

    if (type === 'ranked-choice') {
      it('equals tally() with up to 16 choices', () => {
        fc.assert(holdsToTally(type, tallyCase(type, { maxPower: 10n ** 24n, maxChoices: 16 })), { ...runs, numRuns: 100 });
      });
    }

    it('comes back to an empty tally when every ballot is taken back', () => {
      fc.assert(
        fc.property(tallyCase(type, { maxPower: 10n ** 24n }), ({ choiceCount, ballots }) => {
          const running = new RunningTally(type, choiceCount);
          for (const ballot of ballots) running.add(ballot);
          for (const ballot of [...ballots].reverse()) running.remove(ballot);
          expect(running.result()).toEqual(tally(type, choiceCount, []));
        }),
        runs,
      );
    });
  });
});
