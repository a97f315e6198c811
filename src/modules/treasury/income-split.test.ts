import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentToPpm } from '../../kernel/rates.ts';
import { incomeSplit } from './income-split.ts';
import type { IncomeRules, IncomeShare } from './state.ts';

const shares = (list: [string, string][]): IncomeShare[] => list.map(([fundId, percent]) => ({ fundId, ppm: percentToPpm(percent) }));

/** The AI DAO's rule: 8 % of all income to education, service fees to agi, donations to governance. */
const aiDao: IncomeRules = {
  assetId: 'aidao',
  reserve: shares([['education', '8']]),
  classes: new Map([
    ['service_fee', shares([['agi', '100']])],
    ['donation', shares([['governance', '100']])],
  ]),
  default: shares([
    ['governance', '50'],
    ['agi', '50'],
  ]),
};

const split = (rules: IncomeRules, incomeClass: string, units: bigint) =>
  Object.fromEntries(incomeSplit(rules, incomeClass, units).map((part) => [part.fundId, part.amountUnits]));

describe('incomeSplit', () => {
  it.each<[string, string, bigint, Record<string, bigint>]>([
    ['1,000 of service fees: 80 to education, 920 to agi', 'service_fee', 1000n, { education: 80n, agi: 920n }],
    ['1,000 of donations: 80 to education, 920 to governance', 'donation', 1000n, { education: 80n, governance: 920n }],
    ['a class without a list uses the default', 'grant', 1000n, { education: 80n, governance: 460n, agi: 460n }],
    ['rounding: the reserve rounds down, the class list takes the rest', 'service_fee', 7n, { education: 0n, agi: 7n }],
    ['rounding: the default list’s last entry takes the odd unit', 'grant', 13n, { education: 1n, governance: 6n, agi: 6n }],
    ['nothing in, nothing out', 'donation', 0n, { education: 0n, governance: 0n }],
  ])('%s', (_name, incomeClass, units, expected) => {
    expect(split(aiDao, incomeClass, units)).toEqual(expected);
  });

  it('a fund in both the reserve and the class list gets one aggregated part', () => {
    const rules: IncomeRules = {
      assetId: 'x',
      reserve: shares([['a', '10']]),
      classes: new Map(),
      default: shares([
        ['b', '50'],
        ['a', '50'],
      ]),
    };
    expect(incomeSplit(rules, 'any', 1000n)).toEqual([
      { fundId: 'a', amountUnits: 550n },
      { fundId: 'b', amountUnits: 450n },
    ]);
  });

  it('a reserve of exactly 100 % takes everything, its last entry the remainder', () => {
    const rules: IncomeRules = {
      assetId: 'x',
      reserve: shares([
        ['a', '33.3333'],
        ['b', '66.6667'],
      ]),
      classes: new Map(),
      default: shares([['c', '100']]),
    };
    expect(split(rules, 'any', 10n)).toEqual({ a: 3n, b: 7n, c: 0n });
  });

  it('parts always add up to exactly the payment (property)', () => {
    const seed = 20_260_101;
    /** A list of percents adding up to `totalPpm`, as 1..5 fund shares. */
    const list = (prefix: string, totalPpm: number) =>
      fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 5 }).map((weights): IncomeShare[] => {
        const sum = weights.reduce((a, b) => a + b, 0);
        const ppms = weights.map((weight) => BigInt(Math.floor((weight * totalPpm) / sum)));
        const last = BigInt(totalPpm) - ppms.slice(0, -1).reduce((a, b) => a + b, 0n);
        ppms[ppms.length - 1] = last;
        return ppms.map((ppm, index) => ({ fundId: `${prefix}${index}`, ppm })).filter((share) => share.ppm > 0n);
      });
    const rules = fc.record({
      reserve: fc.integer({ min: 0, max: 1_000_000 }).chain((total) => (total === 0 ? fc.constant<IncomeShare[]>([]) : list('r', total))),
      listed: list('c', 1_000_000),
      fallback: list('d', 1_000_000),
    });
    fc.assert(
      fc.property(rules, fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), fc.boolean(), ({ reserve, listed, fallback }, units, useClass) => {
        const incomeRules: IncomeRules = { assetId: 'x', reserve, classes: new Map([['listed', listed]]), default: fallback };
        const parts = incomeSplit(incomeRules, useClass ? 'listed' : 'other', units);
        expect(parts.reduce((sum, part) => sum + part.amountUnits, 0n)).toBe(units);
        for (const part of parts) expect(part.amountUnits).toBeGreaterThanOrEqual(0n);
        // each reserve share is exactly its rounded-down percentage of the whole, unless it is a whole reserve's last entry
        const reserveTotal = reserve.reduce((sum, share) => sum + share.ppm, 0n);
        if (reserveTotal < 1_000_000n) {
          for (const share of reserve) expect(parts.find((part) => part.fundId === share.fundId)?.amountUnits).toBe((units * share.ppm) / 1_000_000n);
        }
      }),
      { seed, numRuns: 500 },
    );
  });
});
