import type { EventStamp } from '../../ledger/events.ts';
import type { Snapshot } from '../power/index.ts';
import type { Category, Comment, GovernanceState, Proposal, ProposalAction, StoredBallot } from './state.ts';

/** A category as the log keeps it: the strategy as JSON (see strategy.ts), amounts as `...Units`. */
export type CategoryRecord = Category;

export interface CategorySet {
  type: 'governance_category_set';
  category: CategoryRecord;
}

export type ProposalFields = Pick<Proposal, 'id' | 'proposerId' | 'category' | 'title' | 'body' | 'tags' | 'actions' | 'choices' | 'ballotType' | 'secret'> & {
  disclosure?: string;
};

export interface ProposalCreated {
  type: 'proposal_created';
  proposal: ProposalFields;
}

export interface ProposalAmended {
  type: 'proposal_amended';
  proposalId: string;
  title: string;
  body: string;
  actions: ProposalAction[];
}

export interface ProposalCommented {
  type: 'proposal_commented';
  proposalId: string;
  comment: Comment;
}

export interface ProposalSubmitted {
  type: 'proposal_submitted';
  proposalId: string;
  discussionEndsMs: number;
}

export interface ProposalCancelled {
  type: 'proposal_cancelled';
  proposalId: string;
}

export interface VotingStarted {
  type: 'voting_started';
  proposalId: string;
  snapshot: Snapshot;
  eligibleUnits: bigint;
  votingEndsMs: number;
  supportPpm: bigint;
  quorumChoices?: number[];
  chambers?: { id: string; weight: string; eligibleUnits: bigint }[];
}

export interface VotingEndedEarly {
  type: 'voting_ended_early';
  proposalId: string;
  atMs: number;
}

export interface BallotCast {
  type: 'ballot_cast';
  proposalId: string;
  voter: string;
  choice: unknown;
  castAtMs: number;
  ownUnits: bigint;
  powerUnits: bigint;
  /** Delegates whose counted power fell because this delegator voted directly. */
  adjustments: { voter: string; powerUnits: bigint }[];
  chamberPowers?: { chamber: string; powerUnits: bigint }[];
}

export interface QuorumReached {
  type: 'quorum_reached';
  proposalId: string;
  atMs: number;
}

export interface ProposalExecuted {
  type: 'proposal_executed';
  proposalId: string;
}

export interface ProposalFailed {
  type: 'proposal_failed';
  proposalId: string;
  actionIndex: number;
  code: string;
  message: string;
}

export interface ProposalVetoed {
  type: 'proposal_vetoed';
  proposalId: string;
  by: string;
  reason: string;
}

export type GovernanceEvent =
  | CategorySet
  | ProposalCreated
  | ProposalAmended
  | ProposalCommented
  | ProposalSubmitted
  | ProposalCancelled
  | VotingStarted
  | VotingEndedEarly
  | BallotCast
  | QuorumReached
  | ProposalExecuted
  | ProposalFailed
  | ProposalVetoed;

export const governanceEventTypes: ReadonlySet<string> = new Set<string>([
  'governance_category_set',
  'proposal_created',
  'proposal_amended',
  'proposal_commented',
  'proposal_submitted',
  'proposal_cancelled',
  'voting_started',
  'voting_ended_early',
  'ballot_cast',
  'quorum_reached',
  'proposal_executed',
  'proposal_failed',
  'proposal_vetoed',
]);

function proposalOf(state: GovernanceState, id: string): Proposal {
  const proposal = state.proposals.get(id);
  if (!proposal) throw new Error(`proposal ${id} exists`);
  return proposal;
}

export function evolveGovernance(state: GovernanceState, event: GovernanceEvent, stamp: EventStamp): void {
  switch (event.type) {
    case 'governance_category_set':
      state.categories.set(event.category.id, {
        ...event.category,
        quorumPpm: BigInt(event.category.quorumPpm),
        supportPpm: BigInt(event.category.supportPpm),
      });
      return;
    case 'proposal_created':
      state.proposals.set(event.proposal.id, {
        ...event.proposal,
        disclosure: event.proposal.disclosure,
        revisions: [{ number: 1, title: event.proposal.title, body: event.proposal.body, actions: event.proposal.actions, atMs: stamp.timeMs }],
        comments: [],
        status: 'draft',
        createdMs: stamp.timeMs,
        ballots: new Map(),
        quorumUnits: 0n,
        ownTotalUnits: 0n,
        ownByChoiceUnits: [0n, 0n, 0n],
        endedEarly: false,
      });
      return;
    case 'proposal_amended': {
      const proposal = proposalOf(state, event.proposalId);
      proposal.title = event.title;
      proposal.body = event.body;
      proposal.actions = event.actions;
      proposal.revisions.push({ number: proposal.revisions.length + 1, title: event.title, body: event.body, actions: event.actions, atMs: stamp.timeMs });
      return;
    }
    case 'proposal_commented':
      proposalOf(state, event.proposalId).comments.push(event.comment);
      return;
    case 'proposal_submitted': {
      const proposal = proposalOf(state, event.proposalId);
      proposal.status = 'discussion';
      proposal.discussionEndsMs = event.discussionEndsMs;
      return;
    }
    case 'proposal_cancelled': {
      const proposal = proposalOf(state, event.proposalId);
      proposal.status = 'cancelled';
      proposal.cancelledMs = stamp.timeMs;
      return;
    }
    default:
      evolveVoting(state, event, stamp);
  }
}

function evolveVoting(state: GovernanceState, event: GovernanceEvent, stamp: EventStamp): void {
  switch (event.type) {
    case 'voting_started': {
      const proposal = proposalOf(state, event.proposalId);
      proposal.status = 'voting';
      proposal.snapshot = { seq: event.snapshot.seq, timeMs: event.snapshot.timeMs };
      proposal.eligibleUnits = BigInt(event.eligibleUnits);
      proposal.votingStartsMs = stamp.timeMs;
      proposal.votingEndsMs = event.votingEndsMs;
      proposal.supportPpm = BigInt(event.supportPpm);
      proposal.quorumChoices = event.quorumChoices;
      proposal.chambers = event.chambers?.map((chamber) => ({ id: chamber.id, weight: BigInt(chamber.weight), eligibleUnits: BigInt(chamber.eligibleUnits) }));
      return;
    }
    case 'voting_ended_early': {
      const proposal = proposalOf(state, event.proposalId);
      proposal.votingEndsMs = event.atMs;
      proposal.endedEarly = true;
      return;
    }
    case 'ballot_cast':
      return recordBallot(proposalOf(state, event.proposalId), event, stamp);
    case 'quorum_reached':
      proposalOf(state, event.proposalId).quorumReachedMs = event.atMs;
      return;
    case 'proposal_executed': {
      const proposal = proposalOf(state, event.proposalId);
      proposal.status = 'executed';
      proposal.executedMs = stamp.timeMs;
      return;
    }
    case 'proposal_failed': {
      const proposal = proposalOf(state, event.proposalId);
      proposal.status = 'failed';
      proposal.failure = { actionIndex: event.actionIndex, code: event.code, message: event.message };
      return;
    }
    case 'proposal_vetoed': {
      const proposal = proposalOf(state, event.proposalId);
      proposal.status = 'vetoed';
      proposal.veto = { by: event.by, reason: event.reason, atMs: stamp.timeMs };
      return;
    }
  }
}

function recordBallot(proposal: Proposal, event: BallotCast, stamp: EventStamp): void {
  const previous = proposal.ballots.get(event.voter);
  if (previous) countBallot(proposal, previous, -1n);
  const ballot: StoredBallot = {
    voter: event.voter,
    choice: event.choice,
    castAtMs: event.castAtMs,
    seq: stamp.seq,
    ownUnits: BigInt(event.ownUnits),
    powerUnits: BigInt(event.powerUnits),
  };
  if (event.chamberPowers) ballot.chamberPowers = event.chamberPowers.map((entry) => ({ chamber: entry.chamber, powerUnits: BigInt(entry.powerUnits) }));
  proposal.ballots.set(event.voter, ballot);
  countBallot(proposal, ballot, 1n);
  for (const adjustment of event.adjustments) {
    const adjusted = proposal.ballots.get(adjustment.voter);
    if (!adjusted) continue;
    if (countsForQuorum(adjusted.choice, proposal.quorumChoices)) proposal.quorumUnits += BigInt(adjustment.powerUnits) - adjusted.powerUnits;
    adjusted.powerUnits = BigInt(adjustment.powerUnits);
  }
}

/** Adds (sign 1) or removes (sign -1) a ballot from the running sums. */
function countBallot(proposal: Proposal, ballot: StoredBallot, sign: bigint): void {
  if (countsForQuorum(ballot.choice, proposal.quorumChoices)) proposal.quorumUnits += sign * ballot.powerUnits;
  proposal.ownTotalUnits += sign * ballot.ownUnits;
  if (proposal.ballotType === 'basic' && typeof ballot.choice === 'number') {
    const index = ballot.choice - 1;
    proposal.ownByChoiceUnits[index] = (proposal.ownByChoiceUnits[index] ?? 0n) + sign * ballot.ownUnits;
  }
}

/** Numbered choices count when listed (or when no list is set); ballots of other shapes always count. */
export function countsForQuorum(choice: unknown, quorumChoices: readonly number[] | undefined): boolean {
  if (quorumChoices === undefined || typeof choice !== 'number') return true;
  return quorumChoices.includes(choice);
}
