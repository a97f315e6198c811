import { type Ballot, type InvalidBallotHandler, type PartwiseScoring, validPower } from '../types.ts';

/**
 * score() of an additive method: its sums over all the ballots (the fast path), the raw scores
 * they make, then the scores. A running tally goes through the same `part` and `scores`, so
 * the two agree wherever their sums do.
 */
export function additiveScore(
  scoring: PartwiseScoring,
  ballots: readonly Ballot[],
  choiceCount: number,
  onInvalid: InvalidBallotHandler | undefined,
  powerTotal: bigint | undefined,
): bigint[] {
  let refusedUnits = 0n;
  const sums = scoring.sums(ballots, choiceCount, (index, reason) => {
    refusedUnits += (ballots[index] as Ballot).power;
    onInvalid?.(index, reason);
  });
  return scoring.scores(rawScoresOf(scoring, sums, choiceCount), validPower(ballots, powerTotal, refusedUnits), choiceCount);
}

/** The raw scores: each the sum of its keys' parts. */
export function rawScoresOf(scoring: PartwiseScoring, sums: ReadonlyMap<string, bigint>, choiceCount: number): bigint[] {
  const raw = new Array<bigint>(scoring.rawLength?.(choiceCount) ?? choiceCount).fill(0n);
  for (const [key, sum] of sums) {
    const { index, value } = scoring.part(key, sum);
    raw[index] = (raw[index] as bigint) + value;
  }
  return raw;
}
