import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daySeconds, yearSeconds } from '../../kernel/rates.ts';
import { accruedRewardUnits, fullRewardUnits, penaltyUnits, rewardBurnUnits } from './rewards.ts';

/**
 * The reward arithmetic alone: tables for the BTT figures and the edges, and properties for
 * what must hold for any stake. Reproduce a failure with POLITY_TEST_SEED=<seed>.
 */
const seed = Number(process.env.POLITY_TEST_SEED ?? 20_260_315);
const btt = 10n ** 18n;
const second = 1000;

describe('fullRewardUnits', () => {
  it.each<[string, bigint, bigint, number, bigint]>([
    ['100,000 BTT, 18 %, 1,095 days', 100_000n * btt, 180_000n, 1095 * daySeconds, (100_000n * btt * 180_000n * 94_608_000n) / (1_000_000n * 31_557_600n)],
    ['1,000 BTT, 3 %, 30 days', 1000n * btt, 30_000n, 30 * daySeconds, (1000n * btt * 30_000n * 2_592_000n) / 31_557_600_000_000n],
    ['50,000 BTT, 12 %, 365 days', 50_000n * btt, 120_000n, 365 * daySeconds, (50_000n * btt * 120_000n * 31_536_000n) / 31_557_600_000_000n],
    ['one Julian year at 10 % is exactly a tenth', 1_000_000n, 100_000n, yearSeconds, 100_000n],
    ['rounds down: 1 unit, 100 %, one year minus a second', 1n, 1_000_000n, yearSeconds - 1, 0n],
    ['zero rate, zero reward', 10n ** 30n, 0n, yearSeconds, 0n],
  ])('%s', (_name, units, apyPpm, durationSeconds, expected) => {
    expect(fullRewardUnits(units, apyPpm, durationSeconds)).toBe(expected);
  });

  it('the 1,095-day example is 53,963.04... BTT', () => {
    expect(fullRewardUnits(100_000n * btt, 180_000n, 1095 * daySeconds)).toBe(53_963_039_014_373_716_632_443n);
  });

  it('is the exact quotient rounded down, for any stake', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 30n }),
        fc.bigInt({ min: 0n, max: 1_000_000n }),
        fc.integer({ min: 1, max: 50 * yearSeconds }),
        (units, apyPpm, duration) => {
          const reward = fullRewardUnits(units, apyPpm, duration);
          const numerator = units * apyPpm * BigInt(duration);
          const denominator = 1_000_000n * BigInt(yearSeconds);
          expect(reward * denominator <= numerator).toBe(true);
          expect((reward + 1n) * denominator > numerator).toBe(true);
        },
      ),
      { seed, numRuns: 500 },
    );
  });
});

describe('accruedRewardUnits', () => {
  const stake = { rewardUnits: 1_000_001n, startMs: 1_000_000, maturityMs: 1_000_000 + 100 * second };
  it.each<[string, number, bigint]>([
    ['before the start', 0, 0n],
    ['at the start', 1_000_000, 0n],
    ['999 ms in: not a whole second yet', 1_000_999, 0n],
    ['one second in', 1_001_000, 10_000n],
    ['exactly half the term: half, rounded down', 1_050_000, 500_000n],
    ['one second before maturity', 1_099_000, 990_000n],
    ['at maturity: all of it', 1_100_000, 1_000_001n],
    ['long after maturity: still all of it', 9_000_000_000, 1_000_001n],
  ])('%s', (_name, atMs, expected) => {
    expect(accruedRewardUnits(stake, atMs)).toBe(expected);
  });

  it('is floor(reward * seconds / duration), never decreases, and reaches the reward at maturity', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 30n }),
        fc.integer({ min: 1, max: 4 * yearSeconds }),
        fc.integer({ min: -10_000_000, max: 5 * yearSeconds * second }),
        fc.integer({ min: 0, max: 10_000_000_000 }),
        (rewardUnits, durationSeconds, offsetMs, laterMs) => {
          const startMs = 1_767_225_600_000;
          const subject = { rewardUnits, startMs, maturityMs: startMs + durationSeconds * second };
          const atMs = startMs + offsetMs;
          const accrued = accruedRewardUnits(subject, atMs);
          const elapsed = Math.min(Math.max(0, Math.floor(offsetMs / second)), durationSeconds);
          expect(accrued).toBe((rewardUnits * BigInt(elapsed)) / BigInt(durationSeconds));
          expect(accrued <= rewardUnits).toBe(true);
          expect(accruedRewardUnits(subject, atMs + laterMs) >= accrued).toBe(true);
          expect(accruedRewardUnits(subject, subject.maturityMs)).toBe(rewardUnits);
        },
      ),
      { seed, numRuns: 500 },
    );
  });
});

describe('burn and penalty shares', () => {
  it.each<[bigint, bigint, bigint]>([
    [1000n, 125_000n, 125n],
    [7n, 125_000n, 0n],
    [8n, 125_000n, 1n],
    [999n, 1_000_000n, 999n],
    [999n, 0n, 0n],
  ])('floor(%s * %s ppm)', (units, ppm, expected) => {
    expect(rewardBurnUnits(units, ppm)).toBe(expected);
    expect(penaltyUnits(units, ppm)).toBe(expected);
  });

  it('a share never exceeds the whole and rounds in the payer’s favour', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.bigInt({ min: 0n, max: 1_000_000n }), (units, ppm) => {
        const burned = rewardBurnUnits(units, ppm);
        expect(burned >= 0n && burned <= units).toBe(true);
        expect(burned * 1_000_000n <= units * ppm).toBe(true);
        expect((burned + 1n) * 1_000_000n > units * ppm).toBe(true);
      }),
      { seed, numRuns: 500 },
    );
  });
});
