import { choicesMax } from './limits.ts';

/**
 * Parsers for Snapshot's choice encodings, shared by the methods. Each returns a stable
 * reason code when the choice is not valid, so `validate` and `score` agree by construction.
 * They write into caller-provided typed arrays: a tally parses millions of ballots and
 * allocates nothing per ballot.
 */

/** A 1-based choice index: an integer number in 1..choiceCount. */
export function choiceIndexReason(choice: unknown, choiceCount: number): string | undefined {
  if (typeof choice !== 'number' || !Number.isInteger(choice)) return 'choice_not_integer';
  if (choice < 1 || choice > choiceCount) return 'choice_out_of_range';
  return undefined;
}

// Marks the choices seen in the current array; a fresh stamp per array avoids clearing it.
const seen = new Uint32Array(choicesMax + 1);
let stamp = 0;

function nextStamp(): number {
  stamp += 1;
  if (stamp === 0xffffffff) {
    seen.fill(0);
    stamp = 1;
  }
  return stamp;
}

/**
 * Reads an array of distinct choice indices into `out` (0-based, from `offset`). Returns the
 * number read, or a reason: choice_not_array, choice_too_long (more entries than choices),
 * choice_not_integer, choice_out_of_range, choice_duplicate (checked entry by entry, in order).
 */
export function readIndexList(choice: unknown, choiceCount: number, out: Uint16Array, offset: number): number | string {
  if (!Array.isArray(choice)) return 'choice_not_array';
  const length = choice.length;
  if (length > choiceCount) return 'choice_too_long';
  const mark = nextStamp();
  for (let position = 0; position < length; position += 1) {
    const entry: unknown = choice[position];
    if (typeof entry !== 'number' || !Number.isInteger(entry)) return 'choice_not_integer';
    if (entry < 1 || entry > choiceCount) return 'choice_out_of_range';
    if (seen[entry] === mark) return 'choice_duplicate';
    seen[entry] = mark;
    out[offset + position] = entry - 1;
  }
  return length;
}

/** A full ranking (ranked-choice, copeland): distinct indices, every choice once; else as readIndexList or ranking_incomplete. */
export function readRanking(choice: unknown, choiceCount: number, out: Uint16Array, offset: number): string | undefined {
  const read = readIndexList(choice, choiceCount, out, offset);
  if (typeof read === 'string') return read;
  return read === choiceCount ? undefined : 'ranking_incomplete';
}

/**
 * A choice map's key as a 0-based index: Polity takes only canonical keys ("1", "2", ...),
 * where Snapshot takes anything `Number()` reads as an index ("01", " 1", "1e0") and then
 * ignores its weight for every choice: a deviation on purpose, such keys are refused.
 */
export function mapKeyIndex(key: string, choiceCount: number): number | string {
  const length = key.length;
  const first = key.charCodeAt(0);
  if (length === 0 || first < 49 || first > 57) return 'choice_key_invalid';
  let value = first - 48;
  for (let position = 1; position < length; position += 1) {
    const code = key.charCodeAt(position);
    if (code < 48 || code > 57) return 'choice_key_invalid';
    if (value <= choicesMax) value = value * 10 + code - 48;
  }
  return value > choiceCount ? 'choice_out_of_range' : value - 1;
}

/** The non-zero entries of a weights map, parsed. */
export interface WeightEntries {
  count: number;
  /** 0-based choice indices, `count` of them. */
  readonly indices: Uint16Array;
  /** Their weights (safe integers > 0). */
  readonly weights: Float64Array;
  /** The sum of all weights (a safe integer > 0). */
  sum: number;
}

export function weightEntries(): WeightEntries {
  return { count: 0, indices: new Uint16Array(choicesMax), weights: new Float64Array(choicesMax), sum: 0 };
}

/**
 * A weights map (weighted, quadratic), by Snapshot's rules: a non-array object, at least one
 * key, every key a choice, every weight >= 0, at least one > 0. Polity also requires the
 * weights to be integers (Snapshot takes any number; its UI sends integers) with a sum that
 * is a safe integer, so every later step is exact. Reasons in order: choice_not_object,
 * choice_empty, then per key: choice_key_invalid, choice_out_of_range, weight_invalid,
 * weights_too_large; then weights_zero.
 */
export function readWeights(choice: unknown, choiceCount: number, out: WeightEntries): string | undefined {
  if (typeof choice !== 'object' || choice === null || Array.isArray(choice)) return 'choice_not_object';
  const map = choice as Record<string, unknown>;
  if (choiceCount <= probeChoicesMax && probeWeights(map, choiceCount, out)) return undefined;
  const keys = Object.keys(map);
  if (keys.length === 0) return 'choice_empty';
  let count = 0;
  let sum = 0;
  for (const key of keys) {
    const index = mapKeyIndex(key, choiceCount);
    if (typeof index === 'string') return index;
    const weight = map[key];
    if (typeof weight !== 'number' || !Number.isSafeInteger(weight) || weight < 0) return 'weight_invalid';
    // Partial sums of integers are exact while they stay safe; the first unsafe one is refused.
    sum += weight;
    if (sum > Number.MAX_SAFE_INTEGER) return 'weights_too_large';
    if (weight === 0) continue;
    out.indices[count] = index;
    out.weights[count] = weight;
    count += 1;
  }
  if (count === 0) return 'weights_zero';
  out.count = count;
  out.sum = sum;
  return undefined;
}

/** Up to this many choices, maps are read by probing the keys "1".."choiceCount" (see probeWeights). */
export const probeChoicesMax = 32;

/**
 * The fast path of readWeights: looks up "1".."choiceCount" (no key strings are made, unlike
 * Object.keys) and accepts the map only when every weight found is valid and the map has no
 * other property (as many values as keys found). Anything else returns false, and the full
 * reading finds the reason.
 */
function probeWeights(map: Record<number, unknown>, choiceCount: number, out: WeightEntries): boolean {
  let found = 0;
  let count = 0;
  let sum = 0;
  for (let number = 1; number <= choiceCount; number += 1) {
    const weight = map[number];
    if (weight === undefined) continue;
    found += 1;
    if (typeof weight !== 'number' || !Number.isSafeInteger(weight) || weight < 0) return false;
    sum += weight;
    if (weight === 0) continue;
    out.indices[count] = number - 1;
    out.weights[count] = weight;
    count += 1;
  }
  if (count === 0 || sum > Number.MAX_SAFE_INTEGER || Object.values(map).length !== found) return false;
  out.count = count;
  out.sum = sum;
  return true;
}

/** The valid full rankings of `ballots`, packed (choiceCount entries each, 0-based), with their powers; the others go to onInvalid. */
export function readRankings(
  ballots: readonly { choice: unknown; power: bigint }[],
  choiceCount: number,
  onInvalid: ((index: number, reason: string) => void) | undefined,
): { rankings: Uint16Array; powers: bigint[] } {
  const rankings = new Uint16Array(ballots.length * choiceCount);
  const powers: bigint[] = [];
  for (let index = 0; index < ballots.length; index += 1) {
    const ballot = ballots[index] as { choice: unknown; power: bigint };
    const reason = readRanking(ballot.choice, choiceCount, rankings, powers.length * choiceCount);
    if (reason === undefined) powers.push(ballot.power);
    else onInvalid?.(index, reason);
  }
  return { rankings, powers };
}
