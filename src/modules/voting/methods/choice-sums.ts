import { choicesMax } from '../limits.ts';

/** Keys of per-choice terms: the 0-based choice index as a string (made once, not per ballot). */
export const choiceKeys: readonly string[] = Array.from({ length: choicesMax }, (_, index) => String(index));

/** A per-choice key's part: the sum itself, on the choice the key names. */
export function choicePart(key: string, sum: bigint): { index: number; value: bigint } {
  return { index: Number(key), value: sum };
}

/** Scores that are the per-choice sums themselves (single-choice, basic, approval, quadratic-credits). */
export function rawScores(raw: readonly bigint[]): bigint[] {
  return [...raw];
}

/** Per-choice sums as keyed terms (zeros left out). */
export function keyedByChoice(perChoice: readonly bigint[]): Map<string, bigint> {
  const sums = new Map<string, bigint>();
  perChoice.forEach((sum, index) => {
    if (sum !== 0n) sums.set(choiceKeys[index] as string, sum);
  });
  return sums;
}
