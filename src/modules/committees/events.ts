import type { EngineState } from '../../engine/state.ts';
import { assert } from '../../kernel/assert.ts';
import type { EventStamp } from '../../ledger/events.ts';
import type { IdentityRevoked } from '../identity/index.ts';
import type { StakeClosed } from '../staking/index.ts';
import { memberEligibility } from './eligibility.ts';
import { type CommitteeRole, type CommitteesState, type ElectedSeat, type ElectionMethod, normalizeRoles, type Seat, type SeatEndReason } from './state.ts';

export interface CommitteeCreated {
  type: 'committee_created';
  committee: {
    id: string;
    label: string;
    seats: number;
    termSeconds: number;
    requiresIdentity: boolean;
    minStakeUnits: bigint;
    roles: CommitteeRole[];
  };
}

export interface CommitteeElectionOpened {
  type: 'committee_election_opened';
  election: { id: string; committeeId: string; method: ElectionMethod; nominationEndsMs: number; votingEndsMs: number };
}

export interface CommitteeCandidateStood {
  type: 'committee_candidate_stood';
  electionId: string;
  actorId: string;
}

/** A ballot, new or replacing the same person's earlier one (keyed by `subject`). */
export interface CommitteeVoteCast {
  type: 'committee_vote_cast';
  electionId: string;
  voterId: string;
  subject: string;
  tokenId: string;
  choice: number[];
}

/** The count's outcome, carried whole so that replay never re-counts. */
export interface CommitteeElectionClosed {
  type: 'committee_election_closed';
  electionId: string;
  committeeId: string;
  elected: ElectedSeat[];
  skipped: string[];
  ballotsCounted: number;
}

export interface CommitteeRoleAssigned {
  type: 'committee_role_assigned';
  committeeId: string;
  role: CommitteeRole;
}

export interface CommitteeRoleRemoved {
  type: 'committee_role_removed';
  committeeId: string;
  role: CommitteeRole;
}

export type CommitteesEvent =
  | CommitteeCreated
  | CommitteeElectionOpened
  | CommitteeCandidateStood
  | CommitteeVoteCast
  | CommitteeElectionClosed
  | CommitteeRoleAssigned
  | CommitteeRoleRemoved;

/**
 * The module follows `identity_revoked` and `stake_closed`: a member who loses the BID or the
 * stake a seat requires leaves the committee at that moment, so a guardian or signer who no
 * longer qualifies cannot act. Those modules' slices have evolved already when this runs.
 */
export const committeesEventTypes: ReadonlySet<string> = new Set<string>([
  'committee_created',
  'committee_election_opened',
  'committee_candidate_stood',
  'committee_vote_cast',
  'committee_election_closed',
  'committee_role_assigned',
  'committee_role_removed',
  'identity_revoked',
  'stake_closed',
]);

export function evolveCommittees(state: CommitteesState, event: CommitteesEvent | IdentityRevoked | StakeClosed, stamp: EventStamp, engine: EngineState): void {
  switch (event.type) {
    case 'committee_created': {
      const { committee } = event;
      assert(!state.committees.has(committee.id), `committee ${committee.id} is created once`);
      state.committees.set(committee.id, { ...committee, minStakeUnits: BigInt(committee.minStakeUnits), createdMs: stamp.timeMs, members: [] });
      return;
    }
    case 'committee_election_opened': {
      const { election } = event;
      assert(!state.elections.has(election.id) && !state.openElections.has(election.committeeId), `election ${election.id} opens once`);
      state.elections.set(election.id, { ...election, openedMs: stamp.timeMs, candidates: [], ballots: new Map() });
      state.openElections.set(election.committeeId, election.id);
      return;
    }
    case 'committee_candidate_stood':
      openElection(state, event.electionId).candidates.push(event.actorId);
      return;
    case 'committee_vote_cast':
      openElection(state, event.electionId).ballots.set(event.subject, {
        voterId: event.voterId,
        tokenId: event.tokenId,
        choice: [...event.choice],
        castMs: stamp.timeMs,
      });
      return;
    case 'committee_election_closed':
      closeElection(state, event, stamp);
      return;
    case 'committee_role_assigned':
    case 'committee_role_removed':
      setRole(state, event);
      return;
    case 'identity_revoked': {
      const holderId = engine.modules.identity.tokens.get(event.tokenId)?.holderId;
      if (holderId !== undefined) dropIneligible(state, engine, holderId, stamp);
      return;
    }
    case 'stake_closed':
      dropIneligible(state, engine, event.ownerId, stamp);
      return;
  }
}

function openElection(state: CommitteesState, electionId: string) {
  const election = state.elections.get(electionId);
  assert(election !== undefined && election.result === undefined, `election ${electionId} is open`);
  return election;
}

/** Sitting members of the previous term leave (re-elected ones start a new term), then the elected sit. */
function closeElection(state: CommitteesState, event: CommitteeElectionClosed, stamp: EventStamp): void {
  const election = openElection(state, event.electionId);
  const committee = state.committees.get(event.committeeId);
  assert(committee !== undefined && election.committeeId === committee.id, `election ${election.id} belongs to ${event.committeeId}`);
  const elected = event.elected.map((seat) => ({ ...seat }));
  election.result = { closedMs: stamp.timeMs, elected, skipped: [...event.skipped], ballotsCounted: event.ballotsCounted };
  state.openElections.delete(committee.id);
  const members = committee.members.map((seat) => (seat.termEndsMs > stamp.timeMs ? endSeat(seat, stamp, 'replaced') : seat));
  for (const seat of elected) members.push({ actorId: seat.actorId, electionId: election.id, startMs: stamp.timeMs, termEndsMs: seat.termEndsMs });
  committee.members = members;
}

function setRole(state: CommitteesState, event: CommitteeRoleAssigned | CommitteeRoleRemoved): void {
  const committee = state.committees.get(event.committeeId);
  assert(committee !== undefined, `committee ${event.committeeId} exists`);
  const others = committee.roles.filter((role) => role !== event.role);
  committee.roles = normalizeRoles(event.type === 'committee_role_assigned' ? [...others, event.role] : others);
}

/** Ends the seats of an actor who no longer meets their committee's eligibility. */
function dropIneligible(state: CommitteesState, engine: EngineState, actorId: string, stamp: EventStamp): void {
  for (const committee of state.committees.values()) {
    if (!committee.members.some((seat) => seat.actorId === actorId && seat.termEndsMs > stamp.timeMs)) continue;
    const verdict = memberEligibility(engine, committee, actorId);
    if (verdict.eligible) continue;
    committee.members = committee.members.map((seat) =>
      seat.actorId === actorId && seat.termEndsMs > stamp.timeMs ? endSeat(seat, stamp, verdict.reason) : seat,
    );
  }
}

function endSeat(seat: Seat, stamp: EventStamp, reason: SeatEndReason): Seat {
  return { ...seat, termEndsMs: stamp.timeMs, endedReason: reason };
}
