/**
 * How the power module keeps its history: it follows the ledger (balances of tracked assets),
 * staking (open stakes weighted by their tier's voting multiplier) and identity (live BIDs).
 * Each handler runs after the owning slice has evolved, so it may read the record it follows.
 */
import { systemActorId } from '../../access/state.ts';
import type { EngineState } from '../../engine/state.ts';
import { assert } from '../../kernel/assert.ts';
import type { EventStamp, PendingResolved, TransferCreated } from '../../ledger/events.ts';
import { type Account, balanceUnits } from '../../ledger/state.ts';
import type { IdentityIssued, IdentityRevoked } from '../identity/index.ts';
import { identityToken } from '../identity/index.ts';
import type { StakeClosed, StakeOpened } from '../staking/index.ts';
import { findStake, stakingTier } from '../staking/index.ts';
import { createHistory, type History, latestValue, recordValue } from './history.ts';
import type { PowerState } from './state.ts';

export type FollowedEvent = TransferCreated | PendingResolved | StakeOpened | StakeClosed | IdentityIssued | IdentityRevoked;

export const followedEventTypes = ['transfer_created', 'pending_resolved', 'stake_opened', 'stake_closed', 'identity_issued', 'identity_revoked'] as const;

/**
 * The actor whose voting power an account's balance is: its owner, unless the account is the
 * system's (treasury funds, vaults, pools) or an asset's issuance or burn account, whose
 * balances are supply bookkeeping (the issuance account is negative), not holdings.
 */
export function holderOf(account: Account | undefined): string | undefined {
  if (account === undefined || account.system !== undefined || account.ownerId === systemActorId) return undefined;
  return account.ownerId;
}

/** Adds `delta` to an owner's latest value, as a checkpoint after record `seq`. */
function addTo(owners: Map<string, History<bigint>>, ownerId: string, delta: bigint, seq: number): void {
  let history = owners.get(ownerId);
  if (!history) {
    history = createHistory<bigint>();
    owners.set(ownerId, history);
  }
  recordValue(history, seq, (latestValue(history) ?? 0n) + delta);
}

/** Starts an asset's history from the posted balances as they stand: one pass over the accounts. */
export function seedTracked(state: PowerState, assetId: string, stamp: EventStamp, engine: EngineState): void {
  assert(!state.tracked.has(assetId), `asset ${assetId} is tracked once`);
  const totals = new Map<string, bigint>();
  for (const account of engine.ledger.accounts.values()) {
    if (account.assetId !== assetId) continue;
    const owner = holderOf(account);
    if (owner !== undefined) totals.set(owner, (totals.get(owner) ?? 0n) + balanceUnits(account));
  }
  const owners = new Map<string, History<bigint>>();
  for (const [owner, units] of totals) if (units !== 0n) addTo(owners, owner, units, stamp.seq);
  state.tracked.set(assetId, { assetId, trackedSeq: stamp.seq, owners });
}

/**
 * Only posted units count: a pending transfer moves nothing until it is posted, and then
 * only what was posted (a partial post releases the rest, a void or expiry posts zero).
 */
export function followLedger(state: PowerState, event: TransferCreated | PendingResolved, stamp: EventStamp, engine: EngineState): void {
  if (state.tracked.size === 0) return;
  if (event.type === 'transfer_created') {
    if (!event.transfer.pending) moveUnits(state, engine, event.transfer, BigInt(event.transfer.amountUnits), stamp.seq);
    return;
  }
  const transfer = engine.ledger.transfers.get(event.transferId);
  assert(transfer !== undefined, `resolved transfer ${event.transferId} exists`);
  moveUnits(state, engine, transfer, BigInt(event.postedUnits), stamp.seq);
}

function moveUnits(state: PowerState, engine: EngineState, movement: { assetId: string; fromId: string; toId: string }, units: bigint, seq: number): void {
  const tracked = state.tracked.get(movement.assetId);
  if (tracked === undefined || units === 0n) return;
  const fromOwner = holderOf(engine.ledger.accounts.get(movement.fromId));
  const toOwner = holderOf(engine.ledger.accounts.get(movement.toId));
  if (fromOwner === toOwner) return; // between one owner's own accounts (or two non-holders): power unchanged
  if (fromOwner !== undefined) addTo(tracked.owners, fromOwner, -units, seq);
  if (toOwner !== undefined) addTo(tracked.owners, toOwner, units, seq);
}

/** A stake adds `units * multiplier` to its owner's staked weight while open; closing takes the same back. */
export function followStaking(state: PowerState, event: StakeOpened | StakeClosed, stamp: EventStamp, engine: EngineState): void {
  const staking = engine.modules.staking;
  const stake = findStake(staking, event.type === 'stake_opened' ? event.stake.id : event.stakeId);
  assert(stake !== undefined, 'a followed stake exists in the staking slice');
  const tier = stakingTier(staking, stake.tierId);
  assert(tier !== undefined, `tier ${stake.tierId} of stake ${stake.id} exists`);
  const weight = BigInt(stake.units) * tier.benefits.votingMultiplierPpm;
  let owners = state.staked.get(stake.assetId);
  if (!owners) {
    owners = new Map();
    state.staked.set(stake.assetId, owners);
  }
  addTo(owners, stake.ownerId, event.type === 'stake_opened' ? weight : -weight, stamp.seq);
}

export function followIdentity(state: PowerState, event: IdentityIssued | IdentityRevoked, stamp: EventStamp, engine: EngineState): void {
  let holderId: string;
  if (event.type === 'identity_issued') {
    holderId = event.holderId;
  } else {
    const token = identityToken(engine.modules.identity, event.tokenId);
    assert(token !== undefined, `revoked identity token ${event.tokenId} exists`);
    holderId = token.holderId;
  }
  let history = state.identity.get(holderId);
  if (!history) {
    history = createHistory<number>();
    state.identity.set(holderId, history);
  }
  recordValue(history, stamp.seq, event.type === 'identity_issued' ? 1 : 0);
}
