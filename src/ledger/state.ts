/** The ledger's in-memory state: everything `apply` needs to decide, nothing more. */

export type AssetKind = 'fungible' | 'non_fungible';
/** fixed: minted total may never exceed maxSupply, burned units are gone for good. */
export type SupplyPolicy = 'fixed' | 'mintable';

export interface Asset {
  id: string;
  kind: AssetKind;
  symbol: string;
  decimals: number;
  supply: SupplyPolicy;
  maxSupplyUnits?: bigint | undefined;
  /** Soulbound classes are false: tokens can be minted and burned, never moved. */
  transferable: boolean;
  ownerId: string;
  mintedUnits: bigint;
  burnedUnits: bigint;
  createdSeq: number;
}

export type SystemAccountRole = 'issuance' | 'burn';

export interface Account {
  id: string;
  assetId: string;
  ownerId: string;
  /** Whether the balance may go below zero (issuance accounts, credit lines). */
  allowOverdraft: boolean;
  /** With allowOverdraft: how far below zero it may go; absent means no limit. */
  overdraftLimitUnits?: bigint | undefined;
  /** Credits may not lift the balance above this. */
  maxBalanceUnits?: bigint | undefined;
  closed: boolean;
  system?: SystemAccountRole | undefined;
  debitsPostedUnits: bigint;
  creditsPostedUnits: bigint;
  debitsPendingUnits: bigint;
  creditsPendingUnits: bigint;
  createdSeq: number;
  updatedSeq: number;
}

export type TransferKind = 'transfer' | 'mint' | 'burn';
export type TransferStatus = 'posted' | 'pending' | 'voided' | 'expired';

export interface Transfer {
  id: string;
  kind: TransferKind;
  assetId: string;
  fromId: string;
  toId: string;
  amountUnits: bigint;
  tokenId?: string | undefined;
  pending: boolean;
  timeoutSeconds?: number | undefined;
  expiresAtMs?: number | undefined;
  memo?: string | undefined;
  /** A pending transfer's API token whose spending cap it counted against: a void gives back. */
  capTokenId?: string | undefined;
  status: TransferStatus;
  /** For a pending transfer that was posted: how much of it (partial posts release the rest). */
  postedUnits?: bigint | undefined;
  seq: number;
  timeMs: number;
  resolvedSeq?: number | undefined;
}

export interface LedgerState {
  assets: Map<string, Asset>;
  accounts: Map<string, Account>;
  transfers: Map<string, Transfer>;
  /** Owner account of each non-fungible token, keyed by nftKey(assetId, tokenId). */
  nftOwners: Map<string, string>;
  /** Ids of transfers still pending: the keeper scans these for expiry. */
  pendingIds: Set<string>;
}

export function createLedgerState(): LedgerState {
  return { assets: new Map(), accounts: new Map(), transfers: new Map(), nftOwners: new Map(), pendingIds: new Set() };
}

export function nftKey(assetId: string, tokenId: string): string {
  return `${assetId}\u0000${tokenId}`;
}

export function issuanceAccountId(assetId: string): string {
  return `@issuance.${assetId}`;
}

export function burnAccountId(assetId: string): string {
  return `@burn.${assetId}`;
}

export function balanceUnits(account: Account): bigint {
  return account.creditsPostedUnits - account.debitsPostedUnits;
}

/** What a debit may use now: the posted balance less what pending debits reserve. */
export function availableUnits(account: Account): bigint {
  return balanceUnits(account) - account.debitsPendingUnits;
}

/** Circulating supply of an asset: minted and not burned. */
export function outstandingUnits(asset: Asset): bigint {
  return asset.mintedUnits - asset.burnedUnits;
}

/*
 * Explicit copies list every field, so all accounts and transfers share one object shape:
 * V8 keeps property access monomorphic on the hot path. Drafts copy on first edit.
 */
export function copyAccount(a: Account): Account {
  return {
    id: a.id,
    assetId: a.assetId,
    ownerId: a.ownerId,
    allowOverdraft: a.allowOverdraft,
    overdraftLimitUnits: a.overdraftLimitUnits,
    maxBalanceUnits: a.maxBalanceUnits,
    closed: a.closed,
    system: a.system,
    debitsPostedUnits: a.debitsPostedUnits,
    creditsPostedUnits: a.creditsPostedUnits,
    debitsPendingUnits: a.debitsPendingUnits,
    creditsPendingUnits: a.creditsPendingUnits,
    createdSeq: a.createdSeq,
    updatedSeq: a.updatedSeq,
  };
}

export function copyTransfer(t: Transfer): Transfer {
  return {
    id: t.id,
    kind: t.kind,
    assetId: t.assetId,
    fromId: t.fromId,
    toId: t.toId,
    amountUnits: t.amountUnits,
    tokenId: t.tokenId,
    pending: t.pending,
    timeoutSeconds: t.timeoutSeconds,
    expiresAtMs: t.expiresAtMs,
    memo: t.memo,
    capTokenId: t.capTokenId,
    status: t.status,
    postedUnits: t.postedUnits,
    seq: t.seq,
    timeMs: t.timeMs,
    resolvedSeq: t.resolvedSeq,
  };
}
