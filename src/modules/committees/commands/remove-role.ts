import { can } from '../../../access/state.ts';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandDefinition, rejected } from '../../../engine/types.ts';
import type { CommitteeRoleRemoved } from '../events.ts';
import { CommitteeRoleSchema } from '../schema.ts';
import { committeeAdminResources, committeesAdminAction, isCommitteeRole } from '../state.ts';
import type { CommitteeRolePayload, CommitteeRoleResult } from './assign-role.ts';

/** Takes a role from a committee: its members stop holding it at once. */
export const removeRole: CommandDefinition<EngineState, CommitteeRolePayload, CommitteeRoleResult> = {
  type: 'committees.remove_role',
  schema: CommitteeRoleSchema,
  apply(state, payload, ctx) {
    if (!can(state.access, ctx.actorId, committeesAdminAction, committeeAdminResources(payload.committee))) {
      return rejected('not_authorized', `${ctx.actorId} lacks ${committeesAdminAction} on committee:${payload.committee}`);
    }
    const committee = state.modules.committees.committees.get(payload.committee);
    if (!committee) return rejected('committee_not_found', `no committee ${payload.committee}`);
    const role = payload.role;
    if (!isCommitteeRole(role)) return rejected('role_invalid', `no committee role ${role}`);
    if (!committee.roles.includes(role)) return rejected('role_not_held', `committee ${committee.id} does not hold ${role}`);
    const event: CommitteeRoleRemoved = { type: 'committee_role_removed', committeeId: committee.id, role };
    return accepted([event], { committee: committee.id, role, status: 'removed' });
  },
};
