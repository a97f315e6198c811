import { loadStateAt } from '../engine/replay.ts';
import type { EngineState } from '../engine/state.ts';
import { parseReportTime } from '../kernel/duration.ts';
import { PolityError } from '../kernel/errors.ts';
import type { Store } from '../store/types.ts';
import { type SupplyReport, supplyReport } from './supply.ts';

export interface SupplyQuery {
  store: Store;
  /** The newest state and the time of its last record: the engine's, or one loaded from the store. */
  current: { state: EngineState; timeMs: number };
  /** ISO time, `+12mo` from genesis, or `now` (the default). */
  at?: string | undefined;
  asset?: string | undefined;
  nowMs: number;
}

/**
 * The supply report at a time. From the last record on, the newest state answers (schedules
 * are pure functions of time, so the future needs no replay); before it, the log is replayed
 * up to that time, so a past report shows what was true then.
 */
export async function supplyAt(query: SupplyQuery): Promise<SupplyReport> {
  const { state, timeMs } = query.current;
  const genesisMs = state.modules.economy.genesisMs ?? 0;
  const atMs = query.at === undefined ? query.nowMs : parseReportTime(query.at, { genesisMs, nowMs: query.nowMs });
  if (atMs >= timeMs) return supplyReport(state, atMs, query.asset);
  const assetId = query.asset ?? state.modules.economy.governanceAssetId;
  const past = await loadStateAt(query.store, atMs);
  if (assetId !== undefined && !past.state.ledger.assets.has(assetId)) {
    throw new PolityError('time_before_genesis', `${new Date(atMs).toISOString()} is before ${assetId} existed`);
  }
  return supplyReport(past.state, atMs, assetId);
}
