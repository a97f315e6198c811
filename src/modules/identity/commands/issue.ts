import type { Static } from '@sinclair/typebox';
import { can, systemActorId } from '../../../access/state.ts';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandDefinition, rejected } from '../../../engine/types.ts';
import { assert } from '../../../kernel/assert.ts';
import { LedgerMoves } from '../../../ledger/moves.ts';
import type { IdentityIssued } from '../events.ts';
import { subjectLengthMax } from '../limits.ts';
import { IssueIdentitySchema } from '../schema.ts';
import { identityAccountId, identityResource, identityVerifyAction, issueTransferId } from '../state.ts';

export type IssueIdentityPayload = Static<typeof IssueIdentitySchema>;
export interface IssueIdentityResult {
  tokenId: string;
  accountId: string;
  status: 'issued' | 'exists';
}

/**
 * A verifier issues a BID: one per person (subject) and one per actor, minted into the
 * holder's own identity account. Token ids are never reused, so a revoked id stays refused
 * and a ledger record of a token always means the same person.
 */
export const issueIdentity: CommandDefinition<EngineState, IssueIdentityPayload, IssueIdentityResult> = {
  type: 'identity.issue',
  schema: IssueIdentitySchema,
  apply(state, payload, ctx) {
    assert(payload.subject.length <= subjectLengthMax, 'the schema bounds the subject');
    const identity = state.modules.identity;
    const assetId = identity.assetId;
    if (assetId === undefined) return rejected('not_configured', 'name the identity class first (identity.configure)');
    if (!can(state.access, ctx.actorId, identityVerifyAction, [identityResource(assetId)])) {
      return rejected('not_authorized', `${ctx.actorId} lacks ${identityVerifyAction} on ${identityResource(assetId)}`);
    }
    const holder = state.access.actors.get(payload.holder);
    if (!holder || holder.id === systemActorId) return rejected('holder_not_found', `no actor ${payload.holder} to hold an identity`);
    const accountId = identityAccountId(holder.id);
    const previous = identity.tokens.get(payload.tokenId);
    if (previous && previous.revokedMs === undefined && previous.subject === payload.subject && previous.holderId === holder.id) {
      return accepted([], { tokenId: payload.tokenId, accountId, status: 'exists' }); // a retry of the same issue
    }
    if (identity.bySubject.has(payload.subject)) return rejected('subject_already_verified', `subject ${payload.subject} holds a live identity already`);
    if (identity.byHolder.has(holder.id)) return rejected('holder_already_verified', `${holder.id} holds a live identity already`);
    if (previous) return rejected('token_id_used', `token id ${payload.tokenId} was issued before; ids are never reused`);
    const moves = new LedgerMoves(state, ctx);
    const problem =
      moves.ensureAccount({ id: accountId, assetId, ownerId: holder.id, allowOverdraft: false }) ??
      moves.mint({ id: issueTransferId(payload.tokenId), assetId, toId: accountId, units: 1n, tokenId: payload.tokenId });
    if (problem) return rejected(problem.code, problem.message);
    const event: IdentityIssued = { type: 'identity_issued', tokenId: payload.tokenId, subject: payload.subject, holderId: holder.id, accountId };
    moves.note(event);
    return accepted(moves.events, { tokenId: payload.tokenId, accountId, status: 'issued' });
  },
};
