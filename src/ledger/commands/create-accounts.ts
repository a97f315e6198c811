import type { Static } from '@sinclair/typebox';
import { can } from '../../access/state.ts';
import type { EngineState } from '../../engine/state.ts';
import { accepted, type CommandContext, type CommandDefinition } from '../../engine/types.ts';
import { parseAmount } from '../../kernel/amount.ts';
import { isPolityError } from '../../kernel/errors.ts';
import { LedgerDraft } from '../draft.ts';
import { type AccountCreated, type AccountSpec, evolveLedger } from '../events.ts';
import { CreateAccountsSchema } from '../schema.ts';
import type { Account, Asset } from '../state.ts';
import type { BatchResult, ItemResult } from './create-transfers.ts';

export type CreateAccountsPayload = Static<typeof CreateAccountsSchema>;
type AccountItem = CreateAccountsPayload['accounts'][number];

/** A batch of accounts, one status per item. The owner defaults to the caller. */
export const createAccounts: CommandDefinition<EngineState, CreateAccountsPayload, BatchResult> = {
  type: 'ledger.create_accounts',
  schema: CreateAccountsSchema,
  weight: (payload) => payload.accounts.length,
  apply(state, payload, ctx) {
    const draft = new LedgerDraft(state.ledgerWriter);
    const events: AccountCreated[] = [];
    const results: ItemResult[] = [];
    for (const item of payload.accounts) {
      const decision = decideAccount(state, draft, item, ctx);
      if (typeof decision === 'string') {
        results.push({ id: item.id, status: decision });
      } else if ('code' in decision) {
        results.push({ id: item.id, status: decision.code, message: decision.message });
      } else {
        const event: AccountCreated = { type: 'account_created', account: decision };
        evolveLedger(draft, event, ctx);
        events.push(event);
        results.push({ id: item.id, status: 'created' });
      }
    }
    return accepted(events, { results });
  },
};

type AccountDecision = AccountSpec | 'exists' | { code: string; message: string };

function decideAccount(state: EngineState, draft: LedgerDraft, item: AccountItem, ctx: CommandContext): AccountDecision {
  const asset = draft.asset(item.asset);
  if (!asset) return { code: 'asset_not_found', message: `no asset ${item.asset}` };
  const ownerId = item.owner ?? ctx.actorId;
  if (!state.access.actors.has(ownerId)) return { code: 'owner_not_found', message: `no actor ${ownerId}` };
  if (ownerId !== ctx.actorId && !can(state.access, ctx.actorId, 'ledger.create_account', [`asset:${asset.id}`])) {
    return { code: 'not_authorized', message: `${ctx.actorId} may not open accounts for ${ownerId}` };
  }
  let spec: AccountSpec;
  try {
    spec = accountSpec(item, asset, ownerId);
  } catch (error) {
    if (isPolityError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  const existing = draft.account(item.id);
  if (existing)
    return sameAccount(existing, spec) ? 'exists' : { code: 'exists_with_different_fields', message: `account ${item.id} exists with other fields` };
  return spec;
}

function accountSpec(item: AccountItem, asset: Asset, ownerId: string): AccountSpec {
  const spec: AccountSpec = { id: item.id, assetId: asset.id, ownerId, allowOverdraft: item.allowOverdraft === true };
  if (item.overdraftLimit !== undefined) spec.overdraftLimitUnits = parseAmount(item.overdraftLimit, { decimals: asset.decimals });
  if (item.maxBalance !== undefined) spec.maxBalanceUnits = parseAmount(item.maxBalance, { decimals: asset.decimals });
  return spec;
}

function sameAccount(existing: Account, spec: AccountSpec): boolean {
  return (
    existing.system === undefined &&
    existing.assetId === spec.assetId &&
    existing.ownerId === spec.ownerId &&
    existing.allowOverdraft === spec.allowOverdraft &&
    existing.overdraftLimitUnits === spec.overdraftLimitUnits &&
    existing.maxBalanceUnits === spec.maxBalanceUnits
  );
}
