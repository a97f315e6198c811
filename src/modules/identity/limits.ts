/** A verifier's subject identifier is a hash or an opaque id, never free text. */
export const subjectLengthMax = 128;
/** Why a token was revoked: one sentence, kept on the record and in the burn's memo. */
export const revokeReasonLengthMax = 200;
