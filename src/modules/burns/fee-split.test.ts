import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentToPpm } from '../../kernel/rates.ts';
import { feeSplit } from './fee-split.ts';

const rates = (discount: string, burn: string, stakers = '0') => ({
  discountPpm: percentToPpm(discount),
  burnPpm: percentToPpm(burn),
  stakersPpm: percentToPpm(stakers),
});

describe('feeSplit', () => {
  it.each<[string, bigint, ReturnType<typeof rates>, [bigint, bigint, bigint, bigint, bigint]]>([
    // name, amount, rates, [discount, charged, burned, stakers, treasury]
    ['payments: 1 % of a 1,000 fee burned, the rest to the treasury', 1000n, rates('0', '1'), [0n, 1000n, 10n, 0n, 990n]],
    ['compute: 2 % burned, 20 % to stakers', 1000n, rates('0', '2', '20'), [0n, 1000n, 20n, 200n, 780n]],
    ['a 20 % staking discount comes off first', 1000n, rates('20', '2', '20'), [200n, 800n, 16n, 160n, 624n]],
    ['the discount rounds down: the payer never gets more off', 999n, rates('20', '0'), [199n, 800n, 0n, 0n, 800n]],
    ['the burn and stakers shares round down, the treasury takes the rest', 99n, rates('0', '0.5', '33.3333'), [0n, 99n, 0n, 32n, 67n]],
    ['a full discount charges nothing', 500n, rates('100', '3', '10'), [500n, 0n, 0n, 0n, 0n]],
    ['a class that burns the whole fee', 77n, rates('0', '100'), [0n, 77n, 77n, 0n, 0n]],
    ['tokenization at 5 % of a fee in 18-decimal units', 10n ** 18n, rates('0', '5'), [0n, 10n ** 18n, 5n * 10n ** 16n, 0n, 95n * 10n ** 16n]],
  ])('%s', (_name, amount, feeRates, [discount, charged, burned, stakers, treasury]) => {
    expect(feeSplit(amount, feeRates)).toEqual({
      amountUnits: amount,
      discountUnits: discount,
      chargedUnits: charged,
      burnedUnits: burned,
      stakersUnits: stakers,
      treasuryUnits: treasury,
    });
  });

  it('parts always add up: discount + burn + stakers + treasury = amount, none negative (property)', () => {
    const seed = 20_260_102;
    const ppm = fc.bigInt({ min: 0n, max: 1_000_000n });
    const feeRates = fc.record({ discountPpm: ppm, burnPpm: ppm, stakersPpm: ppm }).filter((r) => r.burnPpm + r.stakersPpm <= 1_000_000n);
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), feeRates, (amount, r) => {
        const parts = feeSplit(amount, r);
        expect(parts.discountUnits + parts.chargedUnits).toBe(amount);
        expect(parts.burnedUnits + parts.stakersUnits + parts.treasuryUnits).toBe(parts.chargedUnits);
        expect(parts.discountUnits).toBe((amount * r.discountPpm) / 1_000_000n);
        expect(parts.burnedUnits).toBe((parts.chargedUnits * r.burnPpm) / 1_000_000n);
        for (const value of Object.values(parts)) expect(value).toBeGreaterThanOrEqual(0n);
      }),
      { seed, numRuns: 1000 },
    );
  });
});
