/**
 * The revenue module's slice of the engine state: the policies, and the staked units per asset
 * and owner (followed from the staking events, so a policy created late sees every stake).
 */

export type RevenueMode = 'stake' | 'activity' | 'hybrid';
export type ActivityKind = 'proposal' | 'vote' | 'contribution';

/** The stake side: one accumulator over the units staked in the policy's asset. */
export interface StakeSide {
  accumulatorScaled: bigint;
  /** Deposited while nothing was staked: shared with the next deposit that finds stakes. */
  carriedUnits: bigint;
  depositedUnits: bigint;
}

/** One activity epoch: its points, and the accumulator of the deposits made in the next epoch. */
export interface EpochBook {
  points: bigint;
  accumulatorScaled: bigint;
  /** Holders whose points in this epoch are not settled for good yet; the book goes at zero. */
  holders: number;
}

/** The activity side: one accumulator per epoch that has points. */
export interface ActivitySide {
  /** Deposited when the previous epoch had no points: shared with the next deposit that finds some. */
  carriedUnits: bigint;
  depositedUnits: bigint;
  epochs: Map<number, EpochBook>;
}

/** A holder's points in one epoch and that epoch's accumulator when last settled. */
export interface HolderEpoch {
  epoch: number;
  points: bigint;
  snapshotScaled: bigint;
}

/**
 * A holder's standing in one policy. A holder without a record has owed nothing, has the stake
 * snapshot 0 (the accumulator's start) and no points: every share change makes a record first.
 */
export interface RevenueHolder {
  /** Settled entitlement not yet claimed, scaled (both sides together). */
  owedScaled: bigint;
  stakeSnapshotScaled: bigint;
  /** At most `holderEpochsMax` epochs: the current one and the one before. */
  epochs: HolderEpoch[];
}

export interface RevenuePolicy {
  id: string;
  assetId: string;
  mode: RevenueMode;
  /** The stake side's part of each deposit, in ppm: 1,000,000 for stake, 0 for activity. */
  stakePpm: number;
  /** Activity epochs (activity and hybrid): epoch e is [startMs + e * epochSeconds, ...). */
  epochSeconds?: number | undefined;
  startMs: number;
  /** `@revenue.<id>`: holds what was deposited and not yet claimed or moved to dust. */
  accountId: string;
  /** `@revenue.<id>.dust`: every whole unit of rounding dust. */
  dustAccountId: string;
  createdSeq: number;
  depositedUnits: bigint;
  claimedUnits: bigint;
  /** All rounding dust of both sides, scaled. */
  dustScaled: bigint;
  /** Whole units of dust moved to the dust account: floor(dustScaled / SCALE). */
  dustUnits: bigint;
  stake: StakeSide;
  activity: ActivitySide;
  holders: Map<string, RevenueHolder>;
}

/** Units staked in one asset, in total and per owner. */
export interface StakedAsset {
  totalUnits: bigint;
  owners: Map<string, bigint>;
}

export interface RevenueState {
  policies: Map<string, RevenuePolicy>;
  /** Ids of the policies sharing revenue in each asset, in creation order. */
  policiesByAsset: Map<string, string[]>;
  /** By asset id. */
  staked: Map<string, StakedAsset>;
}

export function createRevenueState(): RevenueState {
  return { policies: new Map(), policiesByAsset: new Map(), staked: new Map() };
}
