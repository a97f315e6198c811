/** The emission module's slice of the engine state: pools and the distributions they made. */
import type { VestingSchedule } from '../vesting/index.ts';

export interface FactorWeight {
  name: string;
  weight: number;
}

export interface EmissionPool {
  id: string;
  assetId: string;
  /** `@pool.<id>`: holds what the schedule has not yet emitted. */
  accountId: string;
  /** `@pool.<id>.rewards`: emitted units wait here until they are distributed (or drawn by staking). */
  rewardsAccountId: string;
  totalUnits: bigint;
  /** Moved from the pool account to the rewards account so far. */
  emittedUnits: bigint;
  /** Paid out to contributors by distributions so far. */
  distributedUnits: bigint;
  startMs: number;
  schedule: VestingSchedule;
  /** Sorted by name, so equal pools compare and replay equal. */
  factors: FactorWeight[];
  /** "mint" or the account the pool was funded from. */
  source: string;
  createdSeq: number;
}

export interface EmissionState {
  pools: Map<string, EmissionPool>;
  /** Ids of the distributions made: an id is used once. */
  distributions: Set<string>;
}

export function createEmissionState(): EmissionState {
  return { pools: new Map(), distributions: new Set() };
}
