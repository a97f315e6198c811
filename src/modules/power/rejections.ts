/**
 * Rejection codes in the order each command checks them (one test row each).
 * power.track: not_authorized (economy.admin on `power:<asset>`, `power:config` or
 *   `economy:config`), asset_not_found, then `exists` is an accepted status for an asset
 *   tracked already, then too_many_tracked_assets.
 * power.delegate: not_authorized (the system actor holds no power to delegate),
 *   too_many_delegates (also bounded by the schema), duplicate_delegate, self_delegation,
 *   delegate_not_found (no such actor, or the system actor), percent_invalid (not a
 *   percentage, zero, or above 100), percent_sum_invalid (the shares add up to more than 100),
 *   too_many_categories. The delegation in force already is accepted as `unchanged`.
 * power.undelegate: nothing_to_undelegate (no delegation in force for that category).
 */
export const trackRejections = ['not_authorized', 'asset_not_found', 'too_many_tracked_assets'] as const;
export const delegateRejections = [
  'not_authorized',
  'too_many_delegates',
  'duplicate_delegate',
  'self_delegation',
  'delegate_not_found',
  'percent_invalid',
  'percent_sum_invalid',
  'too_many_categories',
] as const;
export const undelegateRejections = ['nothing_to_undelegate'] as const;
