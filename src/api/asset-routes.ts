import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Engine } from '../engine/engine.ts';
import { PolityError } from '../kernel/errors.ts';
import { CreateAssetSchema } from '../ledger/schema.ts';
import { AssetSchema, IdParams, responses } from './schemas.ts';
import { bearerSecurity, createdStatus, submitCommand } from './submit.ts';
import { assetView } from './views.ts';

type IdParamsType = Static<typeof IdParams>;

export function assetRoutes(app: FastifyInstance, engine: Engine): void {
  app.post<{ Body: Static<typeof CreateAssetSchema> }>(
    '/assets',
    {
      schema: {
        tags: ['assets'],
        operationId: 'createAsset',
        summary: 'Create an asset (idempotent: the same id and fields answer 200 with the asset)',
        security: bearerSecurity,
        body: CreateAssetSchema,
        response: responses({ 201: AssetSchema, 200: AssetSchema }),
      },
    },
    async (request, reply) => {
      const result = await submitCommand<{ id: string; status: string }>(engine, request, 'ledger.create_asset', request.body);
      const asset = findAsset(engine, result.id);
      return reply.code(createdStatus(result.status)).send({ ...assetView(asset), status: result.status });
    },
  );

  app.get<{ Params: IdParamsType }>(
    '/assets/:id',
    {
      schema: {
        tags: ['assets'],
        operationId: 'getAsset',
        summary: 'An asset and its minted, burned and circulating amounts',
        security: bearerSecurity,
        params: IdParams,
        response: responses({ 200: AssetSchema }),
      },
    },
    async (request) => assetView(findAsset(engine, request.params.id)),
  );
}

function findAsset(engine: Engine, id: string) {
  const asset = engine.state.ledger.assets.get(id);
  if (!asset) throw new PolityError('asset_not_found', `no asset ${id}`);
  return asset;
}
