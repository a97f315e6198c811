import { stateWriter } from '../ledger/draft.ts';
import type { EngineState } from './state.ts';

/**
 * Snapshot text for an engine state: JSON with Maps, Sets and bigints tagged so that
 * `decodeSnapshot(encodeSnapshot(s))` is a deep copy of s.
 */
export function encodeSnapshot(state: EngineState): string {
  const { ledgerWriter: _derived, ...data } = state;
  return JSON.stringify(data, (_key, value: unknown) => {
    if (typeof value === 'bigint') return { $n: value.toString() };
    if (value instanceof Map) return { $map: [...value] };
    if (value instanceof Set) return { $set: [...value] };
    return value;
  });
}

export function decodeSnapshot(text: string): EngineState {
  const data = JSON.parse(text, (_key, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const tagged = value as { $n?: string; $map?: [unknown, unknown][]; $set?: unknown[] };
      if (tagged.$n !== undefined) return BigInt(tagged.$n);
      if (tagged.$map !== undefined) return new Map(tagged.$map);
      if (tagged.$set !== undefined) return new Set(tagged.$set);
    }
    return value;
  }) as Omit<EngineState, 'ledgerWriter'>;
  return { ...data, ledgerWriter: stateWriter(data.ledger) };
}
