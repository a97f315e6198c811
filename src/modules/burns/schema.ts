import { Type } from '@sinclair/typebox';
import { AccountIdSchema, AmountSchema, IdSchema } from '../../ledger/schema.ts';
import { feeClassLengthMax, milestoneIdLengthMax, milestoneLabelLengthMax, percentLengthMax } from './limits.ts';

const closed = { additionalProperties: false } as const;

/** Fee class names are income class names once prefixed with `fee.`. */
export const FeeClassSchema = Type.String({ pattern: `^[a-z][a-z0-9_.:-]{0,${feeClassLengthMax - 1}}$`, maxLength: feeClassLengthMax });

export const PercentSchema = Type.String({
  pattern: '^(0|[1-9][0-9]{0,2})(\\.[0-9]{1,4})?$',
  maxLength: percentLengthMax,
  description: 'percent as a decimal string, such as "2" or "0.5"',
});

export const MilestoneIdSchema = Type.String({ pattern: `^[A-Za-z0-9][A-Za-z0-9._:-]{0,${milestoneIdLengthMax - 1}}$`, maxLength: milestoneIdLengthMax });

/** Any account, system accounts such as `@treasury.ecosystem` included. */
export const AnyAccountIdSchema = Type.String({ pattern: '^@?[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$', maxLength: 129 });

export const SetFeeClassSchema = Type.Object(
  {
    class: FeeClassSchema,
    asset: IdSchema,
    burnPercent: PercentSchema,
    stakersPercent: Type.Optional(PercentSchema),
    stakersPolicy: Type.Optional(IdSchema),
    range: Type.Optional(Type.Object({ minPercent: PercentSchema, maxPercent: PercentSchema }, closed)),
  },
  closed,
);

export const ChargeFeeSchema = Type.Object({ id: IdSchema, class: FeeClassSchema, from: AccountIdSchema, amount: AmountSchema }, closed);

export const DefineMilestoneSchema = Type.Object(
  { id: MilestoneIdSchema, label: Type.String({ minLength: 1, maxLength: milestoneLabelLengthMax }), amount: AmountSchema, from: AnyAccountIdSchema },
  closed,
);

export const MilestoneBurnSchema = Type.Object({ id: MilestoneIdSchema }, closed);
