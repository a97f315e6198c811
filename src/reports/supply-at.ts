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
 * up to that time, so a past report shows what was true then. Before the genesis time there
 * is no economy to report on.
 */
export async function supplyAt(query: SupplyQuery): Promise<SupplyReport> {
  const { state, timeMs } = query.current;
  const economy = state.modules.economy;
  const atMs = query.at === undefined ? query.nowMs : parseReportTime(query.at, { genesisMs: economy.genesisMs ?? 0, nowMs: query.nowMs });
  if (economy.genesisMs !== undefined && atMs < economy.genesisMs) {
    throw new PolityError('time_before_genesis', `${new Date(atMs).toISOString()} is before the genesis at ${new Date(economy.genesisMs).toISOString()}`);
  }
  // A genesis dated in the past was recorded later: until then, the state as built answers.
  const replayToMs = Math.max(atMs, economy.recordedMs ?? atMs);
  if (replayToMs >= timeMs) return supplyReport(state, atMs, query.asset);
  const assetId = query.asset ?? economy.governanceAssetId;
  const past = await loadStateAt(query.store, replayToMs);
  if (assetId !== undefined && !past.state.ledger.assets.has(assetId)) {
    throw new PolityError('time_before_genesis', `${new Date(atMs).toISOString()} is before ${assetId} existed`);
  }
  return supplyReport(past.state, atMs, assetId);
}
