import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachBackend, openTestDao, type TestDao } from '../../test/support/backends.ts';
import { VirtualClock } from '../kernel/clock.ts';
import { transfersPerBatchMax } from '../ledger/limits.ts';
import { buildServer } from './server.ts';
import { TestClient } from './test-client.ts';

interface Results {
  results: { id: string; status: string; message?: string }[];
}

const problemKeys = ['code', 'detail', 'status', 'title', 'type'];

/** Checks an answer is an RFC 9457 problem with this status and code. */
function expectProblem(answer: { status: number; headers: Record<string, unknown>; body: unknown }, status: number, code: string): void {
  expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(answer.body).toMatchObject({ type: `urn:polity:problem:${code}`, status, code });
  expect(Object.keys(answer.body as object).sort()).toEqual(problemKeys);
  expect(answer.status).toBe(status);
}

forEachBackend((backend) => {
  const clock = new VirtualClock(Date.UTC(2026, 0, 1));
  let dao: TestDao;
  let app: FastifyInstance;
  let api: TestClient;
  let counter = 0;
  const id = (prefix: string) => {
    counter += 1;
    return `${prefix}${counter}`;
  };

  beforeAll(async () => {
    dao = await openTestDao(backend, { clock });
    app = await buildServer({ engine: dao.engine });
    api = new TestClient(app, dao.adminToken);
  });
  afterAll(async () => {
    await app.close();
    await dao.close();
  });

  /** A fresh asset with two funded-or-empty accounts, through the API. */
  async function world(options: { mint?: string; decimals?: number } = {}) {
    const asset = id('coin');
    const [a, b] = [id('acct'), id('acct')];
    expect((await api.post('/v1/assets', { id: asset, kind: 'fungible', symbol: 'C', decimals: options.decimals ?? 6 })).status).toBe(201);
    expect(
      (
        await api.post('/v1/accounts', {
          accounts: [
            { id: a, asset },
            { id: b, asset },
          ],
        })
      ).status,
    ).toBe(200);
    if (options.mint) expect((await api.post('/v1/mint', { id: id('m'), asset, to: a, amount: options.mint })).status).toBe(201);
    return { asset, a, b };
  }

  describe('assets', () => {
    const body = { id: 'btt', kind: 'fungible', symbol: 'BTT', decimals: 18, maxSupply: '21000000' };
    const expected = {
      id: 'btt',
      kind: 'fungible',
      symbol: 'BTT',
      decimals: 18,
      supply: 'mintable',
      maxSupply: '21000000',
      transferable: true,
      owner: 'admin',
      minted: '0',
      burned: '0',
      circulating: '0',
      createdSeq: expect.any(Number),
    };

    it('creates with 201, answers a repeat with 200 and the same asset, refuses other fields with 409', async () => {
      const created = await api.post('/v1/assets', body);
      expect(created.status).toBe(201);
      expect(created.headers['content-type']).toMatch(/^application\/json/);
      expect(created.body).toEqual({ ...expected, status: 'created' });
      const repeated = await api.post('/v1/assets', body);
      expect(repeated.status).toBe(200);
      expect(repeated.body).toEqual({ ...expected, createdSeq: created.body.createdSeq, status: 'exists' });
      expectProblem(await api.post('/v1/assets', { ...body, symbol: 'OTHER' }), 409, 'exists_with_different_fields');
    });

    it('reads an asset back, and 404 asset_not_found for an unknown one', async () => {
      expect((await api.get('/v1/assets/btt')).body).toEqual(expected);
      expectProblem(await api.get('/v1/assets/nothing-here'), 404, 'asset_not_found');
    });

    it.each<[string, Record<string, unknown>]>([
      ['a JSON number as an amount', { ...body, id: 'n1', maxSupply: 21000000 }],
      ['a string as decimals', { ...body, id: 'n2', decimals: '18' }],
      ['an unknown field', { ...body, id: 'n3', color: 'red' }],
      ['a missing field', { id: 'n4', kind: 'fungible' }],
      ['an id with a slash', { ...body, id: 'a/b' }],
    ])('refuses %s with 400 validation_failed', async (_name, invalid) => {
      expectProblem(await api.post('/v1/assets', invalid), 400, 'validation_failed');
    });

    it('maps whole-command rejections to their status', async () => {
      expectProblem(await api.post('/v1/assets', { id: 'fix', kind: 'fungible', symbol: 'F', supply: 'fixed' }), 400, 'max_supply_required');
      expectProblem(await api.post('/v1/assets', { id: 'nft1', kind: 'non_fungible', symbol: 'N', decimals: 2 }), 400, 'decimals_invalid');
    });
  });

  describe('accounts', () => {
    it('creates a batch with one status per item; the owner defaults to the caller', async () => {
      const { asset } = await world();
      const [x, y] = [id('acct'), id('acct')];
      const created = await api.post<Results>('/v1/accounts', { accounts: [{ id: x, asset }] });
      expect(created.body).toEqual({ results: [{ id: x, status: 'created' }] });
      const mixed = await api.post<Results>('/v1/accounts', {
        accounts: [
          { id: x, asset },
          { id: x, asset, allowOverdraft: true },
          { id: y, asset: 'no-such-asset' },
        ],
      });
      expect(mixed.status).toBe(200);
      expect(mixed.body.results.map((result) => [result.id, result.status])).toEqual([
        [x, 'exists'],
        [x, 'exists_with_different_fields'],
        [y, 'asset_not_found'],
      ]);
      expect((await api.get(`/v1/accounts/${x}`)).body).toMatchObject({ owner: 'admin' });
    });

    it('reads an account: balance, available and pending as decimal strings', async () => {
      const { asset, a } = await world({ mint: '12.5' });
      expect((await api.get(`/v1/accounts/${a}`)).body).toEqual({
        id: a,
        asset,
        owner: 'admin',
        balance: '12.5',
        available: '12.5',
        pending: { debits: '0', credits: '0' },
        closed: false,
        allowOverdraft: false,
        createdSeq: expect.any(Number),
        updatedSeq: expect.any(Number),
      });
      expect((await api.get(`/v1/accounts/@issuance.${asset}`)).body).toMatchObject({ balance: '-12.5', system: 'issuance', allowOverdraft: true });
      expectProblem(await api.get('/v1/accounts/nobody'), 404, 'account_not_found');
    });

    it('closes an empty account, answers a repeat with exists, refuses one that holds value', async () => {
      const { a, b } = await world({ mint: '1' });
      expectProblem(await api.post(`/v1/accounts/${a}/close`), 409, 'account_not_empty');
      expect((await api.post(`/v1/accounts/${b}/close`)).body).toEqual({ id: b, status: 'closed' });
      expect((await api.post(`/v1/accounts/${b}/close`)).body).toEqual({ id: b, status: 'exists' });
      expect((await api.get(`/v1/accounts/${b}`)).body).toMatchObject({ closed: true });
      expectProblem(await api.post('/v1/accounts/nobody/close'), 404, 'account_not_found');
    });
  });

  describe('balance history: ?seq= and ?at= read balance checkpoints', () => {
    it('answers the balance after a sequence number or at a time, and 0 before the first checkpoint', async () => {
      clock.advanceMs(60_000);
      const before = clock.nowMs() - 1;
      const { asset, a, b } = await world({ decimals: 2 });
      const opened = dao.engine.head.seq;
      clock.advanceMs(1000);
      const mintedAt = clock.nowMs();
      expect((await api.post('/v1/mint', { id: id('m'), asset, to: a, amount: '100' })).status).toBe(201);
      const minted = dao.engine.head.seq;
      clock.advanceMs(1000);
      const movedAt = clock.nowMs();
      await api.post('/v1/transfers', { transfers: [{ id: id('t'), from: a, to: b, amount: '30.25' }] });
      const moved = dao.engine.head.seq;
      clock.advanceMs(1000);
      await api.post('/v1/mint', { id: id('m'), asset, to: a, amount: '5' });

      const balance = async (query: string) => (await api.get(`/v1/accounts/${a}?${query}`)).body;
      expect(await balance(`seq=${opened}`)).toMatchObject({ balance: '0', asOf: { seq: opened, checkpointSeq: opened } });
      expect(await balance(`seq=${minted}`)).toMatchObject({ balance: '100', asOf: { seq: minted, checkpointSeq: minted, checkpointTimeMs: mintedAt } });
      expect(await balance(`seq=${moved}`)).toMatchObject({ balance: '69.75', asOf: { checkpointSeq: moved } });
      expect(await balance(`seq=${moved + 1}`)).toMatchObject({ balance: '74.75' });
      expect(await balance(`at=${movedAt - 1}`)).toMatchObject({ balance: '100', asOf: { timeMs: movedAt - 1, checkpointSeq: minted } });
      expect(await balance(`at=${encodeURIComponent(new Date(movedAt).toISOString())}`)).toMatchObject({ balance: '69.75' });
      expect(await balance(`at=${before}`)).toEqual(
        expect.objectContaining({ balance: '0', asOf: { timeMs: before, checkpointSeq: null, checkpointTimeMs: null } }),
      );
      expect(await balance('seq=0')).not.toHaveProperty('available');
      expect((await api.get(`/v1/accounts/${a}`)).body).toMatchObject({ balance: '74.75' });
    });

    it.each<[string, string]>([
      ['both at and seq', 'seq=1&at=1'],
      ['an at that is no time', 'at=yesterday'],
      ['a negative seq', 'seq=-1'],
      ['a seq that is no number', 'seq=ten'],
    ])('refuses %s with 400 validation_failed', async (_name, query) => {
      expectProblem(await api.get(`/v1/accounts/@issuance.btt?${query}`), 400, 'validation_failed');
    });
  });

  describe('mint and burn', () => {
    it('mint: 201 created, 200 exists, 409 for the same id with other fields, 422 above the max supply', async () => {
      const { a } = await world();
      const mint = { id: id('m'), asset: 'btt', to: id('holder'), amount: '1000' };
      await api.post('/v1/accounts', { accounts: [{ id: mint.to, asset: 'btt' }] });
      expect(await api.post('/v1/mint', mint)).toMatchObject({ status: 201, body: { id: mint.id, status: 'created' } });
      expect(await api.post('/v1/mint', mint)).toMatchObject({ status: 200, body: { id: mint.id, status: 'exists' } });
      expectProblem(await api.post('/v1/mint', { ...mint, amount: '999' }), 409, 'exists_with_different_fields');
      expectProblem(await api.post('/v1/mint', { id: id('m'), asset: 'btt', to: mint.to, amount: '21000000' }), 422, 'max_supply_exceeded');
      expectProblem(await api.post('/v1/mint', { id: id('m'), asset: 'btt', to: a, amount: '1' }), 409, 'asset_mismatch');
      expectProblem(await api.post('/v1/mint', { id: id('m'), asset: 'ghost', to: a, amount: '1' }), 404, 'asset_not_found');
    });

    it('burn: 201, and the asset reports minted, burned and circulating', async () => {
      const { asset, a } = await world({ mint: '10' });
      const burn = { id: id('b'), from: a, amount: '2.5' };
      expect(await api.post('/v1/burn', burn)).toMatchObject({ status: 201, body: { id: burn.id, status: 'created' } });
      expect(await api.post('/v1/burn', burn)).toMatchObject({ status: 200, body: { status: 'exists' } });
      expectProblem(await api.post('/v1/burn', { id: id('b'), from: a, amount: '100' }), 422, 'insufficient_funds');
      expectProblem(await api.post('/v1/burn', { id: id('b'), from: a, amount: '0.0000001' }), 400, 'amount_invalid');
      expect((await api.get(`/v1/assets/${asset}`)).body).toMatchObject({ minted: '10', burned: '2.5', circulating: '7.5' });
    });
  });

  describe('transfers', () => {
    it('answers 200 with one status per item: created, exists, or a rejection code', async () => {
      const { asset, a, b } = await world({ mint: '10' });
      const t1 = { id: id('t'), from: a, to: b, amount: '1.5', memo: 'rent' };
      const first = await api.post<Results>('/v1/transfers', { transfers: [t1] });
      expect(first).toMatchObject({ status: 200, body: { results: [{ id: t1.id, status: 'created' }] } });
      const second = await api.post<Results>('/v1/transfers', {
        transfers: [t1, { ...t1, amount: '2' }, { id: id('t'), from: a, to: b, amount: '100' }, { id: id('t'), from: a, to: 'ghost', amount: '1' }],
      });
      expect(second.status).toBe(200);
      expect(second.body.results.map((result) => result.status)).toEqual([
        'exists',
        'exists_with_different_fields',
        'insufficient_funds',
        'credit_account_not_found',
      ]);
      expect((await api.get(`/v1/transfers/${t1.id}`)).body).toEqual({
        id: t1.id,
        kind: 'transfer',
        from: a,
        to: b,
        amount: '1.5',
        asset,
        status: 'posted',
        seq: expect.any(Number),
        pending: false,
        timeMs: clock.nowMs(),
        memo: 'rent',
      });
      expectProblem(await api.get('/v1/transfers/nothing'), 404, 'transfer_not_found');
    });

    it('fails a linked chain as a whole', async () => {
      const { a, b } = await world({ mint: '10' });
      const chain = [
        { id: id('t'), from: a, to: b, amount: '1', linked: true },
        { id: id('t'), from: a, to: b, amount: '100' },
      ];
      const answer = await api.post<Results>('/v1/transfers', { transfers: chain });
      expect(answer.body.results.map((result) => result.status)).toEqual(['linked_event_failed', 'insufficient_funds']);
      expect((await api.get(`/v1/accounts/${a}`)).body).toMatchObject({ balance: '10' });
    });

    it(`takes a full batch of ${transfersPerBatchMax} and refuses one more item`, async () => {
      const { a, b } = await world({ mint: '100' });
      const prefix = id('bulk');
      const items = Array.from({ length: transfersPerBatchMax }, (_, index) => ({ id: `${prefix}-${index}`, from: a, to: b, amount: '0.001' }));
      const full = await api.post<Results>('/v1/transfers', { transfers: items });
      expect(full.status).toBe(200);
      expect(full.body.results).toHaveLength(transfersPerBatchMax);
      expect(full.body.results.every((result) => result.status === 'created')).toBe(true);
      expect((await api.get(`/v1/accounts/${b}`)).body).toMatchObject({ balance: '8.19' });
      const tooMany = [...items, { id: `${prefix}-x`, from: a, to: b, amount: '0.001' }];
      expectProblem(await api.post('/v1/transfers', { transfers: tooMany }), 400, 'validation_failed');
      expectProblem(await api.post('/v1/transfers', { transfers: [] }), 400, 'validation_failed');
      expectProblem(await api.post('/v1/transfers', { transfers: [{ id: id('t'), from: a, to: b, amount: 1 }] }), 400, 'validation_failed');
    });
  });

  describe('pending transfers', () => {
    it('reserves, posts in part, and voids; repeats answer exists, conflicts 409', async () => {
      const { a, b } = await world({ mint: '10' });
      const [p1, p2] = [id('p'), id('p')];
      await api.post('/v1/transfers', {
        transfers: [
          { id: p1, from: a, to: b, amount: '4', pending: true, timeoutSeconds: 3600 },
          { id: p2, from: a, to: b, amount: '1', pending: true },
        ],
      });
      expect((await api.get(`/v1/accounts/${a}`)).body).toMatchObject({ balance: '10', available: '5', pending: { debits: '5', credits: '0' } });
      expect((await api.get(`/v1/transfers/${p1}`)).body).toMatchObject({
        status: 'pending',
        pending: true,
        timeoutSeconds: 3600,
        expiresAtMs: clock.nowMs() + 3_600_000,
      });

      expect(await api.post(`/v1/transfers/${p1}/post`, { amount: '3' })).toMatchObject({ status: 200, body: { id: p1, status: 'posted' } });
      expect(await api.post(`/v1/transfers/${p1}/post`, { amount: '3' })).toMatchObject({ status: 200, body: { id: p1, status: 'exists' } });
      expect((await api.get(`/v1/transfers/${p1}`)).body).toMatchObject({ status: 'posted', posted: '3', resolvedSeq: expect.any(Number) });
      expect(await api.post(`/v1/transfers/${p2}/void`)).toMatchObject({ status: 200, body: { id: p2, status: 'voided' } });
      expect(await api.post(`/v1/transfers/${p2}/void`)).toMatchObject({ status: 200, body: { status: 'exists' } });
      expectProblem(await api.post(`/v1/transfers/${p2}/post`), 409, 'pending_transfer_already_voided');
      expectProblem(await api.post(`/v1/transfers/${p2}/void`, { amount: '1' }), 400, 'validation_failed');
      expectProblem(await api.post('/v1/transfers/ghost/post'), 404, 'transfer_not_found');
      expect((await api.get(`/v1/accounts/${a}`)).body).toMatchObject({ balance: '7', available: '7', pending: { debits: '0' } });
      expect((await api.get(`/v1/accounts/${b}`)).body).toMatchObject({ balance: '3' });
    });

    it('posts the whole reservation when no body is sent, and refuses more than reserved', async () => {
      const { a, b } = await world({ mint: '10' });
      const [p1, p2, plain] = [id('p'), id('p'), id('t')];
      await api.post('/v1/transfers', {
        transfers: [
          { id: p1, from: a, to: b, amount: '2', pending: true },
          { id: p2, from: a, to: b, amount: '2', pending: true },
          { id: plain, from: a, to: b, amount: '1' },
        ],
      });
      expect((await api.post(`/v1/transfers/${p1}/post`)).body).toEqual({ id: p1, status: 'posted' });
      expect((await api.get(`/v1/transfers/${p1}`)).body).toMatchObject({ posted: '2' });
      expectProblem(await api.post(`/v1/transfers/${p2}/post`, { amount: '3' }), 400, 'exceeds_pending_amount');
      expectProblem(await api.post(`/v1/transfers/${plain}/void`), 409, 'transfer_not_pending');
    });
  });
});
