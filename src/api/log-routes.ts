import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Engine } from '../engine/engine.ts';
import type { LogRecord } from '../engine/types.ts';
import { ballotsHidden } from '../modules/governance/index.ts';
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
      const nowMs = engine.nowMs();
      const records = page.map(({ record, bodyJson }) =>
        secretBallotOpen(engine, record.command, nowMs)
          ? withheld(record)
          : { ...(JSON.parse(bodyJson) as object), prevHash: record.prevHash, hash: record.hash },
      );
      const next = encoded.length > limit ? (page.at(-1)?.record.seq ?? null) : null;
      return { records: records as LogPage['records'], next };
    },
  );
}

/** A ballot of a secret vote that is still open: its choice (and its signature, which would confirm a guess) stay hidden. */
function secretBallotOpen(engine: Engine, command: LogRecord['command'], nowMs: number): boolean {
  if (command.type !== 'governance.vote') return false;
  const proposal = (command.payload as { proposal?: unknown }).proposal;
  return typeof proposal === 'string' && ballotsHidden(engine.state, proposal, nowMs);
}

/**
 * The record without its body: who and when, and the chain hashes (the link to the next record
 * still checks; this record's own hash can be recomputed once voting closes and it is shown whole).
 */
function withheld(record: LogRecord): LogPage['records'][number] {
  const proposal = (record.command.payload as { proposal: string }).proposal;
  return {
    seq: record.seq,
    timeMs: record.timeMs,
    daoId: record.daoId,
    actorId: record.actorId,
    command: { type: record.command.type, payload: { proposal } },
    events: [],
    withheld: 'secret_ballot',
    prevHash: record.prevHash,
    hash: record.hash,
  };
}
