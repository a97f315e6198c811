import { assert } from '../../kernel/assert.ts';
import type { EventStamp } from '../../ledger/events.ts';
import { copySchedule } from '../vesting/index.ts';
import type { EmissionPool, EmissionState } from './state.ts';

export interface PoolCreated {
  type: 'pool_created';
  pool: EmissionPool;
}

/**
 * Unit fields end in `Units`: the log stores bigints as strings and revives only such fields
 * (src/store/log-codec.ts), so a replay gets bigints back.
 */
export interface PoolEmitted {
  type: 'pool_emitted';
  pool: string;
  emittedUnits: bigint;
}

export interface PoolDistributed {
  type: 'pool_distributed';
  id: string;
  pool: string;
  /** Paid out to contributors, the sum of every payout. */
  distributedUnits: bigint;
  /** What rounding left in the rewards account from the amount asked for. */
  dustUnits: bigint;
  /** Payouts made (contributors whose share rounded to zero get no transfer). */
  count: number;
}

export type EmissionEvent = PoolCreated | PoolEmitted | PoolDistributed;

export const emissionEventTypes: ReadonlySet<string> = new Set<EmissionEvent['type']>(['pool_created', 'pool_emitted', 'pool_distributed']);

export function evolveEmission(state: EmissionState, event: EmissionEvent, _stamp: EventStamp): void {
  switch (event.type) {
    case 'pool_created':
      state.pools.set(event.pool.id, copyPool(event.pool));
      return;
    case 'pool_emitted':
      poolOf(state, event.pool).emittedUnits += event.emittedUnits;
      return;
    case 'pool_distributed':
      poolOf(state, event.pool).distributedUnits += event.distributedUnits;
      state.distributions.add(event.id);
      return;
  }
}

/** Field by field: replayed events have sorted keys; the state must come out the same anyway. */
function copyPool(pool: EmissionPool): EmissionPool {
  return {
    id: pool.id,
    assetId: pool.assetId,
    accountId: pool.accountId,
    rewardsAccountId: pool.rewardsAccountId,
    totalUnits: pool.totalUnits,
    emittedUnits: pool.emittedUnits,
    distributedUnits: pool.distributedUnits,
    startMs: pool.startMs,
    schedule: copySchedule(pool.schedule),
    factors: pool.factors.map((factor) => ({ name: factor.name, weight: factor.weight })),
    source: pool.source,
    createdSeq: pool.createdSeq,
  };
}

function poolOf(state: EmissionState, id: string): EmissionPool {
  const pool = state.pools.get(id);
  assert(pool, `emission pool ${id} exists`);
  return pool;
}
