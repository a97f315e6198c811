import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachBackend } from '../../../test/support/backends.ts';
import { LedgerWorld } from '../../../test/support/ledger-world.ts';
import { Engine } from '../../engine/engine.ts';
import { loadState } from '../../engine/replay.ts';
import type { DomainEvent } from '../../engine/types.ts';
import { formatAmount } from '../../kernel/amount.ts';
import { daySeconds, yearSeconds } from '../../kernel/rates.ts';
import { availableUnits } from '../../ledger/state.ts';
import {
  activeStakes,
  type ClaimResult,
  committeeEligibility,
  findStake,
  type StakeResult,
  stakedUnitsOf,
  stakingBenefits,
  stakingVaultAccountId,
  totalStakedUnits,
  type UnstakeResult,
  voteRequiresStake,
} from './index.ts';
import { btt, bttTiers, type Staker, StakingWorld } from './test-world.ts';

const expectedReward = (units: bigint, apyPpm: bigint, durationSeconds: number): bigint =>
  (units * apyPpm * BigInt(durationSeconds)) / (1_000_000n * BigInt(yearSeconds));

/** The events of the log record a command wrote, as the log gives them back. */
async function loggedEvents(w: LedgerWorld, seq: number | undefined): Promise<DomainEvent[]> {
  expect(seq).toBeTypeOf('number');
  const [entry] = await w.dao.store.readLog((seq ?? 1) - 1, 1);
  return entry?.record.events ?? [];
}

forEachBackend((backend) => {
  const worlds: LedgerWorld[] = [];
  afterAll(async () => {
    for (const world of worlds.splice(0)) await world.close();
  });
  async function openWorld(): Promise<LedgerWorld> {
    const w = await LedgerWorld.open(backend);
    worlds.push(w);
    return w;
  }

  describe('with the BTT tiers', () => {
    let s: StakingWorld;
    let w: LedgerWorld;
    let alice: Staker;
    beforeAll(async () => {
      w = await openWorld();
      s = await StakingWorld.create(w, { poolFunds: '10000000' });
      alice = await s.staker('1000000');
    });

    it('configure opens the vault @staking.<asset>, owned by the system', () => {
      expect(s.setup.vault).toBe(stakingVaultAccountId(s.setup.asset));
      expect(s.setup.vault).toBe(`@staking.${s.setup.asset}`);
      expect(w.accountState(s.setup.vault)).toMatchObject({ ownerId: 'system', assetId: s.setup.asset, allowOverdraft: false });
      expect(s.staking.config).toMatchObject({
        assetId: s.setup.asset,
        rewardsFromId: s.setup.pool,
        earlyExit: { kind: 'rejected' },
        voteRequiresStake: false,
      });
    });

    it('the five BTT tiers are stored as exact rates; the same body again is exists, another tier_exists', async () => {
      expect([...s.staking.tiers.values()].map((tier) => [tier.id, tier.durationSeconds / daySeconds, tier.apyPpm, tier.minimum])).toEqual([
        ['btt-30', 30, 30_000n, '1000'],
        ['btt-90', 90, 50_000n, '5000'],
        ['btt-180', 180, 80_000n, '10000'],
        ['btt-365', 365, 120_000n, '50000'],
        ['btt-1095', 1095, 180_000n, '100000'],
      ]);
      expect(s.staking.tiers.get('btt-1095')?.benefits).toEqual({
        votingMultiplierPpm: 1_500_000n,
        feeDiscountPpm: 200_000n,
        computePriority: true,
        specialAccess: true,
      });
      const diamond = bttTiers[4];
      expect(await w.ok('staking.create_tier', { ...diamond, minimum: '100000.000' })).toEqual({ id: 'btt-1095', status: 'exists' });
      expect(await w.code('staking.create_tier', { ...diamond, apyPercent: '18.5' })).toBe('tier_exists');
    });

    it('100,000 BTT at 18 % for 1,095 days reserves exactly the full-term reward', async () => {
      const units = 100_000n * btt;
      const reward = (units * 180_000n * 94_608_000n) / (1_000_000n * 31_557_600n);
      const poolBefore = availableUnits(w.accountState(s.setup.pool));
      const id = w.id('stake');
      const outcome = await w.submit<StakeResult>('staking.stake', { id, tier: 'btt-1095', from: alice.account, amount: '100000' }, alice.principal);
      expect(outcome.ok).toBe(true);
      const stake = findStake(s.staking, id);
      expect(stake).toMatchObject({ units, rewardUnits: reward, paidUnits: 0n, status: 'active', ownerId: alice.principal.actorId, accountId: alice.account });
      expect(stake?.maturityMs).toBe((stake?.startMs ?? 0) + 94_608_000_000);
      const reservation = w.engine.state.ledger.transfers.get(stake?.reservationId ?? '');
      expect(reservation).toMatchObject({
        fromId: s.setup.pool,
        toId: alice.account,
        amountUnits: reward,
        status: 'pending',
        pending: true,
        timeoutSeconds: undefined,
      });
      expect(availableUnits(w.accountState(s.setup.pool))).toBe(poolBefore - reward);
      expect(w.balance(s.setup.vault)).toBe(units);
      const events = await loggedEvents(w, outcome.ok ? outcome.seq : undefined);
      const opened = events.find((event) => event.type === 'stake_opened') as unknown as { stake: Record<string, unknown> };
      expect(Object.keys(opened).sort()).toEqual(['stake', 'type']);
      expect(Object.keys(opened.stake).sort()).toEqual(['accountId', 'assetId', 'id', 'maturityMs', 'ownerId', 'rewardUnits', 'startMs', 'tierId', 'units']);
      expect(String(opened.stake.units)).toBe(units.toString());
    });

    it.each(bttTiers.map((tier) => [tier.id, tier] as const))('%s at its minimum reserves floor(units * apy * duration / year)', async (_id, tier) => {
      const bob = await s.staker('200000');
      const id = await s.stake(bob, tier.id, tier.minimum);
      const units = BigInt(tier.minimum) * btt;
      const apyPpm = BigInt(tier.apyPercent) * 10_000n;
      expect(findStake(s.staking, id)?.rewardUnits).toBe(expectedReward(units, apyPpm, tier.durationSeconds));
    });

    it('a retry of the same stake is exists and moves nothing', async () => {
      const bob = await s.staker('5000');
      const id = await s.stake(bob, 'btt-30', '1000');
      const before = w.balance(bob.account);
      const again = await w.submit<StakeResult>('staking.stake', { id, tier: 'btt-30', from: bob.account, amount: '1000.0' }, bob.principal);
      expect(again).toMatchObject({ ok: true, seq: undefined, result: { id, status: 'exists' } });
      expect(w.balance(bob.account)).toBe(before);
    });

    it('accrues per second: a claim after exactly half the term pays exactly half, rounded down', async () => {
      const bob = await s.staker('100000');
      const id = await s.stake(bob, 'btt-90', '12345.678901234567890123');
      const stake = findStake(s.staking, id);
      const reward = stake?.rewardUnits ?? 0n;
      const half = (90 * daySeconds) / 2;
      s.advanceSeconds(half);
      const before = w.balance(bob.account);
      const first = await w.ok<ClaimResult>('staking.claim', { stake: id }, bob.principal);
      expect(w.balance(bob.account) - before).toBe(reward / 2n);
      expect(first).toMatchObject({ stakeId: id, burned: '0' });
      expect(findStake(s.staking, id)?.paidUnits).toBe(reward / 2n);
      const reservation = w.engine.state.ledger.transfers.get(findStake(s.staking, id)?.reservationId ?? '');
      expect(reservation).toMatchObject({ amountUnits: reward - reward / 2n, status: 'pending', fromId: s.setup.pool });
      expect(w.engine.state.ledger.transfers.get(stake?.reservationId ?? '')?.status).toBe('voided');
      expect(await w.code('staking.claim', { stake: id }, bob.principal)).toBe('nothing_to_claim');
      s.advanceSeconds(1);
      await w.ok('staking.claim', { stake: id }, bob.principal);
      expect(findStake(s.staking, id)?.paidUnits).toBe((reward * BigInt(half + 1)) / BigInt(90 * daySeconds));
      s.advanceSeconds(90 * daySeconds);
      await w.ok('staking.claim', { stake: id }, bob.principal);
      expect(findStake(s.staking, id)).toMatchObject({ paidUnits: reward, reservationId: undefined });
      expect(w.balance(bob.account) - before).toBe(reward);
    });

    it('a stake the reward pool cannot cover is reward_pool_insufficient and changes nothing', async () => {
      const whale = await s.staker('900000000');
      const pool = { ...w.accountState(s.setup.pool) };
      const vault = w.balance(s.setup.vault);
      const account = { ...w.accountState(whale.account) };
      const transfers = w.engine.state.ledger.transfers.size;
      const stakes = s.staking.stakes.size;
      const head = w.engine.head;
      const id = w.id('stake');
      expect(await w.code('staking.stake', { id, tier: 'btt-1095', from: whale.account, amount: '800000000' }, whale.principal)).toBe(
        'reward_pool_insufficient',
      );
      expect(w.accountState(s.setup.pool)).toEqual(pool);
      expect(w.accountState(whale.account)).toEqual(account);
      expect(w.balance(s.setup.vault)).toBe(vault);
      expect(w.engine.state.ledger.transfers.size).toBe(transfers);
      expect(s.staking.stakes.size).toBe(stakes);
      expect(findStake(s.staking, id)).toBeUndefined();
      expect(w.engine.head).toEqual(head);
    });

    it('early exit rejected: stake_locked until maturity, then the rest of the reward and the whole principal', async () => {
      const bob = await s.staker('1000');
      const id = await s.stake(bob, 'btt-30', '1000');
      const reward = findStake(s.staking, id)?.rewardUnits ?? 0n;
      s.advanceSeconds(30 * daySeconds - 1);
      expect(await w.code('staking.unstake', { stake: id }, bob.principal)).toBe('stake_locked');
      s.advanceSeconds(1);
      const outcome = await w.submit<UnstakeResult>('staking.unstake', { stake: id }, bob.principal);
      expect(outcome).toMatchObject({ ok: true, result: { stakeId: id, early: false, returned: '1000', penalty: '0' } });
      expect(w.balance(bob.account)).toBe(1000n * btt + reward);
      expect(findStake(s.staking, id)).toMatchObject({ status: 'closed', paidUnits: reward, reservationId: undefined, closedMs: w.clock.nowMs() });
      const events = await loggedEvents(w, outcome.ok ? outcome.seq : undefined);
      const closed = events.find((event) => event.type === 'stake_closed');
      expect(closed).toEqual({
        type: 'stake_closed',
        stakeId: id,
        ownerId: bob.principal.actorId,
        assetId: s.setup.asset,
        units: (1000n * btt).toString(),
        penaltyUnits: 0n,
        early: false,
      });
      expect(events.find((event) => event.type === 'stake_rewarded')).toMatchObject({ stakeId: id, paidUnits: reward, burnedUnits: 0n });
      expect(await w.code('staking.unstake', { stake: id }, bob.principal)).toBe('stake_closed');
    });

    it('benefits: each BTT tier alone gives its own; the best across stakes counts; none is 1x', async () => {
      const expected = {
        'btt-30': { votingMultiplierPpm: 1_000_000n, feeDiscountPpm: 0n, computePriority: false, specialAccess: false },
        'btt-90': { votingMultiplierPpm: 1_000_000n, feeDiscountPpm: 0n, computePriority: true, specialAccess: false },
        'btt-180': { votingMultiplierPpm: 1_000_000n, feeDiscountPpm: 200_000n, computePriority: true, specialAccess: false },
        'btt-365': { votingMultiplierPpm: 1_500_000n, feeDiscountPpm: 200_000n, computePriority: true, specialAccess: false },
        'btt-1095': { votingMultiplierPpm: 1_500_000n, feeDiscountPpm: 200_000n, computePriority: true, specialAccess: true },
      } as const;
      for (const tier of bttTiers) {
        const holder = await s.staker(tier.minimum);
        expect(stakingBenefits(s.staking, holder.principal.actorId, w.clock.nowMs())).toEqual(expected['btt-30']);
        await s.stake(holder, tier.id, tier.minimum);
        expect(stakingBenefits(s.staking, holder.principal.actorId, w.clock.nowMs()), tier.id).toEqual(expected[tier.id]);
        expect(stakingBenefits(s.staking, holder.principal.actorId, w.clock.nowMs() - 1), 'before the stake opened').toEqual(expected['btt-30']);
      }
      const both = await s.staker('105000');
      await s.stake(both, 'btt-90', '5000');
      await s.stake(both, 'btt-1095', '100000');
      expect(stakingBenefits(s.staking, both.principal.actorId, w.clock.nowMs())).toEqual(expected['btt-1095']);
      expect(stakedUnitsOf(s.staking, both.principal.actorId)).toBe(105_000n * btt);
      expect(activeStakes(s.staking, both.principal.actorId).map((stake) => stake.tierId)).toEqual(['btt-90', 'btt-1095']);
    });

    it('a matured stake keeps its benefits until it is unstaked', async () => {
      const holder = await s.staker('5000');
      const id = await s.stake(holder, 'btt-90', '5000');
      s.advanceSeconds(91 * daySeconds);
      expect(stakingBenefits(s.staking, holder.principal.actorId, w.clock.nowMs()).computePriority).toBe(true);
      await w.ok('staking.unstake', { stake: id }, holder.principal);
      expect(stakingBenefits(s.staking, holder.principal.actorId, w.clock.nowMs()).computePriority).toBe(false);
      expect(stakedUnitsOf(s.staking, holder.principal.actorId)).toBe(0n);
      expect(s.staking.activeByOwner.has(holder.principal.actorId)).toBe(false);
    });

    it('totals: the vault holds exactly the principal of the active stakes', () => {
      const active = activeStakes(s.staking);
      expect(totalStakedUnits(s.staking)).toBe(active.reduce((sum, stake) => sum + stake.units, 0n));
      expect(w.balance(s.setup.vault)).toBe(totalStakedUnits(s.staking));
      const reserved = active.reduce((sum, stake) => sum + stake.rewardUnits - stake.paidUnits, 0n);
      expect(w.accountState(s.setup.pool).debitsPendingUnits).toBe(reserved);
    });

    it('replaying the log and loading a snapshot give the same staking state', async () => {
      await w.engine.flush();
      const before = s.staking;
      const store = await w.dao.testStore.reopen();
      try {
        const engine = await Engine.open({ store, clock: w.clock });
        expect(engine.state.modules.staking).toEqual(before);
        await engine.close();
      } finally {
        await store.close();
      }
      await w.engine.snapshot();
      expect((await loadState(w.dao.store)).state.modules.staking).toEqual(s.staking);
    });
  });

  describe('reward burn share', () => {
    it('burns floor(payout * burn) of each payout from the pool; the staker gets the rest', async () => {
      const w = await openWorld();
      const tier = { id: 'burny', durationSeconds: 100 * daySeconds, apyPercent: '10', minimum: '1', rewardBurnPercent: '12.5' };
      const s = await StakingWorld.create(w, { tiers: [tier], decimals: 6 });
      const bob = await s.staker('1000');
      const id = await s.stake(bob, 'burny', '999.999999');
      const reward = findStake(s.staking, id)?.rewardUnits ?? 0n;
      expect(reward).toBe(expectedReward(999_999_999n, 100_000n, 100 * daySeconds));
      s.advanceSeconds(37 * daySeconds + 11);
      const payout = (reward * BigInt(37 * daySeconds + 11)) / BigInt(100 * daySeconds);
      const burned = (payout * 125_000n) / 1_000_000n;
      const poolBefore = w.balance(s.setup.pool);
      const bobBefore = w.balance(bob.account);
      const result = await w.ok<ClaimResult>('staking.claim', { stake: id }, bob.principal);
      expect(burned).toBeGreaterThan(0n);
      expect(w.balance(bob.account) - bobBefore).toBe(payout - burned);
      expect(poolBefore - w.balance(s.setup.pool)).toBe(payout);
      expect(w.assetState(s.setup.asset).burnedUnits).toBe(burned);
      expect(result.burned).toBe((Number(burned) / 1e6).toString());
      s.advanceSeconds(63 * daySeconds);
      const rest = reward - payout;
      const restBurned = (rest * 125_000n) / 1_000_000n;
      const done = await w.ok<UnstakeResult>('staking.unstake', { stake: id }, bob.principal);
      expect(done).toMatchObject({ early: false, returned: '999.999999' });
      expect(w.assetState(s.setup.asset).burnedUnits).toBe(burned + restBurned);
      expect(w.balance(bob.account)).toBe(1_000_000_000n + reward - burned - restBurned);
    });
  });

  describe('early exit with a penalty', () => {
    it('forfeits unpaid rewards, burns the penalty from the vault, returns the rest; claimed rewards stay', async () => {
      const w = await openWorld();
      const s = await StakingWorld.create(w, { configure: { earlyExit: { kind: 'penalty', penaltyPercent: '10' } } });
      const bob = await s.staker('10000');
      const id = await s.stake(bob, 'btt-180', '10000');
      const reward = findStake(s.staking, id)?.rewardUnits ?? 0n;
      s.advanceSeconds(60 * daySeconds);
      await w.ok('staking.claim', { stake: id }, bob.principal);
      const claimed = findStake(s.staking, id)?.paidUnits ?? 0n;
      const reservationId = findStake(s.staking, id)?.reservationId ?? '';
      const poolBefore = { ...w.accountState(s.setup.pool) };
      const poolBalance = w.balance(s.setup.pool);
      s.advanceSeconds(daySeconds);
      const outcome = await w.submit<UnstakeResult>('staking.unstake', { stake: id }, bob.principal);
      expect(outcome).toMatchObject({ ok: true, result: { early: true, returned: '9000', penalty: '1000', rewardPaid: '0' } });
      expect(w.balance(bob.account)).toBe(9000n * btt + claimed);
      expect(w.balance(s.setup.vault)).toBe(0n);
      expect(w.assetState(s.setup.asset).burnedUnits).toBe(1000n * btt);
      expect(w.engine.state.ledger.transfers.get(reservationId)?.status).toBe('voided');
      expect(w.accountState(s.setup.pool).debitsPendingUnits).toBe(poolBefore.debitsPendingUnits - (reward - claimed));
      expect(w.balance(s.setup.pool)).toBe(poolBalance);
      const closed = (await loggedEvents(w, outcome.ok ? outcome.seq : undefined)).find((event) => event.type === 'stake_closed');
      expect(closed).toMatchObject({ stakeId: id, penaltyUnits: 1000n * btt, early: true });
      expect(findStake(s.staking, id)).toMatchObject({ status: 'closed', paidUnits: claimed });
    });

    it('a 0 % penalty returns everything; settings may change while stakes are open', async () => {
      const w = await openWorld();
      const s = await StakingWorld.create(w);
      const bob = await s.staker('1000');
      const id = await s.stake(bob, 'btt-30', '1000');
      expect(await w.code('staking.unstake', { stake: id }, bob.principal)).toBe('stake_locked');
      await w.ok('staking.configure', { asset: s.setup.asset, rewardsFrom: s.setup.pool, earlyExit: { kind: 'penalty', penaltyPercent: '0' } });
      expect(await w.ok('staking.unstake', { stake: id }, bob.principal)).toMatchObject({ early: true, returned: '1000', penalty: '0' });
      expect(w.balance(bob.account)).toBe(1000n * btt);
      expect(w.accountState(s.setup.pool).debitsPendingUnits).toBe(0n);
    });
  });

  describe('configure, committees and voting', () => {
    it('repeats as exists, changes settings, and fixes the asset once stakes exist', async () => {
      const w = await openWorld();
      const s = await StakingWorld.create(w);
      const base = { asset: s.setup.asset, rewardsFrom: s.setup.pool, earlyExit: { kind: 'rejected' } };
      expect(await w.ok('staking.configure', base)).toEqual({ assetId: s.setup.asset, vaultId: s.setup.vault, status: 'exists' });
      const committees = [
        { id: 'validators', minimum: '50000', requiresIdentity: true },
        { id: 'grants', minimum: '1000' },
      ];
      expect(await w.ok('staking.configure', { ...base, voteRequiresStake: true, committees })).toMatchObject({ status: 'configured' });
      expect(voteRequiresStake(s.staking)).toBe(true);
      const bob = await s.staker('60000');
      expect(committeeEligibility(s.staking, bob.principal.actorId, 'grants', false)).toEqual({ eligible: false, reason: 'below_committee_minimum' });
      await s.stake(bob, 'btt-30', '1000');
      expect(committeeEligibility(s.staking, bob.principal.actorId, 'grants', false)).toEqual({ eligible: true });
      expect(committeeEligibility(s.staking, bob.principal.actorId, 'validators', true)).toEqual({ eligible: false, reason: 'below_committee_minimum' });
      await s.stake(bob, 'btt-365', '50000');
      expect(committeeEligibility(s.staking, bob.principal.actorId, 'validators', false)).toEqual({ eligible: false, reason: 'identity_required' });
      expect(committeeEligibility(s.staking, bob.principal.actorId, 'validators', true)).toEqual({ eligible: true });
      expect(committeeEligibility(s.staking, bob.principal.actorId, 'nope', true)).toEqual({ eligible: false, reason: 'committee_not_found' });
      const other = await w.asset({ decimals: 18 });
      const otherPool = await w.account(other);
      expect(await w.code('staking.configure', { ...base, asset: other, rewardsFrom: otherPool })).toBe('asset_locked');
    });

    it('before any stake the asset may change; tier minimums must fit its decimals', async () => {
      const w = await openWorld();
      const s = await StakingWorld.create(w, { tiers: [{ id: 'fine', durationSeconds: 60, apyPercent: '1', minimum: '0.5' }] });
      const whole = await w.asset({ decimals: 0 });
      const wholePool = await w.account(whole);
      expect(await w.code('staking.configure', { asset: whole, rewardsFrom: wholePool, earlyExit: { kind: 'rejected' } })).toBe('amount_invalid');
      const cents = await w.asset({ decimals: 2 });
      const centsPool = await w.account(cents);
      expect(await w.ok('staking.configure', { asset: cents, rewardsFrom: centsPool, earlyExit: { kind: 'rejected' } })).toMatchObject({
        status: 'configured',
      });
      expect(s.staking.config).toMatchObject({ assetId: cents, decimals: 2, vaultId: `@staking.${cents}` });
      expect(w.accountState(`@staking.${cents}`).ownerId).toBe('system');
    });
  });

  describe('a reservation settled outside the module', () => {
    it('posted units count as paid; after a void the reward comes from the free balance', async () => {
      const w = await openWorld();
      const s = await StakingWorld.create(w, { poolFunds: '100000' });
      const bob = await s.staker('100000');
      const id = await s.stake(bob, 'btt-365', '50000');
      const reward = findStake(s.staking, id)?.rewardUnits ?? 0n;
      const first = findStake(s.staking, id)?.reservationId ?? '';
      await w.ok('ledger.post_pending', { pendingId: first, amount: '100' });
      s.advanceSeconds(365 * daySeconds);
      await w.ok('staking.claim', { stake: id }, bob.principal);
      expect(findStake(s.staking, id)).toMatchObject({ paidUnits: reward, reservationId: undefined });
      expect(w.balance(bob.account)).toBe(50_000n * btt + reward);

      const carol = await s.staker('50000');
      const second = await s.stake(carol, 'btt-365', '50000');
      await w.ok('ledger.void_pending', { pendingId: findStake(s.staking, second)?.reservationId ?? '' });
      s.advanceSeconds(10 * daySeconds);
      await w.ok('staking.claim', { stake: second }, carol.principal);
      expect(findStake(s.staking, second)?.paidUnits).toBe((reward * BigInt(10 * daySeconds)) / BigInt(365 * daySeconds));
      expect(w.accountState(s.setup.pool).debitsPendingUnits).toBe(reward - (findStake(s.staking, second)?.paidUnits ?? 0n));
    });
  });

  describe('rejections', () => {
    let w: LedgerWorld;
    let s: StakingWorld;
    let bob: Staker;
    let open: string;
    let closed: string;
    beforeAll(async () => {
      w = await openWorld();
      s = await StakingWorld.create(w, { poolFunds: '100000' });
      bob = await s.staker('300000');
      open = await s.stake(bob, 'btt-30', '1000');
      closed = await s.stake(bob, 'btt-30', '1000');
      await w.ok('staking.configure', { asset: s.setup.asset, rewardsFrom: s.setup.pool, earlyExit: { kind: 'penalty', penaltyPercent: '1' } });
      await w.ok('staking.unstake', { stake: closed }, bob.principal);
      await w.ok('staking.configure', { asset: s.setup.asset, rewardsFrom: s.setup.pool, earlyExit: { kind: 'rejected' } });
    });

    it('an unconfigured DAO: not_configured for create_tier and stake', async () => {
      const bare = await openWorld();
      expect(await bare.code('staking.create_tier', bttTiers[0])).toBe('not_configured');
      expect(await bare.code('staking.stake', { id: 's', tier: 'btt-30', from: 'a', amount: '1' })).toBe('not_configured');
      expect(await bare.code('staking.claim', { stake: 's' })).toBe('stake_not_found');
    });

    type Row = [string, (ctx: { w: LedgerWorld; s: StakingWorld; bob: Staker }) => Promise<[string, unknown, { actorId: string }?]>];
    const configure = (s: StakingWorld, fields: Record<string, unknown> = {}) => ({
      asset: s.setup.asset,
      rewardsFrom: s.setup.pool,
      earlyExit: { kind: 'rejected' },
      ...fields,
    });
    const configureRows: Row[] = [
      ['not_authorized', async ({ w, s }) => ['staking.configure', configure(s), await w.actor()]],
      ['asset_not_found', async ({ s }) => ['staking.configure', configure(s, { asset: 'ghost' })]],
      ['asset_not_fungible', async ({ w, s }) => ['staking.configure', configure(s, { asset: await w.asset({ kind: 'non_fungible' }) })]],
      ['asset_locked', async ({ w, s }) => ['staking.configure', configure(s, { asset: await w.asset() })]],
      ['account_not_found', async ({ s }) => ['staking.configure', configure(s, { rewardsFrom: '@treasury.ghost' })]],
      ['asset_mismatch', async ({ w, s }) => ['staking.configure', configure(s, { rewardsFrom: await w.account(await w.asset()) })]],
      ['rewards_from_invalid', async ({ s }) => ['staking.configure', configure(s, { rewardsFrom: s.setup.vault })]],
      ['percent_invalid', async ({ s }) => ['staking.configure', configure(s, { earlyExit: { kind: 'penalty', penaltyPercent: '100.5' } })]],
      ['committee_duplicate', async ({ s }) => ['staking.configure', configure(s, { committees: [1, 2].map(() => ({ id: 'c', minimum: '1' })) })]],
      ['amount_invalid', async ({ s }) => ['staking.configure', configure(s, { committees: [{ id: 'c', minimum: '0.0000000000000000001' }] })]],
    ];
    const tier = (fields: Record<string, unknown> = {}) => ({ id: 'new-tier', durationSeconds: 60, apyPercent: '1', minimum: '1', ...fields });
    const tierRows: Row[] = [
      ['not_authorized', async ({ w }) => ['staking.create_tier', tier(), await w.actor()]],
      ['amount_invalid', async () => ['staking.create_tier', tier({ minimum: '0' })]],
      ['percent_invalid', async () => ['staking.create_tier', tier({ apyPercent: '101' })]],
      ['multiplier_invalid', async () => ['staking.create_tier', tier({ benefits: { votingMultiplier: '0.5' } })]],
      ['tier_exists', async () => ['staking.create_tier', { ...bttTiers[0], minimum: '999' }]],
    ];
    const stakeRows: Row[] = [
      ['tier_not_found', async ({ bob }) => ['staking.stake', { id: w.id('x'), tier: 'ghost', from: bob.account, amount: '1000' }, bob.principal]],
      ['stake_exists', async ({ bob }) => ['staking.stake', { id: open, tier: 'btt-30', from: bob.account, amount: '2000' }, bob.principal]],
      ['account_not_found', async ({ bob }) => ['staking.stake', { id: w.id('x'), tier: 'btt-30', from: 'ghost', amount: '1000' }, bob.principal]],
      [
        'asset_mismatch',
        async ({ w, bob }) => ['staking.stake', { id: w.id('x'), tier: 'btt-30', from: await w.account(await w.asset()), amount: '1000' }, bob.principal],
      ],
      [
        'amount_invalid',
        async ({ bob }) => ['staking.stake', { id: w.id('x'), tier: 'btt-30', from: bob.account, amount: '1000.0000000000000000001' }, bob.principal],
      ],
      [
        'below_tier_minimum',
        async ({ bob }) => ['staking.stake', { id: w.id('x'), tier: 'btt-30', from: bob.account, amount: '999.999999999999999999' }, bob.principal],
      ],
      ['not_authorized', async ({ w, bob }) => ['staking.stake', { id: w.id('x'), tier: 'btt-30', from: bob.account, amount: '1000' }, await w.actor()]],
      [
        'insufficient_funds',
        async ({ s }) => {
          const poor = await s.staker('999');
          return ['staking.stake', { id: w.id('x'), tier: 'btt-30', from: poor.account, amount: '1000' }, poor.principal];
        },
      ],
      [
        'reward_pool_insufficient',
        async ({ bob }) => ['staking.stake', { id: w.id('x'), tier: 'btt-1095', from: bob.account, amount: '200000' }, bob.principal],
      ],
    ];
    const claimRows: Row[] = [
      ['stake_not_found', async ({ bob }) => ['staking.claim', { stake: 'ghost' }, bob.principal]],
      ['not_stake_owner', async ({ w }) => ['staking.claim', { stake: open }, await w.actor()]],
      ['stake_closed', async ({ bob }) => ['staking.claim', { stake: closed }, bob.principal]],
      ['nothing_to_claim', async ({ bob }) => ['staking.claim', { stake: open }, bob.principal]],
    ];
    const unstakeRows: Row[] = [
      ['stake_not_found', async ({ bob }) => ['staking.unstake', { stake: 'ghost' }, bob.principal]],
      ['not_stake_owner', async ({ w }) => ['staking.unstake', { stake: open }, await w.actor()]],
      ['stake_closed', async ({ bob }) => ['staking.unstake', { stake: closed }, bob.principal]],
      ['stake_locked', async ({ bob }) => ['staking.unstake', { stake: open }, bob.principal]],
    ];

    it.each([
      ...configureRows.map(([code, build]) => ['staking.configure', code, build] as const),
      ...tierRows.map(([code, build]) => ['staking.create_tier', code, build] as const),
      ...stakeRows.map(([code, build]) => ['staking.stake', code, build] as const),
      ...claimRows.map(([code, build]) => ['staking.claim', code, build] as const),
      ...unstakeRows.map(([code, build]) => ['staking.unstake', code, build] as const),
    ])('%s -> %s', async (_type, code, build) => {
      const [type, payload, by] = await build({ w, s, bob });
      const before = { stakes: s.staking.stakes.size, tiers: s.staking.tiers.size, config: s.staking.config, head: w.engine.head };
      expect(await w.code(type, payload, by ?? w.admin)).toBe(code);
      expect({ stakes: s.staking.stakes.size, tiers: s.staking.tiers.size, config: s.staking.config, head: w.engine.head }).toEqual(before);
    });

    it('claim and unstake are reward_pool_insufficient when the reservation was voided and the pool drained', async () => {
      const carol = await s.staker('1000');
      const id = await s.stake(carol, 'btt-30', '1000');
      await w.ok('ledger.void_pending', { pendingId: findStake(s.staking, id)?.reservationId ?? '' });
      const drain = await w.account(s.setup.asset);
      const free = formatAmount(availableUnits(w.accountState(s.setup.pool)), 18);
      expect(await w.transfer({ id: w.id('drain'), from: s.setup.pool, to: drain, amount: free })).toBe('created');
      expect(availableUnits(w.accountState(s.setup.pool))).toBe(0n);
      s.advanceSeconds(daySeconds);
      expect(await w.code('staking.claim', { stake: id }, carol.principal)).toBe('reward_pool_insufficient');
      s.advanceSeconds(30 * daySeconds);
      expect(await w.code('staking.unstake', { stake: id }, carol.principal)).toBe('reward_pool_insufficient');
      await w.transfer({ id: w.id('refill'), from: drain, to: s.setup.pool, amount: '100' });
      expect(await w.ok('staking.unstake', { stake: id }, carol.principal)).toMatchObject({ early: false, returned: '1000' });
    });

    it('too_many_stakes once an actor holds the maximum of open stakes', async () => {
      const { activeStakesPerOwnerMax } = await import('./limits.ts');
      const many = await openWorld();
      const t = await StakingWorld.create(many, { tiers: [{ id: 'tiny', durationSeconds: 60, apyPercent: '0', minimum: '1' }], decimals: 0 });
      const holder = await t.staker(String(activeStakesPerOwnerMax + 1));
      for (let index = 0; index < activeStakesPerOwnerMax; index += 1) await t.stake(holder, 'tiny', '1');
      expect(await many.code('staking.stake', { id: 'one-more', tier: 'tiny', from: holder.account, amount: '1' }, holder.principal)).toBe('too_many_stakes');
      expect(activeStakes(t.staking, holder.principal.actorId)).toHaveLength(activeStakesPerOwnerMax);
    });

    it('tiers_full once the DAO offers the maximum of tiers', async () => {
      const { tiersMax } = await import('./limits.ts');
      const full = await openWorld();
      const t = await StakingWorld.create(full, { tiers: [] });
      for (let index = 0; index < tiersMax; index += 1) await full.ok('staking.create_tier', tier({ id: `t${index}` }));
      expect(await full.code('staking.create_tier', tier({ id: 'one-more' }))).toBe('tiers_full');
      expect(t.staking.tiers.size).toBe(tiersMax);
    });
  });
});
