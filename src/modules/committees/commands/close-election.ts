import type { Static } from '@sinclair/typebox';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandDefinition, rejected } from '../../../engine/types.ts';
import { assert } from '../../../kernel/assert.ts';
import { memberEligibility } from '../eligibility.ts';
import type { CommitteeElectionClosed } from '../events.ts';
import { CloseElectionSchema } from '../schema.ts';
import { fillSeats, keepCandidates, type SeatBallot } from '../seats.ts';
import type { Election } from '../state.ts';

export type CloseElectionPayload = Static<typeof CloseElectionSchema>;
export interface CloseElectionResult {
  election: string;
  /** The elected, in seat order. */
  elected: string[];
  /** Candidates no longer eligible at close. */
  skipped: string[];
  ballotsCounted: number;
  termEndsMs: number;
}

/**
 * Anyone may close an election once voting has ended. Ballots count only while the BID they
 * were cast with is live. Candidates no longer eligible are struck from the ballots before the
 * count (so ranked ballots pass to the next preference), then the seats are filled (see
 * `fillSeats`). The elected sit until now + the committee's term; members of the previous term
 * leave. The count's outcome goes into the event, so a replay never counts again.
 */
export const closeElection: CommandDefinition<EngineState, CloseElectionPayload, CloseElectionResult> = {
  type: 'committees.close_election',
  schema: CloseElectionSchema,
  apply(state, payload, ctx) {
    const module = state.modules.committees;
    const election = module.elections.get(payload.election);
    if (!election) return rejected('election_not_found', `no election ${payload.election}`);
    if (ctx.timeMs < election.votingEndsMs) return rejected('election_not_ended', `voting on ${election.id} ends at ${election.votingEndsMs}`);
    if (election.result !== undefined) return rejected('election_closed', `election ${election.id} is closed already`);
    const committee = module.committees.get(election.committeeId);
    assert(committee !== undefined, `election ${election.id} belongs to a committee`);
    const eligible = election.candidates.map((actorId) => memberEligibility(state, committee, actorId).eligible);
    const kept = election.candidates.filter((_, i) => eligible[i]);
    const ballots = countedBallots(state, election);
    const winners = fillSeats(election.method, kept.length, keepCandidates(ballots, eligible), committee.seats);
    const termEndsMs = ctx.timeMs + committee.termSeconds * 1000;
    const elected = winners.map((winner) => {
      const actorId = kept[winner.candidate - 1];
      assert(actorId !== undefined, 'a seat goes to a kept candidate');
      return { actorId, votes: Number(winner.votes), termEndsMs };
    });
    const event: CommitteeElectionClosed = {
      type: 'committee_election_closed',
      electionId: election.id,
      committeeId: committee.id,
      elected,
      skipped: election.candidates.filter((_, i) => !eligible[i]),
      ballotsCounted: ballots.length,
    };
    return accepted([event], {
      election: election.id,
      elected: elected.map((seat) => seat.actorId),
      skipped: event.skipped,
      ballotsCounted: ballots.length,
      termEndsMs,
    });
  },
};

/** Ballots whose BID is still live, each of power 1, by person (the subject): one each. */
function countedBallots(state: EngineState, election: Election): SeatBallot[] {
  const tokens = state.modules.identity.tokens;
  const ballots: SeatBallot[] = [];
  for (const [subject, ballot] of election.ballots) {
    const token = tokens.get(ballot.tokenId);
    if (token && token.revokedMs === undefined) ballots.push({ voter: subject, power: 1n, choice: ballot.choice });
  }
  return ballots;
}
