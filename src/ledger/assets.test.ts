import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachBackend } from '../../test/support/backends.ts';
import { LedgerWorld } from '../../test/support/ledger-world.ts';
import type { BatchResult } from './index.ts';
import { balanceUnits, burnAccountId, issuanceAccountId, nftKey, outstandingUnits } from './state.ts';

forEachBackend((backend) => {
  let w: LedgerWorld;
  beforeAll(async () => {
    w = await LedgerWorld.open(backend);
  });
  afterAll(async () => {
    await w.close();
  });

  const mint = (asset: string, to: string, amount: string) => w.status('ledger.mint', { id: w.id('mint'), asset, to, amount });
  const burn = (from: string, amount: string) => w.status('ledger.burn', { id: w.id('burn'), from, amount });

  describe('create_asset', () => {
    it.each<[string, Record<string, unknown>, string]>([
      ['a fungible asset with 6 decimals', { kind: 'fungible', decimals: 6 }, 'accepted'],
      ['a fixed supply without maxSupply', { kind: 'fungible', supply: 'fixed' }, 'max_supply_required'],
      ['a zero max supply', { kind: 'fungible', supply: 'fixed', maxSupply: '0' }, 'amount_zero'],
      ['a max supply finer than the decimals', { kind: 'fungible', decimals: 2, maxSupply: '1.005' }, 'amount_too_precise'],
      ['a non-fungible class with decimals', { kind: 'non_fungible', decimals: 2 }, 'decimals_invalid'],
      ['a non-fungible class with decimals 0', { kind: 'non_fungible', decimals: 0 }, 'accepted'],
    ])('%s -> %s', async (_name, fields, expected) => {
      expect(await w.code('ledger.create_asset', { id: w.id('asset'), symbol: 'X', ...fields })).toBe(expected);
    });

    it('defaults: 18 decimals, mintable, transferable, owned by the caller, with issuance and burn accounts', async () => {
      const id = w.id('asset');
      await w.ok('ledger.create_asset', { id, kind: 'fungible', symbol: 'DEF' });
      expect(w.assetState(id)).toMatchObject({ decimals: 18, supply: 'mintable', transferable: true, ownerId: 'admin', mintedUnits: 0n, burnedUnits: 0n });
      expect(w.accountState(issuanceAccountId(id))).toMatchObject({ system: 'issuance', allowOverdraft: true });
      expect(w.accountState(burnAccountId(id))).toMatchObject({ system: 'burn', allowOverdraft: false });
    });

    it('is idempotent: the same body is exists, another body exists_with_different_fields', async () => {
      const payload = { id: w.id('asset'), kind: 'fungible', symbol: 'IDM', decimals: 4, supply: 'fixed', maxSupply: '1000' };
      expect(await w.ok('ledger.create_asset', payload)).toEqual({ id: payload.id, status: 'created' });
      expect(await w.ok('ledger.create_asset', payload)).toEqual({ id: payload.id, status: 'exists' });
      expect(await w.code('ledger.create_asset', { ...payload, maxSupply: '1001' })).toBe('exists_with_different_fields');
      expect(await w.code('ledger.create_asset', { ...payload, decimals: 3 })).toBe('exists_with_different_fields');
    });

    it('needs the ledger.create_asset grant', async () => {
      expect(await w.code('ledger.create_asset', { id: w.id('asset'), kind: 'fungible', symbol: 'NO' }, await w.actor())).toBe('not_authorized');
    });

    it('decimals decide the smallest amount that moves', async () => {
      const { a, b } = await w.pair({ decimals: 6 });
      expect(await w.transfer({ id: w.id('t'), from: a, to: b, amount: '0.000001' })).toBe('created');
      expect(await w.transfer({ id: w.id('t'), from: a, to: b, amount: '0.0000001' })).toBe('amount_invalid');
      expect(w.balance(b)).toBe(1n);
    });
  });

  describe('supply caps', () => {
    it('a fixed supply counts burned units: what was burned cannot be minted again', async () => {
      const { asset, a } = await w.pair({ supply: 'fixed', maxSupply: '100', funds: '0' });
      expect(await mint(asset, a, '100')).toBe('created');
      expect(await burn(a, '10')).toBe('created');
      expect(await mint(asset, a, '0.01')).toBe('max_supply_exceeded');
      expect(w.assetState(asset)).toMatchObject({ mintedUnits: 10000n, burnedUnits: 1000n });
    });

    it('a mintable cap bounds what is outstanding: burning makes room', async () => {
      const { asset, a } = await w.pair({ supply: 'mintable', maxSupply: '100', funds: '0' });
      expect(await mint(asset, a, '100')).toBe('created');
      expect(await mint(asset, a, '0.01')).toBe('max_supply_exceeded');
      expect(await burn(a, '10')).toBe('created');
      expect(await mint(asset, a, '10')).toBe('created');
      expect(await mint(asset, a, '0.01')).toBe('max_supply_exceeded');
      expect(outstandingUnits(w.assetState(asset))).toBe(10000n);
    });
  });

  describe('create_accounts', () => {
    it('gives one status per item', async () => {
      const asset = await w.asset();
      const existing = await w.account(asset, { maxBalance: '5' });
      const fresh = w.id('acct');
      const items = [
        { id: fresh, asset },
        { id: existing, asset, maxBalance: '5' },
        { id: existing, asset, maxBalance: '6' },
        { id: w.id('acct'), asset: 'no-such-asset' },
        { id: w.id('acct'), asset, owner: 'no-such-actor' },
        { id: fresh, asset },
        { id: w.id('acct'), asset, overdraftLimit: '0.001' },
      ];
      const result = await w.ok<BatchResult>('ledger.create_accounts', { accounts: items });
      expect(result.results.map((item) => item.status)).toEqual([
        'created',
        'exists',
        'exists_with_different_fields',
        'asset_not_found',
        'owner_not_found',
        'exists',
        'amount_too_precise',
      ]);
      expect(w.accountState(fresh)).toMatchObject({ assetId: asset, ownerId: 'admin', closed: false, allowOverdraft: false });
    });

    it('opening an account for someone else needs a grant; for oneself it does not', async () => {
      const asset = await w.asset();
      const member = await w.actor();
      const forAdmin = { accounts: [{ id: w.id('acct'), asset, owner: 'admin' }] };
      const forSelf = { accounts: [{ id: w.id('acct'), asset }] };
      expect((await w.ok<BatchResult>('ledger.create_accounts', forAdmin, member)).results[0]?.status).toBe('not_authorized');
      expect((await w.ok<BatchResult>('ledger.create_accounts', forSelf, member)).results[0]?.status).toBe('created');
    });

    it('an overdraft limit bounds how far below zero an account goes', async () => {
      const asset = await w.asset();
      const credit = await w.account(asset, { allowOverdraft: true, overdraftLimit: '50' });
      const other = await w.account(asset);
      expect(await w.transfer({ id: w.id('t'), from: credit, to: other, amount: '50' })).toBe('created');
      expect(await w.transfer({ id: w.id('t'), from: credit, to: other, amount: '0.01' })).toBe('insufficient_funds');
      expect(w.balance(credit)).toBe(-5000n);
    });

    it('close_account: only empty accounts close, twice is exists', async () => {
      const { asset, a } = await w.pair();
      const empty = await w.account(asset);
      expect(await w.code('ledger.close_account', { id: a })).toBe('account_not_empty');
      expect(await w.ok('ledger.close_account', { id: empty })).toEqual({ id: empty, status: 'closed' });
      expect(await w.ok('ledger.close_account', { id: empty })).toEqual({ id: empty, status: 'exists' });
      expect(await w.code('ledger.close_account', { id: 'ghost' })).toBe('account_not_found');
      expect(await w.code('ledger.close_account', { id: a }, await w.actor())).toBe('not_authorized');
    });
  });

  describe('mint and burn', () => {
    it('move supply counters and the issuance and burn accounts', async () => {
      const { asset, a } = await w.pair({ funds: '0' });
      expect(await mint(asset, a, '30')).toBe('created');
      expect(await burn(a, '12.5')).toBe('created');
      expect(w.assetState(asset)).toMatchObject({ mintedUnits: 3000n, burnedUnits: 1250n });
      expect(w.balance(issuanceAccountId(asset))).toBe(-3000n);
      expect(w.balance(burnAccountId(asset))).toBe(1250n);
      expect(w.balance(a)).toBe(1750n);
    });

    it.each<[string, (ids: { asset: string; a: string; other: string }) => [string, unknown], string]>([
      ['mint of an unknown asset', ({ a }) => ['ledger.mint', { asset: 'ghost', to: a, amount: '1' }], 'asset_not_found'],
      ['mint into an account of another asset', ({ asset, other }) => ['ledger.mint', { asset, to: other, amount: '1' }], 'asset_mismatch'],
      ['mint into an unknown account', ({ asset }) => ['ledger.mint', { asset, to: 'ghost', amount: '1' }], 'credit_account_not_found'],
      ['burn from an unknown account', () => ['ledger.burn', { from: 'ghost', amount: '1' }], 'debit_account_not_found'],
      ['burn more than the balance', ({ a }) => ['ledger.burn', { from: a, amount: '100.01' }], 'insufficient_funds'],
      ['mint of zero', ({ asset, a }) => ['ledger.mint', { asset, to: a, amount: '0' }], 'amount_invalid'],
    ])('%s -> %s', async (_name, build, expected) => {
      const { asset, a } = await w.pair();
      const other = await w.account(await w.asset());
      const [type, payload] = build({ asset, a, other });
      expect(await w.status(type, { id: w.id('m'), ...(payload as object) })).toBe(expected);
    });

    it('minting needs the ledger.mint grant, burning needs ownership or ledger.burn', async () => {
      const { asset, a } = await w.pair();
      const member = await w.actor();
      expect(await w.status('ledger.mint', { id: w.id('m'), asset, to: a, amount: '1' }, member)).toBe('not_authorized');
      expect(await w.status('ledger.burn', { id: w.id('b'), from: a, amount: '1' }, member)).toBe('not_authorized');
      await w.ok('access.grant', { actorId: member.actorId, action: 'ledger.mint', resource: `asset:${asset}` });
      expect(await w.status('ledger.mint', { id: w.id('m'), asset, to: a, amount: '1' }, member)).toBe('created');
    });

    it('is idempotent on its id', async () => {
      const { asset, a } = await w.pair({ funds: '0' });
      const payload = { id: w.id('m'), asset, to: a, amount: '5' };
      expect(await w.status('ledger.mint', payload)).toBe('created');
      expect(await w.status('ledger.mint', payload)).toBe('exists');
      expect(await w.status('ledger.mint', { ...payload, amount: '6' })).toBe('exists_with_different_fields');
      expect(w.balance(a)).toBe(500n);
    });
  });

  describe('non-fungible tokens', () => {
    it('mint gives a token id an owner; transfers move it; burn removes it', async () => {
      const { asset, a, b } = await w.pair({ kind: 'non_fungible', funds: '0' });
      const key = nftKey(asset, 'art-1');
      expect(await w.status('ledger.mint', { id: w.id('m'), asset, to: a, tokenId: 'art-1' })).toBe('created');
      expect(await w.status('ledger.mint', { id: w.id('m'), asset, to: b, tokenId: 'art-1' })).toBe('token_not_owned');
      expect(w.engine.state.ledger.nftOwners.get(key)).toBe(a);
      expect(await w.transfer({ id: w.id('t'), from: a, to: b, tokenId: 'art-1' })).toBe('created');
      expect(w.engine.state.ledger.nftOwners.get(key)).toBe(b);
      expect(await w.transfer({ id: w.id('t'), from: a, to: b, tokenId: 'art-1' })).toBe('token_not_owned');
      expect(await w.status('ledger.burn', { id: w.id('b'), from: b, tokenId: 'art-1' })).toBe('created');
      expect(w.engine.state.ledger.nftOwners.has(key)).toBe(false);
      expect([w.balance(a), w.balance(b)]).toEqual([0n, 0n]);
      expect(w.assetState(asset)).toMatchObject({ mintedUnits: 1n, burnedUnits: 1n });
    });

    it('a soulbound class mints and burns but never transfers', async () => {
      const { asset, a, b } = await w.pair({ kind: 'non_fungible', funds: '0', transferable: false });
      expect(await w.status('ledger.mint', { id: w.id('m'), asset, to: a, tokenId: 'badge' })).toBe('created');
      expect(await w.transfer({ id: w.id('t'), from: a, to: b, tokenId: 'badge' })).toBe('asset_not_transferable');
      expect(w.engine.state.ledger.nftOwners.get(nftKey(asset, 'badge'))).toBe(a);
      expect(await w.status('ledger.burn', { id: w.id('b'), from: a, tokenId: 'badge' })).toBe('created');
    });

    it('the nft_tokens table follows the owner', async () => {
      const { asset, a, b } = await w.pair({ kind: 'non_fungible', funds: '0' });
      await w.status('ledger.mint', { id: w.id('m'), asset, to: a, tokenId: 'row' });
      await w.transfer({ id: w.id('t'), from: a, to: b, tokenId: 'row' });
      const row = await w.dao.store.db
        .selectFrom('nft_tokens')
        .select('owner_account_id')
        .where('dao_id', '=', w.engine.daoId)
        .where('asset_id', '=', asset)
        .where('token_id', '=', 'row')
        .executeTakeFirstOrThrow();
      expect(row.owner_account_id).toBe(b);
    });
  });

  it('conservation: every asset balances to zero across its accounts', () => {
    const sums = new Map<string, bigint>();
    for (const account of w.engine.state.ledger.accounts.values()) {
      sums.set(account.assetId, (sums.get(account.assetId) ?? 0n) + balanceUnits(account));
    }
    for (const [assetId, sum] of sums) expect(sum, assetId).toBe(0n);
  });
});
