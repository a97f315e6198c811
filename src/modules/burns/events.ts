import type { EventStamp } from '../../ledger/events.ts';
import type { BurnsState } from './state.ts';

export type BurnsEvent = never;

export const burnsEventTypes: ReadonlySet<string> = new Set<string>([]);

export function evolveBurns(_state: BurnsState, _event: BurnsEvent, _stamp: EventStamp): void {}
