import { assert } from '../../kernel/assert.ts';
import type { EventStamp } from '../../ledger/events.ts';
import { copySchedule } from './schedules.ts';
import type { VestingGrant, VestingState } from './state.ts';

export interface VestingCreated {
  type: 'vesting_created';
  grant: VestingGrant;
}

/**
 * `claimedUnits`, not `units`: the log stores bigints as strings and revives only fields
 * whose names end in `Units` (src/store/log-codec.ts), so a replay gets a bigint back.
 */
export interface VestingClaimed {
  type: 'vesting_claimed';
  id: string;
  claimedUnits: bigint;
}

export interface VestingMilestoneAttested {
  type: 'vesting_milestone_attested';
  id: string;
  milestone: string;
}

export type VestingEvent = VestingCreated | VestingClaimed | VestingMilestoneAttested;

export const vestingEventTypes: ReadonlySet<string> = new Set<VestingEvent['type']>(['vesting_created', 'vesting_claimed', 'vesting_milestone_attested']);

export function evolveVesting(state: VestingState, event: VestingEvent, _stamp: EventStamp): void {
  switch (event.type) {
    case 'vesting_created':
      state.grants.set(event.grant.id, copyGrant(event.grant));
      return;
    case 'vesting_claimed':
      grantOf(state, event.id).releasedUnits += event.claimedUnits;
      return;
    case 'vesting_milestone_attested':
      grantOf(state, event.id).attested.push(event.milestone);
      return;
  }
}

/**
 * Field by field: a replayed event has its keys in canonical (sorted) order, a fresh one in
 * the order apply built it; the state must come out the same either way.
 */
function copyGrant(grant: VestingGrant): VestingGrant {
  return {
    id: grant.id,
    assetId: grant.assetId,
    beneficiaryId: grant.beneficiaryId,
    holdAccountId: grant.holdAccountId,
    totalUnits: grant.totalUnits,
    releasedUnits: grant.releasedUnits,
    startMs: grant.startMs,
    schedule: copySchedule(grant.schedule),
    attested: [...grant.attested],
    source: grant.source,
    createdSeq: grant.createdSeq,
  };
}

function grantOf(state: VestingState, id: string): VestingGrant {
  const grant = state.grants.get(id);
  assert(grant, `vesting grant ${id} exists`);
  return grant;
}
