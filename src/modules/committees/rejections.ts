/**
 * Rejection codes in the order each command checks them (one test row each).
 *
 * committees.create: not_authorized (committees.admin on committee:<id>), role_invalid (a role
 *   the registry does not know), governance_token_not_configured (a minimum stake without
 *   economy.configure: it is counted in the governance token), amount_invalid (too many
 *   decimals for that token), committee_exists (same id, other body; the same body is
 *   `exists`), committees_max_reached.
 * committees.open_election: not_authorized (committees.admin on committee:<committee>),
 *   committee_not_found, election_exists (same id, other body; the same body is `exists`),
 *   schedule_invalid (nominations must end after now, voting after nominations, both within
 *   the election window), election_in_progress (the committee has an election not yet
 *   closed), elections_max_reached.
 * committees.stand: election_not_found, nomination_closed, already_candidate, not_eligible
 *   (the message names identity_required or below_minimum_stake), candidates_max_reached.
 * committees.vote: election_not_found, nomination_open (voting starts when nominations end),
 *   voting_closed, not_identity_holder (one person one vote: a live BID), choice_invalid,
 *   votes_max_reached (a new ballot only; changing a ballot is always possible).
 * committees.close_election: election_not_found, election_not_ended, election_closed.
 * committees.assign_role: not_authorized, committee_not_found, role_invalid (holding the role
 *   already is `exists`).
 * committees.remove_role: not_authorized, committee_not_found, role_invalid, role_not_held.
 */
export const createRejections = [
  'not_authorized',
  'role_invalid',
  'governance_token_not_configured',
  'amount_invalid',
  'committee_exists',
  'committees_max_reached',
] as const;
export const openElectionRejections = [
  'not_authorized',
  'committee_not_found',
  'election_exists',
  'schedule_invalid',
  'election_in_progress',
  'elections_max_reached',
] as const;
export const standRejections = ['election_not_found', 'nomination_closed', 'already_candidate', 'not_eligible', 'candidates_max_reached'] as const;
export const voteRejections = ['election_not_found', 'nomination_open', 'voting_closed', 'not_identity_holder', 'choice_invalid', 'votes_max_reached'] as const;
export const closeElectionRejections = ['election_not_found', 'election_not_ended', 'election_closed'] as const;
export const assignRoleRejections = ['not_authorized', 'committee_not_found', 'role_invalid'] as const;
export const removeRoleRejections = ['not_authorized', 'committee_not_found', 'role_invalid', 'role_not_held'] as const;
