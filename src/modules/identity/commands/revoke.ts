import type { Static } from '@sinclair/typebox';
import { can } from '../../../access/state.ts';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandDefinition, rejected } from '../../../engine/types.ts';
import { assert } from '../../../kernel/assert.ts';
import { LedgerMoves } from '../../../ledger/moves.ts';
import type { IdentityRevoked } from '../events.ts';
import { revokeReasonLengthMax } from '../limits.ts';
import { RevokeIdentitySchema } from '../schema.ts';
import { identityAccountId, identityResource, identityVerifyAction, revokeTransferId } from '../state.ts';

export type RevokeIdentityPayload = Static<typeof RevokeIdentitySchema>;

/**
 * A verifier revokes a BID: the token is burned from the holder's account and the reason is
 * kept on the record (and in the burn's memo). The person may be verified again later, under
 * a new token id.
 */
export const revokeIdentity: CommandDefinition<EngineState, RevokeIdentityPayload, { tokenId: string; status: 'revoked' }> = {
  type: 'identity.revoke',
  schema: RevokeIdentitySchema,
  apply(state, payload, ctx) {
    assert(payload.reason.length <= revokeReasonLengthMax, 'the schema bounds the revoke reason');
    const identity = state.modules.identity;
    const assetId = identity.assetId;
    if (assetId === undefined) return rejected('not_configured', 'name the identity class first (identity.configure)');
    if (!can(state.access, ctx.actorId, identityVerifyAction, [identityResource(assetId)])) {
      return rejected('not_authorized', `${ctx.actorId} lacks ${identityVerifyAction} on ${identityResource(assetId)}`);
    }
    const token = identity.tokens.get(payload.tokenId);
    if (!token || token.revokedMs !== undefined) return rejected('identity_not_found', `no live identity token ${payload.tokenId}`);
    const moves = new LedgerMoves(state, ctx);
    const problem = moves.burn({
      id: revokeTransferId(token.tokenId),
      fromId: identityAccountId(token.holderId),
      units: 1n,
      tokenId: token.tokenId,
      memo: payload.reason,
    });
    if (problem) return rejected(problem.code, problem.message);
    const event: IdentityRevoked = { type: 'identity_revoked', tokenId: token.tokenId, reason: payload.reason };
    moves.note(event);
    return accepted(moves.events, { tokenId: token.tokenId, status: 'revoked' });
  },
};
