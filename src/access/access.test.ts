import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachBackend } from '../../test/support/backends.ts';
import { LedgerWorld } from '../../test/support/ledger-world.ts';
import type { Principal } from '../engine/types.ts';
import { generateKeyPair, signedText, signText } from './signature.ts';
import { can, createAccessState, grantKey, periodStartMs, scopeAllows, systemActorId } from './state.ts';
import { issueToken, resolveBearer } from './tokens.ts';

describe('can', () => {
  const access = createAccessState();
  access.grants.add(grantKey('root', '*', '*'));
  access.grants.add(grantKey('minter', 'ledger.mint', '*'));
  access.grants.add(grantKey('teller', 'ledger.transfer', 'account:vault'));
  access.grants.add(grantKey('steward', '*', 'asset:gold'));

  it.each<[string, string, string[], boolean]>([
    [systemActorId, 'anything.at_all', [], true],
    ['root', 'ledger.burn', ['account:x'], true],
    ['minter', 'ledger.mint', ['asset:gold'], true],
    ['minter', 'ledger.burn', ['asset:gold'], false],
    ['teller', 'ledger.transfer', ['account:vault', 'asset:gold'], true],
    ['teller', 'ledger.transfer', ['account:other', 'asset:gold'], false],
    ['teller', 'ledger.burn', ['account:vault'], false],
    ['steward', 'ledger.burn', ['account:x', 'asset:gold'], true],
    ['steward', 'ledger.burn', ['account:x', 'asset:silver'], false],
    ['nobody', 'ledger.transfer', ['*'], false],
  ])('%s may %s on %j: %s', (actorId, action, resources, expected) => {
    expect(can(access, actorId, action, resources)).toBe(expected);
  });
});

describe('scopes and periods', () => {
  it.each<[string[], string, boolean]>([
    [['*'], 'access.grant', true],
    [['ledger'], 'ledger.create_transfers', true],
    [['ledger'], 'access.create_token', false],
    [['read'], 'ledger.mint', false],
    [['read', 'access'], 'access.grant', true],
  ])('scopes %j cover %s: %s', (scopes, type, expected) => {
    expect(scopeAllows(scopes, type)).toBe(expected);
  });

  it.each<[number, number, number]>([
    [0, 60, 0],
    [59_999, 60, 0],
    [60_000, 60, 60_000],
    [Date.UTC(2026, 0, 1, 13, 30), 3600, Date.UTC(2026, 0, 1, 13)],
    [Date.UTC(2026, 0, 1, 13, 30), 86_400, Date.UTC(2026, 0, 1)],
  ])('periodStartMs(%i, %i) = %i', (timeMs, seconds, start) => {
    expect(periodStartMs(timeMs, seconds)).toBe(start);
  });
});

describe('bearer tokens', () => {
  const access = createAccessState();
  const issued = issueToken('t1');
  const base = { actorId: 'a', scopes: ['*'], revoked: false, createdSeq: 1, spendPeriodStartMs: 0, spentUnits: 0n };
  access.tokens.set('t1', { id: 't1', secretHash: issued.secretHash, ...base });
  access.tokens.set('t2', { id: 't2', secretHash: issueToken('t2').secretHash, ...base, revoked: true });

  it('resolves a genuine bearer and stores only the hash', () => {
    expect(issued.bearer).toMatch(/^pol_t1\.[A-Za-z0-9_-]{43}$/);
    expect(issued.bearer).not.toContain(issued.secretHash);
    expect(resolveBearer(access, issued.bearer)?.id).toBe('t1');
  });

  it.each<[string, string]>([
    ['a wrong secret', `pol_t1.${'A'.repeat(43)}`],
    ['an unknown token id', issued.bearer.replace('pol_t1', 'pol_t9')],
    ['a malformed bearer', 'Bearer xyz'],
    ['a truncated secret', issued.bearer.slice(0, -1)],
  ])('refuses %s', (_name, bearer) => {
    expect(resolveBearer(access, bearer)).toBeUndefined();
  });

  it('refuses a revoked token', () => {
    const revoked = issueToken('t2');
    access.tokens.set('t2', { id: 't2', secretHash: revoked.secretHash, ...base, revoked: true });
    expect(resolveBearer(access, revoked.bearer)).toBeUndefined();
  });
});

forEachBackend((backend) => {
  let w: LedgerWorld;
  beforeAll(async () => {
    w = await LedgerWorld.open(backend);
  });
  afterAll(async () => {
    await w.close();
  });

  const tokenPayload = (actorId: string, scopes: string[] = ['*']) => {
    const id = w.id('tok');
    return { id, actorId, secretHash: issueToken(id).secretHash, scopes };
  };

  describe('access commands', () => {
    it('create_actor: created, exists, exists_with_different_fields, and admin only', async () => {
      const id = w.id('actor');
      expect(await w.ok('access.create_actor', { id, kind: 'agent', name: 'Bot' })).toEqual({ id, status: 'created' });
      expect(await w.ok('access.create_actor', { id, kind: 'agent', name: 'Bot' })).toEqual({ id, status: 'exists' });
      expect(await w.code('access.create_actor', { id, kind: 'member', name: 'Bot' })).toBe('exists_with_different_fields');
      expect(await w.code('access.create_actor', { id: w.id('actor'), kind: 'member' }, { actorId: id })).toBe('not_authorized');
      expect(w.engine.state.access.actors.get(id)).toMatchObject({ kind: 'agent', name: 'Bot' });
    });

    it('create_token: exists, token_exists, actor_not_found, asset_not_found for a cap, admin only', async () => {
      const member = await w.actor();
      const payload = tokenPayload(member.actorId);
      expect(await w.ok('access.create_token', payload)).toEqual({ id: payload.id, status: 'created' });
      expect(await w.ok('access.create_token', payload)).toEqual({ id: payload.id, status: 'exists' });
      expect(await w.code('access.create_token', { ...payload, secretHash: 'f'.repeat(64) })).toBe('token_exists');
      expect(await w.code('access.create_token', tokenPayload('ghost'))).toBe('actor_not_found');
      const capped = { ...tokenPayload(member.actorId), spendingCap: { asset: 'ghost', amount: '1', periodSeconds: 60 } };
      expect(await w.code('access.create_token', capped)).toBe('asset_not_found');
      expect(await w.code('access.create_token', tokenPayload(member.actorId), member)).toBe('not_authorized');
    });

    it('revoke_token: the owner may revoke its own token; others need the admin grant', async () => {
      const owner = await w.actor();
      const stranger = await w.actor();
      const payload = tokenPayload(owner.actorId);
      await w.ok('access.create_token', payload);
      expect(await w.code('access.revoke_token', { id: payload.id }, stranger)).toBe('not_authorized');
      expect(await w.ok('access.revoke_token', { id: payload.id }, owner)).toEqual({ id: payload.id, status: 'revoked' });
      expect(await w.ok('access.revoke_token', { id: payload.id }, owner)).toEqual({ id: payload.id, status: 'exists' });
      expect(await w.code('access.revoke_token', { id: 'ghost' })).toBe('token_not_found');
    });

    it('grant and revoke change what an actor may do', async () => {
      const { asset, a, b } = await w.pair();
      const teller = await w.actor();
      const grant = { actorId: teller.actorId, action: 'ledger.transfer', resource: `account:${a}` };
      expect(await w.transfer({ id: w.id('t'), from: a, to: b, amount: '1' }, teller)).toBe('not_authorized');
      expect(await w.ok('access.grant', grant)).toMatchObject({ status: 'granted' });
      expect(await w.ok('access.grant', grant)).toMatchObject({ status: 'exists' });
      expect(await w.transfer({ id: w.id('t'), from: a, to: b, amount: '1' }, teller)).toBe('created');
      expect(await w.ok('access.revoke', grant)).toMatchObject({ status: 'revoked' });
      expect(await w.ok('access.revoke', grant)).toMatchObject({ status: 'exists' });
      expect(await w.transfer({ id: w.id('t'), from: a, to: b, amount: '1' }, teller)).toBe('not_authorized');
      expect(await w.code('access.grant', { ...grant, actorId: 'ghost' })).toBe('actor_not_found');
      expect(await w.code('access.grant', { ...grant, resource: `asset:${asset}` }, teller)).toBe('not_authorized');
    });
  });

  describe('submit authenticates before sequencing', () => {
    const refused = async (principal: Principal, envelope: { type: string; payload: unknown; signature?: string }) => {
      const head = w.engine.head.seq;
      const error = await (async () => w.engine.submit(principal, envelope))().then(
        () => 'accepted',
        (caught: { code?: string }) => caught.code ?? 'no code',
      );
      expect(w.engine.head.seq).toBe(head);
      return error;
    };
    const actorPayload = () => ({ type: 'access.create_actor', payload: { id: w.id('x'), kind: 'member' } });

    it('refuses an unknown actor', async () => {
      expect(await refused({ actorId: 'ghost' }, actorPayload())).toBe('unauthenticated');
    });

    it('refuses a revoked token, a token of another actor, and a token whose scopes do not cover the command', async () => {
      const member = await w.actor();
      const revoked = tokenPayload(member.actorId);
      await w.ok('access.create_token', revoked);
      await w.ok('access.revoke_token', { id: revoked.id });
      expect(await refused({ actorId: member.actorId, tokenId: revoked.id }, actorPayload())).toBe('unauthenticated');
      const adminToken = tokenPayload('admin', ['ledger']);
      await w.ok('access.create_token', adminToken);
      expect(await refused({ actorId: member.actorId, tokenId: adminToken.id }, actorPayload())).toBe('unauthenticated');
      expect(await refused({ actorId: 'admin', tokenId: adminToken.id }, actorPayload())).toBe('forbidden');
    });

    it('refuses a bad payload, an unknown command and a bad signature', async () => {
      expect(await refused(w.admin, { type: 'access.create_actor', payload: { id: 'x', kind: 'robot' } })).toBe('validation_failed');
      expect(await refused(w.admin, { type: 'ledger.no_such_command', payload: {} })).toBe('unknown_command');
      expect(await refused(w.admin, { ...actorPayload(), signature: 'AAAA' })).toBe('signature_invalid');
    });

    it('accepts a command signed with the actor key, and refuses it for another payload', async () => {
      const keys = generateKeyPair();
      const signer = w.id('signer');
      await w.ok('access.create_actor', { id: signer, kind: 'agent', publicKey: keys.publicKey });
      await w.ok('access.grant', { actorId: signer, action: 'access.admin', resource: '*' });
      const envelope = actorPayload();
      const signature = signText(keys, signedText(w.engine.daoId, signer, envelope.type, envelope.payload));
      expect((await w.engine.submit({ actorId: signer }, { ...envelope, signature })).ok).toBe(true);
      expect(await refused({ actorId: signer }, { ...actorPayload(), signature })).toBe('signature_invalid');
    });
  });
});
