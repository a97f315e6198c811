import type { Static } from '@sinclair/typebox';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandDefinition, rejected } from '../../../engine/types.ts';
import type { PowerUndelegated } from '../events.ts';
import { latestValue } from '../history.ts';
import { UndelegateSchema } from '../schema.ts';
import { categoryKey } from '../state.ts';

export type UndelegatePayload = Static<typeof UndelegateSchema>;
export interface UndelegateResult {
  delegatorId: string;
  category?: string;
  status: 'undelegated';
}

/**
 * Ends the caller's delegation for a category (the general one without `category`). From the
 * next snapshot on the caller's power stays with them; for a category, the general delegation
 * applies again. Snapshots taken earlier keep the delegation they saw.
 */
export const undelegatePower: CommandDefinition<EngineState, UndelegatePayload, UndelegateResult> = {
  type: 'power.undelegate',
  schema: UndelegateSchema,
  apply(state, payload, ctx) {
    const current = latestValue(state.modules.power.delegations.get(ctx.actorId)?.get(categoryKey(payload.category)));
    if (current === undefined || current.length === 0) {
      return rejected('nothing_to_undelegate', `${ctx.actorId} has no delegation ${payload.category === undefined ? 'in force' : `for ${payload.category}`}`);
    }
    const category = payload.category === undefined ? {} : { category: payload.category };
    const event: PowerUndelegated = { type: 'power_undelegated', delegatorId: ctx.actorId, ...category };
    return accepted([event], { delegatorId: ctx.actorId, ...category, status: 'undelegated' });
  },
};
