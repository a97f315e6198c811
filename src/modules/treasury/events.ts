import type { EventStamp } from '../../ledger/events.ts';
import type { TreasuryState } from './state.ts';

export type TreasuryEvent = never;

export const treasuryEventTypes: ReadonlySet<string> = new Set<string>([]);

export function evolveTreasury(_state: TreasuryState, _event: TreasuryEvent, _stamp: EventStamp): void {}
