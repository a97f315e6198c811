import { Type } from '@sinclair/typebox';
import { accountsPerBatchMax, expiriesPerCommandMax, memoLengthMax, pendingTimeoutSecondsMax, symbolLengthMax, transfersPerBatchMax } from './limits.ts';

export const IdSchema = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$', description: 'client-chosen id' });
/** Ids a client may give an account: `@` opens the names of system accounts. */
export const AccountIdSchema = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$' });
/**
 * Transfer ids a client may choose: no colon. Domain modules name their own movements with
 * a colon (`stake:s1:r42`, `treasury:spend:x`), so a client can never take such an id first
 * and block a stake, a claim or a spend.
 */
export const ClientTransferIdSchema = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$', description: 'client-chosen transfer id (no colon)' });
export const AmountSchema = Type.String({
  pattern: '^(0|[1-9][0-9]*)(\\.[0-9]+)?$',
  maxLength: 80,
  description: 'decimal string in token units, such as "12.5"',
});

export const CreateAssetSchema = Type.Object(
  {
    id: IdSchema,
    kind: Type.Union([Type.Literal('fungible'), Type.Literal('non_fungible')]),
    symbol: Type.String({ pattern: '^[A-Za-z0-9]+$', maxLength: symbolLengthMax }),
    decimals: Type.Optional(Type.Integer({ minimum: 0, maximum: 18 })),
    maxSupply: Type.Optional(AmountSchema),
    supply: Type.Optional(Type.Union([Type.Literal('fixed'), Type.Literal('mintable')])),
    transferable: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const AccountItemSchema = Type.Object(
  {
    id: AccountIdSchema,
    asset: IdSchema,
    owner: Type.Optional(IdSchema),
    allowOverdraft: Type.Optional(Type.Boolean()),
    overdraftLimit: Type.Optional(AmountSchema),
    maxBalance: Type.Optional(AmountSchema),
  },
  { additionalProperties: false },
);

export const CreateAccountsSchema = Type.Object(
  { accounts: Type.Array(AccountItemSchema, { minItems: 1, maxItems: accountsPerBatchMax }) },
  { additionalProperties: false },
);

export const CloseAccountSchema = Type.Object({ id: AccountIdSchema }, { additionalProperties: false });

/**
 * In a batch, an amount that is a string but not a valid decimal fails its own item
 * (`amount_invalid`) instead of the whole request; a JSON number still fails validation.
 */
const ItemAmountSchema = Type.String({ maxLength: 80, description: 'decimal string in token units, such as "12.5"' });

export const TransferItemSchema = Type.Object(
  {
    id: ClientTransferIdSchema,
    from: AccountIdSchema,
    to: AccountIdSchema,
    amount: Type.Optional(ItemAmountSchema),
    tokenId: Type.Optional(IdSchema),
    pending: Type.Optional(Type.Boolean()),
    timeoutSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: pendingTimeoutSecondsMax })),
    linked: Type.Optional(Type.Boolean({ description: 'succeeds or fails together with the next transfer' })),
    memo: Type.Optional(Type.String({ maxLength: memoLengthMax })),
  },
  { additionalProperties: false },
);

export const CreateTransfersSchema = Type.Object(
  { transfers: Type.Array(TransferItemSchema, { minItems: 1, maxItems: transfersPerBatchMax }) },
  { additionalProperties: false },
);

export const MintSchema = Type.Object(
  {
    id: ClientTransferIdSchema,
    asset: IdSchema,
    to: AccountIdSchema,
    amount: Type.Optional(AmountSchema),
    tokenId: Type.Optional(IdSchema),
    memo: Type.Optional(Type.String({ maxLength: memoLengthMax })),
  },
  { additionalProperties: false },
);

export const BurnSchema = Type.Object(
  {
    id: ClientTransferIdSchema,
    from: AccountIdSchema,
    amount: Type.Optional(AmountSchema),
    tokenId: Type.Optional(IdSchema),
    memo: Type.Optional(Type.String({ maxLength: memoLengthMax })),
  },
  { additionalProperties: false },
);

export const ResolvePendingSchema = Type.Object(
  {
    pendingId: IdSchema,
    /** Post only: how much of the reservation to move; the rest is released. Default: all. */
    amount: Type.Optional(AmountSchema),
  },
  { additionalProperties: false },
);

export const ExpirePendingSchema = Type.Object(
  { pendingIds: Type.Array(IdSchema, { minItems: 1, maxItems: expiriesPerCommandMax }) },
  { additionalProperties: false },
);
