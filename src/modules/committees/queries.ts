/** Pure reads over the committees state: what governance, the multisig and the API ask. */
import type { EngineState } from '../../engine/state.ts';
import { type Eligibility, memberEligibility } from './eligibility.ts';
import type { Committee, CommitteesState, ElectionBallot, ElectionMethod, ElectionResult, Seat } from './state.ts';

export interface CommitteeMember {
  actorId: string;
  electionId: string;
  startMs: number;
  termEndsMs: number;
}

export interface ElectionView {
  id: string;
  committeeId: string;
  method: ElectionMethod;
  openedMs: number;
  nominationEndsMs: number;
  votingEndsMs: number;
  candidates: string[];
  ballots: number;
  result?: ElectionResult | undefined;
}

export interface BallotView extends ElectionBallot {
  subject: string;
}

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function committee(state: CommitteesState, committeeId: string): Committee | undefined {
  const found = state.committees.get(committeeId);
  return found && { ...found, roles: [...found.roles], members: found.members.map((seat) => ({ ...seat })) };
}

/** Every committee, by id. */
export function committeeList(state: CommitteesState): Committee[] {
  return [...state.committees.keys()].sort(byId).flatMap((id) => committee(state, id) ?? []);
}

function sitting(seat: Seat, atMs: number): boolean {
  return seat.startMs <= atMs && atMs < seat.termEndsMs;
}

/**
 * Members whose seat covers `atMs`: seated by an election at or before it, term not yet ended,
 * not replaced by a later election and not gone for losing their eligibility. In seat order.
 */
export function committeeMembers(state: CommitteesState, committeeId: string, atMs: number): CommitteeMember[] {
  const found = state.committees.get(committeeId);
  if (!found) return [];
  return found.members
    .filter((seat) => sitting(seat, atMs))
    .map((seat) => ({ actorId: seat.actorId, electionId: seat.electionId, startMs: seat.startMs, termEndsMs: seat.termEndsMs }));
}

/**
 * Whether an actor sits at `atMs` on a committee that holds `role` (governance asks for
 * `guardian`, the multisig for `multisig_signer`). Roles are read as they stand now.
 */
export function holdsRole(state: CommitteesState, actorId: string, role: string, atMs: number): boolean {
  for (const candidate of state.committees.values()) {
    if (!(candidate.roles as readonly string[]).includes(role)) continue;
    if (candidate.members.some((seat) => seat.actorId === actorId && sitting(seat, atMs))) return true;
  }
  return false;
}

/** Every actor holding `role` at `atMs`, by id, each once. */
export function roleHolders(state: CommitteesState, role: string, atMs: number): string[] {
  const holders = new Set<string>();
  for (const candidate of state.committees.values()) {
    if (!(candidate.roles as readonly string[]).includes(role)) continue;
    for (const seat of candidate.members) if (sitting(seat, atMs)) holders.add(seat.actorId);
  }
  return [...holders].sort(byId);
}

export function election(state: CommitteesState, electionId: string): ElectionView | undefined {
  const found = state.elections.get(electionId);
  if (!found) return undefined;
  const { ballots, candidates, result, ...rest } = found;
  return { ...rest, candidates: [...candidates], ballots: ballots.size, result: result && { ...result, elected: result.elected.map((seat) => ({ ...seat })) } };
}

/** The election a committee has open, if any. */
export function openElectionOf(state: CommitteesState, committeeId: string): string | undefined {
  return state.openElections.get(committeeId);
}

/** Every ballot of an election (its latest per person), by subject: anyone may re-count. */
export function electionBallots(state: CommitteesState, electionId: string): BallotView[] {
  const found = state.elections.get(electionId);
  if (!found) return [];
  return [...found.ballots.entries()].sort(([a], [b]) => byId(a, b)).map(([subject, ballot]) => ({ subject, ...ballot, choice: [...ballot.choice] }));
}

/** Whether an actor could take a seat on the committee now; undefined for an unknown committee. */
export function seatEligibility(engine: EngineState, committeeId: string, actorId: string): Eligibility | undefined {
  const found = engine.modules.committees.committees.get(committeeId);
  return found && memberEligibility(engine, found, actorId);
}
