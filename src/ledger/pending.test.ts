import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachBackend } from '../../test/support/backends.ts';
import { LedgerWorld } from '../../test/support/ledger-world.ts';
import { availableUnits } from './state.ts';

forEachBackend((backend) => {
  let w: LedgerWorld;
  beforeAll(async () => {
    w = await LedgerWorld.open(backend);
  });
  afterAll(async () => {
    await w.close();
  });

  /** A funded pair with a pending transfer of `amount` from a to b. */
  async function reserved(amount = '30', extra: { timeoutSeconds?: number } = {}): Promise<{ a: string; b: string; id: string }> {
    const { a, b } = await w.pair();
    const id = w.id('p');
    expect(await w.transfer({ id, from: a, to: b, amount, pending: true, ...extra })).toBe('created');
    return { a, b, id };
  }

  const post = (pendingId: string, amount?: string) => w.submit('ledger.post_pending', amount === undefined ? { pendingId } : { pendingId, amount });
  const voidIt = (pendingId: string) => w.submit('ledger.void_pending', { pendingId });
  const outcome = async (promise: ReturnType<typeof post>): Promise<string> => {
    const result = await promise;
    return result.ok ? (result.result as { status: string }).status : result.code;
  };

  describe('pending transfers', () => {
    it('reserve: the debit side loses availability, no posted balance moves', async () => {
      const { a, b, id } = await reserved('30');
      expect(w.accountState(a)).toMatchObject({ debitsPendingUnits: 3000n, debitsPostedUnits: 0n });
      expect(w.accountState(b)).toMatchObject({ creditsPendingUnits: 3000n, creditsPostedUnits: 0n });
      expect(availableUnits(w.accountState(a))).toBe(7000n);
      expect(w.engine.state.ledger.transfers.get(id)?.status).toBe('pending');
      expect(w.engine.state.ledger.pendingIds.has(id)).toBe(true);
      expect(await w.transfer({ id: w.id('t'), from: a, to: b, amount: '70.01' })).toBe('insufficient_funds');
      expect(await w.transfer({ id: w.id('t'), from: a, to: b, amount: '70' })).toBe('created');
    });

    it('post in full moves the reservation', async () => {
      const { a, b, id } = await reserved('30');
      expect(await outcome(post(id))).toBe('posted');
      expect(w.balance(a)).toBe(7000n);
      expect(w.balance(b)).toBe(3000n);
      expect(w.accountState(a).debitsPendingUnits).toBe(0n);
      expect(w.engine.state.ledger.transfers.get(id)).toMatchObject({ status: 'posted', postedUnits: 3000n });
      expect(w.engine.state.ledger.pendingIds.has(id)).toBe(false);
    });

    it('a partial post moves part and releases the rest', async () => {
      const { a, b, id } = await reserved('30');
      expect(await outcome(post(id, '12.5'))).toBe('posted');
      expect(w.balance(a)).toBe(8750n);
      expect(w.balance(b)).toBe(1250n);
      expect(availableUnits(w.accountState(a))).toBe(8750n);
      expect(w.accountState(b).creditsPendingUnits).toBe(0n);
    });

    it('repeating the same post is exists; another amount is pending_transfer_already_posted', async () => {
      const { b, id } = await reserved('30');
      expect(await outcome(post(id, '10'))).toBe('posted');
      expect(await outcome(post(id, '10'))).toBe('exists');
      expect(await outcome(post(id, '11'))).toBe('pending_transfer_already_posted');
      expect(await outcome(voidIt(id))).toBe('pending_transfer_already_posted');
      expect(w.balance(b)).toBe(1000n);
    });

    it('void releases everything; repeated void is exists; post after void is rejected', async () => {
      const { a, b, id } = await reserved('30');
      expect(await outcome(voidIt(id))).toBe('voided');
      expect(await outcome(voidIt(id))).toBe('exists');
      expect(await outcome(post(id))).toBe('pending_transfer_already_voided');
      expect(w.balance(a)).toBe(10000n);
      expect(w.balance(b)).toBe(0n);
      expect(availableUnits(w.accountState(a))).toBe(10000n);
    });

    it.each<[string, (ids: { a: string; b: string; id: string; plain: string }) => [string, unknown], string]>([
      ['post of an unknown id', () => ['ledger.post_pending', { pendingId: 'ghost' }], 'transfer_not_found'],
      ['post of a plain transfer', ({ plain }) => ['ledger.post_pending', { pendingId: plain }], 'transfer_not_pending'],
      ['post of more than was reserved', ({ id }) => ['ledger.post_pending', { pendingId: id, amount: '30.01' }], 'exceeds_pending_amount'],
      ['post of an amount finer than the decimals', ({ id }) => ['ledger.post_pending', { pendingId: id, amount: '1.001' }], 'amount_invalid'],
      ['post of zero (a void in disguise)', ({ id }) => ['ledger.post_pending', { pendingId: id, amount: '0' }], 'amount_invalid'],
      ['void with an amount', ({ id }) => ['ledger.void_pending', { pendingId: id, amount: '1' }], 'amount_invalid'],
    ])('%s -> %s', async (_name, build, expected) => {
      const { a, b, id } = await reserved('30');
      const plain = w.id('t');
      await w.transfer({ id: plain, from: a, to: b, amount: '1' });
      const [type, payload] = build({ a, b, id, plain });
      expect(await w.code(type, payload)).toBe(expected);
      expect(w.engine.state.ledger.transfers.get(id)?.status).toBe('pending');
    });

    it('only the debit owner or a grant holder settles', async () => {
      const { id } = await reserved('30');
      const member = await w.actor();
      expect(await w.code('ledger.post_pending', { pendingId: id }, member)).toBe('not_authorized');
      expect(await w.code('ledger.void_pending', { pendingId: id }, member)).toBe('not_authorized');
    });

    it('after its timeout it can no longer be posted: pending_transfer_expired', async () => {
      const { a, id } = await reserved('30', { timeoutSeconds: 60 });
      const expiresAtMs = w.engine.state.ledger.transfers.get(id)?.expiresAtMs;
      expect(expiresAtMs).toBe(w.clock.nowMs() + 60_000);
      w.clock.advanceMs(60_000);
      expect(await w.code('ledger.post_pending', { pendingId: id })).toBe('pending_transfer_expired');
      expect(await w.code('ledger.void_pending', { pendingId: id })).toBe('pending_transfer_expired');
      // Still reserved until the keeper expires it (keeper.test.ts).
      expect(availableUnits(w.accountState(a))).toBe(7000n);
    });

    it('before its timeout it posts normally', async () => {
      const { b, id } = await reserved('30', { timeoutSeconds: 60 });
      w.clock.advanceMs(59_999);
      expect(await outcome(post(id))).toBe('posted');
      expect(w.balance(b)).toBe(3000n);
    });

    it('a pending credit counts against the receiver max balance', async () => {
      const { asset, a } = await w.pair();
      const capped = await w.account(asset, { maxBalance: '10' });
      expect(await w.transfer({ id: w.id('p'), from: a, to: capped, amount: '8', pending: true })).toBe('created');
      expect(await w.transfer({ id: w.id('t'), from: a, to: capped, amount: '2.01' })).toBe('exceeds_max_balance');
    });

    it('the transfers table follows the status', async () => {
      const { id } = await reserved('30');
      await post(id, '1');
      const row = await w.dao.store.db
        .selectFrom('transfers')
        .select(['status', 'posted', 'pending'])
        .where('dao_id', '=', w.engine.daoId)
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect({ status: row.status, posted: String(row.posted), pending: Number(row.pending) }).toEqual({ status: 'posted', posted: '100', pending: 1 });
    });
  });
});
