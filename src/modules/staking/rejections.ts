/**
 * Rejection codes in the order each command checks them (one test row each).
 *
 * staking.configure: not_authorized, asset_not_found, asset_not_fungible, asset_locked (another
 *   asset while stakes exist), account_not_found (rewardsFrom), asset_mismatch (rewardsFrom
 *   holds another asset), rewards_from_invalid (the vault or an issuance/burn account),
 *   percent_invalid (penalty above 100 %), committee_duplicate, amount_invalid (a committee
 *   minimum, or an existing tier minimum finer than the new asset's decimals).
 *   The same settings again are `exists`.
 * staking.create_tier: not_authorized, not_configured, amount_invalid (minimum),
 *   percent_invalid (apy, burn or fee discount above 100 %), multiplier_invalid (below 1x or
 *   above votingMultiplierMax), tier_exists (same id, other body; the same body is `exists`),
 *   tiers_full.
 * staking.stake: not_configured, tier_not_found, stake_exists (same id, other body; the same
 *   body by the same caller is `exists`), account_not_found, asset_mismatch, amount_invalid,
 *   below_tier_minimum, too_many_stakes, not_authorized (the caller does not own `from`), then
 *   the ledger's codes for the principal move (insufficient_funds, spending_cap_exceeded,
 *   account_closed ...), then reward_pool_insufficient (the ledger's insufficient_funds on the
 *   reward reservation), then the ledger's other codes for the reservation.
 * staking.claim: stake_not_found, not_stake_owner, stake_closed, nothing_to_claim, then
 *   reward_pool_insufficient and the ledger's codes for the payout moves.
 * staking.unstake: stake_not_found, not_stake_owner, stake_closed, stake_locked (before
 *   maturity when early exit is rejected), then reward_pool_insufficient and the ledger's codes
 *   for the payout, the penalty burn and the return of the principal.
 */
export const configureRejections = [
  'not_authorized',
  'asset_not_found',
  'asset_not_fungible',
  'asset_locked',
  'account_not_found',
  'asset_mismatch',
  'rewards_from_invalid',
  'percent_invalid',
  'committee_duplicate',
  'amount_invalid',
] as const;

export const createTierRejections = [
  'not_authorized',
  'not_configured',
  'amount_invalid',
  'percent_invalid',
  'multiplier_invalid',
  'tier_exists',
  'tiers_full',
] as const;

export const stakeRejections = [
  'not_configured',
  'tier_not_found',
  'stake_exists',
  'account_not_found',
  'asset_mismatch',
  'amount_invalid',
  'below_tier_minimum',
  'too_many_stakes',
  'not_authorized',
  'insufficient_funds',
  'reward_pool_insufficient',
] as const;

export const claimRejections = ['stake_not_found', 'not_stake_owner', 'stake_closed', 'nothing_to_claim', 'reward_pool_insufficient'] as const;

export const unstakeRejections = ['stake_not_found', 'not_stake_owner', 'stake_closed', 'stake_locked'] as const;
