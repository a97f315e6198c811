import { assert } from '../kernel/assert.ts';
import { type Account, type Asset, copyAccount, copyTransfer, type LedgerState, type Transfer } from './state.ts';

/** Read access to ledger state, whether the committed state or a draft over it. */
export interface LedgerReader {
  asset(id: string): Asset | undefined;
  account(id: string): Account | undefined;
  transfer(id: string): Transfer | undefined;
  nftOwner(key: string): string | undefined;
}

/**
 * Write access used by `evolveLedger`. `edit*` returns an object the caller may change in
 * place: the committed state hands out its own object; a draft hands out its private copy.
 */
export interface LedgerWriter extends LedgerReader {
  addAsset(asset: Asset): void;
  addAccount(account: Account): void;
  addTransfer(transfer: Transfer): void;
  editAsset(id: string): Asset;
  editAccount(id: string): Account;
  editTransfer(id: string): Transfer;
  /** `undefined` removes the token (burned). */
  setNftOwner(key: string, accountId: string | undefined): void;
  /** A pending transfer was posted, voided or expired: the keeper need not look at it again. */
  pendingResolved(id: string): void;
}

function found<T>(value: T | undefined, what: string): T {
  assert(value, `${what} exists`);
  return value;
}

/** The committed state as a writer: edits happen in place, only the engine calls this. */
export function stateWriter(state: LedgerState): LedgerWriter {
  return {
    asset: (id) => state.assets.get(id),
    account: (id) => state.accounts.get(id),
    transfer: (id) => state.transfers.get(id),
    nftOwner: (key) => state.nftOwners.get(key),
    addAsset: (asset) => void state.assets.set(asset.id, asset),
    addAccount: (account) => void state.accounts.set(account.id, account),
    addTransfer: (transfer) => {
      state.transfers.set(transfer.id, transfer);
      if (transfer.status === 'pending') state.pendingIds.add(transfer.id);
    },
    editAsset: (id) => found(state.assets.get(id), `asset ${id}`),
    editAccount: (id) => found(state.accounts.get(id), `account ${id}`),
    editTransfer: (id) => found(state.transfers.get(id), `transfer ${id}`),
    setNftOwner: (key, accountId) => {
      if (accountId === undefined) state.nftOwners.delete(key);
      else state.nftOwners.set(key, accountId);
    },
    pendingResolved: (id) => void state.pendingIds.delete(id),
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

  addAsset(asset: Asset): void {
    this.assets.set(asset.id, asset);
  }

  addAccount(account: Account): void {
    this.accounts.set(account.id, account);
  }

  addTransfer(transfer: Transfer): void {
    this.transfers.set(transfer.id, transfer);
  }

  editAsset(id: string): Asset {
    let asset = this.assets.get(id);
    if (!asset) {
      asset = { ...found(this.base.asset(id), `asset ${id}`) };
      this.assets.set(id, asset);
    }
    return asset;
  }

  editAccount(id: string): Account {
    let account = this.accounts.get(id);
    if (!account) {
      account = copyAccount(found(this.base.account(id), `account ${id}`));
      this.accounts.set(id, account);
    }
    return account;
  }

  editTransfer(id: string): Transfer {
    let transfer = this.transfers.get(id);
    if (!transfer) {
      transfer = copyTransfer(found(this.base.transfer(id), `transfer ${id}`));
      this.transfers.set(id, transfer);
    }
    return transfer;
  }

  setNftOwner(key: string, accountId: string | undefined): void {
    this.nftOwners.set(key, accountId ?? removed);
  }

  pendingResolved(_id: string): void {
    // Only the committed state keeps the index of pending transfers.
  }

  /** Moves this draft's writes into the draft it was layered on. */
  mergeInto(parent: LedgerDraft): void {
    for (const [id, asset] of this.assets) parent.assets.set(id, asset);
    for (const [id, account] of this.accounts) parent.accounts.set(id, account);
    for (const [id, transfer] of this.transfers) parent.transfers.set(id, transfer);
    for (const [key, owner] of this.nftOwners) parent.nftOwners.set(key, owner);
  }
}
