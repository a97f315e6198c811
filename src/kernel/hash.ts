import { createHash } from 'node:crypto';

export const genesisHash = '0'.repeat(64);

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** hash = sha256(prevHash || canonicalJson(record)), as hex. */
export function chainHash(previousHash: string, recordCanonicalJson: string): string {
  return createHash('sha256').update(previousHash).update(recordCanonicalJson).digest('hex');
}
