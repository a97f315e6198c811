import { assert } from '../../kernel/assert.ts';
import type { EventStamp } from '../../ledger/events.ts';
import { stakeTransferId } from './ids.ts';
import type { Stake, StakingConfig, StakingState, Tier } from './state.ts';

export interface StakingConfigured {
  type: 'staking_configured';
  config: StakingConfig;
}

export interface TierCreated {
  type: 'tier_created';
  tier: Tier;
}

/** The shape other modules follow (revenue sharing, governance weights): keep it stable. */
export interface StakeOpened {
  type: 'stake_opened';
  stake: Pick<Stake, 'id' | 'ownerId' | 'accountId' | 'assetId' | 'tierId' | 'units' | 'startMs' | 'maturityMs' | 'rewardUnits'>;
}

/** A reward payout: `paidUnits` counts against the reward, `burnedUnits` of it was burned. */
export interface StakeRewarded {
  type: 'stake_rewarded';
  stakeId: string;
  paidUnits: bigint;
  burnedUnits: bigint;
  /** The new reservation for the reward still to come; absent when nothing is left. */
  reservationId?: string;
}

/** `units` is the principal that stopped being staked; `penaltyUnits` of it was burned. */
export interface StakeClosed {
  type: 'stake_closed';
  stakeId: string;
  ownerId: string;
  assetId: string;
  units: bigint;
  penaltyUnits: bigint;
  early: boolean;
}

export type StakingEvent = StakingConfigured | TierCreated | StakeOpened | StakeRewarded | StakeClosed;

export const stakingEventTypes: ReadonlySet<string> = new Set<string>(['staking_configured', 'tier_created', 'stake_opened', 'stake_rewarded', 'stake_closed']);

/**
 * The log decoder turns back into bigints only fields whose name ends in `Units`; `units`
 * and the ppm rates come back as decimal strings. Every bigint an event carries goes
 * through here, so the state is the same whether built by the writer or by a replay.
 */
function big(value: bigint): bigint {
  return BigInt(value);
}

export function evolveStaking(state: StakingState, event: StakingEvent, stamp: EventStamp): void {
  switch (event.type) {
    case 'staking_configured':
      state.config = configFrom(event.config);
      return;
    case 'tier_created':
      state.tiers.set(event.tier.id, tierFrom(event.tier));
      return;
    case 'stake_opened':
      openStake(state, event, stamp);
      return;
    case 'stake_rewarded':
      rewardStake(state, event);
      return;
    case 'stake_closed':
      closeStake(state, event, stamp);
      return;
  }
}

function configFrom(config: StakingConfig): StakingConfig {
  const earlyExit =
    config.earlyExit.kind === 'penalty' ? { kind: 'penalty' as const, penaltyPpm: big(config.earlyExit.penaltyPpm) } : { kind: 'rejected' as const };
  return {
    assetId: config.assetId,
    decimals: config.decimals,
    vaultId: config.vaultId,
    rewardsFromId: config.rewardsFromId,
    earlyExit,
    voteRequiresStake: config.voteRequiresStake,
    committees: config.committees.map((committee) => ({
      id: committee.id,
      minimumUnits: big(committee.minimumUnits),
      requiresIdentity: committee.requiresIdentity,
    })),
  };
}

function tierFrom(tier: Tier): Tier {
  const benefits = tier.benefits;
  return {
    id: tier.id,
    durationSeconds: tier.durationSeconds,
    apyPpm: big(tier.apyPpm),
    minimum: tier.minimum,
    rewardBurnPpm: big(tier.rewardBurnPpm),
    benefits: {
      votingMultiplierPpm: big(benefits.votingMultiplierPpm),
      feeDiscountPpm: big(benefits.feeDiscountPpm),
      computePriority: benefits.computePriority,
      specialAccess: benefits.specialAccess,
    },
  };
}

/**
 * The opening command reserved the full reward (when there is any) under the id made from
 * the stake id and its own sequence number, which is this record's: the id is derived here
 * rather than carried, so the event keeps the shape other modules follow.
 */
function openStake(state: StakingState, event: StakeOpened, stamp: EventStamp): void {
  const opened = event.stake;
  assert(!state.stakes.has(opened.id), `stake ${opened.id} opens once`);
  const units = big(opened.units);
  const rewardUnits = big(opened.rewardUnits);
  const stake: Stake = {
    id: opened.id,
    ownerId: opened.ownerId,
    accountId: opened.accountId,
    assetId: opened.assetId,
    tierId: opened.tierId,
    units,
    startMs: opened.startMs,
    maturityMs: opened.maturityMs,
    rewardUnits,
    paidUnits: 0n,
    reservationId: rewardUnits > 0n ? stakeTransferId(opened.id, 'reservation', stamp.seq) : undefined,
    status: 'active',
  };
  state.stakes.set(stake.id, stake);
  const owned = state.activeByOwner.get(stake.ownerId) ?? new Set<string>();
  owned.add(stake.id);
  state.activeByOwner.set(stake.ownerId, owned);
  state.stakedUnits += units;
}

function rewardStake(state: StakingState, event: StakeRewarded): void {
  const stake = state.stakes.get(event.stakeId);
  assert(stake !== undefined && stake.status === 'active', `stake ${event.stakeId} is active when rewarded`);
  const paidUnits = stake.paidUnits + big(event.paidUnits);
  assert(paidUnits <= stake.rewardUnits, `stake ${stake.id} is never paid more than its reward`);
  state.stakes.set(stake.id, { ...stake, paidUnits, reservationId: event.reservationId });
}

function closeStake(state: StakingState, event: StakeClosed, stamp: EventStamp): void {
  const stake = state.stakes.get(event.stakeId);
  assert(stake !== undefined && stake.status === 'active', `stake ${event.stakeId} is active when closed`);
  state.stakes.set(stake.id, { ...stake, status: 'closed', closedMs: stamp.timeMs, reservationId: undefined });
  const owned = state.activeByOwner.get(stake.ownerId);
  owned?.delete(stake.id);
  if (owned?.size === 0) state.activeByOwner.delete(stake.ownerId);
  state.stakedUnits -= stake.units;
}
