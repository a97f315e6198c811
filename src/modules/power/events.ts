import type { EngineState } from '../../engine/state.ts';
import type { EventStamp } from '../../ledger/events.ts';
import { type FollowedEvent, followedEventTypes, followIdentity, followLedger, followStaking, seedTracked } from './follow.ts';
import { createHistory, recordValue } from './history.ts';
import { categoryKey, type Delegation, type PowerState } from './state.ts';

/** Balance history of `assetId` starts here, seeded from the posted balances so far. */
export interface PowerTracked {
  type: 'power_tracked';
  assetId: string;
}

/** The delegator's delegation for `category` (the general one when absent) is now exactly this. */
export interface PowerDelegated {
  type: 'power_delegated';
  delegatorId: string;
  category?: string;
  delegations: Delegation[];
}

export interface PowerUndelegated {
  type: 'power_undelegated';
  delegatorId: string;
  category?: string;
}

export type PowerEvent = PowerTracked | PowerDelegated | PowerUndelegated;

export const powerEventTypes: ReadonlySet<string> = new Set<string>(['power_tracked', 'power_delegated', 'power_undelegated', ...followedEventTypes]);

export function evolvePower(state: PowerState, event: PowerEvent | FollowedEvent, stamp: EventStamp, engine: EngineState): void {
  switch (event.type) {
    case 'power_tracked':
      seedTracked(state, event.assetId, stamp, engine);
      return;
    case 'power_delegated':
      setDelegation(state, event, stamp, event.delegations.map(delegationFrom));
      return;
    case 'power_undelegated':
      setDelegation(state, event, stamp, []);
      return;
    case 'transfer_created':
    case 'pending_resolved':
      followLedger(state, event, stamp, engine);
      return;
    case 'stake_opened':
    case 'stake_closed':
      followStaking(state, event, stamp, engine);
      return;
    case 'identity_issued':
    case 'identity_revoked':
      followIdentity(state, event, stamp, engine);
      return;
  }
}

/** The log gives `sharePpm` back as a bigint already; BigInt() keeps a replay exact either way. */
function delegationFrom(delegation: Delegation): Delegation {
  return { delegateId: delegation.delegateId, sharePpm: BigInt(delegation.sharePpm) };
}

/** An empty list is "no delegation in force" for that category: undelegated. */
function setDelegation(state: PowerState, event: { delegatorId: string; category?: string }, stamp: EventStamp, delegations: Delegation[]): void {
  let byCategory = state.delegations.get(event.delegatorId);
  if (!byCategory) {
    byCategory = new Map();
    state.delegations.set(event.delegatorId, byCategory);
  }
  const key = categoryKey(event.category);
  let history = byCategory.get(key);
  if (!history) {
    history = createHistory<Delegation[]>();
    byCategory.set(key, history);
  }
  recordValue(history, stamp.seq, delegations);
  for (const delegation of delegations) {
    const named = state.namedBy.get(delegation.delegateId) ?? new Set<string>();
    named.add(event.delegatorId);
    state.namedBy.set(delegation.delegateId, named);
  }
}
