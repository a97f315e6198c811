import { randomBytes, timingSafeEqual } from 'node:crypto';
import { sha256Hex } from '../kernel/hash.ts';
import type { AccessState, ApiToken } from './state.ts';

/** Bearer tokens read `pol_<tokenId>.<secret>`: the id finds the token, the secret proves it. */
const tokenPattern = /^pol_([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{43})$/;

export interface IssuedToken {
  tokenId: string;
  secretHash: string;
  /** Shown once to whoever asked for it; only its hash is stored. */
  bearer: string;
}

export function issueToken(tokenId: string): IssuedToken {
  const secret = randomBytes(32).toString('base64url');
  return { tokenId, secretHash: sha256Hex(secret), bearer: `pol_${tokenId}.${secret}` };
}

/** The token a bearer string names, if it is genuine and not revoked. */
export function resolveBearer(access: AccessState, bearer: string): ApiToken | undefined {
  const match = tokenPattern.exec(bearer);
  if (!match) return undefined;
  const [, tokenId = '', secret = ''] = match;
  const token = access.tokens.get(tokenId);
  if (!token || token.revoked) return undefined;
  const given = Buffer.from(sha256Hex(secret), 'hex');
  const stored = Buffer.from(token.secretHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored) ? token : undefined;
}
