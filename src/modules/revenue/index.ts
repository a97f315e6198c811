/** The revenue module: the only file other code imports. */
import type { DomainModule } from '../../engine/module.ts';
import { type RevenueEvent, evolveRevenue, revenueEventTypes } from './events.ts';
import { createRevenueState, type RevenueState } from './state.ts';

export type { RevenueState } from './state.ts';

export const revenueModule: DomainModule<RevenueState, RevenueEvent> = {
  name: 'revenue',
  createState: createRevenueState,
  eventTypes: revenueEventTypes,
  evolve: evolveRevenue,
  commands: [],
};
