/** The staking module's slice of the engine state: settings, tiers and every stake. */

/** What an exit before maturity does: refused, or allowed at the cost of a burned share. */
export type EarlyExit = { kind: 'rejected' } | { kind: 'penalty'; penaltyPpm: bigint };

/** A committee whose members must keep a stake (and maybe a verified identity). */
export interface Committee {
  id: string;
  minimumUnits: bigint;
  requiresIdentity: boolean;
}

export interface StakingConfig {
  assetId: string;
  /** The asset's decimals, to read tier minimums (decimal strings) as base units. */
  decimals: number;
  /** `@staking.<assetId>`: holds every principal staked. */
  vaultId: string;
  /** Where new reward reservations come from. */
  rewardsFromId: string;
  earlyExit: EarlyExit;
  voteRequiresStake: boolean;
  committees: Committee[];
}

/** What a tier gives its stakers beyond the reward; the best of an actor's stakes counts. */
export interface TierBenefits {
  /** 1,000,000 is 1x. */
  votingMultiplierPpm: bigint;
  feeDiscountPpm: bigint;
  computePriority: boolean;
  specialAccess: boolean;
}

export interface Tier {
  id: string;
  durationSeconds: number;
  apyPpm: bigint;
  /** Decimal string in token units, normalised ("1000", "0.5"); read with the asset's decimals. */
  minimum: string;
  /** Share of each reward payout burned instead of paid. */
  rewardBurnPpm: bigint;
  benefits: TierBenefits;
}

export type StakeStatus = 'active' | 'closed';

export interface Stake {
  id: string;
  ownerId: string;
  /** The staker's account: principal came from it and returns to it; rewards are paid to it. */
  accountId: string;
  assetId: string;
  tierId: string;
  units: bigint;
  startMs: number;
  maturityMs: number;
  /** The full-term reward, fixed when the stake opened. */
  rewardUnits: bigint;
  /** Reward counted as paid so far, including the burned share. */
  paidUnits: bigint;
  /** The pending transfer that holds back `rewardUnits - paidUnits` in the reward pool. */
  reservationId?: string | undefined;
  status: StakeStatus;
  closedMs?: number | undefined;
}

export interface StakingState {
  config?: StakingConfig | undefined;
  tiers: Map<string, Tier>;
  /** Every stake ever opened, closed ones too: their ids are never reused. */
  stakes: Map<string, Stake>;
  /** Ids of each actor's active stakes, in the order they opened. */
  activeByOwner: Map<string, Set<string>>;
  /** Principal in all active stakes. */
  stakedUnits: bigint;
}

export function createStakingState(): StakingState {
  return { tiers: new Map(), stakes: new Map(), activeByOwner: new Map(), stakedUnits: 0n };
}
