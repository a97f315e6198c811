import type { TokenSpent } from '../../access/events.ts';
import { can, periodStartMs, systemActorId } from '../../access/state.ts';
import type { EngineState } from '../../engine/state.ts';
import type { CommandContext } from '../../engine/types.ts';
import { type ParseAmountOptions, parseAmount } from '../../kernel/amount.ts';
import { isPolityError } from '../../kernel/errors.ts';
import type { LedgerReader } from '../draft.ts';
import type { TransferSpec } from '../events.ts';
import { type Account, type Asset, availableUnits, balanceUnits, nftKey, type Transfer, type TransferKind } from '../state.ts';

/** A movement of value as a client asked for it, before it is checked. */
export interface MovementRequest {
  id: string;
  kind: TransferKind;
  fromId: string;
  toId: string;
  amount?: string | undefined;
  /** Modules move exact base units they computed; clients send `amount` as a decimal string. */
  units?: bigint | undefined;
  tokenId?: string | undefined;
  pending?: boolean | undefined;
  timeoutSeconds?: number | undefined;
  memo?: string | undefined;
}

export type MovementDecision = { ok: true; spec: TransferSpec; spent?: TokenSpent } | { ok: false; code: string; message: string } | { ok: 'exists' };

const fail = (code: string, message: string): MovementDecision => ({ ok: false, code, message });

/**
 * Decides one movement against `view` (state plus the earlier items of the batch), in the
 * order of `transferRejections`. Pure: it returns the transfer to record, never writes.
 * `spentSoFar` is the caller's token spending in this batch, not yet in state.
 */
export function decideMovement(
  state: EngineState,
  view: LedgerReader,
  request: MovementRequest,
  ctx: CommandContext,
  spentSoFar: TokenSpent | undefined,
): MovementDecision {
  const previous = view.transfer(request.id);
  const from = view.account(request.fromId);
  const to = view.account(request.toId);
  const asset = from ? view.asset(from.assetId) : to ? view.asset(to.assetId) : undefined;
  if (previous) {
    const units = request.units ?? (asset ? tryParse(request.amount ?? '1', { decimals: asset.decimals }) : undefined);
    return sameMovement(previous, request, units) ? { ok: 'exists' } : fail('exists_with_different_fields', `transfer ${request.id} exists with other fields`);
  }
  if (request.fromId === request.toId) return fail('accounts_must_be_different', 'a transfer needs two different accounts');
  if (!from) return fail('debit_account_not_found', `no account ${request.fromId}`);
  if (!to) return fail('credit_account_not_found', `no account ${request.toId}`);
  if (!asset) throw new Error(`account ${from.id} names a missing asset`);
  const roleProblem = checkSystemRoles(request.kind, from, to);
  if (roleProblem) return roleProblem;
  if (from.assetId !== to.assetId) return fail('asset_mismatch', `${from.id} holds ${from.assetId}, ${to.id} holds ${to.assetId}`);
  if (from.closed || to.closed) return fail('account_closed', `account ${from.closed ? from.id : to.id} is closed`);
  if (!authorized(state, request.kind, from, asset, ctx)) return fail('not_authorized', `${ctx.actorId} may not move value out of ${from.id}`);
  return decideAmount(state, view, request, { from, to, asset, ctx, spentSoFar });
}

interface Parties {
  from: Account;
  to: Account;
  asset: Asset;
  ctx: CommandContext;
  spentSoFar: TokenSpent | undefined;
}

function decideAmount(state: EngineState, view: LedgerReader, request: MovementRequest, parties: Parties): MovementDecision {
  const { from, to, asset } = parties;
  const nonFungible = asset.kind === 'non_fungible';
  const amountUnits = request.units ?? parseRequestAmount(request.amount, asset);
  if (typeof amountUnits !== 'bigint') return amountUnits;
  if (amountUnits <= 0n) return fail('amount_invalid', 'the amount must be above zero');
  if (request.kind === 'transfer' && !asset.transferable) return fail('asset_not_transferable', `${asset.id} is soulbound: it cannot be transferred`);
  if (nonFungible) {
    const tokenProblem = checkToken(view, request, asset, amountUnits);
    if (tokenProblem) return tokenProblem;
  } else if (request.tokenId !== undefined) {
    return fail('token_required', `${asset.id} is fungible: it has no token ids`);
  }
  if (request.kind === 'mint') {
    const capProblem = checkSupplyCap(asset, amountUnits);
    if (capProblem) return capProblem;
  }
  if (!from.allowOverdraft && availableUnits(from) < amountUnits) return fail('insufficient_funds', `${from.id} has less than the amount available`);
  if (from.allowOverdraft && from.overdraftLimitUnits !== undefined && availableUnits(from) - amountUnits < -from.overdraftLimitUnits) {
    return fail('insufficient_funds', `${from.id} would exceed its overdraft limit`);
  }
  if (to.maxBalanceUnits !== undefined && balanceUnits(to) + to.creditsPendingUnits + amountUnits > to.maxBalanceUnits) {
    return fail('exceeds_max_balance', `${to.id} would exceed its maximum balance`);
  }
  const spending = chargeToken(state, parties, amountUnits);
  if (spending === 'exceeded') return fail('spending_cap_exceeded', "the amount exceeds this token's spending cap for the period");
  const spec = toSpec(request, asset, amountUnits, parties.ctx.timeMs);
  if (!spending) return { ok: true, spec };
  if (spec.pending) spec.capTokenId = spending.tokenId;
  return { ok: true, spec, spent: spending };
}

function parseRequestAmount(amount: string | undefined, asset: Asset): bigint | MovementDecision {
  try {
    return parseAmount(amount ?? (asset.kind === 'non_fungible' ? '1' : undefined), { decimals: asset.decimals, allowZero: false });
  } catch (error) {
    if (isPolityError(error)) return fail('amount_invalid', error.message);
    throw error;
  }
}

function checkSystemRoles(kind: TransferKind, from: Account, to: Account): MovementDecision | undefined {
  const expectedFrom = kind === 'mint' ? 'issuance' : undefined;
  const expectedTo = kind === 'burn' ? 'burn' : undefined;
  if (from.system !== expectedFrom || to.system !== expectedTo) {
    return fail('system_account', 'issuance and burn accounts move value only through mint and burn');
  }
  return undefined;
}

function authorized(state: EngineState, kind: TransferKind, from: Account, asset: Asset, ctx: CommandContext): boolean {
  if (kind === 'mint') return can(state.access, ctx.actorId, 'ledger.mint', [`asset:${asset.id}`]);
  if (from.ownerId === ctx.actorId) return true;
  const action = kind === 'burn' ? 'ledger.burn' : 'ledger.transfer';
  return can(state.access, ctx.actorId, action, [`account:${from.id}`, `asset:${asset.id}`]);
}

function checkToken(view: LedgerReader, request: MovementRequest, asset: Asset, amountUnits: bigint): MovementDecision | undefined {
  if (request.tokenId === undefined || amountUnits !== 1n) return fail('token_required', `${asset.id} is non-fungible: give a tokenId and amount 1`);
  const owner = view.nftOwner(nftKey(asset.id, request.tokenId));
  if (request.kind === 'mint' ? owner !== undefined : owner !== request.fromId) {
    return fail('token_not_owned', request.kind === 'mint' ? `token ${request.tokenId} exists` : `${request.fromId} does not hold token ${request.tokenId}`);
  }
  if (request.pending) return fail('pending_not_supported', 'non-fungible tokens move whole, never pending');
  return undefined;
}

function checkSupplyCap(asset: Asset, amountUnits: bigint): MovementDecision | undefined {
  if (asset.maxSupplyUnits === undefined) return undefined;
  // A fixed supply counts every unit ever minted; a mintable one only what is outstanding.
  const counted = asset.supply === 'fixed' ? asset.mintedUnits : asset.mintedUnits - asset.burnedUnits;
  if (counted + amountUnits > asset.maxSupplyUnits) return fail('max_supply_exceeded', `minting this would exceed the max supply of ${asset.id}`);
  return undefined;
}

/** The token's spending after this amount, 'exceeded', or undefined when no cap applies. */
function chargeToken(state: EngineState, parties: Parties, amountUnits: bigint): TokenSpent | 'exceeded' | undefined {
  const { ctx, asset } = parties;
  if (ctx.tokenId === undefined || ctx.actorId === systemActorId) return undefined;
  const token = state.access.tokens.get(ctx.tokenId);
  const cap = token?.spendingCap;
  if (!token || !cap || cap.assetId !== asset.id) return undefined;
  const periodStart = periodStartMs(ctx.timeMs, cap.periodSeconds);
  const base = parties.spentSoFar ?? { type: 'token_spent', tokenId: token.id, periodStartMs: token.spendPeriodStartMs, spentUnits: token.spentUnits };
  const spentBefore = base.periodStartMs === periodStart ? base.spentUnits : 0n;
  const spentUnits = spentBefore + amountUnits;
  if (spentUnits > cap.amountUnits) return 'exceeded';
  return { type: 'token_spent', tokenId: token.id, periodStartMs: periodStart, spentUnits };
}

function toSpec(request: MovementRequest, asset: Asset, amountUnits: bigint, timeMs: number): TransferSpec {
  const spec: TransferSpec = {
    id: request.id,
    kind: request.kind,
    assetId: asset.id,
    fromId: request.fromId,
    toId: request.toId,
    amountUnits,
    pending: request.pending === true,
  };
  if (request.tokenId !== undefined) spec.tokenId = request.tokenId;
  if (request.memo !== undefined) spec.memo = request.memo;
  if (request.pending && request.timeoutSeconds !== undefined) {
    spec.timeoutSeconds = request.timeoutSeconds;
    spec.expiresAtMs = timeMs + request.timeoutSeconds * 1000;
  }
  return spec;
}

function tryParse(amount: string, options: ParseAmountOptions): bigint | undefined {
  try {
    return parseAmount(amount, options);
  } catch {
    return undefined; // an unparsable amount simply differs from the recorded one
  }
}

/** Same id, same body: the first result stands (idempotent retries). */
function sameMovement(previous: Transfer, request: MovementRequest, amountUnits: bigint | undefined): boolean {
  return (
    previous.kind === request.kind &&
    previous.fromId === request.fromId &&
    previous.toId === request.toId &&
    previous.amountUnits === amountUnits &&
    previous.tokenId === request.tokenId &&
    previous.pending === (request.pending === true) &&
    previous.timeoutSeconds === (request.pending ? request.timeoutSeconds : undefined) &&
    previous.memo === request.memo
  );
}
