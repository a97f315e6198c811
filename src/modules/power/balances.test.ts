import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachBackend } from '../../../test/support/backends.ts';
import { LedgerWorld } from '../../../test/support/ledger-world.ts';
import { eligiblePowerAt, type PowerStrategy, powerStrategyProblem, trackedAssets, trackedBalanceAt } from './index.ts';
import { trackRejections } from './rejections.ts';
import { expectReplaySame, type Member, member, outcomeCode, power, snapshotNow, trackedAsset } from './test-world.ts';

forEachBackend((backend) => {
  describe('token balance history', () => {
    let w: LedgerWorld;
    let asset: string;
    let token: PowerStrategy;
    let alice: Member;
    let bob: Member;
    let aliceSecond: string;
    let treasury: string;
    beforeAll(async () => {
      w = await LedgerWorld.open(backend);
      asset = await w.asset({ supply: 'mintable' });
      token = { kind: 'token', asset };
      alice = await member(w, asset, '100');
      bob = await member(w, asset);
      aliceSecond = await w.account(asset, { owner: alice.actorId });
      treasury = await w.account(asset, { owner: 'system' });
      await w.mint(asset, treasury, '500');
    });
    afterAll(async () => {
      await w.close();
    });

    it('tracking seeds the history from the balances as they stand; the same asset again is exists', async () => {
      const before = snapshotNow(w);
      expect(powerStrategyProblem(w.engine.state, token)).toMatchObject({ code: 'asset_not_tracked' });
      expect(await w.ok('power.track', { asset })).toEqual({ assetId: asset, status: 'tracked' });
      expect(await w.ok('power.track', { asset })).toEqual({ assetId: asset, status: 'exists' });
      const tracked = snapshotNow(w);
      expect(powerStrategyProblem(w.engine.state, token, tracked)).toBeUndefined();
      expect(powerStrategyProblem(w.engine.state, token, before)).toMatchObject({ code: 'snapshot_before_tracking' });
      expect(() => power(w, alice.actorId, before, token)).toThrow(/is tracked at record/);
      expect(power(w, alice.actorId, tracked, token)).toBe(10_000n);
      // the system's treasury account and the admin's issuance account are not holdings
      expect(power(w, 'system', tracked, token)).toBe(0n);
      expect(power(w, w.admin.actorId, tracked, token)).toBe(0n);
      expect(eligiblePowerAt(w.engine.state, tracked, token)).toBe(10_000n);
      expect(trackedAssets(w.engine.state.modules.power)).toContain(asset);
    });

    it('power at an old snapshot is unchanged by later transfers, mints and burns', async () => {
      const s1 = snapshotNow(w);
      await w.transfer({ id: w.id('t'), from: alice.account, to: bob.account, amount: '30' });
      await w.transfer({ id: w.id('t'), from: alice.account, to: aliceSecond, amount: '10' }); // between her own accounts
      const s2 = snapshotNow(w);
      await w.transfer({ id: w.id('t'), from: treasury, to: bob.account, amount: '20' }); // a grant from the treasury
      expect(await w.status('ledger.burn', { id: w.id('burn'), from: bob.account, amount: '5' })).toBe('created');
      await w.transfer({ id: w.id('t'), from: aliceSecond, to: treasury, amount: '10' }); // back to the system
      await w.mint(asset, aliceSecond, '0.01');
      const s3 = snapshotNow(w);
      const rows = [
        [s1, 10_000n, 0n],
        [s2, 7_000n, 3_000n],
        [s3, 6_001n, 4_500n],
      ] as const;
      for (const [at, a, b] of rows) {
        expect([power(w, alice.actorId, at, token), power(w, bob.actorId, at, token)]).toEqual([a, b]);
        expect(eligiblePowerAt(w.engine.state, at, token)).toBe(a + b);
      }
      expect(w.balance(alice.account) + w.balance(aliceSecond)).toBe(6_001n);
      expect(w.balance(bob.account)).toBe(4_500n);
      const history = w.engine.state.modules.power.tracked.get(asset)?.owners.get(alice.actorId);
      expect(history?.seqs.length).toBe(4); // seed, the transfer to bob, the transfer to the treasury, the mint
    });

    it('a pending transfer counts only once posted, and only what is posted', async () => {
      const start = snapshotNow(w);
      const aliceStart = power(w, alice.actorId, start, token);
      const bobStart = power(w, bob.actorId, start, token);
      const partial = w.id('p');
      const voided = w.id('p');
      await w.transfers([
        { id: partial, from: alice.account, to: bob.account, amount: '40', pending: true },
        { id: voided, from: alice.account, to: bob.account, amount: '5', pending: true },
      ]);
      const reserved = snapshotNow(w);
      expect(power(w, alice.actorId, reserved, token)).toBe(aliceStart);
      expect(power(w, bob.actorId, reserved, token)).toBe(bobStart);
      expect(await w.status('ledger.post_pending', { pendingId: partial, amount: '25' })).toBe('posted');
      const posted = snapshotNow(w);
      expect(await w.status('ledger.void_pending', { pendingId: voided })).toBe('voided');
      const after = snapshotNow(w);
      for (const at of [posted, after]) {
        expect(power(w, alice.actorId, at, token)).toBe(aliceStart - 2_500n);
        expect(power(w, bob.actorId, at, token)).toBe(bobStart + 2_500n);
      }
      expect(power(w, alice.actorId, reserved, token)).toBe(aliceStart);
    });

    it('an overdrawn holder account counts as zero power', async () => {
      const debtor = await w.actor();
      const credit = await w.account(asset, { owner: debtor.actorId, allowOverdraft: true });
      await w.transfer({ id: w.id('t'), from: credit, to: alice.account, amount: '1' });
      const at = snapshotNow(w);
      expect(trackedBalanceAt(w.engine.state.modules.power, asset, debtor.actorId, at.seq)).toBe(-100n);
      expect(power(w, debtor.actorId, at, token)).toBe(0n);
    });

    it('replaying the log and restoring a snapshot give the same power state', async () => {
      await expectReplaySame(w);
    });
  });

  describe('non-fungible counts', () => {
    let w: LedgerWorld;
    beforeAll(async () => {
      w = await LedgerWorld.open(backend);
    });
    afterAll(async () => {
      await w.close();
    });

    it('nft counts the tokens an owner holds at the snapshot', async () => {
      const asset = await w.asset({ kind: 'non_fungible', supply: 'mintable' });
      const nft: PowerStrategy = { kind: 'nft', asset };
      const alice = await member(w, asset);
      const bob = await member(w, asset);
      for (const tokenId of ['n1', 'n2', 'n3']) expect(await w.status('ledger.mint', { id: w.id('m'), asset, to: alice.account, tokenId })).toBe('created');
      await w.ok('power.track', { asset });
      const s1 = snapshotNow(w);
      await w.transfer({ id: w.id('t'), from: alice.account, to: bob.account, tokenId: 'n2' });
      expect(await w.status('ledger.mint', { id: w.id('m'), asset, to: bob.account, tokenId: 'n4' })).toBe('created');
      const s2 = snapshotNow(w);
      expect([power(w, alice.actorId, s1, nft), power(w, bob.actorId, s1, nft)]).toEqual([3n, 0n]);
      expect([power(w, alice.actorId, s2, nft), power(w, bob.actorId, s2, nft)]).toEqual([2n, 2n]);
      expect(eligiblePowerAt(w.engine.state, s2, nft)).toBe(4n);
      expect(powerStrategyProblem(w.engine.state, nft, s2)).toBeUndefined();
      const fungible = await trackedAsset(w);
      expect(powerStrategyProblem(w.engine.state, { kind: 'nft', asset: fungible })).toMatchObject({ code: 'strategy_invalid' });
      expect(powerStrategyProblem(w.engine.state, { kind: 'token', asset: 'nope' })).toMatchObject({ code: 'asset_not_found' });
    });
  });

  describe('power.track rejection rows', () => {
    let w: LedgerWorld;
    beforeAll(async () => {
      w = await LedgerWorld.open(backend);
    });
    afterAll(async () => {
      await w.close();
    });

    it('economy.admin on power:<asset> is enough to track that asset, not another', async () => {
      const asset = await w.asset();
      const tracker = await w.actor();
      await w.ok('access.grant', { actorId: tracker.actorId, action: 'economy.admin', resource: `power:${asset}` });
      expect(await outcomeCode(w, 'power.track', { asset: await w.asset() }, tracker)).toBe('not_authorized');
      expect(await outcomeCode(w, 'power.track', { asset }, tracker)).toBe('tracked');
    });

    it.each(trackRejections.map((code) => [code]))('track rejection row: %s', async (code) => {
      const rows: Record<string, () => Promise<string>> = {
        not_authorized: async () => outcomeCode(w, 'power.track', { asset: await w.asset() }, await w.actor()),
        asset_not_found: () => outcomeCode(w, 'power.track', { asset: 'nope' }),
        too_many_tracked_assets: async () => {
          while (w.engine.state.modules.power.tracked.size < 16) await w.ok('power.track', { asset: await w.asset() });
          return outcomeCode(w, 'power.track', { asset: await w.asset() });
        },
      };
      const row = rows[code];
      if (!row) return expect.fail(`no row for ${code}`);
      expect(await row()).toBe(code);
      expect(w.engine.state.modules.power.tracked.size).toBe(code === 'too_many_tracked_assets' ? 16 : 1);
    });
  });
});
