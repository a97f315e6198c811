import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { CreateTokenSchema } from '../access/commands.ts';
import { AmountSchema, IdSchema } from '../ledger/schema.ts';
import { logPageRecordsDefault, logPageRecordsMax } from './limits.ts';
import { ProblemSchema, problemContentType } from './problem.ts';

/**
 * Schemas of what the API answers, and of request parts that are not command payloads.
 * Command bodies reuse the ledger's and access' command schemas as they are.
 */
const Amount = Type.String({ description: 'decimal string in token units, such as "12.5"' });
const Seq = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'log sequence number' });
const TimeMs = Type.Integer({ description: 'milliseconds since 1970 (UTC)' });

export const IdParams = Type.Object({ id: IdSchema });

/** Account paths also name the system accounts, `@issuance.<asset>` and `@burn.<asset>`, which clients read but never create. */
export const AccountParams = Type.Object({
  id: Type.String({ pattern: '^(@(issuance|burn)\\.)?[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$', description: 'account id' }),
});

export const ItemResultSchema = Type.Object({
  id: Type.String(),
  status: Type.String({ description: 'created, exists, or a rejection code' }),
  message: Type.Optional(Type.String()),
});

export const BatchResultSchema = Type.Object({ results: Type.Array(ItemResultSchema) });

export const AssetSchema = Type.Object({
  id: Type.String(),
  kind: Type.String({ description: 'fungible or non_fungible' }),
  symbol: Type.String(),
  decimals: Type.Integer(),
  supply: Type.String({ description: 'supply policy: fixed or mintable' }),
  maxSupply: Type.Optional(Amount),
  transferable: Type.Boolean(),
  owner: Type.String(),
  minted: Amount,
  burned: Amount,
  circulating: Type.String({ description: 'minted less burned, in token units' }),
  createdSeq: Seq,
  status: Type.Optional(Type.String({ description: 'on create: created, or exists for a repeat' })),
});

const AsOfSchema = Type.Object({
  seq: Type.Optional(Seq),
  timeMs: Type.Optional(TimeMs),
  checkpointSeq: Type.Union([Seq, Type.Null()], { description: 'the log record whose balance this is; null: none yet' }),
  checkpointTimeMs: Type.Union([TimeMs, Type.Null()]),
});

export const AccountSchema = Type.Object({
  id: Type.String(),
  asset: Type.String(),
  owner: Type.String(),
  balance: Amount,
  available: Type.Optional(Type.String({ description: 'balance less pending debits (current reads only)' })),
  pending: Type.Optional(Type.Object({ debits: Amount, credits: Amount })),
  closed: Type.Boolean(),
  allowOverdraft: Type.Boolean(),
  overdraftLimit: Type.Optional(Amount),
  maxBalance: Type.Optional(Amount),
  system: Type.Optional(Type.String({ description: 'issuance or burn, for the system accounts' })),
  createdSeq: Seq,
  updatedSeq: Seq,
  asOf: Type.Optional(AsOfSchema),
});

export const AccountQuery = Type.Object({
  at: Type.Optional(Type.String({ maxLength: 40, description: 'a past time: ISO 8601 or milliseconds since 1970' })),
  seq: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'a past log sequence number' })),
});

export const TransferSchema = Type.Object({
  id: Type.String(),
  kind: Type.String({ description: 'transfer, mint or burn' }),
  from: Type.String(),
  to: Type.String(),
  amount: Amount,
  asset: Type.String(),
  status: Type.String({ description: 'posted, pending, voided or expired' }),
  seq: Seq,
  pending: Type.Boolean(),
  timeMs: TimeMs,
  tokenId: Type.Optional(Type.String()),
  memo: Type.Optional(Type.String()),
  timeoutSeconds: Type.Optional(Type.Integer()),
  expiresAtMs: Type.Optional(TimeMs),
  posted: Type.Optional(Type.String({ description: 'for a posted pending transfer: the amount posted' })),
  resolvedSeq: Type.Optional(Seq),
});

export const ResolveBodySchema = Type.Object(
  { amount: Type.Optional(AmountSchema) },
  { additionalProperties: false, description: 'post only: how much of the reservation to move; default all' },
);

export const VoidBodySchema = Type.Object({}, { additionalProperties: false, description: 'a void takes no fields' });

/** Token ids travel inside bearer strings (`pol_<id>.<secret>`), which allow fewer characters than other ids. */
const TokenIdSchema = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$' });
const { id: _id, secretHash: _secretHash, scopes, ...tokenFields } = CreateTokenSchema.properties;

export const CreateTokenBody = Type.Object(
  { id: Type.Optional(TokenIdSchema), ...tokenFields, scopes: Type.Optional(scopes) },
  { additionalProperties: false, description: 'scopes default to ["*"]: the actor\'s grants still bound what the token may do' },
);

export const CreatedTokenSchema = Type.Object({
  id: Type.String(),
  actorId: Type.String(),
  scopes: Type.Array(Type.String()),
  token: Type.String({ description: 'the bearer secret: shown once, only its hash is stored' }),
  status: Type.String(),
});

export const GrantResultSchema = Type.Object({ actorId: Type.String(), action: Type.String(), resource: Type.String(), status: Type.String() });

export const LogQuery = Type.Object({
  after: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, default: 0, description: 'return records with seq above this' }),
  limit: Type.Integer({ minimum: 1, maximum: logPageRecordsMax, default: logPageRecordsDefault }),
});

const LogRecordSchema = Type.Object({
  seq: Seq,
  timeMs: TimeMs,
  daoId: Type.String(),
  actorId: Type.String(),
  tokenId: Type.Optional(Type.String()),
  command: Type.Object({ type: Type.String(), payload: Type.Unknown(), signature: Type.Optional(Type.String()) }),
  events: Type.Array(Type.Object({ type: Type.String() }, { additionalProperties: true }), {
    description: 'as hashed: amounts in events are integer strings of base units',
  }),
  withheld: Type.Optional(
    Type.Literal('secret_ballot', {
      description: 'a ballot of a secret vote still open: only who and when are shown (no choice, no signature, no events) until voting closes',
    }),
  ),
  prevHash: Type.String(),
  hash: Type.String(),
});

export const LogPageSchema = Type.Object({ records: Type.Array(LogRecordSchema), next: Type.Union([Seq, Type.Null()]) });

export const HealthSchema = Type.Object({ status: Type.Literal('ok'), seq: Seq, daoId: Type.String() });

export type AssetView = Static<typeof AssetSchema>;
export type AccountView = Static<typeof AccountSchema>;
export type TransferView = Static<typeof TransferSchema>;
export type LogPage = Static<typeof LogPageSchema>;

const problemResponse = { description: 'a problem (RFC 9457)', content: { [problemContentType]: { schema: ProblemSchema } } };

/** Response schemas of a route: its answers by status, plus the problem+json it may send instead. */
export function responses(answers: Record<number, TSchema>): Record<string, unknown> {
  return { ...answers, '4xx': problemResponse, '5xx': problemResponse };
}
