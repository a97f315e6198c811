import type { Static } from '@sinclair/typebox';
import { can } from '../../../access/state.ts';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandDefinition, rejected } from '../../../engine/types.ts';
import { epochAt } from '../distribution.ts';
import type { RevenueActivityRecorded } from '../events.ts';
import { activityPointsMax } from '../limits.ts';
import { RecordActivitySchema } from '../schema.ts';

export type RecordActivityPayload = Static<typeof RecordActivitySchema>;

export interface RecordActivityResult {
  policy: string;
  actorId: string;
  epoch: number;
  /** The actor's points in this epoch so far, this record included. */
  epochPoints: string;
}

/**
 * Awards an actor activity points in the current epoch (a proposal, a vote, an accepted
 * contribution). Whoever observes the activity (a governance module, a reviewer's agent)
 * needs the permission `revenue.activity` on `policy:<id>`.
 */
export const recordActivity: CommandDefinition<EngineState, RecordActivityPayload, RecordActivityResult> = {
  type: 'revenue.record_activity',
  schema: RecordActivitySchema,
  apply(state, payload, ctx) {
    if (!can(state.access, ctx.actorId, 'revenue.activity', [`policy:${payload.policy}`])) {
      return rejected('not_authorized', `${ctx.actorId} may not record activity for ${payload.policy}`);
    }
    const policy = state.modules.revenue.policies.get(payload.policy);
    if (!policy) return rejected('policy_not_found', `no revenue policy ${payload.policy}`);
    const epoch = epochAt(policy, ctx.timeMs);
    if (epoch === undefined) return rejected('activity_not_enabled', `revenue policy ${policy.id} shares by stake only`);
    if (!state.access.actors.has(payload.actor)) return rejected('actor_not_found', `no actor ${payload.actor}`);
    const points = /^[1-9][0-9]*$/.test(payload.points) ? BigInt(payload.points) : 0n;
    if (points <= 0n || points > activityPointsMax) return rejected('points_invalid', `points are a whole number from 1 to ${activityPointsMax}`);
    const event: RevenueActivityRecorded = {
      type: 'revenue_activity_recorded',
      policy: policy.id,
      actorId: payload.actor,
      kind: payload.kind,
      points: points.toString(),
      epoch,
    };
    const earlier = policy.holders.get(payload.actor)?.epochs.find((entry) => entry.epoch === epoch)?.points ?? 0n;
    return accepted([event], { policy: policy.id, actorId: payload.actor, epoch, epochPoints: (earlier + points).toString() });
  },
};
