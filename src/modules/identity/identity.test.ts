import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachBackend } from '../../../test/support/backends.ts';
import { LedgerWorld } from '../../../test/support/ledger-world.ts';
import { Engine } from '../../engine/engine.ts';
import { loadState } from '../../engine/replay.ts';
import type { Principal } from '../../engine/types.ts';
import { LedgerMoves } from '../../ledger/moves.ts';
import { nftKey } from '../../ledger/state.ts';
import { hasIdentity, type IdentityState, identityAccountId, identityHolders, identityOf, identityToken } from './index.ts';
import { issueRejections, revokeRejections } from './rejections.ts';

const dayMs = 86_400_000;

/** The code of a command the engine refuses before sequencing (it throws), or of its outcome. */
async function thrownCode(submit: () => Promise<{ ok: boolean; code?: string }>): Promise<string> {
  try {
    const outcome = await submit();
    return outcome.ok ? 'accepted' : (outcome.code ?? 'rejected');
  } catch (error) {
    return (error as { code?: string }).code ?? 'thrown';
  }
}

/** The BID class as the brief describes it: non-fungible and soulbound. */
async function createClass(w: LedgerWorld, fields: Record<string, unknown> = {}): Promise<string> {
  const id = w.id('bid');
  expect(await w.ok('ledger.create_asset', { id, kind: 'non_fungible', symbol: 'BID', transferable: false, ...fields })).toMatchObject({ status: 'created' });
  return id;
}

/** A member holding `identity.verify` on the class. */
async function verifierFor(w: LedgerWorld, assetId: string): Promise<Principal> {
  const verifier = await w.actor();
  await w.ok('access.grant', { actorId: verifier.actorId, action: 'identity.verify', resource: `identity:${assetId}` });
  return verifier;
}

forEachBackend((backend) => {
  describe('identity.configure and the not_configured rows', () => {
    let w: LedgerWorld;
    beforeAll(async () => {
      w = await LedgerWorld.open(backend);
    });
    afterAll(async () => {
      await w.close();
    });

    it('issue and revoke are not_configured before a class is named', async () => {
      const holder = await w.actor();
      expect(await w.code('identity.issue', { tokenId: 't1', subject: 's1', holder: holder.actorId })).toBe('not_configured');
      expect(await w.code('identity.revoke', { tokenId: 't1', reason: 'fraud' })).toBe('not_configured');
    });

    it.each<[string, (w: LedgerWorld) => Promise<{ asset: string; by?: Principal }>, string]>([
      ['a member without economy.admin', async (w) => ({ asset: await createClass(w), by: await w.actor() }), 'not_authorized'],
      ['an unknown asset', async () => ({ asset: 'nope' }), 'identity_class_invalid'],
      ['a fungible asset', async (w) => ({ asset: await w.asset() }), 'identity_class_invalid'],
      ['a transferable NFT class', async (w) => ({ asset: await createClass(w, { transferable: true }) }), 'identity_class_invalid'],
    ])('rejects %s: %s', async (_name, setup, code) => {
      const { asset, by } = await setup(w);
      expect(await w.code('identity.configure', { asset }, by)).toBe(code);
      expect(w.engine.state.modules.identity.assetId).toBeUndefined();
    });

    it('configures once; the same class again is exists, another is identity_configured', async () => {
      const asset = await createClass(w);
      expect(await w.ok('identity.configure', { asset })).toEqual({ assetId: asset, status: 'configured' });
      expect(await w.ok('identity.configure', { asset })).toEqual({ assetId: asset, status: 'exists' });
      expect(await w.code('identity.configure', { asset: await createClass(w) })).toBe('identity_configured');
      expect(w.engine.state.modules.identity.assetId).toBe(asset);
    });

    it('a member granted economy.admin on identity:config may configure', async () => {
      const other = await LedgerWorld.open(backend);
      try {
        const admin = await other.actor();
        await other.ok('access.grant', { actorId: admin.actorId, action: 'economy.admin', resource: 'identity:config' });
        expect(await other.code('identity.configure', { asset: await createClass(other) }, admin)).toBe('accepted');
      } finally {
        await other.close();
      }
    });
  });

  describe('issue, revoke and queries', () => {
    let w: LedgerWorld;
    let asset: string;
    let verifier: Principal;
    const identity = (): IdentityState => w.engine.state.modules.identity;
    const issue = (tokenId: string, subject: string, holder: string, by: Principal = verifier) => w.submit('identity.issue', { tokenId, subject, holder }, by);
    const issueCode = async (tokenId: string, subject: string, holder: string, by: Principal = verifier) => {
      const outcome = await issue(tokenId, subject, holder, by);
      return outcome.ok ? (outcome.result as { status: string }).status : outcome.code;
    };
    const revokeCode = async (tokenId: string, reason: string, by: Principal = verifier) => {
      const outcome = await w.submit('identity.revoke', { tokenId, reason }, by);
      return outcome.ok ? (outcome.result as { status: string }).status : outcome.code;
    };

    beforeAll(async () => {
      w = await LedgerWorld.open(backend);
      asset = await createClass(w);
      await w.ok('identity.configure', { asset });
      verifier = await verifierFor(w, asset);
    });
    afterAll(async () => {
      await w.close();
    });

    it('issues a BID into the holder-owned identity account, minted from issuance', async () => {
      const holder = await w.actor();
      const tokenId = w.id('bid-token');
      const outcome = await issue(tokenId, 'sha256:aa11', holder.actorId);
      expect(outcome).toMatchObject({ ok: true, result: { tokenId, accountId: identityAccountId(holder.actorId), status: 'issued' } });
      const account = w.accountState(identityAccountId(holder.actorId));
      expect(account).toMatchObject({ assetId: asset, ownerId: holder.actorId, allowOverdraft: false });
      expect(w.balance(account.id)).toBe(1n);
      expect(w.engine.state.ledger.nftOwners.get(nftKey(asset, tokenId))).toBe(account.id);
      expect(w.assetState(asset).mintedUnits).toBe(1n);
      const [logged] = await w.dao.store.readLog((outcome.ok && outcome.seq ? outcome.seq : 1) - 1, 1);
      expect(logged?.record.events.map((event) => event.type)).toEqual(['account_created', 'transfer_created', 'identity_issued']);
      expect(hasIdentity(identity(), holder.actorId)).toBe(true);
    });

    it('repeating the same issue is exists and changes nothing', async () => {
      const holder = await w.actor();
      const tokenId = w.id('bid-token');
      expect(await issueCode(tokenId, 'sha256:bb22', holder.actorId)).toBe('issued');
      const minted = w.assetState(asset).mintedUnits;
      expect(await issueCode(tokenId, 'sha256:bb22', holder.actorId)).toBe('exists');
      expect(w.assetState(asset).mintedUnits).toBe(minted);
    });

    it.each<[string, string]>(
      issueRejections.filter((code) => code !== 'not_configured').map((code) => [code, code]),
    )('issue rejection row: %s', async (_name, code) => {
      const holder = await w.actor();
      const subject = w.id('subject-');
      const tokenId = w.id('bid-token');
      const rows: Record<string, () => Promise<string>> = {
        not_authorized: async () => issueCode(tokenId, subject, holder.actorId, await w.actor()),
        holder_not_found: () => issueCode(tokenId, subject, 'ghost'),
        subject_already_verified: async () => {
          await issueCode(w.id('bid-token'), subject, holder.actorId);
          return issueCode(tokenId, subject, (await w.actor()).actorId);
        },
        holder_already_verified: async () => {
          await issueCode(w.id('bid-token'), subject, holder.actorId);
          return issueCode(tokenId, w.id('subject-'), holder.actorId);
        },
        token_id_used: async () => {
          await issueCode(tokenId, w.id('subject-'), (await w.actor()).actorId);
          return issueCode(tokenId, subject, holder.actorId);
        },
      };
      const row = rows[code];
      if (!row) return expect.fail(`no row for ${code}`);
      const minted = w.assetState(asset).mintedUnits;
      const before = identity().tokens.size;
      expect(await row()).toBe(code);
      // a rejected issue changes nothing: at most the setup's own issue happened
      expect(w.assetState(asset).mintedUnits - minted).toBe(BigInt(identity().tokens.size - before));
    });

    it('the system actor cannot hold an identity: holder_not_found', async () => {
      expect(await issueCode(w.id('bid-token'), w.id('subject-'), 'system')).toBe('holder_not_found');
    });

    it('a token id minted outside the module gives the ledger code token_not_owned', async () => {
      const tokenId = w.id('bid-token');
      const account = await w.account(asset);
      expect(await w.status('ledger.mint', { id: w.id('mint'), asset, to: account, tokenId })).toBe('created');
      const holder = await w.actor();
      expect(await issueCode(tokenId, w.id('subject-'), holder.actorId)).toBe('token_not_owned');
      expect(hasIdentity(identity(), holder.actorId)).toBe(false);
      expect(w.engine.state.ledger.accounts.has(identityAccountId(holder.actorId))).toBe(false);
    });

    it('schema: subjects are opaque ids, reasons 1..200 characters', async () => {
      const holder = await w.actor();
      const holderId = holder.actorId;
      expect(await thrownCode(() => issue(w.id('t'), 'has space', holderId))).toBe('validation_failed');
      expect(await thrownCode(() => issue(w.id('t'), 'x'.repeat(129), holderId))).toBe('validation_failed');
      expect(await issueCode(w.id('t'), `sha256:${'a'.repeat(121)}`, holderId)).toBe('issued'); // 128 characters
      expect(await thrownCode(() => w.submit('identity.revoke', { tokenId: 't', reason: '' }))).toBe('validation_failed');
      expect(await thrownCode(() => w.submit('identity.revoke', { tokenId: 't', reason: 'x'.repeat(201) }))).toBe('validation_failed');
      expect(await thrownCode(() => w.submit('identity.revoke', { tokenId: 't', reason: 'x'.repeat(200) }))).toBe('identity_not_found');
    });

    it.each<[string]>(revokeRejections.filter((code) => code !== 'not_configured').map((code) => [code]))('revoke rejection row: %s', async (code) => {
      const holder = await w.actor();
      const tokenId = w.id('bid-token');
      expect(await issueCode(tokenId, w.id('subject-'), holder.actorId)).toBe('issued');
      const rows: Record<string, () => Promise<string>> = {
        not_authorized: async () => revokeCode(tokenId, 'fraud', await w.actor()),
        identity_not_found: () => revokeCode(w.id('unknown-token'), 'fraud'),
      };
      const row = rows[code];
      if (!row) return expect.fail(`no row for ${code}`);
      expect(await row()).toBe(code);
      expect(hasIdentity(identity(), holder.actorId)).toBe(true);
      expect(w.balance(identityAccountId(holder.actorId))).toBe(1n);
    });

    it('revoke burns with a reason; re-issue to the same person needs a new token id', async () => {
      const holder = await w.actor();
      const subject = w.id('subject-');
      const first = w.id('bid-token');
      expect(await issueCode(first, subject, holder.actorId)).toBe('issued');
      const issuedMs = w.clock.nowMs();
      w.clock.advanceMs(3 * dayMs);
      expect(await revokeCode(first, 'duplicate registration found')).toBe('revoked');
      const account = identityAccountId(holder.actorId);
      expect(w.balance(account)).toBe(0n);
      expect(w.engine.state.ledger.nftOwners.has(nftKey(asset, first))).toBe(false);
      expect(w.engine.state.ledger.transfers.get(`identity:${first}:revoke`)).toMatchObject({ kind: 'burn', memo: 'duplicate registration found' });
      expect(identityToken(identity(), first)).toEqual({
        tokenId: first,
        subject,
        holderId: holder.actorId,
        issuedMs,
        issuedSeq: expect.any(Number),
        revokedMs: issuedMs + 3 * dayMs,
        reason: 'duplicate registration found',
      });
      expect(hasIdentity(identity(), holder.actorId)).toBe(false);
      expect(identityOf(identity(), holder.actorId)).toBeUndefined();
      expect(await revokeCode(first, 'again')).toBe('identity_not_found');
      expect(await issueCode(first, subject, holder.actorId)).toBe('token_id_used');

      w.clock.advanceMs(dayMs);
      const second = w.id('bid-token');
      expect(await issueCode(second, subject, holder.actorId)).toBe('issued');
      expect(identityOf(identity(), holder.actorId)).toEqual({ tokenId: second, subject, sinceMs: issuedMs + 4 * dayMs });
      expect(w.balance(account)).toBe(1n); // the same identity account is used again
      expect(identityToken(identity(), first)?.reason).toBe('duplicate registration found');
    });

    it('a BID cannot move: ledger.create_transfers rejects asset_not_transferable', async () => {
      // A BID minted straight into a client account (ledger.mint) is the only one a client can name.
      const tokenId = w.id('bid-token');
      const [a, b] = [await w.account(asset), await w.account(asset)];
      expect(await w.status('ledger.mint', { id: w.id('mint'), asset, to: a, tokenId })).toBe('created');
      expect(await w.transfer({ id: w.id('t'), from: a, to: b, tokenId })).toBe('asset_not_transferable');
      expect(w.engine.state.ledger.nftOwners.get(nftKey(asset, tokenId))).toBe(a);
    });

    it('an issued BID cannot move: clients cannot name the identity account, modules meet asset_not_transferable', async () => {
      const holder = await w.actor();
      const tokenId = w.id('bid-token');
      expect(await issueCode(tokenId, w.id('subject-'), holder.actorId)).toBe('issued');
      const from = identityAccountId(holder.actorId);
      const to = await w.account(asset);
      const item = { id: w.id('t'), from, to, tokenId };
      expect(await thrownCode(() => w.submit('ledger.create_transfers', { transfers: [item] }, holder))).toBe('validation_failed');
      expect(await thrownCode(() => w.submit('ledger.burn', { id: w.id('burn'), from, tokenId }, holder))).toBe('validation_failed');
      const state = w.engine.state;
      const ctx = { seq: w.engine.head.seq + 1, timeMs: w.clock.nowMs(), daoId: state.daoId, actorId: 'system' };
      const moves = new LedgerMoves(state, ctx);
      expect(moves.transfer({ id: `test:${w.id('t')}`, fromId: from, toId: to, units: 1n, tokenId })).toMatchObject({ code: 'asset_not_transferable' });
      expect(w.engine.state.ledger.nftOwners.get(nftKey(asset, tokenId))).toBe(from);
    });

    it('identityHolders lists live holders sorted by actor id, with since-when', async () => {
      const holders = identityHolders(identity());
      const ids = holders.map((holder) => holder.actorId);
      expect(ids).toEqual([...ids].sort());
      for (const holder of holders) {
        expect(identityOf(identity(), holder.actorId)).toMatchObject({ tokenId: holder.tokenId, sinceMs: holder.sinceMs });
        expect(identityToken(identity(), holder.tokenId)?.revokedMs).toBeUndefined();
      }
      expect(holders.length).toBe(identity().byHolder.size);
      expect(holders.length).toBeLessThan(identity().tokens.size); // revoked tokens are left out
    });

    it('permission is per class: identity.verify on another resource does not count', async () => {
      const stranger = await w.actor();
      await w.ok('access.grant', { actorId: stranger.actorId, action: 'identity.verify', resource: 'identity:other-class' });
      expect(await issueCode(w.id('bid-token'), w.id('subject-'), (await w.actor()).actorId, stranger)).toBe('not_authorized');
      await w.ok('access.grant', { actorId: stranger.actorId, action: 'identity.verify', resource: '*' });
      expect(await issueCode(w.id('bid-token'), w.id('subject-'), (await w.actor()).actorId, stranger)).toBe('issued');
    });

    it('replaying the log gives the same identity state', async () => {
      await w.engine.flush();
      const before = identity();
      const store = await w.dao.testStore.reopen();
      try {
        const engine = await Engine.open({ store, clock: w.clock });
        expect(engine.state.modules.identity).toEqual(before);
        await engine.close();
      } finally {
        await store.close();
      }
    });

    it('a snapshot restores the same identity state', async () => {
      await w.engine.snapshot();
      const loaded = await loadState(w.dao.store);
      expect(loaded.state.modules.identity).toEqual(identity());
    });
  });
});
