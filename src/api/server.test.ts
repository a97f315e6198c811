import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachBackend, openTestDao, type TestDao } from '../../test/support/backends.ts';
import { buildServer } from './server.ts';
import { TestClient } from './test-client.ts';

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
}

interface CreatedToken {
  id: string;
  actorId: string;
  scopes: string[];
  token: string;
  status: string;
}

interface LogRecordView {
  seq: number;
  timeMs: number;
  actorId: string;
  command: { type: string; payload: unknown };
  events: { type: string }[];
  prevHash: string;
  hash: string;
}

function expectProblem(answer: { status: number; headers: Record<string, unknown>; body: unknown }, status: number, code: string): void {
  expect(answer.status).toBe(status);
  expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = answer.body as Problem;
  expect(Object.keys(body).sort()).toEqual(['code', 'detail', 'status', 'title', 'type']);
  expect(body).toMatchObject({ type: `urn:polity:problem:${code}`, status, code });
  expect(body.detail.length).toBeGreaterThan(0);
}

forEachBackend((backend) => {
  let dao: TestDao;
  let app: FastifyInstance;
  let admin: TestClient;
  let anonymous: TestClient;
  let counter = 0;
  const id = (prefix: string) => {
    counter += 1;
    return `${prefix}${counter}`;
  };

  beforeAll(async () => {
    dao = await openTestDao(backend);
    app = await buildServer({ engine: dao.engine });
    admin = new TestClient(app, dao.adminToken);
    anonymous = admin.as(undefined);
    await admin.post('/v1/assets', { id: 'gold', kind: 'fungible', symbol: 'GLD', decimals: 2 });
  });
  afterAll(async () => {
    await app.close();
    await dao.close();
  });

  /** A new agent with a token of the given scopes; the agent holds no grants. */
  async function agent(scopes: string[] = ['*']) {
    const actorId = id('agent');
    expect((await admin.post('/v1/actors', { id: actorId, kind: 'agent' })).status).toBe(201);
    const issued = await admin.post<CreatedToken>('/v1/tokens', { actorId, scopes });
    expect(issued.status).toBe(201);
    return { actorId, tokenId: issued.body.id, client: admin.as(issued.body.token) };
  }

  describe('authentication', () => {
    const routes: ['GET' | 'POST' | 'DELETE', string][] = [
      ['GET', '/v1/assets/gold'],
      ['GET', '/v1/accounts/x'],
      ['GET', '/v1/transfers/x'],
      ['GET', '/v1/log'],
      ['POST', '/v1/assets'],
      ['POST', '/v1/accounts'],
      ['POST', '/v1/accounts/x/close'],
      ['POST', '/v1/transfers'],
      ['POST', '/v1/transfers/x/post'],
      ['POST', '/v1/transfers/x/void'],
      ['POST', '/v1/mint'],
      ['POST', '/v1/burn'],
      ['POST', '/v1/actors'],
      ['POST', '/v1/tokens'],
      ['DELETE', '/v1/tokens/x'],
      ['POST', '/v1/grants'],
      ['DELETE', '/v1/grants'],
    ];

    it.each(routes)('%s %s answers 401 unauthenticated without a token, before reading the body', async (method, url) => {
      const answer = await anonymous.request(method, url, method === 'GET' ? undefined : { not: 'valid' });
      expectProblem(answer, 401, 'unauthenticated');
      expect(answer.headers['www-authenticate']).toBe('Bearer');
    });

    it.each<[string, string]>([
      ['a malformed header', 'Basic YWxhZGRpbjpvcGVuc2VzYW1l'],
      ['a wrong secret', `Bearer ${'pol_admin-bootstrap.'}${'A'.repeat(43)}`],
      ['an unknown token', 'Bearer pol_nobody.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ])('refuses %s with 401', async (_name, authorization) => {
      const answer = await app.inject({ method: 'GET', url: '/v1/assets/gold', headers: { authorization } });
      expect(answer.statusCode).toBe(401);
      expect(answer.json()).toMatchObject({ code: 'unauthenticated' });
    });

    it('a read-scoped token reads but may not write (403 forbidden)', async () => {
      const reader = await agent(['read']);
      expect((await reader.client.get('/v1/assets/gold')).status).toBe(200);
      expect((await reader.client.get('/v1/log?limit=1')).status).toBe(200);
      expectProblem(await reader.client.post('/v1/accounts', { accounts: [{ id: id('acct'), asset: 'gold' }] }), 403, 'forbidden');
    });

    it('a token acts as its actor: accounts default to that owner, and grants bound what it may do', async () => {
      const member = await agent();
      const own = id('acct');
      const created = await member.client.post('/v1/accounts', { accounts: [{ id: own, asset: 'gold' }] });
      expect(created.body).toEqual({ results: [{ id: own, status: 'created' }] });
      expect((await member.client.get(`/v1/accounts/${own}`)).body).toMatchObject({ owner: member.actorId });
      expectProblem(await member.client.post('/v1/mint', { id: id('m'), asset: 'gold', to: own, amount: '1' }), 403, 'not_authorized');
      expectProblem(await member.client.post('/v1/actors', { id: id('x'), kind: 'member' }), 403, 'not_authorized');
    });
  });

  describe('access administration', () => {
    it('actors: 201 created, 200 exists, 409 exists_with_different_fields', async () => {
      const actorId = id('member');
      expect(await admin.post('/v1/actors', { id: actorId, kind: 'member', name: 'Ada' })).toMatchObject({
        status: 201,
        body: { id: actorId, status: 'created' },
      });
      expect(await admin.post('/v1/actors', { id: actorId, kind: 'member', name: 'Ada' })).toMatchObject({ status: 200, body: { status: 'exists' } });
      expectProblem(await admin.post('/v1/actors', { id: actorId, kind: 'agent', name: 'Ada' }), 409, 'exists_with_different_fields');
      expectProblem(await admin.post('/v1/actors', { id: actorId, kind: 'robot' }), 400, 'validation_failed');
    });

    it('tokens: the bearer is returned once and works; a chosen id is kept; revoking makes it 401', async () => {
      const { actorId } = await agent();
      const tokenId = id('tok');
      const issued = await admin.post<CreatedToken>('/v1/tokens', { id: tokenId, actorId });
      expect(issued.status).toBe(201);
      expect(issued.headers['cache-control']).toBe('no-store');
      expect(issued.body).toEqual({ id: tokenId, actorId, scopes: ['*'], token: expect.stringMatching(`^pol_${tokenId}\\.`), status: 'created' });
      expect(dao.engine.state.access.tokens.get(tokenId)?.secretHash).not.toContain(issued.body.token.split('.')[1]);
      const holder = admin.as(issued.body.token);
      expect((await holder.get('/v1/assets/gold')).status).toBe(200);
      expectProblem(await admin.post('/v1/tokens', { id: tokenId, actorId }), 409, 'token_exists');
      expectProblem(await admin.post('/v1/tokens', { actorId: 'ghost' }), 404, 'actor_not_found');
      expectProblem(await admin.post('/v1/tokens', { id: 'has.dot', actorId }), 400, 'validation_failed');
      expect(await holder.delete(`/v1/tokens/${tokenId}`)).toMatchObject({ status: 200, body: { id: tokenId, status: 'revoked' } });
      expectProblem(await holder.get('/v1/assets/gold'), 401, 'unauthenticated');
      expect((await admin.delete(`/v1/tokens/${tokenId}`)).body).toEqual({ id: tokenId, status: 'exists' });
      expectProblem(await admin.delete('/v1/tokens/ghost'), 404, 'token_not_found');
    });

    it('tokens: a spending cap bounds what the token moves per period', async () => {
      const { actorId } = await agent();
      const [from, to] = [id('acct'), id('acct')];
      await admin.post('/v1/accounts', {
        accounts: [
          { id: from, asset: 'gold', owner: actorId },
          { id: to, asset: 'gold' },
        ],
      });
      await admin.post('/v1/mint', { id: id('m'), asset: 'gold', to: from, amount: '100' });
      const capped = await admin.post<CreatedToken>('/v1/tokens', { actorId, spendingCap: { asset: 'gold', amount: '10', periodSeconds: 86_400 } });
      const spender = admin.as(capped.body.token);
      const answer = await spender.post<{ results: { status: string }[] }>('/v1/transfers', {
        transfers: [
          { id: id('t'), from, to, amount: '6' },
          { id: id('t'), from, to, amount: '6' },
        ],
      });
      expect(answer.body.results.map((result) => result.status)).toEqual(['created', 'spending_cap_exceeded']);
    });

    it('grants: 201 granted, 200 exists; DELETE revokes; the grant changes what the actor may do', async () => {
      const minter = await agent();
      const grant = { actorId: minter.actorId, action: 'ledger.mint', resource: 'asset:gold' };
      const target = id('acct');
      await admin.post('/v1/accounts', { accounts: [{ id: target, asset: 'gold' }] });
      const mint = () => minter.client.post('/v1/mint', { id: id('m'), asset: 'gold', to: target, amount: '1' });
      expect((await mint()).status).toBe(403);
      expect(await admin.post('/v1/grants', grant)).toMatchObject({ status: 201, body: { ...grant, status: 'granted' } });
      expect(await admin.post('/v1/grants', grant)).toMatchObject({ status: 200, body: { status: 'exists' } });
      expect((await mint()).status).toBe(201);
      expect(await admin.delete('/v1/grants', grant)).toMatchObject({ status: 200, body: { ...grant, status: 'revoked' } });
      expect(await admin.delete('/v1/grants', grant)).toMatchObject({ status: 200, body: { status: 'exists' } });
      expect((await mint()).status).toBe(403);
      expectProblem(await admin.post('/v1/grants', { ...grant, actorId: 'ghost' }), 404, 'actor_not_found');
    });
  });

  describe('log', () => {
    it('pages through full records in order, chained by hash', async () => {
      const first = await admin.get<{ records: LogRecordView[]; next: number | null }>('/v1/log?limit=2');
      expect(first.status).toBe(200);
      expect(first.body.records.map((record) => record.seq)).toEqual([1, 2]);
      expect(first.body.next).toBe(2);
      const [one, two] = first.body.records;
      expect(Object.keys(one ?? {}).sort()).toEqual(['actorId', 'command', 'daoId', 'events', 'hash', 'prevHash', 'seq', 'timeMs']);
      expect(one).toMatchObject({ actorId: 'system', command: { type: 'access.create_actor' }, events: [{ type: 'actor_created' }] });
      expect(two?.prevHash).toBe(one?.hash);
      const second = await admin.get<{ records: LogRecordView[] }>(`/v1/log?after=${first.body.next}&limit=2`);
      expect(second.body.records[0]?.seq).toBe(3);
      expect(second.body.records[0]?.prevHash).toBe(two?.hash);
    });

    it('ends with next null, defaults to 100 records, and keeps amounts as strings', async () => {
      const head = dao.engine.head.seq;
      expect((await admin.get(`/v1/log?after=${head}`)).body).toEqual({ records: [], next: null });
      const tail = await admin.get<{ records: LogRecordView[]; next: number | null }>(`/v1/log?after=${head - 1}`);
      expect(tail.body.records).toHaveLength(1);
      expect(tail.body.next).toBeNull();
      const all = await admin.get<{ records: LogRecordView[] }>('/v1/log');
      expect(all.body.records).toHaveLength(Math.min(100, head));
      expect(all.text).not.toMatch(/"amountUnits":[0-9]/);
    });

    it.each(['limit=0', 'limit=1001', 'after=-1', 'limit=many'])('refuses %s with 400 validation_failed', async (query) => {
      expectProblem(await admin.get(`/v1/log?${query}`), 400, 'validation_failed');
    });
  });

  describe('public routes', () => {
    it('healthz answers the log head', async () => {
      expect(await anonymous.get('/healthz')).toMatchObject({ status: 200, body: { status: 'ok', seq: dao.engine.head.seq, daoId: dao.engine.daoId } });
    });

    it('metrics are Prometheus text: writer counters, a latency histogram and process memory', async () => {
      const answer = await anonymous.get<string>('/metrics');
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(answer.body).toMatch(/^# HELP polity_commands_accepted_total /);
      expect(answer.body).toContain('# TYPE polity_commands_accepted_total counter');
      expect(answer.body).toMatch(new RegExp(`\\npolity_commands_accepted_total ${dao.engine.metrics.commandsAccepted}\\n`));
      expect(answer.body).toContain('# TYPE polity_command_latency_seconds histogram');
      expect(answer.body).toContain('polity_command_latency_seconds_bucket{le="0.001"}');
      expect(answer.body).toMatch(new RegExp(`polity_command_latency_seconds_bucket\\{le="\\+Inf"\\} ${dao.engine.metrics.latencyCount}\\n`));
      expect(answer.body).toMatch(/\nprocess_resident_memory_bytes [0-9]+\n/);
      expect(answer.body).toMatch(/\npolity_log_head_seq [0-9]+\n/);
      expect(answer.body.endsWith('\n')).toBe(true);
    });

    it('the OpenAPI 3.1 document lists every route with tags, schemas and the bearer scheme', async () => {
      const answer = await anonymous.get<{
        openapi: string;
        paths: Record<
          string,
          Record<string, { tags?: string[]; security?: unknown[]; responses: Record<string, unknown>; requestBody?: { required: boolean } }>
        >;
        components: { securitySchemes: Record<string, unknown> };
      }>('/openapi.json');
      expect(answer.status).toBe(200);
      const document = answer.body;
      expect(document.openapi).toBe('3.1.0');
      expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
      const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
      expect(operations.sort()).toEqual(
        [
          'GET /healthz',
          'GET /metrics',
          'GET /openapi.json',
          'POST /v1/assets',
          'GET /v1/assets/{id}',
          'POST /v1/accounts',
          'GET /v1/accounts/{id}',
          'POST /v1/accounts/{id}/close',
          'POST /v1/transfers',
          'GET /v1/transfers/{id}',
          'POST /v1/transfers/{id}/post',
          'POST /v1/transfers/{id}/void',
          'POST /v1/mint',
          'POST /v1/burn',
          'POST /v1/actors',
          'POST /v1/tokens',
          'DELETE /v1/tokens/{id}',
          'POST /v1/grants',
          'DELETE /v1/grants',
          'GET /v1/log',
          'POST /v1/commands',
          'GET /v1/supply',
          'GET /v1/economy',
          'GET /v1/vesting',
          'GET /v1/pools',
          'GET /v1/staking',
          'GET /v1/stakes',
          'GET /v1/staking/benefits/{id}',
          'GET /v1/treasury/funds',
          'GET /v1/identity/holders',
          'GET /v1/identity/{id}',
          'GET /v1/burns',
          'GET /v1/revenue/{policy}/claimable/{actor}',
          'GET /v1/me',
          'GET /v1/proposals',
          'GET /v1/proposals/{id}',
          'GET /v1/proposals/{id}/ballots',
          'POST /v1/ballots',
          'GET /v1/multisig',
          'GET /v1/committees',
          'GET /v1/constitution',
        ].sort(),
      );
      for (const [path, methods] of Object.entries(document.paths)) {
        for (const operation of Object.values(methods)) {
          expect(operation.tags?.length, path).toBe(1);
          expect(operation.security, path).toEqual(path.startsWith('/v1/') ? [{ bearerAuth: [] }] : []);
          if (path.startsWith('/v1/')) expect(Object.keys(operation.responses), path).toEqual(expect.arrayContaining(['4XX', '5XX']));
        }
      }
      expect(document.paths['/v1/transfers/{id}/post']?.post?.requestBody?.required).toBe(false);
      expect(document.paths['/v1/transfers']?.post?.requestBody?.required).toBe(true);
    });

    it('serves the docs page', async () => {
      const answer = await app.inject({ method: 'GET', url: '/docs' });
      expect(answer.statusCode).toBe(200);
      expect(answer.headers['content-type']).toMatch(/^text\/html/);
    });
  });

  describe('problems', () => {
    it('an unknown route is a 404 problem', async () => {
      expectProblem(await anonymous.get('/v2/anything'), 404, 'route_not_found');
      expectProblem(await admin.get('/v1/nothing'), 404, 'route_not_found');
    });

    it('malformed JSON is 400 json_invalid; another media type is 415', async () => {
      const headers = { authorization: `Bearer ${dao.adminToken}`, 'content-type': 'application/json' };
      const broken = await app.inject({ method: 'POST', url: '/v1/transfers', headers, payload: '{"transfers": [' });
      expectProblem({ status: broken.statusCode, headers: broken.headers, body: broken.json() }, 400, 'json_invalid');
      const xml = await app.inject({ method: 'POST', url: '/v1/transfers', headers: { ...headers, 'content-type': 'application/xml' }, payload: '<a/>' });
      expectProblem({ status: xml.statusCode, headers: xml.headers, body: xml.json() }, 415, 'unsupported_media_type');
    });

    it('an engine that stopped taking commands answers 503', async () => {
      const other = await openTestDao(backend);
      const server = await buildServer({ engine: other.engine });
      await other.engine.close();
      const answer = await new TestClient(server, other.adminToken).post('/v1/actors', { id: 'late', kind: 'member' });
      expectProblem(answer, 503, 'engine_closed');
      await server.close();
      await other.store.close();
    });
  });

  describe('over a real socket', () => {
    it('listens on an ephemeral port and answers fetch', async () => {
      const server = await buildServer({ engine: dao.engine });
      await server.listen({ port: 0, host: '127.0.0.1' });
      try {
        const { port } = server.server.address() as AddressInfo;
        const base = `http://127.0.0.1:${port}`;
        const health = await fetch(`${base}/healthz`);
        expect(health.status).toBe(200);
        expect(await health.json()).toMatchObject({ status: 'ok' });
        const accountId = id('acct');
        const created = await fetch(`${base}/v1/accounts`, {
          method: 'POST',
          headers: { authorization: `Bearer ${dao.adminToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({ accounts: [{ id: accountId, asset: 'gold' }] }),
        });
        expect(await created.json()).toEqual({ results: [{ id: accountId, status: 'created' }] });
        const anonymousRead = await fetch(`${base}/v1/accounts/${accountId}`);
        expect(anonymousRead.status).toBe(401);
        expect(anonymousRead.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      } finally {
        await server.close();
      }
    });
  });
});
