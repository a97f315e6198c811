/**
 * The power module's slice: the history it needs to answer "how much voting power did this
 * actor have after log record `seq`", kept by following ledger, staking and identity events,
 * because `apply` cannot read the database's balance checkpoints.
 */
import type { History } from './history.ts';

/** One share of a delegation: `sharePpm` of the delegator's own power goes to `delegateId`. */
export interface Delegation {
  delegateId: string;
  sharePpm: bigint;
}

export interface TrackedAsset {
  assetId: string;
  /** The record of `power.track`: the history starts there, earlier snapshots are unknown. */
  trackedSeq: number;
  /** Per owner (actor): the posted balance of all the owner's holder accounts of the asset. */
  owners: Map<string, History<bigint>>;
}

export interface PowerState {
  tracked: Map<string, TrackedAsset>;
  /**
   * Per staked asset, per owner: the sum over open stakes of `units * votingMultiplierPpm`
   * (divided by 1,000,000 once, when read). Followed from genesis: no tracking needed.
   */
  staked: Map<string, Map<string, History<bigint>>>;
  /** Per actor: 1 while the actor holds a live identity token (BID), 0 after a revoke. */
  identity: Map<string, History<number>>;
  /** Per delegator, per category (`generalCategory` for the general one): the delegations in force. */
  delegations: Map<string, Map<string, History<Delegation[]>>>;
  /**
   * Per delegate: every delegator that ever named them, in any category. Only grows, so no
   * history is needed: `delegatorsAt` checks each one's delegation in force at the snapshot.
   */
  namedBy: Map<string, Set<string>>;
}

/** The key of the general delegation; category ids are never empty. */
export const generalCategory = '';

export function createPowerState(): PowerState {
  return { tracked: new Map(), staked: new Map(), identity: new Map(), delegations: new Map(), namedBy: new Map() };
}

export function categoryKey(category: string | undefined): string {
  return category ?? generalCategory;
}
