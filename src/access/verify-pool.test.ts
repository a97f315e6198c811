import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../../test/support/backends.ts';
import { LedgerWorld } from '../../test/support/ledger-world.ts';
import { generateKeyPair, signedText, signText, verifyText } from './signature.ts';
import { type SignatureCheck, VerifyPool, verifyBatchMax } from './verify-pool.ts';

const alice = generateKeyPair();
const bob = generateKeyPair();
const text = '{"actorId":"alice","daoId":"d","payload":{"choice":1},"type":"governance.vote"}';
const signature = signText(alice, text);

/** The pool's threads run their own copy of the check: it must answer exactly as verifyText does. */
const cases: [string, SignatureCheck][] = [
  ['a valid signature', { publicKey: alice.publicKey, text, signature }],
  ['another text', { publicKey: alice.publicKey, text: text.replace('"choice":1', '"choice":2'), signature }],
  ['another key', { publicKey: bob.publicKey, text, signature }],
  ['a key that is not base64url of 32 bytes', { publicKey: 'not a key', text, signature }],
  ['a truncated key', { publicKey: alice.publicKey.slice(0, 20), text, signature }],
  ['a truncated signature', { publicKey: alice.publicKey, text, signature: signature.slice(0, 40) }],
  ['an empty signature', { publicKey: alice.publicKey, text, signature: '' }],
  ['one flipped signature character', { publicKey: alice.publicKey, text, signature: `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}` }],
  ['non-ASCII text', { publicKey: alice.publicKey, text: 'vote \u00e9\u{1f5f3}', signature: signText(alice, 'vote \u00e9\u{1f5f3}') }],
];

describe('VerifyPool', () => {
  let pool: VerifyPool;
  beforeAll(() => {
    pool = new VerifyPool(2);
  });
  afterAll(() => pool.close());

  it.each(cases)('answers as verifyText for %s', async (_name, check) => {
    const inline = verifyText(check.publicKey, check.text, check.signature);
    expect(await pool.verify(check)).toBe(inline);
  });

  it('the valid case is valid and the others are not (the table means something)', () => {
    expect(cases.map(([, check]) => verifyText(check.publicKey, check.text, check.signature))).toEqual([
      true,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      true,
    ]);
  });

  it('answers every check of a burst larger than a batch, each its own answer, across its threads', async () => {
    const checks = Array.from({ length: 3 * verifyBatchMax + 17 }, (_, index) =>
      index % 3 === 0 ? { publicKey: bob.publicKey, text, signature } : { publicKey: alice.publicKey, text, signature },
    );
    const answers = await Promise.all(checks.map((check) => pool.verify(check)));
    expect(answers).toEqual(checks.map((_, index) => index % 3 !== 0));
  });

  it('refuses new checks once closed', async () => {
    const closing = new VerifyPool(1);
    await closing.close();
    await expect(closing.verify(cases[0]?.[1] as SignatureCheck)).rejects.toMatchObject({ code: 'engine_closed' });
  });
});

describe('the engine checks signatures on its verify threads', () => {
  let w: LedgerWorld;
  beforeAll(async () => {
    w = await LedgerWorld.open(backends[0] as (typeof backends)[number], { verifyThreads: 1 });
    await w.ok('access.create_actor', { id: 'signer', kind: 'agent', publicKey: alice.publicKey });
    await w.ok('access.grant', { actorId: 'signer', action: 'access.admin', resource: '*' });
  });
  afterAll(() => w.close());

  const envelope = (id: string) => {
    const payload = { id, kind: 'member' };
    return { type: 'access.create_actor', payload, signature: signText(alice, signedText(w.engine.daoId, 'signer', 'access.create_actor', payload)) };
  };

  it('accepts a signed command and rejects a forged one with signature_invalid, changing nothing', async () => {
    expect((await w.engine.submit({ actorId: 'signer' }, envelope('m1'))).ok).toBe(true);
    const head = w.engine.head.seq;
    const forged = { ...envelope('m2'), payload: { id: 'm3', kind: 'member' } };
    await expect(w.engine.submit({ actorId: 'signer' }, forged)).rejects.toMatchObject({ code: 'signature_invalid' });
    expect(w.engine.head.seq).toBe(head);
    expect(w.engine.state.access.actors.has('m3')).toBe(false);
  });

  it('close waits for commands whose signature is still being checked, and commits them', async () => {
    const pending = w.engine.submit({ actorId: 'signer' }, envelope('m4'));
    await w.engine.flush();
    const closing = w.engine.close();
    expect((await pending).ok).toBe(true);
    await closing;
    expect(w.engine.state.access.actors.has('m4')).toBe(true);
  });
});
