/**
 * Rejection codes in the order each command checks them (one test row each). After them come
 * the ledger's own codes for the moves (insufficient_funds, max_supply_exceeded, ...).
 *
 * treasury.create_fund: not_authorized (economy.admin), asset_not_found, asset_not_fungible,
 *   amount_invalid (spending limit or initial amount), fund_exists (same id, other body; the
 *   same body is `exists`), funds_max_reached, not_authorized (minting the initial amount
 *   needs ledger.mint on the asset), then the ledger's codes for the mint or the payment.
 * treasury.set_income_rules: not_authorized, asset_not_found, then per entry of each list
 *   (reserve, classes in order, default): percent_invalid (0 or above 100), fund_not_found,
 *   fund_asset_mismatch, income_rule_duplicate_fund; then percent_sum_invalid (a class or
 *   default list not exactly 100, the reserve above 100).
 * treasury.deposit: debit_account_not_found, amount_invalid, deposit_exists (same id, other
 *   body), income_rules_not_set, then the ledger's codes for the caller's transfers
 *   (not_authorized when the caller may not move the account, insufficient_funds, ...).
 * treasury.spend: not_authorized (treasury.spend on fund:<id>), fund_not_found, amount_invalid,
 *   spend_exists, spending_limit_exceeded, recent_spends_max_reached, then the ledger's codes
 *   (credit_account_not_found, asset_mismatch, insufficient_funds, ...).
 * treasury.burn: not_authorized (treasury.burn on fund:<id>), fund_not_found, amount_invalid,
 *   burn_exists, spending_limit_exceeded, recent_spends_max_reached, then the ledger's codes.
 * spendFromFund (for other modules, which authorise the spend themselves; treasury.spend uses
 *   it too): fund_not_found, amount_invalid, spending_limit_exceeded, recent_spends_max_reached,
 *   then the ledger's codes; spend_exists when the spend id was used before.
 * receiveIncome (for other modules): income_class_invalid, amount_invalid,
 *   debit_account_not_found, income_rules_not_set, then the ledger's codes.
 */
export const createFundRejections = ['not_authorized', 'asset_not_found', 'asset_not_fungible', 'amount_invalid', 'fund_exists', 'funds_max_reached'] as const;
export const setIncomeRulesRejections = [
  'not_authorized',
  'asset_not_found',
  'percent_invalid',
  'fund_not_found',
  'fund_asset_mismatch',
  'income_rule_duplicate_fund',
  'percent_sum_invalid',
] as const;
export const depositRejections = ['debit_account_not_found', 'amount_invalid', 'deposit_exists', 'income_rules_not_set'] as const;
export const spendRejections = [
  'not_authorized',
  'fund_not_found',
  'amount_invalid',
  'spend_exists',
  'spending_limit_exceeded',
  'recent_spends_max_reached',
] as const;
export const burnRejections = [
  'not_authorized',
  'fund_not_found',
  'amount_invalid',
  'burn_exists',
  'spending_limit_exceeded',
  'recent_spends_max_reached',
] as const;
export const spendFromFundRejections = ['fund_not_found', 'amount_invalid', 'spending_limit_exceeded', 'recent_spends_max_reached', 'spend_exists'] as const;
export const receiveIncomeRejections = ['income_class_invalid', 'amount_invalid', 'debit_account_not_found', 'income_rules_not_set'] as const;
