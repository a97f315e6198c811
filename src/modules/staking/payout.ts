/** Paying out a stake's reward: shared by staking.claim and staking.unstake. */
import type { EngineState } from '../../engine/state.ts';
import { type CommandContext, type Rejected, rejected } from '../../engine/types.ts';
import type { LedgerMoves, MoveRejection } from '../../ledger/moves.ts';
import type { StakeRewarded } from './events.ts';
import { stakeTransferId } from './ids.ts';
import { rewardBurnUnits } from './rewards.ts';
import type { Stake, Tier } from './state.ts';

/** The ledger's insufficient_funds on a move out of the reward pool has a name of its own. */
export function poolRejection(problem: MoveRejection, poolId: string): Rejected {
  if (problem.code === 'insufficient_funds') return rejected('reward_pool_insufficient', `the reward pool ${poolId} cannot cover this reward`);
  return rejected(problem.code, problem.message);
}

/**
 * Brings a stake's paid reward up to `accruedUnits`, all in one command: void the current
 * reservation, pay the net share to the staker, burn the tier's share, and reserve what is
 * still to come anew. Voiding first frees exactly what the payout and the new reservation
 * need, so an untouched reservation always covers them.
 *
 * A reservation someone settled through the ledger (an admin posting or voiding it by hand)
 * is honoured as it stands: posted units reached the staker and count as paid; after a void
 * the reward is drawn from whatever the pool still has, or the command is
 * reward_pool_insufficient until the pool is topped up.
 */
export function payReward(
  state: EngineState,
  moves: LedgerMoves,
  stake: Stake,
  tier: Tier,
  accruedUnits: bigint,
  ctx: CommandContext,
): StakeRewarded | Rejected {
  const reservation = stake.reservationId === undefined ? undefined : state.ledger.transfers.get(stake.reservationId);
  const poolId = reservation?.fromId ?? state.modules.staking.config?.rewardsFromId ?? '';
  const settledOutsideUnits = reservation?.status === 'posted' ? (reservation.postedUnits ?? 0n) : 0n;
  if (reservation?.status === 'pending') moves.resolve(reservation.id, 'voided');
  const owedUnits = accruedUnits - stake.paidUnits;
  const fromPoolUnits = owedUnits > settledOutsideUnits ? owedUnits - settledOutsideUnits : 0n;
  const burnedUnits = rewardBurnUnits(fromPoolUnits, tier.rewardBurnPpm);
  const netUnits = fromPoolUnits - burnedUnits;
  const paidUnits = settledOutsideUnits + fromPoolUnits;
  const problem =
    (netUnits > 0n
      ? moves.transfer({ id: stakeTransferId(stake.id, 'reward', ctx.seq), fromId: poolId, toId: stake.accountId, units: netUnits })
      : undefined) ?? (burnedUnits > 0n ? moves.burn({ id: stakeTransferId(stake.id, 'rewardBurn', ctx.seq), fromId: poolId, units: burnedUnits }) : undefined);
  if (problem) return poolRejection(problem, poolId);
  const event: StakeRewarded = { type: 'stake_rewarded', stakeId: stake.id, paidUnits, burnedUnits };
  const remainingUnits = stake.rewardUnits - stake.paidUnits - paidUnits;
  if (remainingUnits > 0n) {
    const reservationId = stakeTransferId(stake.id, 'reservation', ctx.seq);
    const reserveProblem = moves.transfer({ id: reservationId, fromId: poolId, toId: stake.accountId, units: remainingUnits, pending: true });
    if (reserveProblem) return poolRejection(reserveProblem, poolId);
    event.reservationId = reservationId;
  }
  return event;
}
