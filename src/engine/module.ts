import type { EventStamp } from '../ledger/events.ts';
import type { EngineState } from './state.ts';
import type { CommandDefinition, DomainEvent } from './types.ts';

/**
 * A domain module as the engine sees it: its slice of the state, how events change that
 * slice, and its commands. `eventTypes` lists every event the module evolves on: its own
 * and any other module's it follows (revenue sharing follows the staking events, say).
 * `evolve` must be deterministic and must change only the module's own slice; it may read the
 * rest of the state (`engine`, already evolved by the ledger for a ledger event), never write it.
 */
export interface DomainModule<S, E extends DomainEvent = DomainEvent> {
  name: string;
  createState(): S;
  eventTypes: ReadonlySet<string>;
  evolve(state: S, event: E, stamp: EventStamp, engine: EngineState): void;
  // biome-ignore lint/suspicious/noExplicitAny: a module holds commands of every payload type
  commands: readonly CommandDefinition<any, any, unknown>[];
}
