import { assert } from '../kernel/assert.ts';
import type { LedgerWriter } from './draft.ts';
import { type Account, type Asset, burnAccountId, issuanceAccountId, nftKey, type Transfer, type TransferStatus } from './state.ts';

export interface AssetCreated {
  type: 'asset_created';
  asset: Omit<Asset, 'mintedUnits' | 'burnedUnits' | 'createdSeq'>;
}

export type AccountSpec = Omit<
  Account,
  'debitsPostedUnits' | 'creditsPostedUnits' | 'debitsPendingUnits' | 'creditsPendingUnits' | 'createdSeq' | 'updatedSeq' | 'closed'
>;

export interface AccountCreated {
  type: 'account_created';
  account: AccountSpec;
}

export interface AccountClosed {
  type: 'account_closed';
  accountId: string;
}

export type TransferSpec = Omit<Transfer, 'status' | 'postedUnits' | 'seq' | 'timeMs' | 'resolvedSeq'>;

export interface TransferCreated {
  type: 'transfer_created';
  transfer: TransferSpec;
}

export interface PendingResolved {
  type: 'pending_resolved';
  transferId: string;
  status: Exclude<TransferStatus, 'pending'>;
  /** Units moved for good; the rest of the reservation is released. Zero unless posted. */
  postedUnits: bigint;
}

export type LedgerEvent = AssetCreated | AccountCreated | AccountClosed | TransferCreated | PendingResolved;

export const ledgerEventTypes: ReadonlySet<string> = new Set(['asset_created', 'account_created', 'account_closed', 'transfer_created', 'pending_resolved']);

export interface EventStamp {
  seq: number;
  timeMs: number;
}

/**
 * The one place ledger state changes. `apply` runs it on drafts and the engine on the
 * committed state, so what was decided and what is stored can never drift apart.
 */
export function evolveLedger(writer: LedgerWriter, event: LedgerEvent, stamp: EventStamp): void {
  switch (event.type) {
    case 'asset_created':
      return createAsset(writer, event, stamp);
    case 'account_created':
      return writer.addAccount(newAccount(event.account, stamp.seq));
    case 'account_closed':
      return closeAccount(writer.editAccount(event.accountId), stamp);
    case 'transfer_created':
      return createTransfer(writer, event.transfer, stamp);
    case 'pending_resolved':
      return resolvePending(writer, event, stamp);
  }
}

function createAsset(writer: LedgerWriter, event: AssetCreated, stamp: EventStamp): void {
  const asset = event.asset;
  writer.addAsset({ ...asset, mintedUnits: 0n, burnedUnits: 0n, createdSeq: stamp.seq });
  const system = { assetId: asset.id, ownerId: asset.ownerId };
  writer.addAccount(newAccount({ ...system, id: issuanceAccountId(asset.id), allowOverdraft: true, system: 'issuance' }, stamp.seq));
  writer.addAccount(newAccount({ ...system, id: burnAccountId(asset.id), allowOverdraft: false, system: 'burn' }, stamp.seq));
}

function newAccount(spec: AccountSpec, seq: number): Account {
  return {
    id: spec.id,
    assetId: spec.assetId,
    ownerId: spec.ownerId,
    allowOverdraft: spec.allowOverdraft,
    overdraftLimitUnits: spec.overdraftLimitUnits,
    maxBalanceUnits: spec.maxBalanceUnits,
    closed: false,
    system: spec.system,
    debitsPostedUnits: 0n,
    creditsPostedUnits: 0n,
    debitsPendingUnits: 0n,
    creditsPendingUnits: 0n,
    createdSeq: seq,
    updatedSeq: seq,
  };
}

function newTransfer(spec: TransferSpec, stamp: EventStamp): Transfer {
  return {
    id: spec.id,
    kind: spec.kind,
    assetId: spec.assetId,
    fromId: spec.fromId,
    toId: spec.toId,
    amountUnits: spec.amountUnits,
    tokenId: spec.tokenId,
    pending: spec.pending,
    timeoutSeconds: spec.timeoutSeconds,
    expiresAtMs: spec.expiresAtMs,
    memo: spec.memo,
    capTokenId: spec.capTokenId,
    status: spec.pending ? 'pending' : 'posted',
    postedUnits: undefined,
    seq: stamp.seq,
    timeMs: stamp.timeMs,
    resolvedSeq: undefined,
  };
}

function createTransfer(writer: LedgerWriter, spec: TransferSpec, stamp: EventStamp): void {
  assert(spec.fromId !== spec.toId, 'a transfer moves between two accounts');
  const from = writer.editAccount(spec.fromId);
  const to = writer.editAccount(spec.toId);
  const amount = spec.amountUnits;
  if (spec.pending) {
    from.debitsPendingUnits += amount;
    to.creditsPendingUnits += amount;
  } else {
    from.debitsPostedUnits += amount;
    to.creditsPostedUnits += amount;
  }
  from.updatedSeq = stamp.seq;
  to.updatedSeq = stamp.seq;
  writer.addTransfer(newTransfer(spec, stamp));
  if (!spec.pending) settleEffects(writer, spec, amount);
}

/** What a posted movement does beyond balances: supply counters and NFT ownership. */
function settleEffects(writer: LedgerWriter, spec: TransferSpec, amount: bigint): void {
  if (amount === 0n) return;
  if (spec.kind === 'mint') writer.editAsset(spec.assetId).mintedUnits += amount;
  if (spec.kind === 'burn') writer.editAsset(spec.assetId).burnedUnits += amount;
  if (spec.tokenId !== undefined) {
    writer.setNftOwner(nftKey(spec.assetId, spec.tokenId), spec.kind === 'burn' ? undefined : spec.toId);
  }
}

function resolvePending(writer: LedgerWriter, event: PendingResolved, stamp: EventStamp): void {
  const transfer = writer.editTransfer(event.transferId);
  assert(transfer.status === 'pending', `transfer ${event.transferId} is pending`);
  assert(event.postedUnits <= transfer.amountUnits, 'posted amount within the reservation');
  const from = writer.editAccount(transfer.fromId);
  const to = writer.editAccount(transfer.toId);
  const reserved = transfer.amountUnits;
  const posted = event.postedUnits;
  from.debitsPendingUnits -= reserved;
  from.debitsPostedUnits += posted;
  from.updatedSeq = stamp.seq;
  to.creditsPendingUnits -= reserved;
  to.creditsPostedUnits += posted;
  to.updatedSeq = stamp.seq;
  transfer.status = event.status;
  transfer.postedUnits = posted;
  transfer.resolvedSeq = stamp.seq;
  writer.pendingResolved(transfer.id);
  settleEffects(writer, transfer, posted);
}

function closeAccount(account: Account, stamp: EventStamp): void {
  account.closed = true;
  account.updatedSeq = stamp.seq;
}
