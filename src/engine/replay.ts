import { assert } from '../kernel/assert.ts';
import { genesisHash } from '../kernel/hash.ts';
import type { Store } from '../store/types.ts';
import { decodeSnapshot } from './snapshot.ts';
import { createEngineState, type EngineState, evolve } from './state.ts';

export const replayPageRecords = 2_000;

export interface LoadedState {
  state: EngineState;
  seq: number;
  hash: string;
  timeMs: number;
}

/**
 * Rebuilds the in-memory state at start: the latest snapshot, then every log record after
 * it, evolved in order. The chain must be unbroken; `polity verify` re-checks every hash.
 */
export async function loadState(store: Store): Promise<LoadedState> {
  const stored = await store.latestSnapshot();
  const decoded = stored ? decodeSnapshot(stored.stateJson) : undefined;
  const snapshot = decoded && hasEveryModule(decoded) ? stored : undefined;
  const state = snapshot && decoded ? decoded : createEngineState(store.daoId);
  let seq = snapshot?.seq ?? 0;
  let hash = snapshot?.hash ?? genesisHash;
  // The snapshot's own record holds its time: without it a restart with no tail to replay
  // would let the next record's time run behind the log's.
  let timeMs = snapshot ? await recordTimeMs(store, snapshot.seq) : 0;
  for (;;) {
    const page = await store.readLog(seq, replayPageRecords);
    for (const { record } of page) {
      assert(record.seq === seq + 1 && record.prevHash === hash, `log continues at seq ${seq + 1}`);
      for (const event of record.events) evolve(state, event, record);
      seq = record.seq;
      hash = record.hash;
      timeMs = record.timeMs;
    }
    if (page.length < replayPageRecords) break;
  }
  return { state, seq, hash, timeMs };
}

/**
 * A snapshot written before a module existed lacks that module's slice, and the slice may
 * depend on events from before the snapshot (voting power follows every transfer): such a
 * snapshot is ignored and the log replayed from genesis instead.
 */
function hasEveryModule(state: EngineState): boolean {
  const modules = (state.modules ?? {}) as Record<string, unknown>;
  return Object.keys(createEngineState('').modules).every((name) => name in modules);
}

async function recordTimeMs(store: Store, seq: number): Promise<number> {
  const [entry] = await store.readLog(seq - 1, 1);
  assert(entry?.record.seq === seq, `the log holds the snapshot's record ${seq}`);
  return entry.record.timeMs;
}

/**
 * The state as it stood at `atMs`: every record stamped at or before that time, replayed from
 * genesis (log times never run backwards, so the first later record ends the replay).
 * Reports about the past read this; it costs a replay, so the present reads the live state.
 */
export async function loadStateAt(store: Store, atMs: number): Promise<LoadedState> {
  const state = createEngineState(store.daoId);
  let seq = 0;
  let hash = genesisHash;
  let timeMs = 0;
  for (;;) {
    const page = await store.readLog(seq, replayPageRecords);
    for (const { record } of page) {
      if (record.timeMs > atMs) return { state, seq, hash, timeMs };
      assert(record.seq === seq + 1 && record.prevHash === hash, `log continues at seq ${seq + 1}`);
      for (const event of record.events) evolve(state, event, record);
      seq = record.seq;
      hash = record.hash;
      timeMs = record.timeMs;
    }
    if (page.length < replayPageRecords) return { state, seq, hash, timeMs };
  }
}
