/**
 * How a policy shares a deposit between its two sides and how a holder's standing is settled.
 * Pure functions over the module state: `apply` plans with them, `evolve` commits with them and
 * checks that it computes what `apply` decided.
 *
 * ACTIVITY EPOCHS. Epoch e of a policy is [startMs + e * epochSeconds, startMs + (e + 1) * epochSeconds).
 * Points recorded at time t count in the epoch of t. A deposit made in epoch e is shared pro
 * rata to the points of epoch e - 1: a closed epoch, whose total no longer changes. Each epoch
 * with points has its own accumulator, raised only by the deposits of the next epoch; when
 * epoch e - 1 has no points (or e is 0), the deposit's activity part is carried, held
 * undistributed and shared with the next deposit that finds a closed epoch with points.
 * A holder keeps its points of at most two epochs: the current one and the one before (still
 * receiving deposits). When touched in epoch e, an epoch at most e - 2 is final: what it earned
 * becomes owed and the entry goes; the epoch's book goes with its last holder.
 */

import { assert } from '../../kernel/assert.ts';
import { sharePpmFloor } from '../../kernel/rates.ts';
import { accruedScaled, dustUnitsToMove, type SharedDeposit, shareDeposit } from './accumulator.ts';
import type { HolderEpoch, RevenueHolder, RevenuePolicy, RevenueState } from './state.ts';

/** The activity epoch of `timeMs`, or undefined for a stake-only policy. */
export function epochAt(policy: RevenuePolicy, timeMs: number): number | undefined {
  if (policy.epochSeconds === undefined) return undefined;
  assert(timeMs >= policy.startMs, 'the log never runs back before a policy was created');
  return Math.floor((timeMs - policy.startMs) / (policy.epochSeconds * 1000));
}

/** Units the policy counts as `ownerId`'s stake shares (none for an activity-only policy). */
export function stakeSharesOf(state: RevenueState, policy: RevenuePolicy, ownerId: string): bigint {
  if (policy.mode === 'activity') return 0n;
  return state.staked.get(policy.assetId)?.owners.get(ownerId) ?? 0n;
}

export function stakeTotalOf(state: RevenueState, policy: RevenuePolicy): bigint {
  if (policy.mode === 'activity') return 0n;
  return state.staked.get(policy.assetId)?.totalUnits ?? 0n;
}

/** What planning a deposit needs: totals, carried units and dust, nothing per holder. */
export interface DepositView {
  stakePpm: number;
  stakeTotalUnits: bigint;
  stakeCarriedUnits: bigint;
  activityCarriedUnits: bigint;
  /** The epoch the activity part goes to (the one before the deposit's), if any. */
  targetEpoch: number | undefined;
  /** Its points; 0 when it has none (the activity part is then carried). */
  targetPoints: bigint;
  dustScaled: bigint;
  dustUnits: bigint;
}

export interface DepositPlan {
  stakeUnits: bigint;
  activityUnits: bigint;
  stake: SharedDeposit;
  activity: SharedDeposit;
  /** The policy's scaled dust after this deposit. */
  dustScaled: bigint;
  /** Whole units of dust to move to the dust account with this deposit. */
  dustUnits: bigint;
}

/** The committed state as a deposit made in `epoch` sees it. */
export function depositView(state: RevenueState, policy: RevenuePolicy, epoch: number | undefined): DepositView {
  const targetEpoch = epoch === undefined || epoch === 0 ? undefined : epoch - 1;
  const targetPoints = targetEpoch === undefined ? 0n : (policy.activity.epochs.get(targetEpoch)?.points ?? 0n);
  return {
    stakePpm: policy.stakePpm,
    stakeTotalUnits: stakeTotalOf(state, policy),
    stakeCarriedUnits: policy.stake.carriedUnits,
    activityCarriedUnits: policy.activity.carriedUnits,
    targetEpoch,
    targetPoints,
    dustScaled: policy.dustScaled,
    dustUnits: policy.dustUnits,
  };
}

/**
 * Splits a deposit (the stake side takes floor(units * stakePpm / 10^6), the activity side the
 * rest) and shares each side over its shares.
 */
export function planDeposit(view: DepositView, units: bigint): DepositPlan {
  const stakeUnits = sharePpmFloor(units, BigInt(view.stakePpm));
  const activityUnits = units - stakeUnits;
  const stake = shareDeposit({ units: stakeUnits, carriedUnits: view.stakeCarriedUnits, totalShares: view.stakeTotalUnits });
  const activity = shareDeposit({ units: activityUnits, carriedUnits: view.activityCarriedUnits, totalShares: view.targetPoints });
  const dustScaled = view.dustScaled + stake.dustScaled + activity.dustScaled;
  return { stakeUnits, activityUnits, stake, activity, dustScaled, dustUnits: dustUnitsToMove(dustScaled, view.dustUnits) };
}

/** The view after a planned deposit (a second deposit of the same command plans on it). */
export function afterDeposit(view: DepositView, plan: DepositPlan): DepositView {
  return {
    ...view,
    stakeCarriedUnits: plan.stake.carriedUnits,
    activityCarriedUnits: plan.activity.carriedUnits,
    dustScaled: plan.dustScaled,
    dustUnits: view.dustUnits + plan.dustUnits,
  };
}

/** The holder's record, or the one a holder without a record stands for (owed nothing, snapshot 0). */
export function holderOf(policy: RevenuePolicy, actorId: string): RevenueHolder {
  return policy.holders.get(actorId) ?? { owedScaled: 0n, stakeSnapshotScaled: 0n, epochs: [] };
}

/** The holder with what its stake shares earned since its snapshot made owed. */
export function settleStake(policy: RevenuePolicy, holder: RevenueHolder, shares: bigint): RevenueHolder {
  const accumulator = policy.stake.accumulatorScaled;
  return { ...holder, owedScaled: holder.owedScaled + accruedScaled(shares, accumulator, holder.stakeSnapshotScaled), stakeSnapshotScaled: accumulator };
}

/**
 * The holder with what its points earned made owed, as of epoch `now`. Epochs at most
 * now - 2 are final and leave the holder: `finished` lists them (evolve releases their books).
 */
export function settleEpochs(policy: RevenuePolicy, holder: RevenueHolder, now: number): { holder: RevenueHolder; finished: number[] } {
  let owedScaled = holder.owedScaled;
  const kept: HolderEpoch[] = [];
  const finished: number[] = [];
  for (const entry of holder.epochs) {
    assert(entry.epoch <= now, 'a holder never has points in a later epoch');
    const book = policy.activity.epochs.get(entry.epoch);
    assert(book !== undefined, `epoch ${entry.epoch} of policy ${policy.id} has a book while a holder has points in it`);
    owedScaled += accruedScaled(entry.points, book.accumulatorScaled, entry.snapshotScaled);
    if (entry.epoch <= now - 2) finished.push(entry.epoch);
    else kept.push({ epoch: entry.epoch, points: entry.points, snapshotScaled: book.accumulatorScaled });
  }
  return { holder: { ...holder, owedScaled, epochs: kept }, finished };
}

/** Everything the holder is owed now, settled or not, scaled. */
export function owedScaledOf(state: RevenueState, policy: RevenuePolicy, actorId: string): bigint {
  const holder = holderOf(policy, actorId);
  let owedScaled = holder.owedScaled + accruedScaled(stakeSharesOf(state, policy, actorId), policy.stake.accumulatorScaled, holder.stakeSnapshotScaled);
  for (const entry of holder.epochs) {
    const book = policy.activity.epochs.get(entry.epoch);
    assert(book !== undefined, `epoch ${entry.epoch} of policy ${policy.id} has a book while a holder has points in it`);
    owedScaled += accruedScaled(entry.points, book.accumulatorScaled, entry.snapshotScaled);
  }
  return owedScaled;
}
