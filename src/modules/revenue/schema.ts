import { Type } from '@sinclair/typebox';
import { AccountIdSchema, AmountSchema, IdSchema } from '../../ledger/schema.ts';
import { depositIdLengthMax, epochSecondsMax, percentLengthMax, pointsLengthMax, policyIdLengthMax } from './limits.ts';

/**
 * A policy id: no `@` (it names the system accounts `@revenue.<id>`), no `:` (transfer ids are
 * `revenue:<id>:...`, so a colon could make two policies' transfer ids meet) and no `.`
 * (policy "a.dust" would own `@revenue.a.dust`, which is policy a's dust account).
 */
export const PolicyIdSchema = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_-]*$', maxLength: policyIdLengthMax });

export const ModeSchema = Type.Union([Type.Literal('stake'), Type.Literal('activity'), Type.Literal('hybrid')]);

export const CreatePolicySchema = Type.Object(
  {
    id: PolicyIdSchema,
    asset: IdSchema,
    mode: ModeSchema,
    stakePercent: Type.Optional(Type.String({ maxLength: percentLengthMax, description: 'hybrid only: the stake side\'s part of each deposit, such as "70"' })),
    epochSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: epochSecondsMax, description: 'activity and hybrid: the length of an activity epoch' })),
  },
  { additionalProperties: false },
);

export const DepositSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', maxLength: depositIdLengthMax, description: 'client-chosen deposit id' }),
    policy: PolicyIdSchema,
    from: AccountIdSchema,
    amount: AmountSchema,
  },
  { additionalProperties: false },
);

export const RecordActivitySchema = Type.Object(
  {
    policy: PolicyIdSchema,
    actor: IdSchema,
    points: Type.String({ pattern: '^[1-9][0-9]*$', maxLength: pointsLengthMax, description: 'a positive integer, such as "3"' }),
    kind: Type.Union([Type.Literal('proposal'), Type.Literal('vote'), Type.Literal('contribution')]),
  },
  { additionalProperties: false },
);

export const ClaimSchema = Type.Object({ policy: PolicyIdSchema, to: AccountIdSchema }, { additionalProperties: false });
