import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachBackend } from '../../test/support/backends.ts';
import { LedgerWorld } from '../../test/support/ledger-world.ts';
import { issueToken } from '../access/tokens.ts';
import { loadState } from '../engine/replay.ts';
import type { Principal } from '../engine/types.ts';

const periodSeconds = 3600;

forEachBackend((backend) => {
  let w: LedgerWorld;
  beforeAll(async () => {
    w = await LedgerWorld.open(backend);
  });
  afterAll(async () => {
    await w.close();
  });

  /** A member with a funded account, spending through a token capped at `cap` per hour. */
  async function spender(cap = '10'): Promise<{ token: Principal; bare: Principal; from: string; to: string; asset: string }> {
    const asset = await w.asset();
    const member = await w.actor();
    const from = await w.account(asset, { owner: member.actorId });
    const to = await w.account(asset);
    await w.mint(asset, from, '1000');
    const tokenId = w.id('token');
    const spendingCap = { asset, amount: cap, periodSeconds };
    await w.ok('access.create_token', { id: tokenId, actorId: member.actorId, secretHash: issueToken(tokenId).secretHash, scopes: ['ledger'], spendingCap });
    return { token: { actorId: member.actorId, tokenId }, bare: member, from, to, asset };
  }

  describe('spending caps on tokens', () => {
    it('counts every transfer made through the token within the period', async () => {
      const { token, from, to } = await spender('10');
      const send = (amount: string) => w.transfer({ id: w.id('t'), from, to, amount }, token);
      expect(await send('6')).toBe('created');
      expect(await send('5')).toBe('spending_cap_exceeded');
      expect(await send('4')).toBe('created');
      expect(await send('0.01')).toBe('spending_cap_exceeded');
      expect(w.engine.state.access.tokens.get(token.tokenId ?? '')?.spentUnits).toBe(1000n);
    });

    it('gives back what a pending transfer reserved but never moved: void, partial post, expiry', async () => {
      const { token, from, to } = await spender('10');
      const spent = () => w.engine.state.access.tokens.get(token.tokenId ?? '')?.spentUnits;
      const reserve = async (amount: string, timeoutSeconds?: number) => {
        const id = w.id('p');
        const item = timeoutSeconds === undefined ? { id, from, to, amount, pending: true } : { id, from, to, amount, pending: true, timeoutSeconds };
        expect(await w.transfer(item, token)).toBe('created');
        return id;
      };
      const voided = await reserve('8');
      expect(spent()).toBe(800n);
      await w.ok('ledger.void_pending', { pendingId: voided }, token);
      expect(spent()).toBe(0n);
      const partly = await reserve('8');
      await w.ok('ledger.post_pending', { pendingId: partly, amount: '3' }, token);
      expect(spent()).toBe(300n); // only what moved still counts
      const expiring = await reserve('7', 60);
      expect(spent()).toBe(1000n);
      w.clock.advanceMs(61_000);
      await w.ok('ledger.expire_pending', { pendingIds: [expiring] });
      expect(spent()).toBe(300n);
      expect(await w.transfer({ id: w.id('t'), from, to, amount: '7' }, token)).toBe('created');
    });

    it('a release in a later period gives nothing back: that period counts from zero', async () => {
      const { token, from, to } = await spender('10');
      const id = w.id('p');
      expect(await w.transfer({ id, from, to, amount: '9', pending: true }, token)).toBe('created');
      w.clock.advanceMs(periodSeconds * 1000);
      expect(await w.transfer({ id: w.id('t'), from, to, amount: '4' }, token)).toBe('created');
      await w.ok('ledger.void_pending', { pendingId: id }, token);
      expect(w.engine.state.access.tokens.get(token.tokenId ?? '')?.spentUnits).toBe(400n);
    });

    it('resets when the next period starts', async () => {
      const { token, from, to } = await spender('10');
      const send = (amount: string) => w.transfer({ id: w.id('t'), from, to, amount }, token);
      expect(await send('10')).toBe('created');
      expect(await send('1')).toBe('spending_cap_exceeded');
      w.clock.advanceMs(periodSeconds * 1000);
      expect(await send('10')).toBe('created');
      expect(await send('0.01')).toBe('spending_cap_exceeded');
    });

    it('counts earlier items of the same batch; failed items and failed chains spend nothing', async () => {
      const { token, from, to } = await spender('10');
      const statuses = await w.transfers(
        [
          { id: w.id('t'), from, to, amount: '6' },
          { id: w.id('t'), from, to, amount: '5' },
          { id: w.id('t'), from, to, amount: '3', linked: true },
          { id: w.id('t'), from: to, to: from, amount: '1' },
          { id: w.id('t'), from, to, amount: '5000' },
          { id: w.id('t'), from, to, amount: '4' },
        ],
        token,
      );
      expect(statuses).toEqual(['created', 'spending_cap_exceeded', 'linked_event_failed', 'not_authorized', 'insufficient_funds', 'created']);
      expect(w.engine.state.access.tokens.get(token.tokenId ?? '')?.spentUnits).toBe(1000n);
    });

    it('applies only to the capped asset and only when the token is used', async () => {
      const { token, bare, from, to } = await spender('1');
      expect(await w.transfer({ id: w.id('t'), from, to, amount: '50' }, bare)).toBe('created');
      const otherAsset = await w.asset();
      const otherFrom = await w.account(otherAsset, { owner: bare.actorId });
      await w.mint(otherAsset, otherFrom, '100');
      expect(await w.transfer({ id: w.id('t'), from: otherFrom, to: await w.account(otherAsset), amount: '50' }, token)).toBe('created');
      expect(await w.transfer({ id: w.id('t'), from, to, amount: '1.01' }, token)).toBe('spending_cap_exceeded');
    });

    it('survives a restart: the spent amount is in the log', async () => {
      const { token, from, to } = await spender('10');
      expect(await w.transfer({ id: w.id('t'), from, to, amount: '9' }, token)).toBe('created');
      const reloaded = await loadState(w.dao.store);
      expect(reloaded.state.access.tokens.get(token.tokenId ?? '')?.spentUnits).toBe(900n);
    });
  });
});
