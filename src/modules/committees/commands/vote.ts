import type { Static } from '@sinclair/typebox';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandDefinition, rejected } from '../../../engine/types.ts';
import { assert } from '../../../kernel/assert.ts';
import { identityOf } from '../../identity/index.ts';
import type { CommitteeVoteCast } from '../events.ts';
import { candidatesPerElectionMax, votesPerElectionMax } from '../limits.ts';
import { VoteSchema } from '../schema.ts';
import { isValidChoice } from '../seats.ts';

export type VotePayload = Static<typeof VoteSchema>;
export interface VoteResult {
  election: string;
  status: 'cast' | 'changed';
}

/**
 * One person, one vote: the caller must hold a live BID, every ballot has power 1, and ballots
 * are kept by the BID's subject (the person), so a person verified again under another actor
 * still has one ballot. Voting runs from the end of nominations to `votingEndsMs`; a later
 * ballot of the same person replaces the earlier one.
 */
export const vote: CommandDefinition<EngineState, VotePayload, VoteResult> = {
  type: 'committees.vote',
  schema: VoteSchema,
  apply(state, payload, ctx) {
    assert(payload.choice.length <= candidatesPerElectionMax, 'the schema bounds a ballot');
    const election = state.modules.committees.elections.get(payload.election);
    if (!election) return rejected('election_not_found', `no election ${payload.election}`);
    if (ctx.timeMs < election.nominationEndsMs) return rejected('nomination_open', `voting on ${election.id} starts at ${election.nominationEndsMs}`);
    if (election.result !== undefined || ctx.timeMs >= election.votingEndsMs) {
      return rejected('voting_closed', `voting on ${election.id} ended at ${election.votingEndsMs}`);
    }
    const identity = identityOf(state.modules.identity, ctx.actorId);
    if (!identity) return rejected('not_identity_holder', `${ctx.actorId} holds no live identity token`);
    const count = election.candidates.length;
    if (!isValidChoice(election.method, payload.choice, count)) {
      const expected = election.method === 'approval' ? `distinct candidate numbers from 1 to ${count}` : `a full ranking of candidates 1 to ${count}`;
      return rejected('choice_invalid', `a ${election.method} ballot on ${election.id} is ${expected}`);
    }
    const changed = election.ballots.has(identity.subject);
    if (!changed && election.ballots.size >= votesPerElectionMax) {
      return rejected('votes_max_reached', `an election keeps at most ${votesPerElectionMax} ballots`);
    }
    const event: CommitteeVoteCast = {
      type: 'committee_vote_cast',
      electionId: election.id,
      voterId: ctx.actorId,
      subject: identity.subject,
      tokenId: identity.tokenId,
      choice: [...payload.choice],
    };
    return accepted([event], { election: election.id, status: changed ? 'changed' : 'cast' });
  },
};
