import { Type } from '@sinclair/typebox';
import { AmountSchema, IdSchema } from '../../ledger/schema.ts';
import { VestingScheduleSchema } from '../vesting/index.ts';
import {
  contributionsMax,
  distributionIdLengthMax,
  factorNameLengthMax,
  factorsMax,
  factorWeightMax,
  poolIdLengthMax,
  scoreDigitsMax,
  startMsMax,
} from './limits.ts';

/**
 * A pool id has no `.` (`@pool.a.rewards` must not be both pool a's rewards account and pool
 * "a.rewards"'s own account), no `@` and no `:` (transfer ids are `emission:<id>:...`).
 */
export const PoolIdSchema = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_-]*$', maxLength: poolIdLengthMax });
/** A distribution id has no `:`, so `emission:<id>:<index>` can never meet another transfer id. */
export const DistributionIdSchema = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', maxLength: distributionIdLengthMax });
/** Any existing account, system accounts (`@treasury.x`) included. */
export const AccountRefSchema = Type.String({ pattern: '^@?[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$' });

const factorNamePattern = `^[a-z][a-z0-9_]{0,${factorNameLengthMax - 1}}$`;
const FactorNameSchema = Type.String({ pattern: factorNamePattern });

export const FactorsSchema = Type.Record(FactorNameSchema, Type.Integer({ minimum: 0, maximum: factorWeightMax }), {
  minProperties: 1,
  maxProperties: factorsMax,
  additionalProperties: false,
  description: 'factor name -> integer weight; at least one weight above zero',
});

export const CreatePoolSchema = Type.Object(
  {
    id: PoolIdSchema,
    asset: IdSchema,
    amount: AmountSchema,
    schedule: VestingScheduleSchema,
    factors: FactorsSchema,
    startMs: Type.Optional(Type.Integer({ minimum: 0, maximum: startMsMax })),
    source: Type.Optional(Type.Union([Type.Literal('mint'), AccountRefSchema], { description: '"mint" (the default) or the account to transfer from' })),
  },
  { additionalProperties: false },
);

export const EmitSchema = Type.Object({ pool: PoolIdSchema }, { additionalProperties: false });

const ScoreSchema = Type.String({ pattern: '^(0|[1-9][0-9]*)$', maxLength: scoreDigitsMax, description: 'non-negative integer score' });

export const ContributionSchema = Type.Object(
  {
    account: AccountRefSchema,
    scores: Type.Record(FactorNameSchema, ScoreSchema, { maxProperties: factorsMax, additionalProperties: false }),
  },
  { additionalProperties: false },
);

export const DistributeSchema = Type.Object(
  {
    id: DistributionIdSchema,
    pool: PoolIdSchema,
    amount: Type.Optional(AmountSchema),
    contributions: Type.Array(ContributionSchema, { minItems: 1, maxItems: contributionsMax }),
  },
  { additionalProperties: false },
);
