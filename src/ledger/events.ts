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
      return writer.putAccount(newAccount(event.account, stamp.seq));
    case 'account_closed':
      return writer.putAccount({ ...requireAccount(writer, event.accountId), closed: true, updatedSeq: stamp.seq });
    case 'transfer_created':
      return createTransfer(writer, event.transfer, stamp);
    case 'pending_resolved':
      return resolvePending(writer, event, stamp);
  }
}

function createAsset(writer: LedgerWriter, event: AssetCreated, stamp: EventStamp): void {
  const asset = event.asset;
  writer.putAsset({ ...asset, mintedUnits: 0n, burnedUnits: 0n, createdSeq: stamp.seq });
  const system = { assetId: asset.id, ownerId: asset.ownerId };
  writer.putAccount(newAccount({ ...system, id: issuanceAccountId(asset.id), allowOverdraft: true, system: 'issuance' }, stamp.seq));
  writer.putAccount(newAccount({ ...system, id: burnAccountId(asset.id), allowOverdraft: false, system: 'burn' }, stamp.seq));
}

function newAccount(spec: AccountSpec, seq: number): Account {
  return {
    ...spec,
    closed: false,
    debitsPostedUnits: 0n,
    creditsPostedUnits: 0n,
    debitsPendingUnits: 0n,
    creditsPendingUnits: 0n,
    createdSeq: seq,
    updatedSeq: seq,
  };
}

function requireAccount(reader: LedgerWriter, id: string): Account {
  const account = reader.account(id);
  assert(account, `account ${id} exists`);
  return account;
}

function createTransfer(writer: LedgerWriter, spec: TransferSpec, stamp: EventStamp): void {
  const from = requireAccount(writer, spec.fromId);
  const to = requireAccount(writer, spec.toId);
  const amount = spec.amountUnits;
  if (spec.pending) {
    writer.putAccount({ ...from, debitsPendingUnits: from.debitsPendingUnits + amount, updatedSeq: stamp.seq });
    writer.putAccount({ ...to, creditsPendingUnits: to.creditsPendingUnits + amount, updatedSeq: stamp.seq });
    writer.putTransfer({ ...spec, status: 'pending', seq: stamp.seq, timeMs: stamp.timeMs });
    return;
  }
  writer.putAccount({ ...from, debitsPostedUnits: from.debitsPostedUnits + amount, updatedSeq: stamp.seq });
  writer.putAccount({ ...to, creditsPostedUnits: to.creditsPostedUnits + amount, updatedSeq: stamp.seq });
  writer.putTransfer({ ...spec, status: 'posted', seq: stamp.seq, timeMs: stamp.timeMs });
  settleEffects(writer, spec, amount);
}

/** What a posted movement does beyond balances: supply counters and NFT ownership. */
function settleEffects(writer: LedgerWriter, spec: TransferSpec, amount: bigint): void {
  if (amount === 0n) return;
  const asset = writer.asset(spec.assetId);
  assert(asset, `asset ${spec.assetId} exists`);
  if (spec.kind === 'mint') writer.putAsset({ ...asset, mintedUnits: asset.mintedUnits + amount });
  if (spec.kind === 'burn') writer.putAsset({ ...asset, burnedUnits: asset.burnedUnits + amount });
  if (spec.tokenId !== undefined) {
    writer.putNftOwner(nftKey(spec.assetId, spec.tokenId), spec.kind === 'burn' ? undefined : spec.toId);
  }
}

function resolvePending(writer: LedgerWriter, event: PendingResolved, stamp: EventStamp): void {
  const transfer = writer.transfer(event.transferId);
  assert(transfer && transfer.status === 'pending', `transfer ${event.transferId} is pending`);
  assert(event.postedUnits <= transfer.amountUnits, 'posted amount within the reservation');
  const from = requireAccount(writer, transfer.fromId);
  const to = requireAccount(writer, transfer.toId);
  const reserved = transfer.amountUnits;
  const posted = event.postedUnits;
  writer.putAccount({
    ...from,
    debitsPendingUnits: from.debitsPendingUnits - reserved,
    debitsPostedUnits: from.debitsPostedUnits + posted,
    updatedSeq: stamp.seq,
  });
  writer.putAccount({
    ...to,
    creditsPendingUnits: to.creditsPendingUnits - reserved,
    creditsPostedUnits: to.creditsPostedUnits + posted,
    updatedSeq: stamp.seq,
  });
  writer.putTransfer({ ...transfer, status: event.status, postedUnits: posted, resolvedSeq: stamp.seq });
  settleEffects(writer, transfer, posted);
}
