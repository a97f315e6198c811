import { daySeconds, yearSeconds } from '../kernel/rates.ts';

/**
 * What the simulated people and markets do. The source documents give the rules (supply,
 * schedules, tiers, rates); they do not say how people behave, so every number here is an
 * assumption, printed with the results. Shares are in parts per million (1,000,000 = 100 %),
 * token amounts in whole tokens, so the parameters stay exact.
 */
export interface SimParams {
  years: number;
  stepSeconds: number;
  seed: number;
  runs: number;
  /** Holder accounts beyond the genesis beneficiaries. */
  holders: number;
  /** Share of holders who also mine (receive emission by contribution scores). */
  minerSharePpm: number;
  /** Each day, the chance that an eligible holder stakes (ppm). */
  stakeChancePerDayPpm: number;
  /** Share of a holder's free balance they stake when they do (ppm). */
  stakeSharePpm: number;
  /** Days between two distributions of each emission pool to the miners. */
  miningIntervalDays: number;
  /** Each day, the chance that a staker claims accrued rewards (ppm). */
  claimChancePerDayPpm: number;
  /** Share of claimed vested tokens beneficiaries sell to holders within the month (ppm). */
  beneficiarySellSharePpm: number;
  /** Marketplace fees per day at genesis, in whole tokens, and their growth per year (ppm). */
  feesPerDayTokens: number;
  feeGrowthPerYearPpm: number;
  /** How the fee volume splits across the configured fee classes, by class (ppm). */
  feeMixPpm: Record<string, number>;
  /** Discretionary funds: share of the opening balance spent into circulation per year (ppm). */
  fundSpendPerYearPpm: Record<string, number>;
  /** Milestone vesting tranches: months after genesis at which each is attested, in order. */
  milestoneMonths: number[];
  /** Milestone burns: months after genesis at which each is triggered, in config order. */
  burnMonths: number[];
  /** Sample the economy every this many seconds (and at the end). */
  sampleSeconds: number;
}

/** Defaults for the BTT economy; `polity simulate` prints them with the results. */
export const defaultSimParams: SimParams = {
  years: 8,
  stepSeconds: daySeconds,
  seed: 1,
  runs: 1,
  holders: 10_000,
  minerSharePpm: 20_000,
  stakeChancePerDayPpm: 2_000,
  stakeSharePpm: 500_000,
  miningIntervalDays: 30,
  claimChancePerDayPpm: 10_000,
  beneficiarySellSharePpm: 300_000,
  feesPerDayTokens: 2_000,
  feeGrowthPerYearPpm: 400_000,
  feeMixPpm: { compute: 600_000, asset_tokenization: 250_000, payments: 150_000 },
  fundSpendPerYearPpm: { community: 80_000, ecosystem: 150_000, liquidity: 1_000_000 },
  milestoneMonths: [6, 12, 18, 24, 30, 36, 42, 48],
  burnMonths: [0, 18, 30, 42],
  sampleSeconds: 7 * daySeconds,
};

export function simSteps(params: SimParams): number {
  return Math.ceil((params.years * yearSeconds) / params.stepSeconds);
}
