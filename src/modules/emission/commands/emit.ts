import type { Static } from '@sinclair/typebox';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandDefinition, rejected } from '../../../engine/types.ts';
import { formatAmount } from '../../../kernel/amount.ts';
import { LedgerMoves } from '../../../ledger/moves.ts';
import type { PoolEmitted } from '../events.ts';
import { emittableUnits } from '../queries.ts';
import { EmitSchema } from '../schema.ts';

export type EmitPayload = Static<typeof EmitSchema>;

export interface EmitResult {
  pool: string;
  /** Moved to the rewards account by this command, in token units. */
  emitted: string;
  /** Emitted by every command so far, this one included. */
  totalEmitted: string;
}

/**
 * Moves what the pool's schedule has released since the last emission from the pool account
 * to its rewards account. Anyone may submit it (a keeper, a cron job): the amount is a pure
 * function of the schedule and the time, and the money stays inside the pool.
 */
export const emit: CommandDefinition<EngineState, EmitPayload, EmitResult> = {
  type: 'emission.emit',
  schema: EmitSchema,
  apply(state, payload, ctx) {
    const pool = state.modules.emission.pools.get(payload.pool);
    if (!pool) return rejected('pool_not_found', `no emission pool ${payload.pool}`);
    const units = emittableUnits(pool, ctx.timeMs);
    if (units === 0n) return rejected('nothing_to_emit', `emission pool ${pool.id} has released nothing new yet`);
    const moves = new LedgerMoves(state, ctx);
    const problem = moves.transfer({ id: `emission:${pool.id}:emit:${ctx.seq}`, fromId: pool.accountId, toId: pool.rewardsAccountId, units });
    if (problem) return rejected(problem.code, problem.message);
    const event: PoolEmitted = { type: 'pool_emitted', pool: pool.id, emittedUnits: units };
    moves.note(event);
    const decimals = state.ledger.assets.get(pool.assetId)?.decimals ?? 0;
    return accepted(moves.events, { pool: pool.id, emitted: formatAmount(units, decimals), totalEmitted: formatAmount(pool.emittedUnits + units, decimals) });
  },
};
