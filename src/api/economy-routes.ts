import { type Static, type TSchema, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Engine } from '../engine/engine.ts';
import type { EngineState } from '../engine/state.ts';
import { PolityError } from '../kernel/errors.ts';
import { burnedByReason } from '../modules/burns/index.ts';
import { governanceDecimals } from '../modules/economy/index.ts';
import { emissionPools, scheduledEmissionUnits } from '../modules/emission/index.ts';
import { identityHolders, identityOf } from '../modules/identity/index.ts';
import { claimableUnits } from '../modules/revenue/index.ts';
import { accruedRewardUnits, activeStakes, stakingBenefits } from '../modules/staking/index.ts';
import { spentInWindowUnits, treasuryFunds } from '../modules/treasury/index.ts';
import { releasableUnits, vestedUnitsOfGrant, vestingGrants } from '../modules/vesting/index.ts';
import { supplyAt } from '../reports/supply-at.ts';
import { economyView } from './economy-views.ts';
import { IdParams, responses } from './schemas.ts';
import { bearerSecurity } from './submit.ts';

const Amount = Type.String({ description: 'decimal string in token units' });

export const SupplyReportSchema = Type.Object(
  {
    at: Type.String({ description: 'the report time, ISO 8601' }),
    atMs: Type.Integer(),
    asset: Type.String(),
    symbol: Type.String(),
    maxSupply: Type.Union([Amount, Type.Null()]),
    total: Amount,
    minted: Amount,
    burned: Amount,
    circulating: Amount,
    vesting: Amount,
    staked: Amount,
    treasury: Amount,
    pools: Amount,
    escrow: Amount,
    allocations: Type.Array(
      Type.Object({
        name: Type.String(),
        label: Type.String(),
        kind: Type.String(),
        total: Amount,
        released: Amount,
        locked: Amount,
      }),
    ),
  },
  { description: 'circulating + vesting + staked + treasury + pools + escrow = total = minted - burned, exactly' },
);

const SupplyQuery = Type.Object(
  {
    at: Type.Optional(Type.String({ maxLength: 64, description: 'ISO time, offset from genesis such as +12mo, or now (default)' })),
    asset: Type.Optional(Type.String({ maxLength: 128, description: 'default: the governance token' })),
  },
  { additionalProperties: false },
);

/** Module state as the economy views shape it: field sets differ per module, amounts are strings. */
const Loose = Type.Object({}, { additionalProperties: true });
const List = Type.Object({ items: Type.Array(Loose) }, { additionalProperties: false });
const OwnerQuery = Type.Object({ owner: Type.Optional(Type.String({ maxLength: 128 })) }, { additionalProperties: false });
const ClaimableParams = Type.Object({ policy: Type.String({ maxLength: 128 }), actor: Type.String({ maxLength: 128 }) }, { additionalProperties: false });

/** A read route over the live state: tag, id, summary, and what it answers. */
function readRoute<Q = unknown, P = unknown>(
  app: FastifyInstance,
  route: { url: string; operationId: string; summary: string; params?: TSchema; querystring?: TSchema; response?: TSchema },
  answer: (state: EngineState, request: { query: Q; params: P }, nowMs: number) => unknown,
  engine: Engine,
): void {
  app.get(
    route.url,
    {
      schema: {
        tags: ['economy'],
        operationId: route.operationId,
        summary: route.summary,
        security: bearerSecurity,
        ...(route.params ? { params: route.params } : {}),
        ...(route.querystring ? { querystring: route.querystring } : {}),
        response: responses({ 200: route.response ?? List }),
      },
    },
    async (request) => answer(engine.state, request as unknown as { query: Q; params: P }, engine.nowMs()),
  );
}

/** Reports over the token economy: supply, allocations, vesting, pools, staking, treasury, identity, burns. */
export function economyRoutes(app: FastifyInstance, engine: Engine): void {
  economyReadRoutes(app, engine);
  app.get<{ Querystring: Static<typeof SupplyQuery> }>(
    '/supply',
    {
      schema: {
        tags: ['economy'],
        operationId: 'getSupply',
        summary: 'Supply of the governance token at a time: total, minted, burned, and where every unit is; per allocation released and locked',
        security: bearerSecurity,
        querystring: SupplyQuery,
        response: responses({ 200: SupplyReportSchema }),
      },
    },
    async (request) =>
      supplyAt({
        store: engine.store,
        current: { state: engine.state, timeMs: engine.headTimeMs },
        at: request.query.at,
        asset: request.query.asset,
        nowMs: engine.nowMs(),
      }),
  );
}

const view = (state: EngineState, value: unknown) => economyView(value, governanceDecimals(state));

function economyReadRoutes(app: FastifyInstance, engine: Engine): void {
  scheduleRoutes(app, engine);
  holderRoutes(app, engine);
}

/** What the genesis set in motion: allocations, vesting grants, emission pools. */
function scheduleRoutes(app: FastifyInstance, engine: Engine): void {
  readRoute(
    app,
    { url: '/economy', operationId: 'getEconomy', summary: 'The governance token, genesis time and allocation table', response: Loose },
    (state) =>
      view(state, {
        ...state.modules.economy,
        genesis: state.modules.economy.genesisMs === undefined ? null : new Date(state.modules.economy.genesisMs).toISOString(),
      }),
    engine,
  );
  readRoute(
    app,
    { url: '/vesting', operationId: 'listVesting', summary: 'Vesting grants with what has vested and what is claimable now' },
    (state, _request, nowMs) => ({
      items: vestingGrants(state.modules.vesting).map((grant) =>
        view(state, { ...grant, vestedUnits: vestedUnitsOfGrant(grant, nowMs), releasableUnits: releasableUnits(grant, nowMs) }),
      ),
    }),
    engine,
  );
  readRoute(
    app,
    { url: '/pools', operationId: 'listPools', summary: 'Emission pools: total, scheduled by now, emitted, distributed' },
    (state, _request, nowMs) => ({
      items: emissionPools(state.modules.emission).map((pool) => view(state, { ...pool, scheduledUnits: scheduledEmissionUnits(pool, nowMs) })),
    }),
    engine,
  );
}

/** What holders have and may do: staking, funds, identity, burns, revenue owed. */
function holderRoutes(app: FastifyInstance, engine: Engine): void {
  readRoute(
    app,
    { url: '/staking', operationId: 'getStaking', summary: 'Staking settings and tiers', response: Loose },
    (state) => view(state, { config: state.modules.staking.config ?? null, tiers: [...state.modules.staking.tiers.values()] }),
    engine,
  );
  readRoute<{ owner?: string }>(
    app,
    { url: '/stakes', operationId: 'listStakes', summary: 'Active stakes (of one owner with ?owner=) with rewards accrued so far', querystring: OwnerQuery },
    (state, request, nowMs) => ({
      items: activeStakes(state.modules.staking, request.query.owner).map((stake) => view(state, { ...stake, accruedUnits: accruedRewardUnits(stake, nowMs) })),
    }),
    engine,
  );
  readRoute<unknown, { id: string }>(
    app,
    {
      url: '/staking/benefits/:id',
      operationId: 'getStakingBenefits',
      summary: 'What an actor\u2019s stakes give: voting multiplier, fee discount, priority',
      params: IdParams,
      response: Loose,
    },
    (state, request, nowMs) => view(state, stakingBenefits(state.modules.staking, request.params.id, nowMs)),
    engine,
  );
  readRoute(
    app,
    { url: '/treasury/funds', operationId: 'listFunds', summary: 'Treasury funds with balance and spending in the current window' },
    (state, _request, nowMs) => ({
      items: treasuryFunds(state.modules.treasury).map((fund) => {
        const account = state.ledger.accounts.get(fund.accountId);
        const balanceUnits = account ? account.creditsPostedUnits - account.debitsPostedUnits : 0n;
        return view(state, { ...fund, balanceUnits, spentInWindowUnits: spentInWindowUnits(fund, nowMs) });
      }),
    }),
    engine,
  );
  readRoute(
    app,
    { url: '/identity/holders', operationId: 'listIdentityHolders', summary: 'Who holds a live identity token, and since when' },
    (state) => ({
      items: identityHolders(state.modules.identity).map((holder) => ({ ...holder, since: new Date(holder.sinceMs).toISOString() })),
    }),
    engine,
  );
  readRoute<unknown, { id: string }>(
    app,
    { url: '/identity/:id', operationId: 'getIdentity', summary: 'The identity token an actor holds, and since when', params: IdParams, response: Loose },
    (state, request) => {
      const identity = identityOf(state.modules.identity, request.params.id);
      if (!identity) throw new PolityError('identity_not_found', `${request.params.id} holds no identity token`);
      return { actorId: request.params.id, ...identity, since: new Date(identity.sinceMs).toISOString() };
    },
    engine,
  );
  readRoute(
    app,
    { url: '/burns', operationId: 'getBurns', summary: 'Fee classes, milestone burns and what has been burned, by reason', response: Loose },
    (state) => view(state, { ...state.modules.burns, burned: burnedByReason(state.modules.burns) }),
    engine,
  );
  readRoute<unknown, { policy: string; actor: string }>(
    app,
    {
      url: '/revenue/:policy/claimable/:actor',
      operationId: 'getClaimableRevenue',
      summary: 'What a revenue-sharing policy owes an actor now',
      params: ClaimableParams,
      response: Loose,
    },
    (state, request, nowMs) =>
      view(state, {
        policy: request.params.policy,
        actorId: request.params.actor,
        claimableUnits: claimableUnits(state.modules.revenue, request.params.policy, request.params.actor, nowMs),
      }),
    engine,
  );
}
