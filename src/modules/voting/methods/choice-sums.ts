import { choicesMax } from '../limits.ts';

/** Keys of per-choice terms: the 0-based choice index as a string (made once, not per ballot). */
const choiceKeys: readonly string[] = Array.from({ length: choicesMax }, (_, index) => String(index));

/** The key of the raw score at `index` (a choice, or copeland's cell of the pairwise matrix), the inverse of indexPart. */
export function indexKey(index: number): string {
  return choiceKeys[index] ?? String(index);
}

/** The part of a key that is its raw score's 0-based index: the sum itself. */
export function indexPart(key: string, sum: bigint): { index: number; value: bigint } {
  return { index: Number(key), value: sum };
}

/** Scores that are the per-choice sums themselves (single-choice, basic, approval, quadratic-credits). */
export function rawScores(raw: readonly bigint[]): bigint[] {
  return [...raw];
}

/** Sums by raw score index as keyed terms (zeros left out), the inverse of indexPart. */
export function keyedByIndex(sums: readonly bigint[]): Map<string, bigint> {
  const keyed = new Map<string, bigint>();
  sums.forEach((sum, index) => {
    if (sum !== 0n) keyed.set(indexKey(index), sum);
  });
  return keyed;
}

/** The key of a term summed per group and choice: "group:index" (weighted: the weight sum W; quadratic: the exponent e). */
export function groupedKey(group: number, index: number): string {
  return `${group}:${index}`;
}

/** The group and the 0-based choice index of a groupedKey. */
export function readGroupedKey(key: string): { group: number; index: number } {
  const [group, index] = key.split(':').map(Number) as [number, number];
  return { group, index };
}
