import { Type } from '@sinclair/typebox';
import { IdSchema } from '../../ledger/schema.ts';
import { delegatesMax } from './limits.ts';

/** A percentage as a decimal string, "60" or "33.3333"; zero and anything above 100 are rejected in apply. */
export const PercentSchema = Type.String({ pattern: '^(0|[1-9][0-9]{0,2})(\\.[0-9]{1,4})?$', description: 'percent as a decimal string, such as "60"' });

export const TrackSchema = Type.Object({ asset: IdSchema }, { additionalProperties: false });

export const DelegationItemSchema = Type.Object({ delegate: IdSchema, percent: PercentSchema }, { additionalProperties: false });

export const DelegateSchema = Type.Object(
  {
    delegations: Type.Array(DelegationItemSchema, { minItems: 1, maxItems: delegatesMax }),
    /** A governance category: this delegation then applies to its proposals instead of the general one. */
    category: Type.Optional(IdSchema),
  },
  { additionalProperties: false },
);

export const UndelegateSchema = Type.Object({ category: Type.Optional(IdSchema) }, { additionalProperties: false });
