/**
 * Rejection codes of ledger commands, in the order a transfer is checked. The first that
 * applies is returned; `ledger.test.ts` has one row for each.
 */
export const transferRejections = [
  'exists_with_different_fields', // the id was used before for another transfer
  'accounts_must_be_different',
  'debit_account_not_found',
  'credit_account_not_found',
  'system_account', // issuance and burn accounts move only through mint and burn
  'asset_mismatch',
  'account_closed',
  'not_authorized',
  'amount_invalid', // not a decimal string, too precise for the asset, zero, or too large
  'asset_not_transferable',
  'token_required', // non-fungible: tokenId missing or amount other than 1
  'token_not_owned',
  'pending_not_supported', // non-fungible tokens move whole, never pending
  'max_supply_exceeded', // a mint past the asset's max supply
  'insufficient_funds',
  'exceeds_max_balance',
  'spending_cap_exceeded',
  'linked_event_failed', // another transfer of the linked chain failed
  'linked_event_chain_open', // the batch ended inside a linked chain
] as const;

export type TransferRejection = (typeof transferRejections)[number];
