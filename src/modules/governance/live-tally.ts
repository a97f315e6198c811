import { type Ballot, RunningTally, type TallyResult, tally } from '../voting/index.ts';
import type { Proposal, StoredBallot } from './state.ts';

/**
 * Each proposal's tally, kept between reads. A proposal with a million ballots is read often
 * (its status page, the proposal list, the keeper) and a full tally() reads every ballot:
 * about a second of the single writer's time per read. So:
 * - additive types (see RunningTally) keep a running tally: `recordBallot` hands it each
 *   changed ballot (taken back as it was, counted as it is now), O(its choices);
 * - ranked-choice and copeland keep their last result until a ballot changes.
 * Derived, never stored: held in a WeakMap by the proposal's ballots Map, so a state reloaded
 * from the log, or a draft over it (a different Map), starts without one and builds it from
 * the ballots on its first read. The contract: a proposal's ballots change only through
 * `noteBallotChange` (evolve's recordBallot), which `proposalTally`'s tests hold to tally().
 * Chambered votes (basic, a tally per chamber) are counted in full, as before.
 */
type LiveTally = { running: RunningTally } | { recounted: TallyResult | undefined };

const live = new WeakMap<Map<string, StoredBallot>, LiveTally>();

/** The tally of a proposal without chambers, as tally() of its ballots gives it. */
export function liveTally(proposal: Proposal): TallyResult {
  let kept = live.get(proposal.ballots);
  if (kept === undefined) {
    kept = RunningTally.supports(proposal.ballotType) ? { running: runningOf(proposal) } : { recounted: undefined };
    live.set(proposal.ballots, kept);
  }
  if ('running' in kept) return kept.running.result();
  kept.recounted ??= tally(proposal.ballotType, proposal.choices.length, [...proposal.ballots.values()].map(countedBallot));
  return kept.recounted;
}

/** Called before a ballot of `proposal` changes: `before` as it was counted (undefined: a first ballot), `after` as it will be. */
export function noteBallotChange(proposal: Proposal, before: Ballot | undefined, after: Ballot): void {
  const kept = live.get(proposal.ballots);
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

function runningOf(proposal: Proposal): RunningTally {
  return RunningTally.of(proposal.ballotType, proposal.choices.length, [...proposal.ballots.values()].map(countedBallot));
}
