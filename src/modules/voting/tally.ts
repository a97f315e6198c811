import { PolityError } from '../../kernel/errors.ts';
import { duplicateVoters } from './duplicates.ts';
import { ballotsMax, choicesMax } from './limits.ts';
import { votingMethods } from './registry.ts';
import { type Ballot, type BallotType, ballotTypes, type InvalidBallot, type TallyResult, type VotingMethod } from './types.ts';

/**
 * Counts ballots of one type over `choiceCount` choices. A ballot counts for nothing, and is
 * listed in `invalid` with the first reason found, when (in this order):
 * - voter_invalid: the voter is not a non-empty string;
 * - duplicate_voter: the voter has more than one ballot (all of them are refused, so the
 *   result does not depend on which came first);
 * - power_invalid: the power is not a bigint >= 0;
 * - the method's reason (methods/<type>.ts), e.g. choice_out_of_range.
 * `total` is the power of the valid ballots. The winner is the method's (basic: see
 * methods/basic.ts); for the others the highest score, the lowest-numbered choice on a tie,
 * and null when the highest score is zero (no valid ballot, or no power behind any choice).
 * Throws PolityError tally_type_unknown, tally_choices_invalid or tally_too_many_ballots for
 * a call that no ballot could make valid.
 */
export function tally(type: BallotType, choiceCount: number, ballots: readonly Ballot[]): TallyResult {
  const method = methodFor(type, choiceCount);
  if (ballots.length > ballotsMax) {
    throw new PolityError('tally_too_many_ballots', `a tally counts at most ${ballotsMax} ballots, got ${ballots.length}`);
  }
  const duplicates = duplicateVoters(ballots);
  const invalid: InvalidBallot[] = [];
  let total = 0n;
  let refused = 0;
  for (const ballot of ballots) {
    const reason = sharedReason(ballot, duplicates);
    if (reason === undefined) total += ballot.power;
    else {
      invalid.push({ voter: typeof ballot.voter === 'string' ? ballot.voter : String(ballot.voter), reason });
      refused += 1;
    }
  }
  // Copy only when something was refused: a tally of a million ballots usually refuses none.
  const candidates = refused === 0 ? ballots : ballots.filter((ballot) => sharedReason(ballot, duplicates) === undefined);
  // The method parses each ballot once, scoring the valid ones and reporting the others.
  const candidatesUnits = total;
  const scores = method.score(
    candidates,
    choiceCount,
    (index, reason) => {
      const ballot = candidates[index] as Ballot;
      invalid.push({ voter: ballot.voter, reason });
      total -= ballot.power;
    },
    candidatesUnits,
  );
  invalid.sort(byVoterThenReason);
  return { type, scores, total, winner: winnerOf(method, scores), invalid };
}

/** The method's reason why `choice` is not valid, or undefined (the governance module checks ballots with it). */
export function validateChoice(type: BallotType, choice: unknown, choiceCount: number): string | undefined {
  return methodFor(type, choiceCount).validate(choice, choiceCount);
}

/** As tally() judges one ballot on its own: power and choice, and for quadratic-credits the credits against the power. */
export function validateBallot(type: BallotType, ballot: Ballot, choiceCount: number): string | undefined {
  return ballotReason(methodFor(type, choiceCount), ballot, choiceCount, new Set());
}

/** Choice counts each type accepts: basic offers For, Against and optionally Abstain. */
export function choiceCountReason(type: BallotType, choiceCount: number): string | undefined {
  if (!Number.isInteger(choiceCount) || choiceCount < 1 || choiceCount > choicesMax) return `a proposal has 1 to ${choicesMax} choices`;
  if (type === 'basic' && choiceCount !== 2 && choiceCount !== 3) return 'a basic ballot has 2 choices (For, Against) or 3 (with Abstain)';
  return undefined;
}

export function methodFor(type: BallotType, choiceCount: number): VotingMethod {
  if (!(ballotTypes as readonly string[]).includes(type)) {
    throw new PolityError('tally_type_unknown', `unknown ballot type "${String(type)}"; one of: ${ballotTypes.join(', ')}`);
  }
  const problem = choiceCountReason(type, choiceCount);
  if (problem) throw new PolityError('tally_choices_invalid', `${problem}, got ${choiceCount}`);
  return votingMethods[type];
}

function ballotReason(method: VotingMethod, ballot: Ballot, choiceCount: number, duplicates: ReadonlySet<string>): string | undefined {
  const shared = sharedReason(ballot, duplicates);
  if (shared !== undefined) return shared;
  return method.validateBallot ? method.validateBallot(ballot, choiceCount) : method.validate(ballot.choice, choiceCount);
}

/** The checks every type shares: voter, duplicate, power. */
export function sharedReason(ballot: Ballot, duplicates: ReadonlySet<string>): string | undefined {
  const voter: unknown = ballot.voter;
  if (typeof voter !== 'string' || voter.length === 0) return 'voter_invalid';
  if (duplicates.size > 0 && duplicates.has(voter)) return 'duplicate_voter';
  const power: unknown = ballot.power;
  if (typeof power !== 'bigint' || power < 0n) return 'power_invalid';
  return undefined;
}

export function winnerOf(method: VotingMethod, scores: readonly bigint[]): number | null {
  if (method.winner) return method.winner(scores);
  let best = 0;
  for (let index = 1; index < scores.length; index += 1) if ((scores[index] as bigint) > (scores[best] as bigint)) best = index;
  return (scores[best] ?? 0n) > 0n ? best + 1 : null;
}

export function byVoterThenReason(a: InvalidBallot, b: InvalidBallot): number {
  if (a.voter !== b.voter) return a.voter < b.voter ? -1 : 1;
  return a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0;
}
