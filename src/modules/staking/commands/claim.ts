import type { Static } from '@sinclair/typebox';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandContext, type CommandDefinition, type Rejected, rejected } from '../../../engine/types.ts';
import { formatAmount } from '../../../kernel/amount.ts';
import { assert } from '../../../kernel/assert.ts';
import { LedgerMoves } from '../../../ledger/moves.ts';
import { isRejected } from '../parse.ts';
import { payReward } from '../payout.ts';
import { accruedRewardUnits } from '../rewards.ts';
import { ClaimSchema } from '../schema.ts';
import type { Stake, StakingState, Tier } from '../state.ts';

export type ClaimPayload = Static<typeof ClaimSchema>;

export interface ClaimResult {
  stakeId: string;
  /** Reward counted as paid by this claim, the burned share included, in token units. */
  paid: string;
  burned: string;
  /** What reached the staker's account. */
  received: string;
}

/** Pays the owner the reward accrued so far and not yet paid, less the tier's burned share. */
export const claim: CommandDefinition<EngineState, ClaimPayload, ClaimResult> = {
  type: 'staking.claim',
  schema: ClaimSchema,
  weight: () => 4,
  apply(state, payload, ctx) {
    const found = ownStake(state.modules.staking, payload.stake, ctx);
    if (isRejected(found)) return found;
    const { stake, tier } = found;
    const accruedUnits = accruedRewardUnits(stake, ctx.timeMs);
    if (accruedUnits <= stake.paidUnits) return rejected('nothing_to_claim', `stake ${stake.id} has accrued nothing since the last claim`);
    const moves = new LedgerMoves(state, ctx);
    const rewarded = payReward(state, moves, stake, tier, accruedUnits, ctx);
    if (isRejected(rewarded)) return rewarded;
    moves.note(rewarded);
    const decimals = state.modules.staking.config?.decimals ?? 0;
    return accepted(moves.events, {
      stakeId: stake.id,
      paid: formatAmount(rewarded.paidUnits, decimals),
      burned: formatAmount(rewarded.burnedUnits, decimals),
      received: formatAmount(rewarded.paidUnits - rewarded.burnedUnits, decimals),
    });
  },
};

/** The caller's own active stake and its tier: stake_not_found, not_stake_owner, stake_closed. */
export function ownStake(staking: StakingState, stakeId: string, ctx: CommandContext): { stake: Stake; tier: Tier } | Rejected {
  const stake = staking.stakes.get(stakeId);
  if (!stake) return rejected('stake_not_found', `no stake ${stakeId}`);
  if (stake.ownerId !== ctx.actorId) return rejected('not_stake_owner', `stake ${stake.id} belongs to ${stake.ownerId}`);
  if (stake.status === 'closed') return rejected('stake_closed', `stake ${stake.id} is closed`);
  const tier = staking.tiers.get(stake.tierId);
  assert(tier !== undefined, `tier ${stake.tierId} of stake ${stake.id} exists`);
  return { stake, tier };
}
