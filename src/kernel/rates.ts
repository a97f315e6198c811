import { parseAmount } from './amount.ts';
import { PolityError } from './errors.ts';

/** The source documents' calendar: a month is a twelfth of a Julian year. */
export const monthSeconds = 2_629_800;
export const yearSeconds = 31_557_600;
export const daySeconds = 86_400;

/** Parts per million of the whole: 1,000,000 ppm is 100 %. */
export const ppmWhole = 1_000_000n;

/**
 * A percentage written as a decimal string ("2.5" is 2.5 %) as exact parts per million.
 * Four decimals at most (0.0001 % = 1 ppm): anything finer would be rounded away silently.
 */
export function percentToPpm(text: string): bigint {
  let ppm: bigint;
  try {
    ppm = parseAmount(text, { decimals: 4, allowZero: true });
  } catch (error) {
    throw new PolityError('percent_invalid', `"${String(text).slice(0, 40)}" is not a percentage such as "2.5" (at most 4 decimals)`, {
      cause: error instanceof Error ? error.message : String(error),
    });
  }
  if (ppm > ppmWhole) throw new PolityError('percent_invalid', `"${text}" is above 100 %`);
  return ppm;
}

/** A decimal multiplier ("1.5") as parts per million (1.5 -> 1,500,000). */
export function multiplierToPpm(text: string): bigint {
  try {
    return parseAmount(text, { decimals: 6, allowZero: true });
  } catch (error) {
    throw new PolityError('multiplier_invalid', `"${String(text).slice(0, 40)}" is not a multiplier such as "1.5" (at most 6 decimals)`, {
      cause: error instanceof Error ? error.message : String(error),
    });
  }
}

/** `units` times a ppm rate, rounded down: the share a rate gives, never more. */
export function sharePpmFloor(units: bigint, ppm: bigint): bigint {
  return (units * ppm) / ppmWhole;
}

/** Formats ppm back as a percentage string: 25,000 -> "2.5". */
export function ppmToPercent(ppm: bigint): string {
  const whole = ppm / 10_000n;
  const fraction = (ppm % 10_000n).toString().padStart(4, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : `${whole}`;
}
