/** The committees module: the only file other code imports. */
import type { DomainModule } from '../../engine/module.ts';
import type { IdentityRevoked } from '../identity/index.ts';
import type { StakeClosed } from '../staking/index.ts';
import { assignRole } from './commands/assign-role.ts';
import { closeElection } from './commands/close-election.ts';
import { createCommittee } from './commands/create.ts';
import { openElection } from './commands/open-election.ts';
import { removeRole } from './commands/remove-role.ts';
import { stand } from './commands/stand.ts';
import { vote } from './commands/vote.ts';
import { type CommitteesEvent, committeesEventTypes, evolveCommittees } from './events.ts';
import { type CommitteesState, createCommitteesState } from './state.ts';

export type { CommitteeRolePayload, CommitteeRoleResult } from './commands/assign-role.ts';
export type { CloseElectionPayload, CloseElectionResult } from './commands/close-election.ts';
export type { CreateCommitteePayload, CreateCommitteeResult } from './commands/create.ts';
export type { OpenElectionPayload, OpenElectionResult } from './commands/open-election.ts';
export type { StandPayload, StandResult } from './commands/stand.ts';
export type { VotePayload, VoteResult } from './commands/vote.ts';
export type { Eligibility, IneligibleReason } from './eligibility.ts';
export type {
  CommitteeCandidateStood,
  CommitteeCreated,
  CommitteeElectionClosed,
  CommitteeElectionOpened,
  CommitteeRoleAssigned,
  CommitteeRoleRemoved,
  CommitteesEvent,
  CommitteeVoteCast,
} from './events.ts';
export {
  type BallotView,
  type CommitteeMember,
  committee,
  committeeList,
  committeeMembers,
  type ElectionView,
  election,
  electionBallots,
  holdsRole,
  openElectionOf,
  roleHolders,
  seatEligibility,
} from './queries.ts';
export {
  type Committee,
  type CommitteeRole,
  type CommitteesState,
  committeeResource,
  committeeRoles,
  committeesAdminAction,
  type ElectedSeat,
  type Election,
  type ElectionBallot,
  type ElectionMethod,
  type ElectionResult,
  type Seat,
  type SeatEndReason,
} from './state.ts';

export const committeesModule: DomainModule<CommitteesState, CommitteesEvent | IdentityRevoked | StakeClosed> = {
  name: 'committees',
  createState: createCommitteesState,
  eventTypes: committeesEventTypes,
  evolve: evolveCommittees,
  commands: [createCommittee, openElection, stand, vote, closeElection, assignRole, removeRole],
};
