import { Type } from '@sinclair/typebox';
import { AmountSchema, IdSchema } from '../../ledger/schema.ts';
import { fundsPerSetMax, signersMax, transactionMemoLengthMax, transactionTtlSecondsMax } from './limits.ts';

const closed = { additionalProperties: false } as const;

/**
 * Set and transaction ids: client-chosen, without a colon, so that `@multisig:<id>` (the
 * spend id of an executed transaction) can never be any client's spend id.
 */
export const MultisigIdSchema = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$', maxLength: 128 });

/** Treasury fund ids (the treasury's own pattern: they name accounts `@treasury.<id>`). */
const FundIdSchema = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$', maxLength: 64 });

/** Any account, system accounts (`@treasury.other`) included: the ledger decides at execution. */
const AnyAccountIdSchema = Type.String({ pattern: '^@?[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$', maxLength: 129 });

export const SetSignersSchema = Type.Object(
  {
    id: MultisigIdSchema,
    signers: Type.Array(IdSchema, { minItems: 1, maxItems: signersMax, uniqueItems: true }),
    threshold: Type.Integer({ minimum: 1, maximum: signersMax }),
    funds: Type.Array(FundIdSchema, { minItems: 1, maxItems: fundsPerSetMax, uniqueItems: true }),
    maxAmount: AmountSchema,
    ttlSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: transactionTtlSecondsMax })),
  },
  closed,
);

export const ProposeSchema = Type.Object(
  {
    id: MultisigIdSchema,
    set: MultisigIdSchema,
    fund: FundIdSchema,
    to: AnyAccountIdSchema,
    amount: AmountSchema,
    memo: Type.Optional(Type.String({ maxLength: transactionMemoLengthMax })),
  },
  closed,
);

export const TransactionRefSchema = Type.Object({ id: MultisigIdSchema }, closed);
