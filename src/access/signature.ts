import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import { canonicalJson } from '../kernel/canonical-json.ts';

/** An Ed25519 key pair as base64url of the raw 32-byte public key and private seed. */
export interface KeyPair {
  publicKey: string;
  privateKey: string;
}

/** DER prefixes of an Ed25519 SPKI public key and PKCS#8 private key (RFC 8410): the raw 32 bytes follow. */
const spkiPrefixBytes = 12;
const pkcs8PrefixBytes = 16;
const ed25519KeyBytes = 32;

/**
 * A new key pair, encoded as DER by the key generation itself. Exporting the generated key
 * objects as JWK instead deadlocked Node 20 now and then (seen here, generating thousands of
 * keys: a garbage collection during the export ran the finished key job's destructor, which
 * waited on the lock the export held).
 */
export function generateKeyPair(): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519', {
    publicKeyEncoding: { type: 'spki', format: 'der' },
    privateKeyEncoding: { type: 'pkcs8', format: 'der' },
  });
  if (publicKey.length !== spkiPrefixBytes + ed25519KeyBytes || privateKey.length !== pkcs8PrefixBytes + ed25519KeyBytes)
    throw new Error('Ed25519 key generation returned an unexpected encoding');
  return { publicKey: publicKey.subarray(spkiPrefixBytes).toString('base64url'), privateKey: privateKey.subarray(pkcs8PrefixBytes).toString('base64url') };
}

/** What a command signature covers: the DAO, the actor, the command type and payload. */
export function signedText(daoId: string, actorId: string, type: string, payload: unknown): string {
  return canonicalJson({ actorId, daoId, payload, type });
}

export function signText(keys: KeyPair, text: string): string {
  const key = createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d: keys.privateKey, x: keys.publicKey }, format: 'jwk' });
  return sign(null, Buffer.from(text), key).toString('base64url');
}

/**
 * Parsed public keys, by their text: parsing a JWK costs about as much as half a verify, and
 * the same voters sign ballot after ballot. Bounded: the oldest key is dropped first.
 */
const publicKeys = new Map<string, KeyObject>();
const publicKeysMax = 100_000;

function publicKeyObject(publicKey: string): KeyObject {
  let key = publicKeys.get(publicKey);
  if (!key) {
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' });
    if (publicKeys.size >= publicKeysMax) publicKeys.delete(publicKeys.keys().next().value as string);
    publicKeys.set(publicKey, key);
  }
  return key;
}

export function verifyText(publicKey: string, text: string, signature: string): boolean {
  try {
    const key = publicKeyObject(publicKey);
    return verify(null, Buffer.from(text), key, Buffer.from(signature, 'base64url'));
  } catch (error) {
    // A malformed key or signature is simply not a valid signature.
    if (error instanceof Error) return false;
    throw error;
  }
}
