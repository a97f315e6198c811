import { isExpired, type MultisigState, type MultisigTransaction, type MultisigTransactionStatus, type SignerSet, type SignerSetFund } from './state.ts';

/** A signer set as queries show it: copies, so a reader can never change the state. */
export interface SignerSetView {
  id: string;
  signers: string[];
  threshold: number;
  funds: SignerSetFund[];
  ttlSeconds: number;
  revision: number;
  updatedSeq: number;
  pendingTransactionIds: string[];
}

/** A transaction as the queries show it: with `atMs`, a pending one past its expiry shows as `expired`. */
export type MultisigTransactionView = MultisigTransaction;

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function setView(set: SignerSet): SignerSetView {
  return {
    id: set.id,
    signers: [...set.signers],
    threshold: set.threshold,
    funds: set.funds.map((fund) => ({ ...fund })),
    ttlSeconds: set.ttlSeconds,
    revision: set.revision,
    updatedSeq: set.updatedSeq,
    pendingTransactionIds: [...set.pendingIds],
  };
}

/** The status a transaction has at `atMs` (as last recorded when no time is given). */
export function transactionStatusAt(transaction: MultisigTransaction, atMs?: number): MultisigTransactionStatus {
  if (transaction.status === 'pending' && atMs !== undefined && isExpired(transaction, atMs)) return 'expired';
  return transaction.status;
}

function transactionView(transaction: MultisigTransaction, atMs: number | undefined): MultisigTransactionView {
  return {
    ...transaction,
    approvals: [...transaction.approvals],
    rejections: [...transaction.rejections],
    status: transactionStatusAt(transaction, atMs),
  };
}

/** Every signer set, sorted by id (code unit order, the same on every node). */
export function signerSets(state: MultisigState): SignerSetView[] {
  return [...state.sets.values()].map(setView).sort(byId);
}

export function signerSet(state: MultisigState, id: string): SignerSetView | undefined {
  const set = state.sets.get(id);
  return set && setView(set);
}

/** Transactions (of one set, or all), oldest proposal first; `atMs` shows expiry as of then. */
export function multisigTransactions(state: MultisigState, setId?: string, atMs?: number): MultisigTransactionView[] {
  const all = [...state.transactions.values()].filter((transaction) => setId === undefined || transaction.setId === setId);
  return all.sort((a, b) => a.proposedSeq - b.proposedSeq).map((transaction) => transactionView(transaction, atMs));
}

export function multisigTransaction(state: MultisigState, id: string, atMs?: number): MultisigTransactionView | undefined {
  const transaction = state.transactions.get(id);
  return transaction && transactionView(transaction, atMs);
}
