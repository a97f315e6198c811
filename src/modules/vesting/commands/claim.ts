import type { Static } from '@sinclair/typebox';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandDefinition, rejected } from '../../../engine/types.ts';
import { formatAmount } from '../../../kernel/amount.ts';
import { LedgerMoves } from '../../../ledger/moves.ts';
import type { VestingClaimed } from '../events.ts';
import { releasableUnits } from '../queries.ts';
import { ClaimVestingSchema } from '../schema.ts';

export type ClaimVestingPayload = Static<typeof ClaimVestingSchema>;

export interface ClaimVestingResult {
  id: string;
  /** Paid by this claim, in token units. */
  claimed: string;
  /** Paid by every claim so far, this one included. */
  released: string;
}

/**
 * Pays the beneficiary what has vested and was not yet claimed. Anyone may submit it (the
 * beneficiary, a keeper): the money can only ever go to the grant's beneficiary.
 */
export const claimVesting: CommandDefinition<EngineState, ClaimVestingPayload, ClaimVestingResult> = {
  type: 'vesting.claim',
  schema: ClaimVestingSchema,
  apply(state, payload, ctx) {
    const grant = state.modules.vesting.grants.get(payload.id);
    if (!grant) return rejected('vesting_not_found', `no vesting grant ${payload.id}`);
    const units = releasableUnits(grant, ctx.timeMs);
    if (units === 0n) return rejected('nothing_to_claim', `vesting grant ${grant.id} has nothing vested and unclaimed yet`);
    const moves = new LedgerMoves(state, ctx);
    const problem = moves.transfer({ id: `vesting:${grant.id}:claim:${ctx.seq}`, fromId: grant.holdAccountId, toId: grant.beneficiaryId, units });
    if (problem) return rejected(problem.code, problem.message);
    const event: VestingClaimed = { type: 'vesting_claimed', id: grant.id, claimedUnits: units };
    moves.note(event);
    const decimals = state.ledger.assets.get(grant.assetId)?.decimals ?? 0;
    return accepted(moves.events, { id: grant.id, claimed: formatAmount(units, decimals), released: formatAmount(grant.releasedUnits + units, decimals) });
  },
};
