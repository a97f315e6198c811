/** The economy module: the governance token, genesis time and allocation table. */
import type { DomainModule } from '../../engine/module.ts';
import { configureEconomy } from './commands/configure.ts';
import { recordAllocations } from './commands/record-allocations.ts';
import { type EconomyEvent, economyEventTypes, evolveEconomy } from './events.ts';
import { createEconomyState, type EconomyState } from './state.ts';

export { allocationTarget, governanceDecimals } from './queries.ts';
export type { Allocation, AllocationKind, EconomyState } from './state.ts';

export const economyModule: DomainModule<EconomyState, EconomyEvent> = {
  name: 'economy',
  createState: createEconomyState,
  eventTypes: economyEventTypes,
  evolve: evolveEconomy,
  commands: [configureEconomy, recordAllocations],
};
