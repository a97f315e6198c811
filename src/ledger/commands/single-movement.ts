import type { EngineState } from '../../engine/state.ts';
import { accepted, type CommandContext, type DomainEvent, type Outcome, rejected } from '../../engine/types.ts';
import { LedgerDraft } from '../draft.ts';
import type { TransferCreated } from '../events.ts';
import type { ItemResult } from './create-transfers.ts';
import { decideMovement, type MovementRequest } from './movement.ts';

/** Mint and burn are single movements through the asset's issuance or burn account. */
export function applySingleMovement(state: EngineState, request: MovementRequest, ctx: CommandContext): Outcome<ItemResult> {
  const decision = decideMovement(state, new LedgerDraft(state.ledgerWriter), request, ctx, undefined);
  if (decision.ok === 'exists') return accepted([], { id: request.id, status: 'exists' });
  if (!decision.ok) return rejected(decision.code, decision.message);
  const created: TransferCreated = { type: 'transfer_created', transfer: decision.spec };
  const events: DomainEvent[] = [created];
  if (decision.spent) events.push(decision.spent);
  return accepted(events, { id: request.id, status: 'created' });
}
