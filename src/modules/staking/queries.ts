/** Pure reads over the staking state: what other modules and the API ask about stakes. */
import { ppmWhole } from '../../kernel/rates.ts';
import type { Stake, StakingConfig, StakingState, Tier } from './state.ts';

export interface StakingBenefits {
  /** 1,000,000 is 1x: the highest multiplier among the actor's stakes, 1x without any. */
  votingMultiplierPpm: bigint;
  feeDiscountPpm: bigint;
  computePriority: boolean;
  specialAccess: boolean;
}

export interface CommitteeEligibility {
  eligible: boolean;
  /** committee_not_found, identity_required or below_committee_minimum. */
  reason?: string;
}

export function stakingConfig(state: StakingState): StakingConfig | undefined {
  return state.config;
}

export function stakingTier(state: StakingState, tierId: string): Tier | undefined {
  return state.tiers.get(tierId);
}

export function findStake(state: StakingState, stakeId: string): Stake | undefined {
  return state.stakes.get(stakeId);
}

/** Active stakes (open until unstaked, matured or not), of one actor or of everyone. */
export function activeStakes(state: StakingState, actorId?: string): Stake[] {
  if (actorId === undefined) return [...state.stakes.values()].filter((stake) => stake.status === 'active');
  const ids = state.activeByOwner.get(actorId);
  if (!ids) return [];
  const stakes: Stake[] = [];
  for (const id of ids) {
    const stake = state.stakes.get(id);
    if (stake) stakes.push(stake);
  }
  return stakes;
}

export function stakedUnitsOf(state: StakingState, actorId: string): bigint {
  return activeStakes(state, actorId).reduce((sum, stake) => sum + stake.units, 0n);
}

export function totalStakedUnits(state: StakingState): bigint {
  return state.stakedUnits;
}

/**
 * The best of each benefit across the actor's active stakes that had opened by `atMs`. A
 * matured stake keeps its benefits until it is unstaked: the tokens are still locked.
 */
export function stakingBenefits(state: StakingState, actorId: string, atMs: number): StakingBenefits {
  const benefits: StakingBenefits = { votingMultiplierPpm: ppmWhole, feeDiscountPpm: 0n, computePriority: false, specialAccess: false };
  for (const stake of activeStakes(state, actorId)) {
    if (stake.startMs > atMs) continue;
    const tier = state.tiers.get(stake.tierId)?.benefits;
    if (!tier) continue;
    if (tier.votingMultiplierPpm > benefits.votingMultiplierPpm) benefits.votingMultiplierPpm = tier.votingMultiplierPpm;
    if (tier.feeDiscountPpm > benefits.feeDiscountPpm) benefits.feeDiscountPpm = tier.feeDiscountPpm;
    benefits.computePriority ||= tier.computePriority;
    benefits.specialAccess ||= tier.specialAccess;
  }
  return benefits;
}

/**
 * Whether an actor may sit on a committee: its active stakes together must reach the
 * committee's minimum, and a verified identity when the committee asks for one.
 */
export function committeeEligibility(state: StakingState, actorId: string, committeeId: string, hasIdentity: boolean): CommitteeEligibility {
  const committee = state.config?.committees.find((candidate) => candidate.id === committeeId);
  if (!committee) return { eligible: false, reason: 'committee_not_found' };
  if (committee.requiresIdentity && !hasIdentity) return { eligible: false, reason: 'identity_required' };
  if (stakedUnitsOf(state, actorId) < committee.minimumUnits) return { eligible: false, reason: 'below_committee_minimum' };
  return { eligible: true };
}

/** Whether governance asks a voter to hold an active stake. */
export function voteRequiresStake(state: StakingState): boolean {
  return state.config?.voteRequiresStake === true;
}
