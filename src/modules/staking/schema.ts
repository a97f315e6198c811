import { Type } from '@sinclair/typebox';
import { AmountSchema, IdSchema } from '../../ledger/schema.ts';
import { committeesMax, tierDurationSecondsMax } from './limits.ts';

/** A percentage as a decimal string, "2.5" is 2.5 %; above 100 is rejected in apply. */
export const PercentSchema = Type.String({ pattern: '^(0|[1-9][0-9]{0,2})(\\.[0-9]{1,4})?$', description: 'percent as a decimal string, such as "2.5"' });
/** A multiplier as a decimal string, "1.5" is 1.5x; the range is checked in apply. */
export const MultiplierSchema = Type.String({ pattern: '^(0|[1-9][0-9]{0,2})(\\.[0-9]{1,6})?$', description: 'multiplier as a decimal string, such as "1.5"' });
/** Account ids as modules know them: system accounts (`@treasury.community`) included. */
export const AnyAccountIdSchema = Type.String({ pattern: '^[A-Za-z0-9@][A-Za-z0-9._:@-]{0,127}$' });

export const EarlyExitSchema = Type.Union([
  Type.Object({ kind: Type.Literal('rejected') }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('penalty'), penaltyPercent: PercentSchema }, { additionalProperties: false }),
]);

export const CommitteeSchema = Type.Object(
  { id: IdSchema, minimum: AmountSchema, requiresIdentity: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);

export const ConfigureStakingSchema = Type.Object(
  {
    asset: IdSchema,
    rewardsFrom: AnyAccountIdSchema,
    earlyExit: EarlyExitSchema,
    voteRequiresStake: Type.Optional(Type.Boolean()),
    committees: Type.Optional(Type.Array(CommitteeSchema, { maxItems: committeesMax })),
  },
  { additionalProperties: false },
);

export const TierBenefitsSchema = Type.Object(
  {
    votingMultiplier: Type.Optional(MultiplierSchema),
    feeDiscountPercent: Type.Optional(PercentSchema),
    computePriority: Type.Optional(Type.Boolean()),
    specialAccess: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const CreateTierSchema = Type.Object(
  {
    id: IdSchema,
    durationSeconds: Type.Integer({ minimum: 1, maximum: tierDurationSecondsMax }),
    apyPercent: PercentSchema,
    minimum: AmountSchema,
    rewardBurnPercent: Type.Optional(PercentSchema),
    benefits: Type.Optional(TierBenefitsSchema),
  },
  { additionalProperties: false },
);

export const StakeSchema = Type.Object({ id: IdSchema, tier: IdSchema, from: AnyAccountIdSchema, amount: AmountSchema }, { additionalProperties: false });

export const ClaimSchema = Type.Object({ stake: IdSchema }, { additionalProperties: false });

export const UnstakeSchema = Type.Object({ stake: IdSchema }, { additionalProperties: false });
