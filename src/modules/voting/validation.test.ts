import { describe, expect, it } from 'vitest';
import { PolityError } from '../../kernel/errors.ts';
import { ballotsMax } from './limits.ts';
import { tally, validateBallot, validateChoice } from './tally.ts';
import type { Ballot, BallotType } from './types.ts';

/** One row per reason code each method gives, in Snapshot's encodings, for 3 choices. */
const reasons: [BallotType, unknown, string | undefined][] = [
  ['basic', 1, undefined],
  ['basic', 3, undefined],
  ['basic', 4, 'choice_out_of_range'],
  ['basic', '1', 'choice_not_integer'],
  ['single-choice', 2, undefined],
  ['single-choice', 0, 'choice_out_of_range'],
  ['single-choice', 2.5, 'choice_not_integer'],
  ['single-choice', [1], 'choice_not_integer'],
  ['approval', [], undefined],
  ['approval', [3, 1], undefined],
  ['approval', 1, 'choice_not_array'],
  ['approval', [1, 2, 3, 1], 'choice_too_long'],
  ['approval', ['1'], 'choice_not_integer'],
  ['approval', [4], 'choice_out_of_range'],
  ['approval', [2, 2], 'choice_duplicate'],
  ['ranked-choice', [3, 1, 2], undefined],
  ['ranked-choice', { '1': 1 }, 'choice_not_array'],
  ['ranked-choice', [1, 2, 3, 4], 'choice_too_long'],
  ['ranked-choice', [1, 2], 'ranking_incomplete'],
  ['ranked-choice', [], 'ranking_incomplete'],
  ['ranked-choice', [1, 2, 2], 'choice_duplicate'],
  ['ranked-choice', [1, 2, 0], 'choice_out_of_range'],
  ['ranked-choice', [1, 2, 2.5], 'choice_not_integer'],
  ['copeland', [2, 3, 1], undefined],
  ['copeland', [2, 3], 'ranking_incomplete'],
  ['copeland', 'x', 'choice_not_array'],
  ['weighted', { '1': 2, '3': 0 }, undefined],
  ['weighted', [1], 'choice_not_object'],
  ['weighted', null, 'choice_not_object'],
  ['weighted', {}, 'choice_empty'],
  ['weighted', { a: 1 }, 'choice_key_invalid'],
  ['weighted', { '1.0': 1 }, 'choice_key_invalid'],
  ['weighted', { '4': 1 }, 'choice_out_of_range'],
  ['weighted', { '1': '1' }, 'weight_invalid'],
  ['weighted', { '1': Number.MAX_SAFE_INTEGER, '2': 1 }, 'weights_too_large'],
  ['weighted', { '1': 0, '2': 0 }, 'weights_zero'],
  ['quadratic', { '2': 7 }, undefined],
  ['quadratic', { '2': -7 }, 'weight_invalid'],
  ['quadratic-credits', { '1': 4, '2': '9' }, undefined],
  ['quadratic-credits', { '1': '340282366920938463463374607431768211455' }, undefined],
  ['quadratic-credits', { '1': '340282366920938463463374607431768211456' }, 'credits_invalid'],
  ['quadratic-credits', { '1': 2 ** 53 }, 'credits_invalid'],
  ['quadratic-credits', { '1': '1e3' }, 'credits_invalid'],
  ['quadratic-credits', { '1': '' }, 'credits_invalid'],
  ['quadratic-credits', { '1': 0, '2': '0' }, 'credits_zero'],
  ['quadratic-credits', 5, 'choice_not_object'],
  ['quadratic-credits', {}, 'choice_empty'],
  ['quadratic-credits', { x: 1 }, 'choice_key_invalid'],
  ['quadratic-credits', { '9': 1 }, 'choice_out_of_range'],
];

describe('validateChoice', () => {
  it.each(reasons)('%s %j -> %s', (type, choice, reason) => {
    expect(validateChoice(type, choice, 3)).toBe(reason);
  });

  it('reads keys beyond the probed range the same way (a proposal with many choices)', () => {
    expect(validateChoice('weighted', { '40': 1 }, 40)).toBeUndefined();
    expect(validateChoice('weighted', { '41': 1 }, 40)).toBe('choice_out_of_range');
    expect(validateChoice('quadratic-credits', { '40': '4' }, 40)).toBeUndefined();
    expect(validateChoice('weighted', { '1': 1, '01': 1 }, 3)).toBe('choice_key_invalid');
  });
});

describe('validateBallot: the checks every type shares, then the method', () => {
  const rows: [string, Ballot, string | undefined][] = [
    ['a valid ballot', { voter: 'a', power: 10n, choice: { '1': 10 } }, undefined],
    ['credits_exceed_power', { voter: 'a', power: 10n, choice: { '1': 6, '2': 5 } }, 'credits_exceed_power'],
    ['credits_exceed_power (large)', { voter: 'a', power: 10n ** 24n, choice: { '1': '1000000000000000000000001' } }, 'credits_exceed_power'],
    ['credits equal to the power (large)', { voter: 'a', power: 10n ** 24n, choice: { '1': '999999999999999999999999', '2': 1 } }, undefined],
    ['voter_invalid', { voter: '', power: 1n, choice: { '1': 1 } }, 'voter_invalid'],
    ['power_invalid (negative)', { voter: 'a', power: -1n, choice: { '1': 1 } }, 'power_invalid'],
    ['power_invalid (not a bigint)', { voter: 'a', power: 1 as unknown as bigint, choice: { '1': 1 } }, 'power_invalid'],
  ];
  it.each(rows)('%s', (_name, ballot, reason) => {
    expect(validateBallot('quadratic-credits', ballot, 3)).toBe(reason);
  });

  it('tally lists duplicate voters, bad voters and bad powers first', () => {
    const result = tally('single-choice', 2, [
      { voter: 'a', power: 1n, choice: 1 },
      { voter: 'a', power: 2n, choice: 2 },
      { voter: 7 as unknown as string, power: 1n, choice: 1 },
      { voter: 'b', power: -5n, choice: 1 },
      { voter: 'c', power: 4n, choice: 2 },
    ]);
    expect(result.invalid).toEqual([
      { voter: '7', reason: 'voter_invalid' },
      { voter: 'a', reason: 'duplicate_voter' },
      { voter: 'a', reason: 'duplicate_voter' },
      { voter: 'b', reason: 'power_invalid' },
    ]);
    expect(result.scores).toEqual([0n, 4n]);
    expect(result.total).toBe(4n);
  });
});

describe('tally refuses calls no ballot could fix', () => {
  const code = (run: () => unknown): string | undefined => {
    try {
      run();
      return undefined;
    } catch (error) {
      return error instanceof PolityError ? error.code : String(error);
    }
  };
  it.each([
    ['tally_type_unknown', () => tally('plurality' as BallotType, 2, [])],
    ['tally_choices_invalid', () => tally('single-choice', 0, [])],
    ['tally_choices_invalid', () => tally('single-choice', 257, [])],
    ['tally_choices_invalid', () => tally('single-choice', 2.5, [])],
    ['tally_choices_invalid', () => tally('basic', 4, [])],
    ['tally_choices_invalid', () => validateChoice('basic', 1, 1)],
    ['tally_too_many_ballots', () => tally('single-choice', 2, new Array<Ballot>(ballotsMax + 1))],
  ] as const)('%s', (expected, run) => {
    expect(code(run)).toBe(expected);
  });
});
