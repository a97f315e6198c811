import { assert } from '../kernel/assert.ts';
import type { EventStamp } from '../ledger/events.ts';
import { type AccessState, type Actor, type ApiToken, grantKey } from './state.ts';

export interface ActorCreated {
  type: 'actor_created';
  actor: Omit<Actor, 'createdSeq'>;
}

export interface TokenCreated {
  type: 'token_created';
  token: Omit<ApiToken, 'createdSeq' | 'revoked' | 'spendPeriodStartMs' | 'spentUnits'>;
}

export interface TokenRevoked {
  type: 'token_revoked';
  tokenId: string;
}

export interface GrantChanged {
  type: 'grant_added' | 'grant_removed';
  actorId: string;
  action: string;
  resource: string;
}

/** A token's spending in its current cap period, after a command spent through it. */
export interface TokenSpent {
  type: 'token_spent';
  tokenId: string;
  periodStartMs: number;
  spentUnits: bigint;
}

export type AccessEvent = ActorCreated | TokenCreated | TokenRevoked | GrantChanged | TokenSpent;

export const accessEventTypes: ReadonlySet<string> = new Set([
  'actor_created',
  'token_created',
  'token_revoked',
  'grant_added',
  'grant_removed',
  'token_spent',
]);

export function evolveAccess(access: AccessState, event: AccessEvent, stamp: EventStamp): void {
  switch (event.type) {
    case 'actor_created':
      access.actors.set(event.actor.id, { ...event.actor, createdSeq: stamp.seq });
      return;
    case 'token_created':
      access.tokens.set(event.token.id, { ...event.token, revoked: false, createdSeq: stamp.seq, spendPeriodStartMs: 0, spentUnits: 0n });
      return;
    case 'token_revoked':
      return updateToken(access, event.tokenId, { revoked: true });
    case 'grant_added':
      access.grants.add(grantKey(event.actorId, event.action, event.resource));
      return;
    case 'grant_removed':
      access.grants.delete(grantKey(event.actorId, event.action, event.resource));
      return;
    case 'token_spent':
      return updateToken(access, event.tokenId, { spendPeriodStartMs: event.periodStartMs, spentUnits: event.spentUnits });
  }
}

function updateToken(access: AccessState, tokenId: string, change: Partial<ApiToken>): void {
  const token = access.tokens.get(tokenId);
  assert(token, `token ${tokenId} exists`);
  access.tokens.set(tokenId, { ...token, ...change });
}
