/**
 * Rejection codes in the order each command checks them (one test row each).
 *
 * revenue.create_policy: not_authorized (needs economy.admin on policy:<id>), policy_exists
 *   (same id, other terms; the same terms again are accepted with status "exists"),
 *   too_many_policies, asset_not_found, asset_not_fungible, policy_invalid (a field the mode
 *   needs is missing or one it does not take is given), percent_invalid (stakePercent not a
 *   percentage from 0 to 100 with at most 4 decimals), then the ledger's asset_mismatch should
 *   a system account of that id exist in another asset.
 * revenue.deposit: policy_not_found, amount_invalid, deposit_exists (same id, other fields; the
 *   same again is accepted with status "exists"), then the ledger's codes for the movement out
 *   of `from` as the caller (debit_account_not_found, asset_mismatch, account_closed,
 *   not_authorized, insufficient_funds, spending_cap_exceeded, ...).
 * revenue.record_activity: not_authorized (needs revenue.activity on policy:<id>),
 *   policy_not_found, activity_not_enabled (a stake-only policy), actor_not_found,
 *   points_invalid (above activityPointsMax).
 * revenue.claim: policy_not_found, account_not_found, not_authorized (`to` is not the caller's),
 *   asset_mismatch, nothing_to_claim, then the ledger's codes (account_closed).
 * depositRevenue (for other modules): policy_not_found, amount_invalid, then the ledger's codes.
 */
export const createPolicyRejections = [
  'not_authorized',
  'policy_exists',
  'too_many_policies',
  'asset_not_found',
  'asset_not_fungible',
  'policy_invalid',
  'percent_invalid',
] as const;

export const depositRejections = ['policy_not_found', 'amount_invalid', 'deposit_exists'] as const;

export const recordActivityRejections = ['not_authorized', 'policy_not_found', 'activity_not_enabled', 'actor_not_found', 'points_invalid'] as const;

export const claimRejections = ['policy_not_found', 'account_not_found', 'not_authorized', 'asset_mismatch', 'nothing_to_claim'] as const;
