import { assert } from '../../kernel/assert.ts';
import type { EventStamp } from '../../ledger/events.ts';
import { payout } from './accumulator.ts';
import { depositView, holderOf, planDeposit, settleEpochs, settleStake, stakeSharesOf } from './distribution.ts';
import { holderEpochsMax } from './limits.ts';
import type { ActivityKind, RevenueHolder, RevenueMode, RevenuePolicy, RevenueState, StakedAsset } from './state.ts';

/*
 * Amount fields end in `Units`: the log decoder turns back into bigints only those
 * (src/store/log-codec.ts), so `depositedUnits` and `claimedUnits` rather than `units`, and
 * points travel as decimal strings.
 */

export interface RevenuePolicyCreated {
  type: 'revenue_policy_created';
  policy: {
    id: string;
    assetId: string;
    mode: RevenueMode;
    stakePpm: number;
    epochSeconds?: number | undefined;
    startMs: number;
    accountId: string;
    dustAccountId: string;
  };
}

/** A deposit: `stakeUnits + activityUnits = depositedUnits`; `dustUnits` went to the dust account with it. */
export interface RevenueDeposited {
  type: 'revenue_deposited';
  policy: string;
  transferId: string;
  fromAccountId: string;
  depositedUnits: bigint;
  stakeUnits: bigint;
  activityUnits: bigint;
  dustUnits: bigint;
  /** The activity epoch the deposit was made in (its activity part goes to the one before). */
  epoch?: number | undefined;
}

export interface RevenueActivityRecorded {
  type: 'revenue_activity_recorded';
  policy: string;
  actorId: string;
  kind: ActivityKind;
  /** A positive integer, as a decimal string. */
  points: string;
  epoch: number;
}

export interface RevenueClaimed {
  type: 'revenue_claimed';
  policy: string;
  actorId: string;
  toAccountId: string;
  claimedUnits: bigint;
  epoch?: number | undefined;
}

/**
 * The staking events this module follows, as much of them as it reads (the staking module
 * owns the full shapes). `units` comes back from the log as a decimal string: see `unitsOf`.
 */
export interface FollowedStakeOpened {
  type: 'stake_opened';
  stake: { ownerId: string; assetId: string; units: bigint };
}

export interface FollowedStakeClosed {
  type: 'stake_closed';
  ownerId: string;
  assetId: string;
  units: bigint;
}

export type RevenueEvent = RevenuePolicyCreated | RevenueDeposited | RevenueActivityRecorded | RevenueClaimed | FollowedStakeOpened | FollowedStakeClosed;

export const revenueEventTypes: ReadonlySet<string> = new Set<RevenueEvent['type']>([
  'revenue_policy_created',
  'revenue_deposited',
  'revenue_activity_recorded',
  'revenue_claimed',
  'stake_opened',
  'stake_closed',
]);

/** A bigint whether the event came from `apply` (bigint) or from the log (decimal string). */
export function unitsOf(value: bigint | string): bigint {
  return BigInt(value);
}

export function evolveRevenue(state: RevenueState, event: RevenueEvent, stamp: EventStamp): void {
  switch (event.type) {
    case 'revenue_policy_created':
      return createPolicy(state, event, stamp);
    case 'revenue_deposited':
      return deposit(state, event);
    case 'revenue_activity_recorded':
      return recordActivity(state, event);
    case 'revenue_claimed':
      return claim(state, event);
    case 'stake_opened':
      return changeStake(state, { ownerId: event.stake.ownerId, assetId: event.stake.assetId, deltaUnits: unitsOf(event.stake.units) });
    case 'stake_closed':
      return changeStake(state, { ownerId: event.ownerId, assetId: event.assetId, deltaUnits: -unitsOf(event.units) });
  }
}

function createPolicy(state: RevenueState, event: RevenuePolicyCreated, stamp: EventStamp): void {
  const spec = event.policy;
  assert(!state.policies.has(spec.id), `revenue policy ${spec.id} is created once`);
  const policy: RevenuePolicy = {
    id: spec.id,
    assetId: spec.assetId,
    mode: spec.mode,
    stakePpm: spec.stakePpm,
    epochSeconds: spec.epochSeconds,
    startMs: spec.startMs,
    accountId: spec.accountId,
    dustAccountId: spec.dustAccountId,
    createdSeq: stamp.seq,
    depositedUnits: 0n,
    claimedUnits: 0n,
    dustScaled: 0n,
    dustUnits: 0n,
    stake: { accumulatorScaled: 0n, carriedUnits: 0n, depositedUnits: 0n },
    activity: { carriedUnits: 0n, depositedUnits: 0n, epochs: new Map() },
    holders: new Map(),
  };
  state.policies.set(policy.id, policy);
  state.policiesByAsset.set(policy.assetId, [...(state.policiesByAsset.get(policy.assetId) ?? []), policy.id]);
}

function policyOf(state: RevenueState, id: string): RevenuePolicy {
  const policy = state.policies.get(id);
  assert(policy !== undefined, `revenue policy ${id} exists`);
  return policy;
}

/** Recomputes the plan `apply` made from the same state and commits it. */
function deposit(state: RevenueState, event: RevenueDeposited): void {
  const policy = policyOf(state, event.policy);
  const depositedUnits = unitsOf(event.depositedUnits);
  const view = depositView(state, policy, event.epoch);
  const plan = planDeposit(view, depositedUnits);
  assert(
    plan.stakeUnits === unitsOf(event.stakeUnits) && plan.activityUnits === unitsOf(event.activityUnits) && plan.dustUnits === unitsOf(event.dustUnits),
    `deposit ${event.transferId} into ${policy.id} evolves as it was decided`,
  );
  policy.stake.accumulatorScaled += plan.stake.incrementScaled;
  policy.stake.carriedUnits = plan.stake.carriedUnits;
  policy.stake.depositedUnits += plan.stakeUnits;
  if (plan.activity.distributedUnits > 0n) {
    const book = view.targetEpoch === undefined ? undefined : policy.activity.epochs.get(view.targetEpoch);
    assert(book !== undefined, 'a deposit shares its activity part over an epoch with points');
    book.accumulatorScaled += plan.activity.incrementScaled;
  }
  policy.activity.carriedUnits = plan.activity.carriedUnits;
  policy.activity.depositedUnits += plan.activityUnits;
  policy.dustScaled = plan.dustScaled;
  policy.dustUnits += plan.dustUnits;
  policy.depositedUnits += depositedUnits;
}

/** Settles the holder's epochs as of `now`, releasing the books of the final ones. */
function settleActivity(policy: RevenuePolicy, holder: RevenueHolder, now: number): RevenueHolder {
  const settled = settleEpochs(policy, holder, now);
  for (const epoch of settled.finished) {
    const book = policy.activity.epochs.get(epoch);
    assert(book !== undefined && book.holders > 0, `epoch ${epoch} of policy ${policy.id} counts its holders`);
    book.holders -= 1;
    if (book.holders === 0) policy.activity.epochs.delete(epoch);
  }
  return settled.holder;
}

function recordActivity(state: RevenueState, event: RevenueActivityRecorded): void {
  const policy = policyOf(state, event.policy);
  const points = BigInt(event.points);
  assert(points > 0n, 'activity points are positive');
  const holder = settleActivity(policy, holderOf(policy, event.actorId), event.epoch);
  const book = policy.activity.epochs.get(event.epoch) ?? { points: 0n, accumulatorScaled: 0n, holders: 0 };
  const current = holder.epochs.find((entry) => entry.epoch === event.epoch);
  const epochs = current
    ? holder.epochs.map((entry) => (entry === current ? { ...entry, points: entry.points + points } : entry))
    : [...holder.epochs, { epoch: event.epoch, points, snapshotScaled: book.accumulatorScaled }];
  assert(epochs.length <= holderEpochsMax, 'a holder keeps the points of two epochs at most');
  book.points += points;
  if (!current) book.holders += 1;
  policy.activity.epochs.set(event.epoch, book);
  policy.holders.set(event.actorId, { ...holder, epochs });
}

function claim(state: RevenueState, event: RevenueClaimed): void {
  const policy = policyOf(state, event.policy);
  let holder = settleStake(policy, holderOf(policy, event.actorId), stakeSharesOf(state, policy, event.actorId));
  if (event.epoch !== undefined) holder = settleActivity(policy, holder, event.epoch);
  const paid = payout(holder.owedScaled);
  const claimedUnits = unitsOf(event.claimedUnits);
  assert(paid.units === claimedUnits, `the claim of ${event.actorId} from ${policy.id} pays what was owed`);
  policy.claimedUnits += claimedUnits;
  keepHolder(policy, event.actorId, { ...holder, owedScaled: paid.restScaled }, stakeSharesOf(state, policy, event.actorId));
}

/** Stores the holder, or drops a record that says nothing the default would not. */
function keepHolder(policy: RevenuePolicy, actorId: string, holder: RevenueHolder, shares: bigint): void {
  if (shares === 0n && holder.owedScaled === 0n && holder.epochs.length === 0) policy.holders.delete(actorId);
  else policy.holders.set(actorId, holder);
}

/** Settles the owner in every stake-sharing policy of the asset, then changes its staked units. */
function changeStake(state: RevenueState, change: { ownerId: string; assetId: string; deltaUnits: bigint }): void {
  const staked: StakedAsset = state.staked.get(change.assetId) ?? { totalUnits: 0n, owners: new Map() };
  const before = staked.owners.get(change.ownerId) ?? 0n;
  const after = before + change.deltaUnits;
  assert(after >= 0n, `${change.ownerId} never unstakes more of ${change.assetId} than it staked`);
  const policies = (state.policiesByAsset.get(change.assetId) ?? []).map((id) => policyOf(state, id)).filter((policy) => policy.mode !== 'activity');
  for (const policy of policies) {
    const holder = settleStake(policy, holderOf(policy, change.ownerId), before);
    keepHolder(policy, change.ownerId, holder, after);
  }
  staked.totalUnits += change.deltaUnits;
  if (after === 0n) staked.owners.delete(change.ownerId);
  else staked.owners.set(change.ownerId, after);
  state.staked.set(change.assetId, staked);
}
