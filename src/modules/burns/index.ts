/** The burns module: the only file other code imports. */
import type { DomainModule } from '../../engine/module.ts';
import { type BurnsEvent, evolveBurns, burnsEventTypes } from './events.ts';
import { createBurnsState, type BurnsState } from './state.ts';

export type { BurnsState } from './state.ts';

export const burnsModule: DomainModule<BurnsState, BurnsEvent> = {
  name: 'burns',
  createState: createBurnsState,
  eventTypes: burnsEventTypes,
  evolve: evolveBurns,
  commands: [],
};
