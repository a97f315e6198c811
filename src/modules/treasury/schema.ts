import { Type } from '@sinclair/typebox';
import { AccountIdSchema, AmountSchema, IdSchema } from '../../ledger/schema.ts';
import {
  fundIdLengthMax,
  fundLabelLengthMax,
  incomeClassesMax,
  incomeClassLengthMax,
  incomeSharesMax,
  percentLengthMax,
  spendingPeriodSecondsMax,
  spendMemoLengthMax,
} from './limits.ts';

const closed = { additionalProperties: false } as const;

/** A fund id also names its account `@treasury.<id>`, so it has no `@` of its own. */
export const FundIdSchema = Type.String({ pattern: `^[A-Za-z0-9][A-Za-z0-9._:-]{0,${fundIdLengthMax - 1}}$`, maxLength: fundIdLengthMax });

const anyAccountIdPattern = '^@?[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$';
/** Any account, system accounts (`@treasury.other`) included: the ledger decides who may move what. */
export const AnyAccountIdSchema = Type.String({ pattern: anyAccountIdPattern, maxLength: 129 });

export const incomeClassPattern = `^[a-z][a-z0-9_.:-]{0,${incomeClassLengthMax - 1}}$`;
export const IncomeClassSchema = Type.String({ pattern: incomeClassPattern, maxLength: incomeClassLengthMax });

export const PercentSchema = Type.String({
  pattern: '^(0|[1-9][0-9]{0,2})(\\.[0-9]{1,4})?$',
  maxLength: percentLengthMax,
  description: 'percent as a decimal string, such as "8" or "2.5"',
});

export const CreateFundSchema = Type.Object(
  {
    id: FundIdSchema,
    asset: IdSchema,
    label: Type.Optional(Type.String({ minLength: 1, maxLength: fundLabelLengthMax })),
    spendingLimit: Type.Optional(Type.Object({ amount: AmountSchema, periodSeconds: Type.Integer({ minimum: 1, maximum: spendingPeriodSecondsMax }) }, closed)),
    initial: Type.Optional(
      Type.Object(
        {
          amount: AmountSchema,
          source: Type.Optional(
            Type.String({
              pattern: anyAccountIdPattern,
              maxLength: 129,
              description: "'mint' (the default: minted from the asset's issuance) or the account that pays",
            }),
          ),
        },
        closed,
      ),
    ),
  },
  closed,
);

const ShareSchema = Type.Object({ fund: FundIdSchema, percent: PercentSchema }, closed);
const SharesSchema = Type.Array(ShareSchema, { maxItems: incomeSharesMax });

export const SetIncomeRulesSchema = Type.Object(
  {
    asset: IdSchema,
    reserve: SharesSchema,
    classes: Type.Record(IncomeClassSchema, Type.Array(ShareSchema, { minItems: 1, maxItems: incomeSharesMax }), {
      maxProperties: incomeClassesMax,
      additionalProperties: false,
    }),
    default: Type.Array(ShareSchema, { minItems: 1, maxItems: incomeSharesMax }),
  },
  closed,
);

export const DepositSchema = Type.Object({ id: IdSchema, from: AccountIdSchema, amount: AmountSchema, class: IncomeClassSchema }, closed);

export const SpendSchema = Type.Object(
  { id: IdSchema, fund: FundIdSchema, to: AnyAccountIdSchema, amount: AmountSchema, memo: Type.Optional(Type.String({ maxLength: spendMemoLengthMax })) },
  closed,
);

export const TreasuryBurnSchema = Type.Object({ id: IdSchema, fund: FundIdSchema, amount: AmountSchema }, closed);
