import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachBackend } from '../../../test/support/backends.ts';
import { LedgerWorld } from '../../../test/support/ledger-world.ts';
import { daySeconds } from '../../kernel/rates.ts';
import { eligiblePowerAt, type PowerStrategy, powerStrategyProblem, type Snapshot } from './index.ts';
import { expectReplaySame, type Member, member, power, snapshotNow } from './test-world.ts';

const e18 = 10n ** 18n;

forEachBackend((backend) => {
  describe('staked power with the BTT tiers', () => {
    let w: LedgerWorld;
    let asset: string;
    let staked: PowerStrategy;
    let alice: Member;
    let bob: Member;
    const stake = async (who: Member, tier: string, amount: string): Promise<string> => {
      const id = w.id('stake');
      await w.ok('staking.stake', { id, tier, from: who.account, amount }, who);
      return id;
    };

    beforeAll(async () => {
      w = await LedgerWorld.open(backend);
      asset = await w.asset({ decimals: 18, supply: 'mintable' });
      staked = { kind: 'staked', asset };
      const pool = await w.account(asset);
      await w.mint(asset, pool, '10000000');
      await w.ok('staking.configure', { asset, rewardsFrom: pool, earlyExit: { kind: 'penalty', penaltyPercent: '10' } });
      await w.ok('staking.create_tier', { id: 'btt-30', durationSeconds: 30 * daySeconds, apyPercent: '3', minimum: '1000' });
      await w.ok('staking.create_tier', {
        id: 'btt-365',
        durationSeconds: 365 * daySeconds,
        apyPercent: '12',
        minimum: '50000',
        benefits: { computePriority: true, feeDiscountPercent: '20', votingMultiplier: '1.5' },
      });
      await w.ok('power.track', { asset });
      alice = await member(w, asset, '200000');
      bob = await member(w, asset, '60000');
    });
    afterAll(async () => {
      await w.close();
    });

    it('the 365-day tier counts 1.5x, the 30-day tier 1x; closing a stake ends its power from then on', async () => {
      const token: PowerStrategy = { kind: 'token', asset };
      const s0 = snapshotNow(w);
      const long = await stake(alice, 'btt-365', '100000');
      const s1 = snapshotNow(w);
      await stake(alice, 'btt-30', '1000.5');
      const s2 = snapshotNow(w);
      w.clock.advanceMs(10 * daySeconds * 1000);
      expect(await w.ok('staking.unstake', { stake: long }, alice)).toMatchObject({ early: true, penalty: '10000', returned: '90000' });
      const s3 = snapshotNow(w);
      const rows: [Snapshot, bigint][] = [
        [s0, 0n],
        [s1, 150_000n * e18],
        [s2, 150_000n * e18 + 1_000_500_000_000_000_000_000n],
        [s3, 1_000_500_000_000_000_000_000n],
      ];
      for (const [at, units] of rows) expect(power(w, alice.actorId, at, staked)).toBe(units);
      // staked principal sits in the system's vault: it is no longer token power
      expect(power(w, alice.actorId, s0, token)).toBe(200_000n * e18);
      expect(power(w, alice.actorId, s1, token)).toBe(100_000n * e18);
      expect(power(w, alice.actorId, s3, token)).toBe(188_999_500_000_000_000_000_000n); // 200000 - 100000 - 1000.5 + 90000 returned
      const both: PowerStrategy = {
        kind: 'sum',
        parts: [
          { strategy: token, weight: 1n },
          { strategy: staked, weight: 1n },
        ],
      };
      expect(power(w, alice.actorId, s1, both)).toBe(250_000n * e18);
    });

    it('the multiplier rounds down once, over the sum of the stakes', async () => {
      await stake(bob, 'btt-365', '50000.000000000000000001');
      const one = snapshotNow(w);
      expect(power(w, bob.actorId, one, staked)).toBe(75_000n * e18 + 1n); // 1.5 * (5e22 + 1) = 7.5e22 + 1.5
      await stake(bob, 'btt-30', '1000.000000000000000001');
      const two = snapshotNow(w);
      expect(power(w, bob.actorId, two, staked)).toBe(76_000n * e18 + 2n); // 7.5e22 + 1.5 + 1e21 + 1 = ... + 2.5
      expect(eligiblePowerAt(w.engine.state, two, staked)).toBe(76_000n * e18 + 2n + 1_000_500_000_000_000_000_000n);
      expect(powerStrategyProblem(w.engine.state, staked, two)).toBeUndefined();
      expect(powerStrategyProblem(w.engine.state, { kind: 'staked', asset: 'nope' })).toMatchObject({ code: 'asset_not_found' });
    });

    it('replaying the log and restoring a snapshot give the same staked history', async () => {
      await expectReplaySame(w);
    });
  });

  describe('identity, quadratic, sums and eligible power', () => {
    let w: LedgerWorld;
    let token: PowerStrategy;
    let alice: Member;
    let bob: Member;
    let carol: Member;
    let bid: string;
    let s1: Snapshot;
    let s2: Snapshot;
    const identity: PowerStrategy = { kind: 'identity' };

    beforeAll(async () => {
      w = await LedgerWorld.open(backend);
      const asset = await w.asset({ supply: 'mintable' });
      token = { kind: 'token', asset };
      alice = await member(w, asset, '100');
      bob = await member(w, asset, '30');
      carol = await member(w, asset);
      await w.ok('power.track', { asset });
      bid = w.id('bid');
      await w.ok('ledger.create_asset', { id: bid, kind: 'non_fungible', symbol: 'BID', transferable: false });
      await w.ok('identity.configure', { asset: bid });
      await w.ok('identity.issue', { tokenId: 'bid-alice', subject: 'sha256:a', holder: alice.actorId });
      await w.ok('identity.issue', { tokenId: 'bid-bob', subject: 'sha256:b', holder: bob.actorId });
      s1 = snapshotNow(w);
      await w.ok('identity.revoke', { tokenId: 'bid-bob', reason: 'duplicate registration' });
      await w.ok('identity.issue', { tokenId: 'bid-carol', subject: 'sha256:c', holder: carol.actorId });
      s2 = snapshotNow(w);
    });
    afterAll(async () => {
      await w.close();
    });

    it('one person one vote: 1 for a live identity at the snapshot, whatever the balance', () => {
      expect([alice, bob, carol].map((m) => power(w, m.actorId, s1, identity))).toEqual([1n, 1n, 0n]);
      expect([alice, bob, carol].map((m) => power(w, m.actorId, s2, identity))).toEqual([1n, 0n, 1n]);
      expect(power(w, alice.actorId, s2, { kind: 'identity', unit: e18 })).toBe(e18);
      expect(eligiblePowerAt(w.engine.state, s1, identity)).toBe(2n);
      expect(eligiblePowerAt(w.engine.state, s2, { kind: 'identity', unit: 5n })).toBe(10n);
    });

    it('a BID class can also be tracked and counted as an nft', async () => {
      await w.ok('power.track', { asset: bid });
      const at = snapshotNow(w);
      expect([alice, bob, carol].map((m) => power(w, m.actorId, at, { kind: 'nft', asset: bid }))).toEqual([1n, 0n, 1n]);
    });

    it('quadratic takes the integer square root of each holder own power, rounded down', () => {
      const quadratic: PowerStrategy = { kind: 'quadratic', of: token };
      expect(power(w, alice.actorId, s2, quadratic)).toBe(100n); // sqrt(10000)
      expect(power(w, bob.actorId, s2, quadratic)).toBe(54n); // sqrt(3000) = 54.77
      expect(power(w, carol.actorId, s2, quadratic)).toBe(0n);
      // per holder, then added: 100 + 54, not sqrt(13000) = 114
      expect(eligiblePowerAt(w.engine.state, s2, quadratic)).toBe(154n);
    });

    it('a weighted sum adds each part times its weight, for the same actor', () => {
      const mixed: PowerStrategy = {
        kind: 'sum',
        parts: [
          { strategy: token, weight: 1n },
          { strategy: { kind: 'identity', unit: 1000n }, weight: 2n },
          { strategy: { kind: 'quadratic', of: token }, weight: 3n },
        ],
      };
      expect(power(w, alice.actorId, s1, mixed)).toBe(10_000n + 2_000n + 300n);
      expect(power(w, bob.actorId, s1, mixed)).toBe(3_000n + 2_000n + 162n);
      expect(power(w, bob.actorId, s2, mixed)).toBe(3_000n + 0n + 162n);
      expect(power(w, carol.actorId, s2, mixed)).toBe(2_000n);
      expect(eligiblePowerAt(w.engine.state, s2, mixed)).toBe(12_300n + 3_162n + 2_000n);
    });

    it('replaying the log and restoring a snapshot give the same identity history', async () => {
      await expectReplaySame(w);
      expect(w.engine.state.modules.power.identity.get(bob.actorId)?.values).toEqual([1, 0]);
    });

    it.each<[string, PowerStrategy]>([
      ['an empty sum', { kind: 'sum', parts: [] }],
      ['a negative weight', { kind: 'sum', parts: [{ strategy: { kind: 'identity' }, weight: -1n }] }],
      ['a negative identity unit', { kind: 'identity', unit: -1n }],
      ['nesting five deep', { kind: 'quadratic', of: { kind: 'quadratic', of: { kind: 'quadratic', of: { kind: 'quadratic', of: { kind: 'identity' } } } } }],
    ])('powerStrategyProblem: %s is strategy_invalid', (_name, strategy) => {
      expect(powerStrategyProblem(w.engine.state, strategy)).toMatchObject({ code: 'strategy_invalid' });
    });
  });
});
