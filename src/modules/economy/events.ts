import type { EventStamp } from '../../ledger/events.ts';
import type { EconomyState } from './state.ts';

export type EconomyEvent = never;

export const economyEventTypes: ReadonlySet<string> = new Set<string>([]);

export function evolveEconomy(_state: EconomyState, _event: EconomyEvent, _stamp: EventStamp): void {}
