import { randomBytes } from 'node:crypto';
import { PolityError } from './errors.ts';

/** Client-chosen ids: short, printable, URL-safe, so they can sit in paths and logs. */
export const idLengthMax = 128;
const idPattern = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$/;

export function isValidId(id: unknown): id is string {
  return typeof id === 'string' && idPattern.test(id);
}

export function checkId(id: unknown, what: string): string {
  if (!isValidId(id)) {
    throw new PolityError('id_invalid', `${what} must be 1-${idLengthMax} characters of A-Z a-z 0-9 . _ : @ - starting with a letter or digit`);
  }
  return id;
}

/** A fresh random id for things the server names itself (tokens, keys). Not for `apply`. */
export function newRandomId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}
