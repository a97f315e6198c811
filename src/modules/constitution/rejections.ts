/**
 * Rejection codes in the order each command checks them (one test row each).
 *
 * constitution.set_rules: not_authorized (constitution.amend on `constitution:rules`), then for each
 *   rule in order: rule_id_duplicate, rule_invalid (a max_spend rule with neither limit, a
 *   second eligibility rule for one committee), fund_not_found, governance_asset_not_set (a
 *   stake amount before economy.configure), amount_invalid (more decimals than the asset
 *   has), percent_invalid (above 100, or a 0 % reserve). The same rules again are `unchanged`.
 */
export const setRulesRejections = [
  'not_authorized',
  'rule_id_duplicate',
  'rule_invalid',
  'fund_not_found',
  'governance_asset_not_set',
  'amount_invalid',
  'percent_invalid',
] as const;

/**
 * The codes of the violations checkConstitution reports, one per rule kind that can be
 * violated (committee_eligibility is asked through committeeRule instead):
 * constitution_max_spend (decide/execute, given the support: a spend above the limit without
 *   the supermajority), constitution_rolling_outflow (create/decide: the proposal alone above
 *   the limit; execute: with the window), constitution_income_reserve (proposed income rules
 *   below the reserve), constitution_proposer (create: no BID, or too small a stake),
 *   constitution_conflict_of_interest (paying the proposer without a disclosure; given the
 *   support, without the supermajority), constitution_change (a voting period below the
 *   minimum; given the support, without the supermajority).
 */
export const constitutionViolationCodes = [
  'constitution_max_spend',
  'constitution_rolling_outflow',
  'constitution_income_reserve',
  'constitution_proposer',
  'constitution_conflict_of_interest',
  'constitution_change',
] as const;
export type ConstitutionViolationCode = (typeof constitutionViolationCodes)[number];
