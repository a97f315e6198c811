import type { Static } from '@sinclair/typebox';
import { can } from '../../../access/state.ts';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandDefinition, rejected } from '../../../engine/types.ts';
import type { CommitteeRoleAssigned } from '../events.ts';
import { CommitteeRoleSchema } from '../schema.ts';
import { committeeAdminResources, committeesAdminAction, isCommitteeRole } from '../state.ts';

export type CommitteeRolePayload = Static<typeof CommitteeRoleSchema>;
export interface CommitteeRoleResult {
  committee: string;
  role: string;
  status: 'assigned' | 'exists' | 'removed';
}

/**
 * Gives a committee a role: its sitting members then hold it (`holdsRole`). Governance makes a
 * committee the guardian that may veto queued proposals, or the signers of a multisig.
 */
export const assignRole: CommandDefinition<EngineState, CommitteeRolePayload, CommitteeRoleResult> = {
  type: 'committees.assign_role',
  schema: CommitteeRoleSchema,
  apply(state, payload, ctx) {
    if (!can(state.access, ctx.actorId, committeesAdminAction, committeeAdminResources(payload.committee))) {
      return rejected('not_authorized', `${ctx.actorId} lacks ${committeesAdminAction} on committee:${payload.committee}`);
    }
    const committee = state.modules.committees.committees.get(payload.committee);
    if (!committee) return rejected('committee_not_found', `no committee ${payload.committee}`);
    const role = payload.role;
    if (!isCommitteeRole(role)) return rejected('role_invalid', `no committee role ${role}`);
    if (committee.roles.includes(role)) return accepted([], { committee: committee.id, role, status: 'exists' });
    const event: CommitteeRoleAssigned = { type: 'committee_role_assigned', committeeId: committee.id, role };
    return accepted([event], { committee: committee.id, role, status: 'assigned' });
  },
};
