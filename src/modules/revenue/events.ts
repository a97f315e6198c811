import type { EventStamp } from '../../ledger/events.ts';
import type { RevenueState } from './state.ts';

export type RevenueEvent = never;

export const revenueEventTypes: ReadonlySet<string> = new Set<string>([]);

export function evolveRevenue(_state: RevenueState, _event: RevenueEvent, _stamp: EventStamp): void {}
