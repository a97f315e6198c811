/** The economy module: the only file other code imports. */
import type { DomainModule } from '../../engine/module.ts';
import { type EconomyEvent, evolveEconomy, economyEventTypes } from './events.ts';
import { createEconomyState, type EconomyState } from './state.ts';

export type { EconomyState } from './state.ts';

export const economyModule: DomainModule<EconomyState, EconomyEvent> = {
  name: 'economy',
  createState: createEconomyState,
  eventTypes: economyEventTypes,
  evolve: evolveEconomy,
  commands: [],
};
