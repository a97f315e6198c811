import type { EventStamp } from '../../ledger/events.ts';
import type { Allocation, EconomyState } from './state.ts';

export interface EconomyConfigured {
  type: 'economy_configured';
  name?: string;
  governanceAssetId: string;
  genesisMs: number;
}

export interface AllocationsRecorded {
  type: 'allocations_recorded';
  allocations: Allocation[];
}

export type EconomyEvent = EconomyConfigured | AllocationsRecorded;

export const economyEventTypes: ReadonlySet<string> = new Set<string>(['economy_configured', 'allocations_recorded']);

export function evolveEconomy(state: EconomyState, event: EconomyEvent, stamp: EventStamp): void {
  switch (event.type) {
    case 'economy_configured':
      state.name = event.name;
      state.governanceAssetId = event.governanceAssetId;
      state.genesisMs = event.genesisMs;
      return;
    case 'allocations_recorded':
      state.allocations = event.allocations.map((allocation) => ({ ...allocation }));
      state.recordedMs = stamp.timeMs;
      return;
  }
}
