import { formatAmount } from '../kernel/amount.ts';
import { assert } from '../kernel/assert.ts';
import type { BalanceCheckpoint } from '../ledger/queries.ts';
import { type Account, type Asset, availableUnits, balanceUnits, type LedgerState, outstandingUnits, type Transfer } from '../ledger/state.ts';
import type { AccountView, AssetView, TransferView } from './schemas.ts';

/** JSON views of ledger state: bigint base units become decimal strings in token units. */
export function assetView(asset: Asset): AssetView {
  const amount = (units: bigint) => formatAmount(units, asset.decimals);
  const view: AssetView = {
    id: asset.id,
    kind: asset.kind,
    symbol: asset.symbol,
    decimals: asset.decimals,
    supply: asset.supply,
    transferable: asset.transferable,
    owner: asset.ownerId,
    minted: amount(asset.mintedUnits),
    burned: amount(asset.burnedUnits),
    circulating: amount(outstandingUnits(asset)),
    createdSeq: asset.createdSeq,
  };
  if (asset.maxSupplyUnits !== undefined) view.maxSupply = amount(asset.maxSupplyUnits);
  return view;
}

export function accountView(ledger: LedgerState, account: Account): AccountView {
  const asset = assetOf(ledger, account.assetId);
  const amount = (units: bigint) => formatAmount(units, asset.decimals);
  const view: AccountView = {
    id: account.id,
    asset: account.assetId,
    owner: account.ownerId,
    balance: amount(balanceUnits(account)),
    available: amount(availableUnits(account)),
    pending: { debits: amount(account.debitsPendingUnits), credits: amount(account.creditsPendingUnits) },
    closed: account.closed,
    allowOverdraft: account.allowOverdraft,
    createdSeq: account.createdSeq,
    updatedSeq: account.updatedSeq,
  };
  if (account.overdraftLimitUnits !== undefined) view.overdraftLimit = amount(account.overdraftLimitUnits);
  if (account.maxBalanceUnits !== undefined) view.maxBalance = amount(account.maxBalanceUnits);
  if (account.system !== undefined) view.system = account.system;
  return view;
}

export interface AsOf {
  seq?: number;
  timeMs?: number;
}

/**
 * An account as of a past point: the balance a checkpoint recorded then (zero before the
 * first one). Pending amounts are not checkpointed, so a past view leaves them out rather
 * than show today's.
 */
export function pastAccountView(ledger: LedgerState, account: Account, asOf: AsOf, checkpoint: BalanceCheckpoint | undefined): AccountView {
  const { available: _available, pending: _pending, ...current } = accountView(ledger, account);
  const decimals = assetOf(ledger, account.assetId).decimals;
  return {
    ...current,
    balance: formatAmount(checkpoint?.balanceUnits ?? 0n, decimals),
    asOf: { ...asOf, checkpointSeq: checkpoint?.seq ?? null, checkpointTimeMs: checkpoint?.timeMs ?? null },
  };
}

export function transferView(ledger: LedgerState, transfer: Transfer): TransferView {
  const asset = assetOf(ledger, transfer.assetId);
  const view: TransferView = {
    id: transfer.id,
    kind: transfer.kind,
    from: transfer.fromId,
    to: transfer.toId,
    amount: formatAmount(transfer.amountUnits, asset.decimals),
    asset: transfer.assetId,
    status: transfer.status,
    seq: transfer.seq,
    pending: transfer.pending,
    timeMs: transfer.timeMs,
  };
  if (transfer.tokenId !== undefined) view.tokenId = transfer.tokenId;
  if (transfer.memo !== undefined) view.memo = transfer.memo;
  if (transfer.timeoutSeconds !== undefined) view.timeoutSeconds = transfer.timeoutSeconds;
  if (transfer.expiresAtMs !== undefined) view.expiresAtMs = transfer.expiresAtMs;
  if (transfer.postedUnits !== undefined) view.posted = formatAmount(transfer.postedUnits, asset.decimals);
  if (transfer.resolvedSeq !== undefined) view.resolvedSeq = transfer.resolvedSeq;
  return view;
}

function assetOf(ledger: LedgerState, assetId: string): Asset {
  const asset = ledger.assets.get(assetId);
  assert(asset, `asset ${assetId} of a recorded account or transfer exists`);
  return asset;
}
