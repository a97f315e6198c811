import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachBackend } from '../../../test/support/backends.ts';
import { LedgerWorld } from '../../../test/support/ledger-world.ts';
import { checkLedgerInvariants } from '../../engine/invariants.ts';
import { loadState } from '../../engine/replay.ts';
import type { Principal } from '../../engine/types.ts';
import { daySeconds } from '../../kernel/rates.ts';
import { outstandingUnits } from '../../ledger/state.ts';
import { revenueAccountId, revenueDustAccountId } from '../revenue/index.ts';
import { fundAccountId } from '../treasury/index.ts';
import { type BurnsState, burnedByReason, feeClass, feeCollectorAccountId, milestone, milestones } from './index.ts';
import { feeClassesMax, milestonesMax } from './limits.ts';
import { chargeFeeRejections, defineMilestoneRejections, milestoneRejections, setFeeClassRejections } from './rejections.ts';

interface Outcome {
  ok: boolean;
  code?: string;
  result?: unknown;
}

/** The status of an accepted command, or the rejection code. */
async function statusOf(w: LedgerWorld, type: string, payload: unknown, principal: Principal = w.admin): Promise<string> {
  const outcome = (await w.submit(type, payload, principal)) as Outcome;
  return outcome.ok ? (outcome.result as { status: string }).status : (outcome.code ?? 'none');
}

async function expectInvalid(w: LedgerWorld, type: string, payload: unknown): Promise<void> {
  await expect(Promise.resolve().then(() => w.submit(type, payload))).rejects.toMatchObject({ code: 'validation_failed' });
}

/** The BTT fee classes and their documented burn-rate ranges. */
const bttClasses = {
  compute: { minPercent: '1', maxPercent: '3' },
  tokenization: { minPercent: '2', maxPercent: '5' },
  payments: { minPercent: '0.5', maxPercent: '1' },
} as const;

forEachBackend((backend) => {
  let w: LedgerWorld;
  let asset: string;
  let payer: Principal;
  let payerAccount: string;
  const policy = 'stakers';
  const burns = (): BurnsState => w.engine.state.modules.burns;
  const outstanding = () => outstandingUnits(w.assetState(asset));

  /** A member with an account of `asset` holding `funds`. */
  async function member(funds: string): Promise<{ principal: Principal; account: string }> {
    const principal = await w.actor();
    const account = w.id('acct');
    await w.ok('ledger.create_accounts', { accounts: [{ id: account, asset, owner: principal.actorId }] });
    if (funds !== '0') await w.mint(asset, account, funds);
    return { principal, account };
  }

  beforeAll(async () => {
    w = await LedgerWorld.open(backend);
    asset = await w.asset({ decimals: 0, supply: 'mintable' });
    for (const id of ['ecosystem', 'education', 'ops', 'governance']) {
      await w.ok('treasury.create_fund', { id, asset, ...(id === 'ecosystem' ? { initial: { amount: '1000000' } } : {}) });
    }
    await w.ok('treasury.set_income_rules', {
      asset,
      reserve: [{ fund: 'education', percent: '8' }],
      classes: { 'fee.payments': [{ fund: 'ops', percent: '100' }] },
      default: [{ fund: 'governance', percent: '100' }],
    });
    await w.ok('revenue.create_policy', { id: policy, asset, mode: 'stake' });
    ({ principal: payer, account: payerAccount } = await member('1000000'));
  });
  afterAll(async () => {
    await w.close();
  });

  describe('burns.set_fee_class: the BTT classes and their ranges', () => {
    it.each<[keyof typeof bttClasses, string, string]>([
      ['compute', '1', 'set'],
      ['compute', '2', 'set'],
      ['compute', '3', 'set'],
      ['compute', '0.9999', 'rate_out_of_range'],
      ['compute', '3.5', 'rate_out_of_range'],
      ['tokenization', '2', 'set'],
      ['tokenization', '5', 'set'],
      ['tokenization', '1', 'rate_out_of_range'],
      ['tokenization', '6', 'rate_out_of_range'],
      ['payments', '0.5', 'set'],
      ['payments', '1', 'set'],
      ['payments', '0.4', 'rate_out_of_range'],
      ['payments', '1.5', 'rate_out_of_range'],
    ])('%s at %s %%: %s', async (name, burnPercent, expected) => {
      const before = feeClass(burns(), name);
      expect(await statusOf(w, 'burns.set_fee_class', { class: name, asset, burnPercent, range: bttClasses[name] })).toBe(expected);
      if (expected !== 'set') expect(feeClass(burns(), name)).toEqual(before);
    });

    it('the configured classes: a class keeps its range when a later change leaves it out', async () => {
      await w.ok('burns.set_fee_class', { class: 'compute', asset, burnPercent: '2', stakersPercent: '20', stakersPolicy: policy, range: bttClasses.compute });
      await w.ok('burns.set_fee_class', { class: 'tokenization', asset, burnPercent: '3', range: bttClasses.tokenization });
      await w.ok('burns.set_fee_class', { class: 'payments', asset, burnPercent: '1', range: bttClasses.payments });
      expect(feeClass(burns(), 'compute')).toMatchObject({
        burnPpm: 20_000n,
        stakersPpm: 200_000n,
        stakersPolicyId: policy,
        range: { minPpm: 10_000n, maxPpm: 30_000n },
      });
      expect(await statusOf(w, 'burns.set_fee_class', { class: 'payments', asset, burnPercent: '2' })).toBe('rate_out_of_range');
      expect(await statusOf(w, 'burns.set_fee_class', { class: 'payments', asset, burnPercent: '1' })).toBe('unchanged');
      expect(feeClass(burns(), 'payments')?.range).toEqual({ minPpm: 5_000n, maxPpm: 10_000n });
    });

    it.each<[string]>(setFeeClassRejections.filter((code) => code !== 'fee_classes_max_reached').map((code) => [code]))('rejection row: %s', async (code) => {
      const otherAsset = await w.asset();
      const otherPolicy = w.id('policy');
      await w.ok('revenue.create_policy', { id: otherPolicy, asset: otherAsset, mode: 'stake' });
      const nft = await w.asset({ kind: 'non_fungible' });
      const name = w.id('class');
      const base = { class: name, asset, burnPercent: '1' };
      const rows: Record<string, () => Promise<[unknown, Principal?]>> = {
        not_authorized: async () => [base, await w.actor()],
        asset_not_found: async () => [{ ...base, asset: 'nope' }],
        asset_not_fungible: async () => [{ ...base, asset: nft }],
        percent_invalid: async () => [{ ...base, burnPercent: '100.0001' }],
        range_invalid: async () => [{ ...base, range: { minPercent: '3', maxPercent: '1' } }],
        rate_out_of_range: async () => [{ ...base, range: { minPercent: '2', maxPercent: '3' } }],
        percent_sum_invalid: async () => [{ ...base, burnPercent: '60', stakersPercent: '41', stakersPolicy: policy }],
        stakers_policy_required: async () => [{ ...base, stakersPercent: '10' }],
        stakers_policy_not_found: async () => [{ ...base, stakersPercent: '10', stakersPolicy: 'nope' }],
        stakers_policy_asset_mismatch: async () => [{ ...base, stakersPercent: '10', stakersPolicy: otherPolicy }],
        fee_class_asset_fixed: async () => [{ ...base, class: 'payments', asset: otherAsset }],
      };
      const row = rows[code];
      if (!row) return expect.fail(`no row for ${code}`);
      const [payload, principal] = await row();
      const classes = burns().feeClasses.size;
      expect(await statusOf(w, 'burns.set_fee_class', payload, principal)).toBe(code);
      expect(burns().feeClasses.size).toBe(classes);
      expect(feeClass(burns(), 'payments')?.assetId).toBe(asset);
    });

    it('schema: class names are lower case and short enough to prefix with fee.', async () => {
      await expectInvalid(w, 'burns.set_fee_class', { class: 'Compute', asset, burnPercent: '1' });
      await expectInvalid(w, 'burns.set_fee_class', { class: `c${'x'.repeat(60)}`, asset, burnPercent: '1' });
      await expectInvalid(w, 'burns.set_fee_class', { class: 'compute', asset, burnPercent: 2 });
    });
  });

  describe('burns.charge_fee', () => {
    let unruled: string | undefined;
    /** An account of an asset with a fee class but no treasury income rules, holding 100. */
    async function unruledAccount(): Promise<string> {
      if (unruled !== undefined) return unruled;
      const otherAsset = await w.asset({ decimals: 0 });
      unruled = await w.account(otherAsset);
      await w.ok('burns.set_fee_class', { class: 'unruled', asset: otherAsset, burnPercent: '1' });
      await w.mint(otherAsset, unruled, '100');
      return unruled;
    }

    it('payments without a discount: 1 % of 1,000 burned, 990 to the treasury as income of class fee.payments', async () => {
      const before = {
        payer: w.balance(payerAccount),
        supply: outstanding(),
        ops: w.balance(fundAccountId('ops')),
        education: w.balance(fundAccountId('education')),
      };
      const id = w.id('fee');
      const result = await w.ok('burns.charge_fee', { id, class: 'payments', from: payerAccount, amount: '1000' }, payer);
      expect(result).toEqual({ id, charged: '1000', discount: '0', burned: '10', stakers: '0', treasury: '990', status: 'charged' });
      expect(before.payer - w.balance(payerAccount)).toBe(1000n);
      expect(before.supply - outstanding()).toBe(10n);
      // 8 % of the 990 reserved for education (rounded down), the rest by the fee.payments list
      expect(w.balance(fundAccountId('education')) - before.education).toBe(79n);
      expect(w.balance(fundAccountId('ops')) - before.ops).toBe(911n);
      expect(w.balance(feeCollectorAccountId(asset))).toBe(0n);
      expect(checkLedgerInvariants(w.engine.state, 0)).toEqual([]);
    });

    it('compute: 2 % burned, 20 % to stakers through the revenue policy, the rest to the default income list', async () => {
      const revenue = () => w.balance(revenueAccountId(policy)) + w.balance(revenueDustAccountId(policy));
      const before = { supply: outstanding(), revenue: revenue(), governance: w.balance(fundAccountId('governance')) };
      const result = await w.ok('burns.charge_fee', { id: w.id('fee'), class: 'compute', from: payerAccount, amount: '1000' }, payer);
      expect(result).toMatchObject({ charged: '1000', discount: '0', burned: '20', stakers: '200', treasury: '780' });
      expect(before.supply - outstanding()).toBe(20n);
      expect(revenue() - before.revenue).toBe(200n);
      expect(w.balance(fundAccountId('governance')) - before.governance).toBe(780n - 62n);
      expect(w.balance(feeCollectorAccountId(asset))).toBe(0n);
    });

    it('a staker of a discount tier pays 20 % less; the same fee from a non-staker pays in full', async () => {
      const pool = w.id('acct');
      await w.ok('ledger.create_accounts', { accounts: [{ id: pool, asset }] });
      await w.mint(asset, pool, '1000000');
      await w.ok('staking.configure', { asset, rewardsFrom: pool, earlyExit: { kind: 'rejected' } });
      await w.ok('staking.create_tier', {
        id: 'gold',
        durationSeconds: 180 * daySeconds,
        apyPercent: '8',
        minimum: '100',
        benefits: { feeDiscountPercent: '20' },
      });
      const staker = await member('10000');
      await w.ok('staking.stake', { id: w.id('stake'), tier: 'gold', from: staker.account, amount: '5000' }, staker.principal);
      const plain = await member('10000');
      const charge = (who: { principal: Principal; account: string }) =>
        w.ok('burns.charge_fee', { id: w.id('fee'), class: 'payments', from: who.account, amount: '1000' }, who.principal);
      const supply = outstanding();
      expect(await charge(staker)).toMatchObject({ charged: '800', discount: '200', burned: '8', stakers: '0', treasury: '792', status: 'charged' });
      expect(await charge(plain)).toMatchObject({ charged: '1000', discount: '0', burned: '10', treasury: '990' });
      expect(supply - outstanding()).toBe(18n);
      expect(w.balance(staker.account)).toBe(10_000n - 5000n - 800n);
      expect(feeClass(burns(), 'payments')).toMatchObject({ discountUnits: 200n });
    });

    it('a retried charge returns the first result and moves nothing; another body is charge_exists', async () => {
      const body = { id: w.id('fee'), class: 'tokenization', from: payerAccount, amount: '500' };
      const first = await w.ok<Record<string, string>>('burns.charge_fee', body, payer);
      expect(first).toMatchObject({ burned: '15', treasury: '485', status: 'charged' });
      const balance = w.balance(payerAccount);
      await w.ok('burns.set_fee_class', { class: 'tokenization', asset, burnPercent: '5' });
      expect(await w.ok('burns.charge_fee', body, payer)).toEqual({ ...first, status: 'exists' });
      expect(w.balance(payerAccount)).toBe(balance);
      expect(await statusOf(w, 'burns.charge_fee', { ...body, amount: '501' }, payer)).toBe('charge_exists');
      await w.ok('burns.set_fee_class', { class: 'tokenization', asset, burnPercent: '3' });
    });

    it.each<[string]>(
      [...chargeFeeRejections, 'not_authorized', 'insufficient_funds', 'income_rules_not_set'].map((code) => [code]),
    )('rejection row: %s', async (code) => {
      const taken = w.id('fee');
      await w.ok('burns.charge_fee', { id: taken, class: 'payments', from: payerAccount, amount: '1' }, payer);
      const otherAccount = await unruledAccount();
      const base = { id: w.id('fee'), class: 'payments', from: payerAccount, amount: '100' };
      const rows: Record<string, () => Promise<[unknown, Principal?]>> = {
        fee_class_not_found: async () => [{ ...base, class: 'nope' }],
        debit_account_not_found: async () => [{ ...base, from: 'ghost' }],
        asset_mismatch: async () => [{ ...base, from: otherAccount }],
        amount_invalid: async () => [{ ...base, amount: '0.5' }],
        charge_exists: async () => [{ ...base, id: taken }],
        not_authorized: async () => [base, await w.actor()],
        insufficient_funds: async () => [{ ...base, amount: '100000000' }],
        income_rules_not_set: async () => [{ ...base, class: 'unruled', from: otherAccount }, w.admin],
      };
      const row = rows[code];
      if (!row) return expect.fail(`no row for ${code}`);
      const [payload, principal = payer] = await row();
      const before = { payer: w.balance(payerAccount), supply: outstanding(), charges: burns().charges.size };
      expect(await statusOf(w, 'burns.charge_fee', payload, principal)).toBe(code);
      expect({ payer: w.balance(payerAccount), supply: outstanding(), charges: burns().charges.size }).toEqual(before);
    });
  });

  describe('milestone burns', () => {
    /** The BTT milestone burns, all from the ecosystem fund. */
    const bttMilestones = [
      ['mainnet', 'Mainnet launch', '30000'],
      ['hospitals-100', '100 hospitals', '70000'],
      ['hospitals-1000', '1,000 hospitals', '170000'],
      ['cross-chain', 'Cross-chain interoperability', '100000'],
    ] as const;

    it('defines the BTT milestones; repeating one is exists, changing one milestone_exists', async () => {
      for (const [id, label, amount] of bttMilestones) {
        expect(await w.ok('burns.define_milestone', { id, label, amount, from: fundAccountId('ecosystem') })).toEqual({ id, amount, status: 'defined' });
      }
      expect(await statusOf(w, 'burns.define_milestone', { id: 'mainnet', label: 'Mainnet launch', amount: '30000', from: fundAccountId('ecosystem') })).toBe(
        'exists',
      );
      expect(await statusOf(w, 'burns.define_milestone', { id: 'mainnet', label: 'Mainnet launch', amount: '30001', from: fundAccountId('ecosystem') })).toBe(
        'milestone_exists',
      );
      expect(milestones(burns()).map((entry) => entry.id)).toEqual(['cross-chain', 'hospitals-100', 'hospitals-1000', 'mainnet']);
      expect(w.balance(fundAccountId('ecosystem'))).toBe(1_000_000n);
    });

    it('governance burns a milestone once: the supply falls by exactly its amount', async () => {
      const governance = await w.actor();
      await w.ok('access.grant', { actorId: governance.actorId, action: 'burns.milestone', resource: '*' });
      for (const [id, , amount] of bttMilestones) {
        const supply = outstanding();
        const fund = w.balance(fundAccountId('ecosystem'));
        expect(await w.ok('burns.milestone', { id }, governance)).toEqual({ id, burned: amount, status: 'burned' });
        expect(supply - outstanding()).toBe(BigInt(amount));
        expect(fund - w.balance(fundAccountId('ecosystem'))).toBe(BigInt(amount));
        expect(await statusOf(w, 'burns.milestone', { id }, governance)).toBe('milestone_already_burned');
        expect(outstanding()).toBe(supply - BigInt(amount));
      }
      expect(milestone(burns(), 'mainnet')).toMatchObject({ burnedSeq: expect.any(Number), burnedMs: w.clock.nowMs() });
      expect(w.balance(fundAccountId('ecosystem'))).toBe(1_000_000n - 370_000n);
    });

    it('permission rows: burns.milestone on milestone:<id>', async () => {
      await w.ok('burns.define_milestone', { id: 'perm-a', label: 'A', amount: '1', from: fundAccountId('ecosystem') });
      await w.ok('burns.define_milestone', { id: 'perm-b', label: 'B', amount: '1', from: fundAccountId('ecosystem') });
      const council = await w.actor();
      expect(await statusOf(w, 'burns.milestone', { id: 'perm-a' }, council)).toBe('not_authorized');
      await w.ok('access.grant', { actorId: council.actorId, action: 'burns.milestone', resource: 'milestone:perm-a' });
      expect(await statusOf(w, 'burns.milestone', { id: 'perm-b' }, council)).toBe('not_authorized');
      expect(await statusOf(w, 'burns.milestone', { id: 'perm-a' }, council)).toBe('burned');
      const admin = await w.actor();
      await w.ok('access.grant', { actorId: admin.actorId, action: 'economy.admin', resource: '*' });
      expect(await statusOf(w, 'burns.milestone', { id: 'perm-b' }, admin)).toBe('not_authorized');
    });

    it.each<[string]>([...milestoneRejections, 'insufficient_funds'].map((code) => [code]))('burns.milestone rejection row: %s', async (code) => {
      const small = await createFundWith('5');
      const id = w.id('ms');
      await w.ok('burns.define_milestone', { id, label: 'Too big', amount: '6', from: fundAccountId(small) });
      const done = w.id('ms');
      await w.ok('burns.define_milestone', { id: done, label: 'Done', amount: '1', from: fundAccountId('ecosystem') });
      await w.ok('burns.milestone', { id: done });
      const rows: Record<string, () => Promise<[unknown, Principal?]>> = {
        not_authorized: async () => [{ id }, await w.actor()],
        milestone_not_found: async () => [{ id: 'nope' }],
        milestone_already_burned: async () => [{ id: done }],
        insufficient_funds: async () => [{ id }],
      };
      const row = rows[code];
      if (!row) return expect.fail(`no row for ${code}`);
      const [payload, principal] = await row();
      const supply = outstanding();
      expect(await statusOf(w, 'burns.milestone', payload, principal)).toBe(code);
      expect(outstanding()).toBe(supply);
      expect(milestone(burns(), id)?.burnedSeq).toBeUndefined();
    });

    async function createFundWith(amount: string): Promise<string> {
      const id = w.id('fund');
      await w.ok('treasury.create_fund', { id, asset, initial: { amount } });
      return id;
    }

    it.each<[string]>(
      defineMilestoneRejections.filter((code) => code !== 'milestones_max_reached').map((code) => [code]),
    )('burns.define_milestone rejection row: %s', async (code) => {
      const nft = await w.asset({ kind: 'non_fungible' });
      const nftAccount = await w.account(nft);
      const someoneElse = await member('10');
      const base = { id: w.id('ms'), label: 'Milestone', amount: '1', from: fundAccountId('ecosystem') };
      const rows: Record<string, () => Promise<[unknown, Principal?]>> = {
        not_authorized: async () => [base, await w.actor()],
        account_not_found: async () => [{ ...base, from: '@treasury.nope' }],
        asset_not_fungible: async () => [{ ...base, from: nftAccount }],
        milestone_source_not_allowed: async () => {
          const admin = await w.actor();
          await w.ok('access.grant', { actorId: admin.actorId, action: 'economy.admin', resource: '*' });
          return [{ ...base, from: someoneElse.account }, admin];
        },
        amount_invalid: async () => [{ ...base, amount: '1.5' }],
        milestone_exists: async () => [{ ...base, id: 'mainnet' }],
      };
      const row = rows[code];
      if (!row) return expect.fail(`no row for ${code}`);
      const [payload, principal] = await row();
      const count = burns().milestones.size;
      expect(await statusOf(w, 'burns.define_milestone', payload, principal)).toBe(code);
      expect(burns().milestones.size).toBe(count);
    });

    it('a source the definer owns (or holds ledger.burn on) is allowed; issuance and burn accounts never are', async () => {
      const admin = await w.actor();
      await w.ok('access.grant', { actorId: admin.actorId, action: 'economy.admin', resource: '*' });
      const own = w.id('acct');
      await w.ok('ledger.create_accounts', { accounts: [{ id: own, asset, owner: admin.actorId }] });
      expect(await statusOf(w, 'burns.define_milestone', { id: w.id('ms'), label: 'Own', amount: '1', from: own }, admin)).toBe('defined');
      expect(await statusOf(w, 'burns.define_milestone', { id: w.id('ms'), label: 'Issuance', amount: '1', from: `@issuance.${asset}` })).toBe(
        'milestone_source_not_allowed',
      );
      expect(await statusOf(w, 'burns.define_milestone', { id: w.id('ms'), label: 'Burn', amount: '1', from: `@burn.${asset}` })).toBe(
        'milestone_source_not_allowed',
      );
    });
  });

  describe('queries and the whole', () => {
    it('burnedByReason keeps running totals by reason', async () => {
      await w.ok('access.grant', { actorId: w.admin.actorId, action: 'treasury.burn', resource: 'fund:ops' });
      await w.ok('treasury.burn', { id: w.id('tburn'), fund: 'ops', amount: '4' });
      const byReason = burnedByReason(burns(), asset);
      const feeTotal = [...burns().feeClasses.values()].filter((entry) => entry.assetId === asset).reduce((sum, entry) => sum + entry.burnedUnits, 0n);
      expect(byReason.feesUnits).toBe(feeTotal);
      expect(byReason.fees.find((entry) => entry.feeClass === 'compute')?.burnedUnits).toBe(20n);
      expect(byReason.milestones.map((entry) => entry.milestoneId)).toContain('hospitals-1000');
      expect(byReason.treasuryUnits).toBe(4n);
      expect(byReason.totalUnits).toBe(byReason.feesUnits + byReason.milestonesUnits + byReason.treasuryUnits);
      // with nothing else burning this asset, the reasons account for every burned unit
      expect(byReason.totalUnits).toBe(w.assetState(asset).burnedUnits);
      expect(byReason.byAsset).toEqual([
        { assetId: asset, feesUnits: byReason.feesUnits, milestonesUnits: byReason.milestonesUnits, treasuryUnits: 4n, totalUnits: byReason.totalUnits },
      ]);
    });

    it('conservation holds and replaying the log rebuilds the same burns state', async () => {
      expect(checkLedgerInvariants(w.engine.state, 0)).toEqual([]);
      await w.engine.flush();
      const replayed = await loadState(w.dao.store);
      expect(replayed.state.modules.burns).toEqual(burns());
      expect(replayed.state.modules.treasury).toEqual(w.engine.state.modules.treasury);
    });
  });

  it(`fee_classes_max_reached and milestones_max_reached: at most ${feeClassesMax} classes and ${milestonesMax} milestones`, async () => {
    const other = await LedgerWorld.open(backend);
    try {
      const token = await other.asset({ decimals: 0 });
      await other.ok('treasury.create_fund', { id: 'f', asset: token, initial: { amount: '1000' } });
      const classes = await Promise.all(
        Array.from({ length: feeClassesMax }, (_, index) => statusOf(other, 'burns.set_fee_class', { class: `c${index}`, asset: token, burnPercent: '1' })),
      );
      expect(new Set(classes)).toEqual(new Set(['set']));
      expect(await statusOf(other, 'burns.set_fee_class', { class: 'one-more', asset: token, burnPercent: '1' })).toBe('fee_classes_max_reached');
      expect(await statusOf(other, 'burns.set_fee_class', { class: 'c0', asset: token, burnPercent: '2' })).toBe('set');
      const defined = await Promise.all(
        Array.from({ length: milestonesMax }, (_, index) =>
          statusOf(other, 'burns.define_milestone', { id: `m${index}`, label: 'M', amount: '1', from: fundAccountId('f') }),
        ),
      );
      expect(new Set(defined)).toEqual(new Set(['defined']));
      expect(await statusOf(other, 'burns.define_milestone', { id: 'one-more', label: 'M', amount: '1', from: fundAccountId('f') })).toBe(
        'milestones_max_reached',
      );
    } finally {
      await other.close();
    }
  });
});
