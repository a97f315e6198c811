/** Signer sets (M of N) and the transactions they propose, approve, reject and execute. */

/** A fund a set may spend from, and the most one transaction may take from it. */
export interface SignerSetFund {
  fundId: string;
  /** `maxAmount` in the fund's asset: a transaction above it needs a governance proposal. */
  maxAmountUnits: bigint;
}

export interface SignerSet {
  id: string;
  /** Actor ids, in the order given. */
  signers: string[];
  threshold: number;
  funds: SignerSetFund[];
  ttlSeconds: number;
  /** 1 when created, one more at each change: a transaction belongs to one revision. */
  revision: number;
  updatedSeq: number;
  /** Transactions of this set still pending, oldest first (expired ones leave at the next proposal). */
  pendingIds: string[];
}

export type MultisigTransactionStatus = 'pending' | 'executed' | 'rejected' | 'expired' | 'cancelled';

export interface MultisigTransaction {
  id: string;
  setId: string;
  setRevision: number;
  fundId: string;
  toAccountId: string;
  amountUnits: bigint;
  memo?: string | undefined;
  proposerId: string;
  proposedMs: number;
  proposedSeq: number;
  expiresAtMs: number;
  /** Signers who approved, in order; the proposer first. */
  approvals: string[];
  rejections: string[];
  /**
   * As last recorded. A pending transaction whose `expiresAtMs` has passed is shown as
   * expired by the queries and is recorded so when its set next changes or proposes.
   */
  status: MultisigTransactionStatus;
  closedMs?: number | undefined;
}

export interface MultisigState {
  sets: Map<string, SignerSet>;
  /** Every transaction ever proposed: ids are never reused. */
  transactions: Map<string, MultisigTransaction>;
}

export function createMultisigState(): MultisigState {
  return { sets: new Map(), transactions: new Map() };
}

/** The permission that creates and changes signer sets: governance and the bootstrap admin hold it. */
export const multisigAdminAction = 'multisig.admin';

export function multisigResource(setId: string): string {
  return `multisig:${setId}`;
}

/**
 * The treasury spend id of an executed transaction (its transfer is `treasury:spend:@multisig:<id>`).
 * Client spend ids start with a letter or digit, so none can take it first.
 */
export function multisigSpendId(transactionId: string): string {
  return `@multisig:${transactionId}`;
}

/** A pending transaction can no longer execute from `expiresAtMs` on. */
export function isExpired(transaction: Pick<MultisigTransaction, 'expiresAtMs'>, atMs: number): boolean {
  return atMs >= transaction.expiresAtMs;
}

/** Whether enough signers are left who have not rejected to still reach the threshold. */
export function thresholdReachable(set: Pick<SignerSet, 'signers' | 'threshold'>, rejectionCount: number): boolean {
  return set.signers.length - rejectionCount >= set.threshold;
}
