import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { CreateActorSchema, GrantSchema } from '../access/commands.ts';
import { issueToken } from '../access/tokens.ts';
import type { Engine } from '../engine/engine.ts';
import { newRandomId } from '../kernel/ids.ts';
import type { ItemResult } from '../ledger/index.ts';
import { CreatedTokenSchema, CreateTokenBody, GrantResultSchema, IdParams, ItemResultSchema, responses } from './schemas.ts';
import { bearerSecurity, createdStatus, submitCommand } from './submit.ts';

type Grant = Static<typeof GrantSchema>;

/** Actors, API tokens and grants; each command checks the caller's access.admin grant. */
export function accessRoutes(app: FastifyInstance, engine: Engine): void {
  app.post<{ Body: Static<typeof CreateActorSchema> }>(
    '/actors',
    {
      schema: {
        tags: ['access'],
        operationId: 'createActor',
        summary: 'Create a member or agent (idempotent by id)',
        security: bearerSecurity,
        body: CreateActorSchema,
        response: responses({ 201: ItemResultSchema, 200: ItemResultSchema }),
      },
    },
    async (request, reply) => {
      const result = await submitCommand<ItemResult>(engine, request, 'access.create_actor', request.body);
      return reply.code(createdStatus(result.status)).send(result);
    },
  );
  tokenRoutes(app, engine);
  grantRoutes(app, engine);
}

function tokenRoutes(app: FastifyInstance, engine: Engine): void {
  app.post<{ Body: Static<typeof CreateTokenBody> }>(
    '/tokens',
    {
      schema: {
        tags: ['access'],
        operationId: 'createToken',
        summary: 'Issue an API token for an actor; the bearer secret is in this answer only',
        security: bearerSecurity,
        body: CreateTokenBody,
        response: responses({ 201: CreatedTokenSchema }),
      },
    },
    async (request, reply) => {
      const { id, scopes, ...rest } = request.body;
      // The server draws the secret: only its hash enters the log, so the bearer is shown once.
      const issued = issueToken(id ?? newRandomId('tok'));
      const payload = { ...rest, id: issued.tokenId, secretHash: issued.secretHash, scopes: scopes ?? ['*'] };
      const result = await submitCommand<ItemResult>(engine, request, 'access.create_token', payload);
      const answer = { id: issued.tokenId, actorId: payload.actorId, scopes: payload.scopes, token: issued.bearer, status: result.status };
      return reply.code(201).header('cache-control', 'no-store').send(answer);
    },
  );

  app.delete<{ Params: Static<typeof IdParams> }>(
    '/tokens/:id',
    {
      schema: {
        tags: ['access'],
        operationId: 'revokeToken',
        summary: 'Revoke an API token (an actor may revoke its own; others need access.admin)',
        security: bearerSecurity,
        params: IdParams,
        response: responses({ 200: ItemResultSchema }),
      },
    },
    async (request) => submitCommand(engine, request, 'access.revoke_token', { id: request.params.id }),
  );
}

function grantRoutes(app: FastifyInstance, engine: Engine): void {
  app.post<{ Body: Grant }>(
    '/grants',
    {
      schema: {
        tags: ['access'],
        operationId: 'grant',
        summary: 'Let an actor do an action on a resource (status granted, or exists)',
        security: bearerSecurity,
        body: GrantSchema,
        response: responses({ 201: GrantResultSchema, 200: GrantResultSchema }),
      },
    },
    async (request, reply) => {
      const result = await submitCommand<Grant & { status: string }>(engine, request, 'access.grant', request.body);
      return reply.code(createdStatus(result.status)).send(result);
    },
  );

  app.delete<{ Body: Grant }>(
    '/grants',
    {
      schema: {
        tags: ['access'],
        operationId: 'revokeGrant',
        summary: 'Withdraw a grant (status revoked, or exists when there was none)',
        security: bearerSecurity,
        body: GrantSchema,
        response: responses({ 200: GrantResultSchema }),
      },
    },
    async (request) => submitCommand(engine, request, 'access.revoke', request.body),
  );
}
