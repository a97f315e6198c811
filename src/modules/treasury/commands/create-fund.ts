import type { Static } from '@sinclair/typebox';
import { can, systemActorId } from '../../../access/state.ts';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandContext, type CommandDefinition, type Outcome, type Rejected, rejected } from '../../../engine/types.ts';
import { parseAmount } from '../../../kernel/amount.ts';
import { assert } from '../../../kernel/assert.ts';
import { isPolityError } from '../../../kernel/errors.ts';
import { LedgerMoves } from '../../../ledger/moves.ts';
import type { Asset } from '../../../ledger/state.ts';
import type { TreasuryFundCreated } from '../events.ts';
import { fundLabelLengthMax, fundsMax } from '../limits.ts';
import { CreateFundSchema } from '../schema.ts';
import { type FundInitial, fundAccountId, fundResource, initialTransferId, type SpendingLimit, type TreasuryFund } from '../state.ts';

export type CreateFundPayload = Static<typeof CreateFundSchema>;
export interface CreateFundResult {
  id: string;
  accountId: string;
  status: 'created' | 'exists';
}

/** The source that mints the initial amount from the asset's issuance. */
export const mintSource = 'mint';

/**
 * Creates a fund: a system-owned account `@treasury.<id>` that only this module moves. It may
 * be funded at once, minted from issuance (the caller needs `ledger.mint` on the asset too:
 * economy.admin alone never creates money) or paid from an account the caller may move.
 * Repeating the same create is `exists`; the same id with another body is `fund_exists`.
 */
export const createFund: CommandDefinition<EngineState, CreateFundPayload, CreateFundResult> = {
  type: 'treasury.create_fund',
  schema: CreateFundSchema,
  weight: () => 2,
  apply(state, payload, ctx) {
    assert(payload.label === undefined || payload.label.length <= fundLabelLengthMax, 'the schema bounds the label');
    if (!can(state.access, ctx.actorId, 'economy.admin', [fundResource(payload.id), 'treasury:config', 'economy:config'])) {
      return rejected('not_authorized', `${ctx.actorId} may not create treasury funds`);
    }
    const asset = state.ledger.assets.get(payload.asset);
    if (!asset) return rejected('asset_not_found', `no asset ${payload.asset}`);
    if (asset.kind !== 'fungible') return rejected('asset_not_fungible', `${asset.id} is not a fungible token`);
    const parsed = parseAmounts(payload, asset);
    if ('code' in parsed) return parsed;
    const accountId = fundAccountId(payload.id);
    const existing = state.modules.treasury.funds.get(payload.id);
    if (existing) {
      if (sameFund(existing, { assetId: asset.id, label: payload.label, ...parsed })) return accepted([], { id: payload.id, accountId, status: 'exists' });
      return rejected('fund_exists', `fund ${payload.id} exists with other settings`);
    }
    if (state.modules.treasury.funds.size >= fundsMax) return rejected('funds_max_reached', `a DAO holds at most ${fundsMax} funds`);
    if (parsed.initial?.source === mintSource && !can(state.access, ctx.actorId, 'ledger.mint', [`asset:${asset.id}`])) {
      return rejected('not_authorized', `${ctx.actorId} may not mint ${asset.id} into a fund`);
    }
    return openFund(state, ctx, { payload, asset, accountId, ...parsed });
  },
};

interface ParsedAmounts {
  spendingLimit?: SpendingLimit | undefined;
  initial?: FundInitial | undefined;
}

function parseAmounts(payload: CreateFundPayload, asset: Asset): ParsedAmounts | Rejected {
  try {
    const options = { decimals: asset.decimals, allowZero: false };
    const limit = payload.spendingLimit;
    const initial = payload.initial;
    return {
      spendingLimit: limit && { amountUnits: parseAmount(limit.amount, options), periodSeconds: limit.periodSeconds },
      initial: initial && { amountUnits: parseAmount(initial.amount, options), source: initial.source ?? mintSource },
    };
  } catch (error) {
    if (isPolityError(error)) return rejected('amount_invalid', error.message);
    throw error;
  }
}

function sameFund(fund: TreasuryFund, body: { assetId: string; label: string | undefined } & ParsedAmounts): boolean {
  return (
    fund.assetId === body.assetId &&
    fund.label === body.label &&
    fund.spendingLimit?.amountUnits === body.spendingLimit?.amountUnits &&
    fund.spendingLimit?.periodSeconds === body.spendingLimit?.periodSeconds &&
    fund.initial?.amountUnits === body.initial?.amountUnits &&
    fund.initial?.source === body.initial?.source
  );
}

interface OpenFund extends ParsedAmounts {
  payload: CreateFundPayload;
  asset: Asset;
  accountId: string;
}

function openFund(state: EngineState, ctx: CommandContext, open: OpenFund): Outcome<CreateFundResult> {
  const { payload, asset, accountId, spendingLimit, initial } = open;
  const moves = new LedgerMoves(state, ctx);
  const opened = moves.ensureAccount({ id: accountId, assetId: asset.id, ownerId: systemActorId, allowOverdraft: false });
  if (opened) return rejected(opened.code, opened.message);
  const event: TreasuryFundCreated = { type: 'treasury_fund_created', fund: { id: payload.id, assetId: asset.id, accountId } };
  if (payload.label !== undefined) event.fund.label = payload.label;
  if (spendingLimit) event.fund.spendingLimit = spendingLimit;
  if (initial) event.fund.initial = initial;
  moves.note(event);
  if (initial) {
    const transfer = { id: initialTransferId(payload.id), toId: accountId, units: initial.amountUnits, memo: `fund ${payload.id}` };
    const problem = moves.fund({ ...transfer, assetId: asset.id, source: initial.source });
    if (problem) return rejected(problem.code, problem.message);
  }
  return accepted(moves.events, { id: payload.id, accountId, status: 'created' });
}
