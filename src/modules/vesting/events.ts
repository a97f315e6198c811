import type { EventStamp } from '../../ledger/events.ts';
import type { VestingState } from './state.ts';

export type VestingEvent = never;

export const vestingEventTypes: ReadonlySet<string> = new Set<string>([]);

export function evolveVesting(_state: VestingState, _event: VestingEvent, _stamp: EventStamp): void {}
