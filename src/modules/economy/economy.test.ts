import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachBackend } from '../../../test/support/backends.ts';
import { LedgerWorld } from '../../../test/support/ledger-world.ts';
import type { Principal } from '../../engine/types.ts';
import { configureRejections, recordAllocationsRejections } from './rejections.ts';

/** The economy's two commands: one row per rejection code, in the documented order. */
forEachBackend((backend) => {
  let w: LedgerWorld;
  let member: Principal;
  let token: string;
  const linear = { kind: 'linear', lockupSeconds: 0, durationSeconds: 100 };

  beforeAll(async () => {
    w = await LedgerWorld.open(backend);
    member = await w.actor();
    token = await w.asset({ supply: 'fixed', maxSupply: '1000', decimals: 0 });
    const holder = await w.account(token);
    await w.ok('vesting.create', { id: 'team', asset: token, beneficiary: holder, amount: '600', schedule: linear });
    await w.ok('vesting.create', { id: 'seed', asset: token, beneficiary: holder, amount: '300', schedule: linear });
    await w.ok('treasury.create_fund', { id: 'dao', asset: token, initial: { amount: '100' } });
  });
  afterAll(() => w.close());

  const row = (name: string, amount: string, kind = 'vesting', target = name) => ({ name, label: name, amount, kind, target });
  const table = [row('team', '600'), row('seed', '300'), row('dao', '100', 'fund')];

  describe('economy.configure and economy.record_allocations', () => {
    it('lists its rejections in the order the commands check them', () => {
      expect(configureRejections).toEqual(['not_authorized', 'asset_not_found', 'asset_not_fungible', 'economy_configured']);
      expect(recordAllocationsRejections).toEqual([
        'not_authorized',
        'not_configured',
        'allocation_duplicate',
        'allocation_target_not_found',
        'allocation_asset_mismatch',
        'amount_invalid',
        'allocation_units_mismatch',
        'allocations_sum_mismatch',
        'allocations_recorded',
      ]);
    });

    it('refuses before configuration: not_authorized, not_configured, asset_not_found, asset_not_fungible', async () => {
      expect(await w.code('economy.configure', { governanceToken: token }, member)).toBe('not_authorized');
      expect(await w.code('economy.record_allocations', { allocations: table })).toBe('not_configured');
      expect(await w.code('economy.configure', { governanceToken: 'ghost' })).toBe('asset_not_found');
      const nft = await w.asset({ kind: 'non_fungible' });
      expect(await w.code('economy.configure', { governanceToken: nft })).toBe('asset_not_fungible');
    });

    it('configures once; the same settings again are harmless, other ones economy_configured', async () => {
      expect(await w.ok('economy.configure', { governanceToken: token, genesisMs: 1_000 })).toEqual({ status: 'configured' });
      expect(await w.ok('economy.configure', { governanceToken: token, genesisMs: 1_000 })).toEqual({ status: 'exists' });
      expect(await w.code('economy.configure', { governanceToken: token, genesisMs: 2_000 })).toBe('economy_configured');
      expect(w.engine.state.modules.economy).toMatchObject({ governanceAssetId: token, genesisMs: 1_000 });
    });

    it.each([
      ['not_authorized', table, 'member'],
      ['allocation_duplicate', [row('team', '600'), row('team', '600')], 'admin'],
      ['allocation_target_not_found', [row('ghost', '1')], 'admin'],
      ['amount_invalid', [row('team', '0')], 'admin'],
      ['allocation_units_mismatch', [row('team', '599')], 'admin'],
      ['allocations_sum_mismatch', [row('team', '600'), row('seed', '300')], 'admin'],
    ])('record_allocations refuses %s', async (code, allocations, who) => {
      expect(await w.code('economy.record_allocations', { allocations }, who === 'member' ? member : w.admin)).toBe(code);
      expect(w.engine.state.modules.economy.allocations).toEqual([]);
    });

    it('allocation_asset_mismatch: a target holding another asset', async () => {
      const other = await w.asset({ decimals: 0 });
      const account = await w.account(other);
      await w.mint(other, account, '5');
      await w.ok('vesting.create', { id: 'other', asset: other, beneficiary: account, amount: '5', schedule: linear, source: account });
      expect(await w.code('economy.record_allocations', { allocations: [row('other', '5')] })).toBe('allocation_asset_mismatch');
    });

    it('the sum message names the difference; the table records once', async () => {
      const short = await w.submit('economy.record_allocations', { allocations: [row('team', '600'), row('seed', '300')] });
      expect(short).toMatchObject({ ok: false, message: expect.stringMatching(/add up to 900 TST, 100 short of the supply 1000/) });
      expect(await w.ok('economy.record_allocations', { allocations: table })).toEqual({ count: 3 });
      expect(await w.ok('economy.record_allocations', { allocations: table })).toEqual({ count: 3 });
      const other = [row('team', '600'), row('dao', '100', 'fund'), row('seed', '300')];
      expect(await w.code('economy.record_allocations', { allocations: other })).toBe('allocations_recorded');
      expect(w.engine.state.modules.economy.allocations.map((allocation) => [allocation.name, allocation.totalUnits])).toEqual([
        ['team', 600n],
        ['seed', 300n],
        ['dao', 100n],
      ]);
    });
  });
});
