import type { FastifyRequest, onRequestHookHandler } from 'fastify';
import { resolveBearer } from '../access/tokens.ts';
import type { Engine } from '../engine/engine.ts';
import type { Principal } from '../engine/types.ts';
import { PolityError } from '../kernel/errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is asking, once the bearer token was resolved (routes under /v1 only). */
    principal: Principal | undefined;
  }
}

const bearerPattern = /^Bearer +(\S+) *$/i;

/**
 * Resolves `Authorization: Bearer <token>` before the body is read, so an anonymous caller
 * learns nothing about validation. Any valid token may read; what a token may change is
 * decided by the engine from its scopes and the actor's grants.
 */
export function bearerAuth(engine: Engine): onRequestHookHandler {
  return async (request) => {
    const header = request.headers.authorization;
    if (header === undefined) throw new PolityError('unauthenticated', 'send Authorization: Bearer <token>');
    const bearer = bearerPattern.exec(header)?.[1];
    const token = bearer === undefined ? undefined : resolveBearer(engine.state.access, bearer);
    if (!token) throw new PolityError('unauthenticated', 'the bearer token is not valid or was revoked');
    request.principal = { actorId: token.actorId, tokenId: token.id };
  };
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new PolityError('unauthenticated', 'send Authorization: Bearer <token>');
  return request.principal;
}
