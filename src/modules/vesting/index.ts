/** The vesting module: the only file other code imports. */
import type { DomainModule } from '../../engine/module.ts';
import { attestMilestone } from './commands/attest.ts';
import { claimVesting } from './commands/claim.ts';
import { createVesting } from './commands/create.ts';
import { evolveVesting, type VestingEvent, vestingEventTypes } from './events.ts';
import { createVestingState, type VestingState } from './state.ts';

export type { AttestMilestonePayload } from './commands/attest.ts';
export type { ClaimVestingPayload, ClaimVestingResult } from './commands/claim.ts';
export type { CreateVestingPayload, CreateVestingResult } from './commands/create.ts';
export type { VestingClaimed, VestingCreated, VestingEvent, VestingMilestoneAttested } from './events.ts';
export { epochsMax, tranchesMax } from './limits.ts';
export { releasableUnits, vestedUnitsOfGrant, vestingGrant, vestingGrants, vestingHoldAccountId } from './queries.ts';
export {
  checkSchedule,
  copySchedule,
  type Epoch,
  type MilestoneTranche,
  scheduleEndMs,
  trancheUnits,
  type VestingInput,
  type VestingSchedule,
  type VestingScheduleKind,
  VestingScheduleSchema,
  vestedUnits,
} from './schedules.ts';
export type { VestingGrant, VestingSource, VestingState } from './state.ts';

export const vestingModule: DomainModule<VestingState, VestingEvent> = {
  name: 'vesting',
  createState: createVestingState,
  eventTypes: vestingEventTypes,
  evolve: evolveVesting,
  commands: [createVesting, claimVesting, attestMilestone],
};
