import { isqrtFloorFast } from '../isqrt.ts';
import type { Ballot, InvalidBallotHandler, PartwiseScoring, TermSink, VotingMethod } from '../types.ts';
import { additiveScore } from './additive.ts';
import { indexKey, indexPart, keyedByIndex, rawScores } from './choice-sums.ts';
import { type CreditRoot, creditsReason, readCredits } from './credits.ts';

// Terms: each choice's votes under its 0-based index.
const scoring: PartwiseScoring = {
  terms(ballot, choiceCount, emit) {
    termRoots.emit = emit;
    return creditsReason(ballot, choiceCount, termRoots);
  },
  sums(ballots, choiceCount, onInvalid) {
    const roots = new RootSums(choiceCount);
    for (let index = 0; index < ballots.length; index += 1) {
      const reason = creditsReason(ballots[index] as Ballot, choiceCount, roots);
      if (reason !== undefined) onInvalid?.(index, reason);
    }
    return keyedByIndex(roots.totals());
  },
  part: indexPart,
  scores: rawScores,
};

/**
 * Quadratic with credits (the classic quadratic voting of the Computronium paper): a voter
 * spends their power as credits over the choices, {"1": credits, "3": credits, ...}, credits
 * in the power's BASE units, each a safe integer or an integer decimal string. Votes on a
 * choice = isqrtFloor(credits spent on it), so v votes cost v^2 credits; a choice's score is
 * the sum of its votes. No rescaling: scores are votes, not power. Exact: each root is the
 * integer square root (floor), the only rounding, per ballot and choice.
 * Valid when: a non-array object with at least one key, every key a choice ("1", "2", ...),
 * every value a non-negative integer, at least one positive, and the credits together at most
 * the voter's power (credits_exceed_power).
 * What holds: votes <= credits for every entry (isqrt(c) <= c), so the scores add up to at
 * most the credits spent, at most the valid power; per ballot the votes add up to at most
 * sqrt(choices used * power). Tie rule: the lowest-numbered among the top scores.
 */
export const quadraticCredits = {
  validate(choice: unknown, choiceCount: number): string | undefined {
    return readCredits(choice, choiceCount);
  },

  validateBallot(ballot: Ballot, choiceCount: number): string | undefined {
    return creditsReason(ballot, choiceCount);
  },

  score(ballots: readonly Ballot[], choiceCount: number, onInvalid?: InvalidBallotHandler, powerTotal?: bigint): bigint[] {
    return additiveScore(scoring, ballots, choiceCount, onInvalid, powerTotal);
  },

  additive: scoring,
} satisfies VotingMethod;

/** Hands a ballot's votes to the sink `terms` was given, one term per choice used. */
class TermRoots implements CreditRoot {
  emit: TermSink = () => {};

  addSmall(indices: Uint16Array, roots: Float64Array, count: number): void {
    for (let slot = 0; slot < count; slot += 1) this.emit(indexKey(indices[slot] as number), BigInt(roots[slot] as number));
  }

  addLarge(index: number, credits: bigint): void {
    this.emit(indexKey(index), isqrtFloorFast(credits));
  }
}

const termRoots = new TermRoots();

/** The doubles are flushed before the roots added since the last flush could reach 2^53. */
const loadMax = 2 ** 52;

/**
 * Sums of roots per choice. Roots below 2^50 (credits below 10^30) are added in doubles, and
 * moved into the bigint sums before the roots added since the last flush could reach 2^52
 * (so no double passes 2^53 and every addition is exact); larger roots go to the bigints.
 */
class RootSums implements CreditRoot {
  private readonly sums: Float64Array;
  private readonly large: bigint[];
  private load = 0;

  constructor(choiceCount: number) {
    this.sums = new Float64Array(choiceCount);
    this.large = new Array<bigint>(choiceCount).fill(0n);
  }

  addSmall(indices: Uint16Array, roots: Float64Array, count: number): void {
    for (let slot = 0; slot < count; slot += 1) {
      const root = roots[slot] as number;
      if (this.load + root >= loadMax) this.flush();
      this.load += root;
      const index = indices[slot] as number;
      this.sums[index] = (this.sums[index] as number) + root;
    }
  }

  addLarge(index: number, credits: bigint): void {
    this.large[index] = (this.large[index] as bigint) + isqrtFloorFast(credits);
  }

  totals(): bigint[] {
    this.flush();
    return [...this.large];
  }

  private flush(): void {
    this.sums.forEach((sum, index) => {
      if (sum !== 0) this.large[index] = (this.large[index] as bigint) + BigInt(sum);
    });
    this.sums.fill(0);
    this.load = 0;
  }
}
