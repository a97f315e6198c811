import fc from 'fast-check';
import type { Ballot, BallotType } from '../types.ts';

/**
 * fast-check generators of ballots for the property and differential tests (tests only).
 * Choices are mostly valid; `invalidChoice` makes choices every method refuses.
 */

/** The seed every randomized voting test uses; VOTING_SEED overrides it to replay a failure. */
export const votingSeed = Number(process.env.VOTING_SEED ?? 20_250_404);

export function permutation(choiceCount: number): fc.Arbitrary<number[]> {
  return fc.shuffledSubarray(
    Array.from({ length: choiceCount }, (_, index) => index + 1),
    { minLength: choiceCount, maxLength: choiceCount },
  );
}

function weightMap(choiceCount: number, maxWeight: number): fc.Arbitrary<Record<string, number>> {
  return fc
    .uniqueArray(fc.integer({ min: 1, max: choiceCount }), { minLength: 1, maxLength: choiceCount })
    .chain((keys) =>
      fc
        .tuple(...keys.map(() => fc.integer({ min: 0, max: maxWeight })))
        .map((weights) => Object.fromEntries(keys.map((key, index) => [String(key), weights[index] as number]))),
    );
}

/** A choice of the type's encoding, valid most of the time (weights may all be zero, credits may exceed the power). */
export function validChoice(type: BallotType, choiceCount: number, power: bigint): fc.Arbitrary<unknown> {
  switch (type) {
    case 'basic':
    case 'single-choice':
      return fc.integer({ min: 1, max: choiceCount });
    case 'approval':
      return fc
        .subarray(Array.from({ length: choiceCount }, (_, index) => index + 1))
        .chain((approved) => fc.shuffledSubarray(approved, { minLength: approved.length, maxLength: approved.length }));
    case 'ranked-choice':
    case 'copeland':
      return permutation(choiceCount);
    case 'weighted':
    case 'quadratic':
      return weightMap(choiceCount, 20);
    case 'quadratic-credits':
      return fc.uniqueArray(fc.integer({ min: 1, max: choiceCount }), { minLength: 1, maxLength: choiceCount }).chain((keys) =>
        fc.tuple(...keys.map(() => fc.bigInt({ min: 0n, max: power > 0n ? power : 1n }))).map((credits) => {
          const map: Record<string, number | string> = {};
          keys.forEach((key, index) => {
            const value = credits[index] as bigint;
            map[String(key)] = value % 2n === 0n ? value.toString() : Number(value);
          });
          return map;
        }),
      );
  }
}

/** Choices that no method accepts for its type. */
export function invalidChoice(type: BallotType, choiceCount: number): fc.Arbitrary<unknown> {
  const common = fc.constantFrom<unknown>(null, 'x', true, { '0': 1 }, choiceCount + 1, [choiceCount + 1], 1.5);
  switch (type) {
    case 'basic':
    case 'single-choice':
      return fc.oneof(common, fc.constantFrom<unknown>(0, -1, [1], '1'));
    case 'approval':
      return fc.oneof(fc.constantFrom<unknown>(null, 'x', 1, [0], [1, 1], [choiceCount + 1], [1.5], ['1']));
    case 'ranked-choice':
    case 'copeland':
      return fc.oneof(common, fc.constantFrom<unknown>([], [1, 1], choiceCount > 1 ? [1] : [2]));
    case 'weighted':
    case 'quadratic':
      return fc.oneof(common, fc.constantFrom<unknown>({}, { '1': 0 }, { '1': -1 }, { '1': 0.5 }, { '01': 1 }, { [String(choiceCount + 1)]: 1 }));
    case 'quadratic-credits':
      return fc.oneof(common, fc.constantFrom<unknown>({}, { '1': 0 }, { '1': -1 }, { '1': '1.5' }, { '1': '01' }, { [String(choiceCount + 1)]: 1 }));
  }
}

export interface TallyCase {
  choiceCount: number;
  ballots: Ballot[];
}

/** Ballots with distinct voters v0, v1, ... and powers up to maxPower. */
export function tallyCase(type: BallotType, options: { maxBallots?: number; maxPower?: bigint; maxChoices?: number } = {}): fc.Arbitrary<TallyCase> {
  const maxChoices = options.maxChoices ?? 6;
  const choiceCounts = type === 'basic' ? fc.constantFrom(2, 3) : fc.integer({ min: 1, max: maxChoices });
  return choiceCounts.chain((choiceCount) =>
    fc
      .array(
        // A few tiny powers make ties (pairwise, for last place, for the top) common.
        fc
          .oneof(fc.bigInt({ min: 0n, max: options.maxPower ?? 10n ** 6n }), fc.constantFrom(1n, 2n, 3n))
          .chain((power) => validChoice(type, choiceCount, power).map((choice) => ({ power, choice }))),
        { maxLength: options.maxBallots ?? 12 },
      )
      .map((entries) => ({ choiceCount, ballots: entries.map(({ power, choice }, index) => ({ voter: `v${index}`, power, choice })) })),
  );
}
