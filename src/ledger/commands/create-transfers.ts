import type { Static } from '@sinclair/typebox';
import type { TokenSpent } from '../../access/events.ts';
import type { EngineState } from '../../engine/state.ts';
import { accepted, type CommandContext, type CommandDefinition, type DomainEvent } from '../../engine/types.ts';
import { assert } from '../../kernel/assert.ts';
import { LedgerDraft } from '../draft.ts';
import { evolveLedger, type TransferCreated } from '../events.ts';
import { transfersPerBatchMax } from '../limits.ts';
import { CreateTransfersSchema } from '../schema.ts';
import { decideMovement, type MovementRequest } from './movement.ts';

export type CreateTransfersPayload = Static<typeof CreateTransfersSchema>;
type TransferItem = CreateTransfersPayload['transfers'][number];

/** One status per item: `created`, `exists`, or a rejection code. */
export interface ItemResult {
  id: string;
  status: string;
  message?: string;
}

export interface BatchResult {
  results: ItemResult[];
}

/**
 * A batch of transfers: each item succeeds or fails alone, except linked chains
 * (items with `linked: true` and the item after the last of them), which succeed or
 * fail as a whole.
 */
export const createTransfers: CommandDefinition<EngineState, CreateTransfersPayload, BatchResult> = {
  type: 'ledger.create_transfers',
  schema: CreateTransfersSchema,
  weight: (payload) => payload.transfers.length,
  apply(state, payload, ctx) {
    const items = payload.transfers;
    assert(items.length <= transfersPerBatchMax, 'batch size checked by the schema');
    const batch = new BatchRun(state, ctx);
    let chainStart = 0;
    while (chainStart < items.length) {
      const item = items[chainStart] as TransferItem;
      if (!item.linked) {
        batch.runSingle(item);
        chainStart += 1;
        continue;
      }
      let chainEnd = chainStart;
      while (items[chainEnd]?.linked && chainEnd < items.length - 1) chainEnd += 1;
      batch.runChain(items.slice(chainStart, chainEnd + 1));
      chainStart = chainEnd + 1;
    }
    return accepted(batch.events(), { results: batch.results });
  },
};

class BatchRun {
  readonly results: ItemResult[] = [];
  private readonly movementEvents: DomainEvent[] = [];
  private readonly draft: LedgerDraft;
  private spent: TokenSpent | undefined;

  constructor(
    private readonly state: EngineState,
    private readonly ctx: CommandContext,
  ) {
    this.draft = new LedgerDraft(state.ledgerWriter);
  }

  events(): DomainEvent[] {
    return this.spent ? [...this.movementEvents, this.spent] : this.movementEvents;
  }

  /** An unlinked transfer: decided and, if accepted, applied straight to the batch draft. */
  runSingle(item: TransferItem): void {
    const decision = decideMovement(this.state, this.draft, toRequest(item), this.ctx, this.spent);
    if (decision.ok === true) {
      const event: TransferCreated = { type: 'transfer_created', transfer: decision.spec };
      evolveLedger(this.draft, event, this.ctx);
      this.movementEvents.push(event);
      if (decision.spent) this.spent = decision.spent;
      this.results.push({ id: item.id, status: 'created' });
    } else if (decision.ok === 'exists') {
      this.results.push({ id: item.id, status: 'exists' });
    } else {
      this.results.push({ id: item.id, status: decision.code, message: decision.message });
    }
  }

  /** Runs a linked chain in a draft of its own, merged only if every link succeeds. */
  runChain(chain: TransferItem[]): void {
    const last = chain[chain.length - 1];
    const chainOpen = last?.linked === true;
    const chainDraft = new LedgerDraft(this.draft);
    const chainEvents: DomainEvent[] = [];
    const chainResults: ItemResult[] = [];
    let spent = this.spent;
    let failedAt = -1;
    for (const [index, item] of chain.entries()) {
      const decision = decideMovement(this.state, chainDraft, toRequest(item), this.ctx, spent);
      if (decision.ok === true) {
        const event = { type: 'transfer_created', transfer: decision.spec } as const;
        evolveLedger(chainDraft, event, this.ctx);
        chainEvents.push(event);
        if (decision.spent) spent = decision.spent;
        chainResults.push({ id: item.id, status: 'created' });
      } else if (decision.ok === 'exists') {
        chainResults.push({ id: item.id, status: 'exists' });
      } else {
        chainResults.push({ id: item.id, status: decision.code, message: decision.message });
        if (failedAt < 0) failedAt = index;
      }
    }
    if (failedAt < 0 && chainOpen) failedAt = chain.length - 1;
    if (failedAt >= 0) {
      this.results.push(...chainResults.map((result, index) => failChainItem(result, index, failedAt, chainOpen)));
      return; // the chain's draft is dropped: nothing of it happened
    }
    chainDraft.mergeInto(this.draft);
    this.movementEvents.push(...chainEvents);
    this.spent = spent;
    this.results.push(...chainResults);
  }
}

function toRequest(item: TransferItem): MovementRequest {
  return {
    id: item.id,
    kind: 'transfer',
    fromId: item.from,
    toId: item.to,
    amount: item.amount,
    tokenId: item.tokenId,
    pending: item.pending,
    timeoutSeconds: item.timeoutSeconds,
    memo: item.memo,
  };
}

function failChainItem(result: ItemResult, index: number, failedAt: number, chainOpen: boolean): ItemResult {
  if (index === failedAt && result.status !== 'created' && result.status !== 'exists') return result;
  if (chainOpen && index === failedAt) return { id: result.id, status: 'linked_event_chain_open', message: 'the batch ended inside a linked chain' };
  return { id: result.id, status: 'linked_event_failed', message: 'another transfer of its linked chain failed' };
}
