import type { Static } from '@sinclair/typebox';
import { can } from '../../../access/state.ts';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandDefinition, rejected } from '../../../engine/types.ts';
import { formatAmount } from '../../../kernel/amount.ts';
import { LedgerMoves } from '../../../ledger/moves.ts';
import type { BurnsMilestoneBurned } from '../events.ts';
import { MilestoneBurnSchema } from '../schema.ts';
import { milestoneBurnAction, milestoneResource, milestoneTransferId } from '../state.ts';

export type MilestoneBurnPayload = Static<typeof MilestoneBurnSchema>;
export interface MilestoneBurnResult {
  id: string;
  burned: string;
  status: 'burned';
}

/**
 * Triggers a milestone burn: needs `burns.milestone` on `milestone:<id>` (governance holds
 * it). The tokens leave the supply for good, and only once: a second trigger is
 * milestone_already_burned. A milestone burn is not a treasury spend, so it does not count
 * against the source fund's spending limit: its amount was fixed when it was defined.
 */
export const burnMilestone: CommandDefinition<EngineState, MilestoneBurnPayload, MilestoneBurnResult> = {
  type: 'burns.milestone',
  schema: MilestoneBurnSchema,
  apply(state, payload, ctx) {
    const resource = milestoneResource(payload.id);
    if (!can(state.access, ctx.actorId, milestoneBurnAction, [resource]))
      return rejected('not_authorized', `${ctx.actorId} lacks ${milestoneBurnAction} on ${resource}`);
    const milestone = state.modules.burns.milestones.get(payload.id);
    if (!milestone) return rejected('milestone_not_found', `no milestone ${payload.id}`);
    if (milestone.burnedSeq !== undefined) return rejected('milestone_already_burned', `milestone ${milestone.id} was burned at seq ${milestone.burnedSeq}`);
    const asset = state.ledger.assets.get(milestone.assetId);
    if (!asset) throw new Error(`milestone ${milestone.id} names a missing asset`);
    const moves = new LedgerMoves(state, ctx);
    const problem = moves.burn({ id: milestoneTransferId(milestone.id), fromId: milestone.fromAccountId, units: milestone.amountUnits, memo: milestone.label });
    if (problem) return rejected(problem.code, problem.message);
    const event: BurnsMilestoneBurned = {
      type: 'burns_milestone_burned',
      milestoneId: milestone.id,
      assetId: milestone.assetId,
      fromAccountId: milestone.fromAccountId,
      amountUnits: milestone.amountUnits,
    };
    moves.note(event);
    return accepted(moves.events, { id: milestone.id, burned: formatAmount(milestone.amountUnits, asset.decimals), status: 'burned' });
  },
};
