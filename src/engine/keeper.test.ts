import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachBackend } from '../../test/support/backends.ts';
import { LedgerWorld } from '../../test/support/ledger-world.ts';
import { availableUnits } from '../ledger/state.ts';
import { type Keeper, startKeeper } from './keeper.ts';
import { loadState } from './replay.ts';

forEachBackend((backend) => {
  let w: LedgerWorld;
  let keeper: Keeper;
  beforeAll(async () => {
    w = await LedgerWorld.open(backend);
    // A long interval: the test drives the keeper by tick(), never by the timer.
    keeper = startKeeper(w.engine, { intervalMs: 3_600_000 });
  });
  afterAll(async () => {
    keeper.stop();
    await w.close();
  });

  describe('keeper', () => {
    it('expires a pending transfer once the clock passes its timeout, releasing the reservation', async () => {
      const { a, b } = await w.pair();
      const [short, long, open] = [w.id('p'), w.id('p'), w.id('p')];
      expect(
        await w.transfers([
          { id: short, from: a, to: b, amount: '10', pending: true, timeoutSeconds: 60 },
          { id: long, from: a, to: b, amount: '20', pending: true, timeoutSeconds: 3600 },
          { id: open, from: a, to: b, amount: '30', pending: true },
        ]),
      ).toEqual(['created', 'created', 'created']);
      expect(availableUnits(w.accountState(a))).toBe(4000n);

      w.clock.advanceMs(59_999);
      expect(await keeper.tick()).toBe(0);
      w.clock.advanceMs(1);
      expect(await keeper.tick()).toBe(1);
      const transfers = w.engine.state.ledger.transfers;
      expect(transfers.get(short)).toMatchObject({ status: 'expired', postedUnits: 0n });
      expect(transfers.get(long)?.status).toBe('pending');
      expect(availableUnits(w.accountState(a))).toBe(5000n);
      expect(w.accountState(b).creditsPendingUnits).toBe(5000n);
      expect(w.engine.state.ledger.pendingIds.has(short)).toBe(false);

      w.clock.advanceMs(3_600_000);
      expect(await keeper.tick()).toBe(1);
      expect(transfers.get(long)?.status).toBe('expired');
      expect(transfers.get(open)?.status).toBe('pending'); // no timeout: waits for post or void
      expect([w.balance(a), w.balance(b)]).toEqual([10000n, 0n]);
      expect(availableUnits(w.accountState(a))).toBe(7000n);
      expect(await keeper.tick()).toBe(0);
    });

    it('an expired transfer can no longer be posted or voided', async () => {
      const { a, b } = await w.pair();
      const id = w.id('p');
      await w.transfer({ id, from: a, to: b, amount: '10', pending: true, timeoutSeconds: 1 });
      w.clock.advanceMs(1000);
      expect(await keeper.tick()).toBe(1);
      expect(await w.code('ledger.post_pending', { pendingId: id })).toBe('pending_transfer_already_expired');
      expect(await w.code('ledger.void_pending', { pendingId: id })).toBe('pending_transfer_already_expired');
    });

    it('anyone may submit expire_pending, but only due transfers expire', async () => {
      const { a, b } = await w.pair();
      const id = w.id('p');
      await w.transfer({ id, from: a, to: b, amount: '10', pending: true, timeoutSeconds: 100 });
      const member = await w.actor();
      expect(await w.ok('ledger.expire_pending', { pendingIds: [id, 'ghost'] }, member)).toEqual({ expired: [] });
      w.clock.advanceMs(100_000);
      expect(await w.ok('ledger.expire_pending', { pendingIds: [id, id] }, member)).toEqual({ expired: [id] });
      expect(await keeper.tick()).toBe(0);
    });

    it('releases vested tokens once a day, and only what has come due', async () => {
      const asset = await w.asset({ supply: 'fixed', maxSupply: '1000' });
      const beneficiary = await w.account(asset);
      const schedule = { kind: 'linear', lockupSeconds: 86_400, durationSeconds: 10 * 86_400 };
      await w.ok('vesting.create', { id: w.id('grant'), asset, beneficiary, amount: '1000', schedule, startMs: w.clock.nowMs() });
      w.clock.advanceMs(2 * 86_400_000);
      expect(await keeper.tick()).toBe(1);
      expect(w.balance(beneficiary)).toBe(10_000n); // one day of ten after the lock-up: 100.00
      w.clock.advanceMs(3_600_000);
      expect(await keeper.tick()).toBe(0); // within the day: nothing is submitted
      w.clock.advanceMs(20 * 86_400_000);
      expect(await keeper.tick()).toBe(1);
      expect(w.balance(beneficiary)).toBe(100_000n);
    });

    it('the expiry is in the log: a replay gives the same statuses', async () => {
      const replayed = await loadState(w.dao.store);
      for (const [id, transfer] of w.engine.state.ledger.transfers) expect(replayed.state.ledger.transfers.get(id)?.status, id).toBe(transfer.status);
      expect([...replayed.state.ledger.pendingIds].sort()).toEqual([...w.engine.state.ledger.pendingIds].sort());
    });
  });
});
