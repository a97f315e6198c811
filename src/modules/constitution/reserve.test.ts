import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentToPpm, ppmWhole } from '../../kernel/rates.ts';
import { type IncomeRules, type IncomeShare, incomeSplit } from '../treasury/index.ts';
import { guaranteedSharePpm, type SplitLists, splitListsOfPayload } from './reserve.ts';

const shares = (list: [string, string][]): IncomeShare[] => list.map(([fundId, percent]) => ({ fundId, ppm: percentToPpm(percent) }));

describe('guaranteedSharePpm', () => {
  it.each<[string, SplitLists, string]>([
    ['the AI DAO: an 8 % reserve', { reserve: shares([['education', '8']]), lists: [shares([['agi', '100']]), shares([['governance', '100']])] }, '8'],
    [
      'no reserve, 10 % of every list',
      {
        reserve: [],
        lists: [
          shares([
            ['education', '10'],
            ['agi', '90'],
          ]),
          shares([
            ['education', '10'],
            ['x', '90'],
          ]),
        ],
      },
      '10',
    ],
    [
      'a list without the fund: nothing beyond the reserve',
      {
        reserve: shares([['education', '2']]),
        lists: [
          shares([
            ['education', '50'],
            ['x', '50'],
          ]),
          shares([['x', '100']]),
        ],
      },
      '2',
    ],
    // 4 % + 5 % of the 96 % the reserve leaves = 4 + 4.8 = 8.8 %
    [
      'reserve plus a share of the rest',
      {
        reserve: shares([['education', '4']]),
        lists: [
          shares([
            ['education', '5'],
            ['x', '95'],
          ]),
        ],
      },
      '8.8',
    ],
    // 1/3 % of 2/3 rounds down: 33.3333 % reserved by others, 0.0001 % of the rest is 0.6666... ppm -> 0
    [
      'rounding goes down',
      {
        reserve: shares([['other', '33.3333']]),
        lists: [
          shares([
            ['education', '0.0001'],
            ['x', '99.9999'],
          ]),
        ],
      },
      '0',
    ],
    ['a whole reserve leaves nothing to the lists', { reserve: shares([['other', '100']]), lists: [shares([['education', '100']])] }, '0'],
    ['no lists at all: the reserve only', { reserve: shares([['education', '8']]), lists: [] }, '8'],
  ])('%s -> %s %%', (_name, split, percent) => {
    expect(guaranteedSharePpm(split, 'education')).toBe(percentToPpm(percent));
  });

  it('reads a treasury.set_income_rules payload; a malformed one is undefined', () => {
    const payload = {
      asset: 'gov',
      reserve: [{ fund: 'education', percent: '8' }],
      classes: { fee: [{ fund: 'agi', percent: '100' }] },
      default: [{ fund: 'g', percent: '100' }],
    };
    expect(splitListsOfPayload(payload)).toEqual({
      reserve: [{ fundId: 'education', ppm: 80_000n }],
      lists: [[{ fundId: 'agi', ppm: 1_000_000n }], [{ fundId: 'g', ppm: 1_000_000n }]],
    });
    expect(splitListsOfPayload({ ...payload, reserve: [{ fund: 'education', percent: '101' }] })).toBeUndefined();
    expect(splitListsOfPayload({ ...payload, reserve: [{ fund: 'education', percent: 8 }] })).toBeUndefined();
    expect(splitListsOfPayload({ ...payload, classes: [] })).toBeUndefined();
    expect(splitListsOfPayload({ ...payload, default: undefined })).toBeUndefined();
  });

  it('the fund receives at least the guaranteed share of any payment, less two units of rounding (property)', () => {
    const seed = 20_260_404;
    /** A list of 1..4 shares adding up to `totalPpm`, the fund `education` among them or not. */
    const list = (totalPpm: number) =>
      fc.tuple(fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 4 }), fc.boolean()).map(([weights, withFund]): IncomeShare[] => {
        const sum = weights.reduce((a, b) => a + b, 0);
        const ppms = weights.map((weight) => BigInt(Math.floor((weight * totalPpm) / sum)));
        ppms[ppms.length - 1] = BigInt(totalPpm) - ppms.slice(0, -1).reduce((a, b) => a + b, 0n);
        return ppms.map((ppm, index) => ({ fundId: index === 0 && withFund ? 'education' : `f${index}`, ppm })).filter((share) => share.ppm > 0n);
      });
    const rules = fc.record({
      reserve: fc.integer({ min: 0, max: 1_000_000 }).chain((total) => (total === 0 ? fc.constant<IncomeShare[]>([]) : list(total))),
      listed: list(1_000_000),
      fallback: list(1_000_000),
    });
    fc.assert(
      fc.property(rules, fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.boolean(), ({ reserve, listed, fallback }, units, useClass) => {
        const incomeRules: IncomeRules = { assetId: 'x', reserve, classes: new Map([['listed', listed]]), default: fallback };
        const guaranteed = guaranteedSharePpm({ reserve, lists: [listed, fallback] }, 'education');
        expect(guaranteed).toBeLessThanOrEqual(ppmWhole);
        const part = incomeSplit(incomeRules, useClass ? 'listed' : 'other', units).find((entry) => entry.fundId === 'education')?.amountUnits ?? 0n;
        expect(part + 2n).toBeGreaterThanOrEqual((units * guaranteed) / ppmWhole);
      }),
      { seed, numRuns: 500 },
    );
  });
});
