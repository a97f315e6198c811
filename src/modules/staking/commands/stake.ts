import type { Static } from '@sinclair/typebox';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandContext, type CommandDefinition, type Rejected, rejected } from '../../../engine/types.ts';
import { formatAmount, parseAmount } from '../../../kernel/amount.ts';
import { LedgerMoves } from '../../../ledger/moves.ts';
import type { Account } from '../../../ledger/state.ts';
import type { StakeOpened } from '../events.ts';
import { stakeTransferId } from '../ids.ts';
import { activeStakesPerOwnerMax } from '../limits.ts';
import { isRejected, parseUnits } from '../parse.ts';
import { poolRejection } from '../payout.ts';
import { fullRewardUnits } from '../rewards.ts';
import { StakeSchema } from '../schema.ts';
import type { Stake, StakingConfig, Tier } from '../state.ts';

export type StakePayload = Static<typeof StakeSchema>;

export interface StakeResult {
  id: string;
  status: 'created' | 'exists';
  /** The full-term reward reserved for the stake, in token units. */
  reward: string;
  maturityMs: number;
}

interface Checked {
  config: StakingConfig;
  tier: Tier;
  account: Account;
  units: bigint;
}

/**
 * Locks `amount` from the caller's own account in the vault for the tier's term and reserves
 * the full-term reward in the reward pool at once, as a pending transfer to the staker: a
 * pool can never promise more than it holds, and a stake it cannot cover is refused.
 */
export const stake: CommandDefinition<EngineState, StakePayload, StakeResult> = {
  type: 'staking.stake',
  schema: StakeSchema,
  weight: () => 2,
  apply(state, payload, ctx) {
    const checked = check(state, payload, ctx);
    if (isRejected(checked)) return checked;
    if ('status' in checked) return accepted([], checked);
    const { config, tier, account, units } = checked;
    const moves = new LedgerMoves(state, ctx);
    const principal = moves.transfer(
      { id: stakeTransferId(payload.id, 'principal', ctx.seq), fromId: account.id, toId: config.vaultId, units },
      { asCaller: true },
    );
    if (principal) return rejected(principal.code, principal.message);
    const rewardUnits = fullRewardUnits(units, tier.apyPpm, tier.durationSeconds);
    if (rewardUnits > 0n) {
      const reservation = {
        id: stakeTransferId(payload.id, 'reservation', ctx.seq),
        fromId: config.rewardsFromId,
        toId: account.id,
        units: rewardUnits,
        pending: true,
      };
      const problem = moves.transfer(reservation);
      if (problem) return poolRejection(problem, config.rewardsFromId);
    }
    const maturityMs = ctx.timeMs + tier.durationSeconds * 1000;
    const opened: StakeOpened = {
      type: 'stake_opened',
      stake: {
        id: payload.id,
        ownerId: ctx.actorId,
        accountId: account.id,
        assetId: config.assetId,
        tierId: tier.id,
        units,
        startMs: ctx.timeMs,
        maturityMs,
        rewardUnits,
      },
    };
    moves.note(opened);
    return accepted(moves.events, { id: payload.id, status: 'created' as const, reward: formatAmount(rewardUnits, config.decimals), maturityMs });
  },
};

/** The checks before any move, in the documented order; a repeat of an open stake is its result. */
function check(state: EngineState, payload: StakePayload, ctx: CommandContext): Checked | StakeResult | Rejected {
  const staking = state.modules.staking;
  const config = staking.config;
  if (!config) return rejected('not_configured', 'configure staking (staking.configure) first');
  const tier = staking.tiers.get(payload.tier);
  if (!tier) return rejected('tier_not_found', `no staking tier ${payload.tier}`);
  const previous = staking.stakes.get(payload.id);
  if (previous) return repeated(previous, payload, ctx, config);
  const account = state.ledger.accounts.get(payload.from);
  if (!account) return rejected('account_not_found', `no account ${payload.from}`);
  if (account.assetId !== config.assetId) return rejected('asset_mismatch', `${account.id} holds ${account.assetId}; staking takes ${config.assetId}`);
  const units = parseUnits(payload.amount, config.decimals, 'amount');
  if (isRejected(units)) return units;
  const minimumUnits = parseAmount(tier.minimum, { decimals: config.decimals });
  if (units < minimumUnits) return rejected('below_tier_minimum', `tier ${tier.id} takes at least ${tier.minimum}`);
  if ((staking.activeByOwner.get(ctx.actorId)?.size ?? 0) >= activeStakesPerOwnerMax) {
    return rejected('too_many_stakes', `an actor holds at most ${activeStakesPerOwnerMax} open stakes`);
  }
  // The stake, its benefits and its rewards belong to the caller: only their own account will do.
  if (account.ownerId !== ctx.actorId) return rejected('not_authorized', `${ctx.actorId} does not own ${account.id}`);
  return { config, tier, account, units };
}

/** The same stake submitted again (a retry) answers as the first time; anything else is a clash. */
function repeated(previous: Stake, payload: StakePayload, ctx: CommandContext, config: StakingConfig): StakeResult | Rejected {
  let units: bigint | undefined;
  try {
    units = parseAmount(payload.amount, { decimals: config.decimals });
  } catch {
    units = undefined; // an amount that does not parse differs from the recorded one
  }
  const same = previous.ownerId === ctx.actorId && previous.accountId === payload.from && previous.tierId === payload.tier && previous.units === units;
  if (!same) return rejected('stake_exists', `stake ${previous.id} exists`);
  return { id: previous.id, status: 'exists', reward: formatAmount(previous.rewardUnits, config.decimals), maturityMs: previous.maturityMs };
}
