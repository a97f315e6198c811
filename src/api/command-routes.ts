import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Engine } from '../engine/engine.ts';
import { commandTypes } from '../engine/registry.ts';
import { principalOf } from './auth.ts';
import { rejectionError } from './problem.ts';
import { responses } from './schemas.ts';
import { bearerSecurity } from './submit.ts';

const CommandBody = Type.Object(
  {
    type: Type.String({ maxLength: 64, description: 'a command type, such as ledger.create_transfers' }),
    payload: Type.Unknown({ description: "the command's payload, validated against that command's schema" }),
    signature: Type.Optional(
      Type.String({ pattern: '^[A-Za-z0-9_-]{86}$', description: 'Ed25519 over canonicalJson({actorId, daoId, payload, type}), base64url' }),
    ),
  },
  { additionalProperties: false },
);

const CommandAnswer = Type.Object({
  seq: Type.Union([Type.Integer(), Type.Null()], { description: 'the log record, or null when nothing changed (an idempotent repeat)' }),
  result: Type.Unknown(),
});

/**
 * POST /commands submits any command as it will stand in the log: the route for signed
 * commands and for clients that speak the engine's own vocabulary.
 */
export function commandRoutes(app: FastifyInstance, engine: Engine): void {
  app.post<{ Body: Static<typeof CommandBody> }>(
    '/commands',
    {
      schema: {
        tags: ['commands'],
        operationId: 'submitCommand',
        summary: `Submit any command, optionally signed. Types: ${commandTypes().join(', ')}`,
        security: bearerSecurity,
        body: CommandBody,
        response: responses({ 200: CommandAnswer }),
      },
    },
    async (request) => {
      const { type, payload, signature } = request.body;
      const outcome = await engine.submit(principalOf(request), signature === undefined ? { type, payload } : { type, payload, signature });
      if (!outcome.ok) throw rejectionError(outcome.code, outcome.message);
      return { seq: outcome.seq ?? null, result: outcome.result };
    },
  );
}
