import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Engine } from '../engine/engine.ts';
import { type LogPage, LogPageSchema, LogQuery, responses } from './schemas.ts';
import { bearerSecurity } from './submit.ts';

/** GET /log pages through the audit log in sequence order. */
export function logRoutes(app: FastifyInstance, engine: Engine): void {
  app.get<{ Querystring: Static<typeof LogQuery> }>(
    '/log',
    {
      schema: {
        tags: ['log'],
        operationId: 'readLog',
        summary: 'Log records after a sequence number, with the hash chain; next is the after of the next page, or null at the end',
        security: bearerSecurity,
        querystring: LogQuery,
        response: responses({ 200: LogPageSchema }),
      },
    },
    async (request): Promise<LogPage> => {
      const { after, limit } = request.query;
      // One record more than asked tells whether another page follows.
      const encoded = await engine.store.readLog(after, limit + 1);
      const page = encoded.slice(0, limit);
      // Parsed from the hashed text, so amounts stay the strings that were hashed.
      const records = page.map(({ record, bodyJson }) => ({ ...(JSON.parse(bodyJson) as object), prevHash: record.prevHash, hash: record.hash }));
      const next = encoded.length > limit ? (page.at(-1)?.record.seq ?? null) : null;
      return { records: records as LogPage['records'], next };
    },
  );
}
