import { type Static, Type } from '@sinclair/typebox';
import type { EngineState } from '../engine/state.ts';
import { accepted, type CommandContext, type CommandDefinition, type Outcome, type Rejected, rejected } from '../engine/types.ts';
import { parseAmount } from '../kernel/amount.ts';
import { canonicalJson } from '../kernel/canonical-json.ts';
import { isPolityError } from '../kernel/errors.ts';
import { AmountSchema, IdSchema } from '../ledger/schema.ts';
import type { AccessEvent, TokenCreated } from './events.ts';
import { anyResource, can, grantKey } from './state.ts';

/** Every access change needs this grant; `polity init` gives it to the bootstrap admin. */
export const accessAdminAction = 'access.admin';

const ActorKindSchema = Type.Union([Type.Literal('member'), Type.Literal('agent')]);
const PublicKeySchema = Type.String({ pattern: '^[A-Za-z0-9_-]{43}$', description: 'Ed25519 public key, base64url of 32 bytes' });
const ScopeSchema = Type.String({ pattern: '^(\\*|read|[a-z]+)$', maxLength: 32 });

export const CreateActorSchema = Type.Object(
  {
    id: IdSchema,
    kind: ActorKindSchema,
    name: Type.Optional(Type.String({ maxLength: 128 })),
    publicKey: Type.Optional(PublicKeySchema),
  },
  { additionalProperties: false },
);

/** Token ids travel inside bearer strings (`pol_<id>.<secret>`): no dots, at most 64 characters. */
export const TokenIdSchema = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$' });

export const CreateTokenSchema = Type.Object(
  {
    id: TokenIdSchema,
    actorId: IdSchema,
    secretHash: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    scopes: Type.Array(ScopeSchema, { minItems: 1, maxItems: 16 }),
    spendingCap: Type.Optional(
      Type.Object(
        {
          asset: IdSchema,
          amount: AmountSchema,
          periodSeconds: Type.Integer({ minimum: 1, maximum: 31_557_600 }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const RevokeTokenSchema = Type.Object({ id: IdSchema }, { additionalProperties: false });

export const GrantSchema = Type.Object(
  {
    actorId: IdSchema,
    action: Type.String({ pattern: '^(\\*|[a-z_]+(\\.[a-z_]+)*)$', maxLength: 64 }),
    resource: Type.String({ pattern: '^(\\*|[a-z_]+:[A-Za-z0-9._:@*-]{1,128})$', maxLength: 140 }),
  },
  { additionalProperties: false },
);

type Access<P> = CommandDefinition<EngineState, P, Record<string, unknown>>;

function requireAdmin(state: EngineState, ctx: CommandContext): Outcome<never> | undefined {
  if (can(state.access, ctx.actorId, accessAdminAction, [anyResource])) return undefined;
  return rejected('not_authorized', `${ctx.actorId} lacks the ${accessAdminAction} grant`);
}

export const createActor: Access<Static<typeof CreateActorSchema>> = {
  type: 'access.create_actor',
  schema: CreateActorSchema,
  apply(state, payload, ctx) {
    const denied = requireAdmin(state, ctx);
    if (denied) return denied;
    const existing = state.access.actors.get(payload.id);
    if (existing) {
      const same = existing.kind === payload.kind && existing.name === payload.name && existing.publicKey === payload.publicKey;
      return same
        ? accepted([], { id: payload.id, status: 'exists' })
        : rejected('exists_with_different_fields', `actor ${payload.id} exists with other fields`);
    }
    const event: AccessEvent = { type: 'actor_created', actor: { ...payload } };
    return accepted([event], { id: payload.id, status: 'created' });
  },
};

export const createToken: Access<Static<typeof CreateTokenSchema>> = {
  type: 'access.create_token',
  schema: CreateTokenSchema,
  apply(state, payload, ctx) {
    const denied = requireAdmin(state, ctx);
    if (denied) return denied;
    if (!state.access.actors.has(payload.actorId)) return rejected('actor_not_found', `no actor ${payload.actorId}`);
    const token = tokenSpec(state, payload);
    if (!('id' in token)) return token;
    const existing = state.access.tokens.get(payload.id);
    if (existing) {
      // Same id and body (the same secret hash included) is a retry; anything else a conflict.
      const { createdSeq: _c, revoked: _r, spendPeriodStartMs: _p, spentUnits: _s, ...recorded } = existing;
      const same = canonicalJson(recorded) === canonicalJson(token);
      return same ? accepted([], { id: payload.id, status: 'exists' }) : rejected('token_exists', `token ${payload.id} exists with other fields`);
    }
    return accepted([{ type: 'token_created', token }], { id: payload.id, status: 'created' });
  },
};

type TokenSpec = TokenCreated['token'];

function tokenSpec(state: EngineState, payload: Static<typeof CreateTokenSchema>): TokenSpec | Rejected {
  const { spendingCap, ...rest } = payload;
  if (!spendingCap) return rest;
  const asset = state.ledger.assets.get(spendingCap.asset);
  if (!asset) return rejected('asset_not_found', `no asset ${spendingCap.asset}`);
  try {
    const amountUnits = parseAmount(spendingCap.amount, { decimals: asset.decimals });
    return { ...rest, spendingCap: { assetId: asset.id, amountUnits, periodSeconds: spendingCap.periodSeconds } };
  } catch (error) {
    if (isPolityError(error)) return rejected(error.code, error.message);
    throw error;
  }
}

export const revokeToken: Access<Static<typeof RevokeTokenSchema>> = {
  type: 'access.revoke_token',
  schema: RevokeTokenSchema,
  apply(state, payload, ctx) {
    const token = state.access.tokens.get(payload.id);
    if (!token) return rejected('token_not_found', `no token ${payload.id}`);
    // An actor may always revoke its own tokens; anyone else needs the admin grant.
    if (token.actorId !== ctx.actorId) {
      const denied = requireAdmin(state, ctx);
      if (denied) return denied;
    }
    if (token.revoked) return accepted([], { id: payload.id, status: 'exists' });
    return accepted([{ type: 'token_revoked', tokenId: payload.id }], { id: payload.id, status: 'revoked' });
  },
};

function changeGrant(kind: 'grant_added' | 'grant_removed'): Access<Static<typeof GrantSchema>>['apply'] {
  return (state, payload, ctx) => {
    const denied = requireAdmin(state, ctx);
    if (denied) return denied;
    if (!state.access.actors.has(payload.actorId)) return rejected('actor_not_found', `no actor ${payload.actorId}`);
    const present = state.access.grants.has(grantKey(payload.actorId, payload.action, payload.resource));
    const status = kind === 'grant_added' ? 'granted' : 'revoked';
    if (present === (kind === 'grant_added')) return accepted([], { ...payload, status: 'exists' });
    return accepted([{ type: kind, ...payload }], { ...payload, status });
  };
}

export const grantPermission: Access<Static<typeof GrantSchema>> = {
  type: 'access.grant',
  schema: GrantSchema,
  apply: changeGrant('grant_added'),
};

export const revokePermission: Access<Static<typeof GrantSchema>> = {
  type: 'access.revoke',
  schema: GrantSchema,
  apply: changeGrant('grant_removed'),
};
