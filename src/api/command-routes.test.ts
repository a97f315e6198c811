import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachBackend, openTestDao, type TestDao } from '../../test/support/backends.ts';
import { generateKeyPair, signedText, signText } from '../access/signature.ts';
import { buildServer } from './server.ts';

forEachBackend((backend) => {
  describe('signed commands', () => {
    let dao: TestDao;
    let app: Awaited<ReturnType<typeof buildServer>>;
    const keys = generateKeyPair();
    const headers = (extra: Record<string, string> = {}) => ({ 'content-type': 'application/json', authorization: `Bearer ${dao.adminToken}`, ...extra });

    beforeAll(async () => {
      dao = await openTestDao(backend);
      app = await buildServer({ engine: dao.engine, logger: false });
      // The admin registers a signer with a key and lets it create assets.
      await dao.engine.submit(dao.admin, { type: 'access.create_actor', payload: { id: 'signer', kind: 'member', publicKey: keys.publicKey } });
      await dao.engine.submit(dao.admin, { type: 'access.grant', payload: { actorId: 'signer', action: '*', resource: '*' } });
    });

    afterAll(async () => {
      await app.close();
      await dao.close();
    });

    async function signerToken(): Promise<string> {
      const response = await app.inject({ method: 'POST', url: '/v1/tokens', headers: headers(), payload: JSON.stringify({ actorId: 'signer' }) });
      return (response.json() as { token: string }).token;
    }

    it('POST /v1/commands takes a signed command, and the log keeps the signature', async () => {
      const payload = { id: 'gold', kind: 'fungible', symbol: 'GLD', decimals: 2 };
      const signature = signText(keys, signedText(dao.engine.daoId, 'signer', 'ledger.create_asset', payload));
      const token = await signerToken();
      const body = JSON.stringify({ type: 'ledger.create_asset', payload, signature });
      const response = await app.inject({ method: 'POST', url: '/v1/commands', headers: { ...headers(), authorization: `Bearer ${token}` }, payload: body });
      expect(response.statusCode).toBe(200);
      const { seq } = response.json() as { seq: number };
      const [entry] = await dao.store.readLog(seq - 1, 1);
      expect(entry?.record.command.signature).toBe(signature);
      expect(entry?.record.actorId).toBe('signer');
    });

    it('a signature over another payload is refused with signature_invalid and changes nothing', async () => {
      const signed = { id: 'silver', kind: 'fungible', symbol: 'SLV' };
      const signature = signText(keys, signedText(dao.engine.daoId, 'signer', 'ledger.create_asset', signed));
      const token = await signerToken();
      const body = JSON.stringify({ id: 'silver', kind: 'fungible', symbol: 'SLVX' });
      const response = await app.inject({
        method: 'POST',
        url: '/v1/assets',
        headers: { ...headers({ 'polity-signature': signature }), authorization: `Bearer ${token}` },
        payload: body,
      });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ code: 'signature_invalid' });
      expect(dao.engine.state.ledger.assets.has('silver')).toBe(false);
    });

    it('the Polity-Signature header signs what a route submits', async () => {
      const payload = { id: 'bronze', kind: 'fungible', symbol: 'BRZ' };
      const signature = signText(keys, signedText(dao.engine.daoId, 'signer', 'ledger.create_asset', payload));
      const token = await signerToken();
      const response = await app.inject({
        method: 'POST',
        url: '/v1/assets',
        headers: { ...headers({ 'polity-signature': signature }), authorization: `Bearer ${token}` },
        payload: JSON.stringify(payload),
      });
      expect(response.statusCode).toBe(201);
    });

    it('an unknown command type is a 400 problem', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/v1/commands',
        headers: headers(),
        payload: JSON.stringify({ type: 'ledger.nope', payload: {} }),
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'unknown_command' });
    });
  });
});
