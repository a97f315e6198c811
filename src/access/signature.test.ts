import { createPrivateKey, createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateKeyPair, signText, verifyText } from './signature.ts';

const b64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64url');

describe('Ed25519 keys and signatures', () => {
  it('RFC 8032 test vector 1: the empty message signs to the published signature', () => {
    const keys = {
      privateKey: b64('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60'),
      publicKey: b64('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a'),
    };
    const signature = signText(keys, '');
    expect(Buffer.from(signature, 'base64url').toString('hex')).toBe(
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    );
    expect(verifyText(keys.publicKey, '', signature)).toBe(true);
    expect(verifyText(keys.publicKey, 'x', signature)).toBe(false);
  });

  it('a generated pair is 32 raw bytes each, and the public key is the one its private key derives', () => {
    const keys = generateKeyPair();
    expect(Buffer.from(keys.publicKey, 'base64url')).toHaveLength(32);
    expect(Buffer.from(keys.privateKey, 'base64url')).toHaveLength(32);
    const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.from(keys.privateKey, 'base64url')]);
    const derived = createPublicKey(createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' })).export({ format: 'jwk' });
    expect(derived.x).toBe(keys.publicKey);
    expect(verifyText(keys.publicKey, 'ballot', signText(keys, 'ballot'))).toBe(true);
  });
});
