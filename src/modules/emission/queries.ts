/** Pure reads over the emission state. */
import { vestedUnits } from '../vesting/index.ts';
import type { EmissionPool, EmissionState } from './state.ts';

/** The account holding what a pool has not yet emitted. */
export function poolAccountId(id: string): string {
  return `@pool.${id}`;
}

/** The account emitted units wait in until a distribution (or staking) pays them out. */
export function poolRewardsAccountId(id: string): string {
  return `@pool.${id}.rewards`;
}

/** Every pool, in the order they were created. */
export function emissionPools(state: EmissionState): EmissionPool[] {
  return [...state.pools.values()];
}

export function emissionPool(state: EmissionState, id: string): EmissionPool | undefined {
  return state.pools.get(id);
}

/** What the pool's schedule has released by `atMs`, emitted or not. */
export function scheduledEmissionUnits(pool: EmissionPool, atMs: number): bigint {
  return vestedUnits(pool.schedule, { totalUnits: pool.totalUnits, startMs: pool.startMs, atMs, attested: [] });
}

/** What `emission.emit` would move at `atMs`: released by the schedule, not yet emitted. */
export function emittableUnits(pool: EmissionPool, atMs: number): bigint {
  const units = scheduledEmissionUnits(pool, atMs) - pool.emittedUnits;
  return units > 0n ? units : 0n;
}
