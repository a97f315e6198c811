import { validatePayload } from '../src/engine/registry.ts';
import { chainHash } from '../src/kernel/hash.ts';
import { decodeRecord, encodeBody } from '../src/store/log-codec.ts';
import type { Store } from '../src/store/types.ts';
import { round } from './stats.ts';
import type { TransferItem } from './workload.ts';

/**
 * Per-command CPU costs of the pure steps, timed on a real log record the run wrote:
 * payload validation (caller side), canonical JSON of the record body, its SHA-256 chain
 * hash, and decoding it back (replay).
 */
export interface CommandCosts {
  transfersPerCommand: number;
  bodyJsonBytes: number;
  validateMs: number;
  canonicalJsonMs: number;
  sha256Ms: number;
  decodeMs: number;
}

export async function measureCosts(store: Store, seq: number, sample: TransferItem[]): Promise<CommandCosts | undefined> {
  const [encoded] = await store.readLog(seq - 1, 1);
  if (!encoded) return undefined;
  const { prevHash: _prev, hash: _hash, ...body } = encoded.record;
  const time = (fn: () => unknown): number => {
    for (let i = 0; i < 5; i += 1) fn();
    const runs = 30;
    const started = performance.now();
    for (let i = 0; i < runs; i += 1) fn();
    return round((performance.now() - started) / runs, 3);
  };
  return {
    transfersPerCommand: sample.length,
    bodyJsonBytes: encoded.bodyJson.length,
    validateMs: time(() => validatePayload('ledger.create_transfers', { transfers: sample })),
    canonicalJsonMs: time(() => encodeBody(body)),
    sha256Ms: time(() => chainHash(encoded.record.prevHash, encoded.bodyJson)),
    decodeMs: time(() => decodeRecord(encoded.bodyJson, encoded.record.prevHash, encoded.record.hash)),
  };
}
