/** The reward arithmetic of a stake: integers only, every rounding down and visible. */
import { divFloor } from '../../kernel/amount.ts';
import { ppmWhole, sharePpmFloor, yearSeconds } from '../../kernel/rates.ts';
import type { Stake } from './state.ts';

const yearSecondsUnits = BigInt(yearSeconds);

/**
 * The full-term reward of `units` locked for `durationSeconds` at `apyPpm` a year:
 * floor(units * apyPpm * durationSeconds / (1,000,000 * 31,557,600)). Simple interest on a
 * Julian year, rounded down once, so a pool never promises a unit it did not mean to.
 */
export function fullRewardUnits(units: bigint, apyPpm: bigint, durationSeconds: number): bigint {
  return divFloor(units * apyPpm * BigInt(durationSeconds), ppmWhole * yearSecondsUnits);
}

/**
 * The reward earned by `atMs`: floor(reward * elapsed / duration) in whole seconds since the
 * start, capped at the duration. Per-second accrual means a claim a second later may pay one
 * more unit, never a fraction; at maturity it is exactly the full reward.
 */
export function accruedRewardUnits(stake: Pick<Stake, 'rewardUnits' | 'startMs' | 'maturityMs'>, atMs: number): bigint {
  const durationSeconds = divFloor(BigInt(stake.maturityMs - stake.startMs), 1000n);
  if (durationSeconds <= 0n) return stake.rewardUnits;
  if (atMs <= stake.startMs) return 0n;
  const elapsedSeconds = divFloor(BigInt(atMs - stake.startMs), 1000n);
  const counted = elapsedSeconds < durationSeconds ? elapsedSeconds : durationSeconds;
  return divFloor(stake.rewardUnits * counted, durationSeconds);
}

/** The share of a payout burned instead of paid: floor(payout * burnPpm / 1,000,000). */
export function rewardBurnUnits(payoutUnits: bigint, burnPpm: bigint): bigint {
  return sharePpmFloor(payoutUnits, burnPpm);
}

/** The principal burned on an early exit: floor(principal * penaltyPpm / 1,000,000). */
export function penaltyUnits(principalUnits: bigint, penaltyPpm: bigint): bigint {
  return sharePpmFloor(principalUnits, penaltyPpm);
}
