import type { EventStamp } from '../../ledger/events.ts';
import type { StakingState } from './state.ts';

export type StakingEvent = never;

export const stakingEventTypes: ReadonlySet<string> = new Set<string>([]);

export function evolveStaking(_state: StakingState, _event: StakingEvent, _stamp: EventStamp): void {}
