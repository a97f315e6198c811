import type { Static } from '@sinclair/typebox';
import type { TokenSpent } from '../../access/events.ts';
import { can } from '../../access/state.ts';
import type { EngineState } from '../../engine/state.ts';
import { accepted, type CommandContext, type CommandDefinition, type Outcome, rejected } from '../../engine/types.ts';
import { parseAmount } from '../../kernel/amount.ts';
import { isPolityError } from '../../kernel/errors.ts';
import type { PendingResolved } from '../events.ts';
import { ExpirePendingSchema, ResolvePendingSchema } from '../schema.ts';
import type { Transfer } from '../state.ts';
import { refundSpending } from './spending-refund.ts';

type ResolvePayload = Static<typeof ResolvePendingSchema>;
interface ResolveResult {
  id: string;
  status: string;
  posted?: string;
}

/** Post (fully or partly) or void a pending transfer; repeating the same request is harmless. */
function resolve(kind: 'posted' | 'voided'): CommandDefinition<EngineState, ResolvePayload, ResolveResult>['apply'] {
  return (state, payload, ctx) => {
    const transfer = state.ledger.transfers.get(payload.pendingId);
    if (!transfer) return rejected('transfer_not_found', `no transfer ${payload.pendingId}`);
    if (!transfer.pending) return rejected('transfer_not_pending', `${transfer.id} was not a pending transfer`);
    const denied = checkResolver(state, transfer, ctx);
    if (denied) return denied;
    const postedUnits = kind === 'posted' ? requestedUnits(state, transfer, payload.amount) : 0n;
    if (typeof postedUnits !== 'bigint') return postedUnits;
    if (transfer.status !== 'pending') return alreadyResolved(transfer, kind, postedUnits);
    if (kind === 'voided' && payload.amount !== undefined) return rejected('amount_invalid', 'a void takes no amount');
    if (transfer.expiresAtMs !== undefined && transfer.expiresAtMs <= ctx.timeMs) {
      return rejected('pending_transfer_expired', `${transfer.id} expired at ${new Date(transfer.expiresAtMs).toISOString()}`);
    }
    const event: PendingResolved = { type: 'pending_resolved', transferId: transfer.id, status: kind, postedUnits };
    const refund = refundSpending(state, transfer, transfer.amountUnits - postedUnits);
    return accepted(refund ? [event, refund] : [event], { id: transfer.id, status: kind });
  };
}

/** Whoever could have made the transfer may settle it: the debit account's owner or a grant. */
function checkResolver(state: EngineState, transfer: Transfer, ctx: CommandContext): Outcome<never> | undefined {
  const from = state.ledger.accounts.get(transfer.fromId);
  if (from?.ownerId === ctx.actorId) return undefined;
  if (can(state.access, ctx.actorId, 'ledger.transfer', [`account:${transfer.fromId}`, `asset:${transfer.assetId}`])) return undefined;
  return rejected('not_authorized', `${ctx.actorId} may not settle ${transfer.id}`);
}

function requestedUnits(state: EngineState, transfer: Transfer, amount: string | undefined): bigint | Outcome<never> {
  if (amount === undefined) return transfer.amountUnits;
  const asset = state.ledger.assets.get(transfer.assetId);
  try {
    const units = parseAmount(amount, { decimals: asset?.decimals ?? 0, allowZero: false }); // posting nothing is a void
    if (units > transfer.amountUnits) return rejected('exceeds_pending_amount', 'cannot post more than the pending amount');
    return units;
  } catch (error) {
    if (isPolityError(error)) return rejected('amount_invalid', error.message);
    throw error;
  }
}

function alreadyResolved(transfer: Transfer, kind: 'posted' | 'voided', postedUnits: bigint): Outcome<ResolveResult> {
  if (transfer.status === kind && (kind === 'voided' || transfer.postedUnits === postedUnits)) {
    return accepted([], { id: transfer.id, status: 'exists' });
  }
  return rejected(`pending_transfer_already_${transfer.status}`, `${transfer.id} is already ${transfer.status}`);
}

export const postPending: CommandDefinition<EngineState, ResolvePayload, ResolveResult> = {
  type: 'ledger.post_pending',
  schema: ResolvePendingSchema,
  apply: resolve('posted'),
};

export const voidPending: CommandDefinition<EngineState, ResolvePayload, ResolveResult> = {
  type: 'ledger.void_pending',
  schema: ResolvePendingSchema,
  apply: resolve('voided'),
};

/** The keeper's command: releases pending transfers whose timeout has passed. */
export const expirePending: CommandDefinition<EngineState, Static<typeof ExpirePendingSchema>, { expired: string[] }> = {
  type: 'ledger.expire_pending',
  schema: ExpirePendingSchema,
  weight: (payload) => payload.pendingIds.length,
  apply(state, payload, ctx) {
    const events: PendingResolved[] = [];
    const refunds = new Map<string, TokenSpent>();
    for (const id of new Set(payload.pendingIds)) {
      const transfer = state.ledger.transfers.get(id);
      if (transfer?.status !== 'pending' || transfer.expiresAtMs === undefined || transfer.expiresAtMs > ctx.timeMs) continue;
      events.push({ type: 'pending_resolved', transferId: id, status: 'expired', postedUnits: 0n });
      const refund = refundSpending(state, transfer, transfer.amountUnits, refunds.get(transfer.capTokenId ?? ''));
      if (refund) refunds.set(refund.tokenId, refund);
    }
    return accepted([...events, ...refunds.values()], { expired: events.map((event) => event.transferId) });
  },
};
