/** Actors, API tokens and permission grants: who may do what on which resource. */

export type ActorKind = 'member' | 'agent' | 'system';

export interface Actor {
  id: string;
  kind: ActorKind;
  name?: string;
  /** Ed25519 public key, base64url of the 32 raw bytes; signed commands are checked against it. */
  publicKey?: string;
  createdSeq: number;
}

export interface SpendingCap {
  assetId: string;
  amountUnits: bigint;
  periodSeconds: number;
}

export interface ApiToken {
  id: string;
  actorId: string;
  /** sha256 of the secret part; the secret itself is never stored or logged. */
  secretHash: string;
  scopes: string[];
  spendingCap?: SpendingCap;
  revoked: boolean;
  createdSeq: number;
  /** Start of the cap period that `spentUnits` counts. */
  spendPeriodStartMs: number;
  spentUnits: bigint;
}

export interface AccessState {
  actors: Map<string, Actor>;
  tokens: Map<string, ApiToken>;
  /** grantKey(actorId, action, resource) for each grant in force. */
  grants: Set<string>;
}

export const systemActorId = 'system';
export const anyAction = '*';
export const anyResource = '*';

export function createAccessState(): AccessState {
  const actors = new Map<string, Actor>([[systemActorId, { id: systemActorId, kind: 'system', createdSeq: 0 }]]);
  return { actors, tokens: new Map(), grants: new Set() };
}

export function grantKey(actorId: string, action: string, resource: string): string {
  return `${actorId}\u0000${action}\u0000${resource}`;
}

/**
 * Whether an actor may do `action` on any of `resources` (most specific first, for example
 * `account:alice`, `asset:btt`). The system actor may do everything: it is the engine itself.
 */
export function can(access: AccessState, actorId: string, action: string, resources: readonly string[]): boolean {
  if (actorId === systemActorId) return true;
  const { grants } = access;
  if (grants.has(grantKey(actorId, anyAction, anyResource)) || grants.has(grantKey(actorId, action, anyResource))) return true;
  for (const resource of resources) {
    if (grants.has(grantKey(actorId, action, resource)) || grants.has(grantKey(actorId, anyAction, resource))) return true;
  }
  return false;
}

/** Token scopes name command namespaces (`ledger`, `access`), `read`, or `*` for all. */
export function scopeAllows(scopes: readonly string[], commandType: string): boolean {
  if (scopes.includes('*')) return true;
  const namespace = commandType.slice(0, commandType.indexOf('.'));
  return scopes.includes(namespace);
}

export function periodStartMs(timeMs: number, periodSeconds: number): number {
  const periodMs = periodSeconds * 1000;
  return Math.floor(timeMs / periodMs) * periodMs;
}
