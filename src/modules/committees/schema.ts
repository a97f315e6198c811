import { Type } from '@sinclair/typebox';
import { AmountSchema, IdSchema } from '../../ledger/schema.ts';
import { candidatesPerElectionMax, committeeLabelLengthMax, seatsMax, termSecondsMax } from './limits.ts';
import { committeeRoles } from './state.ts';

/** Times in ms since the epoch, as far as a JavaScript Date reaches. */
const TimeMsSchema = Type.Integer({ minimum: 0, maximum: 8_640_000_000_000_000 });

/** A role name; whether the registry knows it is checked in apply (`role_invalid`). */
export const RoleSchema = Type.String({ pattern: '^[a-z][a-z0-9_]{0,31}$', description: `a committee role: ${committeeRoles.join(', ')}` });

export const EligibilitySchema = Type.Object(
  {
    requiresIdentity: Type.Boolean(),
    /** Minimum staked, a decimal string in governance token units. */
    minStake: Type.Optional(AmountSchema),
  },
  { additionalProperties: false },
);

export const CreateCommitteeSchema = Type.Object(
  {
    id: IdSchema,
    label: Type.String({ minLength: 1, maxLength: committeeLabelLengthMax }),
    seats: Type.Integer({ minimum: 1, maximum: seatsMax }),
    termSeconds: Type.Integer({ minimum: 1, maximum: termSecondsMax }),
    eligibility: EligibilitySchema,
    roles: Type.Optional(Type.Array(RoleSchema, { maxItems: committeeRoles.length })),
  },
  { additionalProperties: false },
);

export const OpenElectionSchema = Type.Object(
  {
    id: IdSchema,
    committee: IdSchema,
    method: Type.Union([Type.Literal('approval'), Type.Literal('ranked-choice')]),
    nominationEndsMs: TimeMsSchema,
    votingEndsMs: TimeMsSchema,
  },
  { additionalProperties: false },
);

export const StandSchema = Type.Object({ election: IdSchema }, { additionalProperties: false });

/**
 * Snapshot's encoding over the candidates in order of standing: approval, the 1-based indices
 * approved (possibly none); ranked-choice, every index once, most preferred first. Whether
 * the indices fit the election is checked in apply (`choice_invalid`).
 */
export const VoteSchema = Type.Object(
  { election: IdSchema, choice: Type.Array(Type.Integer(), { maxItems: candidatesPerElectionMax }) },
  { additionalProperties: false },
);

export const CloseElectionSchema = Type.Object({ election: IdSchema }, { additionalProperties: false });

export const CommitteeRoleSchema = Type.Object({ committee: IdSchema, role: RoleSchema }, { additionalProperties: false });
