import type { Account, Asset, LedgerState, Transfer } from './state.ts';

/** Read access to ledger state, whether the committed state or a draft over it. */
export interface LedgerReader {
  asset(id: string): Asset | undefined;
  account(id: string): Account | undefined;
  transfer(id: string): Transfer | undefined;
  nftOwner(key: string): string | undefined;
}

/** Write access used by `evolveLedger`: the committed state and drafts both provide it. */
export interface LedgerWriter extends LedgerReader {
  putAsset(asset: Asset): void;
  putAccount(account: Account): void;
  putTransfer(transfer: Transfer): void;
  /** `undefined` removes the token (burned). */
  putNftOwner(key: string, accountId: string | undefined): void;
}

export function stateWriter(state: LedgerState): LedgerWriter {
  return {
    asset: (id) => state.assets.get(id),
    account: (id) => state.accounts.get(id),
    transfer: (id) => state.transfers.get(id),
    nftOwner: (key) => state.nftOwners.get(key),
    putAsset: (asset) => void state.assets.set(asset.id, asset),
    putAccount: (account) => void state.accounts.set(account.id, account),
    putTransfer: (transfer) => {
      state.transfers.set(transfer.id, transfer);
      if (transfer.status === 'pending') state.pendingIds.add(transfer.id);
      else state.pendingIds.delete(transfer.id);
    },
    putNftOwner: (key, accountId) => {
      if (accountId === undefined) state.nftOwners.delete(key);
      else state.nftOwners.set(key, accountId);
    },
  };
}

const removed = Symbol('removed');

/**
 * A copy-on-write layer over a reader. `apply` evolves a draft, never the state, so a
 * rejected command or a failed linked chain is dropped by discarding its draft; the engine
 * then evolves the committed state from the accepted events. Drafts nest: a linked chain
 * runs in a child draft and merges into its parent only if every link succeeds.
 */
export class LedgerDraft implements LedgerWriter {
  private readonly assets = new Map<string, Asset>();
  private readonly accounts = new Map<string, Account>();
  private readonly transfers = new Map<string, Transfer>();
  private readonly nftOwners = new Map<string, string | typeof removed>();

  constructor(private readonly base: LedgerReader) {}

  asset(id: string): Asset | undefined {
    return this.assets.get(id) ?? this.base.asset(id);
  }

  account(id: string): Account | undefined {
    return this.accounts.get(id) ?? this.base.account(id);
  }

  transfer(id: string): Transfer | undefined {
    return this.transfers.get(id) ?? this.base.transfer(id);
  }

  nftOwner(key: string): string | undefined {
    const owner = this.nftOwners.get(key);
    if (owner === removed) return undefined;
    return owner ?? this.base.nftOwner(key);
  }

  putAsset(asset: Asset): void {
    this.assets.set(asset.id, asset);
  }

  putAccount(account: Account): void {
    this.accounts.set(account.id, account);
  }

  putTransfer(transfer: Transfer): void {
    this.transfers.set(transfer.id, transfer);
  }

  putNftOwner(key: string, accountId: string | undefined): void {
    this.nftOwners.set(key, accountId ?? removed);
  }

  /** Moves this draft's writes into `parent` (the draft this one was layered on). */
  mergeInto(parent: LedgerWriter): void {
    for (const asset of this.assets.values()) parent.putAsset(asset);
    for (const account of this.accounts.values()) parent.putAccount(account);
    for (const transfer of this.transfers.values()) parent.putTransfer(transfer);
    for (const [key, owner] of this.nftOwners) parent.putNftOwner(key, owner === removed ? undefined : owner);
  }
}
