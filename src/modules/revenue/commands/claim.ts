import type { Static } from '@sinclair/typebox';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandDefinition, rejected } from '../../../engine/types.ts';
import { formatAmount } from '../../../kernel/amount.ts';
import { LedgerMoves } from '../../../ledger/moves.ts';
import { epochAt } from '../distribution.ts';
import type { RevenueClaimed } from '../events.ts';
import { claimableUnits } from '../queries.ts';
import { ClaimSchema } from '../schema.ts';

export type ClaimPayload = Static<typeof ClaimSchema>;

export interface ClaimResult {
  policy: string;
  actorId: string;
  to: string;
  /** Paid by this claim, in token units. */
  claimed: string;
}

/**
 * Pays the caller everything the policy owes it, in whole units (the fraction below a unit
 * stays owed), into `to`: an account of the caller's holding the policy's asset.
 */
export const claim: CommandDefinition<EngineState, ClaimPayload, ClaimResult> = {
  type: 'revenue.claim',
  schema: ClaimSchema,
  apply(state, payload, ctx) {
    const policy = state.modules.revenue.policies.get(payload.policy);
    if (!policy) return rejected('policy_not_found', `no revenue policy ${payload.policy}`);
    const to = state.ledger.accounts.get(payload.to);
    if (!to) return rejected('account_not_found', `no account ${payload.to}`);
    if (to.ownerId !== ctx.actorId) return rejected('not_authorized', `${payload.to} is not ${ctx.actorId}'s account`);
    if (to.assetId !== policy.assetId) return rejected('asset_mismatch', `${payload.to} holds ${to.assetId}, not ${policy.assetId}`);
    const units = claimableUnits(state.modules.revenue, policy.id, ctx.actorId, ctx.timeMs);
    if (units === 0n) return rejected('nothing_to_claim', `revenue policy ${policy.id} owes ${ctx.actorId} nothing yet`);
    const moves = new LedgerMoves(state, ctx);
    const problem = moves.transfer({ id: `revenue:${policy.id}:claim:${ctx.seq}`, fromId: policy.accountId, toId: to.id, units });
    if (problem) return rejected(problem.code, problem.message);
    const event: RevenueClaimed = {
      type: 'revenue_claimed',
      policy: policy.id,
      actorId: ctx.actorId,
      toAccountId: to.id,
      claimedUnits: units,
      epoch: epochAt(policy, ctx.timeMs),
    };
    moves.note(event);
    const decimals = state.ledger.assets.get(policy.assetId)?.decimals ?? 0;
    return accepted(moves.events, { policy: policy.id, actorId: ctx.actorId, to: to.id, claimed: formatAmount(units, decimals) });
  },
};
