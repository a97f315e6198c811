import type { EventStamp } from '../../ledger/events.ts';
import type { Snapshot } from '../power/index.ts';
import { chamberBallot, countedBallot, noteBallotChange, wholeProposal } from './live-tally.ts';
import type { BallotSums, Category, ChamberPower, ChamberTotals, Comment, GovernanceState, Proposal, ProposalAction, StoredBallot } from './state.ts';

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
  /**
   * Delegates whose counted power fell because this delegator voted directly: their new power,
   * in one chamber when `chamber` is set (a chambered vote), else overall.
   */
  adjustments: { voter: string; powerUnits: bigint; chamber?: string }[];
  /** In a chambered vote: the voter's own power and counted power in each chamber. */
  chamberPowers?: ChamberPower[];
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
        ...emptySums(),
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
      proposal.chambers = event.chambers?.map((chamber) => ({
        id: chamber.id,
        weight: BigInt(chamber.weight),
        eligibleUnits: BigInt(chamber.eligibleUnits),
        ...emptySums(),
      }));
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
  const { sums, chambers } = sumsAfterBallot(proposal, event);
  Object.assign(proposal, sums);
  if (chambers) proposal.chambers = chambers;
  const ballot: StoredBallot = {
    voter: event.voter,
    choice: event.choice,
    castAtMs: event.castAtMs,
    seq: stamp.seq,
    ownUnits: BigInt(event.ownUnits),
    powerUnits: BigInt(event.powerUnits),
  };
  if (event.chamberPowers) {
    ballot.chamberPowers = event.chamberPowers.map((entry) => ({
      chamber: entry.chamber,
      ownUnits: BigInt(entry.ownUnits),
      powerUnits: BigInt(entry.powerUnits),
    }));
  }
  // The live tallies (live-tally.ts) see each change before it is made: the proposal's and each chamber's.
  const previous = proposal.ballots.get(event.voter);
  noteBallotChange(proposal, wholeProposal, previous && countedBallot(previous), countedBallot(ballot));
  for (const chamber of proposal.chambers ?? []) {
    noteBallotChange(proposal, chamber.id, previous && chamberBallot(previous, chamber.id), chamberBallot(ballot, chamber.id));
  }
  proposal.ballots.set(event.voter, ballot);
  for (const adjustment of event.adjustments) {
    const adjusted = proposal.ballots.get(adjustment.voter);
    if (!adjusted) continue;
    const powerUnits = BigInt(adjustment.powerUnits);
    const counted = countedBallot(adjusted);
    if (adjustment.chamber === undefined) {
      noteBallotChange(proposal, wholeProposal, counted, { ...counted, power: powerUnits });
      adjusted.powerUnits = powerUnits;
      continue;
    }
    // In one chamber: the ballot's total moves by the same amount.
    const share = adjusted.chamberPowers?.find((entry) => entry.chamber === adjustment.chamber);
    if (!share) continue;
    const inChamber = chamberBallot(adjusted, share.chamber);
    noteBallotChange(proposal, share.chamber, inChamber, { ...inChamber, power: powerUnits });
    const totalUnits = adjusted.powerUnits + powerUnits - share.powerUnits;
    noteBallotChange(proposal, wholeProposal, counted, { ...counted, power: totalUnits });
    adjusted.powerUnits = totalUnits;
    share.powerUnits = powerUnits;
  }
}

export function emptySums(): BallotSums {
  return { quorumUnits: 0n, ownTotalUnits: 0n, ownByChoiceUnits: [0n, 0n, 0n] };
}

interface Counted {
  choice: unknown;
  ownUnits: bigint;
  powerUnits: bigint;
}

/**
 * The running sums, the proposal's and each chamber's, as they are once `event` is recorded:
 * evolve keeps them so, and a vote looks ahead with the same function (quorum reached, an
 * early decision) before anything is written.
 */
export function sumsAfterBallot(proposal: Proposal, event: BallotCast): { sums: BallotSums; chambers: ChamberTotals[] | undefined } {
  const previous = proposal.ballots.get(event.voter);
  const sums = copySums(proposal);
  const chambers = proposal.chambers?.map((chamber) => ({ ...chamber, ...copySums(chamber) }));
  const count = (target: BallotSums, ballot: Counted | undefined, sign: bigint) => {
    if (ballot) countInto(proposal, target, ballot, sign);
  };
  const inChamber = (ballot: { choice: unknown; chamberPowers?: ChamberPower[] | undefined }, id: string): Counted | undefined => {
    const share = ballot.chamberPowers?.find((entry) => entry.chamber === id);
    return share && { choice: ballot.choice, ownUnits: BigInt(share.ownUnits), powerUnits: BigInt(share.powerUnits) };
  };
  if (previous) count(sums, previous, -1n);
  count(sums, { choice: event.choice, ownUnits: BigInt(event.ownUnits), powerUnits: BigInt(event.powerUnits) }, 1n);
  for (const chamber of chambers ?? []) {
    if (previous) count(chamber, inChamber(previous, chamber.id), -1n);
    count(chamber, inChamber(event, chamber.id), 1n);
  }
  for (const adjustment of event.adjustments) {
    const adjusted = proposal.ballots.get(adjustment.voter);
    if (!adjusted || !countsForQuorum(adjusted.choice, proposal.quorumChoices)) continue;
    const before = adjustment.chamber === undefined ? adjusted.powerUnits : (inChamber(adjusted, adjustment.chamber)?.powerUnits ?? 0n);
    const change = BigInt(adjustment.powerUnits) - before;
    sums.quorumUnits += change;
    const chamber = chambers?.find((entry) => entry.id === adjustment.chamber);
    if (chamber) chamber.quorumUnits += change;
  }
  return { sums, chambers };
}

function copySums(sums: BallotSums): BallotSums {
  return { quorumUnits: sums.quorumUnits, ownTotalUnits: sums.ownTotalUnits, ownByChoiceUnits: [...sums.ownByChoiceUnits] };
}

/** Adds (sign 1) or removes (sign -1) a ballot's power to or from one set of sums. */
function countInto(proposal: Proposal, target: BallotSums, ballot: Counted, sign: bigint): void {
  if (countsForQuorum(ballot.choice, proposal.quorumChoices)) target.quorumUnits += sign * ballot.powerUnits;
  target.ownTotalUnits += sign * ballot.ownUnits;
  if (proposal.ballotType === 'basic' && typeof ballot.choice === 'number') {
    const index = ballot.choice - 1;
    target.ownByChoiceUnits[index] = (target.ownByChoiceUnits[index] ?? 0n) + sign * ballot.ownUnits;
  }
}

/** Numbered choices count when listed (or when no list is set); ballots of other shapes always count. */
export function countsForQuorum(choice: unknown, quorumChoices: readonly number[] | undefined): boolean {
  if (quorumChoices === undefined || typeof choice !== 'number') return true;
  return quorumChoices.includes(choice);
}
