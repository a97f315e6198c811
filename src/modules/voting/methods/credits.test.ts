import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { votingSeed } from '../testing/arbitraries.ts';
import { creditsReason } from './credits.ts';

/** Credits of `total` split over up to 4 choices, as strings or (when safe) numbers. */
function split(total: bigint, parts: number[], asNumbers: boolean): Record<string, string | number> {
  const weightSum = BigInt(parts.reduce((a, b) => a + b, 0));
  const map: Record<string, string | number> = {};
  let given = 0n;
  parts.forEach((part, index) => {
    const value = index === parts.length - 1 ? total - given : (total * BigInt(part)) / weightSum;
    given += value;
    map[String(index + 1)] = asNumbers && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
  });
  return map;
}

describe('credits against the power (exact at the boundary)', () => {
  it('refuses exactly the ballots that spend more than the power, at every size', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 127 }).chain((bits) => fc.bigInt({ min: 1n, max: (1n << BigInt(bits)) - 1n })),
        fc.bigInt({ min: -3n, max: 3n }),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (power, offset, parts, asNumbers) => {
          const spent = power + offset;
          fc.pre(spent > 0n && spent < 1n << 128n);
          const reason = creditsReason({ voter: 'a', power, choice: split(spent, parts, asNumbers) }, 4);
          if (reason === 'credits_zero') return; // every part rounded to zero
          expect(reason).toBe(offset > 0n ? 'credits_exceed_power' : undefined);
        },
      ),
      { seed: votingSeed, numRuns: 4000 },
    );
  });

  it.each([
    ['10^24 spent of 10^24', 10n ** 24n, { '1': '500000000000000000000000', '2': '500000000000000000000000' }, undefined],
    ['10^24 + 1 spent of 10^24', 10n ** 24n, { '1': '500000000000000000000001', '2': '500000000000000000000000' }, 'credits_exceed_power'],
    ['2^100 spent of 2^100 (bigint comparison)', 1n << 100n, { '1': (1n << 99n).toString(), '2': (1n << 99n).toString() }, undefined],
    ['2^100 + 1 spent of 2^100 (bigint comparison)', 1n << 100n, { '1': ((1n << 99n) + 1n).toString(), '2': (1n << 99n).toString() }, 'credits_exceed_power'],
    ['a number and a string', 100n, { '1': 60, '2': '40' }, undefined],
    ['zero power', 0n, { '1': 1 }, 'credits_exceed_power'],
  ])('%s', (_name, power, choice, reason) => {
    expect(creditsReason({ voter: 'a', power, choice }, 2)).toBe(reason);
  });
});
