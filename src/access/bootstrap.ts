import type { Engine } from '../engine/engine.ts';
import { PolityError } from '../kernel/errors.ts';
import { systemActorId } from './state.ts';
import { issueToken } from './tokens.ts';

export interface BootstrapResult {
  adminId: string;
  adminToken: string;
}

/**
 * Creates the bootstrap admin (every grant on every resource) and a token for it, through
 * ordinary commands submitted by the system actor, so the log records how it came to be.
 */
export async function bootstrapAdmin(engine: Engine, adminId = 'admin'): Promise<BootstrapResult> {
  if (engine.state.access.actors.has(adminId)) throw new PolityError('already_initialized', `this DAO already has its admin ${adminId}`);
  const system = { actorId: systemActorId };
  // Token ids sit in bearer strings: no dots or colons, at most 64 characters.
  const token = issueToken(`${adminId.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 54)}-bootstrap`);
  const steps = [
    { type: 'access.create_actor', payload: { id: adminId, kind: 'member', name: 'Bootstrap admin' } },
    { type: 'access.grant', payload: { actorId: adminId, action: '*', resource: '*' } },
    { type: 'access.create_token', payload: { id: token.tokenId, actorId: adminId, secretHash: token.secretHash, scopes: ['*'] } },
  ];
  for (const step of steps) {
    const outcome = await engine.submit(system, step);
    if (!outcome.ok) throw new PolityError(outcome.code, `bootstrap step ${step.type} failed: ${outcome.message}`);
  }
  return { adminId, adminToken: token.bearer };
}
