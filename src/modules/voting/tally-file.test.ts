import { describe, expect, it } from 'vitest';
import { PolityError } from '../../kernel/errors.ts';
import { tally } from './tally.ts';
import { parseTallyFile } from './tally-file.ts';
import { tallyView } from './tally-view.ts';

function retally(text: string): ReturnType<typeof tallyView> {
  const file = parseTallyFile(text);
  return tallyView(tally(file.type, file.choices.length, file.ballots), file.decimals);
}

describe('parseTallyFile and tallyView: the offline re-tally', () => {
  it('reads the plain format and prints decimal strings', () => {
    const text = JSON.stringify({
      type: 'single-choice',
      choices: ['A', 'B'],
      ballots: [
        { voter: 'alice', power: '40', choice: 1 },
        { voter: 'bob', power: '25', choice: 2 },
        { voter: 'carol', power: '5', choice: 3 },
      ],
    });
    expect(retally(text)).toEqual({
      type: 'single-choice',
      scores: ['40', '25'],
      total: '65',
      winner: 1,
      invalid: [{ voter: 'carol', reason: 'choice_out_of_range' }],
    });
  });

  it('converts token units with "decimals" exactly, and prints them back', () => {
    const file = parseTallyFile(
      JSON.stringify({
        type: 'weighted',
        choices: ['A', 'B', 'C'],
        decimals: 18,
        ballots: [{ voter: 'alice', power: '0.000000000000000010', choice: { '1': 1, '2': 1, '3': 1 } }],
      }),
    );
    expect(file.ballots[0]?.power).toBe(10n);
    // 10 base units over three choices: 4, 3, 3 (the leftover unit to choice 1).
    expect(tallyView(tally(file.type, 3, file.ballots), 18)).toEqual({
      type: 'weighted',
      scores: ['0.000000000000000004', '0.000000000000000003', '0.000000000000000003'],
      total: '0.00000000000000001',
      winner: 1,
      invalid: [],
    });
  });

  it('converts quadratic-credits credits from token units too; votes print as whole numbers', () => {
    const text = JSON.stringify({
      type: 'quadratic-credits',
      choices: ['A', 'B'],
      decimals: 2,
      ballots: [
        { voter: 'alice', power: '1', choice: { '1': '0.64', '2': '0.36' } },
        { voter: 'bob', power: '1', choice: { '2': 1 } },
        { voter: 'carol', power: '1', choice: { '1': '0.001' } },
      ],
    });
    const file = parseTallyFile(text);
    expect(file.ballots[0]?.choice).toEqual({ '1': '64', '2': '36' });
    expect(file.ballots[2]?.choice).toEqual({ '1': '0.001' });
    // alice: isqrt(64) = 8 on A, isqrt(36) = 6 on B; bob: isqrt(100) = 10 on B; carol's 0.001 has too many decimals.
    expect(retally(text)).toEqual({
      type: 'quadratic-credits',
      scores: ['8', '16'],
      total: '2',
      winner: 2,
      invalid: [{ voter: 'carol', reason: 'credits_invalid' }],
    });
  });

  it('ignores other fields (signatures, proposal ids)', () => {
    const text = JSON.stringify({
      type: 'basic',
      choices: ['For', 'Against', 'Abstain'],
      proposal: 'p1',
      ballots: [{ voter: 'a', power: '1', choice: 1, signature: 'x' }],
    });
    expect(retally(text).winner).toBe(1);
  });

  const bad: [string, string, RegExp][] = [
    ['not JSON', '{', /not JSON/],
    ['not an object', '[]', /one JSON object/],
    ['an unknown type', JSON.stringify({ type: 'plurality', choices: ['A'], ballots: [] }), /"type" must be one of/],
    ['choices not strings', JSON.stringify({ type: 'approval', choices: [1, 2], ballots: [] }), /"choices" must be an array of strings/],
    ['no choices', JSON.stringify({ type: 'approval', choices: [], ballots: [] }), /"choices": a proposal has 1 to 256 choices/],
    ['basic with four choices', JSON.stringify({ type: 'basic', choices: ['a', 'b', 'c', 'd'], ballots: [] }), /basic ballot has 2 choices/],
    ['bad decimals', JSON.stringify({ type: 'approval', choices: ['A'], decimals: 19, ballots: [] }), /"decimals" must be an integer from 0 to 18/],
    ['ballots not an array', JSON.stringify({ type: 'approval', choices: ['A'], ballots: {} }), /"ballots" must be an array/],
    ['a ballot not an object', JSON.stringify({ type: 'approval', choices: ['A'], ballots: [1] }), /ballots\[0\] must be an object/],
    ['a missing voter', JSON.stringify({ type: 'approval', choices: ['A'], ballots: [{ power: '1', choice: [] }] }), /ballots\[0\]\.voter/],
    ['a missing choice', JSON.stringify({ type: 'approval', choices: ['A'], ballots: [{ voter: 'a', power: '1' }] }), /ballots\[0\]\.choice is missing/],
    [
      'a number as power',
      JSON.stringify({ type: 'approval', choices: ['A'], ballots: [{ voter: 'a', power: 40, choice: [] }] }),
      /ballots\[0\]\.power: amounts are decimal strings/,
    ],
    [
      'too many decimals',
      JSON.stringify({ type: 'approval', choices: ['A'], ballots: [{ voter: 'a', power: '1.5', choice: [] }] }),
      /ballots\[0\]\.power: "1.5" has 1 decimals; this asset has 0/,
    ],
    [
      'a negative power',
      JSON.stringify({ type: 'approval', choices: ['A'], ballots: [{ voter: 'a', power: '-1', choice: [] }] }),
      /ballots\[0\]\.power: "-1" is negative/,
    ],
  ];
  it.each(bad)('refuses %s (tally_file_invalid)', (_name, text, message) => {
    let caught: unknown;
    try {
      parseTallyFile(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PolityError);
    expect((caught as PolityError).code).toBe('tally_file_invalid');
    expect((caught as PolityError).message).toMatch(message);
  });
});
