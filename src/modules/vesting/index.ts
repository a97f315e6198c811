/** The vesting module: the only file other code imports. */
import type { DomainModule } from '../../engine/module.ts';
import { type VestingEvent, evolveVesting, vestingEventTypes } from './events.ts';
import { createVestingState, type VestingState } from './state.ts';

export type { VestingState } from './state.ts';

export const vestingModule: DomainModule<VestingState, VestingEvent> = {
  name: 'vesting',
  createState: createVestingState,
  eventTypes: vestingEventTypes,
  evolve: evolveVesting,
  commands: [],
};
