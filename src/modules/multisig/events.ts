import { assert } from '../../kernel/assert.ts';
import type { EventStamp } from '../../ledger/events.ts';
import type { MultisigState, MultisigTransaction, SignerSet, SignerSetFund } from './state.ts';

/** A pending transaction closed without executing: its set changed, or its time ran out first. */
export interface ClosedTransaction {
  transactionId: string;
  status: 'cancelled' | 'expired';
}

/**
 * A signer set created or replaced. Every pending transaction of the set is closed with it
 * (`closed`, listed so the log says which): approvals given under the old signers and
 * threshold do not carry over to the new ones.
 */
export interface MultisigSignersSet {
  type: 'multisig_signers_set';
  set: { id: string; signers: string[]; threshold: number; funds: SignerSetFund[]; ttlSeconds: number };
  revision: number;
  closed: ClosedTransaction[];
}

/** A signer proposes a transaction; the proposal is the proposer's approval. */
export interface MultisigTransactionProposed {
  type: 'multisig_transaction_proposed';
  transaction: {
    id: string;
    setId: string;
    setRevision: number;
    fundId: string;
    toAccountId: string;
    amountUnits: bigint;
    memo?: string;
    proposerId: string;
    expiresAtMs: number;
  };
  /** Pending transactions of the set whose time had run out, recorded as expired now. */
  expiredIds: string[];
}

export interface MultisigTransactionApproved {
  type: 'multisig_transaction_approved';
  transactionId: string;
  signerId: string;
}

/** A signer's rejection; `closesTransaction` when the threshold can no longer be reached. */
export interface MultisigTransactionRejected {
  type: 'multisig_transaction_rejected';
  transactionId: string;
  signerId: string;
  closesTransaction: boolean;
}

/** The threshold was met and the fund paid (the treasury_spent event comes just before). */
export interface MultisigTransactionExecuted {
  type: 'multisig_transaction_executed';
  transactionId: string;
  spendId: string;
  amountUnits: bigint;
}

export type MultisigEvent =
  | MultisigSignersSet
  | MultisigTransactionProposed
  | MultisigTransactionApproved
  | MultisigTransactionRejected
  | MultisigTransactionExecuted;

export const multisigEventTypes: ReadonlySet<string> = new Set<string>([
  'multisig_signers_set',
  'multisig_transaction_proposed',
  'multisig_transaction_approved',
  'multisig_transaction_rejected',
  'multisig_transaction_executed',
]);

export function evolveMultisig(state: MultisigState, event: MultisigEvent, stamp: EventStamp): void {
  switch (event.type) {
    case 'multisig_signers_set':
      setSigners(state, event, stamp);
      return;
    case 'multisig_transaction_proposed':
      propose(state, event, stamp);
      return;
    case 'multisig_transaction_approved':
      editPending(state, event.transactionId).approvals.push(event.signerId);
      return;
    case 'multisig_transaction_rejected': {
      const transaction = editPending(state, event.transactionId);
      transaction.rejections.push(event.signerId);
      if (event.closesTransaction) close(state, transaction, 'rejected', stamp);
      return;
    }
    case 'multisig_transaction_executed':
      close(state, editPending(state, event.transactionId), 'executed', stamp);
      return;
  }
}

function setSigners(state: MultisigState, event: MultisigSignersSet, stamp: EventStamp): void {
  const previous = state.sets.get(event.set.id);
  for (const closed of event.closed) {
    const transaction = editPending(state, closed.transactionId);
    assert(transaction.setId === event.set.id, `transaction ${transaction.id} belongs to set ${event.set.id}`);
    close(state, transaction, closed.status, stamp);
  }
  assert(previous === undefined || previous.pendingIds.length === 0, `a set change closes every pending transaction of ${event.set.id}`);
  const set: SignerSet = {
    id: event.set.id,
    signers: [...event.set.signers],
    threshold: event.set.threshold,
    funds: event.set.funds.map((fund) => ({ ...fund })),
    ttlSeconds: event.set.ttlSeconds,
    revision: event.revision,
    updatedSeq: stamp.seq,
    pendingIds: [],
  };
  state.sets.set(set.id, set);
}

function propose(state: MultisigState, event: MultisigTransactionProposed, stamp: EventStamp): void {
  for (const id of event.expiredIds) close(state, editPending(state, id), 'expired', stamp);
  const spec = event.transaction;
  const set = state.sets.get(spec.setId);
  assert(set !== undefined && set.revision === spec.setRevision, `transaction ${spec.id} is proposed to the current revision of ${spec.setId}`);
  assert(!state.transactions.has(spec.id), `transaction ids are never reused: ${spec.id}`);
  const transaction: MultisigTransaction = {
    id: spec.id,
    setId: spec.setId,
    setRevision: spec.setRevision,
    fundId: spec.fundId,
    toAccountId: spec.toAccountId,
    amountUnits: spec.amountUnits,
    proposerId: spec.proposerId,
    proposedMs: stamp.timeMs,
    proposedSeq: stamp.seq,
    expiresAtMs: spec.expiresAtMs,
    approvals: [spec.proposerId],
    rejections: [],
    status: 'pending',
  };
  if (spec.memo !== undefined) transaction.memo = spec.memo;
  state.transactions.set(transaction.id, transaction);
  set.pendingIds.push(transaction.id);
}

function editPending(state: MultisigState, transactionId: string): MultisigTransaction {
  const transaction = state.transactions.get(transactionId);
  assert(transaction !== undefined && transaction.status === 'pending', `multisig transaction ${transactionId} is pending`);
  return transaction;
}

/** Records the end of a pending transaction and takes it off its set's pending list. */
function close(state: MultisigState, transaction: MultisigTransaction, status: MultisigTransaction['status'], stamp: EventStamp): void {
  transaction.status = status;
  transaction.closedMs = stamp.timeMs;
  const set = state.sets.get(transaction.setId);
  assert(set !== undefined, `set ${transaction.setId} exists`);
  set.pendingIds = set.pendingIds.filter((id) => id !== transaction.id);
}
