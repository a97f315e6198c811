/** Who holds a soulbound identity token (BID): one per verified person, one per actor. */

export interface IdentityToken {
  tokenId: string;
  /** The verifier's opaque identifier of the person. */
  subject: string;
  holderId: string;
  issuedMs: number;
  issuedSeq: number;
  /** Set once the token is burned; the id stays here so it is never issued again. */
  revokedMs?: number;
  reason?: string;
}

export interface IdentityState {
  /** The non-fungible, non-transferable asset whose tokens are the BIDs. */
  assetId?: string;
  /** Live tokens only: subject -> tokenId. */
  bySubject: Map<string, string>;
  /** Live tokens only: holder actor id -> tokenId. */
  byHolder: Map<string, string>;
  /** Every token ever issued, revoked ones included. */
  tokens: Map<string, IdentityToken>;
}

export function createIdentityState(): IdentityState {
  return { bySubject: new Map(), byHolder: new Map(), tokens: new Map() };
}

/**
 * The identity account of an actor: it holds the actor's BID and is owned by the actor, so
 * the ledger shows whose it is. Clients cannot name `@` accounts in any ledger command, so
 * only this module mints into it or burns from it.
 */
export function identityAccountId(actorId: string): string {
  return `@identity.${actorId}`;
}

/** The permission that issues and revokes BIDs, granted on `identityResource(assetId)`. */
export const identityVerifyAction = 'identity.verify';

export function identityResource(assetId: string): string {
  return `identity:${assetId}`;
}

/** Module transfer ids: token ids are never reused, so each is unique. */
export function issueTransferId(tokenId: string): string {
  return `identity:${tokenId}:issue`;
}

export function revokeTransferId(tokenId: string): string {
  return `identity:${tokenId}:revoke`;
}
