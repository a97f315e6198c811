import { type AccessEvent, accessEventTypes, evolveAccess } from '../access/events.ts';
import { type AccessState, createAccessState } from '../access/state.ts';
import { type LedgerWriter, stateWriter } from '../ledger/draft.ts';
import { type EventStamp, evolveLedger, type LedgerEvent, ledgerEventTypes } from '../ledger/events.ts';
import { createLedgerState, type LedgerState } from '../ledger/state.ts';
import { createModuleStates, type ModuleStates, modulesByEventType } from './modules.ts';
import type { DomainEvent } from './types.ts';

/** The whole in-memory state of one DAO: each module's slice. */
export interface EngineState {
  daoId: string;
  ledger: LedgerState;
  access: AccessState;
  /** Each domain module's slice (vesting, staking, treasury ...), by module name. */
  modules: ModuleStates;
  /** The committed ledger state as a LedgerWriter, made once: drafts layer over it. */
  ledgerWriter: LedgerWriter;
}

export function createEngineState(daoId: string): EngineState {
  const ledger = createLedgerState();
  return { daoId, ledger, access: createAccessState(), modules: createModuleStates(), ledgerWriter: stateWriter(ledger) };
}

/** Applies one accepted event to the committed state. */
export function evolve(state: EngineState, event: DomainEvent, stamp: EventStamp): void {
  if (accessEventTypes.has(event.type)) {
    evolveAccess(state.access, event as unknown as AccessEvent, stamp);
    return;
  }
  if (ledgerEventTypes.has(event.type)) evolveLedger(state.ledgerWriter, event as unknown as LedgerEvent, stamp);
  const modules = modulesByEventType.get(event.type);
  if (modules === undefined) return;
  const slices = state.modules as Record<string, unknown>;
  for (const [name, module] of modules) module.evolve(slices[name], event, stamp, state);
}
