import { PolityError } from './errors.ts';

/** Decimals an asset may have: 0 (whole units, NFTs) to 18 (ERC-20 style tokens). */
export const decimalsMax = 18;
/** Largest magnitude we store: fits NUMERIC(78,0) and 128-bit accounting with room to spare. */
export const amountUnitsMax = (1n << 128n) - 1n;

const decimalPattern = /^(-?)(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;

export interface ParseAmountOptions {
  decimals: number;
  allowNegative?: boolean;
  allowZero?: boolean;
  /** Upper bound in base units (for example an asset's max supply). */
  maxUnits?: bigint;
}

/**
 * Parses a decimal string in token units ("12.5") into exact base units.
 * Rejects JSON numbers, exponents, signs other than a leading minus, and more fractional
 * digits than the asset has: every rounding would silently move value.
 */
export function parseAmount(text: unknown, options: ParseAmountOptions): bigint {
  const { decimals } = options;
  assertDecimals(decimals);
  if (typeof text !== 'string') {
    throw new PolityError('amount_not_string', 'amounts are decimal strings such as "12.5", not numbers', { value: String(text) });
  }
  const match = decimalPattern.exec(text);
  if (!match) {
    throw new PolityError('amount_invalid', `"${text.slice(0, 80)}" is not a decimal amount such as "12.5"`);
  }
  const [, sign, whole = '0', fraction = ''] = match;
  if (fraction.length > decimals) {
    throw new PolityError('amount_too_precise', `"${text}" has ${fraction.length} decimals; this asset has ${decimals}`);
  }
  const units = BigInt(whole + fraction.padEnd(decimals, '0')) * (sign === '-' ? -1n : 1n);
  return checkUnits(units, options, text);
}

/** Parses base units written as an integer string (the log and the database use these). */
export function parseUnits(text: string): bigint {
  if (!/^-?(0|[1-9][0-9]*)$/.test(text)) {
    throw new PolityError('amount_invalid', `"${text.slice(0, 80)}" is not an integer count of base units`);
  }
  return BigInt(text);
}

function checkUnits(units: bigint, options: ParseAmountOptions, text: string): bigint {
  if (units < 0n && !options.allowNegative) {
    throw new PolityError('amount_negative', `"${text}" is negative; this amount must not be`);
  }
  if (units === 0n && options.allowZero === false) {
    throw new PolityError('amount_zero', 'the amount must be greater than zero');
  }
  const magnitude = units < 0n ? -units : units;
  if (magnitude > amountUnitsMax) {
    throw new PolityError('amount_too_large', `"${text}" is larger than any amount Polity stores`);
  }
  if (options.maxUnits !== undefined && units > options.maxUnits) {
    throw new PolityError('amount_above_cap', `"${text}" is above the cap of ${formatAmount(options.maxUnits, options.decimals)}`);
  }
  return units;
}

/** Formats base units as the shortest exact decimal string: 12500000000000000000n, 18 -> "12.5". */
export function formatAmount(units: bigint, decimals: number): string {
  assertDecimals(decimals);
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString();
  if (decimals === 0) return (negative ? '-' : '') + digits;
  const padded = digits.padStart(decimals + 1, '0');
  const whole = padded.slice(0, padded.length - decimals);
  const fraction = padded.slice(padded.length - decimals).replace(/0+$/, '');
  return (negative ? '-' : '') + whole + (fraction ? `.${fraction}` : '');
}

function assertDecimals(decimals: number): void {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > decimalsMax) {
    throw new PolityError('decimals_invalid', `decimals must be an integer from 0 to ${decimalsMax}`);
  }
}

/** Floor division (towards negative infinity), unlike bigint `/` which truncates towards zero. */
export function divFloor(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  const quotient = numerator / denominator;
  const inexact = quotient * denominator !== numerator;
  return inexact && numerator < 0n !== denominator < 0n ? quotient - 1n : quotient;
}

/** Ceiling division (towards positive infinity). */
export function divCeil(numerator: bigint, denominator: bigint): bigint {
  return -divFloor(-numerator, denominator);
}

/** Largest integer r with r*r <= n (Newton's method on bigints). */
export function isqrtFloor(n: bigint): bigint {
  if (n < 0n) throw new RangeError('square root of a negative number');
  if (n < 2n) return n;
  let x = 1n << ((BigInt(n.toString(2).length) + 1n) / 2n);
  for (;;) {
    const next = (x + n / x) >> 1n;
    if (next >= x) return x;
    x = next;
  }
}
