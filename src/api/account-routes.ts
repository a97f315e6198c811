import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Engine } from '../engine/engine.ts';
import { PolityError } from '../kernel/errors.ts';
import { balanceAtSeq, balanceAtTime } from '../ledger/queries.ts';
import { AccountIdSchema, CreateAccountsSchema } from '../ledger/schema.ts';
import type { Account } from '../ledger/state.ts';
import { batchBodyBytesMax } from './limits.ts';
import { AccountParams, AccountQuery, AccountSchema, BatchResultSchema, ItemResultSchema, responses } from './schemas.ts';
import { bearerSecurity, submitCommand } from './submit.ts';
import { accountView, pastAccountView } from './views.ts';

/** System accounts never close, so a close names client accounts only. */
const CloseParams = Type.Object({ id: AccountIdSchema });
type AccountParamsType = Static<typeof AccountParams>;

export function accountRoutes(app: FastifyInstance, engine: Engine): void {
  app.post<{ Body: Static<typeof CreateAccountsSchema> }>(
    '/accounts',
    {
      bodyLimit: batchBodyBytesMax,
      schema: {
        tags: ['accounts'],
        operationId: 'createAccounts',
        summary: 'Create a batch of accounts; one status per item (the owner defaults to the caller)',
        security: bearerSecurity,
        body: CreateAccountsSchema,
        response: responses({ 200: BatchResultSchema }),
      },
    },
    async (request) => submitCommand(engine, request, 'ledger.create_accounts', request.body),
  );

  app.get<{ Params: AccountParamsType; Querystring: Static<typeof AccountQuery> }>(
    '/accounts/:id',
    {
      schema: {
        tags: ['accounts'],
        operationId: 'getAccount',
        summary: 'An account and its balance, now or (with at or seq) as of a past point',
        security: bearerSecurity,
        params: AccountParams,
        querystring: AccountQuery,
        response: responses({ 200: AccountSchema }),
      },
    },
    async (request) => {
      const account = findAccount(engine, request.params.id);
      const { at, seq } = request.query;
      if (at !== undefined && seq !== undefined) throw new PolityError('validation_failed', 'query: give at or seq, not both');
      if (seq !== undefined) return pastAccountView(engine.state.ledger, account, { seq }, await balanceAtSeq(engine.store.db, engine.daoId, account.id, seq));
      if (at === undefined) return accountView(engine.state.ledger, account);
      const timeMs = parseTime(at);
      return pastAccountView(engine.state.ledger, account, { timeMs }, await balanceAtTime(engine.store.db, engine.daoId, account.id, timeMs));
    },
  );

  app.post<{ Params: AccountParamsType }>(
    '/accounts/:id/close',
    {
      schema: {
        tags: ['accounts'],
        operationId: 'closeAccount',
        summary: 'Close an empty account with nothing pending',
        security: bearerSecurity,
        params: CloseParams,
        response: responses({ 200: ItemResultSchema }),
      },
    },
    async (request) => submitCommand(engine, request, 'ledger.close_account', { id: request.params.id }),
  );
}

function findAccount(engine: Engine, id: string): Account {
  const account = engine.state.ledger.accounts.get(id);
  if (!account) throw new PolityError('account_not_found', `no account ${id}`);
  return account;
}

/** A past time as milliseconds since 1970 or an ISO 8601 date (with or without its time). */
function parseTime(text: string): number {
  if (/^[0-9]{1,15}$/.test(text)) return Number(text);
  const timeMs = /^[0-9]{4}-[0-9]{2}-[0-9]{2}/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(timeMs)) throw new PolityError('validation_failed', `query.at "${text}" is not a time: use ISO 8601 or milliseconds since 1970`);
  return timeMs;
}
