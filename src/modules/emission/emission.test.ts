import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachBackend } from '../../../test/support/backends.ts';
import { LedgerWorld } from '../../../test/support/ledger-world.ts';
import { loadState } from '../../engine/replay.ts';
import { encodeSnapshot } from '../../engine/snapshot.ts';
import type { EngineState } from '../../engine/state.ts';
import { canonicalJson } from '../../kernel/canonical-json.ts';
import { yearSeconds } from '../../kernel/rates.ts';
import type { VestingSchedule } from '../vesting/index.ts';
import {
  type CreatePoolResult,
  type DistributeResult,
  type EmitResult,
  emissionPool,
  emittableUnits,
  poolAccountId,
  poolRewardsAccountId,
  scheduledEmissionUnits,
} from './index.ts';

const second = 1000;
const year = yearSeconds * second;
const btt = 10n ** 18n;

/** Key order aside (a replayed event has sorted keys), the state as text. */
const stateText = (state: EngineState): string => canonicalJson(JSON.parse(encodeSnapshot(state)));

const bttEpochs: VestingSchedule = {
  kind: 'epochs',
  epochs: [
    { durationSeconds: 2 * yearSeconds, percent: '40' },
    { durationSeconds: 2 * yearSeconds, percent: '30' },
    { durationSeconds: 2 * yearSeconds, percent: '20' },
    { durationSeconds: 2 * yearSeconds, percent: '10' },
  ],
};
const nodeFactors = { compute: 40, quality: 30, geography: 15, energy: 15 };

forEachBackend((backend) => {
  let w: LedgerWorld;
  beforeAll(async () => {
    w = await LedgerWorld.open(backend);
  });
  afterAll(async () => {
    await w.close();
  });

  async function pool(fields: { asset: string; amount: string; schedule: VestingSchedule; factors?: Record<string, number>; source?: string }) {
    const id = w.id('pool');
    const startMs = w.clock.nowMs();
    const result = await w.ok<CreatePoolResult>('emission.create_pool', { id, startMs, factors: nodeFactors, ...fields });
    expect(result).toEqual({ id, status: 'created', accountId: poolAccountId(id), rewardsAccountId: poolRewardsAccountId(id), amount: fields.amount });
    return { id, startMs };
  }
  const emit = (id: string) => w.ok<EmitResult>('emission.emit', { pool: id });
  const poolState = (id: string) => {
    const found = emissionPool(w.engine.state.modules.emission, id);
    if (!found) expect.fail(`no pool ${id}`);
    return found;
  };

  /** Three node accounts whose scores give 28.75 %, 52.5 % and 18.75 % (see shares.test.ts). */
  async function nodes(asset: string) {
    const accounts = [await w.account(asset), await w.account(asset), await w.account(asset)];
    const scores = [
      { compute: '100', quality: '50', geography: '1', energy: '0' },
      { compute: '300', quality: '50', geography: '1', energy: '10' },
      { geography: '2', energy: '30' },
    ];
    return { accounts, contributions: accounts.map((account, i) => ({ account, scores: scores[i] ?? {} })) };
  }

  describe('a BTT-like pool: 6,300,000 over 8 years, 40 / 30 / 20 / 10 % per two years', () => {
    it('emits exactly the schedule, empties the pool account, never exceeds the fixed supply', async () => {
      const asset = await w.asset({ decimals: 18, supply: 'fixed', maxSupply: '6300000' });
      const { id, startMs } = await pool({ asset, amount: '6300000', schedule: bttEpochs });
      expect(w.balance(poolAccountId(id))).toBe(6_300_000n * btt);
      expect(await w.code('emission.emit', { pool: id })).toBe('nothing_to_emit');

      w.clock.setMs(startMs + year);
      expect(emittableUnits(poolState(id), startMs + year)).toBe(1_260_000n * btt);
      expect(await emit(id)).toEqual({ pool: id, emitted: '1260000', totalEmitted: '1260000' });
      w.clock.setMs(startMs + 2 * year);
      expect(await emit(id)).toEqual({ pool: id, emitted: '1260000', totalEmitted: '2520000' });
      expect(w.balance(poolRewardsAccountId(id))).toBe(2_520_000n * btt);
      expect(scheduledEmissionUnits(poolState(id), startMs + 4 * year)).toBe(4_410_000n * btt);

      w.clock.setMs(startMs + 8 * year);
      expect(await emit(id)).toEqual({ pool: id, emitted: '3780000', totalEmitted: '6300000' });
      expect(w.balance(poolAccountId(id))).toBe(0n);
      expect(w.balance(poolRewardsAccountId(id))).toBe(6_300_000n * btt);
      expect(await w.code('emission.emit', { pool: id })).toBe('nothing_to_emit');
      expect(w.assetState(asset).mintedUnits).toBe(6_300_000n * btt);
      expect(await w.code('emission.create_pool', { id: w.id('pool'), asset, amount: '0.000000000000000001', schedule: bttEpochs, factors: nodeFactors })).toBe(
        'max_supply_exceeded',
      );

      const { accounts, contributions } = await nodes(asset);
      const result = await w.ok<DistributeResult>('emission.distribute', { id: w.id('dist'), pool: id, contributions });
      expect(result).toMatchObject({ amount: '6300000', distributed: '6300000', dust: '0' });
      expect(result.payouts.map((payout) => payout.amount)).toEqual(['1811250', '3307500', '1181250']);
      expect(accounts.map((account) => w.balance(account))).toEqual([1_811_250n * btt, 3_307_500n * btt, 1_181_250n * btt]);
      expect(w.balance(poolRewardsAccountId(id))).toBe(0n);
      expect(poolState(id)).toMatchObject({ emittedUnits: 6_300_000n * btt, distributedUnits: 6_300_000n * btt });
      expect(w.assetState(asset).mintedUnits).toBe(6_300_000n * btt);
    });
  });

  describe('emission.distribute', () => {
    it('pays by the weighted formula, leaves the rounding dust for next time', async () => {
      const asset = await w.asset({ decimals: 0 });
      const { id } = await pool({ asset, amount: '1000001', schedule: { kind: 'immediate' } });
      await emit(id);
      const { accounts, contributions } = await nodes(asset);
      const first = w.id('dist');
      const result = await w.ok<DistributeResult>('emission.distribute', { id: first, pool: id, contributions });
      expect(result).toEqual({
        id: first,
        pool: id,
        amount: '1000001',
        distributed: '1000000',
        dust: '1',
        payouts: accounts.map((account, i) => ({ account, amount: ['287500', '525000', '187500'][i], transferId: `emission:${first}:${i}` })),
      });
      expect(w.balance(poolRewardsAccountId(id))).toBe(1n);
      // The dust goes out with the next distribution.
      const next = await w.ok<DistributeResult>('emission.distribute', {
        id: w.id('dist'),
        pool: id,
        contributions: [{ account: accounts[2], scores: { energy: '1' } }],
      });
      expect(next).toMatchObject({ amount: '1', distributed: '1', dust: '0' });
      expect(w.balance(poolRewardsAccountId(id))).toBe(0n);
    });

    it('an explicit amount pays part; a share that rounds to zero makes no transfer', async () => {
      const asset = await w.asset({ decimals: 0 });
      const { id } = await pool({ asset, amount: '1000', schedule: { kind: 'immediate' }, factors: { compute: 1 } });
      await emit(id);
      const [big, small] = [await w.account(asset), await w.account(asset)];
      const result = await w.ok<DistributeResult>('emission.distribute', {
        id: w.id('dist'),
        pool: id,
        amount: '10',
        contributions: [
          { account: big, scores: { compute: '1000' } },
          { account: small, scores: { compute: '1' } },
        ],
      });
      expect(result).toMatchObject({ amount: '10', distributed: '9', dust: '1' });
      expect(result.payouts[1]).toEqual({ account: small, amount: '0' });
      expect(w.balance(poolRewardsAccountId(id))).toBe(991n);
    });

    it('needs the emission.distribute grant on the pool; access.grant gives it', async () => {
      const asset = await w.asset({ decimals: 0 });
      const { id } = await pool({ asset, amount: '100', schedule: { kind: 'immediate' } });
      await emit(id);
      const { contributions } = await nodes(asset);
      const oracle = await w.actor();
      expect(await w.code('emission.distribute', { id: w.id('dist'), pool: id, contributions }, oracle)).toBe('not_authorized');
      await w.ok('access.grant', { actorId: oracle.actorId, action: 'emission.distribute', resource: `pool:${id}` });
      expect(await w.code('emission.distribute', { id: w.id('dist'), pool: id, amount: '10', contributions }, oracle)).toBe('accepted');
      expect(
        await w.code('emission.create_pool', { id: w.id('pool'), asset, amount: '1', schedule: { kind: 'immediate' }, factors: nodeFactors }, oracle),
      ).toBe('not_authorized');
    });
  });

  describe('emission.create_pool', () => {
    it('is idempotent: the same body is exists and mints nothing more', async () => {
      const asset = await w.asset({ decimals: 0 });
      const id = w.id('pool');
      const payload = { id, asset, amount: '500', schedule: bttEpochs, factors: nodeFactors };
      expect(await w.ok<CreatePoolResult>('emission.create_pool', payload)).toMatchObject({ status: 'created' });
      w.clock.advanceMs(second);
      const reordered = { ...payload, factors: { energy: 15, geography: 15, quality: 30, compute: 40 } };
      expect(await w.ok<CreatePoolResult>('emission.create_pool', reordered)).toMatchObject({ status: 'exists' });
      expect(w.assetState(asset).mintedUnits).toBe(500n);
      expect(await w.code('emission.create_pool', { ...payload, factors: { compute: 1 } })).toBe('pool_exists');
    });

    it('funds from a source account when told', async () => {
      const asset = await w.asset({ decimals: 0 });
      const treasury = await w.account(asset);
      await w.mint(asset, treasury, '70');
      const { id } = await pool({ asset, amount: '50', schedule: { kind: 'linear', lockupSeconds: 0, durationSeconds: 10 }, source: treasury });
      expect([w.balance(treasury), w.balance(poolAccountId(id))]).toEqual([20n, 50n]);
    });

    it.each<[string, Record<string, unknown>]>([
      ['an upper-case factor name', { factors: { Compute: 1 } }],
      ['no factors', { factors: {} }],
      ['a fractional weight', { factors: { compute: 1.5 } }],
      ['a weight above the maximum', { factors: { compute: 1_000_001 } }],
      ['too many factors', { factors: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`f${i}`, 1])) }],
      ['a pool id with a dot', { id: 'a.rewards' }],
    ])('schema refuses %s', async (_name, fields) => {
      const payload = { id: w.id('pool'), asset: 'any', amount: '1', schedule: { kind: 'immediate' }, factors: nodeFactors, ...fields };
      // Validation happens before sequencing: submit throws instead of returning a rejection.
      await expect(async () => w.submit('emission.create_pool', payload)).rejects.toMatchObject({ code: 'validation_failed' });
    });
  });

  describe('rejections, in order, one row per code', () => {
    type Setup = { asset: string; ready: string; locked: string; used: string; holder: string; other: string };
    async function setup(): Promise<Setup> {
      const asset = await w.asset({ decimals: 0, supply: 'fixed', maxSupply: '1000000' });
      const ready = (await pool({ asset, amount: '1000', schedule: { kind: 'immediate' } })).id;
      await emit(ready);
      const locked = (await pool({ asset, amount: '1000', schedule: { kind: 'linear', lockupSeconds: 600, durationSeconds: 600 } })).id;
      const holder = await w.account(asset);
      const used = w.id('dist');
      await w.ok('emission.distribute', { id: used, pool: ready, amount: '1', contributions: [{ account: holder, scores: { compute: '1' } }] });
      const other = await w.account(await w.asset());
      return { asset, ready, locked, used, holder, other };
    }
    const create = (s: Setup, fields: Record<string, unknown> = {}) => ({
      id: 'new-pool',
      asset: s.asset,
      amount: '10',
      schedule: { kind: 'immediate' },
      factors: nodeFactors,
      ...fields,
    });
    const distribution = (s: Setup, fields: Record<string, unknown> = {}) => ({
      id: 'new-dist',
      pool: s.ready,
      contributions: [{ account: s.holder, scores: { compute: '5' } }],
      ...fields,
    });

    it.each<[string, string, (s: Setup) => [string, unknown], boolean]>([
      ['create by a member without economy.admin', 'not_authorized', (s) => ['emission.create_pool', create(s)], true],
      ['create with a used id and another body', 'pool_exists', (s) => ['emission.create_pool', create(s, { id: s.ready })], false],
      ['create of an unknown asset', 'asset_not_found', (s) => ['emission.create_pool', create(s, { asset: 'ghost' })], false],
      [
        'create with percents over 100',
        'schedule_invalid',
        (s) => ['emission.create_pool', create(s, { schedule: { kind: 'epochs', epochs: [{ durationSeconds: 1, percent: '101' }] } })],
        false,
      ],
      [
        'create with a milestone schedule',
        'schedule_invalid',
        (s) => ['emission.create_pool', create(s, { schedule: { kind: 'milestones', tranches: [{ milestone: 'a', percent: '100' }] } })],
        false,
      ],
      ['create with every weight zero', 'factors_invalid', (s) => ['emission.create_pool', create(s, { factors: { compute: 0, energy: 0 } })], false],
      ['create of zero', 'amount_invalid', (s) => ['emission.create_pool', create(s, { amount: '0' })], false],
      ['create beyond the fixed supply', 'max_supply_exceeded', (s) => ['emission.create_pool', create(s, { amount: '998001' })], false],
      ['create from a source that holds too little', 'insufficient_funds', (s) => ['emission.create_pool', create(s, { source: s.holder })], false],
      ['emit of an unknown pool', 'pool_not_found', () => ['emission.emit', { pool: 'ghost' }], false],
      ['emit during the lock-up', 'nothing_to_emit', (s) => ['emission.emit', { pool: s.locked }], false],
      ['emit of a pool emitted in full', 'nothing_to_emit', (s) => ['emission.emit', { pool: s.ready }], false],
      ['distribute without the grant', 'not_authorized', (s) => ['emission.distribute', distribution(s)], true],
      ['distribute with a used id', 'distribution_exists', (s) => ['emission.distribute', distribution(s, { id: s.used })], false],
      ['distribute from an unknown pool', 'pool_not_found', (s) => ['emission.distribute', distribution(s, { pool: 'ghost' })], false],
      [
        'distribute to an account listed twice',
        'contribution_duplicate',
        (s) => [
          'emission.distribute',
          distribution(s, {
            contributions: [
              { account: s.holder, scores: { compute: '1' } },
              { account: s.holder, scores: { energy: '1' } },
            ],
          }),
        ],
        false,
      ],
      [
        'distribute with an unknown factor',
        'factor_unknown',
        (s) => ['emission.distribute', distribution(s, { contributions: [{ account: s.holder, scores: { speed: '1' } }] })],
        false,
      ],
      [
        'distribute to a missing account',
        'account_not_found',
        (s) => ['emission.distribute', distribution(s, { contributions: [{ account: 'ghost', scores: {} }] })],
        false,
      ],
      [
        'distribute to an account of another asset',
        'asset_mismatch',
        (s) => ['emission.distribute', distribution(s, { contributions: [{ account: s.other, scores: {} }] })],
        false,
      ],
      ['distribute an amount of zero', 'amount_invalid', (s) => ['emission.distribute', distribution(s, { amount: '0' })], false],
      ['distribute more than the rewards hold', 'insufficient_funds', (s) => ['emission.distribute', distribution(s, { amount: '1000' })], false],
      ['distribute from empty rewards', 'nothing_to_distribute', (s) => ['emission.distribute', distribution(s, { pool: s.locked })], false],
      [
        'distribute with every score zero',
        'nothing_to_distribute',
        (s) => ['emission.distribute', distribution(s, { contributions: [{ account: s.holder, scores: { compute: '0' } }] })],
        false,
      ],
    ])('%s -> %s', async (_name, expected, build, asMember) => {
      const s = await setup();
      const [type, payload] = build(s);
      const principal = asMember ? await w.actor() : w.admin;
      const ledgerBefore = { accounts: w.engine.state.ledger.accounts.size, transfers: w.engine.state.ledger.transfers.size };
      const emissionBefore = stateText(w.engine.state);
      expect(await w.code(type, payload, principal)).toBe(expected);
      expect({ accounts: w.engine.state.ledger.accounts.size, transfers: w.engine.state.ledger.transfers.size }).toEqual(ledgerBefore);
      if (!asMember) expect(stateText(w.engine.state)).toBe(emissionBefore);
    });
  });

  it('replaying the log rebuilds the same emission state', async () => {
    const asset = await w.asset({ decimals: 0 });
    const { id, startMs } = await pool({ asset, amount: '1000', schedule: { kind: 'linear', lockupSeconds: 0, durationSeconds: 100 } });
    w.clock.setMs(startMs + 30 * second);
    await emit(id);
    const { contributions } = await nodes(asset);
    await w.ok('emission.distribute', { id: w.id('dist'), pool: id, contributions });
    await w.engine.flush();
    const replayed = await loadState(w.dao.store);
    expect(stateText(replayed.state)).toBe(stateText(w.engine.state));
    expect(emissionPool(replayed.state.modules.emission, id)).toMatchObject({ emittedUnits: 300n, distributedUnits: 299n });
  });
});
