/** The treasury module: the only file other code imports. */
import type { DomainModule } from '../../engine/module.ts';
import { type TreasuryEvent, evolveTreasury, treasuryEventTypes } from './events.ts';
import { createTreasuryState, type TreasuryState } from './state.ts';

export type { TreasuryState } from './state.ts';

export const treasuryModule: DomainModule<TreasuryState, TreasuryEvent> = {
  name: 'treasury',
  createState: createTreasuryState,
  eventTypes: treasuryEventTypes,
  evolve: evolveTreasury,
  commands: [],
};
