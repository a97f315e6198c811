import type { EventStamp } from '../../ledger/events.ts';
import type { EmissionState } from './state.ts';

export type EmissionEvent = never;

export const emissionEventTypes: ReadonlySet<string> = new Set<string>([]);

export function evolveEmission(_state: EmissionState, _event: EmissionEvent, _stamp: EventStamp): void {}
