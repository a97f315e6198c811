import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { forEachBackend, openTestDao, type TestDao } from '../../test/support/backends.ts';
import { checkLedgerInvariants } from '../engine/invariants.ts';
import { verifyStore } from '../engine/verify.ts';
import { parseAmount } from '../kernel/amount.ts';
import { VirtualClock } from '../kernel/clock.ts';
import { monthSeconds } from '../kernel/rates.ts';
import { type SupplyReport, supplyCategories, supplyReport } from '../reports/supply.ts';
import { supplyAt } from '../reports/supply-at.ts';
import { applyGenesis } from './apply.ts';
import { genesisSteps } from './build.ts';
import { type GenesisConfig, loadGenesisConfig } from './config.ts';

const examples = join(import.meta.dirname, '..', '..', 'examples');
const load = (name: string) => loadGenesisConfig(join(examples, name));

/** The six categories add up to the total, and the total is minted less burned. */
function expectAddsUp(report: SupplyReport, decimals: number): void {
  const units = (text: string) => parseAmount(text, { decimals, allowNegative: true });
  const sum = supplyCategories.reduce((total, category) => total + units(report[category]), 0n);
  expect(sum).toBe(units(report.total));
  expect(units(report.minted) - units(report.burned)).toBe(units(report.total));
  for (const allocation of report.allocations) expect(units(allocation.released) + units(allocation.locked)).toBe(units(allocation.total));
}

forEachBackend((backend) => {
  let dao: TestDao | undefined;
  afterEach(async () => {
    await dao?.close();
    dao = undefined;
  });

  async function build(config: GenesisConfig): Promise<TestDao> {
    dao = await openTestDao(backend, { clock: new VirtualClock(config.genesisMs ?? Date.UTC(2026, 0, 1)) });
    await applyGenesis(dao.engine, dao.admin, genesisSteps(config));
    return dao;
  }

  describe('examples/btt.yaml', () => {
    it('at +12mo reads as the BTT table says, to the last unit', async () => {
      const config = load('btt.yaml');
      const { engine } = await build(config);
      const genesisMs = Date.UTC(2025, 0, 1);
      expect(engine.state.modules.economy.genesisMs).toBe(genesisMs);
      const report = supplyReport(engine.state, genesisMs + 12 * monthSeconds * 1000);
      expect(report).toMatchObject({ total: '21000000', minted: '21000000', burned: '0', maxSupply: '21000000', staked: '0', escrow: '0' });
      const released = Object.fromEntries(report.allocations.map((allocation) => [allocation.label, allocation.released]));
      // 36-month linear after a 6-month lock-up: 6 of 36 months have run at month 12.
      expect(released['BitWave Protocol Laboratory']).toBe('350000');
      // 30-month linear after a 3-month lock-up: 9 of 30 months.
      expect(released['China Digital Healthcare Group']).toBe('315000');
      expect(released['M DAO']).toBe('189000');
      expect(released['Team and Core Advisors']).toBe('0');
      // Mining: 2,520,000 over years 1-2, linear within the epoch: half of it after one year.
      expect(released['Computing Power Mining Reward Pool']).toBe('1260000');
      expect(report.allocations).toHaveLength(12);
      expect(report.vesting).toBe('8911000');
      expect(report.circulating).toBe('1169000');
      expect(report.treasury).toBe('4620000');
      expect(report.pools).toBe('6300000');
      expectAddsUp(report, 18);
    });

    it('replays: verify passes and the invariants hold after genesis', async () => {
      const { engine, store } = await build(load('btt.yaml'));
      expect(checkLedgerInvariants(engine.state, engine.head.seq)).toEqual([]);
      await engine.flush();
      const report = await verifyStore(store);
      expect(report.ok, report.problem).toBe(true);
    });

    it('answers a past time from the log and a future one from the schedules', async () => {
      const config = load('btt.yaml');
      const { engine, store } = await build(config);
      const clock = new VirtualClock(engine.headTimeMs);
      const current = { state: engine.state, timeMs: engine.headTimeMs };
      const before = await supplyAt({ store, current, at: '2024-12-31', nowMs: clock.nowMs() }).catch((error: Error) => error);
      expect(before).toMatchObject({ code: 'time_before_genesis' });
      const future = await supplyAt({ store, current, at: '+12mo', nowMs: clock.nowMs() });
      expect(future.circulating).toBe('1169000');
      expect(future.at).toBe(new Date(Date.UTC(2025, 0, 1) + 12 * monthSeconds * 1000).toISOString());
    });
  });

  describe('examples/aidao.yaml and examples/bytomdao.yaml', () => {
    it.each(['aidao.yaml', 'bytomdao.yaml'])('%s builds and its report adds up now and in three years', async (name) => {
      const config = load(name);
      const { engine } = await build(config);
      const asset = engine.state.ledger.assets.get(config.governanceToken);
      expect(asset?.mintedUnits).toBe(asset?.maxSupplyUnits);
      const now = engine.headTimeMs;
      for (const atMs of [now, now + 36 * monthSeconds * 1000]) expectAddsUp(supplyReport(engine.state, atMs), asset?.decimals ?? 0);
      expect(checkLedgerInvariants(engine.state, engine.head.seq)).toEqual([]);
    });
  });
});
