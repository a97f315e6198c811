import { accessEventTypes } from '../access/events.ts';
import { AccessProjection } from '../access/projection.ts';
import { LedgerProjection } from '../ledger/projection.ts';
import type { TableRows } from '../store/types.ts';
import type { EngineState } from './state.ts';
import type { DomainEvent } from './types.ts';

/**
 * Every module's projection of one group commit, fed event by event: the writer, the log
 * import and `polity verify` all build table rows through this one path.
 */
export class Projections {
  private readonly ledger: LedgerProjection;
  private readonly access: AccessProjection;

  constructor(daoId: string) {
    this.ledger = new LedgerProjection(daoId);
    this.access = new AccessProjection(daoId);
  }

  /** Call after the event was evolved into the state. */
  collect(event: DomainEvent, state: EngineState): void {
    if (accessEventTypes.has(event.type)) this.access.collect(event);
    else this.ledger.collect(event, state);
  }

  /** Call once a log record's events are all evolved. */
  endRecord(seq: number, timeMs: number, state: EngineState): void {
    this.ledger.endRecord(seq, timeMs, state);
  }

  rows(state: EngineState): TableRows[] {
    return [...this.ledger.rows(state), ...this.access.rows(state)];
  }
}
