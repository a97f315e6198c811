/**
 * Rejection codes in the order each command checks them (one test row each).
 *
 * multisig.set_signers: not_authorized (multisig.admin on multisig:<id>: governance, whose
 *   executor is the system actor, and the bootstrap admin), threshold_invalid (above the
 *   number of signers; the schema keeps it at least 1), signer_not_found (no such actor, or
 *   the system actor), fund_not_found, amount_invalid (maxAmount is not an amount above zero
 *   in some fund's asset), signer_sets_max_reached (a new set only). The same body again is
 *   `unchanged` and closes nothing; another body replaces the set and cancels its pending
 *   transactions (those already past their expiry are recorded as expired).
 * multisig.propose: set_not_found, not_a_signer, transaction_exists (same id, other body; the
 *   same body by the same proposer is `exists`), fund_not_allowed, amount_invalid,
 *   above_multisig_limit, pending_transactions_max_reached, credit_account_not_found and
 *   asset_mismatch (checked now so that signers never approve a payment that cannot
 *   arrive), then, for a threshold of 1 (the proposal meets it), the codes of the spend below.
 * multisig.approve: transaction_not_found, not_a_signer, transaction_closed (executed,
 *   rejected or cancelled), transaction_expired, already_approved, already_rejected; when the
 *   approval meets the threshold, the spend's codes from the treasury (spending_limit_exceeded,
 *   recent_spends_max_reached) and the ledger (insufficient_funds, ...): the approval is then
 *   refused as a whole and the transaction stays pending, to be approved again later.
 * multisig.reject: transaction_not_found, not_a_signer, transaction_closed, transaction_expired,
 *   already_approved (a signer who approved cannot take it back), already_rejected.
 */
export const setSignersRejections = [
  'not_authorized',
  'threshold_invalid',
  'signer_not_found',
  'fund_not_found',
  'amount_invalid',
  'signer_sets_max_reached',
] as const;
export const proposeRejections = [
  'set_not_found',
  'not_a_signer',
  'transaction_exists',
  'fund_not_allowed',
  'amount_invalid',
  'above_multisig_limit',
  'pending_transactions_max_reached',
  'credit_account_not_found',
  'asset_mismatch',
] as const;
export const approveRejections = [
  'transaction_not_found',
  'not_a_signer',
  'transaction_closed',
  'transaction_expired',
  'already_approved',
  'already_rejected',
  'spending_limit_exceeded',
  'insufficient_funds',
] as const;
export const rejectRejections = [
  'transaction_not_found',
  'not_a_signer',
  'transaction_closed',
  'transaction_expired',
  'already_approved',
  'already_rejected',
] as const;
