import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Engine } from '../engine/engine.ts';
import { PolityError } from '../kernel/errors.ts';
import type { ItemResult } from '../ledger/index.ts';
import { BurnSchema, CreateTransfersSchema, MintSchema } from '../ledger/schema.ts';
import { batchBodyBytesMax } from './limits.ts';
import { BatchResultSchema, IdParams, ItemResultSchema, ResolveBodySchema, responses, TransferSchema, VoidBodySchema } from './schemas.ts';
import { bearerSecurity, createdStatus, submitCommand } from './submit.ts';
import { optionalBody } from './validation.ts';
import { transferView } from './views.ts';

type IdParamsType = Static<typeof IdParams>;

export function transferRoutes(app: FastifyInstance, engine: Engine): void {
  app.post<{ Body: Static<typeof CreateTransfersSchema> }>(
    '/transfers',
    {
      bodyLimit: batchBodyBytesMax,
      schema: {
        tags: ['transfers'],
        operationId: 'createTransfers',
        summary: 'Create a batch of transfers; one status per item (created, exists, or a rejection code)',
        security: bearerSecurity,
        body: CreateTransfersSchema,
        // The response schema lets Fastify serialize a result of 8,190 items with compiled code.
        response: responses({ 200: BatchResultSchema }),
      },
    },
    async (request) => submitCommand(engine, request, 'ledger.create_transfers', request.body),
  );

  app.get<{ Params: IdParamsType }>(
    '/transfers/:id',
    {
      schema: {
        tags: ['transfers'],
        operationId: 'getTransfer',
        summary: 'A transfer, mint or burn, and its status',
        security: bearerSecurity,
        params: IdParams,
        response: responses({ 200: TransferSchema }),
      },
    },
    async (request) => {
      const transfer = engine.state.ledger.transfers.get(request.params.id);
      if (!transfer) throw new PolityError('transfer_not_found', `no transfer ${request.params.id}`);
      return transferView(engine.state.ledger, transfer);
    },
  );

  resolveRoute(app, engine, 'post');
  resolveRoute(app, engine, 'void');
  supplyRoutes(app, engine);
}

/** Operations whose body may be left out, for the OpenAPI document. */
export const optionalBodyOperations: ReadonlySet<string> = new Set(['postPendingTransfer', 'voidPendingTransfer']);

// Both bodies may be left out: posting then moves the whole reservation.
const postBody = optionalBody(ResolveBodySchema);
const voidBody = optionalBody(VoidBodySchema);

/** POST /transfers/{id}/post and /void settle a pending transfer. */
function resolveRoute(app: FastifyInstance, engine: Engine, action: 'post' | 'void'): void {
  const body = action === 'post' ? postBody : voidBody;
  app.post<{ Params: IdParamsType; Body: Static<typeof ResolveBodySchema> }>(
    `/transfers/:id/${action}`,
    {
      schema: {
        tags: ['transfers'],
        operationId: action === 'post' ? 'postPendingTransfer' : 'voidPendingTransfer',
        summary:
          action === 'post' ? 'Post a pending transfer, in full or in part (the rest is released)' : 'Void a pending transfer, releasing its reservation',
        security: bearerSecurity,
        params: IdParams,
        body,
        response: responses({ 200: ItemResultSchema }),
      },
    },
    async (request) => {
      const payload = { pendingId: request.params.id, ...(request.body.amount !== undefined ? { amount: request.body.amount } : {}) };
      return submitCommand(engine, request, action === 'post' ? 'ledger.post_pending' : 'ledger.void_pending', payload);
    },
  );
}

function supplyRoutes(app: FastifyInstance, engine: Engine): void {
  app.post<{ Body: Static<typeof MintSchema> }>(
    '/mint',
    {
      schema: {
        tags: ['transfers'],
        operationId: 'mint',
        summary: 'Mint units (or one NFT) of an asset into an account; needs the ledger.mint grant',
        security: bearerSecurity,
        body: MintSchema,
        response: responses({ 201: ItemResultSchema, 200: ItemResultSchema }),
      },
    },
    async (request, reply) => {
      const result = await submitCommand<ItemResult>(engine, request, 'ledger.mint', request.body);
      return reply.code(createdStatus(result.status)).send(result);
    },
  );

  app.post<{ Body: Static<typeof BurnSchema> }>(
    '/burn',
    {
      schema: {
        tags: ['transfers'],
        operationId: 'burn',
        summary: 'Burn units (or one NFT) from an account, for good',
        security: bearerSecurity,
        body: BurnSchema,
        response: responses({ 201: ItemResultSchema, 200: ItemResultSchema }),
      },
    },
    async (request, reply) => {
      const result = await submitCommand<ItemResult>(engine, request, 'ledger.burn', request.body);
      return reply.code(createdStatus(result.status)).send(result);
    },
  );
}
