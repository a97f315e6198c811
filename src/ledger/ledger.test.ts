import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachBackend } from '../../test/support/backends.ts';
import { LedgerWorld } from '../../test/support/ledger-world.ts';
import { issueToken } from '../access/tokens.ts';
import type { Principal } from '../engine/types.ts';
import { decideMovement } from './commands/movement.ts';
import { transferRejections } from './rejections.ts';
import { issuanceAccountId } from './state.ts';

interface Row {
  code: string;
  /** Sets up the situation in a shared DAO (fresh ids) and returns the item's status. */
  run(w: LedgerWorld): Promise<string>;
}

/** A member who owns a funded account and spends through a token capped at 5.00 per hour. */
async function cappedSpender(w: LedgerWorld): Promise<{ who: Principal; from: string; to: string; asset: string }> {
  const asset = await w.asset();
  const spender = await w.actor();
  const from = await w.account(asset, { owner: spender.actorId });
  const to = await w.account(asset);
  await w.mint(asset, from, '100');
  const tokenId = w.id('token');
  const spendingCap = { asset, amount: '5', periodSeconds: 3600 };
  await w.ok('access.create_token', { id: tokenId, actorId: spender.actorId, secretHash: issueToken(tokenId).secretHash, scopes: ['ledger'], spendingCap });
  return { who: { actorId: spender.actorId, tokenId }, from, to, asset };
}

/** A non-fungible class with token n1 held by `a`. */
async function nftPair(w: LedgerWorld, transferable = true): Promise<{ asset: string; a: string; b: string }> {
  const { asset, a, b } = await w.pair({ kind: 'non_fungible', funds: '0', transferable });
  expect(await w.status('ledger.mint', { id: w.id('mint'), asset, to: a, tokenId: 'n1' })).toBe('created');
  return { asset, a, b };
}

/** One row per code of `transferRejections`, in its order. */
const rejectionRows: Row[] = [
  {
    code: 'exists_with_different_fields',
    async run(w) {
      const { a, b } = await w.pair();
      const id = w.id('t');
      expect(await w.transfer({ id, from: a, to: b, amount: '1' })).toBe('created');
      expect(await w.transfer({ id, from: a, to: b, amount: '1' })).toBe('exists');
      return w.transfer({ id, from: a, to: b, amount: '2' });
    },
  },
  {
    code: 'accounts_must_be_different',
    async run(w) {
      const { a } = await w.pair();
      return w.transfer({ id: w.id('t'), from: a, to: a, amount: '1' });
    },
  },
  {
    code: 'debit_account_not_found',
    async run(w) {
      const { b } = await w.pair();
      return w.transfer({ id: w.id('t'), from: 'nobody', to: b, amount: '1' });
    },
  },
  {
    code: 'credit_account_not_found',
    async run(w) {
      const { a } = await w.pair();
      return w.transfer({ id: w.id('t'), from: a, to: 'nobody', amount: '1' });
    },
  },
  {
    code: 'system_account',
    async run(w) {
      const { asset, b } = await w.pair();
      // Clients cannot name system accounts at all: `@` fails the schema before sequencing.
      const item = { id: w.id('t'), from: issuanceAccountId(asset), to: b, amount: '1' };
      await expect(w.transfers([item])).rejects.toMatchObject({ code: 'validation_failed' });
      // The check behind the schema still holds, for callers inside the engine.
      const ctx = { ...w.admin, seq: 1, timeMs: 0, daoId: w.engine.daoId };
      const request = { id: item.id, kind: 'transfer' as const, fromId: issuanceAccountId(asset), toId: b, amount: '1' };
      const decision = decideMovement(w.engine.state, w.engine.state.ledgerWriter, request, ctx, undefined);
      return decision.ok === false ? decision.code : 'accepted';
    },
  },
  {
    code: 'asset_mismatch',
    async run(w) {
      const first = await w.pair();
      const second = await w.pair();
      return w.transfer({ id: w.id('t'), from: first.a, to: second.b, amount: '1' });
    },
  },
  {
    code: 'account_closed',
    async run(w) {
      const { asset, a } = await w.pair();
      const closed = await w.account(asset);
      expect(await w.ok('ledger.close_account', { id: closed })).toEqual({ id: closed, status: 'closed' });
      return w.transfer({ id: w.id('t'), from: a, to: closed, amount: '1' });
    },
  },
  {
    code: 'not_authorized',
    async run(w) {
      const { a, b } = await w.pair();
      return w.transfer({ id: w.id('t'), from: a, to: b, amount: '1' }, await w.actor());
    },
  },
  {
    code: 'amount_invalid',
    async run(w) {
      const { a, b } = await w.pair();
      expect(await w.transfer({ id: w.id('t'), from: a, to: b, amount: '0' })).toBe('amount_invalid');
      expect(await w.transfer({ id: w.id('t'), from: a, to: b })).toBe('amount_invalid');
      expect(await w.transfer({ id: w.id('t'), from: a, to: b, amount: '1e5' })).toBe('amount_invalid');
      return w.transfer({ id: w.id('t'), from: a, to: b, amount: '0.001' }); // the asset has 2 decimals
    },
  },
  {
    code: 'asset_not_transferable',
    async run(w) {
      const { a, b } = await w.pair({ transferable: false });
      return w.transfer({ id: w.id('t'), from: a, to: b, amount: '1' });
    },
  },
  {
    code: 'token_required',
    async run(w) {
      const fungible = await w.pair();
      expect(await w.transfer({ id: w.id('t'), from: fungible.a, to: fungible.b, amount: '1', tokenId: 'n1' })).toBe('token_required');
      const { a, b } = await nftPair(w);
      expect(await w.transfer({ id: w.id('t'), from: a, to: b, amount: '2', tokenId: 'n1' })).toBe('token_required');
      return w.transfer({ id: w.id('t'), from: a, to: b });
    },
  },
  {
    code: 'token_not_owned',
    async run(w) {
      const { a, b } = await nftPair(w);
      expect(await w.transfer({ id: w.id('t'), from: b, to: a, tokenId: 'n1' })).toBe('token_not_owned');
      return w.transfer({ id: w.id('t'), from: a, to: b, tokenId: 'n2' });
    },
  },
  {
    code: 'pending_not_supported',
    async run(w) {
      const { a, b } = await nftPair(w);
      return w.transfer({ id: w.id('t'), from: a, to: b, tokenId: 'n1', pending: true });
    },
  },
  {
    code: 'max_supply_exceeded',
    async run(w) {
      const asset = await w.asset({ supply: 'fixed', maxSupply: '100' });
      const holder = await w.account(asset);
      await w.mint(asset, holder, '60');
      return w.code('ledger.mint', { id: w.id('m'), asset, to: holder, amount: '40.01' });
    },
  },
  {
    code: 'insufficient_funds',
    async run(w) {
      const { a, b } = await w.pair();
      return w.transfer({ id: w.id('t'), from: a, to: b, amount: '100.01' });
    },
  },
  {
    code: 'exceeds_max_balance',
    async run(w) {
      const { asset, a } = await w.pair();
      const capped = await w.account(asset, { maxBalance: '10' });
      expect(await w.transfer({ id: w.id('t'), from: a, to: capped, amount: '10' })).toBe('created');
      return w.transfer({ id: w.id('t'), from: a, to: capped, amount: '0.01' });
    },
  },
  {
    code: 'spending_cap_exceeded',
    async run(w) {
      const { who, from, to } = await cappedSpender(w);
      return w.transfer({ id: w.id('t'), from, to, amount: '5.01' }, who);
    },
  },
  {
    code: 'linked_event_failed',
    async run(w) {
      const { a, b } = await w.pair();
      const [first] = await w.transfers([
        { id: w.id('t'), from: a, to: b, amount: '1', linked: true },
        { id: w.id('t'), from: a, to: b, amount: '1000' },
      ]);
      return first ?? 'none';
    },
  },
  {
    code: 'linked_event_chain_open',
    async run(w) {
      const { a, b } = await w.pair();
      return w.transfer({ id: w.id('t'), from: a, to: b, amount: '1', linked: true });
    },
  },
];

/** Two problems at once: the one earlier in `transferRejections` is reported. */
const precedenceRows: { name: string; expected: string; run(w: LedgerWorld): Promise<string> }[] = [
  {
    name: 'same account that does not exist',
    expected: 'accounts_must_be_different',
    run: (w) => w.transfer({ id: w.id('t'), from: 'ghost', to: 'ghost', amount: '1' }),
  },
  {
    name: 'neither account exists',
    expected: 'debit_account_not_found',
    run: (w) => w.transfer({ id: w.id('t'), from: 'ghost1', to: 'ghost2', amount: '1' }),
  },
  {
    name: 'closed account of another asset',
    expected: 'asset_mismatch',
    async run(w) {
      const first = await w.pair();
      const other = await w.asset();
      const closed = await w.account(other);
      await w.ok('ledger.close_account', { id: closed });
      return w.transfer({ id: w.id('t'), from: first.a, to: closed, amount: '1' });
    },
  },
  {
    name: 'a stranger pays into a closed account',
    expected: 'account_closed',
    async run(w) {
      const { asset, a } = await w.pair();
      const closed = await w.account(asset);
      await w.ok('ledger.close_account', { id: closed });
      return w.transfer({ id: w.id('t'), from: a, to: closed, amount: '1' }, await w.actor());
    },
  },
  {
    name: 'a stranger sends a malformed amount',
    expected: 'not_authorized',
    async run(w) {
      const { a, b } = await w.pair();
      return w.transfer({ id: w.id('t'), from: a, to: b, amount: '0.001' }, await w.actor());
    },
  },
  {
    name: 'a zero amount of a soulbound asset',
    expected: 'amount_invalid',
    async run(w) {
      const { a, b } = await w.pair({ transferable: false });
      return w.transfer({ id: w.id('t'), from: a, to: b, amount: '0' });
    },
  },
  {
    name: 'a soulbound token moved without its token id',
    expected: 'asset_not_transferable',
    async run(w) {
      const { a, b } = await nftPair(w, false);
      return w.transfer({ id: w.id('t'), from: a, to: b });
    },
  },
  {
    name: 'a token not held, sent pending',
    expected: 'token_not_owned',
    async run(w) {
      const { a, b } = await nftPair(w);
      return w.transfer({ id: w.id('t'), from: b, to: a, tokenId: 'n1', pending: true });
    },
  },
  {
    name: 'more than the balance into a capped account',
    expected: 'insufficient_funds',
    async run(w) {
      const { asset, a } = await w.pair();
      const capped = await w.account(asset, { maxBalance: '1' });
      return w.transfer({ id: w.id('t'), from: a, to: capped, amount: '200' });
    },
  },
  {
    name: 'over the max balance and over the spending cap',
    expected: 'exceeds_max_balance',
    async run(w) {
      const { who, from, asset } = await cappedSpender(w);
      const capped = await w.account(asset, { maxBalance: '1' });
      return w.transfer({ id: w.id('t'), from, to: capped, amount: '6' }, who);
    },
  },
];

forEachBackend((backend) => {
  let w: LedgerWorld;
  beforeAll(async () => {
    w = await LedgerWorld.open(backend);
  });
  afterAll(async () => {
    await w.close();
  });

  describe('transfer rejections', () => {
    it('has one row per code, in the documented order', () => {
      expect(rejectionRows.map((row) => row.code)).toEqual([...transferRejections]);
    });

    it.each(rejectionRows)('$code', async ({ code, run }) => {
      expect(await run(w)).toBe(code);
    });

    it.each(precedenceRows)('$name -> $expected', async ({ expected, run }) => {
      expect(await run(w)).toBe(expected);
    });

    it('a rejected item changes no balance', async () => {
      const { a, b } = await w.pair();
      const before = [w.balance(a), w.balance(b)];
      expect(await w.transfer({ id: w.id('t'), from: a, to: b, amount: '100.01' })).toBe('insufficient_funds');
      expect([w.balance(a), w.balance(b)]).toEqual(before);
    });
  });

  describe('batches', () => {
    it('a failed item does not stop the rest of the batch', async () => {
      const { a, b } = await w.pair();
      const statuses = await w.transfers([
        { id: w.id('t'), from: a, to: b, amount: '10' },
        { id: w.id('t'), from: a, to: b, amount: '1000' },
        { id: w.id('t'), from: 'ghost', to: b, amount: '1' },
        { id: w.id('t'), from: a, to: b, amount: '20' },
      ]);
      expect(statuses).toEqual(['created', 'insufficient_funds', 'debit_account_not_found', 'created']);
      expect(w.balance(a)).toBe(7000n);
      expect(w.balance(b)).toBe(3000n);
    });

    it('later items see the balances earlier items left', async () => {
      const { a, b } = await w.pair();
      const statuses = await w.transfers([
        { id: w.id('t'), from: a, to: b, amount: '60' },
        { id: w.id('t'), from: a, to: b, amount: '60' },
        { id: w.id('t'), from: b, to: a, amount: '60' },
      ]);
      expect(statuses).toEqual(['created', 'insufficient_funds', 'created']);
      expect(w.balance(a)).toBe(10000n);
    });

    it('the same id twice in one batch: the second is exists, or a rejection if it differs', async () => {
      const { a, b } = await w.pair();
      const id = w.id('t');
      const statuses = await w.transfers([
        { id, from: a, to: b, amount: '1' },
        { id, from: a, to: b, amount: '1' },
        { id, from: a, to: b, amount: '3' },
      ]);
      expect(statuses).toEqual(['created', 'exists', 'exists_with_different_fields']);
      expect(w.balance(b)).toBe(100n);
    });
  });

  describe('linked chains', () => {
    it('all succeed together', async () => {
      const { a, b } = await w.pair();
      const statuses = await w.transfers([
        { id: w.id('t'), from: a, to: b, amount: '10', linked: true },
        { id: w.id('t'), from: b, to: a, amount: '5', linked: true },
        { id: w.id('t'), from: a, to: b, amount: '1' },
      ]);
      expect(statuses).toEqual(['created', 'created', 'created']);
      expect(w.balance(b)).toBe(600n);
    });

    it('fail together: the failing link keeps its code, the others are linked_event_failed, nothing moves', async () => {
      const { a, b } = await w.pair();
      const chain = [
        { id: w.id('t'), from: a, to: b, amount: '10', linked: true },
        { id: w.id('t'), from: b, to: a, amount: '50', linked: true },
        { id: w.id('t'), from: a, to: b, amount: '1' },
      ];
      const after = { id: w.id('t'), from: a, to: b, amount: '2' };
      expect(await w.transfers([...chain, after])).toEqual(['linked_event_failed', 'insufficient_funds', 'linked_event_failed', 'created']);
      expect(w.balance(a)).toBe(9800n);
      expect(w.balance(b)).toBe(200n);
      // Nothing of the chain was recorded: its ids are still free.
      for (const item of chain) expect(w.engine.state.ledger.transfers.has(item.id)).toBe(false);
    });

    it('a chain still open at the end of the batch fails as a whole', async () => {
      const { a, b } = await w.pair();
      const statuses = await w.transfers([
        { id: w.id('t'), from: a, to: b, amount: '1' },
        { id: w.id('t'), from: a, to: b, amount: '2', linked: true },
        { id: w.id('t'), from: a, to: b, amount: '3', linked: true },
      ]);
      expect(statuses).toEqual(['created', 'linked_event_failed', 'linked_event_chain_open']);
      expect(w.balance(b)).toBe(100n);
    });

    it('two chains in one batch are independent', async () => {
      const { a, b } = await w.pair();
      const statuses = await w.transfers([
        { id: w.id('t'), from: a, to: b, amount: '500', linked: true },
        { id: w.id('t'), from: a, to: b, amount: '1' },
        { id: w.id('t'), from: a, to: b, amount: '4', linked: true },
        { id: w.id('t'), from: a, to: b, amount: '5' },
      ]);
      expect(statuses).toEqual(['insufficient_funds', 'linked_event_failed', 'created', 'created']);
      expect(w.balance(b)).toBe(900n);
    });
  });
});
