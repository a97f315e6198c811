/** Pure reads over the power state: delegations and balance history as they stood at a snapshot. */

import { valueAt } from './history.ts';
import { generalCategory, type PowerState } from './state.ts';

/**
 * A point in the log: the state after record `seq`. `timeMs` is that record's time; every
 * history here is kept by record, so `seq` alone decides (two records may share a millisecond).
 */
export interface Snapshot {
  seq: number;
  timeMs: number;
}

export interface DelegationShare {
  delegateId: string;
  /** Share of the delegator's own power, in parts per million. */
  ppm: bigint;
}

/** Every asset `power.track` has started, in the order tracking started. */
export function trackedAssets(state: PowerState): string[] {
  return [...state.tracked.keys()];
}

/** The record at which an asset's history starts, or undefined when it is not tracked. */
export function trackedSinceSeq(state: PowerState, assetId: string): number | undefined {
  return state.tracked.get(assetId)?.trackedSeq;
}

/**
 * An owner's posted balance of a tracked asset after record `seq`, summed over the owner's
 * holder accounts (may be negative on an overdraft account; power clamps it to zero).
 * Undefined when the asset is not tracked or `seq` is before tracking started.
 */
export function trackedBalanceAt(state: PowerState, assetId: string, ownerId: string, seq: number): bigint | undefined {
  const tracked = state.tracked.get(assetId);
  if (tracked === undefined || seq < tracked.trackedSeq) return undefined;
  return valueAt(tracked.owners.get(ownerId), seq) ?? 0n;
}

/**
 * The delegation in force at the snapshot: the category's own when one was in force then,
 * otherwise the general one; empty when the delegator kept all their power.
 */
export function delegationsAt(state: PowerState, delegatorId: string, at: Snapshot, category?: string): DelegationShare[] {
  const byCategory = state.delegations.get(delegatorId);
  if (byCategory === undefined) return [];
  const specific = category === undefined ? undefined : valueAt(byCategory.get(category), at.seq);
  const inForce = specific !== undefined && specific.length > 0 ? specific : (valueAt(byCategory.get(generalCategory), at.seq) ?? []);
  return inForce.map((delegation) => ({ delegateId: delegation.delegateId, ppm: delegation.sharePpm }));
}

/**
 * Everyone whose delegation in force at the snapshot names this delegate, sorted. Fast enough
 * without a reverse history: `namedBy` holds only delegators that ever named this delegate,
 * and each check is one binary search (two with a category), so the cost is
 * O(k log h) for k such delegators, not a scan of all delegators.
 */
export function delegatorsAt(state: PowerState, delegateId: string, at: Snapshot, category?: string): string[] {
  const named = state.namedBy.get(delegateId);
  if (named === undefined) return [];
  const delegators: string[] = [];
  for (const delegatorId of named) {
    if (delegationsAt(state, delegatorId, at, category).some((share) => share.delegateId === delegateId)) delegators.push(delegatorId);
  }
  return delegators.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
