/** The staking module: the only file other code imports. */
import type { DomainModule } from '../../engine/module.ts';
import { type StakingEvent, evolveStaking, stakingEventTypes } from './events.ts';
import { createStakingState, type StakingState } from './state.ts';

export type { StakingState } from './state.ts';

export const stakingModule: DomainModule<StakingState, StakingEvent> = {
  name: 'staking',
  createState: createStakingState,
  eventTypes: stakingEventTypes,
  evolve: evolveStaking,
  commands: [],
};
