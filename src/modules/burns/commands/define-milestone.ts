import type { Static } from '@sinclair/typebox';
import { can } from '../../../access/state.ts';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandContext, type CommandDefinition, rejected } from '../../../engine/types.ts';
import { formatAmount, parseAmount } from '../../../kernel/amount.ts';
import { assert } from '../../../kernel/assert.ts';
import { isPolityError } from '../../../kernel/errors.ts';
import type { Account } from '../../../ledger/state.ts';
import { fundAccountId, treasuryFund } from '../../treasury/index.ts';
import type { BurnsMilestoneDefined } from '../events.ts';
import { milestoneLabelLengthMax, milestonesMax } from '../limits.ts';
import { DefineMilestoneSchema } from '../schema.ts';

export type DefineMilestonePayload = Static<typeof DefineMilestoneSchema>;
export interface DefineMilestoneResult {
  id: string;
  amount: string;
  status: 'defined' | 'exists';
}

/**
 * Defines a one-time milestone burn (BTT: 30,000 at mainnet launch, 70,000 at 100 hospitals,
 * ...). It burns nothing yet: governance triggers it with burns.milestone. The source must be
 * a treasury fund or an account the definer could burn from itself under the ledger's rules,
 * so economy.admin alone cannot commit someone else's tokens to a burn.
 */
export const defineMilestone: CommandDefinition<EngineState, DefineMilestonePayload, DefineMilestoneResult> = {
  type: 'burns.define_milestone',
  schema: DefineMilestoneSchema,
  apply(state, payload, ctx) {
    assert(payload.label.length <= milestoneLabelLengthMax, 'the schema bounds the label');
    if (!can(state.access, ctx.actorId, 'economy.admin', [`milestone:${payload.id}`, 'burns:config', 'economy:config'])) {
      return rejected('not_authorized', `${ctx.actorId} may not define milestone burns`);
    }
    const from = state.ledger.accounts.get(payload.from);
    if (!from) return rejected('account_not_found', `no account ${payload.from}`);
    const asset = state.ledger.assets.get(from.assetId);
    if (!asset) throw new Error(`account ${from.id} names a missing asset`);
    if (asset.kind !== 'fungible') return rejected('asset_not_fungible', `${asset.id} is not a fungible token`);
    if (!sourceAllowed(state, ctx, from)) return rejected('milestone_source_not_allowed', `${ctx.actorId} may not commit ${from.id} to a burn`);
    let amountUnits: bigint;
    try {
      amountUnits = parseAmount(payload.amount, { decimals: asset.decimals, allowZero: false });
    } catch (error) {
      if (isPolityError(error)) return rejected('amount_invalid', error.message);
      throw error;
    }
    const result = { id: payload.id, amount: formatAmount(amountUnits, asset.decimals) };
    const milestones = state.modules.burns.milestones;
    const existing = milestones.get(payload.id);
    if (existing) {
      const same = existing.label === payload.label && existing.fromAccountId === from.id && existing.amountUnits === amountUnits;
      return same ? accepted([], { ...result, status: 'exists' }) : rejected('milestone_exists', `milestone ${payload.id} exists with other fields`);
    }
    if (milestones.size >= milestonesMax) return rejected('milestones_max_reached', `a DAO defines at most ${milestonesMax} milestone burns`);
    const event: BurnsMilestoneDefined = {
      type: 'burns_milestone_defined',
      milestone: { id: payload.id, label: payload.label, assetId: asset.id, fromAccountId: from.id, amountUnits },
    };
    return accepted([event], { ...result, status: 'defined' });
  },
};

/** A treasury fund, or an account the definer owns or holds `ledger.burn` on. */
function sourceAllowed(state: EngineState, ctx: CommandContext, from: Account): boolean {
  if (from.id.startsWith('@treasury.')) {
    const fund = treasuryFund(state.modules.treasury, from.id.slice('@treasury.'.length));
    if (fund && fundAccountId(fund.id) === from.id) return true;
  }
  if (from.system !== undefined) return false; // issuance and burn accounts never pay a burn
  return from.ownerId === ctx.actorId || can(state.access, ctx.actorId, 'ledger.burn', [`account:${from.id}`, `asset:${from.assetId}`]);
}
