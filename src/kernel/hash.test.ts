import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';
import { chainHash, genesisHash, sha256Hex } from './hash.ts';

describe('hashes', () => {
  it('sha256Hex matches the FIPS 180-2 "abc" vector', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('chainHash is sha256 of the previous hash text followed by the record text', () => {
    // Vector computed outside Node: printf '%s%s' "$(printf '0%.0s' $(seq 64))" '{"a":1,...}' | sha256sum
    const record = canonicalJson({ b: [true, null, 'x'], a: 1 });
    expect(record).toBe('{"a":1,"b":[true,null,"x"]}');
    expect(genesisHash).toBe('0'.repeat(64));
    expect(chainHash(genesisHash, record)).toBe('dbd938dabd20811f82409116f0dad2e6e9d63d4fa8fd0f08d301030e4279c2f3');
    expect(chainHash(genesisHash, record)).toBe(sha256Hex(genesisHash + record));
  });

  it('a different previous hash gives a different chain hash', () => {
    const record = canonicalJson({ seq: 1 });
    expect(chainHash('1'.repeat(64), record)).not.toBe(chainHash(genesisHash, record));
  });
});
