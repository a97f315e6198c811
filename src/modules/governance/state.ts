import type { Snapshot } from '../power/index.ts';
import type { BallotType } from '../voting/index.ts';
import type { StrategySpec } from './strategy.ts';

/** How proposals of one category are decided. */
export interface Category {
  id: string;
  discussionSeconds: number;
  votingSeconds: number;
  timelockSeconds: number;
  /** After the timelock, how long the proposal may still be executed. */
  gracePeriodSeconds: number;
  /** Share of the eligible power at the snapshot that must take part. */
  quorumPpm: bigint;
  /** for / (for + against), abstain excluded. */
  supportPpm: bigint;
  ballotType: BallotType;
  strategy: StrategySpec;
  /** 1-based choices whose power counts towards the quorum (default: all). */
  quorumChoices?: number[] | undefined;
  /** Own power (at the time of proposing) a proposer needs. */
  proposerMinPowerUnits: bigint;
  /** If quorum is first reached in the last this-many seconds, the deadline moves to this long after that moment. */
  lateQuorumSeconds: number;
  earlyDecision: boolean;
  voteChanging: boolean;
  autoExecute: boolean;
  actionsMax: number;
  /**
   * Several chambers decide together (the AI DAO's venture and governance DAOs): each counts
   * its own power strategy, its for/against are normalised to its weight, and the weighted
   * results are added. Each chamber must reach the quorum on its own eligible power.
   */
  chambers?: ChamberSpec[] | undefined;
}

export interface ChamberSpec {
  id: string;
  /** Integer weight, as a decimal string (60 and 40 in the AI DAO paper). */
  weight: string;
  strategy: StrategySpec;
}

export interface ProposalAction {
  type: string;
  payload: unknown;
}

export interface Revision {
  number: number;
  title: string;
  body: string;
  actions: ProposalAction[];
  atMs: number;
}

export interface Comment {
  id: string;
  authorId: string;
  parentId?: string | undefined;
  text: string;
  atMs: number;
}

/** A ballot as recorded; `powerUnits` is what it counts now (own plus delegated, less what delegators took back). */
export interface StoredBallot {
  voter: string;
  choice: unknown;
  castAtMs: number;
  seq: number;
  ownUnits: bigint;
  powerUnits: bigint;
  /** In a chambered vote: the voter's power in each chamber, by that chamber's strategy (own, and own plus delegated less taken back). */
  chamberPowers?: ChamberPower[] | undefined;
}

export interface ChamberPower {
  chamber: string;
  ownUnits: bigint;
  powerUnits: bigint;
}

/** Running sums kept by evolve, so a ballot costs O(its delegations), not O(ballots). */
export interface BallotSums {
  /** Counted power of the ballots whose choice counts towards the quorum. */
  quorumUnits: bigint;
  /** Voters' own power (delegated power is not firm: a delegator may still vote and take it back). */
  ownTotalUnits: bigint;
  /** Own power per basic choice: for, against, abstain. */
  ownByChoiceUnits: bigint[];
}

/** One chamber of a chambered vote: its weight, its eligible power at the snapshot, its running sums. */
export interface ChamberTotals extends BallotSums {
  id: string;
  weight: bigint;
  eligibleUnits: bigint;
}

export type RecordedStatus = 'draft' | 'discussion' | 'voting' | 'cancelled' | 'executed' | 'failed' | 'vetoed';

export interface Proposal extends BallotSums {
  id: string;
  proposerId: string;
  category: string;
  title: string;
  body: string;
  tags: string[];
  actions: ProposalAction[];
  choices: string[];
  ballotType: BallotType;
  secret: boolean;
  disclosure?: string | undefined;
  revisions: Revision[];
  comments: Comment[];
  status: RecordedStatus;
  createdMs: number;
  discussionEndsMs?: number | undefined;
  snapshot?: Snapshot | undefined;
  eligibleUnits?: bigint | undefined;
  votingStartsMs?: number | undefined;
  votingEndsMs?: number | undefined;
  quorumReachedMs?: number | undefined;
  /** Support the constitution demands above the category's (a supermajority), fixed when voting starts. */
  supportPpm?: bigint | undefined;
  ballots: Map<string, StoredBallot>;
  /** Choices counted towards the quorum, fixed when voting starts (undefined: every valid ballot). */
  quorumChoices?: number[] | undefined;
  /** In a chambered vote: each chamber's weight, eligible power at the snapshot and running sums. */
  chambers?: ChamberTotals[] | undefined;
  /** Set when an early decision closed the vote: no late-quorum extension after it. */
  endedEarly: boolean;
  executedMs?: number | undefined;
  failure?: { actionIndex: number; code: string; message: string } | undefined;
  veto?: { by: string; reason: string; atMs: number } | undefined;
  cancelledMs?: number | undefined;
}

export interface GovernanceState {
  categories: Map<string, Category>;
  proposals: Map<string, Proposal>;
}

export function createGovernanceState(): GovernanceState {
  return { categories: new Map(), proposals: new Map() };
}
