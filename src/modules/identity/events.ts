import type { EventStamp } from '../../ledger/events.ts';
import type { IdentityState } from './state.ts';

export type IdentityEvent = never;

export const identityEventTypes: ReadonlySet<string> = new Set<string>([]);

export function evolveIdentity(_state: IdentityState, _event: IdentityEvent, _stamp: EventStamp): void {}
