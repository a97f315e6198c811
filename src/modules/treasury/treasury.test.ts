import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachBackend } from '../../../test/support/backends.ts';
import { LedgerWorld } from '../../../test/support/ledger-world.ts';
import { systemActorId } from '../../access/state.ts';
import { checkLedgerInvariants } from '../../engine/invariants.ts';
import { loadState } from '../../engine/replay.ts';
import type { Principal } from '../../engine/types.ts';
import type { TransferCreated } from '../../ledger/events.ts';
import { LedgerMoves } from '../../ledger/moves.ts';
import { fundAccountId, receiveIncome, spentInWindowUnits, type TreasuryState, treasuryFund, treasuryFunds } from './index.ts';
import { fundsMax, recentSpendsMax } from './limits.ts';
import { burnRejections, createFundRejections, depositRejections, receiveIncomeRejections, setIncomeRulesRejections, spendRejections } from './rejections.ts';

const hourSeconds = 3600;
const secondMs = 1000;

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

/** Creates a fund of `asset` and returns its id. */
async function createFund(w: LedgerWorld, asset: string, fields: Record<string, unknown> = {}): Promise<string> {
  const id = w.id('fund');
  expect(await w.ok('treasury.create_fund', { id, asset, ...fields })).toEqual({ id, accountId: fundAccountId(id), status: 'created' });
  return id;
}

async function grant(w: LedgerWorld, actorId: string, action: string, resource: string): Promise<void> {
  await w.ok('access.grant', { actorId, action, resource });
}

/** Schema validation fails before sequencing (synchronously or as a rejected promise). */
async function expectInvalid(w: LedgerWorld, type: string, payload: unknown, principal: Principal = w.admin): Promise<void> {
  await expect(Promise.resolve().then(() => w.submit(type, payload, principal))).rejects.toMatchObject({ code: 'validation_failed' });
}

function expectConservation(w: LedgerWorld): void {
  expect(checkLedgerInvariants(w.engine.state, 0)).toEqual([]);
}

forEachBackend((backend) => {
  let w: LedgerWorld;
  const treasury = (): TreasuryState => w.engine.state.modules.treasury;
  beforeAll(async () => {
    w = await LedgerWorld.open(backend);
  });
  afterAll(async () => {
    await w.close();
  });

  describe('treasury.create_fund', () => {
    it('opens a system-owned account and mints the initial amount from issuance', async () => {
      const asset = await w.asset({ decimals: 0, supply: 'fixed', maxSupply: '1000000' });
      const id = await createFund(w, asset, {
        label: 'Education fund',
        spendingLimit: { amount: '500', periodSeconds: hourSeconds },
        initial: { amount: '10000' },
      });
      expect(w.accountState(fundAccountId(id))).toMatchObject({ assetId: asset, ownerId: systemActorId, allowOverdraft: false });
      expect(w.balance(fundAccountId(id))).toBe(10_000n);
      expect(w.assetState(asset).mintedUnits).toBe(10_000n);
      expect(treasuryFund(treasury(), id)).toMatchObject({
        id,
        assetId: asset,
        accountId: fundAccountId(id),
        label: 'Education fund',
        spendingLimit: { amountUnits: 500n, periodSeconds: hourSeconds },
      });
      expect(treasuryFunds(treasury()).map((fund) => fund.id)).toContain(id);
      expectConservation(w);
    });

    it('is idempotent by id: the same body is exists, another body fund_exists', async () => {
      const asset = await w.asset({ decimals: 0 });
      const id = w.id('fund');
      const body = { id, asset, label: 'Ops', initial: { amount: '50', source: 'mint' } };
      expect(await statusOf(w, 'treasury.create_fund', body)).toBe('created');
      expect(await statusOf(w, 'treasury.create_fund', body)).toBe('exists');
      // 'mint' is the default source: leaving it out is the same body
      expect(await statusOf(w, 'treasury.create_fund', { ...body, initial: { amount: '50' } })).toBe('exists');
      expect(await statusOf(w, 'treasury.create_fund', { ...body, label: 'Other' })).toBe('fund_exists');
      expect(await statusOf(w, 'treasury.create_fund', { ...body, initial: { amount: '51' } })).toBe('fund_exists');
      expect(w.balance(fundAccountId(id))).toBe(50n);
    });

    it('funds from an account the caller owns; the ledger refuses a fixed supply overrun', async () => {
      const { asset, a } = await w.pair({ decimals: 0, funds: '300' });
      const id = await createFund(w, asset, { initial: { amount: '120', source: a } });
      expect(w.balance(fundAccountId(id))).toBe(120n);
      expect(w.balance(a)).toBe(180n);
      const fixed = await w.asset({ decimals: 0, supply: 'fixed', maxSupply: '100' });
      expect(await statusOf(w, 'treasury.create_fund', { id: w.id('fund'), asset: fixed, initial: { amount: '101' } })).toBe('max_supply_exceeded');
      expect(await statusOf(w, 'treasury.create_fund', { id: w.id('fund'), asset: fixed, initial: { amount: '100' } })).toBe('created');
      expect(await statusOf(w, 'treasury.create_fund', { id: w.id('fund'), asset: fixed, initial: { amount: '1' } })).toBe('max_supply_exceeded');
    });

    it.each<[string]>(createFundRejections.filter((code) => code !== 'funds_max_reached').map((code) => [code]))('rejection row: %s', async (code) => {
      const asset = await w.asset({ decimals: 2 });
      const taken = await createFund(w, asset);
      const nft = await w.asset({ kind: 'non_fungible' });
      const id = w.id('fund');
      const rows: Record<string, () => Promise<string>> = {
        not_authorized: async () => statusOf(w, 'treasury.create_fund', { id, asset }, await w.actor()),
        asset_not_found: () => statusOf(w, 'treasury.create_fund', { id, asset: 'nope' }),
        asset_not_fungible: () => statusOf(w, 'treasury.create_fund', { id, asset: nft }),
        amount_invalid: () => statusOf(w, 'treasury.create_fund', { id, asset, initial: { amount: '1.001' } }),
        fund_exists: () => statusOf(w, 'treasury.create_fund', { id: taken, asset, label: 'changed' }),
      };
      const row = rows[code];
      if (!row) return expect.fail(`no row for ${code}`);
      const accounts = w.engine.state.ledger.accounts.size;
      expect(await row()).toBe(code);
      expect(treasury().funds.has(id)).toBe(false);
      expect(w.engine.state.ledger.accounts.size).toBe(accounts);
    });

    it('minting the initial amount needs ledger.mint as well as economy.admin', async () => {
      const asset = await w.asset({ decimals: 0 });
      const admin = await w.actor();
      await grant(w, admin.actorId, 'economy.admin', 'treasury:config');
      expect(await statusOf(w, 'treasury.create_fund', { id: w.id('fund'), asset, initial: { amount: '5' } }, admin)).toBe('not_authorized');
      expect(await statusOf(w, 'treasury.create_fund', { id: w.id('fund'), asset }, admin)).toBe('created');
      await grant(w, admin.actorId, 'ledger.mint', `asset:${asset}`);
      expect(await statusOf(w, 'treasury.create_fund', { id: w.id('fund'), asset, initial: { amount: '5' } }, admin)).toBe('created');
    });

    it('schema: fund ids never start with @ and limits take whole seconds', async () => {
      const asset = await w.asset();
      await expectInvalid(w, 'treasury.create_fund', { id: '@x', asset });
      await expectInvalid(w, 'treasury.create_fund', { id: 'x', asset, spendingLimit: { amount: '1', periodSeconds: 0 } });
      await expectInvalid(w, 'treasury.create_fund', { id: 'x', asset, initial: { amount: 5 } });
    });
  });

  describe('income rules and deposits (the AI DAO rule)', () => {
    let asset: string;
    let education: string;
    let agi: string;
    let governance: string;
    let payer: Principal;
    let payerAccount: string;
    const rules = () => ({
      asset,
      reserve: [{ fund: education, percent: '8' }],
      classes: { service_fee: [{ fund: agi, percent: '100' }], donation: [{ fund: governance, percent: '100' }] },
      default: [
        { fund: governance, percent: '50' },
        { fund: agi, percent: '50' },
      ],
    });

    beforeAll(async () => {
      asset = await w.asset({ decimals: 0 });
      education = await createFund(w, asset);
      agi = await createFund(w, asset);
      governance = await createFund(w, asset);
      payer = await w.actor();
      payerAccount = w.id('acct');
      await w.ok('ledger.create_accounts', { accounts: [{ id: payerAccount, asset, owner: payer.actorId }] });
      await w.mint(asset, payerAccount, '100000');
    });

    it('deposit before any rules: income_rules_not_set', async () => {
      expect(await statusOf(w, 'treasury.deposit', { id: w.id('dep'), from: payerAccount, amount: '10', class: 'donation' }, payer)).toBe(
        'income_rules_not_set',
      );
    });

    it('sets the rules; the same rules again are unchanged', async () => {
      expect(await w.ok('treasury.set_income_rules', rules())).toEqual({ assetId: asset, status: 'set' });
      expect(await w.ok('treasury.set_income_rules', rules())).toEqual({ assetId: asset, status: 'unchanged' });
    });

    it('1,000 of service fees: 80 to education, 920 to agi', async () => {
      const before = { education: w.balance(fundAccountId(education)), agi: w.balance(fundAccountId(agi)) };
      const id = w.id('dep');
      const result = await w.ok('treasury.deposit', { id, from: payerAccount, amount: '1000', class: 'service_fee' }, payer);
      expect(result).toEqual({
        id,
        parts: [
          { fund: education, amount: '80' },
          { fund: agi, amount: '920' },
        ],
        status: 'deposited',
      });
      expect(w.balance(fundAccountId(education)) - before.education).toBe(80n);
      expect(w.balance(fundAccountId(agi)) - before.agi).toBe(920n);
      expect(treasuryFund(treasury(), agi)?.incomeUnits).toBeGreaterThanOrEqual(920n);
      expectConservation(w);
    });

    it.each<[string, string, Record<string, string>]>([
      ['donations go to governance after the reserve', 'donation', { education: '80', governance: '920' }],
      ['an unlisted class uses the default split', 'grant', { education: '80', governance: '460', agi: '460' }],
    ])('%s', async (_name, incomeClass, expected) => {
      const names: Record<string, string> = { [education]: 'education', [agi]: 'agi', [governance]: 'governance' };
      const result = await w.ok<{ parts: { fund: string; amount: string }[] }>(
        'treasury.deposit',
        { id: w.id('dep'), from: payerAccount, amount: '1000', class: incomeClass },
        payer,
      );
      expect(Object.fromEntries(result.parts.map((part) => [names[part.fund], part.amount]))).toEqual(expected);
    });

    it('a retried deposit returns the first split and moves nothing; another body is deposit_exists', async () => {
      const id = w.id('dep');
      const body = { id, from: payerAccount, amount: '7', class: 'service_fee' };
      const first = await w.ok('treasury.deposit', body, payer);
      const balance = w.balance(payerAccount);
      await w.ok('treasury.set_income_rules', { ...rules(), reserve: [] });
      expect(await w.ok('treasury.deposit', body, payer)).toEqual({ ...(first as object), status: 'exists' });
      expect(w.balance(payerAccount)).toBe(balance);
      expect(await statusOf(w, 'treasury.deposit', { ...body, amount: '8' }, payer)).toBe('deposit_exists');
      await w.ok('treasury.set_income_rules', rules());
    });

    it.each<[string]>(depositRejections.filter((code) => code !== 'income_rules_not_set').map((code) => [code]))('deposit rejection row: %s', async (code) => {
      const taken = w.id('dep');
      await w.ok('treasury.deposit', { id: taken, from: payerAccount, amount: '1', class: 'donation' }, payer);
      const rows: Record<string, () => Promise<string>> = {
        debit_account_not_found: () => statusOf(w, 'treasury.deposit', { id: w.id('dep'), from: 'ghost', amount: '1', class: 'donation' }, payer),
        amount_invalid: () => statusOf(w, 'treasury.deposit', { id: w.id('dep'), from: payerAccount, amount: '1.5', class: 'donation' }, payer),
        deposit_exists: () => statusOf(w, 'treasury.deposit', { id: taken, from: payerAccount, amount: '2', class: 'donation' }, payer),
      };
      const row = rows[code];
      if (!row) return expect.fail(`no row for ${code}`);
      const balance = w.balance(payerAccount);
      expect(await row()).toBe(code);
      expect(w.balance(payerAccount)).toBe(balance);
    });

    it('the ledger decides the caller’s part: someone else’s account is not_authorized, too much is insufficient_funds', async () => {
      const stranger = await w.actor();
      expect(await statusOf(w, 'treasury.deposit', { id: w.id('dep'), from: payerAccount, amount: '1', class: 'donation' }, stranger)).toBe('not_authorized');
      expect(await statusOf(w, 'treasury.deposit', { id: w.id('dep'), from: payerAccount, amount: '100000000', class: 'donation' }, payer)).toBe(
        'insufficient_funds',
      );
    });

    const ruleRows: [string, (r: ReturnType<typeof rules>) => unknown, string][] = [
      ['a member without economy.admin', (r) => r, 'not_authorized'],
      ['an unknown asset', (r) => ({ ...r, asset: 'nope' }), 'asset_not_found'],
      ['a percent above 100', (r) => ({ ...r, reserve: [{ fund: r.reserve[0]?.fund, percent: '100.5' }] }), 'percent_invalid'],
      ['a zero percent', (r) => ({ ...r, reserve: [{ fund: r.reserve[0]?.fund, percent: '0' }] }), 'percent_invalid'],
      ['an unknown fund', (r) => ({ ...r, default: [{ fund: 'nope', percent: '100' }] }), 'fund_not_found'],
      ['a fund of another asset', (r) => ({ ...r, default: [{ fund: '$other', percent: '100' }] }), 'fund_asset_mismatch'],
      [
        'a fund twice in one list',
        (r) => ({
          ...r,
          default: [
            { fund: r.default[0]?.fund, percent: '50' },
            { fund: r.default[0]?.fund, percent: '50' },
          ],
        }),
        'income_rule_duplicate_fund',
      ],
      [
        'a class list not adding up to 100',
        (r) => ({ ...r, classes: { donation: [{ fund: r.default[0]?.fund, percent: '99.9999' }] } }),
        'percent_sum_invalid',
      ],
      ['a default list not adding up to 100', (r) => ({ ...r, default: [{ fund: r.default[0]?.fund, percent: '50' }] }), 'percent_sum_invalid'],
      [
        'a reserve above 100',
        (r) => ({
          ...r,
          reserve: [
            { fund: r.reserve[0]?.fund, percent: '60' },
            { fund: r.default[0]?.fund, percent: '41' },
          ],
        }),
        'percent_sum_invalid',
      ],
    ];

    it('every set_income_rules code has a row', () => {
      expect(new Set(ruleRows.map(([, , code]) => code))).toEqual(new Set(setIncomeRulesRejections));
    });

    it.each(ruleRows)('set_income_rules rejects %s', async (name, change, code) => {
      const otherAsset = await w.asset();
      const otherFund = await createFund(w, otherAsset);
      const payload = JSON.parse(JSON.stringify(change(rules())).replaceAll('$other', otherFund));
      const principal = name.startsWith('a member') ? await w.actor() : w.admin;
      const before = treasury().incomeRules.get(asset);
      expect(await statusOf(w, 'treasury.set_income_rules', payload, principal)).toBe(code);
      expect(treasury().incomeRules.get(asset)).toBe(before);
    });

    it('schema: class names are lower-case names of at most 64 characters', async () => {
      const bad = [
        { ...rules(), classes: { 'Service Fee': [{ fund: agi, percent: '100' }] } },
        { ...rules(), classes: { [`a${'b'.repeat(64)}`]: [] } },
      ];
      for (const payload of bad) await expectInvalid(w, 'treasury.set_income_rules', payload);
      await expectInvalid(w, 'treasury.deposit', { id: 'd', from: payerAccount, amount: '1', class: 'Fee' }, payer);
    });

    it('receiveIncome: the same split, moving as the system; zero moves nothing', () => {
      const state = w.engine.state;
      const ctx = { seq: 1_000_000, timeMs: w.clock.nowMs(), daoId: state.daoId, actorId: 'someone' };
      const moves = new LedgerMoves(state, ctx);
      expect(
        receiveIncome(state, moves, { transferIdPrefix: 'probe:1', fromAccountId: payerAccount, units: 1000n, incomeClass: 'service_fee' }),
      ).toBeUndefined();
      const transfers = moves.events.flatMap((event) => (event.type === 'transfer_created' ? [(event as TransferCreated).transfer] : []));
      expect(transfers.map((transfer) => [transfer.id, transfer.toId, transfer.amountUnits])).toEqual([
        [`probe:1:${education}`, fundAccountId(education), 80n],
        [`probe:1:${agi}`, fundAccountId(agi), 920n],
      ]);
      expect(moves.events.at(-1)).toMatchObject({ type: 'treasury_income_received', incomeClass: 'service_fee', amountUnits: 1000n });
      const empty = new LedgerMoves(state, ctx);
      expect(receiveIncome(state, empty, { transferIdPrefix: 'probe:2', fromAccountId: payerAccount, units: 0n, incomeClass: 'service_fee' })).toBeUndefined();
      expect(empty.events).toEqual([]);
    });

    it.each<[string]>(receiveIncomeRejections.map((code) => [code]))('receiveIncome rejection row: %s', async (code) => {
      const state = w.engine.state;
      const ctx = { seq: 1_000_000, timeMs: w.clock.nowMs(), daoId: state.daoId, actorId: systemActorId };
      const unruled = await w.account(await w.asset());
      const inputs: Record<string, { fromAccountId: string; units: bigint; incomeClass: string }> = {
        income_class_invalid: { fromAccountId: payerAccount, units: 1n, incomeClass: 'Not A Class' },
        amount_invalid: { fromAccountId: payerAccount, units: -1n, incomeClass: 'donation' },
        debit_account_not_found: { fromAccountId: 'ghost', units: 1n, incomeClass: 'donation' },
        income_rules_not_set: { fromAccountId: unruled, units: 1n, incomeClass: 'donation' },
      };
      const input = inputs[code];
      if (!input) return expect.fail(`no row for ${code}`);
      expect(receiveIncome(w.engine.state, new LedgerMoves(w.engine.state, ctx), { transferIdPrefix: 'probe:r', ...input })?.code).toBe(code);
    });
  });

  describe('spend and burn', () => {
    let asset: string;
    let target: string;
    beforeAll(async () => {
      asset = await w.asset({ decimals: 0 });
      target = await w.account(asset);
    });

    it('a rolling limit: spent at t counts until t + period, then frees up', async () => {
      const fund = await createFund(w, asset, { spendingLimit: { amount: '100', periodSeconds: hourSeconds }, initial: { amount: '1000' } });
      const spendAt = () => statusOf(w, 'treasury.spend', { id: w.id('spend'), fund, to: target, amount: '100' });
      const startMs = w.clock.nowMs();
      expect(await spendAt()).toBe('spent');
      w.clock.setMs(startMs + (hourSeconds - 1) * secondMs);
      expect(await statusOf(w, 'treasury.spend', { id: w.id('spend'), fund, to: target, amount: '1' })).toBe('spending_limit_exceeded');
      expect(spentInWindowUnits(treasury().funds.get(fund) ?? { recentSpends: [] }, w.clock.nowMs())).toBe(100n);
      w.clock.setMs(startMs + hourSeconds * secondMs);
      expect(spentInWindowUnits(treasury().funds.get(fund) ?? { recentSpends: [] }, w.clock.nowMs())).toBe(0n);
      expect(await spendAt()).toBe('spent');
      expect(await statusOf(w, 'treasury.spend', { id: w.id('spend'), fund, to: target, amount: '1' })).toBe('spending_limit_exceeded');
      expect(w.balance(fundAccountId(fund))).toBe(800n);
      // the first spend was pruned from the window when the second was recorded
      expect(treasury().funds.get(fund)?.recentSpends).toEqual([{ timeMs: startMs + hourSeconds * secondMs, amountUnits: 100n }]);
    });

    it('spends add up inside the window: a window is (now - period, now]', async () => {
      const fund = await createFund(w, asset, { spendingLimit: { amount: '100', periodSeconds: 60 }, initial: { amount: '1000' } });
      const spendOf = (amount: string) => statusOf(w, 'treasury.spend', { id: w.id('spend'), fund, to: target, amount });
      const startMs = w.clock.nowMs();
      expect(await spendOf('60')).toBe('spent');
      w.clock.setMs(startMs + 30 * secondMs);
      expect(await spendOf('41')).toBe('spending_limit_exceeded');
      expect(await spendOf('40')).toBe('spent');
      w.clock.setMs(startMs + 60 * secondMs);
      expect(await spendOf('61')).toBe('spending_limit_exceeded');
      expect(await spendOf('60')).toBe('spent');
    });

    it('a burn counts against the same limit and leaves the supply', async () => {
      const fund = await createFund(w, asset, { spendingLimit: { amount: '100', periodSeconds: hourSeconds }, initial: { amount: '1000' } });
      const minted = w.assetState(asset);
      const outstanding = minted.mintedUnits - minted.burnedUnits;
      expect(await w.ok('treasury.burn', { id: w.id('burn'), fund, amount: '70' })).toMatchObject({ amount: '70', status: 'burned' });
      const after = w.assetState(asset);
      expect(after.mintedUnits - after.burnedUnits).toBe(outstanding - 70n);
      expect(await statusOf(w, 'treasury.spend', { id: w.id('spend'), fund, to: target, amount: '31' })).toBe('spending_limit_exceeded');
      expect(await statusOf(w, 'treasury.burn', { id: w.id('burn'), fund, amount: '31' })).toBe('spending_limit_exceeded');
      expect(await statusOf(w, 'treasury.spend', { id: w.id('spend'), fund, to: target, amount: '30' })).toBe('spent');
      expect(treasuryFund(treasury(), fund)).toMatchObject({ spentUnits: 30n, burnedUnits: 70n });
      expectConservation(w);
    });

    it('permission rows: treasury.spend and treasury.burn on fund:<id>, or on every fund', async () => {
      const fund = await createFund(w, asset, { initial: { amount: '100' } });
      const other = await createFund(w, asset, { initial: { amount: '100' } });
      const council = await w.actor();
      const spendBy = (who: Principal, which = fund) => statusOf(w, 'treasury.spend', { id: w.id('spend'), fund: which, to: target, amount: '1' }, who);
      const burnBy = (who: Principal, which = fund) => statusOf(w, 'treasury.burn', { id: w.id('burn'), fund: which, amount: '1' }, who);
      expect([await spendBy(council), await burnBy(council)]).toEqual(['not_authorized', 'not_authorized']);
      await grant(w, council.actorId, 'treasury.spend', `fund:${fund}`);
      expect([await spendBy(council), await burnBy(council), await spendBy(council, other)]).toEqual(['spent', 'not_authorized', 'not_authorized']);
      await grant(w, council.actorId, 'treasury.burn', `fund:${fund}`);
      expect(await burnBy(council)).toBe('burned');
      // economy.admin alone never spends: the permission is its own
      const admin = await w.actor();
      await grant(w, admin.actorId, 'economy.admin', '*');
      expect(await spendBy(admin)).toBe('not_authorized');
      const governance = await w.actor();
      await grant(w, governance.actorId, 'treasury.spend', '*');
      expect([await spendBy(governance), await spendBy(governance, other)]).toEqual(['spent', 'spent']);
    });

    it('a retried spend or burn is exists and moves nothing', async () => {
      const fund = await createFund(w, asset, { spendingLimit: { amount: '10', periodSeconds: hourSeconds }, initial: { amount: '100' } });
      const spend = { id: w.id('spend'), fund, to: target, amount: '10', memo: 'grant #1' };
      expect(await statusOf(w, 'treasury.spend', spend)).toBe('spent');
      // a retry is recognised even though the window is now full
      expect(await statusOf(w, 'treasury.spend', spend)).toBe('exists');
      expect(await statusOf(w, 'treasury.spend', { ...spend, memo: 'other' })).toBe('spend_exists');
      w.clock.advanceMs(hourSeconds * secondMs);
      const burn = { id: w.id('burn'), fund, amount: '5' };
      expect(await statusOf(w, 'treasury.burn', burn)).toBe('burned');
      expect(await statusOf(w, 'treasury.burn', burn)).toBe('exists');
      expect(w.balance(fundAccountId(fund))).toBe(85n);
    });

    it.each<[string, string]>([
      ...spendRejections.filter((code) => code !== 'recent_spends_max_reached').map((code): [string, string] => ['treasury.spend', code]),
      ...burnRejections.filter((code) => code !== 'recent_spends_max_reached').map((code): [string, string] => ['treasury.burn', code]),
      ['treasury.spend', 'credit_account_not_found'],
      ['treasury.spend', 'asset_mismatch'],
      ['treasury.spend', 'insufficient_funds'],
      ['treasury.burn', 'insufficient_funds'],
    ])('%s rejection row: %s', async (type, code) => {
      const fund = await createFund(w, asset, { spendingLimit: { amount: '50', periodSeconds: hourSeconds }, initial: { amount: '40' } });
      const taken = w.id('out');
      const base = type === 'treasury.spend' ? { fund, to: target, amount: '1' } : { fund, amount: '1' };
      expect(await statusOf(w, type, { ...base, id: taken })).not.toMatch(/^[a-z_]+_exists$|not_authorized/);
      const payloads: Record<string, () => Promise<[unknown, Principal?]>> = {
        not_authorized: async () => [{ ...base, id: w.id('out') }, await w.actor()],
        fund_not_found: async () => [{ ...base, id: w.id('out'), fund: 'nope' }],
        amount_invalid: async () => [{ ...base, id: w.id('out'), amount: '0.5' }],
        spend_exists: async () => [{ ...base, id: taken, amount: '2' }],
        burn_exists: async () => [{ ...base, id: taken, amount: '2' }],
        spending_limit_exceeded: async () => [{ ...base, id: w.id('out'), amount: '50' }],
        credit_account_not_found: async () => [{ ...base, id: w.id('out'), to: 'ghost' }],
        asset_mismatch: async () => [{ ...base, id: w.id('out'), to: await w.account(await w.asset()) }],
        insufficient_funds: async () => [{ ...base, id: w.id('out'), amount: '40' }],
      };
      const make = payloads[code];
      if (!make) return expect.fail(`no row for ${code}`);
      const [payload, principal] = await make();
      const balance = w.balance(fundAccountId(fund));
      const window = treasury().funds.get(fund)?.recentSpends.length;
      expect(await statusOf(w, type, payload, principal)).toBe(code);
      expect(w.balance(fundAccountId(fund))).toBe(balance);
      expect(treasury().funds.get(fund)?.recentSpends.length).toBe(window);
    });

    it('spends to a system account such as another fund are allowed; the schema refuses a fund id with @', async () => {
      const fund = await createFund(w, asset, { initial: { amount: '10' } });
      const other = await createFund(w, asset);
      expect(await statusOf(w, 'treasury.spend', { id: w.id('spend'), fund, to: fundAccountId(other), amount: '4' })).toBe('spent');
      expect(w.balance(fundAccountId(other))).toBe(4n);
      await expectInvalid(w, 'treasury.spend', { id: 's', fund: '@x', to: target, amount: '1' });
    });

    it(`recent_spends_max_reached: at most ${recentSpendsMax} outflows are kept per window`, async () => {
      const fund = await createFund(w, asset, { spendingLimit: { amount: '1000000', periodSeconds: hourSeconds }, initial: { amount: '100000' } });
      const outcomes = await Promise.all(
        Array.from({ length: recentSpendsMax }, (_, index) => statusOf(w, 'treasury.spend', { id: `bulk-${fund}-${index}`, fund, to: target, amount: '1' })),
      );
      expect(new Set(outcomes)).toEqual(new Set(['spent']));
      expect(await statusOf(w, 'treasury.spend', { id: w.id('spend'), fund, to: target, amount: '1' })).toBe('recent_spends_max_reached');
      expect(await statusOf(w, 'treasury.burn', { id: w.id('burn'), fund, amount: '1' })).toBe('recent_spends_max_reached');
      w.clock.advanceMs(hourSeconds * secondMs);
      expect(await statusOf(w, 'treasury.spend', { id: w.id('spend'), fund, to: target, amount: '1' })).toBe('spent');
      expect(treasury().funds.get(fund)?.recentSpends).toHaveLength(1);
    });
  });

  it('funds_max_reached: a DAO holds at most fundsMax funds', async () => {
    const other = await LedgerWorld.open(backend);
    try {
      const asset = await other.asset();
      const outcomes = await Promise.all(Array.from({ length: fundsMax }, (_, index) => statusOf(other, 'treasury.create_fund', { id: `f${index}`, asset })));
      expect(new Set(outcomes)).toEqual(new Set(['created']));
      expect(await statusOf(other, 'treasury.create_fund', { id: 'one-more', asset })).toBe('funds_max_reached');
      expect(await statusOf(other, 'treasury.create_fund', { id: 'f0', asset })).toBe('exists');
    } finally {
      await other.close();
    }
  });

  it('conservation holds and replaying the log rebuilds the same treasury state', async () => {
    expectConservation(w);
    await w.engine.flush();
    const replayed = await loadState(w.dao.store);
    expect(replayed.state.modules.treasury).toEqual(treasury());
  });
});
