import { mapKeyIndex, probeChoicesMax } from '../choices.ts';
import { choicesMax } from '../limits.ts';
import type { Ballot } from '../types.ts';

/**
 * Parsing and square roots of quadratic-credits ballots, exact but mostly in doubles: a tally
 * takes millions of them. A credit value is held in one of three forms:
 * - below 2^52: a double (exact);
 * - a decimal string of 16 to 30 digits: two doubles, high * 10^15 + low (each exact);
 * - anything larger (up to 2^128 - 1): a bigint.
 * The ballot's total is kept the same way while parsing: sumHigh * 10^15 + sumLow + sumLarge.
 */

/** Receives the votes of a valid ballot. */
export interface CreditRoot {
  /** A root below 2^50. */
  addSmall(index: number, root: number): void;
  /** Credits whose root is taken in bigints. */
  addLarge(index: number, credits: bigint): void;
}

const smallLimit = 2 ** 52;
const splitDigits = 15;
const splitFactor = 1e15;
const splitFactorUnits = 10n ** 15n;
/** 2^128 - 1 has 39 digits. */
const creditDigitsMax = 39;
const creditUnitsMax = (1n << 128n) - 1n;

/** The last parsed ballot. kind: 0 double (small), 1 high/low pair, 2 bigint (large). */
const parsed = {
  count: 0,
  indices: new Uint16Array(choicesMax),
  kinds: new Uint8Array(choicesMax),
  small: new Float64Array(choicesMax),
  high: new Float64Array(choicesMax),
  large: new Array<bigint>(choicesMax).fill(0n),
  sumHigh: 0,
  sumLow: 0,
  sumLarge: 0n,
  /** Set when sumHigh passed 2^52 (beyond 4.5 * 10^30 credits): the doubles may have rounded. */
  sumInexact: false,
};

function reset(): void {
  parsed.count = 0;
  parsed.sumHigh = 0;
  parsed.sumLow = 0;
  parsed.sumLarge = 0n;
  parsed.sumInexact = false;
}

/**
 * Parses a credits map into `parsed`; reasons in order: choice_not_object, choice_empty, then
 * per key choice_key_invalid, choice_out_of_range, credits_invalid; then credits_zero.
 */
export function readCredits(choice: unknown, choiceCount: number): string | undefined {
  if (typeof choice !== 'object' || choice === null || Array.isArray(choice)) return 'choice_not_object';
  const map = choice as Record<string, unknown>;
  if (choiceCount <= probeChoicesMax && probeCredits(map, choiceCount)) return undefined;
  const keys = Object.keys(map);
  if (keys.length === 0) return 'choice_empty';
  reset();
  for (const key of keys) {
    const index = mapKeyIndex(key, choiceCount);
    if (typeof index === 'string') return index;
    if (!readCredit(map[key], index)) return 'credits_invalid';
  }
  return parsed.count === 0 ? 'credits_zero' : undefined;
}

/**
 * The fast path (as probeWeights in choices.ts): looks up "1".."choiceCount" and accepts the
 * map only when all are valid, one is positive and the map has no other property.
 */
function probeCredits(map: Record<number, unknown>, choiceCount: number): boolean {
  reset();
  let found = 0;
  for (let number = 1; number <= choiceCount; number += 1) {
    const value = map[number];
    if (value === undefined) continue;
    found += 1;
    if (!readCredit(value, number - 1)) return false;
  }
  return parsed.count > 0 && Object.values(map).length === found;
}

/** Validates a whole ballot (credits within the power) and, when `roots` is given, adds its votes. */
export function creditsReason(ballot: Ballot, choiceCount: number, roots?: CreditRoot): string | undefined {
  const reason = readCredits(ballot.choice, choiceCount);
  if (reason !== undefined) return reason;
  if (exceedsPower(ballot.power)) return 'credits_exceed_power';
  if (roots) addRoots(roots);
  return undefined;
}

/** Reads one value into the next slot (zeros are skipped); false when it is not a non-negative integer. */
function readCredit(value: unknown, index: number): boolean {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) return false;
    if (value === 0) return true;
    if (value < smallLimit) addSmall(index, value);
    else addLarge(index, BigInt(value));
    return true;
  }
  if (typeof value !== 'string') return false;
  const length = value.length;
  if (length === 0 || length > creditDigitsMax || (length > 1 && value.charCodeAt(0) === 48)) return false;
  const split = length > splitDigits ? length - splitDigits : 0;
  let high = 0;
  let low = 0;
  for (let position = 0; position < split; position += 1) {
    const digit = value.charCodeAt(position) - 48;
    if (digit < 0 || digit > 9) return false;
    high = high * 10 + digit;
  }
  for (let position = split; position < length; position += 1) {
    const digit = value.charCodeAt(position) - 48;
    if (digit < 0 || digit > 9) return false;
    low = low * 10 + digit;
  }
  if (length <= splitDigits) {
    if (low !== 0) addSmall(index, low);
  } else if (split <= splitDigits) {
    addPair(index, high, low);
  } else {
    const units = BigInt(value);
    if (units > creditUnitsMax) return false;
    addLarge(index, units);
  }
  return true;
}

function addSmall(index: number, value: number): void {
  const slot = parsed.count;
  parsed.indices[slot] = index;
  parsed.kinds[slot] = 0;
  parsed.small[slot] = value;
  parsed.count = slot + 1;
  // value < 2^52 may exceed 10^15: split it (both parts exact).
  const low = value % splitFactor;
  addToSum((value - low) / splitFactor, low);
}

/** 16 to 30 digits: high and low are below 10^15, exact doubles. */
function addPair(index: number, high: number, low: number): void {
  const slot = parsed.count;
  parsed.indices[slot] = index;
  parsed.kinds[slot] = 1;
  parsed.high[slot] = high;
  parsed.small[slot] = low;
  parsed.count = slot + 1;
  addToSum(high, low);
}

function addLarge(index: number, value: bigint): void {
  const slot = parsed.count;
  parsed.indices[slot] = index;
  parsed.kinds[slot] = 2;
  parsed.large[slot] = value;
  parsed.count = slot + 1;
  parsed.sumLarge += value;
}

/** Keeps sumLow below 10^15 by carrying; sumHigh is exact while below 2^52 (sumInexact says when not). */
function addToSum(high: number, low: number): void {
  let sumLow = parsed.sumLow + low;
  let sumHigh = parsed.sumHigh + high;
  if (sumLow >= splitFactor) {
    sumLow -= splitFactor;
    sumHigh += 1;
  }
  parsed.sumLow = sumLow;
  parsed.sumHigh = sumHigh;
  if (sumHigh > smallLimit) parsed.sumInexact = true;
}

/**
 * Whether the credits add up to more than `power`. A double estimate decides when it is clearly
 * on one side (its error is far below the 2^-40 margin). Otherwise (a voter who spends all
 * their power always lands here) the sum S and the power differ by less than 2^-40 of the
 * power; below 2^90 that is less than 2^50, so S - power is read off their low 52 bits
 * (modulo 2^52, in exact doubles). Larger values are compared in bigints.
 */
function exceedsPower(power: bigint): boolean {
  const { sumHigh, sumLow, sumLarge } = parsed;
  if (parsed.sumInexact) return exactSum() > power;
  const estimate = sumHigh * splitFactor + sumLow + (sumLarge === 0n ? 0 : Number(sumLarge));
  const powerEstimate = Number(power);
  if (estimate < powerEstimate * (1 - 2 ** -40)) return false;
  if (estimate > powerEstimate * (1 + 2 ** -40)) return true;
  if (sumLarge !== 0n || power >= lowBitsPowerMax) return BigInt(sumHigh) * splitFactorUnits + BigInt(sumLow) + sumLarge > power;
  const sumBits = (timesSplitFactorLow52(sumHigh) + sumLow) % two52;
  const difference = (sumBits - Number(BigInt.asUintN(52, power)) + two52) % two52;
  return difference !== 0 && difference < two51;
}

const two26 = 2 ** 26;
const two51 = 2 ** 51;
const two52 = 2 ** 52;
/** Below 2^90, 2^-40 of the power (and so |S - power| in the exact branch) is below 2^50. */
const lowBitsPowerMax = 1n << 90n;
const factorHigh = Math.floor(splitFactor / two26);
const factorLow = splitFactor - factorHigh * two26;

/**
 * (value * 10^15) mod 2^52 for a safe integer value, exactly: with value = h * 2^26 + l and
 * 10^15 = H * 2^26 + L, the product is h*H*2^52 + (h*L + l*H)*2^26 + l*L; every partial product
 * is below 2^53 and the cross terms are reduced modulo 2^26 before they are shifted.
 */
function timesSplitFactorLow52(value: number): number {
  const high = Math.floor(value / two26);
  const low = value - high * two26;
  const cross = (((high * factorLow) % two26) + ((low * factorHigh) % two26)) % two26;
  return (cross * two26 + low * factorLow) % two52;
}

/** The credits of the last parsed ballot added up in bigints. */
function exactSum(): bigint {
  let sum = 0n;
  for (let slot = 0; slot < parsed.count; slot += 1) {
    const kind = parsed.kinds[slot];
    if (kind === 0) sum += BigInt(parsed.small[slot] as number);
    else if (kind === 1) sum += BigInt(parsed.high[slot] as number) * splitFactorUnits + BigInt(parsed.small[slot] as number);
    else sum += parsed.large[slot] as bigint;
  }
  return sum;
}

function addRoots(roots: CreditRoot): void {
  for (let slot = 0; slot < parsed.count; slot += 1) {
    const index = parsed.indices[slot] as number;
    const kind = parsed.kinds[slot];
    if (kind === 0) {
      roots.addSmall(index, smallRoot(parsed.small[slot] as number));
    } else if (kind === 1) {
      const high = parsed.high[slot] as number;
      const low = parsed.small[slot] as number;
      const root = pairRoot(high, low);
      if (root >= 0) roots.addSmall(index, root);
      else roots.addLarge(index, BigInt(high) * splitFactorUnits + BigInt(low));
    } else {
      roots.addLarge(index, parsed.large[slot] as bigint);
    }
  }
}

/** isqrtFloor for integers below 2^52, in doubles (exact: the products are below 2^53). */
export function smallRoot(value: number): number {
  let root = Math.floor(Math.sqrt(value));
  while (root * root > value) root -= 1;
  while ((root + 1) * (root + 1) <= value) root += 1;
  return root;
}

/**
 * isqrtFloor(high * 10^15 + low) when the double square root decides it, else -1. The double
 * estimate s of the root has a relative error below 2^-51 (two roundings of the value, one of
 * the root); when s is farther than s * 2^-49 from an integer, floor(s) is the exact floor.
 * Otherwise (about one value in 500 near 10^24) the caller takes the bigint root.
 */
export function pairRoot(high: number, low: number): number {
  const estimate = Math.sqrt(high * splitFactor + low);
  const root = Math.floor(estimate);
  const fraction = estimate - root;
  const margin = estimate * 2 ** -49;
  return fraction > margin && fraction < 1 - margin ? root : -1;
}
