import { assert } from '../../kernel/assert.ts';
import type { EventStamp } from '../../ledger/events.ts';
import type { IdentityState } from './state.ts';

export interface IdentityConfigured {
  type: 'identity_configured';
  assetId: string;
}

export interface IdentityIssued {
  type: 'identity_issued';
  tokenId: string;
  subject: string;
  holderId: string;
  accountId: string;
}

export interface IdentityRevoked {
  type: 'identity_revoked';
  tokenId: string;
  reason: string;
}

export type IdentityEvent = IdentityConfigured | IdentityIssued | IdentityRevoked;

export const identityEventTypes: ReadonlySet<string> = new Set<string>(['identity_configured', 'identity_issued', 'identity_revoked']);

export function evolveIdentity(state: IdentityState, event: IdentityEvent, stamp: EventStamp): void {
  switch (event.type) {
    case 'identity_configured':
      state.assetId = event.assetId;
      return;
    case 'identity_issued':
      state.tokens.set(event.tokenId, {
        tokenId: event.tokenId,
        subject: event.subject,
        holderId: event.holderId,
        issuedMs: stamp.timeMs,
        issuedSeq: stamp.seq,
      });
      state.bySubject.set(event.subject, event.tokenId);
      state.byHolder.set(event.holderId, event.tokenId);
      return;
    case 'identity_revoked':
      revokeToken(state, event, stamp);
      return;
  }
}

/** A revoked token leaves the live indexes and keeps its record, so its id is never reused. */
function revokeToken(state: IdentityState, event: IdentityRevoked, stamp: EventStamp): void {
  const token = state.tokens.get(event.tokenId);
  assert(token !== undefined && token.revokedMs === undefined, `identity token ${event.tokenId} revoked but not live`);
  state.bySubject.delete(token.subject);
  state.byHolder.delete(token.holderId);
  state.tokens.set(token.tokenId, { ...token, revokedMs: stamp.timeMs, reason: event.reason });
}
