/** Payload text to exact numbers, with the failure as a rejection rather than a throw. */
import { type Rejected, rejected } from '../../engine/types.ts';
import { formatAmount, parseAmount } from '../../kernel/amount.ts';
import { isPolityError } from '../../kernel/errors.ts';
import { multiplierToPpm, percentToPpm, ppmWhole } from '../../kernel/rates.ts';
import { votingMultiplierMax } from './limits.ts';

function rejectionOf(code: string, what: string, error: unknown): Rejected {
  if (isPolityError(error)) return rejected(code, `${what}: ${error.message}`);
  throw error;
}

/** Token units in base units, above zero, with no more decimals than the asset has. */
export function parseUnits(text: string, decimals: number, what: string): bigint | Rejected {
  try {
    return parseAmount(text, { decimals, allowZero: false });
  } catch (error) {
    return rejectionOf('amount_invalid', what, error);
  }
}

/** The canonical spelling of an amount, so "1000" and "1000.0" name the same minimum. */
export function normalizedAmount(units: bigint, decimals: number): string {
  return formatAmount(units, decimals);
}

export function parsePercent(text: string | undefined, what: string): bigint | Rejected {
  if (text === undefined) return 0n;
  try {
    return percentToPpm(text);
  } catch (error) {
    return rejectionOf('percent_invalid', what, error);
  }
}

/** A voting multiplier: at least 1x (a stake never lowers a vote), at most votingMultiplierMax. */
export function parseMultiplier(text: string | undefined): bigint | Rejected {
  if (text === undefined) return ppmWhole;
  let ppm: bigint;
  try {
    ppm = multiplierToPpm(text);
  } catch (error) {
    return rejectionOf('multiplier_invalid', 'votingMultiplier', error);
  }
  if (ppm < ppmWhole || ppm > multiplierToPpm(votingMultiplierMax)) {
    return rejected('multiplier_invalid', `votingMultiplier ${text} is outside 1 to ${votingMultiplierMax}`);
  }
  return ppm;
}

export function isRejected(value: unknown): value is Rejected {
  return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false;
}
