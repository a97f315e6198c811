import { type Static, Type } from '@sinclair/typebox';
import { AmountSchema, IdSchema } from '../../ledger/schema.ts';
import {
  categoryLengthMax,
  committeeIdLengthMax,
  minVotingSecondsMax,
  outflowPeriodSecondsMax,
  percentLengthMax,
  proposerCategoriesMax,
  ruleLabelLengthMax,
  rulesMax,
} from './limits.ts';

const closed = { additionalProperties: false } as const;

/** Percentages as decimal strings ("8", "66.6667"); above 100 is rejected in apply. */
export const PercentSchema = Type.String({
  pattern: '^(0|[1-9][0-9]{0,2})(\\.[0-9]{1,4})?$',
  maxLength: percentLengthMax,
  description: 'percent as a decimal string, such as "8" or "66.6667"',
});

/** The treasury's fund id shape; whether the fund exists is checked in apply. */
const FundIdSchema = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$', maxLength: 64 });
const CategorySchema = Type.String({ pattern: `^[A-Za-z0-9][A-Za-z0-9._:-]{0,${categoryLengthMax - 1}}$`, maxLength: categoryLengthMax });
const CommitteeIdSchema = Type.String({ pattern: `^[A-Za-z0-9][A-Za-z0-9._:-]{0,${committeeIdLengthMax - 1}}$`, maxLength: committeeIdLengthMax });

/** Every rule has an id (unique in the constitution) and a label that violation messages quote. */
const ruleHead = {
  id: IdSchema,
  label: Type.String({ minLength: 1, maxLength: ruleLabelLengthMax }),
};

export const MaxSpendRuleSchema = Type.Object(
  {
    kind: Type.Literal('max_spend'),
    ...ruleHead,
    fund: FundIdSchema,
    maxPercentOfFund: Type.Optional(PercentSchema),
    maxAmount: Type.Optional(AmountSchema),
    supermajorityPercent: PercentSchema,
  },
  closed,
);

export const RollingOutflowRuleSchema = Type.Object(
  {
    kind: Type.Literal('rolling_outflow'),
    ...ruleHead,
    fund: FundIdSchema,
    amount: AmountSchema,
    periodSeconds: Type.Integer({ minimum: 1, maximum: outflowPeriodSecondsMax }),
  },
  closed,
);

export const IncomeReserveRuleSchema = Type.Object({ kind: Type.Literal('income_reserve'), ...ruleHead, fund: FundIdSchema, percent: PercentSchema }, closed);

export const ProposerRuleSchema = Type.Object(
  {
    kind: Type.Literal('proposer'),
    ...ruleHead,
    requiresIdentity: Type.Optional(Type.Boolean()),
    minStake: Type.Optional(AmountSchema),
    categories: Type.Optional(Type.Array(CategorySchema, { minItems: 1, maxItems: proposerCategoriesMax })),
  },
  closed,
);

export const CommitteeEligibilityRuleSchema = Type.Object(
  { kind: Type.Literal('committee_eligibility'), ...ruleHead, committee: CommitteeIdSchema, requiresIdentity: Type.Boolean(), minStake: AmountSchema },
  closed,
);

export const ConflictOfInterestRuleSchema = Type.Object(
  { kind: Type.Literal('conflict_of_interest'), ...ruleHead, supermajorityPercent: PercentSchema },
  closed,
);

export const ConstitutionChangeRuleSchema = Type.Object(
  {
    kind: Type.Literal('constitution_change'),
    ...ruleHead,
    supermajorityPercent: PercentSchema,
    minVotingSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: minVotingSecondsMax })),
  },
  closed,
);

/** One rule as clients write it: amounts and percents as decimal strings. */
export const RuleInputSchema = Type.Union([
  MaxSpendRuleSchema,
  RollingOutflowRuleSchema,
  IncomeReserveRuleSchema,
  ProposerRuleSchema,
  CommitteeEligibilityRuleSchema,
  ConflictOfInterestRuleSchema,
  ConstitutionChangeRuleSchema,
]);
export type RuleInput = Static<typeof RuleInputSchema>;

export const SetRulesSchema = Type.Object({ rules: Type.Array(RuleInputSchema, { maxItems: rulesMax }) }, closed);
