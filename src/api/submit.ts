import type { FastifyRequest } from 'fastify';
import type { Engine } from '../engine/engine.ts';
import type { CommandEnvelope } from '../engine/types.ts';
import { principalOf } from './auth.ts';
import { rejectionError } from './problem.ts';

/**
 * Submits one command as the caller and waits until it is durable. A whole-command
 * rejection is thrown as a problem; batch commands report per item in their result instead.
 */
export async function submitCommand<R>(engine: Engine, request: FastifyRequest, type: string, payload: unknown): Promise<R> {
  const outcome = await engine.submit<R>(principalOf(request), envelope(request, type, payload));
  if (!outcome.ok) throw rejectionError(outcome.code, outcome.message);
  return outcome.result;
}

/** A create answers 201 when it made something and 200 when it found the same thing made before. */
export function createdStatus(status: string): 200 | 201 {
  return status === 'exists' ? 200 : 201;
}

/** The OpenAPI security requirement of the routes under /v1. */
export const bearerSecurity = [{ bearerAuth: [] }];

/**
 * A command as the log will keep it. A `Polity-Signature` header (Ed25519, base64url, over
 * canonicalJson({actorId, daoId, payload, type})) makes it non-repudiable: the engine
 * checks it against the actor's registered key and the log keeps it with the command.
 */
export function envelope(request: FastifyRequest, type: string, payload: unknown): CommandEnvelope {
  const signature = request.headers['polity-signature'];
  return typeof signature === 'string' ? { type, payload, signature } : { type, payload };
}
