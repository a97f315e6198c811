import { amountUnitsMax } from '../../../kernel/amount.ts';
import { mapKeyIndex } from '../choices.ts';
import { isqrtFloorFast } from '../isqrt.ts';
import { choicesMax } from '../limits.ts';
import type { Ballot, VotingMethod } from '../types.ts';

/**
 * Quadratic with credits (the classic quadratic voting of the Computronium paper): a voter
 * spends their power as credits over the choices, {"1": credits, "3": credits, ...}, credits
 * in the power's BASE units, each a safe integer or an integer decimal string. Votes on a
 * choice = isqrtFloor(credits spent on it), so v votes cost v^2 credits; a choice's score is
 * the sum of its votes. No rescaling: scores are votes, not power. Exact: each root is the
 * integer square root (floor), the only rounding, per ballot and choice.
 * Valid when: a non-array object with at least one key, every key a choice ("1", "2", ...),
 * every value a non-negative integer, at least one positive, and the credits together at most
 * the voter's power (credits_exceed_power, checked by validateBallot).
 * What holds: votes <= credits for every entry (isqrt(c) <= c), so the scores add up to at
 * most the credits spent, at most the valid power; per ballot the votes add up to at most
 * sqrt(choices used * power). Tie rule: the lowest-numbered among the top scores.
 */
export const quadraticCredits = {
  validate(choice: unknown, choiceCount: number): string | undefined {
    return readCredits(choice, choiceCount);
  },

  validateBallot(ballot: Ballot, choiceCount: number): string | undefined {
    return readCredits(ballot.choice, choiceCount) ?? (credits.sum > ballot.power ? 'credits_exceed_power' : undefined);
  },

  score(ballots: readonly Ballot[], choiceCount: number): bigint[] {
    // Roots of credits below 2^52 are below 2^26: summed in doubles they stay exact up to 2^27 ballots.
    const smallRoots = new Float64Array(choiceCount);
    const scores = new Array<bigint>(choiceCount).fill(0n);
    for (const ballot of ballots) {
      if (readCredits(ballot.choice, choiceCount) !== undefined || credits.sum > ballot.power) continue;
      for (let entry = 0; entry < credits.count; entry += 1) {
        const index = credits.indices[entry] as number;
        const small = credits.small[entry] as number;
        if (small >= 0) {
          smallRoots[index] = (smallRoots[index] as number) + smallRoot(small);
        } else {
          scores[index] = (scores[index] as bigint) + isqrtFloorFast(credits.large[entry] as bigint);
        }
      }
    }
    return scores.map((score, index) => score + BigInt(smallRoots[index] as number));
  },
} satisfies VotingMethod;

const smallLimit = 2 ** 52;
const creditsPattern = /^(0|[1-9][0-9]*)$/;
/** Digits of amountUnitsMax (2^128 - 1). */
const creditDigitsMax = 39;

/** The last parsed ballot's credits: values below 2^52 as doubles (small), larger ones as bigints (large, small = -1). */
const credits = {
  count: 0,
  indices: new Uint16Array(choicesMax),
  small: new Float64Array(choicesMax),
  large: new Array<bigint>(choicesMax).fill(0n),
  sum: 0n,
};

/** Parses a credits map into `credits`; reasons in order: choice_not_object, choice_empty, per key choice_key_invalid, choice_out_of_range, credits_invalid; then credits_zero. */
function readCredits(choice: unknown, choiceCount: number): string | undefined {
  if (typeof choice !== 'object' || choice === null || Array.isArray(choice)) return 'choice_not_object';
  const map = choice as Record<string, unknown>;
  const keys = Object.keys(map);
  if (keys.length === 0) return 'choice_empty';
  let count = 0;
  let smallSum = 0;
  let largeSum = 0n;
  for (const key of keys) {
    const index = mapKeyIndex(key, choiceCount);
    if (typeof index === 'string') return index;
    const value = readCredit(map[key]);
    if (value === undefined) return 'credits_invalid';
    if (value === 0) continue;
    credits.indices[count] = index;
    if (typeof value === 'number') {
      credits.small[count] = value;
      // Doubles add integers exactly below 2^53: move the running sum to the bigint before it gets there.
      if (smallSum >= smallLimit) {
        largeSum += BigInt(smallSum);
        smallSum = 0;
      }
      smallSum += value;
    } else {
      credits.small[count] = -1;
      credits.large[count] = value;
      largeSum += value;
    }
    count += 1;
  }
  if (count === 0) return 'credits_zero';
  credits.count = count;
  credits.sum = largeSum + BigInt(smallSum);
  return undefined;
}

/** A credit value: a double below 2^52, a bigint above, undefined when not a non-negative integer. */
function readCredit(value: unknown): number | bigint | undefined {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) return undefined;
    return value < smallLimit ? value : BigInt(value);
  }
  if (typeof value !== 'string' || value.length > creditDigitsMax || !creditsPattern.test(value)) return undefined;
  // Up to 15 digits a decimal string reads exactly as a double.
  if (value.length <= 15) return Number(value);
  const units = BigInt(value);
  return units > amountUnitsMax ? undefined : units;
}

/** isqrtFloor for integers below 2^52, in doubles (exact: the products are below 2^53). */
function smallRoot(value: number): number {
  let root = Math.floor(Math.sqrt(value));
  while (root * root > value) root -= 1;
  while ((root + 1) * (root + 1) <= value) root += 1;
  return root;
}
