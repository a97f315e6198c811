import { memoLengthMax } from '../../ledger/limits.ts';

/** Signers in one set: an executive committee, not an electorate. */
export const signersMax = 20;
/** Signer sets one DAO may hold. */
export const signerSetsMax = 64;
/** Funds one set may spend from. */
export const fundsPerSetMax = 32;
/**
 * Pending (not yet expired) transactions per set. A set at the bound refuses new proposals
 * (`pending_transactions_max_reached`) until some execute, are rejected or expire.
 */
export const pendingTransactionsPerSetMax = 256;
/** How long a transaction may wait for its approvals when the set does not say: 7 days. */
export const transactionTtlSecondsDefault = 7 * 24 * 3600;
/** The longest a set may let a transaction wait: 90 days. */
export const transactionTtlSecondsMax = 90 * 24 * 3600;
/** A transaction's memo goes on the ledger transfer, so it has the ledger's bound. */
export const transactionMemoLengthMax = memoLengthMax;
