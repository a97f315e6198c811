/**
 * Rejection codes in the order each command checks them (one test row each).
 * identity.configure: not_authorized, identity_class_invalid (no such asset, fungible, or
 *   transferable), identity_configured (another class is named already).
 * identity.issue: not_configured, not_authorized, holder_not_found, subject_already_verified,
 *   holder_already_verified, token_id_used, then the ledger's codes for opening the identity
 *   account and minting (token_not_owned when the id was minted outside this module, say).
 *   Repeating an issue exactly (same token, subject and holder, still live) is `exists`.
 * identity.revoke: not_configured, not_authorized, identity_not_found (unknown or already
 *   revoked), then the ledger's codes for the burn.
 */
export const configureRejections = ['not_authorized', 'identity_class_invalid', 'identity_configured'] as const;
export const issueRejections = [
  'not_configured',
  'not_authorized',
  'holder_not_found',
  'subject_already_verified',
  'holder_already_verified',
  'token_id_used',
] as const;
export const revokeRejections = ['not_configured', 'not_authorized', 'identity_not_found'] as const;
