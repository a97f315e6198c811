import { type Ballot, frozenResult, RunningTally, type TallyResult, tally } from '../voting/index.ts';
import type { Proposal, StoredBallot } from './state.ts';

/**
 * Each proposal's tally, kept between reads. A proposal with a million ballots is read often
 * (its status page, the proposal list, the keeper) and a full tally() reads every ballot:
 * about a second of the single writer's time per read. So:
 * - additive types (all but ranked-choice, see RunningTally) keep a running tally:
 *   `recordBallot` hands it each changed ballot (taken back as it was, counted as it is now),
 *   O(its choices; copeland: its pairs of choices);
 * - ranked-choice keeps its last result until a ballot changes;
 * - a chambered vote (basic) keeps one running tally per chamber, on the chamber's powers.
 * Derived, never stored: held in a WeakMap by the proposal's ballots Map, so a state reloaded
 * from the log, or a draft over it (a different Map), starts without one and builds it from
 * the ballots on its first read. The contract: a proposal's ballots change only through
 * `noteBallotChange` (evolve's recordBallot); the tests hold every live tally to tally().
 */
type LiveTally = { running: RunningTally } | { recounted: TallyResult | undefined };

/** Per proposal (its ballots Map): the live tallies by scope, `wholeProposal` or a chamber id. */
const live = new WeakMap<Map<string, StoredBallot>, Map<string, LiveTally>>();

/** The scope of a proposal without chambers (chamber ids are not empty). */
export const wholeProposal = '';

/** The tally of a proposal without chambers, as tally() of its ballots gives it. */
export function liveTally(proposal: Proposal): TallyResult {
  const kept = keptTally(proposal, wholeProposal, () =>
    RunningTally.supports(proposal.ballotType)
      ? { running: RunningTally.of(proposal.ballotType, proposal.choices.length, [...proposal.ballots.values()].map(countedBallot)) }
      : { recounted: undefined },
  );
  if ('running' in kept) return kept.running.result();
  kept.recounted ??= frozenResult(tally(proposal.ballotType, proposal.choices.length, [...proposal.ballots.values()].map(countedBallot)));
  return kept.recounted;
}

/** One chamber's tally of a chambered (basic) vote, on each ballot's power in that chamber. */
export function liveChamberTally(proposal: Proposal, chamberId: string): TallyResult {
  const kept = keptTally(proposal, chamberId, () => ({
    running: RunningTally.of(
      'basic',
      3,
      [...proposal.ballots.values()].map((ballot) => chamberBallot(ballot, chamberId)),
    ),
  }));
  return (kept as { running: RunningTally }).running.result();
}

/** Called before a ballot of `proposal` changes in `scope`: `before` as it was counted there (undefined: a first ballot), `after` as it will be. */
export function noteBallotChange(proposal: Proposal, scope: string, before: Ballot | undefined, after: Ballot): void {
  const kept = live.get(proposal.ballots)?.get(scope);
  if (kept === undefined) return;
  if ('recounted' in kept) {
    kept.recounted = undefined;
    return;
  }
  if (before) kept.running.remove(before);
  kept.running.add(after);
}

/** What a stored ballot counts for now. */
export function countedBallot(ballot: StoredBallot): Ballot {
  return { voter: ballot.voter, power: ballot.powerUnits, choice: ballot.choice };
}

/** What a stored ballot counts for now in one chamber (nothing where it has no power there). */
export function chamberBallot(ballot: StoredBallot, chamberId: string): Ballot {
  return { voter: ballot.voter, power: ballot.chamberPowers?.find((entry) => entry.chamber === chamberId)?.powerUnits ?? 0n, choice: ballot.choice };
}

function keptTally(proposal: Proposal, scope: string, build: () => LiveTally): LiveTally {
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
