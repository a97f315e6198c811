import type { Static } from '@sinclair/typebox';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandContext, type CommandDefinition, rejected } from '../../../engine/types.ts';
import { formatAmount } from '../../../kernel/amount.ts';
import { assert } from '../../../kernel/assert.ts';
import { LedgerMoves, type MoveRejection } from '../../../ledger/moves.ts';
import type { StakeClosed } from '../events.ts';
import { stakeTransferId, stakingVaultAccountId } from '../ids.ts';
import { isRejected } from '../parse.ts';
import { payReward } from '../payout.ts';
import { penaltyUnits } from '../rewards.ts';
import { UnstakeSchema } from '../schema.ts';
import type { Stake } from '../state.ts';
import { ownStake } from './claim.ts';

export type UnstakePayload = Static<typeof UnstakeSchema>;

export interface UnstakeResult {
  stakeId: string;
  early: boolean;
  /** Principal back in the staker's account, in token units. */
  returned: string;
  /** Principal burned as the early-exit penalty. */
  penalty: string;
  /** Reward paid by this command, the burned share included. */
  rewardPaid: string;
  /** The burned share of that reward. */
  rewardBurned: string;
}

/**
 * Ends a stake. At or after maturity it pays the rest of the reward and returns the whole
 * principal. Before maturity it is refused (stake_locked) or, under a penalty rule, the
 * reward not yet paid is forfeited (its reservation voided), the penalty share of the
 * principal is burned and the rest returned; rewards already claimed stay with the staker.
 */
export const unstake: CommandDefinition<EngineState, UnstakePayload, UnstakeResult> = {
  type: 'staking.unstake',
  schema: UnstakeSchema,
  weight: () => 5,
  apply(state, payload, ctx) {
    const staking = state.modules.staking;
    const found = ownStake(staking, payload.stake, ctx);
    if (isRejected(found)) return found;
    const { stake, tier } = found;
    const config = staking.config;
    assert(config !== undefined, 'staking is configured while stakes exist');
    const early = ctx.timeMs < stake.maturityMs;
    if (early && config.earlyExit.kind === 'rejected')
      return rejected('stake_locked', `stake ${stake.id} is locked until its maturity at ${new Date(stake.maturityMs).toISOString()}`);
    const moves = new LedgerMoves(state, ctx);
    let rewardPaidUnits = 0n;
    let rewardBurnedUnits = 0n;
    if (early) {
      forfeitReward(state, moves, stake);
    } else if (stake.paidUnits < stake.rewardUnits || stake.reservationId !== undefined) {
      const rewarded = payReward(state, moves, stake, tier, stake.rewardUnits, ctx);
      if (isRejected(rewarded)) return rewarded;
      moves.note(rewarded);
      rewardPaidUnits = rewarded.paidUnits;
      rewardBurnedUnits = rewarded.burnedUnits;
    }
    const penalty = early && config.earlyExit.kind === 'penalty' ? penaltyUnits(stake.units, config.earlyExit.penaltyPpm) : 0n;
    const problem = releasePrincipal(moves, stake, penalty, ctx);
    if (problem) return rejected(problem.code, problem.message);
    const closed: StakeClosed = {
      type: 'stake_closed',
      stakeId: stake.id,
      ownerId: stake.ownerId,
      assetId: stake.assetId,
      units: stake.units,
      penaltyUnits: penalty,
      early,
    };
    moves.note(closed);
    const decimals = config.decimals;
    return accepted(moves.events, {
      stakeId: stake.id,
      early,
      returned: formatAmount(stake.units - penalty, decimals),
      penalty: formatAmount(penalty, decimals),
      rewardPaid: formatAmount(rewardPaidUnits, decimals),
      rewardBurned: formatAmount(rewardBurnedUnits, decimals),
    });
  },
};

/** An early exit gives up the reward not yet paid: its reservation goes back to the pool. */
function forfeitReward(state: EngineState, moves: LedgerMoves, stake: Stake): void {
  const reservation = stake.reservationId === undefined ? undefined : state.ledger.transfers.get(stake.reservationId);
  if (reservation?.status === 'pending') moves.resolve(reservation.id, 'voided');
}

/** Burns the penalty from the vault and returns the rest of the principal to the staker. */
function releasePrincipal(moves: LedgerMoves, stake: Stake, penalty: bigint, ctx: CommandContext): MoveRejection | undefined {
  const vaultId = stakingVaultAccountId(stake.assetId);
  const returned = stake.units - penalty;
  return (
    (penalty > 0n ? moves.burn({ id: stakeTransferId(stake.id, 'penalty', ctx.seq), fromId: vaultId, units: penalty }) : undefined) ??
    (returned > 0n
      ? moves.transfer({ id: stakeTransferId(stake.id, 'principalReturn', ctx.seq), fromId: vaultId, toId: stake.accountId, units: returned })
      : undefined)
  );
}
