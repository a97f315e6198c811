import { Type } from '@sinclair/typebox';
import { AmountSchema, IdSchema } from '../../ledger/schema.ts';
import { startMsMax, vestingIdLengthMax } from './limits.ts';
import { MilestoneSchema, VestingScheduleSchema } from './schedules.ts';

/**
 * A grant id: no `@` (it names the system account `@vesting.<id>`) and no `:` (transfer ids
 * are `vesting:<id>:...`, so a colon could make two grants' transfer ids meet).
 */
export const VestingIdSchema = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', maxLength: vestingIdLengthMax });

/** Any existing account, a system account such as `@treasury.foundation` included. */
export const AccountRefSchema = Type.String({ pattern: '^@?[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$' });

export const CreateVestingSchema = Type.Object(
  {
    id: VestingIdSchema,
    asset: IdSchema,
    beneficiary: AccountRefSchema,
    amount: AmountSchema,
    schedule: VestingScheduleSchema,
    startMs: Type.Optional(Type.Integer({ minimum: 0, maximum: startMsMax })),
    source: Type.Optional(Type.Union([Type.Literal('mint'), AccountRefSchema], { description: '"mint" (the default) or the account to transfer from' })),
  },
  { additionalProperties: false },
);

export const ClaimVestingSchema = Type.Object({ id: VestingIdSchema }, { additionalProperties: false });

export const AttestMilestoneSchema = Type.Object({ id: VestingIdSchema, milestone: MilestoneSchema }, { additionalProperties: false });
