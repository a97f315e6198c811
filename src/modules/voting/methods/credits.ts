import { mapKeyIndex, probeChoicesMax } from '../choices.ts';
import { choicesMax } from '../limits.ts';
import type { Ballot } from '../types.ts';

/**
 * Parsing and square roots of quadratic-credits ballots, exact but in doubles wherever a
 * double is provably exact: a tally takes millions of them. A credit value is held in one of
 * three forms:
 * - small: a number below 2^52 (exact);
 * - pair: a decimal string of 16 to 30 digits, as two doubles high * 10^15 + low, each an
 *   integer below 10^15 (exact);
 * - large: anything bigger (up to 2^128 - 1), a bigint.
 * The ballot's total is kept the same way while parsing: sumHigh * 10^15 + sumLow + sumLarge.
 * Where the time goes (1,000,000 ballots of 1 to 10 credits of ~24 digits): reading the
 * digits (String.charCodeAt, about 2 ns a character), Object.values (the check that a map
 * has no other key) and the map lookups; the arithmetic around them is small.
 */

/** Receives the votes of a valid ballot. */
export interface CreditRoot {
  /** Adds roots[i] (each below 2^50) to choice indices[i] (0-based), for i below count. */
  addSmall(indices: Uint16Array, roots: Float64Array, count: number): void;
  /** Credits of 2^52 and more that are not a pair (numbers of 2^52 and more, strings of 31 to 39 digits), rooted in bigints. */
  addLarge(index: number, credits: bigint): void;
}

const smallLimit = 2 ** 52;
const splitDigits = 15;
const splitFactor = 1e15;
const splitFactorUnits = 10n ** 15n;
/** 2^128 - 1 has 39 digits. */
const creditDigitsMax = 39;
const creditUnitsMax = (1n << 128n) - 1n;

/** Forms of a parsed credit value. */
const small = 0;
const pair = 1;
const large = 2;

/**
 * The last parsed ballot: `count` entries, entry i the credits on choice indices[i] (0-based)
 * in form kinds[i]: small in low[i], pair in high[i] and low[i], large in large[i].
 */
const parsed = {
  count: 0,
  indices: new Uint16Array(choicesMax),
  kinds: new Uint8Array(choicesMax),
  high: new Float64Array(choicesMax),
  low: new Float64Array(choicesMax),
  large: new Array<bigint>(choicesMax).fill(0n),
  /** The roots addRoots hands over, on the choices rootIndices. */
  roots: new Float64Array(choicesMax),
  rootIndices: new Uint16Array(choicesMax),
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
  if (choiceCount <= probeChoicesMax) {
    // How many own enumerable properties the map has: when "1".."choiceCount" hold that many
    // values, it has no other property.
    const size = Object.values(map).length;
    if (probePairs(map, choiceCount, size) || probeCredits(map, choiceCount, size)) return undefined;
  }
  return readCreditsByKey(map, choiceCount);
}

/** The full reading, key by key in Object.keys order, which finds the first reason. */
function readCreditsByKey(map: Record<string, unknown>, choiceCount: number): string | undefined {
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
 * The fastest path, for maps whose values are all strings of 16 to 30 digits (the usual
 * credits of an 18-decimal token): as probeCredits, with the sums in local doubles. It accepts
 * only what probeCredits accepts, and gives up (false) on anything else, valid or not, which
 * probeCredits and then the full reading parse again from scratch.
 */
function probePairs(map: Record<number, unknown>, choiceCount: number, size: number): boolean {
  let count = 0;
  let sumHigh = 0;
  let sumLow = 0;
  for (let number = 1; number <= choiceCount; number += 1) {
    const value = map[number];
    if (value === undefined) continue;
    if (typeof value !== 'string' || !readPair(value, count)) return false;
    parsed.indices[count] = number - 1;
    parsed.kinds[count] = pair;
    // As addToSum: sumLow stays below 10^15; sumHigh is exact unless it passes 2^52 (flagged below).
    sumLow += parsed.low[count] as number;
    sumHigh += parsed.high[count] as number;
    if (sumLow >= splitFactor) {
      sumLow -= splitFactor;
      sumHigh += 1;
    }
    count += 1;
  }
  if (count === 0 || count !== size) return false;
  parsed.count = count;
  parsed.sumHigh = sumHigh;
  parsed.sumLow = sumLow;
  parsed.sumLarge = 0n;
  parsed.sumInexact = sumHigh > smallLimit;
  return true;
}

/**
 * The fast path (as probeWeights in choices.ts): looks up "1".."choiceCount" and accepts the
 * map only when all are valid, one is positive and the map has no other property (as many
 * values found as it has, `size`).
 */
function probeCredits(map: Record<number, unknown>, choiceCount: number, size: number): boolean {
  reset();
  let found = 0;
  for (let number = 1; number <= choiceCount; number += 1) {
    const value = map[number];
    if (value === undefined) continue;
    found += 1;
    if (!readCredit(value, number - 1)) return false;
  }
  return parsed.count > 0 && found === size;
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
  if (typeof value === 'string') return readCreditString(value, index);
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) return false;
  if (value === 0) return true;
  if (value < smallLimit) addSmall(index, value);
  else addLarge(index, BigInt(value));
  return true;
}

/**
 * A decimal string: no sign, no leading zero, at most 39 digits. Up to 15 digits it is small,
 * 16 to 30 a pair; longer ones are checked digit by digit, then read by BigInt().
 */
function readCreditString(value: string, index: number): boolean {
  const length = value.length;
  if (length === 0 || length > creditDigitsMax || (length > 1 && value.charCodeAt(0) === 48)) return false;
  if (length <= splitDigits) {
    const units = decimalDigits(value, 0, length);
    if (units < 0) return false;
    if (units !== 0) addSmall(index, units);
    return true;
  }
  if (length <= 2 * splitDigits) {
    if (!readPair(value, parsed.count)) return false;
    addPair(index);
    return true;
  }
  for (let from = 0; from < length; from += splitDigits) {
    if (decimalDigits(value, from, Math.min(from + splitDigits, length)) < 0) return false;
  }
  const units = BigInt(value);
  if (units > creditUnitsMax) return false;
  addLarge(index, units);
  return true;
}

/** The number written by value[from, to) (at most 15 characters, so exact), or -1 when one is not an ASCII digit. */
function decimalDigits(value: string, from: number, to: number): number {
  let result = 0;
  for (let position = from; position < to; position += 1) {
    const digit = value.charCodeAt(position) - 48;
    if (digit < 0 || digit > 9) return -1;
    result = result * 10 + digit;
  }
  return result;
}

/**
 * Reads a string of 16 to 30 digits, the first not 0, into parsed.high[slot] and
 * parsed.low[slot] (high = the number before the last 15 digits, low = the number they write);
 * false, writing nothing, for any other string. Each half is read as two int32 chains of at
 * most 8 digits (below 10^8 < 2^31, so `| 0` never truncates a valid digit string) and joined
 * as chain * 10^8 + chain, an integer below 10^15 (exact). A digit d = charCode - 48 (an int32
 * in [-48, 65487]) is valid when d and 9 - d are both >= 0; the bitwise or of all of them then
 * has a clear sign bit, and a set one otherwise.
 */
function readPair(value: string, slot: number): boolean {
  const length = value.length;
  if (length <= splitDigits || length > 2 * splitDigits || value.charCodeAt(0) === 48) return false;
  const lowFrom = length - splitDigits;
  const highMiddle = lowFrom > 8 ? lowFrom - 8 : 0;
  const lowMiddle = length - 8;
  let signs = 0;
  let highTop = 0;
  let highBottom = 0;
  let lowTop = 0;
  let lowBottom = 0;
  for (let position = 0; position < highMiddle; position += 1) {
    const digit = value.charCodeAt(position) - 48;
    signs |= digit | (9 - digit);
    highTop = (highTop * 10 + digit) | 0;
  }
  for (let position = highMiddle; position < lowFrom; position += 1) {
    const digit = value.charCodeAt(position) - 48;
    signs |= digit | (9 - digit);
    highBottom = (highBottom * 10 + digit) | 0;
  }
  for (let position = lowFrom; position < lowMiddle; position += 1) {
    const digit = value.charCodeAt(position) - 48;
    signs |= digit | (9 - digit);
    lowTop = (lowTop * 10 + digit) | 0;
  }
  for (let position = lowMiddle; position < length; position += 1) {
    const digit = value.charCodeAt(position) - 48;
    signs |= digit | (9 - digit);
    lowBottom = (lowBottom * 10 + digit) | 0;
  }
  if (signs < 0) return false;
  parsed.high[slot] = highTop * 1e8 + highBottom;
  parsed.low[slot] = lowTop * 1e8 + lowBottom;
  return true;
}

function addSmall(index: number, value: number): void {
  const slot = parsed.count;
  parsed.indices[slot] = index;
  parsed.kinds[slot] = small;
  parsed.low[slot] = value;
  parsed.count = slot + 1;
  // A number below 2^52 may pass 10^15: split it. The quotient q = value / 10^15 is below 5 and,
  // value being an integer, at least 10^-15 below the next integer, more than half a double's
  // spacing there (2^-51); so the rounded quotient has the same floor as q, and high * 10^15
  // and the difference are integers below 2^53, exact.
  const high = value < splitFactor ? 0 : Math.floor(value / splitFactor);
  addToSum(high, value - high * splitFactor);
}

/** The pair readPair just wrote into the next slot. */
function addPair(index: number): void {
  const slot = parsed.count;
  parsed.indices[slot] = index;
  parsed.kinds[slot] = pair;
  parsed.count = slot + 1;
  addToSum(parsed.high[slot] as number, parsed.low[slot] as number);
}

function addLarge(index: number, value: bigint): void {
  const slot = parsed.count;
  parsed.indices[slot] = index;
  parsed.kinds[slot] = large;
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
 * Whether the credits add up to more than `power`. Ballots with large credits, or whose double
 * sum may have rounded, are compared in bigints. Otherwise a double estimate decides when it is
 * clearly on one side (its error is far below the 2^-40 margin). Else (a voter who spends all
 * their power always lands here) the sum S and the power differ by at most 2^-40 of the power
 * plus the estimates' errors (below 2^-51 of it); below 2^90 that is less than 2^51, so
 * S - power is read off their residues modulo 2^52 (exact doubles). Number(power) is at least
 * 2^90 whenever power is (rounding is monotone), so the residue branch only sees powers below
 * 2^90; larger ones are compared in bigints.
 */
function exceedsPower(power: bigint): boolean {
  if (parsed.sumInexact || parsed.sumLarge !== 0n) return exactSum() > power;
  const sumHigh = parsed.sumHigh;
  const sumLow = parsed.sumLow;
  const estimate = sumHigh * splitFactor + sumLow;
  const powerEstimate = Number(power);
  if (estimate < powerEstimate * (1 - 2 ** -40)) return false;
  if (estimate > powerEstimate * (1 + 2 ** -40)) return true;
  if (powerEstimate >= lowBitsPowerMax) return exactSum() > power;
  // |S - power| < 2^51, and difference = S - power modulo 2^52, in (-2^52, 2^52).
  const difference = pairLow52(sumHigh, sumLow) - Number(BigInt.asUintN(52, power));
  return (difference > 0 && difference < two51) || difference < -two51;
}

const two15 = 2 ** 15;
const two18 = 2 ** 18;
const two19 = 2 ** 19;
const two26 = 2 ** 26;
const two37 = 2 ** 37;
const two51 = 2 ** 51;
const two52 = 2 ** 52;
/** Below 2^90, 2^-40 of the power (and so |S - power| in the residue branch) is below 2^51. */
const lowBitsPowerMax = 2 ** 90;
/** 10^15 = 5^15 * 2^15, and 5^15 = fiveHigh * 2^19 + fiveLow (fiveHigh < 2^16, fiveLow < 2^19). */
const five15 = 5 ** 15;
const fiveHigh = Math.floor(five15 / two19);
const fiveLow = five15 - fiveHigh * two19;

/**
 * value mod `power` (a power of two) for an integer 0 <= value < 2^53, as value -
 * floor(value * 2^-k) * power: scaling by a power of two, the floor, the product and the
 * difference are all exact, and no fmod (a slow library call) is needed. 1 / power is exact and
 * folds to a constant where the call is inlined, leaving a multiplication instead of a division.
 */
function modPowerOfTwo(value: number, power: number): number {
  return value - Math.floor(value * (1 / power)) * power;
}

/**
 * (high * 10^15 + low) mod 2^52 for integers 0 <= high <= 2^52 and 0 <= low < 10^15, exactly,
 * in doubles. high * 10^15 mod 2^52 = (high * 5^15 mod 2^37) * 2^15, and high * 5^15 mod 2^37
 * only depends on x = high mod 2^37. With x = xh * 2^19 + xl (xh < 2^18, xl < 2^19):
 * x * 5^15 = xh*fiveHigh*2^38 + (xh*fiveLow + xl*fiveHigh)*2^19 + xl*fiveLow, and modulo 2^37
 * the first term vanishes and the middle one only keeps (its sum mod 2^18) * 2^19. Every
 * intermediate is an integer below 2^53 (the middle sum below 2^37 + 2^35, the last sum
 * below 2^39, the result before the final reduction below 2^52 + 2^50), so all are exact.
 */
export function pairLow52(high: number, low: number): number {
  const x = modPowerOfTwo(high, two37);
  const xh = Math.floor(x / two19);
  const xl = x - xh * two19;
  const middle = modPowerOfTwo(xh * fiveLow + xl * fiveHigh, two18);
  const product = modPowerOfTwo(middle * two19 + xl * fiveLow, two37);
  const sum = product * two15 + low;
  return sum >= two52 ? sum - two52 : sum;
}

/** The credits of the last parsed ballot added up in bigints. */
function exactSum(): bigint {
  let sum = 0n;
  for (let slot = 0; slot < parsed.count; slot += 1) {
    const kind = parsed.kinds[slot];
    if (kind === small) sum += BigInt(parsed.low[slot] as number);
    else if (kind === pair) sum += BigInt(parsed.high[slot] as number) * splitFactorUnits + BigInt(parsed.low[slot] as number);
    else sum += parsed.large[slot] as bigint;
  }
  return sum;
}

/** Takes the roots of the last parsed ballot; they go to `roots` in one call (no double crosses a call boundary boxed). */
function addRoots(roots: CreditRoot): void {
  let count = 0;
  for (let slot = 0; slot < parsed.count; slot += 1) {
    const kind = parsed.kinds[slot];
    if (kind === large) {
      roots.addLarge(parsed.indices[slot] as number, parsed.large[slot] as bigint);
      continue;
    }
    parsed.roots[count] = kind === pair ? pairRoot(parsed.high[slot] as number, parsed.low[slot] as number) : smallRoot(parsed.low[slot] as number);
    parsed.rootIndices[count] = parsed.indices[slot] as number;
    count += 1;
  }
  if (count > 0) roots.addSmall(parsed.rootIndices, parsed.roots, count);
}

/** isqrtFloor for integers below 2^52, in doubles (exact: the products are below 2^53). */
export function smallRoot(value: number): number {
  let root = Math.floor(Math.sqrt(value));
  while (root * root > value) root -= 1;
  while ((root + 1) * (root + 1) <= value) root += 1;
  return root;
}

/**
 * isqrtFloor(V) for V = high * 10^15 + low (integers 1 <= high < 10^15, 0 <= low < 10^15, so
 * 10^15 <= V < 10^30), exactly, in doubles.
 * The estimate s = fl(sqrt(fl(fl(high * 10^15) + low))) is within 2^-52 * s (plus terms of
 * order 2^-104) of sqrt(V), with u = 2^-53: the two roundings of V give a relative error of at
 * most 2u + u^2, which the square root halves, and rounding the root adds u. So when the
 * fraction of s is farther than s * 2^-50 from 0 and from 1 (four times that bound; the
 * fraction s - floor(s) is exact, s * 2^-50 too), no integer lies between s and sqrt(V), and
 * floor(s) is the floor of sqrt(V). Otherwise (about one value in 500 near 10^24, and most
 * near 10^30, where s * 2^-50 nears 1) r, the integer nearest to s, is within 1/2 + 1/4 of
 * sqrt(V) (s * 2^-52 < 1/4 as s < 10^15 + 1 < 2^50), so |r^2 - V| = |r - sqrt(V)| *
 * (r + sqrt(V)) <= 3/4 * (2^51 + 1) < 2^51; r^2 - V is then the residue of r^2 - V modulo
 * 2^52 brought into [-2^51, 2^51), and the floor is r when r^2 <= V, else r - 1 (as r - 1 <
 * sqrt(V) < r + 1). The roots are below 10^15 < 2^50.
 */
export function pairRoot(high: number, low: number): number {
  const estimate = Math.sqrt(high * splitFactor + low);
  const root = Math.floor(estimate);
  const fraction = estimate - root;
  const margin = estimate * 2 ** -50;
  if (fraction > margin && fraction < 1 - margin) return root;
  // The rare exact correction is a call that returns a boolean: every root stays an unboxed
  // double (a call returning the root would make the compiler box all of them).
  const nearest = fraction < 0.5 ? root : root + 1;
  return squareAtMost(nearest, high, low) ? nearest : nearest - 1;
}

/** Whether r^2 <= high * 10^15 + low, for r within 3/4 of the square root (see pairRoot). */
function squareAtMost(root: number, high: number, low: number): boolean {
  let difference = squareLow52(root) - pairLow52(high, low);
  if (difference >= two51) difference -= two52;
  else if (difference < -two51) difference += two52;
  return difference <= 0;
}

/**
 * r^2 mod 2^52 for an integer 0 <= r < 2^50, exactly: with r = a * 2^26 + b (a < 2^24,
 * b < 2^26), r^2 = a^2 * 2^52 + 2ab * 2^26 + b^2, so modulo 2^52 it is (2ab mod 2^26) * 2^26 +
 * b^2 reduced once more; 2ab < 2^51, b^2 < 2^52 and their reduced sum below 2^53: all exact.
 */
function squareLow52(root: number): number {
  const a = Math.floor(root / two26);
  const b = root - a * two26;
  return modPowerOfTwo(modPowerOfTwo(2 * a * b, two26) * two26 + b * b, two52);
}
