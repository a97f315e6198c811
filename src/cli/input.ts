import { randomUUID } from 'node:crypto';
import { PolityError } from '../kernel/errors.ts';
import { isValidId } from '../kernel/ids.ts';

/**
 * Checks of command-line values before anything is sent, so a mistake is named by its
 * flag. The server checks everything again; these only make the message clearer.
 */
const amountPattern = /^(0|[1-9][0-9]*)(\.[0-9]+)?$/;

/** Amounts stay the decimal strings the user typed: parsing them as numbers would round. */
export function checkAmount(text: string, flag: string): string {
  if (!amountPattern.test(text) || text.length > 80) {
    throw new PolityError(
      'amount_invalid',
      `${flag} "${text.slice(0, 80)}" is not a decimal amount such as "12.5" (digits and one point; no exponent, sign, comma or spaces)`,
    );
  }
  return text;
}

export function checkIdOption(text: string, flag: string): string {
  const shown = text.slice(0, 80); // before the type guard, which narrows `text` to never below
  if (!isValidId(text)) {
    throw new PolityError('id_invalid', `${flag} "${shown}" must be 1-128 characters of A-Z a-z 0-9 . _ : @ - starting with a letter or digit`);
  }
  return text;
}

/** A counting number (decimals, seconds, sequence numbers): small, so a JS number is exact. */
export function checkCount(text: string, flag: string, limits: { min: number; max: number }): number {
  const value = /^[0-9]{1,15}$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= limits.min && value <= limits.max)) {
    throw new PolityError('value_invalid', `${flag} "${text.slice(0, 80)}" must be a whole number from ${limits.min} to ${limits.max}`);
  }
  return value;
}

export interface ChosenId {
  id: string;
  generated: boolean;
}

/** Creates carry a client-chosen id so a retry is safe; without --id we choose one and print it. */
export function chooseId(option: string | undefined): ChosenId {
  return option === undefined ? { id: randomUUID(), generated: true } : { id: checkIdOption(option, '--id'), generated: false };
}
