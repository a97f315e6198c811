import type { IdentityState, IdentityToken } from './state.ts';

export interface IdentityOf {
  tokenId: string;
  subject: string;
  /** When the live token was issued: the holder is verified since then. */
  sinceMs: number;
}

export interface IdentityHolder {
  actorId: string;
  tokenId: string;
  sinceMs: number;
}

/** The live BID an actor holds, or undefined. */
export function identityOf(state: IdentityState, actorId: string): IdentityOf | undefined {
  const tokenId = state.byHolder.get(actorId);
  const token = tokenId === undefined ? undefined : state.tokens.get(tokenId);
  return token && { tokenId: token.tokenId, subject: token.subject, sinceMs: token.issuedMs };
}

export function hasIdentity(state: IdentityState, actorId: string): boolean {
  return state.byHolder.has(actorId);
}

/** Every actor with a live BID, sorted by actor id (code unit order, the same on every node). */
export function identityHolders(state: IdentityState): IdentityHolder[] {
  const holders: IdentityHolder[] = [];
  for (const [actorId, tokenId] of state.byHolder) {
    const token = state.tokens.get(tokenId);
    if (token) holders.push({ actorId, tokenId, sinceMs: token.issuedMs });
  }
  return holders.sort((a, b) => (a.actorId < b.actorId ? -1 : a.actorId > b.actorId ? 1 : 0));
}

/** Any token ever issued, revoked ones included (with `revokedMs` and `reason`). */
export function identityToken(state: IdentityState, tokenId: string): IdentityToken | undefined {
  const token = state.tokens.get(tokenId);
  return token && { ...token };
}

/** The class asset named by identity.configure, if any. */
export function identityClassId(state: IdentityState): string | undefined {
  return state.assetId;
}
