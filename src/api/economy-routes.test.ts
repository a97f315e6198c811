import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachBackend, openTestDao, type TestDao } from '../../test/support/backends.ts';
import { applyGenesis } from '../genesis/apply.ts';
import { genesisSteps } from '../genesis/build.ts';
import { loadGenesisConfig } from '../genesis/config.ts';
import { VirtualClock } from '../kernel/clock.ts';
import { monthSeconds } from '../kernel/rates.ts';
import { buildServer } from './server.ts';
import { TestClient } from './test-client.ts';

/** The economy's read routes over a DAO built from examples/btt.yaml, as a client sees them. */
forEachBackend((backend) => {
  describe('economy routes', () => {
    let dao: TestDao;
    let app: Awaited<ReturnType<typeof buildServer>>;
    let client: TestClient;
    const clock = new VirtualClock(Date.UTC(2025, 0, 1));

    beforeAll(async () => {
      dao = await openTestDao(backend, { clock });
      await applyGenesis(dao.engine, dao.admin, genesisSteps(loadGenesisConfig(join(import.meta.dirname, '..', '..', 'examples', 'btt.yaml'))));
      app = await buildServer({ engine: dao.engine, logger: false });
      client = new TestClient(app, dao.adminToken);
    });

    afterAll(async () => {
      await app.close();
      await dao.close();
    });

    it('GET /v1/supply?at=+12mo answers the BTT numbers, and now by default', async () => {
      const year = await client.get(`/v1/supply?at=${encodeURIComponent('+12mo')}`);
      expect(year.status).toBe(200);
      expect(year.body).toMatchObject({ total: '21000000', circulating: '1169000', vesting: '8911000', treasury: '4620000', pools: '6300000', escrow: '0' });
      const now = await client.get('/v1/supply');
      expect(now.body).toMatchObject({ at: new Date(Date.UTC(2025, 0, 1)).toISOString(), circulating: '0', treasury: '4620000', vesting: '10080000' });
    });

    it('a bad time is a 400 problem with a stable code, and a time before genesis a 404', async () => {
      const bad = await client.get('/v1/supply?at=yesterday');
      expect([bad.status, bad.body.code]).toEqual([400, 'time_invalid']);
      const before = await client.get('/v1/supply?at=2024-01-01');
      expect([before.status, before.body.code]).toEqual([404, 'time_before_genesis']);
    });

    it('lists vesting grants, pools, tiers, funds and burns with amounts as decimal strings', async () => {
      clock.advanceMs(12 * monthSeconds * 1000);
      const vesting = await client.get<{ items: Record<string, unknown>[] }>('/v1/vesting');
      expect(vesting.body.items.find((grant) => grant.id === 'bitwave-lab')).toMatchObject({
        total: '2100000',
        vested: '350000',
        releasable: '350000',
        released: '0',
      });
      const pools = await client.get<{ items: Record<string, unknown>[] }>('/v1/pools');
      expect(pools.body.items[0]).toMatchObject({ id: 'mining', total: '6300000', scheduled: '1260000' });
      const staking = await client.get<{ tiers: Record<string, unknown>[] }>('/v1/staking');
      expect(staking.body.tiers.map((tier) => [tier.id, tier.apyPercent, tier.minimum])).toContainEqual(['d365', '12', '50000']);
      const funds = await client.get<{ items: Record<string, unknown>[] }>('/v1/treasury/funds');
      expect(funds.body.items.find((fund) => fund.id === 'liquidity')).toMatchObject({ balance: '420000' });
      const burns = await client.get('/v1/burns');
      expect(burns.status).toBe(200);
      expect(burns.body).toMatchObject({ burned: { total: '0' } });
    });
  });
});
