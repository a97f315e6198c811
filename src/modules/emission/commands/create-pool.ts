import type { Static } from '@sinclair/typebox';
import { can, systemActorId } from '../../../access/state.ts';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandContext, type CommandDefinition, type Rejected, rejected } from '../../../engine/types.ts';
import { formatAmount, parseAmount } from '../../../kernel/amount.ts';
import { assert } from '../../../kernel/assert.ts';
import { canonicalJson } from '../../../kernel/canonical-json.ts';
import { isPolityError } from '../../../kernel/errors.ts';
import { LedgerMoves, type MoveRejection } from '../../../ledger/moves.ts';
import type { Asset } from '../../../ledger/state.ts';
import { checkSchedule, copySchedule } from '../../vesting/index.ts';
import type { PoolCreated } from '../events.ts';
import { factorsMax } from '../limits.ts';
import { poolAccountId, poolRewardsAccountId } from '../queries.ts';
import { CreatePoolSchema } from '../schema.ts';
import type { EmissionPool, FactorWeight } from '../state.ts';

export type CreatePoolPayload = Static<typeof CreatePoolSchema>;

export interface CreatePoolResult {
  id: string;
  status: 'created' | 'exists';
  accountId: string;
  rewardsAccountId: string;
  amount: string;
}

/**
 * Opens an emission pool: its account `@pool.<id>` holds the whole amount (minted by default,
 * the ledger enforcing a fixed supply, or moved from a source the caller may spend from), and
 * `@pool.<id>.rewards` receives what the schedule releases, for distributions to pay out.
 */
export const createPool: CommandDefinition<EngineState, CreatePoolPayload, CreatePoolResult> = {
  type: 'emission.create_pool',
  schema: CreatePoolSchema,
  weight: () => 3,
  apply(state, payload, ctx) {
    if (!can(state.access, ctx.actorId, 'economy.admin', [`pool:${payload.id}`]))
      return rejected('not_authorized', `${ctx.actorId} may not create emission pools`);
    const existing = state.modules.emission.pools.get(payload.id);
    if (existing) return repeated(state, existing, payload);
    const pool = newPool(state, payload, ctx);
    if ('code' in pool) return pool;
    const moves = new LedgerMoves(state, ctx);
    const problem = openAccounts(moves, pool) ?? fund(moves, pool);
    if (problem) return rejected(problem.code, problem.message);
    const event: PoolCreated = { type: 'pool_created', pool };
    moves.note(event);
    return accepted(moves.events, result(state, pool, 'created'));
  },
};

function newPool(state: EngineState, payload: CreatePoolPayload, ctx: CommandContext): EmissionPool | Rejected {
  const asset = state.ledger.assets.get(payload.asset);
  if (!asset) return rejected('asset_not_found', `no asset ${payload.asset}`);
  const scheduleProblem = checkSchedule(payload.schedule);
  if (scheduleProblem) return rejected('schedule_invalid', scheduleProblem);
  if (payload.schedule.kind === 'milestones') return rejected('schedule_invalid', 'a pool emits by time: milestone schedules have nothing to attest them');
  const factors = factorList(payload.factors);
  assert(factors.length >= 1 && factors.length <= factorsMax, 'the schema bounds the factors');
  if (!factors.some((factor) => factor.weight > 0)) return rejected('factors_invalid', 'at least one factor needs a weight above zero');
  const totalUnits = amountUnits(payload.amount, asset);
  if (typeof totalUnits !== 'bigint') return totalUnits;
  return {
    id: payload.id,
    assetId: asset.id,
    accountId: poolAccountId(payload.id),
    rewardsAccountId: poolRewardsAccountId(payload.id),
    totalUnits,
    emittedUnits: 0n,
    distributedUnits: 0n,
    startMs: payload.startMs ?? ctx.timeMs,
    schedule: copySchedule(payload.schedule),
    factors,
    source: payload.source ?? 'mint',
    createdSeq: ctx.seq,
  };
}

/** Sorted by name: the same factors always make the same pool, whatever the payload's key order. */
function factorList(factors: Readonly<Record<string, number>>): FactorWeight[] {
  return Object.entries(factors)
    .map(([name, weight]) => ({ name, weight }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function amountUnits(amount: string, asset: Asset): bigint | Rejected {
  try {
    return parseAmount(amount, { decimals: asset.decimals, allowZero: false });
  } catch (error) {
    if (isPolityError(error)) return rejected('amount_invalid', error.message);
    throw error;
  }
}

function openAccounts(moves: LedgerMoves, pool: EmissionPool): MoveRejection | undefined {
  const spec = { assetId: pool.assetId, ownerId: systemActorId, allowOverdraft: false };
  return moves.ensureAccount({ id: pool.accountId, ...spec }) ?? moves.ensureAccount({ id: pool.rewardsAccountId, ...spec });
}

function fund(moves: LedgerMoves, pool: EmissionPool): MoveRejection | undefined {
  return moves.fund({ id: `emission:${pool.id}:fund`, assetId: pool.assetId, toId: pool.accountId, units: pool.totalUnits, source: pool.source });
}

/** The same id again: the same body is a retry; a payload without startMs matches any start. */
function repeated(state: EngineState, pool: EmissionPool, payload: CreatePoolPayload) {
  const asset = state.ledger.assets.get(pool.assetId);
  const units = asset ? amountUnits(payload.amount, asset) : undefined;
  const same =
    payload.asset === pool.assetId &&
    units === pool.totalUnits &&
    canonicalJson(payload.schedule) === canonicalJson(pool.schedule) &&
    canonicalJson(factorList(payload.factors)) === canonicalJson(pool.factors) &&
    (payload.startMs === undefined || payload.startMs === pool.startMs) &&
    (payload.source ?? 'mint') === pool.source;
  if (!same) return rejected('pool_exists', `emission pool ${pool.id} exists with other fields`);
  return accepted([], result(state, pool, 'exists'));
}

function result(state: EngineState, pool: EmissionPool, status: CreatePoolResult['status']): CreatePoolResult {
  const decimals = state.ledger.assets.get(pool.assetId)?.decimals ?? 0;
  return { id: pool.id, status, accountId: pool.accountId, rewardsAccountId: pool.rewardsAccountId, amount: formatAmount(pool.totalUnits, decimals) };
}
