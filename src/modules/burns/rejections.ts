/**
 * Rejection codes in the order each command checks them (one test row each). After them come
 * the codes of the moves: the ledger's (insufficient_funds, not_authorized for a payer who may
 * not move the account, ...), the treasury's income_rules_not_set and the revenue module's.
 *
 * burns.set_fee_class: not_authorized (economy.admin), asset_not_found, asset_not_fungible,
 *   percent_invalid (above 100), range_invalid (min above max), rate_out_of_range (the burn
 *   rate outside the given range, or the class's range when none is given),
 *   percent_sum_invalid (burn + stakers above 100), stakers_policy_required (a stakers share
 *   without a policy), stakers_policy_not_found, stakers_policy_asset_mismatch,
 *   fee_class_asset_fixed (an existing class in another asset), fee_classes_max_reached.
 * burns.charge_fee: fee_class_not_found, debit_account_not_found, asset_mismatch,
 *   amount_invalid, charge_exists (same id, other body; the same body returns the first
 *   result), then the codes of the moves.
 * burns.define_milestone: not_authorized (economy.admin), account_not_found,
 *   asset_not_fungible, milestone_source_not_allowed (neither a treasury fund nor an account
 *   the definer may burn from), amount_invalid, milestone_exists (same id, other body; the
 *   same body is `exists`), milestones_max_reached.
 * burns.milestone: not_authorized (burns.milestone on milestone:<id>), milestone_not_found,
 *   milestone_already_burned, then the ledger's codes for the burn (insufficient_funds, ...).
 */
export const setFeeClassRejections = [
  'not_authorized',
  'asset_not_found',
  'asset_not_fungible',
  'percent_invalid',
  'range_invalid',
  'rate_out_of_range',
  'percent_sum_invalid',
  'stakers_policy_required',
  'stakers_policy_not_found',
  'stakers_policy_asset_mismatch',
  'fee_class_asset_fixed',
  'fee_classes_max_reached',
] as const;
export const chargeFeeRejections = ['fee_class_not_found', 'debit_account_not_found', 'asset_mismatch', 'amount_invalid', 'charge_exists'] as const;
export const defineMilestoneRejections = [
  'not_authorized',
  'account_not_found',
  'asset_not_fungible',
  'milestone_source_not_allowed',
  'amount_invalid',
  'milestone_exists',
  'milestones_max_reached',
] as const;
export const milestoneRejections = ['not_authorized', 'milestone_not_found', 'milestone_already_burned'] as const;
