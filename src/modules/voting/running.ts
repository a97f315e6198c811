import { rawScoresOf } from './methods/additive.ts';
import { byVoterThenReason, methodFor, sharedReason, winnerOf } from './tally.ts';
import type { AdditiveScoring, Ballot, BallotType, InvalidBallot, PartwiseScoring, TallyResult, TermStore, VotingMethod } from './types.ts';

/**
 * A tally kept up to date ballot by ballot (every type's scoring is additive, see
 * `AdditiveScoring`): a ballot costs O(its terms) when it is added or removed (its choices;
 * copeland: its pairs of choices; ranked-choice: one), and a result O(raw scores) when asked
 * for (ranked-choice: a run-off over the rankings in its store, SummedRankings or
 * ListedRankings), where `tally()` reads every ballot again. The result is
 * `tally(type, choiceCount, ballots)` of the ballots added and not removed, exactly (a
 * property test holds the two equal after any sequence).
 * The caller keeps one ballot per voter: to change a ballot (its choice, its power), it
 * removes the old one, as it was added, and adds the new one. Duplicate voters, which
 * `tally()` refuses, are not looked for.
 */
export class RunningTally {
  private readonly method: VotingMethod;
  private readonly scoring: AdditiveScoring;
  /** Partwise scoring: the sums of the valid ballots' terms; a key whose sum returns to zero is deleted. */
  private readonly sums = new Map<string, bigint>();
  /**
   * For partwise scoring, the raw scores: each the sum of its keys' parts; made from the sums on
   * the first result(), so that adding a proposal's ballots in bulk computes each part once.
   */
  private raw: bigint[] | undefined;
  /** Whole scoring: the terms, in the scoring's own store. */
  private store: TermStore | undefined;
  private validUnits = 0n;
  /** Refused ballots by voter, with the reason. */
  private readonly refused = new Map<string, string>();
  private result_: TallyResult | undefined;

  constructor(
    readonly type: BallotType,
    readonly choiceCount: number,
  ) {
    this.method = methodFor(type, choiceCount);
    this.scoring = this.method.additive;
    if ('store' in this.scoring) this.store = this.scoring.store([], choiceCount);
  }

  /**
   * A running tally of `ballots` (one per voter), built by the method's fast path, as tally()
   * reads them: where the engine starts keeping a proposal's tally, on its first read.
   */
  static of(type: BallotType, choiceCount: number, ballots: readonly Ballot[]): RunningTally {
    const running = new RunningTally(type, choiceCount);
    const shaped: Ballot[] = [];
    for (const ballot of ballots) {
      const reason = shapeReason(ballot);
      if (reason === undefined) shaped.push(ballot);
      else running.refused.set(String(ballot.voter), reason);
    }
    const onInvalid = (index: number, reason: string) => running.refused.set((shaped[index] as Ballot).voter, reason);
    const scoring = running.scoring;
    if ('store' in scoring) running.store = scoring.store(shaped, choiceCount, onInvalid);
    else for (const [key, sum] of scoring.sums(shaped, choiceCount, onInvalid)) running.sums.set(key, sum);
    let validUnits = 0n;
    for (const ballot of shaped) if (!running.refused.has(ballot.voter)) validUnits += ballot.power;
    running.validUnits = validUnits;
    return running;
  }

  add(ballot: Ballot): void {
    this.apply(ballot, 1n);
  }

  /** Takes back a ballot added before, exactly as it was added. */
  remove(ballot: Ballot): void {
    this.apply(ballot, -1n);
  }

  result(): TallyResult {
    if (this.result_) return this.result_;
    let scores: bigint[];
    if (this.store) scores = this.store.scores(this.validUnits);
    else {
      const scoring = this.scoring as PartwiseScoring; // only whole scoring has a store
      this.raw ??= rawScoresOf(scoring, this.sums, this.choiceCount);
      scores = scoring.scores(this.raw, this.validUnits, this.choiceCount);
    }
    const invalid: InvalidBallot[] = [...this.refused].map(([voter, reason]) => ({ voter, reason }));
    invalid.sort(byVoterThenReason);
    this.result_ = frozenResult({ type: this.type, scores, total: this.validUnits, winner: winnerOf(this.method, scores), invalid });
    return this.result_;
  }

  private apply(ballot: Ballot, sign: bigint): void {
    this.result_ = undefined;
    const voter = typeof ballot.voter === 'string' ? ballot.voter : String(ballot.voter);
    const reason = shapeReason(ballot) ?? this.scoring.terms(ballot, this.choiceCount, (key, value) => this.addTerm(key, sign * value));
    if (reason !== undefined) {
      if (sign > 0n) this.refused.set(voter, reason);
      else this.refused.delete(voter);
      return;
    }
    this.validUnits += sign * ballot.power;
  }

  /** Whole scoring: into the store. Partwise: moves the key's sum and, once the raw scores are made, its raw score by the change in the key's part. */
  private addTerm(key: string, value: bigint): void {
    if (value === 0n) return;
    if (this.store) return this.store.add(key, value);
    const scoring = this.scoring as PartwiseScoring; // only whole scoring has a store
    const before = this.sums.get(key) ?? 0n;
    const after = before + value;
    if (after === 0n) this.sums.delete(key);
    else this.sums.set(key, after);
    const raw = this.raw;
    if (raw === undefined) return;
    if (before !== 0n) movePart(scoring, raw, key, before, -1n);
    if (after !== 0n) movePart(scoring, raw, key, after, 1n);
  }
}

function movePart(scoring: PartwiseScoring, raw: bigint[], key: string, sum: bigint, sign: bigint): void {
  const { index, value } = scoring.part(key, sum);
  raw[index] = (raw[index] as bigint) + sign * value;
}

/** tally()'s checks of the voter and the power; the caller keeps one ballot per voter, so no duplicates. */
function shapeReason(ballot: Ballot): string | undefined {
  return sharedReason(ballot, noDuplicates);
}

const noDuplicates: ReadonlySet<string> = new Set();

/** A result handed to every reader until the next change: frozen, so none of them can alter it for the others. */
function frozenResult(result: TallyResult): TallyResult {
  for (const entry of result.invalid) Object.freeze(entry);
  Object.freeze(result.scores);
  Object.freeze(result.invalid);
  return Object.freeze(result);
}
