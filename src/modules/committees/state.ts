/** Committees with seats, terms, eligibility and roles, and the elections that fill their seats. */

/**
 * What a committee may hold. `guardian` lets members veto queued proposals (governance),
 * `multisig_signer` makes members signers of multisig transactions, `proposer` lets members
 * propose where a category asks for it. The list only grows: the log names these strings.
 */
export const committeeRoles = ['guardian', 'multisig_signer', 'proposer'] as const;
export type CommitteeRole = (typeof committeeRoles)[number];

export type ElectionMethod = 'approval' | 'ranked-choice';

/** Why a seat ended before its term did, or `replaced` when the next election seated others. */
export type SeatEndReason = 'replaced' | 'identity_required' | 'below_minimum_stake';

export interface Seat {
  actorId: string;
  electionId: string;
  startMs: number;
  /** Term end, or the moment the seat ended early (`endedReason` says why). */
  termEndsMs: number;
  endedReason?: SeatEndReason | undefined;
}

export interface Committee {
  id: string;
  label: string;
  seats: number;
  termSeconds: number;
  requiresIdentity: boolean;
  /** Minimum staked in the governance token, base units; 0 is none. */
  minStakeUnits: bigint;
  /** Held roles, in the order of `committeeRoles`. */
  roles: CommitteeRole[];
  createdMs: number;
  /** Every seat ever filled, oldest first: membership at any past time is read from here. */
  members: Seat[];
}

/** One person's ballot: keyed by the identity's subject, so a person votes once. */
export interface ElectionBallot {
  voterId: string;
  /** The BID the vote was cast with: a ballot counts only while that token is live. */
  tokenId: string;
  /** Snapshot's encoding over `candidates` (1-based): approval a set, ranked-choice a full ranking. */
  choice: number[];
  castMs: number;
}

export interface ElectedSeat {
  actorId: string;
  /** Approvals, or the final-round ballots of the run-off that filled the seat. */
  votes: number;
  termEndsMs: number;
}

export interface ElectionResult {
  closedMs: number;
  /** In seat order: the first filled seat first. */
  elected: ElectedSeat[];
  /** Candidates no longer eligible at close, left out of the count. */
  skipped: string[];
  ballotsCounted: number;
}

export interface Election {
  id: string;
  committeeId: string;
  method: ElectionMethod;
  openedMs: number;
  nominationEndsMs: number;
  votingEndsMs: number;
  /** Actor ids in the order they stood: ballots refer to them by 1-based position. */
  candidates: string[];
  /** Identity subject -> that person's latest ballot. */
  ballots: Map<string, ElectionBallot>;
  result?: ElectionResult | undefined;
}

export interface CommitteesState {
  committees: Map<string, Committee>;
  elections: Map<string, Election>;
  /** Committee id -> its election not yet closed (at most one at a time). */
  openElections: Map<string, string>;
}

export function createCommitteesState(): CommitteesState {
  return { committees: new Map(), elections: new Map(), openElections: new Map() };
}

/** The permission that creates committees, runs their elections and assigns their roles. */
export const committeesAdminAction = 'committees.admin';

export function committeeResource(committeeId: string): string {
  return `committee:${committeeId}`;
}

/** Resources `committees.admin` is checked on, most specific first. */
export function committeeAdminResources(committeeId: string): string[] {
  return [committeeResource(committeeId), 'committees:config'];
}

export function isCommitteeRole(role: string): role is CommitteeRole {
  return (committeeRoles as readonly string[]).includes(role);
}

/** Roles deduplicated and in registry order, so equal sets compare equal. */
export function normalizeRoles(roles: readonly CommitteeRole[]): CommitteeRole[] {
  return committeeRoles.filter((role) => roles.includes(role));
}
