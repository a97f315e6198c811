import { type Ballot, RunningTally, type TallyResult } from '../voting/index.ts';
import type { Proposal, StoredBallot } from './state.ts';

/**
 * Each proposal's tally, kept between reads. A proposal with a million ballots is read often
 * (its status page, the proposal list, the keeper) and a full tally() reads every ballot:
 * about a second of the single writer's time per read. So:
 * - every proposal keeps a running tally (RunningTally): `recordBallot` hands it each changed
 *   ballot (taken back as it was, counted as it is now), O(its choices; copeland: its pairs of
 *   choices); a read then costs O(choices) (ranked-choice: a run-off over the distinct rankings
 *   up to 8 choices, over the ballots' packed rankings beyond, without parsing them again);
 * - a chambered vote (basic) keeps one running tally per chamber, on the chamber's powers.
 * Derived, never stored: held in a WeakMap by the proposal's ballots Map, so a state reloaded
 * from the log, or a draft over it (a different Map), starts without one and builds it from
 * the ballots on its first read. The contract: a proposal's ballots change only through
 * `noteBallotChange` (evolve's recordBallot); the tests hold every live tally to tally().
 */
/** Per proposal (its ballots Map): the running tallies by scope, `wholeProposal` or a chamber id. */
const live = new WeakMap<Map<string, StoredBallot>, Map<string, RunningTally>>();

/** The scope of a proposal without chambers (chamber ids are not empty). */
export const wholeProposal = '';

/** The tally of a proposal without chambers, as tally() of its ballots gives it. */
export function liveTally(proposal: Proposal): TallyResult {
  return keptTally(proposal, wholeProposal, () =>
    RunningTally.of(proposal.ballotType, proposal.choices.length, [...proposal.ballots.values()].map(countedBallot)),
  ).result();
}

/** One chamber's tally of a chambered (basic) vote, on each ballot's power in that chamber. */
export function liveChamberTally(proposal: Proposal, chamberId: string): TallyResult {
  return keptTally(proposal, chamberId, () =>
    RunningTally.of(
      'basic',
      3,
      [...proposal.ballots.values()].map((ballot) => chamberBallot(ballot, chamberId)),
    ),
  ).result();
}

/** Called before a ballot of `proposal` changes in `scope`: `before` as it was counted there (undefined: a first ballot), `after` as it will be. */
export function noteBallotChange(proposal: Proposal, scope: string, before: Ballot | undefined, after: Ballot): void {
  const running = live.get(proposal.ballots)?.get(scope);
  if (running === undefined) return;
  if (before) running.remove(before);
  running.add(after);
}

/** What a stored ballot counts for now. */
export function countedBallot(ballot: StoredBallot): Ballot {
  return { voter: ballot.voter, power: ballot.powerUnits, choice: ballot.choice };
}

/** What a stored ballot counts for now in one chamber (nothing where it has no power there). */
export function chamberBallot(ballot: StoredBallot, chamberId: string): Ballot {
  return { voter: ballot.voter, power: ballot.chamberPowers?.find((entry) => entry.chamber === chamberId)?.powerUnits ?? 0n, choice: ballot.choice };
}

function keptTally(proposal: Proposal, scope: string, build: () => RunningTally): RunningTally {
  let scopes = live.get(proposal.ballots);
  if (scopes === undefined) {
    scopes = new Map();
    live.set(proposal.ballots, scopes);
  }
  let kept = scopes.get(scope);
  if (kept === undefined) {
    kept = build();
    scopes.set(scope, kept);
  }
  return kept;
}
