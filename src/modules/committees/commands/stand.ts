import type { Static } from '@sinclair/typebox';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandDefinition, rejected } from '../../../engine/types.ts';
import { assert } from '../../../kernel/assert.ts';
import { memberEligibility } from '../eligibility.ts';
import type { CommitteeCandidateStood } from '../events.ts';
import { candidatesPerElectionMax } from '../limits.ts';
import { StandSchema } from '../schema.ts';

export type StandPayload = Static<typeof StandSchema>;
export interface StandResult {
  election: string;
  /** The candidate's 1-based index: ballots name candidates by it. */
  candidate: number;
  status: 'standing';
}

/**
 * The caller stands for election, while nominations are open, if eligible for the committee
 * now. Candidates are numbered in the order they stood, and ballots use those numbers; the
 * list is fixed once nominations end, before the first ballot.
 */
export const stand: CommandDefinition<EngineState, StandPayload, StandResult> = {
  type: 'committees.stand',
  schema: StandSchema,
  apply(state, payload, ctx) {
    const module = state.modules.committees;
    const election = module.elections.get(payload.election);
    if (!election) return rejected('election_not_found', `no election ${payload.election}`);
    if (election.result !== undefined || ctx.timeMs >= election.nominationEndsMs) {
      return rejected('nomination_closed', `nominations for ${election.id} ended at ${election.nominationEndsMs}`);
    }
    if (election.candidates.includes(ctx.actorId)) return rejected('already_candidate', `${ctx.actorId} stands in ${election.id} already`);
    const committee = module.committees.get(election.committeeId);
    assert(committee !== undefined, `election ${election.id} belongs to a committee`);
    const verdict = memberEligibility(state, committee, ctx.actorId);
    if (!verdict.eligible) return rejected('not_eligible', `${verdict.reason}: ${ctx.actorId} may not sit on ${committee.id}`);
    if (election.candidates.length >= candidatesPerElectionMax) {
      return rejected('candidates_max_reached', `an election has at most ${candidatesPerElectionMax} candidates`);
    }
    const event: CommitteeCandidateStood = { type: 'committee_candidate_stood', electionId: election.id, actorId: ctx.actorId };
    return accepted([event], { election: election.id, candidate: election.candidates.length + 1, status: 'standing' });
  },
};
