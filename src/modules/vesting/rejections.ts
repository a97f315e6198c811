/**
 * Rejection codes in the order each command checks them (one test row each).
 *
 * vesting.create: not_authorized (needs economy.admin on vesting:<id>), vesting_exists (same
 *   id, other body; the same body again is accepted with status "exists"), asset_not_found,
 *   beneficiary_not_found, asset_mismatch (the beneficiary holds another asset),
 *   schedule_invalid, amount_invalid, then whatever the ledger says about funding the hold
 *   account (max_supply_exceeded, insufficient_funds, debit_account_not_found, not_authorized
 *   for a source account the caller may not spend from, ...).
 * vesting.claim: vesting_not_found, nothing_to_claim, then the ledger's codes (account_closed).
 * vesting.attest: not_authorized (needs vesting.attest on vesting:<id>), vesting_not_found,
 *   not_a_milestone_schedule, milestone_unknown, milestone_already_attested.
 */
export const createVestingRejections = [
  'not_authorized',
  'vesting_exists',
  'asset_not_found',
  'beneficiary_not_found',
  'asset_mismatch',
  'schedule_invalid',
  'amount_invalid',
] as const;

export const claimVestingRejections = ['vesting_not_found', 'nothing_to_claim'] as const;

export const attestMilestoneRejections = [
  'not_authorized',
  'vesting_not_found',
  'not_a_milestone_schedule',
  'milestone_unknown',
  'milestone_already_attested',
] as const;
