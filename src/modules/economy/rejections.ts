/**
 * Rejection codes in the order each command checks them (one test row each).
 * economy.configure: not_authorized, asset_not_found, asset_not_fungible, economy_configured.
 * economy.record_allocations: not_authorized, not_configured, then per row allocation_duplicate,
 *   allocation_target_not_found, allocation_asset_mismatch, amount_invalid,
 *   allocation_units_mismatch; then allocations_sum_mismatch, allocations_recorded.
 */
export const configureRejections = ['not_authorized', 'asset_not_found', 'asset_not_fungible', 'economy_configured'] as const;
export const recordAllocationsRejections = [
  'not_authorized',
  'not_configured',
  'allocation_duplicate',
  'allocation_target_not_found',
  'allocation_asset_mismatch',
  'amount_invalid',
  'allocation_units_mismatch',
  'allocations_sum_mismatch',
  'allocations_recorded',
] as const;
