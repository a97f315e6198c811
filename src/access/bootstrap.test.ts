import { describe, expect, it } from 'vitest';
import { backends } from '../../test/support/backends.ts';
import { Engine } from '../engine/engine.ts';
import { bootstrapAdmin } from './bootstrap.ts';
import { resolveBearer } from './tokens.ts';

const sqlite = backends[0];

describe('bootstrapAdmin', () => {
  it.each(['admin', 'root.admin', `a${'x'.repeat(100)}`])('gives admin %s a bearer token that authenticates', async (adminId) => {
    if (!sqlite) throw new Error('no backend');
    const { store } = await sqlite.open();
    const engine = await Engine.open({ store });
    const { adminToken } = await bootstrapAdmin(engine, adminId);
    expect(resolveBearer(engine.state.access, adminToken)?.actorId).toBe(adminId);
    await engine.close();
    await store.close();
  });

  it('refuses token ids that could not appear in a bearer string', async () => {
    if (!sqlite) throw new Error('no backend');
    const { store } = await sqlite.open();
    const engine = await Engine.open({ store });
    await bootstrapAdmin(engine);
    const payload = { id: 'has.dot', actorId: 'admin', secretHash: 'a'.repeat(64), scopes: ['*'] };
    expect(() => engine.submit({ actorId: 'admin' }, { type: 'access.create_token', payload })).toThrow(/validation_failed|id/);
    await engine.close();
    await store.close();
  });

  it('a repeated token creation with the same body answers exists; another body is refused', async () => {
    if (!sqlite) throw new Error('no backend');
    const { store } = await sqlite.open();
    const engine = await Engine.open({ store });
    await bootstrapAdmin(engine);
    const admin = { actorId: 'admin' };
    const payload = { id: 'ci', actorId: 'admin', secretHash: 'a'.repeat(64), scopes: ['read'] };
    expect(await engine.submit(admin, { type: 'access.create_token', payload })).toMatchObject({ ok: true, result: { status: 'created' } });
    expect(await engine.submit(admin, { type: 'access.create_token', payload })).toMatchObject({ ok: true, result: { status: 'exists' } });
    const other = { ...payload, secretHash: 'b'.repeat(64) };
    expect(await engine.submit(admin, { type: 'access.create_token', payload: other })).toMatchObject({ ok: false, code: 'token_exists' });
    await engine.close();
    await store.close();
  });
});
