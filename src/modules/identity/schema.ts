import { Type } from '@sinclair/typebox';
import { IdSchema } from '../../ledger/schema.ts';
import { revokeReasonLengthMax, subjectLengthMax } from './limits.ts';

export const ConfigureIdentitySchema = Type.Object({ asset: IdSchema }, { additionalProperties: false });

/** The verifier's opaque identifier of a person (a hash, say): no spaces, no personal data. */
export const SubjectSchema = Type.String({
  pattern: `^[A-Za-z0-9._:-]{1,${subjectLengthMax}}$`,
  maxLength: subjectLengthMax,
  description: "the verifier's opaque identifier of the person, such as a hash",
});

export const IssueIdentitySchema = Type.Object({ tokenId: IdSchema, subject: SubjectSchema, holder: IdSchema }, { additionalProperties: false });

export const RevokeIdentitySchema = Type.Object(
  { tokenId: IdSchema, reason: Type.String({ minLength: 1, maxLength: revokeReasonLengthMax }) },
  { additionalProperties: false },
);
