import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachBackend } from '../../../test/support/backends.ts';
import { LedgerWorld } from '../../../test/support/ledger-world.ts';
import { loadState } from '../../engine/replay.ts';
import { encodeSnapshot } from '../../engine/snapshot.ts';
import type { EngineState } from '../../engine/state.ts';
import { canonicalJson } from '../../kernel/canonical-json.ts';
import { monthSeconds } from '../../kernel/rates.ts';
import { type ClaimVestingResult, type CreateVestingResult, releasableUnits, type VestingSchedule, vestingGrant, vestingHoldAccountId } from './index.ts';

const second = 1000;

/** Key order aside (a replayed event has sorted keys), the state as text. */
const stateText = (state: EngineState): string => canonicalJson(JSON.parse(encodeSnapshot(state)));
const month = monthSeconds * second;
const btt = 10n ** 18n;

forEachBackend((backend) => {
  let w: LedgerWorld;
  beforeAll(async () => {
    w = await LedgerWorld.open(backend);
  });
  afterAll(async () => {
    await w.close();
  });

  /** A fixed-supply token (2 decimals, max 1,000,000) and a beneficiary account holding it. */
  async function token(options: { decimals?: number; maxSupply?: string } = {}): Promise<{ asset: string; beneficiary: string }> {
    const asset = await w.asset({ supply: 'fixed', maxSupply: options.maxSupply ?? '1000000', decimals: options.decimals ?? 2 });
    return { asset, beneficiary: await w.account(asset) };
  }

  /** Creates a grant starting now; returns its id and start. */
  async function grant(fields: { asset: string; beneficiary: string; amount: string; schedule: VestingSchedule; source?: string }) {
    const id = w.id('grant');
    const startMs = w.clock.nowMs();
    const result = await w.ok<CreateVestingResult>('vesting.create', { id, startMs, ...fields });
    expect(result).toEqual({ id, status: 'created', holdAccountId: vestingHoldAccountId(id), amount: fields.amount });
    return { id, startMs };
  }

  const claim = (id: string) => w.submit<ClaimVestingResult>('vesting.claim', { id });
  const claimed = async (id: string): Promise<ClaimVestingResult> => w.ok<ClaimVestingResult>('vesting.claim', { id });

  describe('vesting.create', () => {
    it('mints the amount into the hold account of a fixed-supply asset', async () => {
      const { asset, beneficiary } = await token();
      const { id } = await grant({ asset, beneficiary, amount: '1200', schedule: { kind: 'linear', lockupSeconds: 60, durationSeconds: 600 } });
      const hold = vestingHoldAccountId(id);
      expect(w.balance(hold)).toBe(120_000n);
      expect(w.accountState(hold)).toMatchObject({ ownerId: 'system', assetId: asset, allowOverdraft: false });
      expect(w.assetState(asset).mintedUnits).toBe(120_000n);
      expect(vestingGrant(w.engine.state.modules.vesting, id)).toMatchObject({
        totalUnits: 120_000n,
        releasedUnits: 0n,
        beneficiaryId: beneficiary,
        source: 'mint',
      });
    });

    it('funds from a source account instead of minting', async () => {
      const { asset, beneficiary } = await token();
      const source = await w.account(asset);
      await w.mint(asset, source, '500');
      const { id } = await grant({ asset, beneficiary, amount: '300', schedule: { kind: 'immediate' }, source });
      expect(w.balance(source)).toBe(20_000n);
      expect(w.balance(vestingHoldAccountId(id))).toBe(30_000n);
      expect(w.assetState(asset).mintedUnits).toBe(50_000n);
    });

    it('is idempotent: the same body is exists, without a second mint; startMs defaults to the command time', async () => {
      const { asset, beneficiary } = await token();
      const id = w.id('grant');
      const payload = { id, asset, beneficiary, amount: '10', schedule: { kind: 'cliff', cliffSeconds: 10, durationSeconds: 100 } };
      expect(await w.ok<CreateVestingResult>('vesting.create', payload)).toMatchObject({ status: 'created' });
      const startMs = vestingGrant(w.engine.state.modules.vesting, id)?.startMs;
      expect(startMs).toBe(w.clock.nowMs());
      w.clock.advanceMs(5 * second);
      expect(await w.ok<CreateVestingResult>('vesting.create', payload)).toEqual({
        id,
        status: 'exists',
        holdAccountId: vestingHoldAccountId(id),
        amount: '10',
      });
      expect(await w.ok<CreateVestingResult>('vesting.create', { ...payload, startMs })).toMatchObject({ status: 'exists' });
      expect(w.assetState(asset).mintedUnits).toBe(1_000n);
      expect(await w.code('vesting.create', { ...payload, startMs: (startMs ?? 0) + 1 })).toBe('vesting_exists');
      expect(await w.code('vesting.create', { ...payload, source: 'mint', amount: '10.00' })).toBe('accepted');
    });
  });

  describe('vesting.claim', () => {
    it('linear: nothing before the lock-up ends, exact amounts at each boundary, the final claim empties the hold account', async () => {
      const { asset, beneficiary } = await token();
      // 1,000 units vest over 1,000 s after a 100 s lock-up: one unit (100 base units) a second.
      const { id, startMs } = await grant({ asset, beneficiary, amount: '1000', schedule: { kind: 'linear', lockupSeconds: 100, durationSeconds: 1000 } });
      const hold = vestingHoldAccountId(id);
      w.clock.setMs(startMs + 99 * second);
      expect(await claim(id)).toMatchObject({ ok: false, code: 'nothing_to_claim' });
      w.clock.setMs(startMs + 100 * second);
      expect(await claim(id)).toMatchObject({ ok: false, code: 'nothing_to_claim' });
      w.clock.setMs(startMs + 101 * second);
      expect(await claimed(id)).toEqual({ id, claimed: '1', released: '1' });
      w.clock.setMs(startMs + 600 * second);
      expect(await claimed(id)).toEqual({ id, claimed: '499', released: '500' });
      w.clock.setMs(startMs + 1099 * second);
      expect(await claimed(id)).toEqual({ id, claimed: '499', released: '999' });
      w.clock.setMs(startMs + 1100 * second);
      expect(await claimed(id)).toEqual({ id, claimed: '1', released: '1000' });
      expect(w.balance(hold)).toBe(0n);
      expect(w.balance(beneficiary)).toBe(100_000n);
      w.clock.setMs(startMs + 5000 * second);
      expect(await claim(id)).toMatchObject({ ok: false, code: 'nothing_to_claim' });
    });

    it('the BTT example: 2,100,000 BTT, 6-month lock-up, 36 months: 350,000 at month 12, all at month 42', async () => {
      const { asset, beneficiary } = await token({ decimals: 18, maxSupply: '2100000' });
      const { id, startMs } = await grant({
        asset,
        beneficiary,
        amount: '2100000',
        schedule: { kind: 'linear', lockupSeconds: 6 * monthSeconds, durationSeconds: 36 * monthSeconds },
      });
      w.clock.setMs(startMs + 12 * month);
      expect(await claimed(id)).toEqual({ id, claimed: '350000', released: '350000' });
      w.clock.setMs(startMs + 42 * month);
      expect(await claimed(id)).toEqual({ id, claimed: '1750000', released: '2100000' });
      expect(w.balance(beneficiary)).toBe(2_100_000n * btt);
      expect(w.balance(vestingHoldAccountId(id))).toBe(0n);
      // The fixed supply is spent: another grant would exceed it.
      expect(await w.code('vesting.create', { id: w.id('grant'), asset, beneficiary, amount: '0.000000000000000001', schedule: { kind: 'immediate' } })).toBe(
        'max_supply_exceeded',
      );
    });

    it('cliff: nothing before the cliff, then what accrued since the start', async () => {
      const { asset, beneficiary } = await token();
      const { id, startMs } = await grant({ asset, beneficiary, amount: '1000', schedule: { kind: 'cliff', cliffSeconds: 250, durationSeconds: 1000 } });
      w.clock.setMs(startMs + 249 * second);
      expect(await claim(id)).toMatchObject({ ok: false, code: 'nothing_to_claim' });
      w.clock.setMs(startMs + 250 * second);
      expect(await claimed(id)).toEqual({ id, claimed: '250', released: '250' });
      w.clock.setMs(startMs + 251 * second);
      expect(await claimed(id)).toEqual({ id, claimed: '1', released: '251' });
      w.clock.setMs(startMs + 1000 * second);
      expect(await claimed(id)).toEqual({ id, claimed: '749', released: '1000' });
      expect(w.balance(vestingHoldAccountId(id))).toBe(0n);
    });

    it('epochs: completed epochs plus the current one pro rata; rounding never loses a unit', async () => {
      const { asset, beneficiary } = await token({ decimals: 0 });
      const schedule: VestingSchedule = {
        kind: 'epochs',
        epochs: [
          { durationSeconds: 300, percent: '33.3333' },
          { durationSeconds: 300, percent: '66.6667' },
        ],
      };
      const { id, startMs } = await grant({ asset, beneficiary, amount: '7', schedule });
      w.clock.setMs(startMs + 299 * second);
      expect(await claimed(id)).toEqual({ id, claimed: '2', released: '2' }); // floor(7 * 0.333333 * 299/300)
      w.clock.setMs(startMs + 300 * second);
      expect(await claim(id)).toMatchObject({ ok: false, code: 'nothing_to_claim' }); // floor(2.333331)
      w.clock.setMs(startMs + 600 * second);
      expect(await claimed(id)).toEqual({ id, claimed: '5', released: '7' });
      expect(w.balance(vestingHoldAccountId(id))).toBe(0n);
    });

    it('immediate: everything at once', async () => {
      const { asset, beneficiary } = await token();
      const { id } = await grant({ asset, beneficiary, amount: '42.42', schedule: { kind: 'immediate' } });
      expect(await claimed(id)).toEqual({ id, claimed: '42.42', released: '42.42' });
    });

    it('anyone may submit a claim; the money goes to the beneficiary only', async () => {
      const { asset, beneficiary } = await token();
      const { id } = await grant({ asset, beneficiary, amount: '5', schedule: { kind: 'immediate' } });
      expect(await w.ok('vesting.claim', { id }, await w.actor())).toEqual({ id, claimed: '5', released: '5' });
      expect(w.balance(beneficiary)).toBe(500n);
    });
  });

  describe('vesting.attest', () => {
    const schedule: VestingSchedule = {
      kind: 'milestones',
      tranches: [
        { milestone: 'testnet', percent: '33.3333' },
        { milestone: 'mainnet', percent: '66.6667' },
      ],
    };

    it('milestones: attest, then claim; the tranche listed last takes the remainder', async () => {
      const { asset, beneficiary } = await token({ decimals: 0 });
      const { id } = await grant({ asset, beneficiary, amount: '100', schedule });
      expect(await claim(id)).toMatchObject({ ok: false, code: 'nothing_to_claim' });
      expect(await w.ok('vesting.attest', { id, milestone: 'mainnet' })).toEqual({ id, milestone: 'mainnet', status: 'attested' });
      expect(w.balance(vestingHoldAccountId(id))).toBe(100n); // attesting moves nothing
      expect(await claimed(id)).toEqual({ id, claimed: '67', released: '67' });
      await w.ok('vesting.attest', { id, milestone: 'testnet' });
      expect(await claimed(id)).toEqual({ id, claimed: '33', released: '100' });
      expect(w.balance(vestingHoldAccountId(id))).toBe(0n);
    });

    it('needs the vesting.attest grant on the grant; access.grant gives it', async () => {
      const { asset, beneficiary } = await token();
      const { id } = await grant({ asset, beneficiary, amount: '100', schedule });
      const council = await w.actor();
      expect(await w.code('vesting.attest', { id, milestone: 'testnet' }, council)).toBe('not_authorized');
      await w.ok('access.grant', { actorId: council.actorId, action: 'vesting.attest', resource: `vesting:${id}` });
      expect(await w.code('vesting.attest', { id, milestone: 'testnet' }, council)).toBe('accepted');
      const other = await grant({ asset, beneficiary, amount: '100', schedule });
      expect(await w.code('vesting.attest', { id: other.id, milestone: 'testnet' }, council)).toBe('not_authorized');
    });
  });

  describe('rejections, in order, one row per code', () => {
    type Setup = { asset: string; beneficiary: string; other: string; poor: string; linear: string; milestones: string };
    async function setup(): Promise<Setup> {
      const { asset, beneficiary } = await token({ maxSupply: '1000' });
      const otherAsset = await w.asset();
      const other = await w.account(otherAsset);
      const poor = await w.account(asset);
      await w.mint(asset, poor, '1');
      const linear = (await grant({ asset, beneficiary, amount: '10', schedule: { kind: 'linear', lockupSeconds: 100, durationSeconds: 100 } })).id;
      const milestones = (
        await grant({ asset, beneficiary, amount: '10', schedule: { kind: 'milestones', tranches: [{ milestone: 'done', percent: '100' }] } })
      ).id;
      await w.ok('vesting.attest', { id: milestones, milestone: 'done' });
      return { asset, beneficiary, other, poor, linear, milestones };
    }
    const create = (s: Setup, fields: Record<string, unknown> = {}) => ({
      id: 'new-grant',
      asset: s.asset,
      beneficiary: s.beneficiary,
      amount: '1',
      schedule: { kind: 'immediate' },
      ...fields,
    });

    it.each<[string, string, (s: Setup) => [string, unknown], boolean]>([
      ['create by a member without economy.admin', 'not_authorized', (s) => ['vesting.create', create(s)], true],
      ['create with a used id and another body', 'vesting_exists', (s) => ['vesting.create', create(s, { id: s.linear })], false],
      ['create of an unknown asset', 'asset_not_found', (s) => ['vesting.create', create(s, { asset: 'ghost' })], false],
      ['create for an unknown beneficiary', 'beneficiary_not_found', (s) => ['vesting.create', create(s, { beneficiary: '@treasury.ghost' })], false],
      ['create for a beneficiary of another asset', 'asset_mismatch', (s) => ['vesting.create', create(s, { beneficiary: s.other })], false],
      [
        'create with percents short of 100',
        'schedule_invalid',
        (s) => ['vesting.create', create(s, { schedule: { kind: 'milestones', tranches: [{ milestone: 'a', percent: '99' }] } })],
        false,
      ],
      [
        'create with a zero-length linear schedule',
        'schedule_invalid',
        (s) => ['vesting.create', create(s, { schedule: { kind: 'linear', lockupSeconds: 0, durationSeconds: 0 } })],
        false,
      ],
      ['create of zero', 'amount_invalid', (s) => ['vesting.create', create(s, { amount: '0' })], false],
      ['create finer than the decimals', 'amount_invalid', (s) => ['vesting.create', create(s, { amount: '0.001' })], false],
      ['create beyond the fixed supply', 'max_supply_exceeded', (s) => ['vesting.create', create(s, { amount: '980' })], false],
      ['create from a source that holds too little', 'insufficient_funds', (s) => ['vesting.create', create(s, { source: s.poor, amount: '2' })], false],
      ['create from a missing source', 'debit_account_not_found', (s) => ['vesting.create', create(s, { source: 'ghost' })], false],
      ['create from a source the caller may not spend', 'not_authorized', (s) => ['vesting.create', create(s, { id: 'spend-other', source: s.poor })], true],
      ['claim of an unknown grant', 'vesting_not_found', () => ['vesting.claim', { id: 'ghost' }], false],
      ['claim during the lock-up', 'nothing_to_claim', (s) => ['vesting.claim', { id: s.linear }], false],
      ['attest by a member without the grant', 'not_authorized', (s) => ['vesting.attest', { id: s.milestones, milestone: 'done' }], true],
      ['attest of an unknown grant', 'vesting_not_found', () => ['vesting.attest', { id: 'ghost', milestone: 'done' }], false],
      ['attest on a time schedule', 'not_a_milestone_schedule', (s) => ['vesting.attest', { id: s.linear, milestone: 'done' }], false],
      ['attest of an unknown milestone', 'milestone_unknown', (s) => ['vesting.attest', { id: s.milestones, milestone: 'other' }], false],
      ['attest twice', 'milestone_already_attested', (s) => ['vesting.attest', { id: s.milestones, milestone: 'done' }], false],
    ])('%s -> %s', async (_name, expected, build, asMember) => {
      const s = await setup();
      const [type, payload] = build(s);
      const principal = asMember ? await w.actor() : w.admin;
      if (expected === 'not_authorized' && type === 'vesting.create' && (payload as { source?: string }).source) {
        // An economy admin who does not own the source account and holds no ledger.transfer grant on it.
        await w.ok('access.grant', { actorId: principal.actorId, action: 'economy.admin', resource: 'vesting:spend-other' });
      }
      const accountsBefore = w.engine.state.ledger.accounts.size;
      const mintedBefore = w.assetState(s.asset).mintedUnits;
      expect(await w.code(type, payload, principal)).toBe(expected);
      expect(w.engine.state.ledger.accounts.size).toBe(accountsBefore);
      expect(w.assetState(s.asset).mintedUnits).toBe(mintedBefore);
      expect(w.engine.state.modules.vesting.grants.has('new-grant')).toBe(false);
    });
  });

  it('replaying the log rebuilds the same vesting state (bigints in events survive the round trip)', async () => {
    const { asset, beneficiary } = await token();
    const { id, startMs } = await grant({ asset, beneficiary, amount: '100', schedule: { kind: 'linear', lockupSeconds: 0, durationSeconds: 100 } });
    w.clock.setMs(startMs + 50 * second);
    await claimed(id);
    await w.engine.flush();
    const replayed = await loadState(w.dao.store);
    expect(stateText(replayed.state)).toBe(stateText(w.engine.state));
    const grantAfter = vestingGrant(replayed.state.modules.vesting, id);
    expect(grantAfter?.releasedUnits).toBe(5_000n);
    expect(grantAfter && releasableUnits(grantAfter, startMs + 100 * second)).toBe(5_000n);
  });
});
