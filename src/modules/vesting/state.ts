/** The vesting module's slice of the engine state: every grant, by id. */
import type { VestingSchedule } from './schedules.ts';

/** Where a grant's units came from: minted from the asset's issuance, or an account's id. */
export type VestingSource = 'mint' | string;

export interface VestingGrant {
  id: string;
  assetId: string;
  /** The account claims pay into (a member's account or a system account such as a fund). */
  beneficiaryId: string;
  /** `@vesting.<id>`: holds what is not yet claimed. */
  holdAccountId: string;
  totalUnits: bigint;
  /** Units claimed so far, paid out of the hold account. */
  releasedUnits: bigint;
  startMs: number;
  schedule: VestingSchedule;
  /** Milestones attested so far, in the order they were attested. */
  attested: string[];
  source: VestingSource;
  createdSeq: number;
}

export interface VestingState {
  grants: Map<string, VestingGrant>;
}

export function createVestingState(): VestingState {
  return { grants: new Map() };
}
