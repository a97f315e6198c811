/** What the economy as a whole is: its governance token, genesis time and allocation table. */

/** Where an allocation went: a vesting grant, an emission pool, or a treasury fund directly. */
export type AllocationKind = 'vesting' | 'pool' | 'fund';

export interface Allocation {
  name: string;
  label: string;
  assetId: string;
  totalUnits: bigint;
  kind: AllocationKind;
  /** The vesting grant id, pool id or fund id that holds it. */
  targetId: string;
}

export interface EconomyState {
  name?: string | undefined;
  governanceAssetId?: string | undefined;
  /** When schedules start; reports read `+12mo` from here. */
  genesisMs?: number | undefined;
  /**
   * When the allocation table was recorded: the last step of a genesis. A report for a time
   * between `genesisMs` and this (a genesis dated in the past) reads the state as built.
   */
  recordedMs?: number | undefined;
  /** In the order of the genesis config's table. */
  allocations: Allocation[];
}

export function createEconomyState(): EconomyState {
  return { allocations: [] };
}
