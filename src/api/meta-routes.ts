import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Engine } from '../engine/engine.ts';
import { prometheusContentType, prometheusText } from './metrics.ts';
import { HealthSchema } from './schemas.ts';

/** Public routes for operators and tools: health, metrics and the OpenAPI document. */
export function metaRoutes(app: FastifyInstance, engine: Engine): void {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['meta'],
        operationId: 'health',
        summary: 'Liveness, and the sequence number of the last committed log record',
        security: [],
        response: { 200: HealthSchema },
      },
    },
    async () => ({ status: 'ok' as const, seq: engine.head.seq, daoId: engine.daoId }),
  );

  app.get(
    '/metrics',
    {
      schema: {
        tags: ['meta'],
        operationId: 'metrics',
        summary: 'Prometheus metrics of the writer and the process',
        security: [],
        produces: [prometheusContentType],
        response: { 200: { description: 'Prometheus text format', content: { [prometheusContentType]: { schema: Type.String() } } } },
      },
    },
    async (_request, reply) => reply.type(prometheusContentType).send(prometheusText(engine)),
  );

  app.get(
    '/openapi.json',
    {
      schema: {
        tags: ['meta'],
        operationId: 'openapi',
        summary: 'This API as an OpenAPI 3.1 document',
        security: [],
        response: { 200: Type.Object({ openapi: Type.String() }, { additionalProperties: true }) },
      },
    },
    async () => app.swagger(),
  );
}
