/**
 * A deposit into a policy, shared by `revenue.deposit` and by other modules (fees route a part
 * of each fee to stakers through `depositRevenue`). O(1) whatever the number of holders.
 */
import type { EngineState } from '../../engine/state.ts';
import type { DomainEvent } from '../../engine/types.ts';
import { assert } from '../../kernel/assert.ts';
import type { LedgerMoves, MoveRejection } from '../../ledger/moves.ts';
import { afterDeposit, type DepositPlan, type DepositView, depositView, epochAt, planDeposit } from './distribution.ts';
import { type FollowedStakeClosed, type FollowedStakeOpened, type RevenueActivityRecorded, type RevenueDeposited, unitsOf } from './events.ts';
import type { RevenuePolicy } from './state.ts';

export interface DepositInput {
  policyId: string;
  fromAccountId: string;
  units: bigint;
  /** The deposit's transfer id: unique and deterministic, chosen by the depositing module. */
  transferId: string;
}

/**
 * The state a deposit sees: the committed state, then the events this command already made.
 * Module state evolves only after `apply` returns, so a second deposit (or a stake change) of
 * the same command is folded in here; without it two deposits would both share the carried
 * units, and the dust moved would not match the dust kept.
 */
function pendingView(state: EngineState, events: readonly DomainEvent[], policy: RevenuePolicy, epoch: number | undefined): DepositView {
  let view = depositView(state.modules.revenue, policy, epoch);
  for (const event of events) {
    if (event.type === 'revenue_deposited' && (event as RevenueDeposited).policy === policy.id) {
      view = afterDeposit(view, planDeposit(view, unitsOf((event as RevenueDeposited).depositedUnits)));
    } else if (policy.mode !== 'activity' && event.type === 'stake_opened' && (event as FollowedStakeOpened).stake.assetId === policy.assetId) {
      view = { ...view, stakeTotalUnits: view.stakeTotalUnits + unitsOf((event as FollowedStakeOpened).stake.units) };
    } else if (policy.mode !== 'activity' && event.type === 'stake_closed' && (event as FollowedStakeClosed).assetId === policy.assetId) {
      view = { ...view, stakeTotalUnits: view.stakeTotalUnits - unitsOf((event as FollowedStakeClosed).units) };
    } else if (event.type === 'revenue_activity_recorded') {
      const recorded = event as RevenueActivityRecorded;
      if (recorded.policy === policy.id && recorded.epoch === view.targetEpoch) view = { ...view, targetPoints: view.targetPoints + BigInt(recorded.points) };
    }
  }
  return view;
}

/**
 * Moves the units into `@revenue.<policy>` (as the caller when `asCaller`, so ownership and
 * spending caps apply; as the system otherwise), moves the whole units of dust this deposit
 * completes to the dust account, and notes `revenue_deposited`. Returns the plan, or the
 * ledger's rejection (the caller then discards the moves).
 */
export function depositInto(
  state: EngineState,
  moves: LedgerMoves,
  input: DepositInput & { asCaller: boolean },
): { plan: DepositPlan; event: RevenueDeposited } | MoveRejection {
  const policy = state.modules.revenue.policies.get(input.policyId);
  if (!policy) return { code: 'policy_not_found', message: `no revenue policy ${input.policyId}` };
  if (input.units <= 0n) return { code: 'amount_invalid', message: 'a deposit must be above zero' };
  const moved = moves.transfer({ id: input.transferId, fromId: input.fromAccountId, toId: policy.accountId, units: input.units }, { asCaller: input.asCaller });
  if (moved) return moved;
  // The command's time, read from the transfer just made: LedgerMoves stamps it with the context.
  const timeMs = moves.draft.transfer(input.transferId)?.timeMs;
  assert(timeMs !== undefined, `transfer ${input.transferId} was just made`);
  const epoch = epochAt(policy, timeMs);
  const plan = planDeposit(pendingView(state, moves.events, policy, epoch), input.units);
  if (plan.dustUnits > 0n) {
    const dust = moves.transfer({ id: `${input.transferId}:dust`, fromId: policy.accountId, toId: policy.dustAccountId, units: plan.dustUnits });
    if (dust) return dust;
  }
  const event: RevenueDeposited = {
    type: 'revenue_deposited',
    policy: policy.id,
    transferId: input.transferId,
    fromAccountId: input.fromAccountId,
    depositedUnits: input.units,
    stakeUnits: plan.stakeUnits,
    activityUnits: plan.activityUnits,
    dustUnits: plan.dustUnits,
    epoch,
  };
  moves.note(event);
  return { plan, event };
}

/**
 * For other modules: deposits `units` from `fromAccountId` into the policy, as the system (the
 * calling module has already authorised the movement). Undefined on success, else the rejection
 * (policy_not_found, amount_invalid or the ledger's code); the caller returns it as its own.
 */
export function depositRevenue(state: EngineState, moves: LedgerMoves, input: DepositInput): MoveRejection | undefined {
  const outcome = depositInto(state, moves, { ...input, asCaller: false });
  return 'code' in outcome ? outcome : undefined;
}
