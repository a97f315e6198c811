import type { Static } from '@sinclair/typebox';
import { can } from '../../../access/state.ts';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandDefinition, rejected } from '../../../engine/types.ts';
import type { VestingMilestoneAttested } from '../events.ts';
import { AttestMilestoneSchema } from '../schema.ts';

export type AttestMilestonePayload = Static<typeof AttestMilestoneSchema>;

/** Who may attest milestones: governance will hold this grant; an admin may too. */
export const attestAction = 'vesting.attest';

/**
 * Records that a milestone was reached. It moves no money: the tranche becomes claimable and
 * the next `vesting.claim` pays it.
 */
export const attestMilestone: CommandDefinition<EngineState, AttestMilestonePayload, { id: string; milestone: string; status: 'attested' }> = {
  type: 'vesting.attest',
  schema: AttestMilestoneSchema,
  apply(state, payload, ctx) {
    if (!can(state.access, ctx.actorId, attestAction, [`vesting:${payload.id}`])) {
      return rejected('not_authorized', `${ctx.actorId} may not attest milestones of vesting grant ${payload.id}`);
    }
    const grant = state.modules.vesting.grants.get(payload.id);
    if (!grant) return rejected('vesting_not_found', `no vesting grant ${payload.id}`);
    const schedule = grant.schedule;
    if (schedule.kind !== 'milestones')
      return rejected('not_a_milestone_schedule', `vesting grant ${grant.id} vests by time (${schedule.kind}), not by milestones`);
    if (!schedule.tranches.some((tranche) => tranche.milestone === payload.milestone)) {
      return rejected('milestone_unknown', `vesting grant ${grant.id} has no milestone ${payload.milestone}`);
    }
    if (grant.attested.includes(payload.milestone)) return rejected('milestone_already_attested', `milestone ${payload.milestone} is attested already`);
    const event: VestingMilestoneAttested = { type: 'vesting_milestone_attested', id: grant.id, milestone: payload.milestone };
    return accepted([event], { id: grant.id, milestone: payload.milestone, status: 'attested' });
  },
};
