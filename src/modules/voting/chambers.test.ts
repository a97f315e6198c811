import { describe, expect, it } from 'vitest';
import { PolityError } from '../../kernel/errors.ts';
import { chamberScale, combineChambers } from './chambers.ts';
import { tally } from './tally.ts';

const unit = chamberScale;
const million = 1_000_000n;

describe('combineChambers: the AI DAO paper, section 5.2', () => {
  it('venture 60 voting 40 yes / 20 no plus governance 40 voting 30 / 10 gives 70 yes / 30 no', () => {
    // Venture: 60 * 40 / 60 = 40 yes, 60 * 20 / 60 = 20 no. Governance: 40 * 30 / 40 = 30, 40 * 10 / 40 = 10.
    const combined = combineChambers([
      { weight: 60n, scores: [40n, 20n] },
      { weight: 40n, scores: [30n, 10n] },
    ]);
    expect(combined).toEqual({ scale: unit, scores: [70n * unit, 30n * unit] });
  });

  it('holders of 50M governance tokens voting 40M yes / 10M no give 32 yes / 8 no, 72 / 28 in total', () => {
    // Governance: 40 * 40M / 50M = 32 yes, 40 * 10M / 50M = 8 no. Plus the venture chamber's 40 / 20.
    const governance = combineChambers([{ weight: 40n, scores: [40n * million, 10n * million] }]);
    expect(governance.scores).toEqual([32n * unit, 8n * unit]);
    const combined = combineChambers([
      { weight: 60n, scores: [40n, 20n] },
      { weight: 40n, scores: [40n * million, 10n * million] },
    ]);
    expect(combined.scores).toEqual([72n * unit, 28n * unit]);
  });

  it('takes tally scores in base units (18 decimals) to the same result', () => {
    const tokens = 10n ** 18n;
    const venture = tally('basic', 2, [
      { voter: 'fund-a', power: 40n * tokens, choice: 1 },
      { voter: 'fund-b', power: 20n * tokens, choice: 2 },
    ]);
    const governance = tally('basic', 3, [
      { voter: 'alice', power: 25n * million * tokens, choice: 1 },
      { voter: 'bob', power: 15n * million * tokens, choice: 1 },
      { voter: 'carol', power: 10n * million * tokens, choice: 2 },
    ]);
    const combined = combineChambers([
      { weight: 60n, scores: venture.scores },
      { weight: 40n, scores: governance.scores.slice(0, 2) },
    ]);
    expect(combined.scores).toEqual([72n * unit, 28n * unit]);
  });
});

describe('combineChambers: rounding and edges', () => {
  it('apportions thirds: each chamber adds exactly its weight, the leftover 10^-18 to the largest remainders', () => {
    // 1 * 10^18 over 1:1:1: 333...333 each and 1 left over, to choice 1 (equal remainders).
    const third = unit / 3n;
    expect(combineChambers([{ weight: 1n, scores: [1n, 1n, 1n] }]).scores).toEqual([third + 1n, third, third]);
  });

  it('a chamber without votes adds nothing', () => {
    expect(
      combineChambers([
        { weight: 60n, scores: [0n, 0n] },
        { weight: 40n, scores: [3n, 1n] },
      ]).scores,
    ).toEqual([30n * unit, 10n * unit]);
  });

  it.each([
    ['no chambers', []],
    [
      'different lengths',
      [
        { weight: 1n, scores: [1n] },
        { weight: 1n, scores: [1n, 2n] },
      ],
    ],
    ['a negative weight', [{ weight: -1n, scores: [1n] }]],
    ['a negative score', [{ weight: 1n, scores: [-1n] }]],
  ])('refuses %s (chambers_invalid)', (_name, chambers) => {
    expect(() => combineChambers(chambers)).toThrow(PolityError);
    try {
      combineChambers(chambers);
    } catch (error) {
      expect((error as PolityError).code).toBe('chambers_invalid');
    }
  });
});
