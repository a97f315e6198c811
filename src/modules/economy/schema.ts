import { Type } from '@sinclair/typebox';
import { AmountSchema, IdSchema } from '../../ledger/schema.ts';
import { allocationLabelLengthMax, allocationsMax, economyNameLengthMax } from './limits.ts';

export const ConfigureEconomySchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: economyNameLengthMax })),
    governanceToken: IdSchema,
    genesisMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 8_640_000_000_000_000 })),
  },
  { additionalProperties: false },
);

export const AllocationItemSchema = Type.Object(
  {
    name: IdSchema,
    label: Type.String({ minLength: 1, maxLength: allocationLabelLengthMax }),
    amount: AmountSchema,
    kind: Type.Union([Type.Literal('vesting'), Type.Literal('pool'), Type.Literal('fund')]),
    target: IdSchema,
  },
  { additionalProperties: false },
);

export const RecordAllocationsSchema = Type.Object(
  { allocations: Type.Array(AllocationItemSchema, { minItems: 1, maxItems: allocationsMax }) },
  { additionalProperties: false },
);
