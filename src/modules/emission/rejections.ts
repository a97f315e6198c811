/**
 * Rejection codes in the order each command checks them (one test row each).
 *
 * emission.create_pool: not_authorized (needs economy.admin on pool:<id>), pool_exists (same
 *   id, other body; the same body again is accepted with status "exists"), asset_not_found,
 *   schedule_invalid (checkSchedule's message; milestone schedules are refused: nothing attests
 *   a pool's milestones), factors_invalid (every weight zero), amount_invalid, then whatever
 *   the ledger says about funding the pool (max_supply_exceeded, insufficient_funds, ...).
 * emission.emit: pool_not_found, nothing_to_emit, then the ledger's codes.
 * emission.distribute: not_authorized (needs emission.distribute on pool:<pool>),
 *   distribution_exists (an id is used once), pool_not_found, then for each contribution in
 *   order contribution_duplicate, factor_unknown, account_not_found, asset_mismatch; then
 *   amount_invalid, insufficient_funds (more than the rewards account has available),
 *   nothing_to_distribute (a zero amount, or no score in any weighted factor), then the
 *   ledger's codes for the payouts (account_closed, exceeds_max_balance, ...).
 */
export const createPoolRejections = ['not_authorized', 'pool_exists', 'asset_not_found', 'schedule_invalid', 'factors_invalid', 'amount_invalid'] as const;

export const emitRejections = ['pool_not_found', 'nothing_to_emit'] as const;

export const distributeRejections = [
  'not_authorized',
  'distribution_exists',
  'pool_not_found',
  'contribution_duplicate',
  'factor_unknown',
  'account_not_found',
  'asset_mismatch',
  'amount_invalid',
  'insufficient_funds',
  'nothing_to_distribute',
] as const;
