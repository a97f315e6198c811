import type { Static } from '@sinclair/typebox';
import { can } from '../../../access/state.ts';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandDefinition, rejected } from '../../../engine/types.ts';
import type { CommitteeElectionOpened } from '../events.ts';
import { electionsMax, electionWindowSecondsMax } from '../limits.ts';
import { OpenElectionSchema } from '../schema.ts';
import { committeeAdminResources, committeesAdminAction } from '../state.ts';

export type OpenElectionPayload = Static<typeof OpenElectionSchema>;
export interface OpenElectionResult {
  id: string;
  status: 'opened' | 'exists';
}

/**
 * Opens an election for a committee's seats: candidates stand until `nominationEndsMs`,
 * identity holders vote from then until `votingEndsMs`, and anyone may close it after that.
 * One election per committee at a time, so two counts never compete for the same seats.
 */
export const openElection: CommandDefinition<EngineState, OpenElectionPayload, OpenElectionResult> = {
  type: 'committees.open_election',
  schema: OpenElectionSchema,
  apply(state, payload, ctx) {
    if (!can(state.access, ctx.actorId, committeesAdminAction, committeeAdminResources(payload.committee))) {
      return rejected('not_authorized', `${ctx.actorId} lacks ${committeesAdminAction} on committee:${payload.committee}`);
    }
    const module = state.modules.committees;
    const committee = module.committees.get(payload.committee);
    if (!committee) return rejected('committee_not_found', `no committee ${payload.committee}`);
    const existing = module.elections.get(payload.id);
    if (existing) {
      const same =
        existing.committeeId === committee.id &&
        existing.method === payload.method &&
        existing.nominationEndsMs === payload.nominationEndsMs &&
        existing.votingEndsMs === payload.votingEndsMs;
      return same ? accepted([], { id: payload.id, status: 'exists' }) : rejected('election_exists', `election ${payload.id} exists with other settings`);
    }
    const windowMs = electionWindowSecondsMax * 1000;
    if (payload.nominationEndsMs <= ctx.timeMs || payload.votingEndsMs <= payload.nominationEndsMs || payload.votingEndsMs - ctx.timeMs > windowMs) {
      return rejected('schedule_invalid', `nominations must end after now, voting after nominations, and both within ${electionWindowSecondsMax} s`);
    }
    const open = module.openElections.get(committee.id);
    if (open !== undefined) return rejected('election_in_progress', `committee ${committee.id} has election ${open} open`);
    if (module.elections.size >= electionsMax) return rejected('elections_max_reached', `a DAO holds at most ${electionsMax} elections`);
    const event: CommitteeElectionOpened = {
      type: 'committee_election_opened',
      election: {
        id: payload.id,
        committeeId: committee.id,
        method: payload.method,
        nominationEndsMs: payload.nominationEndsMs,
        votingEndsMs: payload.votingEndsMs,
      },
    };
    return accepted([event], { id: payload.id, status: 'opened' });
  },
};
