/** Pure reads over the vesting state. */
import { vestedUnits } from './schedules.ts';
import type { VestingGrant, VestingState } from './state.ts';

/** The account that holds a grant's unclaimed units. */
export function vestingHoldAccountId(id: string): string {
  return `@vesting.${id}`;
}

/** Every grant, in the order they were created. */
export function vestingGrants(state: VestingState): VestingGrant[] {
  return [...state.grants.values()];
}

export function vestingGrant(state: VestingState, id: string): VestingGrant | undefined {
  return state.grants.get(id);
}

/** What the grant's schedule has vested by `atMs`, claimed or not. */
export function vestedUnitsOfGrant(grant: VestingGrant, atMs: number): bigint {
  return vestedUnits(grant.schedule, { totalUnits: grant.totalUnits, startMs: grant.startMs, atMs, attested: grant.attested });
}

/** What a claim at `atMs` would pay: vested less already claimed, never negative. */
export function releasableUnits(grant: VestingGrant, atMs: number): bigint {
  const units = vestedUnitsOfGrant(grant, atMs) - grant.releasedUnits;
  return units > 0n ? units : 0n;
}
